/*
 * whatif.c: the what-if side of `pacta check`: turning the --assume
 * arguments into a pacta_assumptions once the rulebase is loaded, so that
 * a misspelt fact stops the command before any scenario is read.
 */
#include <stdio.h>

#include "cli.h"

pacta_assumptions *cli_assumptions(const pacta_rulebase *rb, char *const *texts, size_t n)
{
    pacta_assumptions *as = NULL;
    pacta_error err;
    if (pacta_assumptions_new(&as, rb, &err) != PACTA_OK) {
        cli_print_error(&err);
        return NULL;
    }
    for (size_t i = 0; i < n; i++)
        if (pacta_assumptions_add(as, texts[i], &err) != PACTA_OK) {
            cli_print_error(&err);
            pacta_assumptions_free(as);
            return NULL;
        }
    return as;
}
