/*
 * coverage.c: `pacta test --coverage`. The counting and the rendering are
 * the library's (pacta_coverage_*); this file hands it the reports the test
 * run produced and prints what it renders.
 */
#include <stdio.h>

#include "cli.h"

int cli_print_coverage(const pacta_rulebase *rb, pacta_report *const *reports, size_t n,
                       pacta_format format)
{
    pacta_coverage *cov = NULL;
    pacta_error err;
    pacta_status st = pacta_coverage_new(&cov, rb, &err);
    for (size_t i = 0; st == PACTA_OK && i < n; i++)
        st = pacta_coverage_add(cov, reports[i], &err);
    if (st != PACTA_OK) {
        cli_print_error(&err);
        pacta_coverage_free(cov);
        return CLI_EXIT_BAD;
    }
    if (format == PACTA_FORMAT_TEXT)
        putchar('\n');
    st = pacta_coverage_render(cov, format, 0, cli_write_stdout, NULL);
    pacta_coverage_free(cov);
    if (st == PACTA_OK && format == PACTA_FORMAT_JSON)
        putchar('\n');
    if (st != PACTA_OK) {
        fprintf(stderr, "pacta: cannot write the coverage: %s\n", pacta_status_name(st));
        return CLI_EXIT_BAD;
    }
    return CLI_EXIT_OK;
}
