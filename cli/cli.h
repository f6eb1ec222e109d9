/*
 * cli.h: what the pacta command's two source files share: exit statuses,
 * and the input side (finding the rulebase, reading files, loading every
 * scenario before anything is checked). Only include/pacta.h is used: the
 * CLI is a client of the library like any other.
 */
#ifndef PACTA_CLI_H
#define PACTA_CLI_H

#include <stddef.h>

#include "pacta.h"

/* Exit statuses, as docs/findings.md documents them. */
enum {
    CLI_EXIT_OK = 0,        /* no violation; every expectation met */
    CLI_EXIT_FINDING = 1,   /* a violation found; an expectation failed */
    CLI_EXIT_BAD = 2        /* bad usage or bad input */
};

/** Prints err to stderr as pacta_error_format() writes it, one line. */
void cli_print_error(const pacta_error *err);

/**
 * The rulebase directory: option if given, else $PACTA_RULES, else ./rules
 * when it holds vocabulary.yaml, else the installed PACTA_RULES_DIR.
 */
const char *cli_rules_dir(const char *option);

/** Loads the rulebase of dir; prints the error and returns NULL on failure. */
pacta_rulebase *cli_load_rulebase(const char *dir);

/**
 * The whole of path ("-": standard input) under the input limit, in memory
 * the caller frees; prints why not ("FILE: larger than the input limit ...")
 * and returns NULL.
 */
char *cli_read_input(const char *path, size_t *len);

/** Every scenario of every input file, in input order. */
typedef struct cli_scenarios {
    pacta_scenario **items;
    size_t count;
    size_t cap;
} cli_scenarios;

/**
 * Loads every scenario document of files[0..n) ("-" is standard input) into
 * out. On the first unreadable file or bad document prints one message and
 * returns -1 (out then holds what loaded so far; free it as usual).
 */
int cli_load_scenarios(const pacta_rulebase *rb, char *const *files, size_t n,
                       cli_scenarios *out);
void cli_scenarios_free(cli_scenarios *s);

/**
 * check --batch (cli/batch.c): checks the stream of scenarios in path ("-":
 * standard input) on jobs threads and writes JSON Lines, the full report
 * objects (rendered with flags: PACTA_RENDER_JSON_V1 for the old shape) when
 * full, the compact records otherwise (with their header line in the file
 * receipt when it is not NULL); returns the exit status for the whole stream.
 */
int cli_check_batch(const char *rules_dir, const char *path, unsigned jobs, int full,
                    const char *receipt, unsigned flags);

/**
 * test --coverage (cli/coverage.c): prints which parts of the rules the
 * reports exercised, as text (after a blank line) or one JSON object and a
 * newline. Returns CLI_EXIT_OK, or prints the problem and returns CLI_EXIT_BAD.
 */
int cli_print_coverage(const pacta_rulebase *rb, pacta_report *const *reports, size_t n,
                       pacta_format format);

/*
 * Commands in their own files (cli/cmd_NAME.c), dispatched from pacta.c's
 * COMMANDS table. Each receives argv from its own name on and returns an
 * exit status.
 */

/*
 * The commands over the law: lint, timeline and show (cli/cmd_*.c), with
 * the option parsing they share (cli/tools.c): an operand, --rules DIR,
 * --format text|json, --all, --help, and each command's own options.
 */
/** pacta grade (cli/cmd_grade.c); cmd_grade_wanted: 1 when test's arguments hold --answers. */
int cmd_grade(int argc, char **argv);
int cmd_grade_wanted(int argc, char **argv);

/**
 * check --assume (cli/whatif.c): the assumptions texts[0..n) on rb; prints
 * the error and returns NULL when one is malformed.
 */
pacta_assumptions *cli_assumptions(const pacta_rulebase *rb, char *const *texts, size_t n);

int cmd_lint(int argc, char **argv);
int cmd_draft(int argc, char **argv);
int cmd_timeline(int argc, char **argv);
int cmd_show(int argc, char **argv);
/** pacta new (cli/cmd_new.c): prints a commented scenario template. */
int cmd_new(int argc, char **argv);

typedef struct cli_tool_option {
    const char *name;       /* "--on" */
    const char **value;     /* set for an option that takes a value */
    int *flag;              /* set to 1 for a flag (value NULL) */
} cli_tool_option;

typedef struct cli_tool_args {
    const char *rules;
    pacta_format format;
    unsigned flags;         /* PACTA_RENDER_ALL with --all */
    const char *operand;    /* the one non-option argument, or NULL */
    int help;
} cli_tool_args;

/**
 * Matches argv[*i] against --name VALUE or --name=VALUE. Returns 1 and sets
 * *value (advancing *i past a separate value), 0 if it is another
 * argument, -1 if the value is missing.
 */
int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value);
/** Parses argv (argv[0] is the command); extra ends with a NULL name. Returns an exit status. */
int cli_parse_tool_args(int argc, char **argv, const cli_tool_option *extra, cli_tool_args *out);
/** Prints "pacta COMMAND: message" and a pointer to --help; returns CLI_EXIT_BAD. */
int cli_tool_usage(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** Prints a command's usage text for --help; returns the exit status. */
int cli_tool_help(const char *usage);
/** A pacta_write_fn for standard output. */
int cli_write_stdout(void *ctx, const char *data, size_t len);
/** Ends rendered output (a newline after JSON, a flush); status, or CLI_EXIT_BAD if it failed. */
int cli_tool_output(pacta_status rendered, pacta_format format, int status);

#endif
