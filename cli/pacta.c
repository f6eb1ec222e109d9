/*
 * pacta.c: the pacta command. It parses arguments, hands files to the
 * library and maps results to exit statuses (0 nothing found, 1 a
 * violation or a failed expectation, 2 bad usage or input). Everything
 * about the law and about rendering is in libpacta.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char usage_text[] =
    "usage: pacta check [--rules DIR] [--format text|json|markdown|html] [--all] [--explain]\n"
    "                   [--cite bluebook|oscola|plain] [--json-shape v1|v2]\n"
    "                   [--assume FACT=VALUE]...\n"
    "                   [--counterfactuals] FILE...\n"
    "       pacta check --batch FILE [--jobs N] [--detail compact|full] [--receipt FILE]\n"
    "                   [--rules DIR]\n"
    "       pacta test [--rules DIR] FILE... [--coverage [--format text|json]]\n"
    "       pacta lint [--rules DIR] [--examples DIR] [--format text|json] [--strict]\n"
    "       pacta timeline [--rules DIR] [--format text|json|svg] [--on DATE] STATE\n"
    "       pacta show [--rules DIR] [--format text|json] INSTRUMENT[/PROVISION]\n"
    "       pacta grade [--rules DIR] [--format text|json] ANSWERS  (or test --answers)\n"
    "       pacta draft [--rules DIR] [--date YYYY-MM-DD] [--explain] FILE|-\n"
    "       pacta new > FILE.yaml\n"
    "       pacta --version [--rules DIR] | --help\n"
    "\n"
    "Checks what states did, as told in scenario FILEs (YAML, several documents\n"
    "per file allowed; \"-\" reads standard input), against the treaty obligations\n"
    "that bound them on the day.\n"
    "\n"
    "commands:\n"
    "  check            print the findings for every scenario\n"
    "  test             compare the findings with each scenario's expect: block\n"
    "  lint             check the rules themselves (pacta lint --help)\n"
    "  timeline         a state's binding timeline (pacta timeline --help)\n"
    "  show             an instrument or provision, its uses and authorities\n"
    "  grade            grade a student's answer file (pacta grade --help)\n"
    "  draft            draft a scenario from a report's text (pacta draft --help)\n"
    "  new              print a commented scenario to start from\n"
    "\n";

/* In two strings: C11 promises string literals of only 4095 bytes. */
static const char usage_options[] =
    "options:\n"
    "  --rules DIR      the rulebase; default $PACTA_RULES, else ./rules if it\n"
    "                   holds vocabulary.yaml, else the installed rules\n"
    "  --format FORMAT  text (default): a summary table, then a paragraph per\n"
    "                   finding, in colour on a terminal (not with NO_COLOR);\n"
    "                   json: one JSON object per scenario, each on its own line;\n"
    "                   markdown: a memo; html: one self-contained page\n"
    "  --all            text, markdown, html: also show not_applicable findings\n"
    "  --explain        text: each finding as a numbered legal analysis (Issue,\n"
    "                   Rule, Application, Conclusion); markdown and html are\n"
    "                   always so; json: add each finding's steps and facts\n"
    "  --json-shape v1  json: the shape of pacta 0.1 (each finding repeats its\n"
    "                   sources, text, steps and facts); kept for one version\n"
    "  --cite STYLE     cite treaties as bluebook, oscola or plain (text, markdown,\n"
    "                   and a \"formatted\" member in JSON citations)\n"
    "  --assume FACT=VALUE  check as if FACT had VALUE (repeatable): STATE.fact,\n"
    "                   EVENT.fact or PERSON.fact = true|false|unknown,\n"
    "                   PERSON.status = refugee|asylum_seeker|undetermined|migrant|\n"
    "                   national, EVENT.date = YYYY[-MM[-DD]]; marks the verdicts\n"
    "                   that change (\"changed: BEFORE -> AFTER\")\n"
    "  --counterfactuals  for each violation, the smallest sets of facts whose\n"
    "                   change would defeat it; for each undetermined finding, what\n"
    "                   each value of its missing facts gives (--explain too)\n"
    "  --coverage       test: report which rules, elements, exceptions and\n"
    "                   provisions the scenarios exercise, and which none does\n"
    "  --batch FILE     check a stream of scenarios (\"-\": standard input): JSON\n"
    "                   Lines if its first non-blank character is '{', else YAML\n"
    "                   documents; write one JSON line per scenario, in input\n"
    "                   order, an {\"error\": ...} object for a bad scenario, and\n"
    "                   go on; a progress line goes to stderr if it is a terminal\n"
    "  --jobs N         with --batch: check on N threads (default 1)\n"
    "  --detail LEVEL   with --batch: compact (default: a header line with the\n"
    "                   rulebase, then per scenario its index, title and per\n"
    "                   finding rule, verdict, events, instrument, provision,\n"
    "                   basis, missing facts) or full (the --format json object)\n"
    "  --receipt FILE   with --batch: write the header line to FILE instead\n"
    "\n"
    "exit status: 0 no violation (test: every expectation met), 1 a violation\n"
    "(test: an expectation failed), 2 bad usage or bad input. With --batch, after\n"
    "the whole stream: 2 if any scenario was bad, else 1 if any violation, else 0.\n"
    "\n"
    "The manual: man pacta, man 5 pacta-scenario (the scenario format), man 3\n"
    "pacta (the C library); in the source tree, docs/.\n";

static int print_usage(FILE *out)
{
    return fputs(usage_text, out) < 0 || fputs(usage_options, out) < 0 ? -1 : 0;
}

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
static int usage_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("pacta: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputs("\nTry 'pacta --help'.\n", stderr);
    va_end(ap);
    return CLI_EXIT_BAD;
}

/* ------------------------------------------------------------ arguments */

typedef struct args {
    const char *command;
    const char *rules;
    pacta_format format;
    unsigned flags;
    char **files;      /* the FILE arguments, pointing into argv */
    size_t file_count;
    int help;
    const char *batch; /* --batch FILE */
    const char *jobs;  /* --jobs N */
    unsigned job_count;
    const char *detail;  /* --detail compact|full */
    const char *receipt; /* --receipt FILE */
    int full;
    int format_given;
    int json_shape_given;
    int coverage;      /* test --coverage */
    char **assume;     /* check --assume FACT=VALUE, pointing into argv */
    size_t assume_count;
    unsigned whatif;   /* PACTA_WHATIF_COUNTERFACTUALS with --counterfactuals */
} args;

static int parse_format(const char *value, pacta_format *out)
{
    if (strcmp(value, "text") == 0)
        *out = PACTA_FORMAT_TEXT;
    else if (strcmp(value, "json") == 0)
        *out = PACTA_FORMAT_JSON;
    else if (strcmp(value, "markdown") == 0)
        *out = PACTA_FORMAT_MARKDOWN;
    else if (strcmp(value, "html") == 0)
        *out = PACTA_FORMAT_HTML;
    else
        return usage_error("unknown format '%s' (use text, json, markdown or html)", value);
    return CLI_EXIT_OK;
}

static int parse_cite(const char *value, unsigned *flags)
{
    for (int s = PACTA_CITE_PLAIN; s < PACTA_CITE_STYLE_COUNT; s++)
        if (strcmp(value, pacta_cite_style_name((pacta_cite_style)s)) == 0) {
            *flags |= PACTA_RENDER_CITE(s);
            return CLI_EXIT_OK;
        }
    return usage_error("unknown citation style '%s' (use bluebook, oscola or plain)", value);
}

/* --batch reads one stream and writes JSON Lines; --jobs goes with it. */
static int check_batch_args(args *a)
{
    if (!a->batch)
        return usage_error("check: %s needs --batch",
                           a->jobs ? "--jobs" : a->detail ? "--detail" : "--receipt");
    if (a->detail && strcmp(a->detail, "compact") != 0 && strcmp(a->detail, "full") != 0)
        return usage_error("check: --detail is compact or full, not '%s'", a->detail);
    a->full = a->detail && strcmp(a->detail, "full") == 0;
    if (a->json_shape_given && !a->full)
        return usage_error("check: --json-shape shapes the full objects: add --detail full");
    if (a->full && a->receipt)
        return usage_error("check: --receipt goes with --detail compact (full objects name their rulebase)");
    if (a->file_count > 0)
        return usage_error("check: --batch reads FILE only; '%s' is one file too many",
                           a->files[0]);
    if (a->format != PACTA_FORMAT_JSON && a->format_given)
        return usage_error("check: --batch writes JSON Lines; --format text does not apply");
    if (a->jobs) {
        char *end;
        errno = 0;
        unsigned long n = strtoul(a->jobs, &end, 10);
        if (errno || end == a->jobs || *end || a->jobs[0] == '-' || n < 1 || n > 256)
            return usage_error("check: --jobs takes a number of threads from 1 to 256, not '%s'",
                               a->jobs);
        a->job_count = (unsigned)n;
    }
    return CLI_EXIT_OK;
}

/*
 * Options may stand anywhere after the command; "--" ends them and "-" is a
 * file (standard input). check takes --format, --all, --explain and --cite;
 * test takes --coverage, and --format with it.
 */
static int parse_args(int argc, char **argv, args *a)
{
    int is_check = strcmp(a->command, "check") == 0, only_files = 0, m;
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i], *value = NULL;
        if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
            a->files[a->file_count++] = argv[i];
        } else if (strcmp(arg, "--") == 0) {
            only_files = 1;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            a->help = 1;
        } else if ((m = cli_option_value(argc, argv, &i, "--rules", &value)) != 0) {
            if (m < 0)
                return usage_error("option '%s' needs a value", arg);
            a->rules = value;
        } else if ((m = cli_option_value(argc, argv, &i, "--format", &value)) != 0) {
            if (m < 0)
                return usage_error("option '%s' needs a value", arg);
            if (parse_format(value, &a->format) != CLI_EXIT_OK)
                return CLI_EXIT_BAD;
            a->format_given = 1;
        } else if (is_check && strcmp(arg, "--all") == 0) {
            a->flags |= PACTA_RENDER_ALL;
        } else if (is_check && (m = cli_option_value(argc, argv, &i, "--json-shape", &value)) != 0) {
            if (m < 0)
                return usage_error("option '%s' needs a value", arg);
            if (strcmp(value, "v1") == 0)
                a->flags |= PACTA_RENDER_JSON_V1;
            else if (strcmp(value, "v2") != 0)
                return usage_error("unknown JSON shape '%s' (use v2, or v1 for the old one)", value);
            a->json_shape_given = 1;
        } else if (is_check && strcmp(arg, "--explain") == 0) {
            a->flags |= PACTA_RENDER_EXPLAIN;
        } else if (is_check && (m = cli_option_value(argc, argv, &i, "--cite", &value)) != 0) {
            if (m < 0)
                return usage_error("option '%s' needs a value", arg);
            if (parse_cite(value, &a->flags) != CLI_EXIT_OK)
                return CLI_EXIT_BAD;
        } else if (!is_check && strcmp(arg, "--coverage") == 0) {
            a->coverage = 1;
        } else if (is_check && (m = cli_option_value(argc, argv, &i, "--assume", &value)) != 0) {
            if (m < 0)
                return usage_error("option '%s' needs a value", arg);
            a->assume[a->assume_count++] = (char *)value;
        } else if (is_check && strcmp(arg, "--counterfactuals") == 0) {
            a->whatif |= PACTA_WHATIF_COUNTERFACTUALS;
        } else if (is_check && ((m = cli_option_value(argc, argv, &i, "--batch", &value)) != 0 ||
                                (m = cli_option_value(argc, argv, &i, "--jobs", &value)) != 0 ||
                                (m = cli_option_value(argc, argv, &i, "--detail", &value)) != 0 ||
                                (m = cli_option_value(argc, argv, &i, "--receipt", &value)) != 0)) {
            if (m < 0)
                return usage_error("option '%s' needs a value", arg);
            *(strncmp(arg, "--batch", 7) == 0    ? &a->batch
              : strncmp(arg, "--jobs", 6) == 0   ? &a->jobs
              : strncmp(arg, "--detail", 8) == 0 ? &a->detail
                                                 : &a->receipt) = value;
        } else {
            return usage_error("%s: unknown option '%s'", a->command, arg);
        }
    }
    if (!is_check && a->format_given &&
        (!a->coverage || a->format == PACTA_FORMAT_MARKDOWN || a->format == PACTA_FORMAT_HTML))
        return usage_error("test: --format text|json goes with --coverage");
    int batch = a->batch || a->jobs || a->detail || a->receipt;
    if (batch && (a->assume_count || a->whatif))
        return usage_error("check: --batch takes no --assume or --counterfactuals");
    if (batch)
        return check_batch_args(a);
    if (a->json_shape_given && a->format != PACTA_FORMAT_JSON)
        return usage_error("check: --json-shape shapes the JSON output: add --format json");
    if (!a->help && a->file_count == 0)
        return usage_error("%s: no scenario FILE given", a->command);
    return CLI_EXIT_OK;
}

/* ------------------------------------------------------------ output */

static int write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

/* Flushes stdout; a failure (disk full, closed pipe) is an error too. */
static int finish_output(int status)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fputs("pacta: cannot write the output\n", stderr);
        return CLI_EXIT_BAD;
    }
    return status;
}

/* Checks every scenario; reports[i] for scenario i. Prints the error and returns -1 on failure. */
static int check_all(const pacta_rulebase *rb, const cli_scenarios *sc, pacta_report **reports,
                     const pacta_assumptions *as, unsigned whatif)
{
    for (size_t i = 0; i < sc->count; i++) {
        pacta_error err;
        if (pacta_check_assuming(&reports[i], rb, sc->items[i], as, whatif, &err) != PACTA_OK) {
            cli_print_error(&err);
            return -1;
        }
    }
    return 0;
}

static void free_reports(pacta_report **reports, size_t n)
{
    for (size_t i = 0; reports && i < n; i++)
        pacta_report_free(reports[i]);
    free(reports);
}

/* ------------------------------------------------------------ check */

/* Colour for people at a terminal, unless NO_COLOR (https://no-color.org) is set and not empty. */
static unsigned colour_flag(pacta_format format)
{
    const char *no_colour = getenv("NO_COLOR");
    if (format != PACTA_FORMAT_TEXT || (no_colour && *no_colour) || !isatty(STDOUT_FILENO))
        return 0;
    return PACTA_RENDER_COLOR;
}

static int print_reports(const args *a, const pacta_rulebase *rb, pacta_report **reports, size_t n)
{
    int status = CLI_EXIT_OK;
    unsigned flags = a->flags | colour_flag(a->format);
    if (a->format == PACTA_FORMAT_HTML && n > 1) {
        fprintf(stderr, "pacta: --format html writes one page for one scenario; %zu were given\n", n);
        return CLI_EXIT_BAD;
    }
    for (size_t i = 0; i < n; i++) {
        if (a->format == PACTA_FORMAT_TEXT && i > 0)
            fputc('\n', stdout);
        else if (a->format == PACTA_FORMAT_MARKDOWN && i > 0)
            fputs("\n---\n\n", stdout); /* one memo per scenario, each with its own notes */
        pacta_status st = pacta_render(reports[i], rb, a->format, flags, write_stdout, NULL);
        if (st == PACTA_EIO) {
            fputs("pacta: cannot write the output\n", stderr);
            return CLI_EXIT_BAD;
        }
        if (st != PACTA_OK) {
            fprintf(stderr, "pacta: cannot render the report: %s\n", pacta_status_name(st));
            return CLI_EXIT_BAD;
        }
        if (a->format == PACTA_FORMAT_JSON)
            fputc('\n', stdout); /* one object per line: JSON Lines */
        if (pacta_report_count(reports[i], PACTA_VIOLATION) > 0)
            status = CLI_EXIT_FINDING;
    }
    return status;
}

static int run_check(const args *a, const pacta_rulebase *rb, const cli_scenarios *sc,
                     pacta_report **reports)
{
    /* an explanation says what would change each finding, and the page is one */
    int explains = (a->flags & PACTA_RENDER_EXPLAIN) || a->format == PACTA_FORMAT_HTML;
    unsigned whatif = a->whatif | (explains ? PACTA_WHATIF_COUNTERFACTUALS : 0);
    pacta_assumptions *as = cli_assumptions(rb, a->assume, a->assume_count);
    int failed = !as || check_all(rb, sc, reports, as, whatif) != 0;
    pacta_assumptions_free(as);
    if (failed)
        return CLI_EXIT_BAD;
    return finish_output(print_reports(a, rb, reports, sc->count));
}

/* ------------------------------------------------------------ test */

/* One line per expectation; returns 1 if it passed. */
static int report_expectation(const char *name, const pacta_expectation_view *v)
{
    printf("%s %s:%u: %s %s/%s", v->matched ? "PASS" : "FAIL", name, v->line, v->event,
           v->instrument, v->provision);
    if (v->rule)
        printf(" [%s]", v->rule);
    if (v->matched) {
        printf(" %s\n", pacta_verdict_name(v->expected));
        return 1;
    }
    printf("\n  expected: %-16s actual: ", pacta_verdict_name(v->expected));
    if (v->found == 0)
        printf("no finding selected\n");
    else
        printf("%s (%zu finding%s selected)\n", pacta_verdict_name(v->actual), v->found,
               v->found == 1 ? "" : "s");
    return 0;
}

/* With --coverage --format json the coverage object is the whole output; the exit status still tells. */
static int run_test(const args *a, const pacta_rulebase *rb, const cli_scenarios *sc,
                    pacta_report **reports)
{
    size_t passed = 0, failed = 0;
    int quiet = a->coverage && a->format == PACTA_FORMAT_JSON;
    if (check_all(rb, sc, reports, NULL, 0) != 0)
        return CLI_EXIT_BAD;
    for (size_t i = 0; i < sc->count; i++) {
        const char *name = pacta_scenario_name(sc->items[i]);
        size_t n = pacta_scenario_expectation_count(sc->items[i]);
        if (n == 0 && !quiet)
            printf("NOTE %s: no expect: block, nothing to test\n", name);
        for (size_t k = 0; k < n; k++) {
            pacta_expectation_view v = pacta_expectation_check(sc->items[i], k, reports[i]);
            if (quiet ? v.matched : report_expectation(name, &v))
                passed++;
            else
                failed++;
        }
    }
    if (!quiet)
        printf("%zu passed, %zu failed\n", passed, failed);
    if (a->coverage && cli_print_coverage(rb, reports, sc->count, a->format) != CLI_EXIT_OK)
        return CLI_EXIT_BAD;
    return finish_output(failed ? CLI_EXIT_FINDING : CLI_EXIT_OK);
}

/* ------------------------------------------------------------ main */

/* Loads the rulebase and every scenario, then runs the command on them. */
static int run(const args *a)
{
    cli_scenarios sc = {0};
    pacta_report **reports = NULL;
    int status = CLI_EXIT_BAD;
    pacta_rulebase *rb = cli_load_rulebase(cli_rules_dir(a->rules));
    if (!rb)
        return CLI_EXIT_BAD;
    if (cli_load_scenarios(rb, a->files, a->file_count, &sc) == 0) {
        reports = calloc(sc.count, sizeof *reports);
        if (!reports)
            fputs("pacta: out of memory\n", stderr);
        else if (strcmp(a->command, "check") == 0)
            status = run_check(a, rb, &sc, reports);
        else
            status = run_test(a, rb, &sc, reports);
    }
    free_reports(reports, sc.count);
    cli_scenarios_free(&sc);
    pacta_rulebase_free(rb);
    return status;
}

static int command(int argc, char **argv)
{
    args a = {0};
    a.command = argv[0];
    a.format = PACTA_FORMAT_TEXT;
    if (strcmp(argv[0], "test") == 0 && cmd_grade_wanted(argc, argv))
        return cmd_grade(argc, argv); /* test --answers: grading */
    a.files = calloc((size_t)argc, sizeof *a.files);
    a.assume = calloc((size_t)argc, sizeof *a.assume);
    if (!a.files || !a.assume) {
        free(a.files);
        free(a.assume);
        fputs("pacta: out of memory\n", stderr);
        return CLI_EXIT_BAD;
    }
    int status = parse_args(argc - 1, argv + 1, &a);
    if (status == CLI_EXIT_OK && a.help)
        status = finish_output(print_usage(stdout) < 0 ? CLI_EXIT_BAD : CLI_EXIT_OK);
    else if (status == CLI_EXIT_OK && a.batch)
        status = cli_check_batch(a.rules, a.batch, a.job_count, a.full, a.receipt,
                                 a.flags & PACTA_RENDER_JSON_V1);
    else if (status == CLI_EXIT_OK)
        status = run(&a);
    free(a.files);
    free(a.assume);
    return status;
}

/*
 * pacta --version [--rules DIR]: the CLI's version, the library's actually
 * linked, and the identity of the rules an answer would be given under (the
 * digest that every JSON report also carries).
 */
static int print_version(int argc, char **argv)
{
    const char *rules = NULL;
    for (int i = 1; i < argc; i++) {
        int m = cli_option_value(argc, argv, &i, "--rules", &rules);
        if (m < 0)
            return usage_error("option '%s' needs a value", argv[i]);
        if (m == 0)
            return usage_error("--version takes --rules DIR only, not '%s'", argv[i]);
    }
    printf("pacta %s (libpacta %s)\n", PACTA_VERSION_STRING, pacta_version());
    const char *dir = cli_rules_dir(rules);
    pacta_rulebase *rb = cli_load_rulebase(dir);
    if (!rb) {
        finish_output(CLI_EXIT_OK);
        return CLI_EXIT_BAD;
    }
    printf("rules: %s, %zu files, %zu rules, sha256 %s\n", dir, pacta_rulebase_file_count(rb),
           pacta_rulebase_rule_count(rb), pacta_rulebase_digest(rb));
    pacta_rulebase_free(rb);
    return finish_output(CLI_EXIT_OK);
}

/*
 * The commands. check and test share their argument parsing (command());
 * every other command lives in its own cli/cmd_NAME.c, declared in cli.h,
 * and receives argv starting at its own name.
 */
static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} COMMANDS[] = {
    {"check", command},
    {"test", command},
    {"lint", cmd_lint},
    {"timeline", cmd_timeline},
    {"show", cmd_show},
    {"grade", cmd_grade},
    {"draft", cmd_draft},
    {"new", cmd_new},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return CLI_EXIT_BAD;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0)
        return print_version(argc - 1, argv + 1);
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        print_usage(stdout);
        return finish_output(CLI_EXIT_OK);
    }
    for (size_t i = 0; i < sizeof COMMANDS / sizeof COMMANDS[0]; i++)
        if (strcmp(cmd, COMMANDS[i].name) == 0)
            return COMMANDS[i].run(argc - 1, argv + 1);
    if (cmd[0] == '-')
        return usage_error("unknown option '%s'", cmd);
    return usage_error("unknown command '%s'", cmd);
}
