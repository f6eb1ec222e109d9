/*
 * cmd_grade.c: `pacta grade ANSWERS` (also `pacta test --answers ANSWERS`),
 * grading a student's answer file against the engine's own analysis of the
 * exercise it names. The format and the scoring are in
 * docs/answers-format.md; the grading and its rendering are in libpacta.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: pacta grade [--rules DIR] [--format text|json] ANSWERS\n"
    "       pacta test --answers ANSWERS [--rules DIR] [--format text|json]\n"
    "\n"
    "Grades a student's answer file (docs/answers-format.md): checks the scenario\n"
    "it names, compares each answered finding's verdict, elements, exceptions and\n"
    "considerations with the engine's analysis, gives a point for each that is\n"
    "right, and explains each lost point with the step of the analysis that\n"
    "decides it and the facts that step used. The last line is 'N passed, N\n"
    "failed', counting answers that earned every point.\n"
    "\n"
    "  --rules DIR      the rulebase (default as for pacta check)\n"
    "  --format FORMAT  text (default) or json\n"
    "\n"
    "exit status: 0 every answer passed, 1 an answer lost a point, 2 bad usage or\n"
    "a malformed answer file or scenario (file:line:column on standard error).\n";

int cmd_grade_wanted(int argc, char **argv)
{
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strncmp(argv[i], "--answers", 9) == 0 && (argv[i][9] == '\0' || argv[i][9] == '='))
            return 1;
    return 0;
}

int cmd_grade(int argc, char **argv)
{
    const char *answers = NULL;
    const cli_tool_option extra[] = {{"--answers", &answers, NULL}, {NULL, NULL, NULL}};
    cli_tool_args a;
    int status = cli_parse_tool_args(argc, argv, extra, &a);
    if (status != CLI_EXIT_OK)
        return status;
    if (a.help)
        return cli_tool_help(usage);
    if (answers && a.operand)
        return cli_tool_usage(argv[0], "one answer file only; '%s' is one too many", a.operand);
    if (!answers)
        answers = a.operand;
    if (!answers)
        return cli_tool_usage(argv[0], "no ANSWERS file given");
    pacta_rulebase *rb = cli_load_rulebase(cli_rules_dir(a.rules));
    if (!rb)
        return CLI_EXIT_BAD;
    pacta_grade *g = NULL;
    pacta_error err;
    if (pacta_grade_file(&g, rb, answers, &err) != PACTA_OK) {
        cli_print_error(&err);
        pacta_rulebase_free(rb);
        return CLI_EXIT_BAD;
    }
    pacta_status rendered = pacta_grade_render(g, a.format, cli_write_stdout, NULL);
    status = pacta_grade_failed(g) ? CLI_EXIT_FINDING : CLI_EXIT_OK;
    pacta_grade_free(g);
    pacta_rulebase_free(rb);
    return cli_tool_output(rendered, a.format, status);
}
