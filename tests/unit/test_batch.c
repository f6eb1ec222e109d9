/*
 * test_batch.c: pacta_batch through its public interface: records in input
 * order with their indexes, errors handed to notify as values, the header
 * where header_write says, the full objects equal to pacta_render()'s, the
 * same bytes on four threads as on one, and failures of the callbacks and
 * of every allocation turned into status values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "fixtures.h"
#include "sink.h"
#include "test_helpers.h"

static pacta_rulebase *rules;

static int setup(void **state)
{
    (void)state;
    return setup_real_rules(&rules);
}

static int teardown(void **state)
{
    (void)state;
    pacta_rulebase_free(rules);
    return 0;
}

#define LINE(title, actor) \
    "{\"pacta\": 1, \"title\": \"" title "\", \"persons\": [{\"id\": \"p1\", \"nationality\": \"KP\"}], " \
    "\"conditions\": [{\"state\": \"KP\", \"fact\": \"torture_on_return\", \"value\": true}], " \
    "\"events\": [{\"id\": \"e1\", \"date\": \"2023-10-09\", \"actor\": \"" actor "\", " \
    "\"action\": \"return\", \"subject\": \"p1\", \"to\": \"KP\"}]}\n"

static const char batch_text[] = LINE("first", "CN") "\n" LINE("second", "XX") LINE("third", "CN");

typedef struct text_input {
    const char *data;
    size_t len, at;
    int fail;
} text_input;

/* Seven bytes at a time, so that lines straddle reads. */
static int read_text(void *ctx, char *buf, size_t size, size_t *got)
{
    text_input *in = ctx;
    if (in->fail)
        return -1;
    size_t n = in->len - in->at < 7 ? in->len - in->at : 7;
    if (n > size)
        n = size;
    memcpy(buf, in->data + in->at, n);
    in->at += n;
    *got = n;
    return 0;
}

typedef struct seen {
    size_t calls;
    size_t errors;
    unsigned error_line;
    char error_message[PACTA_ERROR_MESSAGE_MAX];
} seen;

static int notice(void *ctx, const pacta_batch_counts *counts, const pacta_error *err)
{
    seen *s = ctx;
    s->calls++;
    assert_int_equal(counts->scenarios, s->calls);
    if (err) {
        s->errors++;
        s->error_line = err->line;
        snprintf(s->error_message, sizeof s->error_message, "%s", err->message);
    }
    return 0;
}

static pacta_status run(const char *text, pacta_batch_options *opts, sink *out,
                        pacta_batch_counts *counts, pacta_error *err)
{
    text_input in = {text, strlen(text), 0, 0};
    pacta_batch *b = NULL;
    pacta_status st = pacta_batch_new(&b, rules, "cases.jsonl", opts, read_text, &in, sink_write,
                                      out, err);
    assert_int_equal(st, PACTA_OK);
    st = pacta_batch_run(b, err);
    *counts = pacta_batch_result(b);
    pacta_batch_free(b);
    return st;
}

static void test_compact_records_in_order(void **state)
{
    (void)state;
    sink out = {0}, head = {0};
    seen s = {0};
    pacta_batch_options opts;
    pacta_batch_counts c;
    pacta_error err;
    pacta_batch_options_init(&opts);
    opts.notify = notice;
    opts.notify_ctx = &s;
    opts.header_write = sink_write;
    opts.header_ctx = &head;
    assert_int_equal(run(batch_text, &opts, &out, &c, &err), PACTA_OK);
    assert_int_equal(c.scenarios, 3);
    assert_int_equal(c.errors, 1);
    assert_int_equal(c.violations, 2);
    assert_int_equal(s.calls, 3);
    assert_int_equal(s.errors, 1);
    assert_int_equal(s.error_line, 3); /* the blank line 2 counts as a line */
    assert_non_null(strstr(s.error_message, "unknown state 'XX'"));
    assert_non_null(strstr(head.data, "\"batch\":\"cases.jsonl\""));
    assert_non_null(strstr(head.data, pacta_rulebase_digest(rules)));
    assert_string_equal(strchr(head.data, '\n'), "\n");
    const char *first = strstr(out.data, "{\"index\":1,\"title\":\"first\"");
    const char *second = strstr(out.data, "{\"index\":2,\"error\":{\"file\":\"cases.jsonl\",\"line\":3");
    const char *third = strstr(out.data, "{\"index\":3,\"title\":\"third\"");
    assert_true(first == out.data && second > first && third > second);
    free(out.data);
    free(head.data);
}

static void test_full_objects_are_the_reports(void **state)
{
    (void)state;
    sink out = {0}, one = {0};
    pacta_batch_options opts;
    pacta_batch_counts c;
    pacta_error err;
    pacta_scenario *sc;
    pacta_report *rep;
    pacta_batch_options_init(&opts);
    opts.detail = PACTA_DETAIL_FULL;
    const char *line = LINE("first", "CN");
    assert_int_equal(run(line, &opts, &out, &c, &err), PACTA_OK);
    assert_int_equal(pacta_scenario_load_line(&sc, rules, "cases.jsonl", 1, line, strlen(line),
                                              &err), PACTA_OK);
    assert_int_equal(pacta_check(&rep, rules, sc, &err), PACTA_OK);
    assert_int_equal(pacta_render(rep, rules, PACTA_FORMAT_JSON, 0, sink_write, &one), PACTA_OK);
    sink_write(&one, "\n", 1);
    assert_string_equal(out.data, one.data);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    free(out.data);
    free(one.data);
}

static void test_four_threads_write_what_one_writes(void **state)
{
    (void)state;
    char *text = malloc(200 * sizeof batch_text);
    assert_non_null(text);
    text[0] = '\0';
    for (int i = 0; i < 200; i++)
        strcat(text, batch_text);
    sink one = {0}, four = {0};
    pacta_batch_options opts;
    pacta_batch_counts c1, c4;
    pacta_error err;
    pacta_batch_options_init(&opts);
    assert_int_equal(run(text, &opts, &one, &c1, &err), PACTA_OK);
    opts.jobs = 4;
    assert_int_equal(run(text, &opts, &four, &c4, &err), PACTA_OK);
    assert_int_equal(c1.scenarios, 600);
    assert_int_equal(c4.scenarios, 600);
    assert_int_equal(c4.errors, 200);
    assert_string_equal(one.data, four.data);
    free(text);
    free(one.data);
    free(four.data);
}

static void test_failures_are_values(void **state)
{
    (void)state;
    sink out = {0};
    pacta_batch_options opts;
    pacta_batch_counts c;
    pacta_error err;
    pacta_batch_options_init(&opts);
    assert_int_equal(run(" \n\n", &opts, &out, &c, &err), PACTA_EINPUT);
    assert_non_null(strstr(err.message, "the input is empty"));
    assert_int_equal(out.len, 0);

    out.fail_after = 2; /* the header and one record, then the output fails */
    assert_int_equal(run(batch_text, &opts, &out, &c, &err), PACTA_EIO);
    free(out.data);

    text_input broken = {batch_text, strlen(batch_text), 0, 1};
    pacta_batch *b = NULL;
    sink out2 = {0};
    assert_int_equal(pacta_batch_new(&b, rules, NULL, NULL, read_text, &broken, sink_write, &out2,
                                     &err), PACTA_OK);
    assert_int_equal(pacta_batch_run(b, &err), PACTA_EIO);
    assert_int_equal(pacta_batch_run(b, &err), PACTA_EUSAGE); /* once per handle */
    pacta_batch_free(b);
    free(out2.data);

    opts.detail = (pacta_batch_detail)7;
    assert_int_equal(pacta_batch_new(&b, rules, "x", &opts, read_text, &broken, sink_write, &out2,
                                     &err), PACTA_EUSAGE);
    assert_null(b);
}

/* Columns count characters, as the YAML reader's do: "é" is one. */
static void test_columns_count_characters(void **state)
{
    (void)state;
    static const char line[] = "{\"title\": \"\xc3\xa9\", \"pacta\": 1, \"x\": 1}";
    pacta_scenario *sc = NULL;
    pacta_error err;
    assert_int_equal(pacta_scenario_load_line(&sc, rules, "m.jsonl", 5, line, sizeof line - 1,
                                              &err), PACTA_EINPUT);
    assert_null(sc);
    assert_int_equal(err.line, 5);
    assert_int_equal(err.column, 28);
    assert_non_null(strstr(err.message, "unknown key 'x'"));
}

/* Every allocation of a batch over its own rulebase fails in turn: each
 * failure is a status or an error record, and nothing leaks. */
static void test_every_allocation_failure(void **state)
{
    (void)state;
    counting_alloc count;
    pacta_options o;
    pacta_options_init(&o);
    o.allocator = counting_allocator(&count);
    pacta_rulebase *rb = NULL;
    pacta_error err;
    assert_int_equal(load_real_rules(&rb, &o, &err), PACTA_OK);
    size_t base = count.mallocs;
    for (size_t fail = 0; fail < 400; fail += 3) {
        count.fail_after = base + fail;
        text_input in = {batch_text, strlen(batch_text), 0, 0};
        sink out = {0};
        pacta_batch *b = NULL;
        pacta_batch_options opts;
        pacta_batch_options_init(&opts);
        opts.jobs = fail % 2 ? 2 : 1;
        if (pacta_batch_new(&b, rb, "x", &opts, read_text, &in, sink_write, &out, &err) ==
            PACTA_OK) {
            (void)pacta_batch_run(b, &err);
            pacta_batch_free(b);
        }
        free(out.data);
        count.fail_after = SIZE_MAX;
    }
    pacta_rulebase_free(rb);
    assert_int_equal(count.mallocs, count.frees);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compact_records_in_order),
        cmocka_unit_test(test_full_objects_are_the_reports),
        cmocka_unit_test(test_four_threads_write_what_one_writes),
        cmocka_unit_test(test_failures_are_values),
        cmocka_unit_test(test_columns_count_characters),
        cmocka_unit_test(test_every_allocation_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
