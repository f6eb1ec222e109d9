/*
 * test_alloc.c: allocation failure, everywhere. A full run (a small
 * rulebase from buffers, a scenario with a sequence, an indicator and an
 * expectation, the check, and rendering to text and JSON) is repeated with
 * the N-th allocation through the caller's allocator failing, for every N
 * until a run needs fewer than N: once with every later allocation failing
 * too, once with only the N-th. Each run must end in PACTA_ENOMEM from the
 * step that failed (or succeed, when the failure was absorbed), and give
 * back every block it took. Write failures while rendering are the same
 * exercise with the sink failing after every number of calls: PACTA_EIO.
 * libyaml's own buffers do not come from the allocator (see pacta.h), so
 * they are not counted here; ASan and valgrind watch them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pacta.h"
#include "sink.h"
#include "small_rules.h"
#include "test_helpers.h"

static const char SCENARIO[] =
    "pacta: 1\n"
    "title: a categorical classification, then a forced return\n"
    "persons:\n"
    "  - {id: p1, nationality: BB, count: 3}\n"
    "conditions:\n"
    "  - {state: BB, fact: risk}\n"
    "events:\n"
    "  - {id: e1, date: 2020-01-01, actor: AA, action: classify, subject: p1,\n"
    "     as: illegal_immigrant, basis: categorical}\n"
    "  - {id: e2, date: 2020-02-01, actor: AA, action: return, subject: p1, to: BB,\n"
    "     description: \"They were forcibly sent back.\"}\n"
    "expect:\n"
    "  - {event: e2, instrument: t, provision: art_1, rule: t/plain, verdict: violation}\n";

/* The counting allocator of test_helpers.h, failing either every allocation
 * from the N-th on or only the N-th. */
typedef struct failing_alloc {
    counting_alloc count;
    size_t attempts;
    size_t fail_at;  /* 1-based; 0: never */
    int only_once;
} failing_alloc;

static void *failing_malloc(void *ctx, size_t size)
{
    failing_alloc *f = ctx;
    f->attempts++;
    if (f->fail_at && (f->only_once ? f->attempts == f->fail_at : f->attempts >= f->fail_at))
        return NULL;
    return counting_malloc(&f->count, size);
}

static void failing_free(void *ctx, void *ptr)
{
    counting_free(&((failing_alloc *)ctx)->count, ptr);
}

static void failing_init(failing_alloc *f, pacta_options *opts, size_t fail_at, int only_once)
{
    memset(f, 0, sizeof *f);
    (void)counting_allocator(&f->count);
    f->fail_at = fail_at;
    f->only_once = only_once;
    pacta_options_init(opts);
    opts->allocator.malloc_fn = failing_malloc;
    opts->allocator.realloc_fn = NULL;
    opts->allocator.free_fn = failing_free;
    opts->allocator.ctx = f;
}

typedef struct outcome {
    pacta_status status;   /* of the first step that failed, else PACTA_OK */
    pacta_error err;
    size_t violations;
    int expectation_matched;
    sink text, json;
} outcome;

/* The whole run; every handle is released whatever happens. */
static void full_run(const pacta_options *opts, size_t write_fail_after, outcome *out)
{
    pacta_rulebase *rb = NULL;
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    pacta_error *err = &out->err;
    memset(out, 0, sizeof *out);
    out->text.fail_after = out->json.fail_after = write_fail_after;
    pacta_status st = pacta_rulebase_new(&rb, opts, err);
    if (st == PACTA_OK)
        st = small_rules_add(rb, err);
    if (st == PACTA_OK)
        st = pacta_rulebase_finish(rb, err);
    if (st == PACTA_OK)
        st = pacta_scenario_load_buffer(&sc, rb, "case.yaml", SCENARIO, strlen(SCENARIO), err);
    if (st == PACTA_OK)
        st = pacta_check(&rep, rb, sc, err);
    if (st != PACTA_OK) {
        assert_int_equal(err->status, st);
        assert_true(err->message[0] != '\0');
        /* a failed constructor leaves its out-parameter NULL */
        assert_null(rep);
    } else {
        out->violations = pacta_report_count(rep, PACTA_VIOLATION);
        out->expectation_matched = pacta_expectation_check(sc, 0, rep).matched;
        /* rendering reports a status but fills no pacta_error */
        st = pacta_render(rep, rb, PACTA_FORMAT_TEXT, PACTA_RENDER_ALL, sink_write, &out->text);
        if (st == PACTA_OK)
            st = pacta_render(rep, rb, PACTA_FORMAT_JSON, PACTA_RENDER_EXPLAIN, sink_write, &out->json);
        if (st != PACTA_OK)
            snprintf(err->message, sizeof err->message, "rendering failed");
    }
    out->status = st;
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
}

/* The run with no failure: what every successful run below must reproduce. */
static outcome reference;

static int setup(void **state)
{
    (void)state;
    failing_alloc f;
    pacta_options opts;
    failing_init(&f, &opts, 0, 0);
    full_run(&opts, 0, &reference);
    if (reference.status != PACTA_OK)
        fail_msg("%s:%u:%u: %s", reference.err.file, reference.err.line, reference.err.column,
                 reference.err.message);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    sink_reset(&reference.text);
    sink_reset(&reference.json);
    return 0;
}

static void test_reference_run(void **state)
{
    (void)state;
    /* two violations (the plain rule and the sequence) and the expectation met */
    assert_int_equal(reference.violations, 2);
    assert_true(reference.expectation_matched);
    assert_non_null(strstr(reference.text.data, "violation"));
    assert_non_null(strstr(reference.json.data, "\"t/sequence\""));
    assert_non_null(strstr(reference.json.data, "forcibly"));
}

/* Names the first difference, which the whole texts would bury. */
static void same_output(const char *what, size_t n, const char *got, const char *want)
{
    size_t i = 0;
    while (got[i] && got[i] == want[i])
        i++;
    if (got[i] != want[i])
        fail_msg("failing allocation %zu changed the %s output at byte %zu: \"%.60s\" instead of "
                 "\"%.60s\"",
                 n, what, i, got + (i > 20 ? i - 20 : 0), want + (i > 20 ? i - 20 : 0));
}

static void fail_every_allocation(int only_once)
{
    size_t n, failures = 0;
    for (n = 1;; n++) {
        failing_alloc f;
        pacta_options opts;
        outcome o;
        failing_init(&f, &opts, n, only_once);
        full_run(&opts, 0, &o);
        if (f.count.mallocs != f.count.frees)
            fail_msg("failing allocation %zu%s: %zu blocks taken, %zu given back (%s)", n,
                     only_once ? " alone" : " and later", f.count.mallocs, f.count.frees,
                     o.err.message);
        if (o.status != PACTA_OK) {
            if (o.status != PACTA_ENOMEM)
                fail_msg("failing allocation %zu%s: %s, not out of memory: %s:%u:%u: %s", n,
                         only_once ? " alone" : " and later", pacta_status_name(o.status),
                         o.err.file, o.err.line, o.err.column, o.err.message);
            failures++;
        } else {
            /* a run that succeeded must give the same answer as the reference */
            assert_int_equal(o.violations, reference.violations);
            assert_true(o.expectation_matched);
            same_output("text", n, o.text.data, reference.text.data);
            same_output("JSON", n, o.json.data, reference.json.data);
        }
        sink_reset(&o.text);
        sink_reset(&o.json);
        if (f.attempts < n)
            break; /* the run needed fewer than n allocations: every one has failed once */
    }
    /* not vacuous: the run allocates through the hooks, and failing them shows */
    assert_true(n > 10);
    assert_true(failures > 0);
    if (!only_once)
        assert_int_equal(failures, n - 1); /* with every later allocation failing, none succeeds */
}

static void test_fail_from_nth_allocation_on(void **state)
{
    (void)state;
    fail_every_allocation(0);
}

static void test_fail_only_nth_allocation(void **state)
{
    (void)state;
    fail_every_allocation(1);
}

static void test_render_write_failure(void **state)
{
    (void)state;
    size_t calls = reference.text.calls > reference.json.calls ? reference.text.calls
                                                               : reference.json.calls;
    assert_true(calls > 0);
    for (size_t k = 1; k < calls; k++) {
        failing_alloc f;
        pacta_options opts;
        outcome o;
        failing_init(&f, &opts, 0, 0);
        full_run(&opts, k, &o);
        /* k is below the calls of at least one of the two renderings */
        assert_int_equal(o.status, PACTA_EIO);
        assert_int_equal(f.count.mallocs, f.count.frees);
        sink_reset(&o.text);
        sink_reset(&o.json);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reference_run),
        cmocka_unit_test(test_fail_from_nth_allocation_on),
        cmocka_unit_test(test_fail_only_nth_allocation),
        cmocka_unit_test(test_render_write_failure),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
