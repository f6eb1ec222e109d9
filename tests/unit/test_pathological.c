/*
 * test_pathological.c: inputs built to hurt: deep nesting, alias bombs,
 * huge scalars and inputs, 100k events, sequence blow-up, text that makes
 * regexes backtrack (against every indicator of rules/indicators.yaml),
 * invalid UTF-8, NUL bytes, CRLF line ends, byte order marks, empty files
 * and directories given as files. Each must end in a clean error with its
 * status and position, or in the right answer, and within a fixed budget of
 * work. Work is counted, never timed: bytes taken from the allocator (the
 * counting allocator of test_helpers.h; libyaml's own buffers are not
 * counted, see pacta.h) and, for regexes, the PCRE2 match limit. Under
 * valgrind the largest inputs are scaled down, the limits they test are
 * scaled with them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "pacta.h"
#include "small_rules.h"
#include "test_helpers.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* How many events the "100k events" test generates: the real thing, or a
 * fiftieth of it under valgrind, where it would take minutes. */
static size_t event_scale(void)
{
    return RUNNING_ON_VALGRIND ? 2000 : 100000;
}

/* ------------------------------------------------------------- helpers */

/* A growable text buffer; aborts the test when out of memory. */
typedef struct text {
    char *data;
    size_t len, cap;
} text;

static void append(text *t, const char *s, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *p = realloc(t->data, cap);
        assert_non_null(p);
        t->data = p;
        t->cap = cap;
    }
    memcpy(t->data + t->len, s, n);
    t->len += n;
    t->data[t->len] = '\0';
}

static void appendf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    append(t, buf, (size_t)n);
}

static void repeat(text *t, const char *s, size_t times)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < times; i++)
        append(t, s, n);
}

static const char *rules_dir(void)
{
    static char path[1024];
    const char *root = getenv("PACTA_TEST_ROOT");
    snprintf(path, sizeof path, "%s/rules", root && *root ? root : ".");
    return path;
}

/* The small rulebase under opts (NULL: defaults); fails the test if it does not load. */
static pacta_rulebase *small_rulebase(const pacta_options *opts)
{
    pacta_rulebase *rb = NULL;
    pacta_error err;
    assert_int_equal(pacta_rulebase_new(&rb, opts, &err), PACTA_OK);
    if (small_rules_add(rb, &err) != PACTA_OK || pacta_rulebase_finish(rb, &err) != PACTA_OK)
        fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
    return rb;
}

/* Loads data as a scenario and checks it; the first failing status. */
static pacta_status run(const pacta_rulebase *rb, const char *data, size_t len, pacta_error *err,
                        pacta_report **rep_out)
{
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    pacta_status st = pacta_scenario_load_buffer(&sc, rb, "case.yaml", data, len, err);
    if (st == PACTA_OK)
        st = pacta_check(&rep, rb, sc, err);
    pacta_scenario_free(sc);
    if (rep_out)
        *rep_out = rep;
    else
        pacta_report_free(rep);
    return st;
}

/* A clean error: the status, in err too, a message, and a position on line. */
static void assert_error_at(pacta_status got, const pacta_error *err, pacta_status want,
                            unsigned line)
{
    if (got != want)
        fail_msg("expected %s, got %s: %s:%u:%u: %s", pacta_status_name(want),
                 pacta_status_name(got), err->file, err->line, err->column, err->message);
    assert_int_equal(err->status, want);
    assert_true(err->message[0] != '\0');
    assert_int_equal(err->line, line);
    assert_true(err->column >= 1);
}

static const char HEAD[] =
    "pacta: 1\n"
    "title: test\n"
    "persons:\n"
    "  - {id: p1, nationality: BB}\n"
    "conditions:\n"
    "  - {state: BB, fact: risk}\n";

static const char RETURN_EVENT[] =
    "  - {id: e%zu, date: 2020-02-01, actor: AA, action: return, subject: p1, to: BB}\n";

/* ---------------------------------------------------------- nesting */

static void test_deep_flow_nesting(void **state)
{
    (void)state;
    counting_alloc c;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&c);
    pacta_rulebase *rb = small_rulebase(&opts);
    size_t before = c.bytes;
    text t = {0};
    append(&t, HEAD, strlen(HEAD));
    append(&t, "summary: ", 9);
    repeat(&t, "[", 100000);
    repeat(&t, "]", 100000);
    append(&t, "\n", 1);
    pacta_error err;
    assert_error_at(run(rb, t.data, t.len, &err, NULL), &err, PACTA_ELIMIT, 7);
    assert_non_null(strstr(err.message, "deep"));
    /* the nesting is refused when it passes the limit, not after building it */
    assert_true(c.bytes - before < (1u << 20));
    free(t.data);

    /* the same, in block style and in a mapping */
    memset(&t, 0, sizeof t);
    append(&t, HEAD, strlen(HEAD));
    for (size_t depth = 0; depth < 200; depth++) {
        repeat(&t, "  ", depth);
        append(&t, "k:\n", 3);
    }
    assert_int_equal(run(rb, t.data, t.len, &err, NULL), PACTA_ELIMIT);
    assert_true(err.line > 6 && err.line < 7 + 200);
    free(t.data);
    pacta_rulebase_free(rb);
    assert_int_equal(c.mallocs, c.frees);
}

static void test_deep_nesting_in_a_rule_file(void **state)
{
    (void)state;
    pacta_rulebase *rb = NULL;
    pacta_error err;
    text t = {0};
    append(&t, "pacta-rules: 1\nsources: ", 24);
    repeat(&t, "{a: ", 5000);
    repeat(&t, "}", 5000);
    assert_int_equal(pacta_rulebase_new(&rb, NULL, &err), PACTA_OK);
    assert_error_at(pacta_rulebase_add_buffer(rb, "deep.yaml", t.data, t.len, &err), &err,
                    PACTA_ELIMIT, 2);
    assert_string_equal(err.file, "deep.yaml");
    free(t.data);
    pacta_rulebase_free(rb);
}

/* ----------------------------------------------------------- aliases */

/* "Billion laughs": nine levels, each ten aliases of the one before. */
static void billion_laughs(text *t)
{
    append(t, "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n", 59);
    for (int level = 1; level < 10; level++) {
        appendf(t, "a%d: &a%d [", level, level);
        for (int k = 0; k < 10; k++)
            appendf(t, "%s*a%d", k ? ", " : "", level - 1);
        append(t, "]\n", 2);
    }
}

static void test_alias_bomb(void **state)
{
    (void)state;
    counting_alloc c;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&c);
    pacta_rulebase *rb = small_rulebase(&opts);
    size_t before = c.bytes;
    text t = {0};
    append(&t, HEAD, strlen(HEAD));
    billion_laughs(&t);
    pacta_error err;
    pacta_status st = run(rb, t.data, t.len, &err, NULL);
    assert_int_equal(st, PACTA_ELIMIT);
    assert_true(err.line > 6 && err.line <= 16);
    assert_non_null(strstr(err.message, "alias"));
    /* bounded memory: 10^9 nodes would be tens of gigabytes */
    assert_true(c.bytes - before < (16u << 20));
    free(t.data);
    pacta_rulebase_free(rb);
    assert_int_equal(c.mallocs, c.frees);

    /* in a rule file, too */
    memset(&t, 0, sizeof t);
    append(&t, "pacta-rules: 1\n", 15);
    billion_laughs(&t);
    assert_int_equal(pacta_rulebase_new(&rb, NULL, &err), PACTA_OK);
    st = pacta_rulebase_add_buffer(rb, "laughs.yaml", t.data, t.len, &err);
    assert_int_equal(st, PACTA_ELIMIT);
    assert_true(err.line >= 2 && err.line <= 11);
    free(t.data);
    pacta_rulebase_free(rb);
}

/* A handful of aliases is ordinary YAML and must keep working. */
static void test_modest_aliases_are_fine(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    text t = {0};
    append(&t, HEAD, strlen(HEAD));
    static const char EVENTS[] =
        "events:\n"
        "  - {id: e1, date: &d 2020-02-01, actor: AA, action: return, subject: p1, to: BB}\n"
        "  - {id: e2, date: *d, actor: AA, action: return, subject: p1, to: BB}\n";
    append(&t, EVENTS, strlen(EVENTS));
    pacta_error err;
    pacta_report *rep = NULL;
    pacta_status st = run(rb, t.data, t.len, &err, &rep);
    if (st != PACTA_OK)
        fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(pacta_report_count(rep, PACTA_VIOLATION), 2);
    pacta_report_free(rep);
    free(t.data);
    pacta_rulebase_free(rb);
}

/* ------------------------------------------------------------- sizes */

static void test_huge_scalar(void **state)
{
    (void)state;
    counting_alloc c;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&c);
    pacta_rulebase *rb = small_rulebase(&opts);
    text t = {0};
    append(&t, HEAD, strlen(HEAD));
    append(&t, "summary: ", 9);
    repeat(&t, "x", (2u << 20)); /* twice the default max_string_bytes */
    append(&t, "\n", 1);
    pacta_error err;
    assert_error_at(run(rb, t.data, t.len, &err, NULL), &err, PACTA_ELIMIT, 7);
    free(t.data);
    pacta_rulebase_free(rb);
    assert_int_equal(c.mallocs, c.frees);

    /* exactly at a small limit is fine; one byte over is not */
    pacta_options_init(&opts);
    opts.max_string_bytes = 100;
    rb = small_rulebase(&opts);
    for (size_t n = 100; n <= 101; n++) {
        memset(&t, 0, sizeof t);
        append(&t, HEAD, strlen(HEAD));
        append(&t, "summary: ", 9);
        repeat(&t, "y", n);
        append(&t, "\n", 1);
        pacta_status st = run(rb, t.data, t.len, &err, NULL);
        if (n == 100)
            assert_int_equal(st, PACTA_OK);
        else
            assert_error_at(st, &err, PACTA_ELIMIT, 7);
        free(t.data);
    }
    pacta_rulebase_free(rb);
}

static void test_input_over_the_byte_limit(void **state)
{
    (void)state;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.max_input_bytes = 4096;
    pacta_rulebase *rb = small_rulebase(&opts);
    text t = {0};
    append(&t, HEAD, strlen(HEAD));
    append(&t, "summary: >\n", 11);
    while (t.len <= 4096)
        append(&t, "  a line of text that goes on\n", 30);
    pacta_error err;
    assert_int_equal(run(rb, t.data, t.len, &err, NULL), PACTA_ELIMIT);
    assert_non_null(strstr(err.message, "4096"));
    pacta_rulebase *rb2 = NULL;
    assert_int_equal(pacta_rulebase_new(&rb2, &opts, &err), PACTA_OK);
    assert_int_equal(pacta_rulebase_add_buffer(rb2, "big.yaml", t.data, t.len, &err), PACTA_ELIMIT);
    free(t.data);
    pacta_rulebase_free(rb2);
    pacta_rulebase_free(rb);
}

/* ------------------------------------------------------------ events */

/* count events, a categorical classification and a return in turn: each
 * return completes the sequence rule with the classification just before. */
static void events_scenario(text *t, size_t count)
{
    append(t, HEAD, strlen(HEAD));
    append(t, "events:\n", 8);
    for (size_t i = 0; i < count; i++) {
        /* a day of its own for each pair, so that sorting by date keeps them together */
        size_t day = i / 2;
        char date[64];
        snprintf(date, sizeof date, "%04zu-%02zu-%02zu", 1991 + day / 336, 1 + day / 28 % 12,
                 1 + day % 28);
        if (i % 2 == 0)
            appendf(t, "  - {id: c%zu, date: %s, actor: AA, action: classify, subject: p1, "
                       "basis: categorical}\n", i, date);
        else
            appendf(t, "  - {id: r%zu, date: %s, actor: AA, action: return, subject: p1, to: BB}\n",
                    i, date);
    }
}

static void test_100k_events(void **state)
{
    (void)state;
    size_t n = event_scale();
    counting_alloc c;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&c);
    opts.max_events = n;
    pacta_rulebase *rb = small_rulebase(&opts);
    size_t before = c.bytes;
    text t = {0};
    events_scenario(&t, n);
    pacta_error err;
    pacta_report *rep = NULL;
    pacta_status st = run(rb, t.data, t.len, &err, &rep);
    if (st != PACTA_OK)
        fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
    /* the right answer: for each return, a violation of the plain rule and one
     * of the sequence rule with the classification before it */
    assert_int_equal(pacta_report_count(rep, PACTA_VIOLATION), n);
    assert_int_equal(pacta_report_finding_count(rep), n);
    size_t sequences = 0;
    for (size_t i = 0; i < n; i++) {
        const pacta_finding *f = pacta_report_finding(rep, i);
        if (strcmp(pacta_finding_rule(f), "t/sequence") == 0) {
            sequences++;
            assert_int_equal(pacta_finding_event_count(f), 2);
            assert_int_equal(atoi(pacta_finding_event(f, 0) + 1) + 1,
                             atoi(pacta_finding_event(f, 1) + 1));
        }
    }
    assert_int_equal(sequences, n / 2);
    /* linear work: a bounded number of bytes per event (scenario and report) */
    assert_true(c.bytes - before < n * 8192);
    pacta_report_free(rep);
    free(t.data);

    /* one event over the limit is an error at the list, not a truncated report */
    memset(&t, 0, sizeof t);
    events_scenario(&t, n + 1);
    assert_error_at(run(rb, t.data, t.len, &err, NULL), &err, PACTA_ELIMIT, 8);
    assert_non_null(strstr(err.message, "events"));
    free(t.data);
    pacta_rulebase_free(rb);
    assert_int_equal(c.mallocs, c.frees);
}

/* Ids are checked by sorting them, not by a scan per item (which made 100k
 * events quadratic); the error must still be the first in list order. */
static void test_duplicate_ids_in_list_order(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    static const char DUPS[] =
        "pacta: 1\ntitle: t\npersons:\n"
        "  - {id: b, nationality: BB}\n"   /* line 4 */
        "  - {id: a, nationality: BB}\n"   /* line 5 */
        "  - {id: c, nationality: BB}\n"
        "  - {id: b, nationality: BB}\n"   /* line 7: the first repeat */
        "  - {id: a, nationality: BB}\n";
    pacta_error err;
    assert_error_at(run(rb, DUPS, strlen(DUPS), &err, NULL), &err, PACTA_EINPUT, 7);
    assert_string_equal(err.message, "duplicate person id 'b' (first at line 4)");
    /* an earlier error of another kind comes first */
    static const char EARLIER[] =
        "pacta: 1\ntitle: t\npersons:\n"
        "  - {id: a, nationality: BB}\n"
        "  - {id: b, nationality: ZZ}\n"   /* line 5: unknown state */
        "  - {id: a, nationality: BB}\n";
    assert_error_at(run(rb, EARLIER, strlen(EARLIER), &err, NULL), &err, PACTA_EINPUT, 5);
    assert_non_null(strstr(err.message, "ZZ"));
    /* and a later one does not hide the repeat */
    static const char LATER[] =
        "pacta: 1\ntitle: t\npersons:\n"
        "  - {id: a, nationality: BB}\n"
        "  - {id: a, nationality: BB}\n"   /* line 5: the repeat */
        "  - {id: b, nationality: ZZ}\n";
    assert_error_at(run(rb, LATER, strlen(LATER), &err, NULL), &err, PACTA_EINPUT, 5);
    assert_non_null(strstr(err.message, "duplicate"));
    pacta_rulebase_free(rb);
}

static void test_persons_over_the_limit(void **state)
{
    (void)state;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.max_persons = 10;
    pacta_rulebase *rb = small_rulebase(&opts);
    text t = {0};
    append(&t, "pacta: 1\ntitle: crowd\npersons:\n", 31);
    for (int i = 0; i < 11; i++)
        appendf(&t, "  - {id: p%d, nationality: BB}\n", i);
    pacta_error err;
    assert_error_at(run(rb, t.data, t.len, &err, NULL), &err, PACTA_ELIMIT, 4);
    free(t.data);
    pacta_rulebase_free(rb);
}

/* Every classification could pair with every return: the work is counted and bounded. */
static void test_sequence_blow_up(void **state)
{
    (void)state;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.max_sequence_steps = 100000;
    pacta_rulebase *rb = small_rulebase(&opts);
    text t = {0};
    append(&t, HEAD, strlen(HEAD));
    append(&t, "events:\n", 8);
    for (size_t i = 0; i < 1000; i++)
        appendf(&t, "  - {id: c%zu, date: 2020-01-01, actor: AA, action: classify, subject: p1, "
                    "basis: categorical}\n", i);
    for (size_t i = 0; i < 1000; i++)
        appendf(&t, RETURN_EVENT, i);
    pacta_error err;
    pacta_status st = run(rb, t.data, t.len, &err, NULL);
    assert_int_equal(st, PACTA_ELIMIT);
    assert_true(err.line > 8);
    assert_non_null(strstr(err.message, "max_sequence_steps"));
    free(t.data);
    pacta_rulebase_free(rb);
}

/* ------------------------------------------------------------ regexes */

/*
 * Text to make one pattern work hard: the words of the pattern itself,
 * repeated with runs of blanks and punctuation between them, so that every
 * quantified group has many ways to match and almost-matches everywhere.
 */
static void hostile_text(text *t, const char *pattern, size_t size)
{
    const char *glue[] = {" ", "  ", "   ", "-", " - ", ". ", "    ", "\t"};
    size_t g = 0;
    while (t->len < size) {
        const char *p = pattern;
        size_t before = t->len;
        while (*p && t->len < size) {
            while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
                p++;
            const char *w = p;
            while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
                p++;
            /* skip regex escapes like \s, \b, \w: one letter after a backslash */
            if (p - w >= 2 || (p - w == 1 && (w == pattern || w[-1] != '\\'))) {
                append(t, w, (size_t)(p - w));
                append(t, glue[g % 8], strlen(glue[g % 8]));
                g++;
            }
        }
        if (t->len == before)
            repeat(t, "a ", 64);
    }
}

static void test_backtracking_against_every_indicator(void **state)
{
    (void)state;
    /* a hundredth of the default match limit: the patterns must stay well within it */
    pacta_options opts;
    pacta_options_init(&opts);
    opts.regex_match_limit = 10000;
    pacta_rulebase *rb = NULL;
    pacta_error err;
    if (pacta_rulebase_load_dir(&rb, rules_dir(), &opts, &err) != PACTA_OK)
        fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
    /* the patterns, read back from the rule file (the API does not list them) */
    char path[1100];
    snprintf(path, sizeof path, "%s/indicators.yaml", rules_dir());
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    char line[4096];
    size_t patterns = 0;
    size_t size = RUNNING_ON_VALGRIND ? 4096 : 65536;
    while (fgets(line, sizeof line, f)) {
        char *pat = strstr(line, "pattern: '");
        if (!pat)
            continue;
        patterns++;
        pat += 10;
        text desc = {0};
        hostile_text(&desc, pat, size);
        /* as a scenario: a forced return whose description is the hostile text */
        text t = {0};
        static const char SC_HEAD[] =
            "pacta: 1\ntitle: hostile\npersons:\n  - {id: p, nationality: KP}\n"
            "events:\n  - id: e1\n    date: 2023-10-09\n    actor: CN\n    action: return\n"
            "    subject: p\n    to: KP\n    description: \"";
        append(&t, SC_HEAD, strlen(SC_HEAD));
        for (size_t i = 0; i < desc.len; i++)
            append(&t, desc.data[i] == '\t' ? "\\t" : desc.data + i, desc.data[i] == '\t' ? 2 : 1);
        append(&t, "\"\n", 2);
        pacta_status st = run(rb, t.data, t.len, &err, NULL);
        if (st != PACTA_OK)
            fail_msg("pattern %zu over %zu bytes of hostile text: %s:%u:%u: %s", patterns,
                     desc.len, err.file, err.line, err.column, err.message);
        free(t.data);
        free(desc.data);
    }
    fclose(f);
    assert_true(patterns >= 10);
    pacta_rulebase_free(rb);
}

/*
 * A rule pack from a third party may hold a pattern that does backtrack
 * catastrophically. Over the limit it is an error at the description,
 * never a missed fact, and the limit bounds the work.
 */
static void test_regex_limit_is_an_error(void **state)
{
    (void)state;
    static const char GOOD[] = "(?i)\\bforcibly\\b";
    const char *at = strstr(VOCABULARY, GOOD);
    assert_non_null(at);
    text vocabulary = {0};
    append(&vocabulary, VOCABULARY, (size_t)(at - VOCABULARY));
    append(&vocabulary, "(?:a+)+b", 8);
    append(&vocabulary, at + strlen(GOOD), strlen(at + strlen(GOOD)));
    pacta_rulebase *rb = NULL;
    pacta_error err;
    assert_int_equal(pacta_rulebase_new(&rb, NULL, &err), PACTA_OK);
    assert_int_equal(pacta_rulebase_add_buffer(rb, "vocabulary.yaml", vocabulary.data,
                                               vocabulary.len, &err), PACTA_OK);
    assert_int_equal(pacta_rulebase_add_buffer(rb, "t.yaml", TREATY, strlen(TREATY), &err),
                     PACTA_OK);
    assert_int_equal(pacta_rulebase_finish(rb, &err), PACTA_OK);
    free(vocabulary.data);

    text t = {0};
    static const char SC_HEAD[] =
        "pacta: 1\ntitle: t\npersons:\n  - {id: p1, nationality: BB}\n"
        "events:\n  - id: e1\n    date: 2020-02-01\n    actor: AA\n    action: return\n"
        "    subject: p1\n    to: BB\n    description: \"";
    append(&t, SC_HEAD, strlen(SC_HEAD));
    repeat(&t, "a", 64); /* 2^63 ways to split the a's, none followed by b */
    append(&t, "c b\"\n", 5);
    pacta_status st = run(rb, t.data, t.len, &err, NULL);
    free(t.data);
    assert_error_at(st, &err, PACTA_ELIMIT, 12);
    assert_int_equal(err.column, 18);
    assert_non_null(strstr(err.message, "forced"));
    assert_true(err.hint[0] != '\0');
    pacta_rulebase_free(rb);
}

/* ---------------------------------------------------------- encodings */

static void test_invalid_utf8(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    static const char *const bad[] = {
        "caf\xc3\x28", "\xff\xfe", "\xed\xa0\x80 surrogate", "\xc0\xaf overlong",
        "\xf4\x90\x80\x80 past U+10FFFF", "cut \xe2\x82",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        text t = {0};
        append(&t, "pacta: 1\ntitle: ", 16);
        append(&t, bad[i], strlen(bad[i]));
        append(&t, "\nevents: []\n", 12);
        pacta_error err;
        pacta_status st = run(rb, t.data, t.len, &err, NULL);
        if (st != PACTA_EINPUT)
            fail_msg("input %zu: %s", i, pacta_status_name(st));
        assert_true(err.line >= 1 && err.line <= 2);
        assert_true(err.message[0] != '\0');
        free(t.data);
    }
    pacta_rulebase_free(rb);
}

static void test_nul_bytes(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    static const char SC[] = "pacta: 1\ntitle: a\0b\nevents: []\n";
    pacta_error err;
    assert_error_at(run(rb, SC, sizeof SC - 1, &err, NULL), &err, PACTA_EINPUT, 2);
    /* a NUL right at the start, and one in a rule file */
    assert_int_equal(run(rb, "\0pacta: 1\n", 10, &err, NULL), PACTA_EINPUT);
    pacta_rulebase *rb2 = NULL;
    assert_int_equal(pacta_rulebase_new(&rb2, NULL, &err), PACTA_OK);
    assert_error_at(pacta_rulebase_add_buffer(rb2, "nul.yaml", "pacta-rules: 1\nsources: [a\0]\n",
                                              29, &err),
                    &err, PACTA_EINPUT, 2);
    pacta_rulebase_free(rb2);
    pacta_rulebase_free(rb);
}

static const char CASE[] =
    "pacta: 1\n"
    "title: one return\n"
    "persons:\n"
    "  - {id: p1, nationality: BB}\n"
    "conditions:\n"
    "  - {state: BB, fact: risk}\n"
    "events:\n"
    "  - {id: e1, date: 2020-02-01, actor: AA, action: return, subject: p1, to: BB,\n"
    "     description: \"sent back forcibly\"}\n";

/* The verdicts of CASE after transform, which must equal the plain ones. */
static void assert_same_answer(const pacta_rulebase *rb, const char *data, size_t len)
{
    pacta_error err;
    pacta_report *plain = NULL, *other = NULL;
    assert_int_equal(run(rb, CASE, strlen(CASE), &err, &plain), PACTA_OK);
    pacta_status st = run(rb, data, len, &err, &other);
    if (st != PACTA_OK)
        fail_msg("%s:%u:%u: %s", err.file, err.line, err.column, err.message);
    assert_int_equal(pacta_report_finding_count(other), pacta_report_finding_count(plain));
    for (size_t i = 0; i < pacta_report_finding_count(plain); i++) {
        const pacta_finding *a = pacta_report_finding(plain, i), *b = pacta_report_finding(other, i);
        assert_string_equal(pacta_finding_rule(a), pacta_finding_rule(b));
        assert_int_equal(pacta_finding_verdict(a), pacta_finding_verdict(b));
        assert_int_equal(pacta_finding_fact_count(a), pacta_finding_fact_count(b));
        for (size_t j = 0; j < pacta_finding_fact_count(a); j++) {
            pacta_fact_view fa = pacta_finding_fact(a, j), fb = pacta_finding_fact(b, j);
            assert_int_equal(fa.span_start, fb.span_start);
            assert_int_equal(fa.span_end, fb.span_end);
        }
    }
    pacta_report_free(plain);
    pacta_report_free(other);
}

static void test_crlf(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    text t = {0};
    for (const char *p = CASE; *p; p++)
        append(&t, *p == '\n' ? "\r\n" : p, *p == '\n' ? 2 : 1);
    assert_same_answer(rb, t.data, t.len);
    /* an error in a CRLF file is on the same line as in the LF one */
    static const char BAD[] = "pacta: 1\r\ntitle: t\r\npersons:\r\n  - {id: p1, nationality: ZZ}\r\n";
    pacta_error err;
    assert_error_at(run(rb, BAD, strlen(BAD), &err, NULL), &err, PACTA_EINPUT, 4);
    free(t.data);
    pacta_rulebase_free(rb);
}

static void test_byte_order_marks(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    text t = {0};
    append(&t, "\xef\xbb\xbf", 3);
    append(&t, CASE, strlen(CASE));
    assert_same_answer(rb, t.data, t.len);
    free(t.data);
    /* the mark does not shift columns */
    static const char BAD[] = "\xef\xbb\xbfpacta: 1\ntitle: t\nbogus: 1\n";
    pacta_error err;
    assert_error_at(run(rb, BAD, strlen(BAD), &err, NULL), &err, PACTA_EINPUT, 3);
    assert_int_equal(err.column, 1);
    /* UTF-16 marks: pacta reads UTF-8 only */
    assert_int_equal(run(rb, "\xff\xfep\0a\0", 6, &err, NULL), PACTA_EINPUT);
    assert_int_equal(run(rb, "\xfe\xff\0p\0a", 6, &err, NULL), PACTA_EINPUT);
    pacta_rulebase_free(rb);
}

static void test_empty_inputs(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    static const char *const empty[] = {"", "\n", "   \n\n", "# only a comment\n", "\xef\xbb\xbf",
                                        "---\n", "...\n"};
    for (size_t i = 0; i < sizeof empty / sizeof *empty; i++) {
        pacta_error err;
        pacta_status st = run(rb, empty[i], strlen(empty[i]), &err, NULL);
        if (st != PACTA_EINPUT)
            fail_msg("input %zu: %s", i, pacta_status_name(st));
        assert_true(err.line >= 1);
        assert_true(err.message[0] != '\0');
    }
    /* a NULL buffer of length 0 is empty, too */
    pacta_error err;
    assert_int_equal(run(rb, NULL, 0, &err, NULL), PACTA_EINPUT);
    /* an empty rule file adds nothing, and a rulebase of nothing but it is refused */
    pacta_rulebase *rb2 = NULL;
    assert_int_equal(pacta_rulebase_new(&rb2, NULL, &err), PACTA_OK);
    pacta_status st = pacta_rulebase_add_buffer(rb2, "empty.yaml", "", 0, &err);
    if (st == PACTA_OK)
        st = pacta_rulebase_finish(rb2, &err);
    assert_int_equal(st, PACTA_EINPUT);
    assert_true(err.message[0] != '\0');
    pacta_rulebase_free(rb2);
    pacta_rulebase_free(rb);
}

static void test_directories_given_as_files(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    pacta_scenario *sc = NULL;
    pacta_error err;
    assert_int_equal(pacta_scenario_load_file(&sc, rb, rules_dir(), &err), PACTA_EIO);
    assert_null(sc);
    assert_string_equal(err.file, rules_dir());
    assert_non_null(strstr(err.message, "directory"));
    pacta_rulebase *rb2 = NULL;
    assert_int_equal(pacta_rulebase_new(&rb2, NULL, &err), PACTA_OK);
    assert_int_equal(pacta_rulebase_add_file(rb2, rules_dir(), &err), PACTA_EIO);
    assert_non_null(strstr(err.message, "directory"));
    pacta_rulebase_free(rb2);
    /* and the other way round: a file where a directory of rules should be */
    char path[1100];
    snprintf(path, sizeof path, "%s/vocabulary.yaml", rules_dir());
    rb2 = NULL;
    assert_true(pacta_rulebase_load_dir(&rb2, path, NULL, &err) < PACTA_OK);
    assert_null(rb2);
    assert_true(err.message[0] != '\0');
    assert_true(pacta_rulebase_load_dir(&rb2, "/nonexistent/pacta/rules", NULL, &err) ==
                PACTA_EIO);
    assert_null(rb2);
    pacta_rulebase_free(rb);
}

/* A FIFO nobody writes to would block a read forever; a device never ends. */
static void test_devices_and_fifos_given_as_files(void **state)
{
    (void)state;
    pacta_rulebase *rb = small_rulebase(NULL);
    pacta_scenario *sc = NULL;
    pacta_error err;
    assert_int_equal(pacta_scenario_load_file(&sc, rb, "/dev/zero", &err), PACTA_EIO);
    assert_null(sc);
    assert_string_equal(err.message, "is a device, pipe or socket, not a regular file");
    assert_non_null(strstr(err.hint, "_buffer"));

    char dir[] = "/tmp/pacta-fifo-XXXXXX", fifo[64];
    assert_non_null(mkdtemp(dir));
    snprintf(fifo, sizeof fifo, "%s/scenario.yaml", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    assert_int_equal(pacta_scenario_load_file(&sc, rb, fifo, &err), PACTA_EIO);
    assert_string_equal(err.message, "is a device, pipe or socket, not a regular file");
    pacta_rulebase *rb2 = NULL;
    assert_int_equal(pacta_rulebase_new(&rb2, NULL, &err), PACTA_OK);
    assert_int_equal(pacta_rulebase_add_file(rb2, fifo, &err), PACTA_EIO);
    pacta_rulebase_free(rb2);
    /* an answer file is untrusted text: the scenario it names is refused the same way */
    char answers[256];
    int n = snprintf(answers, sizeof answers,
                     "pacta-answers: 1\nscenario: %s\nfindings: []\n", fifo);
    assert_true(n > 0 && (size_t)n < sizeof answers);
    pacta_grade *g = NULL;
    assert_int_equal(pacta_grade_buffer(&g, rb, "answers.yaml", answers, (size_t)n, &err),
                     PACTA_EINPUT);
    assert_null(g);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "not a regular file"));
    assert_int_equal(unlink(fifo), 0);
    assert_int_equal(rmdir(dir), 0);
    pacta_rulebase_free(rb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deep_flow_nesting),
        cmocka_unit_test(test_deep_nesting_in_a_rule_file),
        cmocka_unit_test(test_alias_bomb),
        cmocka_unit_test(test_modest_aliases_are_fine),
        cmocka_unit_test(test_huge_scalar),
        cmocka_unit_test(test_input_over_the_byte_limit),
        cmocka_unit_test(test_100k_events),
        cmocka_unit_test(test_duplicate_ids_in_list_order),
        cmocka_unit_test(test_persons_over_the_limit),
        cmocka_unit_test(test_sequence_blow_up),
        cmocka_unit_test(test_backtracking_against_every_indicator),
        cmocka_unit_test(test_regex_limit_is_an_error),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nul_bytes),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_byte_order_marks),
        cmocka_unit_test(test_empty_inputs),
        cmocka_unit_test(test_directories_given_as_files),
        cmocka_unit_test(test_devices_and_fifos_given_as_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
