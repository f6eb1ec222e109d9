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

/* Exit statuses, from spec/findings.md. */
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

/*
 * Commands in their own files (cli/cmd_NAME.c), dispatched from pacta.c's
 * COMMANDS table. Each receives argv from its own name on and returns an
 * exit status.
 */

#endif
