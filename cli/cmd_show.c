/*
 * cmd_show.c: `pacta show INSTRUMENT[/PROVISION]`, what the rules hold
 * about an instrument or one of its provisions: the words and their
 * source, the citation, the rules that use it and the authorities they rely
 * on. Exit status 0, or 2 for bad usage, rules that do not load, or an
 * unknown instrument or provision.
 */
#include <stdio.h>

#include "cli.h"

static const char usage[] =
    "usage: pacta show [--rules DIR] [--format text|json] INSTRUMENT[/PROVISION]\n"
    "\n"
    "With a provision (refugee-convention/art_33__para_1): its text and the\n"
    "source it was read in, its eId and citation, the rules and the elements,\n"
    "exceptions and considerations that use it, and the interpretations they\n"
    "rely on. With an instrument alone: its adoption, entry into force (and\n"
    "the clause and delay for later parties), denunciation, non-reservable\n"
    "provisions, number of party records, and every provision with its uses.\n"
    "\n"
    "  --rules DIR      the rulebase (default as for pacta check)\n"
    "  --format FORMAT  text (default) or json\n"
    "\n"
    "exit status: 0, or 2 for bad usage, rules that do not load, or an unknown\n"
    "instrument or provision.\n";

int cmd_show(int argc, char **argv)
{
    cli_tool_args a;
    int status = cli_parse_tool_args(argc, argv, NULL, &a);
    if (status != CLI_EXIT_OK)
        return status;
    if (a.help)
        return cli_tool_help(usage);
    if (!a.operand)
        return cli_tool_usage("show", "no INSTRUMENT given");
    pacta_rulebase *rb = cli_load_rulebase(cli_rules_dir(a.rules));
    if (!rb)
        return CLI_EXIT_BAD;
    pacta_show *sh = NULL;
    pacta_error err;
    if (pacta_show_new(&sh, rb, a.operand, &err) != PACTA_OK) {
        cli_print_error(&err);
        pacta_rulebase_free(rb);
        return CLI_EXIT_BAD;
    }
    pacta_status rendered = pacta_show_render(sh, a.format, a.flags, cli_write_stdout, NULL);
    pacta_show_free(sh);
    pacta_rulebase_free(rb);
    return cli_tool_output(rendered, a.format, CLI_EXIT_OK);
}
