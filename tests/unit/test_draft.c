/*
 * test_draft.c: the drafter's library interface (pacta_draft_*) and the
 * narrative indicators it shares its approach with.
 *
 * The indicator corpus is a set of sentences written in the ways reports
 * state categorical treatment (universal quantifiers over the group, policy
 * phrasing, an absence of procedure) and in the ways they state its
 * opposite or only part of it ("not all were returned", "some were
 * screened"); each must fire, or not, on the real rules. The drafter tests
 * cover what the CLI tests cannot reach: every bad text as an error value,
 * the extraction views, and every allocation failure turning into
 * PACTA_ENOMEM without a leak.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/arena.h"
#include "load/indicators.h"
#include "pacta.h"
#include "fixtures.h"
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

/* The value the indicators give fact in text: 1 true, 0 false, 2 unknown, -1 none fired. */
static int indicated(const char *text, const char *fact)
{
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    sc_event e;
    memset(&e, 0, sizeof e);
    e.description = text;
    e.description_len = strlen(text);
    pacta_error err;
    assert_int_equal(indicators_scan(rules, ar, &e, "corpus", 1, 1, &err), PACTA_OK);
    int value = -1;
    for (size_t i = 0; i < e.text_fact_count; i++)
        if (strcmp(e.text_facts[i].indicator->fact->name, fact) == 0)
            value = e.text_facts[i].value == PACTA_UNKNOWN ? 2 : e.text_facts[i].value == PACTA_TRUE;
    arena_free(ar);
    return value;
}

static void test_categorical_fires(void **state)
{
    (void)state;
    static const char *const fires[] = {
        "Each of them was sent back across the river within hours.",
        "Every one of them was returned to the North the same night.",
        "Any North Korean who crosses the border is sent back.",
        "Anyone who is caught without papers is deported within days.",
        "All North Korean escapees are treated as illegal migrants.",
        "All of those detained were repatriated on the same bus.",
        "All were returned within a week, the lawyer said.",
        "Border crossers are returned as a matter of policy.",
        "The authorities apply the rule across the board.",
        "They were deported without distinction.",
        "Returns proceed no matter what their circumstances.",
        "They were expelled regardless of their individual claims.",
        "The men were removed irrespective of their fears of persecution.",
        "Escapees are automatically classified as economic migrants.",
        "The police systematically deported people who entered without a visa.",
        "None of them was screened before the transfer.",
        "No one was able to apply for asylum at the detention centre.",
        "Not a single detainee was interviewed by an official.",
        "The group was removed collectively.",
        "Officials described it as a blanket ban on entry.",
    };
    for (size_t i = 0; i < sizeof fires / sizeof fires[0]; i++)
        if (indicated(fires[i], "categorical") != 1)
            fail_msg("categorical treatment not found in: %s", fires[i]);
}

static void test_categorical_does_not_fire(void **state)
{
    (void)state;
    static const char *const quiet[] = {
        "Not all were returned.",
        "Not all of the refugees were returned; some were released.",
        "Some were screened by UNHCR before the flight.",
        "A few of them were interviewed individually.",
        "Each of them was interviewed individually by a UNHCR officer.",
        "Several detainees were returned after their claims were rejected.",
        "Almost all were returned.",
        "Their cases were examined one by one.",
        "Officials said the policy would be reviewed.",
        "None of the reports could be verified.",
        "No one knows how many were returned.",
        "They were not automatically returned; each claim was heard.",
        "Not every North Korean refugee is sent back.",
        "The family was returned after an interview.",
    };
    for (size_t i = 0; i < sizeof quiet / sizeof quiet[0]; i++)
        if (indicated(quiet[i], "categorical") != -1)
            fail_msg("categorical treatment read into: %s", quiet[i]);
}

static void test_absence_of_procedure(void **state)
{
    (void)state;
    assert_int_equal(indicated("None of them was screened before the transfer.", "individual_assessment"), 0);
    assert_int_equal(indicated("No one could apply for protection.", "individual_assessment"), 0);
    assert_int_equal(indicated("Some were screened by UNHCR.", "individual_assessment"), -1);
}

/* The indicators read negation before a match and hedging in its sentence, as the drafter does. */
static void test_negation_and_hedging(void **state)
{
    (void)state;
    assert_int_equal(indicated("The men sought asylum at the border.", "sought_protection"), 1);
    assert_int_equal(indicated("The men did not seek asylum, police said.", "sought_protection"), 0);
    assert_int_equal(indicated("The men reportedly sought asylum.", "sought_protection"), 2);
    /* the hedge of another sentence does not reach this one */
    assert_int_equal(indicated("It was reportedly cold. The men sought asylum.", "sought_protection"), 1);
    /* a negation in another clause denies nothing */
    assert_int_equal(indicated("They were given no lawyer and forcibly returned.", "voluntary"), 0);
    assert_int_equal(indicated("They were not sent back against their will.", "voluntary"), 1);
}

/* ------------------------------------------------------------ the drafter */

static const char report[] =
    "China returns defectors\n"
    "SEOUL, Oct. 11, 2023 (Yonhap) -- Chinese authorities forcibly repatriated about 600\n"
    "North Korean defectors to North Korea on Monday, without any screening.\n";

static pacta_status draft(const char *text, size_t len, const char *date, pacta_draft **d,
                          pacta_error *err)
{
    return pacta_draft_new(d, rules, "report.txt", text, len, date, err);
}

static void test_draft_extractions(void **state)
{
    (void)state;
    pacta_draft *d = NULL;
    pacta_error err;
    if (draft(report, strlen(report), NULL, &d, &err) != PACTA_OK)
        fail_on_error("draft", &err);
    assert_int_equal(pacta_draft_event_count(d), 1);
    int found_act = 0, found_date = 0;
    for (size_t i = 0; i < pacta_draft_extraction_count(d); i++) {
        pacta_extraction_view x = pacta_draft_extraction(d, i);
        assert_true(x.end <= strlen(report) && x.start <= x.end && x.length == x.end - x.start);
        assert_memory_equal(x.text, report + x.start, x.length);
        if (strcmp(x.kind, "act") == 0) {
            found_act = 1;
            assert_int_equal(x.line, 2);
            assert_int_equal(x.column, 63);
            assert_string_equal(x.meaning, "action return");
        }
        if (strcmp(x.kind, "date") == 0 && strncmp(x.text, "on Monday", x.length) == 0) {
            found_date = 1;
            assert_int_equal(x.line, 3);
            assert_non_null(strstr(x.meaning, "2023-10-09"));
        }
    }
    assert_true(found_act && found_date);
    pacta_extraction_view none = pacta_draft_extraction(d, 100000);
    assert_null(none.kind);
    pacta_draft_free(d);
    pacta_draft_free(NULL);
}

static void test_draft_bad_text(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        size_t len;
        pacta_status status;
        unsigned line, column;
        const char *message;
    } cases[] = {
        {"", 0, PACTA_EINPUT, 0, 0, "no text to draft from"},
        {" \n\t\n", 4, PACTA_EINPUT, 0, 0, "no text to draft from"},
        {"Police\0deported", 15, PACTA_EINPUT, 1, 7, "binary data"},
        {"ok\nthe caf\xE9 owner", 17, PACTA_EINPUT, 2, 8, "invalid UTF-8 (byte 0xE9)"},
        {"ok\n\xF0\x9F\x98", 6, PACTA_EINPUT, 2, 1, "invalid UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        pacta_draft *d = (pacta_draft *)&cases; /* must be reset to NULL */
        pacta_error err;
        assert_int_equal(draft(cases[i].text, cases[i].len, NULL, &d, &err), cases[i].status);
        assert_null(d);
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(err.column, cases[i].column);
        assert_string_equal(err.file, "report.txt");
        if (!strstr(err.message, cases[i].message))
            fail_msg("case %zu: %s", i, err.message);
    }
    pacta_draft *d = NULL;
    pacta_error err;
    assert_int_equal(draft(report, strlen(report), "2023-02-30", &d, &err), PACTA_EUSAGE);
    assert_int_equal(pacta_draft_new(&d, rules, "x", NULL, 5, NULL, &err), PACTA_EUSAGE);
}

static void test_draft_input_limit(void **state)
{
    (void)state;
    /* a limit above every rule file, and a text one byte over it */
    pacta_options opts;
    pacta_options_init(&opts);
    opts.max_input_bytes = 1 << 20;
    pacta_rulebase *small = NULL;
    pacta_error err;
    if (load_real_rules(&small, &opts, &err) != PACTA_OK)
        fail_on_error("rules", &err);
    size_t len = opts.max_input_bytes + 1;
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, 'a', len);
    pacta_draft *d = NULL;
    assert_int_equal(pacta_draft_new(&d, small, "big.txt", big, len, NULL, &err), PACTA_ELIMIT);
    assert_null(d);
    assert_non_null(strstr(err.message, "larger than the input limit of 1048576 bytes"));
    free(big);
    pacta_rulebase_free(small);
}

/* More acts than one report holds is an error at the act that passes the bound. */
static void test_draft_too_many_acts(void **state)
{
    (void)state;
    size_t cap = 1200 * 80, len = 0;
    char *text = malloc(cap);
    assert_non_null(text);
    for (int i = 0; i < 1200; i++)
        len += (size_t)snprintf(text + len, cap - len, "Thai police deported %d Lao nationals to Laos on %d May %d.\n",
                                i + 2, 1 + i % 28, 1950 + i / 28);
    pacta_draft *d = NULL;
    pacta_error err;
    assert_int_equal(draft(text, len, NULL, &d, &err), PACTA_ELIMIT);
    assert_null(d);
    assert_int_equal(err.line, 1001);
    assert_non_null(strstr(err.message, "more than 1000 acts"));
    free(text);
}

static void test_draft_without_draft_rules(void **state)
{
    (void)state;
    pacta_rulebase *rb = NULL;
    pacta_error err;
    assert_int_equal(pacta_rulebase_new(&rb, NULL, &err), PACTA_OK);
    add_rules_buffer(rb, "v.yaml",
                     "pacta-rules: 1\n"
                     "actions:\n"
                     "  - {name: return, label: return, verb: returned, removal: true, fields: [to], required: [to]}\n");
    finish_rules(rb);
    pacta_draft *d = NULL;
    assert_int_equal(pacta_draft_new(&d, rb, "r.txt", report, strlen(report), NULL, &err), PACTA_EINPUT);
    assert_non_null(strstr(err.message, "no 'draft:' section"));
    pacta_rulebase_free(rb);
}

static int render_fails(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    return -1;
}

static void test_draft_render_error(void **state)
{
    (void)state;
    pacta_draft *d = NULL;
    pacta_error err;
    if (draft(report, strlen(report), NULL, &d, &err) != PACTA_OK)
        fail_on_error("draft", &err);
    assert_int_equal(pacta_draft_render(d, 0, render_fails, NULL), PACTA_EIO);
    assert_int_equal(pacta_draft_render(d, 1, render_fails, NULL), PACTA_EIO);
    pacta_draft_free(d);
}

/* Every allocation the drafter makes may fail: each failure is PACTA_ENOMEM, nothing leaks. */
static void test_draft_out_of_memory(void **state)
{
    (void)state;
    counting_alloc counter = {0, 0, 0, SIZE_MAX};
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&counter);
    pacta_rulebase *rb = NULL;
    pacta_error err;
    if (load_real_rules(&rb, &opts, &err) != PACTA_OK)
        fail_on_error("rules", &err);
    size_t failures = 0;
    for (size_t k = 0;; k++) {
        size_t before = counter.mallocs, freed = counter.frees;
        counter.fail_after = before + k;
        pacta_draft *d = NULL;
        pacta_status st = pacta_draft_new(&d, rb, "r.txt", report, strlen(report), NULL, &err);
        counter.fail_after = SIZE_MAX;
        if (st == PACTA_OK) {
            pacta_draft_free(d);
            assert_int_equal(counter.mallocs - before, counter.frees - freed);
            break;
        }
        assert_int_equal(st, PACTA_ENOMEM);
        assert_null(d);
        assert_int_equal(counter.mallocs - before, counter.frees - freed);
        failures++;
    }
    assert_true(failures > 0);
    pacta_rulebase_free(rb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_categorical_fires),
        cmocka_unit_test(test_categorical_does_not_fire),
        cmocka_unit_test(test_absence_of_procedure),
        cmocka_unit_test(test_negation_and_hedging),
        cmocka_unit_test(test_draft_extractions),
        cmocka_unit_test(test_draft_bad_text),
        cmocka_unit_test(test_draft_input_limit),
        cmocka_unit_test(test_draft_too_many_acts),
        cmocka_unit_test(test_draft_without_draft_rules),
        cmocka_unit_test(test_draft_render_error),
        cmocka_unit_test(test_draft_out_of_memory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
