/*
 * cmd_timeline.c: `pacta timeline STATE [--on DATE]`, a state's binding
 * record under every instrument of the rules, each line with its citation,
 * and with --on what bound it that day and why (--format svg draws it).
 * Exit status 0, or 2 for bad usage, rules that do not load, an unknown
 * state or a malformed date.
 */
#include <stdio.h>

#include "cli.h"

static const char usage[] =
    "usage: pacta timeline [--rules DIR] [--format text|json|svg] [--on DATE] STATE\n"
    "\n"
    "Prints STATE's binding timeline, instrument by instrument: signature,\n"
    "consent and its type, entry into force (computed with the instrument's\n"
    "clause), reservations, denunciations and the route through another\n"
    "instrument, each line with the sources it rests on. STATE is a code of\n"
    "rules/states.yaml (CN) or a state's name.\n"
    "\n"
    "  --on DATE        also say what bound STATE on DATE (YYYY-MM-DD, or\n"
    "                   YYYY-MM / YYYY for a range of days) and why\n"
    "  --rules DIR      the rulebase (default as for pacta check)\n"
    "  --format FORMAT  text (default), json, or svg: the record drawn, one lane\n"
    "                   per instrument, a bar while it bound STATE, a line at DATE\n"
    "\n"
    "exit status: 0, or 2 for bad usage, rules that do not load, an unknown\n"
    "state or a malformed date.\n";

int cmd_timeline(int argc, char **argv)
{
    const char *on = NULL;
    cli_tool_option options[] = {{"--on", &on, NULL}, {NULL, NULL, NULL}};
    cli_tool_args a;
    int status = cli_parse_tool_args(argc, argv, options, &a);
    if (status != CLI_EXIT_OK)
        return status;
    if (a.help)
        return cli_tool_help(usage);
    if (!a.operand)
        return cli_tool_usage("timeline", "no STATE given");
    pacta_rulebase *rb = cli_load_rulebase(cli_rules_dir(a.rules));
    if (!rb)
        return CLI_EXIT_BAD;
    pacta_timeline *tl = NULL;
    pacta_error err;
    if (pacta_timeline_new(&tl, rb, a.operand, on, &err) != PACTA_OK) {
        cli_print_error(&err);
        pacta_rulebase_free(rb);
        return CLI_EXIT_BAD;
    }
    pacta_status rendered = pacta_timeline_render(tl, a.format, a.flags, cli_write_stdout, NULL);
    pacta_timeline_free(tl);
    pacta_rulebase_free(rb);
    return cli_tool_output(rendered, a.format, CLI_EXIT_OK);
}
