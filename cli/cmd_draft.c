/*
 * cmd_draft.c: `pacta draft [--date YYYY-MM-DD] [--explain] FILE`, a report's
 * text read into a draft scenario (or, with --explain, the list of what was
 * read where). Exit status 0, or 2 for bad usage, rules that do not load,
 * or a text that cannot be read (empty, binary, not UTF-8, too large).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: pacta draft [--rules DIR] [--date YYYY-MM-DD] [--explain] FILE|-\n"
    "\n"
    "Reads a report (a news article, an NGO statement, a UN briefing) as plain\n"
    "UTF-8 text and prints a draft scenario that `pacta check` reads as it is:\n"
    "who acted, what they did, to whom, where to and when, and the facts the\n"
    "text states, each value with a comment quoting the words and the line it\n"
    "was read from. What the text does not give is a '?' comment, never a\n"
    "guess; an event missing a required field is printed as comments. The\n"
    "words it looks for are the cues of rules/draft.yaml.\n"
    "\n"
    "  --date DATE      the article's date, for \"on Monday\", \"last week\" and\n"
    "                   dates without a year (default: the text's dateline)\n"
    "  --explain        list every extraction instead: line:column, kind, cue,\n"
    "                   the quoted span and what it was read as\n"
    "  --rules DIR      the rulebase (default as for pacta check)\n"
    "\n"
    "exit status: 0, or 2 for bad usage, rules that do not load, or a text\n"
    "that cannot be read (empty, binary, invalid UTF-8, over the input limit).\n";

int cmd_draft(int argc, char **argv)
{
    const char *date = NULL;
    int explanation = 0;
    cli_tool_option options[] = {{"--date", &date, NULL}, {"--explain", NULL, &explanation},
                                 {NULL, NULL, NULL}};
    cli_tool_args a;
    int status = cli_parse_tool_args(argc, argv, options, &a);
    if (status != CLI_EXIT_OK)
        return status;
    if (a.help)
        return cli_tool_help(usage);
    if (!a.operand)
        return cli_tool_usage("draft", "no FILE given");
    if (a.format != PACTA_FORMAT_TEXT)
        return cli_tool_usage("draft", "the draft is YAML; --format does not apply");
    pacta_rulebase *rb = cli_load_rulebase(cli_rules_dir(a.rules));
    if (!rb)
        return CLI_EXIT_BAD;
    size_t len = 0;
    char *text = cli_read_input(a.operand, &len);
    if (!text) {
        pacta_rulebase_free(rb);
        return CLI_EXIT_BAD;
    }
    pacta_draft *d = NULL;
    pacta_error err;
    const char *name = strcmp(a.operand, "-") == 0 ? "<stdin>" : a.operand;
    pacta_status st = pacta_draft_new(&d, rb, name, text, len, date, &err);
    free(text);
    if (st != PACTA_OK) {
        if (st == PACTA_EUSAGE)
            status = cli_tool_usage("draft", "%s", err.message);
        else
            cli_print_error(&err);
        pacta_rulebase_free(rb);
        return CLI_EXIT_BAD;
    }
    pacta_status rendered = pacta_draft_render(d, explanation, cli_write_stdout, NULL);
    pacta_draft_free(d);
    pacta_rulebase_free(rb);
    return cli_tool_output(rendered, PACTA_FORMAT_TEXT, CLI_EXIT_OK);
}
