/*
 * test_util.c: the arena, error values and their formatting, and "did you
 * mean" suggestions. These sit under every loader, so the tests pin down the
 * edges: alignment, zeroing, overflow and allocation failure for the arena;
 * truncation and exact output strings for errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "base/error.h"
#include "test_helpers.h"

/* ------------------------------------------------------------------ arena */

static void test_arena_alignment_and_zeroing(void **state)
{
    (void)state;
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    size_t sizes[] = {1, 3, 7, 8, 13, 16, 17, 100, 1000, 5000, 1, 0, 2};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        unsigned char *p = arena_alloc(ar, sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        for (size_t j = 0; j < sizes[i]; j++)
            assert_int_equal(p[j], 0);
        memset(p, 0xAB, sizes[i]);
    }
    /* zero-size allocations still get distinct pointers */
    void *a = arena_alloc(ar, 0);
    void *b = arena_alloc(ar, 0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    arena_free(ar);
}

static void test_arena_many_small_allocations(void **state)
{
    (void)state;
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    int *ints[5000];
    for (int i = 0; i < 5000; i++) {
        ints[i] = arena_alloc(ar, sizeof(int));
        assert_non_null(ints[i]);
        *ints[i] = i;
    }
    /* nothing was overwritten by a later allocation */
    for (int i = 0; i < 5000; i++)
        assert_int_equal(*ints[i], i);
    assert_true(arena_used(ar) >= 5000 * sizeof(int));
    arena_free(ar);
}

static void test_arena_large_allocation_gets_own_block(void **state)
{
    (void)state;
    counting_alloc c;
    pacta_allocator a = counting_allocator(&c);
    arena *ar = arena_new(&a);
    assert_non_null(ar);
    size_t base = c.mallocs; /* the arena and its first block */
    assert_int_equal(base, 2);

    char *small = arena_alloc(ar, 64);
    assert_non_null(small);
    assert_int_equal(c.mallocs, base);

    char *big = arena_alloc(ar, 1u << 20);
    assert_non_null(big);
    assert_int_equal(c.mallocs, base + 1);
    assert_true(c.bytes >= (1u << 20));
    big[(1u << 20) - 1] = 'x';

    /* the first block still serves small requests after the big one */
    char *after = arena_alloc(ar, 64);
    assert_non_null(after);
    assert_int_equal(c.mallocs, base + 1);
    assert_ptr_equal(after, small + 64);

    assert_int_equal(arena_used(ar), 64 + (1u << 20) + 64);
    arena_free(ar);
    assert_int_equal(c.frees, c.mallocs);
}

static void test_arena_uses_given_allocator(void **state)
{
    (void)state;
    counting_alloc c;
    pacta_allocator a = counting_allocator(&c);
    arena *ar = arena_new(&a);
    assert_non_null(ar);
    const pacta_allocator *got = arena_allocator(ar);
    assert_ptr_equal(got->malloc_fn, counting_malloc);
    assert_ptr_equal(got->free_fn, counting_free);
    assert_ptr_equal(got->ctx, &c);
    for (int i = 0; i < 1000; i++)
        assert_non_null(arena_alloc(ar, 100));
    assert_true(c.mallocs > 2);
    arena_free(ar);
    assert_int_equal(c.frees, c.mallocs);

    /* NULL means the C library; the arena still reports an allocator */
    ar = arena_new(NULL);
    assert_non_null(ar);
    assert_non_null(arena_allocator(ar));
    assert_non_null(arena_allocator(ar)->malloc_fn);
    arena_free(ar);
    arena_free(NULL);
}

static void test_arena_array_overflow(void **state)
{
    (void)state;
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    assert_null(arena_array(ar, SIZE_MAX / 2 + 2, 2));
    assert_null(arena_array(ar, SIZE_MAX, SIZE_MAX));
    assert_null(arena_alloc(ar, SIZE_MAX));
    assert_null(arena_alloc(ar, SIZE_MAX - 8));
    assert_null(arena_strndup(ar, "x", SIZE_MAX));
    long *xs = arena_array(ar, 100, sizeof(long));
    assert_non_null(xs);
    for (int i = 0; i < 100; i++)
        assert_int_equal(xs[i], 0);
    assert_non_null(arena_array(ar, 0, 8));
    arena_free(ar);
}

static void test_arena_strings(void **state)
{
    (void)state;
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    char *s = arena_strndup(ar, "refoulement and more", 11);
    assert_string_equal(s, "refoulement");
    assert_string_equal(arena_strdup(ar, "non-refoulement"), "non-refoulement");
    assert_string_equal(arena_strndup(ar, NULL, 0), "");
    assert_null(arena_strdup(ar, NULL));
    /* embedded NUL bytes are copied */
    char *n = arena_strndup(ar, "a\0b", 3);
    assert_memory_equal(n, "a\0b\0", 4);

    assert_string_equal(arena_printf(ar, "art. %d(%d) of %s", 33, 1, "1951"), "art. 33(1) of 1951");
    assert_string_equal(arena_printf(ar, "%s", ""), "");
    /* longer than any block: the second vsnprintf must see the whole text */
    char long_text[10000];
    memset(long_text, 'y', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    char *p = arena_printf(ar, "<%s>", long_text);
    assert_non_null(p);
    assert_int_equal(strlen(p), sizeof long_text + 1);
    assert_int_equal(p[0], '<');
    assert_int_equal(p[sizeof long_text], '>');
    arena_free(ar);
}

static void test_ptrvec_growth(void **state)
{
    (void)state;
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    ptrvec v = {0};
    static int values[1000];
    for (int i = 0; i < 1000; i++) {
        assert_int_equal(ptrvec_push(ar, &v, &values[i]), 0);
        assert_true(v.cap >= v.count);
    }
    assert_int_equal(v.count, 1000);
    assert_int_equal(v.cap, 1024); /* 4, 8, ... doubling */
    for (int i = 0; i < 1000; i++)
        assert_ptr_equal(v.items[i], &values[i]);
    assert_int_equal(ptrvec_push(ar, &v, NULL), 0);
    assert_null(v.items[1000]);
    arena_free(ar);
}

/* Runs a fixed workload over an allocator failing after n allocations;
 * returns 1 if the workload completed. */
static int arena_workload(size_t n, counting_alloc *c)
{
    pacta_allocator a = counting_allocator(c);
    c->fail_after = n;
    arena *ar = arena_new(&a);
    if (!ar)
        return 0;
    int ok = 1;
    ptrvec v = {0};
    for (int i = 0; i < 300 && ok; i++) {
        char *s = arena_printf(ar, "item %d %0200d", i, i);
        if (!s || ptrvec_push(ar, &v, s) != 0)
            ok = 0;
        if (ok && !arena_alloc(ar, (size_t)i * 97))
            ok = 0;
    }
    if (ok && !arena_alloc(ar, 100000))
        ok = 0;
    if (ok) {
        for (int i = 0; i < 300; i++)
            assert_int_equal(strncmp(v.items[i], "item ", 5), 0);
    }
    arena_free(ar);
    return ok;
}

static void test_arena_allocation_failures(void **state)
{
    (void)state;
    counting_alloc c;
    int completed = 0;
    for (size_t n = 0; n < 10000 && !completed; n++) {
        completed = arena_workload(n, &c);
        /* whatever failed, everything allocated was given back */
        assert_int_equal(c.frees, c.mallocs);
    }
    assert_true(completed);

    /* arena_new fails cleanly on the first and on the second allocation */
    pacta_allocator a = counting_allocator(&c);
    c.fail_after = 0;
    assert_null(arena_new(&a));
    c.fail_after = 1;
    assert_null(arena_new(&a));
    assert_int_equal(c.frees, c.mallocs);
}

/* ------------------------------------------------------------------ error */

static void test_error_set_fields(void **state)
{
    (void)state;
    pacta_error err;
    memset(&err, 0x55, sizeof err);
    assert_int_equal(error_set(&err, PACTA_EINPUT, "rules/a.yaml", 12, 5, "unknown key '%s'", "tortur"),
                     PACTA_EINPUT);
    assert_int_equal(err.status, PACTA_EINPUT);
    assert_string_equal(err.file, "rules/a.yaml");
    assert_int_equal(err.line, 12);
    assert_int_equal(err.column, 5);
    assert_string_equal(err.message, "unknown key 'tortur'");
    assert_string_equal(err.hint, "");

    error_hint(&err, "did you mean '%s'?", "torture");
    assert_string_equal(err.hint, "did you mean 'torture'?");
    /* a new error clears the hint */
    error_set(&err, PACTA_ELIMIT, NULL, 0, 0, "too big");
    assert_string_equal(err.file, "");
    assert_string_equal(err.hint, "");
    assert_int_equal(err.line, 0);

    /* NULL err is allowed everywhere */
    assert_int_equal(error_set(NULL, PACTA_ENOMEM, "f", 1, 1, "x"), PACTA_ENOMEM);
    error_hint(NULL, "x");
    error_clear(NULL);

    error_clear(&err);
    assert_int_equal(err.status, PACTA_OK);
    assert_string_equal(err.file, "");
    assert_string_equal(err.message, "");
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
}

static void test_error_set_may_reuse_its_own_fields(void **state)
{
    (void)state;
    pacta_error err;
    error_set(&err, PACTA_EINPUT, "case.yaml", 3, 4, "bad date");
    error_set(&err, PACTA_EINPUT, err.file, err.line, err.column, "in event e1: %s", err.message);
    assert_string_equal(err.file, "case.yaml");
    assert_string_equal(err.message, "in event e1: bad date");
}

static void test_error_truncation(void **state)
{
    (void)state;
    pacta_error err;
    char long_file[2000];
    memset(long_file, 'f', sizeof long_file - 1);
    long_file[sizeof long_file - 1] = '\0';
    error_set(&err, PACTA_EIO, long_file, 1, 1, "%s", long_file);
    assert_int_equal(strlen(err.file), PACTA_ERROR_FILE_MAX - 1);
    assert_int_equal(strlen(err.message), PACTA_ERROR_MESSAGE_MAX - 1);
    error_hint(&err, "%s", long_file);
    assert_int_equal(strlen(err.hint), PACTA_ERROR_HINT_MAX - 1);

    /* a two-byte character that would straddle the end is dropped whole:
     * 510 ASCII bytes then "é" (2 bytes) leaves no room for the second byte */
    char text[600];
    memset(text, 'a', 510);
    strcpy(text + 510, "\xC3\xA9tail");
    error_set(&err, PACTA_EINPUT, text, 1, 1, "%s", text);
    assert_int_equal(strlen(err.message), 510);
    assert_int_equal(strlen(err.file), 510);
    /* 509 bytes then "é" fits exactly */
    memset(text, 'a', 509);
    strcpy(text + 509, "\xC3\xA9tail");
    error_set(&err, PACTA_EINPUT, "f", 1, 1, "%s", text);
    assert_int_equal(strlen(err.message), 511);
    assert_memory_equal(err.message + 509, "\xC3\xA9", 2);
    /* a four-byte character cut after one, two or three bytes */
    for (size_t lead = 507; lead <= 511; lead++) {
        memset(text, 'a', lead);
        strcpy(text + lead, "\xF0\x9F\x98\x80" "tail");
        error_set(&err, PACTA_EINPUT, "f", 1, 1, "%s", text);
        /* 507 + 4 = 511 bytes still fit; any later start cuts the character */
        assert_int_equal(strlen(err.message), lead == 507 ? 511 : lead);
    }
}

static void test_error_format(void **state)
{
    (void)state;
    pacta_error err;
    char buf[1024];

    error_set(&err, PACTA_EINPUT, "rules/instruments/cat.yaml", 14, 7, "unknown fact 'torture_on_retrun'");
    error_hint(&err, "did you mean 'torture_on_return'?");
    size_t n = pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "rules/instruments/cat.yaml:14:7: unknown fact 'torture_on_retrun' "
                             "(hint: did you mean 'torture_on_return'?)");
    assert_int_equal(n, strlen(buf));

    error_set(&err, PACTA_EINPUT, "case.yaml", 3, 1, "duplicate key 'a'");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "case.yaml:3:1: duplicate key 'a'");

    error_set(&err, PACTA_EIO, "missing.yaml", 0, 0, "cannot open: No such file or directory");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "missing.yaml: cannot open: No such file or directory");

    error_set(&err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "out of memory");

    error_set(&err, PACTA_EINPUT, "", 4, 2, "bad");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "4:2: bad");

    /* a line without a column */
    error_set(&err, PACTA_EINPUT, "f.yaml", 9, 0, "bad");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "f.yaml:9: bad");

    /* an empty message falls back to the status name */
    error_set(&err, PACTA_ELIMIT, "f.yaml", 1, 1, "%s", "");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "f.yaml:1:1: limit exceeded");

    error_set(&err, PACTA_EUSAGE, "", 0, 0, "no rulebase");
    error_hint(&err, "call pacta_rulebase_finish first");
    pacta_error_format(&err, buf, sizeof buf);
    assert_string_equal(buf, "no rulebase (hint: call pacta_rulebase_finish first)");
}

static void test_error_format_snprintf_semantics(void **state)
{
    (void)state;
    pacta_error err;
    error_set(&err, PACTA_EINPUT, "a.yaml", 10, 20, "message");
    error_hint(&err, "hint");
    const char *full = "a.yaml:10:20: message (hint: hint)";
    size_t len = strlen(full);

    assert_int_equal(pacta_error_format(&err, NULL, 0), len);
    char buf[64];
    for (size_t size = 1; size <= len + 1; size++) {
        memset(buf, 'Z', sizeof buf);
        assert_int_equal(pacta_error_format(&err, buf, size), len);
        assert_int_equal(strlen(buf), size - 1);
        assert_memory_equal(buf, full, size - 1);
        assert_int_equal(buf[size], 'Z'); /* nothing written past size */
    }
    memset(buf, 'Z', sizeof buf);
    assert_int_equal(pacta_error_format(&err, buf, 0), len);
    assert_int_equal(buf[0], 'Z');

    /* unterminated fields are read only up to their size */
    memset(err.file, 'q', sizeof err.file);
    memset(err.message, 'm', sizeof err.message);
    memset(err.hint, 'h', sizeof err.hint);
    assert_int_equal(pacta_error_format(&err, NULL, 0),
                     PACTA_ERROR_FILE_MAX + strlen(":10:20: ") + PACTA_ERROR_MESSAGE_MAX +
                         strlen(" (hint: )") + PACTA_ERROR_HINT_MAX);
    assert_int_equal(pacta_error_format(NULL, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(pacta_status_name(PACTA_OK), "ok");
    assert_string_equal(pacta_status_name(PACTA_DONE), "no more documents");
    assert_string_equal(pacta_status_name(PACTA_EINPUT), "malformed input");
    assert_string_equal(pacta_status_name(PACTA_ELIMIT), "limit exceeded");
    assert_string_equal(pacta_status_name(PACTA_ENOMEM), "out of memory");
    assert_string_equal(pacta_status_name(PACTA_EIO), "input/output error");
    assert_string_equal(pacta_status_name(PACTA_EUSAGE), "invalid argument");
    assert_string_equal(pacta_status_name((pacta_status)42), "unknown status");
}

/* ------------------------------------------------------------ suggestions */

static const char *const facts[] = {
    "torture_on_return",
    "persecution_on_return",
    "individual_assessment",
    "danger_to_security",
    "refugee",
    "risk",
    "effective_remedy",
    NULL,
};

static void test_suggest_misspellings(void **state)
{
    (void)state;
    assert_string_equal(suggest_from_list("torture_on_retrun", facts), "torture_on_return");
    assert_string_equal(suggest_from_list("torture_on_retun", facts), "torture_on_return");
    assert_string_equal(suggest_from_list("persecution_on_returns", facts), "persecution_on_return");
    assert_string_equal(suggest_from_list("individual_asessment", facts), "individual_assessment");
    assert_string_equal(suggest_from_list("refugé", facts), "refugee");
    assert_string_equal(suggest_from_list("refguee", facts), "refugee");
    assert_string_equal(suggest_from_list("rsk", facts), "risk");
    /* three edits are the most for a long name */
    assert_string_equal(suggest_from_list("danger_2_securty", facts), "danger_to_security");
    assert_null(suggest_from_list("danger_2_scrty", facts));
}

static void test_suggest_case_insensitive(void **state)
{
    (void)state;
    assert_string_equal(suggest_from_list("Torture_On_Return", facts), "torture_on_return");
    assert_string_equal(suggest_from_list("REFUGEE", facts), "refugee");
    assert_string_equal(suggest_from_list("Effective_Remedi", facts), "effective_remedy");
}

static void test_suggest_prefixes(void **state)
{
    (void)state;
    assert_string_equal(suggest_from_list("torture", facts), "torture_on_return");
    assert_string_equal(suggest_from_list("individual", facts), "individual_assessment");
    assert_string_equal(suggest_from_list("effective_remedy_available", facts), "effective_remedy");
    /* two letters are too few to be a prefix worth suggesting */
    assert_null(suggest_from_list("to", facts));
}

static void test_suggest_nothing_for_unrelated_words(void **state)
{
    (void)state;
    assert_null(suggest_from_list("banana", facts));
    assert_null(suggest_from_list("nationality", facts));
    assert_null(suggest_from_list("xyz", facts));
    assert_null(suggest_from_list("", facts));
    assert_null(suggest_from_list("deny", (const char *const[]){"stay", NULL}));
    static const char *const none[] = {NULL};
    assert_null(suggest_from_list("refugee", none));
    assert_null(suggest_from_list(NULL, facts));
    assert_null(suggest_from_list("refugee", NULL));
}

static void test_suggest_picks_closest(void **state)
{
    (void)state;
    static const char *const actions[] = {"return", "retain", "detain", "deport", "expel", NULL};
    assert_string_equal(suggest_from_list("retrun", actions), "return");
    assert_string_equal(suggest_from_list("detian", actions), "detain");
    assert_string_equal(suggest_from_list("expell", actions), "expel");
    assert_string_equal(suggest_from_list("deprot", actions), "deport");
    /* a tie goes to the first candidate */
    static const char *const tie[] = {"abcx", "abcy", NULL};
    assert_string_equal(suggest_from_list("abcz", tie), "abcx");
    /* an exact match (ignoring case) is the best answer */
    static const char *const exact[] = {"refoulement", "Refoulment", NULL};
    assert_string_equal(suggest_from_list("refoulment", exact), "Refoulment");
}

static void test_suggest_bounds_work(void **state)
{
    (void)state;
    char long_word[200];
    memset(long_word, 'a', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = '\0';
    const char *const longs[] = {long_word, "aaaa", NULL};
    /* words longer than 64 bytes are neither suggested nor matched */
    assert_null(suggest_from_list(long_word, longs));
    long_word[65] = '\0';
    assert_null(suggest_from_list("aaab", (const char *const[]){long_word, NULL}));
    long_word[64] = '\0';
    assert_string_equal(suggest_from_list("aaaa", (const char *const[]){long_word, NULL}), long_word);
}

typedef struct named {
    int id;
    const char *name;
} named;

static const char *get_named(const void *candidates, size_t i)
{
    return ((const named *)candidates)[i].name;
}

static void test_suggest_name_with_getter(void **state)
{
    (void)state;
    static const named states[] = {{1, "CN"}, {2, "KP"}, {3, NULL}, {4, "ratification"},
                                   {5, "accession"}};
    assert_string_equal(suggest_name("ratifcation", states, 5, get_named), "ratification");
    assert_string_equal(suggest_name("accesion", states, 5, get_named), "accession");
    assert_null(suggest_name("denunciation", states, 5, get_named));
    /* n bounds the search */
    assert_null(suggest_name("accesion", states, 4, get_named));
    assert_null(suggest_name("accesion", states, 5, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment_and_zeroing),
        cmocka_unit_test(test_arena_many_small_allocations),
        cmocka_unit_test(test_arena_large_allocation_gets_own_block),
        cmocka_unit_test(test_arena_uses_given_allocator),
        cmocka_unit_test(test_arena_array_overflow),
        cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_ptrvec_growth),
        cmocka_unit_test(test_arena_allocation_failures),
        cmocka_unit_test(test_error_set_fields),
        cmocka_unit_test(test_error_set_may_reuse_its_own_fields),
        cmocka_unit_test(test_error_truncation),
        cmocka_unit_test(test_error_format),
        cmocka_unit_test(test_error_format_snprintf_semantics),
        cmocka_unit_test(test_status_names),
        cmocka_unit_test(test_suggest_misspellings),
        cmocka_unit_test(test_suggest_case_insensitive),
        cmocka_unit_test(test_suggest_prefixes),
        cmocka_unit_test(test_suggest_nothing_for_unrelated_words),
        cmocka_unit_test(test_suggest_picks_closest),
        cmocka_unit_test(test_suggest_bounds_work),
        cmocka_unit_test(test_suggest_name_with_getter),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
