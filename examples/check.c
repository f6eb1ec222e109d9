/*
 * check.c: the smallest useful program over libpacta, as shown in the
 * README. Loads the rules, checks one scenario, prints the findings as
 * JSON and the number of violations. `make check` builds and runs it, so
 * the README's example cannot drift from the API.
 */
#include <pacta.h>
#include <stdio.h>

static int to_stdout(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

int main(int argc, char **argv)
{
    pacta_rulebase *rb = NULL;
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    pacta_error err;
    char msg[1024];
    if (argc != 3) { fprintf(stderr, "usage: check RULES SCENARIO\n"); return 2; }
    if (pacta_rulebase_load_dir(&rb, argv[1], NULL, &err) != PACTA_OK ||
        pacta_scenario_load_file(&sc, rb, argv[2], &err) != PACTA_OK ||
        pacta_check(&rep, rb, sc, &err) != PACTA_OK) {
        pacta_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        pacta_scenario_free(sc); pacta_rulebase_free(rb);
        return 2;
    }
    pacta_render(rep, rb, PACTA_FORMAT_JSON, 0, to_stdout, stdout);
    printf("\n%zu violation(s)\n", pacta_report_count(rep, PACTA_VIOLATION));
    pacta_report_free(rep); pacta_scenario_free(sc); pacta_rulebase_free(rb);
    return 0;
}
