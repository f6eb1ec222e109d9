/*
 * breakdown.c: where pacta's time goes on a JSON Lines workload, and the
 * floor it cannot beat.
 *
 *     breakdown RULES_DIR WORKLOAD.jsonl
 *
 * Times, through the public API only, loading the rulebase (best and
 * median of several loads), then for every
 * line: parsing and validating the scenario (pacta_scenario_load_line,
 * which includes the narrative indicators), evaluating it (pacta_check) and
 * rendering the JSON report into memory (pacta_render). Then it parses the
 * same bytes again with libyaml's event parser alone, building nothing: no
 * YAML reader of pacta's can be faster than that. Prints one JSON object
 * with the times and the count of findings per verdict (the checksum the
 * other engines must match).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <yaml.h>

#include "pacta.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

typedef struct sink {
    size_t bytes;
    char *buf;
    size_t cap;
} sink;

/* Renders into a reused buffer, as a server would before sending. */
static int to_memory(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    if (s->bytes + len > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->bytes + len)
            cap *= 2;
        char *p = realloc(s->buf, cap);
        if (!p)
            return -1;
        s->buf = p;
        s->cap = cap;
    }
    memcpy(s->buf + s->bytes, data, len);
    s->bytes += len;
    return 0;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *p = realloc(buf, cap *= 2);
            if (!p) {
                free(buf);
                buf = NULL;
            }
            buf = p;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

/* libyaml's event parser over one line, nothing built: the floor. */
static int parse_only(const char *data, size_t len)
{
    yaml_parser_t p;
    yaml_event_t ev;
    int done = 0, ok = 1;
    yaml_parser_initialize(&p);
    yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
    while (!done) {
        if (!yaml_parser_parse(&p, &ev)) {
            ok = 0;
            break;
        }
        done = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    return ok;
}

#define LOADS 11

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    pacta_rulebase *rb;
    pacta_error err;
    char msg[1024];
    size_t len;
    if (argc != 3) {
        fputs("usage: breakdown RULES_DIR WORKLOAD.jsonl\n", stderr);
        return 2;
    }
    char *data = slurp(argv[2], &len);
    if (!data) {
        perror(argv[2]);
        return 2;
    }
    /* the load is short: take the best and the median of several */
    double loads[LOADS];
    for (int i = 0; i < LOADS; i++) {
        double t0 = now();
        if (pacta_rulebase_load_dir(&rb, argv[1], NULL, &err) != PACTA_OK) {
            pacta_error_format(&err, msg, sizeof msg);
            fprintf(stderr, "%s\n", msg);
            return 2;
        }
        loads[i] = now() - t0;
        if (i + 1 < LOADS)
            pacta_rulebase_free(rb);
    }
    qsort(loads, LOADS, sizeof loads[0], compare_doubles);
    double parse = 0, check = 0, render = 0;
    size_t scenarios = 0, errors = 0, counts[PACTA_VERDICT_COUNT] = {0};
    sink out = {0, NULL, 0};
    unsigned line = 0;
    for (char *p = data, *end = data + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        line++;
        if (stop > p) {
            pacta_scenario *sc = NULL;
            pacta_report *rep = NULL;
            double a = now();
            pacta_status st = pacta_scenario_load_line(&sc, rb, argv[2], line, p,
                                                       (size_t)(stop - p), &err);
            double b = now();
            if (st == PACTA_OK)
                st = pacta_check(&rep, rb, sc, &err);
            double c = now();
            out.bytes = 0;
            if (st == PACTA_OK) {
                pacta_render(rep, rb, PACTA_FORMAT_JSON, 0, to_memory, &out);
                for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
                    counts[v] += pacta_report_count(rep, (pacta_verdict)v);
            } else {
                errors++;
            }
            double d = now();
            parse += b - a;
            check += c - b;
            render += d - c;
            pacta_report_free(rep);
            pacta_scenario_free(sc);
            scenarios++;
        }
        p = stop + 1;
    }
    double t1 = now();
    size_t parsed = 0;
    for (char *p = data, *end = data + len; p < end;) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *stop = nl ? nl : end;
        if (stop > p)
            parsed += (size_t)parse_only(p, (size_t)(stop - p));
        p = stop + 1;
    }
    double floor_time = now() - t1;
    printf("{\"scenarios\": %zu, \"errors\": %zu, \"bytes\": %zu, \"rules\": %zu, "
           "\"loads\": %d, \"load_ms_min\": %.3f, \"load_ms_median\": %.3f, \"parse_s\": %.6f, \"check_s\": %.6f, \"render_s\": %.6f, "
           "\"libyaml_s\": %.6f, \"libyaml_ok\": %zu, \"counts\": {\"violation\": %zu, "
           "\"no_violation\": %zu, \"undetermined\": %zu, \"not_applicable\": %zu}}\n",
           scenarios, errors, len, pacta_rulebase_rule_count(rb), LOADS, 1e3 * loads[0],
           1e3 * loads[LOADS / 2], parse, check, render,
           floor_time, parsed, counts[0], counts[1], counts[2], counts[3]);
    free(out.buf);
    free(data);
    pacta_rulebase_free(rb);
    return 0;
}
