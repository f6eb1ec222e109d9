/*
 * fuzz_jsonl.c: JSON Lines batches over fuzzed bytes, against the real
 * rulebase loaded once. The input as one line through
 * pacta_scenario_load_line() must load or fail cleanly; the input as a
 * whole batch (pacta_batch, compact records, then full objects) must end,
 * write one line per scenario it counts (plus the header), every line one
 * JSON object that json-c parses, and count no more errors than lines.
 */
#include <json-c/json.h>
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct fuzz_input {
    const uint8_t *data;
    size_t size, at;
} fuzz_input;

/* Hands the input out in small, uneven pieces, so that lines straddle reads. */
static int read_input(void *ctx, char *buf, size_t room, size_t *got)
{
    fuzz_input *in = ctx;
    size_t n = in->size - in->at;
    size_t piece = 1 + (in->at * 7919) % 97;
    if (n > piece)
        n = piece;
    if (n > room)
        n = room;
    memcpy(buf, in->data + in->at, n);
    in->at += n;
    *got = n;
    return 0;
}

/* Every line of out parses as one JSON object; returns the number of lines. */
static size_t check_lines(const fuzz_output *out)
{
    size_t lines = 0, start = 0;
    json_tokener *tok = json_tokener_new();
    if (!tok)
        abort();
    for (size_t i = 0; i < out->len; i++) {
        if (out->data[i] != '\n')
            continue;
        json_tokener_reset(tok);
        struct json_object *obj = json_tokener_parse_ex(tok, out->data + start, (int)(i - start));
        if (json_object_get_type(obj) != json_type_object ||
            json_tokener_get_parse_end(tok) != i - start)
            abort();
        json_object_put(obj);
        lines++;
        start = i + 1;
    }
    if (start != out->len)
        abort(); /* the last line has no newline */
    json_tokener_free(tok);
    return lines;
}

static void run_batch(const pacta_rulebase *rb, const uint8_t *data, size_t size,
                      pacta_batch_detail detail)
{
    fuzz_input in = {data, size, 0};
    fuzz_output out = {NULL, 0, 0};
    pacta_batch_options opts;
    pacta_batch *b = NULL;
    pacta_error err;
    pacta_batch_options_init(&opts);
    opts.detail = detail;
    opts.max_line_bytes = 2048; /* small, so that the limit is reached */
    if (pacta_batch_new(&b, rb, "fuzz.jsonl", &opts, read_input, &in, fuzz_collect, &out, &err) !=
        PACTA_OK)
        abort();
    pacta_status st = pacta_batch_run(b, &err);
    pacta_batch_counts c = pacta_batch_result(b);
    pacta_batch_free(b);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        if (st != PACTA_EINPUT || out.len != 0)
            abort();
    } else {
        size_t lines = check_lines(&out);
        if (lines != c.scenarios + (detail == PACTA_DETAIL_COMPACT) || c.errors > c.scenarios ||
            c.violations > c.scenarios)
            abort();
    }
    free(out.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pacta_rulebase *rb = fuzz_rulebase();
    pacta_scenario *sc = NULL;
    pacta_error err;
    pacta_status st = pacta_scenario_load_line(&sc, rb, "fuzz.jsonl", 1, (const char *)data, size,
                                               &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        if (sc)
            abort();
    }
    pacta_scenario_free(sc);
    run_batch(rb, data, size, PACTA_DETAIL_COMPACT);
    run_batch(rb, data, size, PACTA_DETAIL_FULL);
    return 0;
}
