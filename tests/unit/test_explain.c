/*
 * test_explain.c: the library side of explanations, against the real rules
 * (PACTA_TEST_ROOT): citation styles assembled from the instrument data
 * (pacta_cite, every style, snprintf's contract), the per-step reasons the
 * analysis carries, the render flags' checks, and the coverage API (what a
 * report exercises, and refusing a report of other rules).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pacta.h"
#include "fixtures.h"
#include "sink.h"
#include "small_rules.h"

static pacta_rulebase *rb;

static int load_rules(void **state)
{
    (void)state;
    return setup_real_rules(&rb);
}

static int free_rules(void **state)
{
    (void)state;
    pacta_rulebase_free(rb);
    return 0;
}

/* The source of examples/prc-2023-mass-return.yaml's central event, reduced. */
static const char SCENARIO[] =
    "pacta: 1\n"
    "title: a return to the DPRK\n"
    "persons:\n"
    "  - {id: escapees, nationality: KP, count: 10}\n"
    "conditions:\n"
    "  - {state: KP, fact: persecution_on_return}\n"
    "  - {state: KP, fact: torture_on_return}\n"
    "events:\n"
    "  - {id: e1, date: 2023-10-09, actor: CN, action: return, subject: escapees, to: KP,\n"
    "     facts: {voluntary: false}}\n";

/* The scenario checked last; kept until its report is done with (release()). */
static pacta_scenario *scenario;

static pacta_report *check_scenario(const char *text)
{
    pacta_report *rep = NULL;
    pacta_error err;
    if (pacta_scenario_load_buffer(&scenario, rb, "case.yaml", text, strlen(text), &err) !=
            PACTA_OK ||
        pacta_check(&rep, rb, scenario, &err) != PACTA_OK)
        fail_on_error("case.yaml", &err);
    return rep;
}

static void release(pacta_report *rep)
{
    pacta_report_free(rep);
    pacta_scenario_free(scenario);
    scenario = NULL;
}

static const pacta_finding *finding(const pacta_report *rep, const char *rule)
{
    return the_finding(rep, rule, NULL);
}

/* ------------------------------------------------------------ citations */

static void assert_cite(const char *instrument, const char *provision, pacta_cite_style style,
                        const char *want)
{
    char buf[512];
    size_t n = pacta_cite(rb, instrument, provision, style, buf, sizeof buf);
    assert_string_equal(buf, want);
    assert_int_equal(n, strlen(want));
}

static void test_styles_of_the_refugee_convention(void **state)
{
    (void)state;
    assert_cite("refugee-convention", "art_33__para_1", PACTA_CITE_OSCOLA,
                "Convention Relating to the Status of Refugees (adopted 28 July 1951, entered "
                "into force 22 April 1954) 189 UNTS 137, art 33(1)");
    assert_cite("refugee-convention", "art_33__para_1", PACTA_CITE_BLUEBOOK,
                "Convention Relating to the Status of Refugees art. 33(1), July 28, 1951, 189 "
                "U.N.T.S. 137.");
    assert_cite("refugee-convention", "art_33__para_1", PACTA_CITE_PLAIN,
                "Convention relating to the Status of Refugees (Geneva, 28 July 1951), art. "
                "33(1), 189 UNTS 137");
    assert_cite("refugee-convention", "art_33__para_1", PACTA_CITE_LABEL,
                "Convention relating to the Status of Refugees, art. 33(1)");
    /* the whole instrument: no pinpoint, and Bluebook's comma after the name */
    assert_cite("refugee-convention", NULL, PACTA_CITE_BLUEBOOK,
                "Convention Relating to the Status of Refugees, July 28, 1951, 189 U.N.T.S. 137.");
    assert_cite("refugee-convention", "art_1A__para_2", PACTA_CITE_OSCOLA,
                "Convention Relating to the Status of Refugees (adopted 28 July 1951, entered "
                "into force 22 April 1954) 189 UNTS 137, art 1A(2)");
}

static void test_styles_capitalise_titles_by_their_rules(void **state)
{
    (void)state;
    /* Bluebook rule 8: prepositions of more than four letters are capitalised ... */
    assert_cite("cat", "art_3__para_1", PACTA_CITE_BLUEBOOK,
                "Convention Against Torture and Other Cruel, Inhuman or Degrading Treatment or "
                "Punishment art. 3(1), Dec. 10, 1984, 1465 U.N.T.S. 85.");
    /* ... OSCOLA keeps them in lower case */
    assert_cite("cat", "art_3__para_1", PACTA_CITE_OSCOLA,
                "Convention against Torture and Other Cruel, Inhuman or Degrading Treatment or "
                "Punishment (adopted 10 December 1984, entered into force 26 June 1987) 1465 UNTS "
                "85, art 3(1)");
    assert_cite("iccpr", "art_7", PACTA_CITE_BLUEBOOK,
                "International Covenant on Civil and Political Rights art. 7, Dec. 16, 1966, 999 "
                "U.N.T.S. 171.");
    assert_cite("refugee-protocol", "art_1__para_1", PACTA_CITE_OSCOLA,
                "Protocol Relating to the Status of Refugees (adopted 31 January 1967, entered "
                "into force 4 October 1967) 606 UNTS 267, art I(1)");
}

static void test_cite_contract(void **state)
{
    (void)state;
    char small[10], buf[256];
    size_t full = pacta_cite(rb, "refugee-convention", "art_33__para_1", PACTA_CITE_OSCOLA, buf,
                             sizeof buf);
    /* like snprintf: the full length, and as much as fits, terminated */
    assert_int_equal(pacta_cite(rb, "refugee-convention", "art_33__para_1", PACTA_CITE_OSCOLA,
                                small, sizeof small),
                     full);
    assert_string_equal(small, "Conventio");
    assert_int_equal(pacta_cite(rb, "refugee-convention", "art_33__para_1", PACTA_CITE_OSCOLA,
                                NULL, 0),
                     full);
    /* an unknown instrument, or a style out of range, cites nothing */
    assert_int_equal(pacta_cite(rb, "no-such-treaty", NULL, PACTA_CITE_OSCOLA, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(pacta_cite(rb, "cat", NULL, (pacta_cite_style)9, buf, sizeof buf), 0);
    assert_int_equal(pacta_cite(NULL, "cat", NULL, PACTA_CITE_PLAIN, buf, sizeof buf), 0);
    /* customary law is not a treaty: every style cites it by its title */
    pacta_cite(rb, "customary", "non_refoulement", PACTA_CITE_BLUEBOOK, buf, sizeof buf);
    assert_string_equal(buf, "Customary international law on non-refoulement, principle of "
                             "non-refoulement");
    assert_string_equal(pacta_cite_style_name(PACTA_CITE_OSCOLA), "oscola");
}

/* ------------------------------------------------------------ the analysis */

static void test_steps_account_for_their_reasons(void **state)
{
    (void)state;
    pacta_report *rep = check_scenario(SCENARIO);
    const pacta_finding *f = finding(rep, "refugee-convention/return-to-risk");
    /* the binding step carries the consent and the clause that set entry into force */
    pacta_step_view b = pacta_finding_step(f, 0);
    assert_int_equal(b.kind, PACTA_STEP_BINDING);
    assert_string_equal(pacta_finding_step_provision_label(f, 0), "art. 33(1)");
    assert_true(pacta_finding_step_reason_count(f, 0) >= 1);
    const char *r = pacta_finding_step_reason(f, 0, 0);
    assert_non_null(strstr(r, "1982-09-24"));
    assert_non_null(strstr(r, "art. 43(2)"));
    assert_non_null(strstr(r, "1982-12-23"));
    /* every other step accounts for exactly its own sentence of the reasons */
    int saw_exception = 0;
    for (size_t i = 1; i < pacta_finding_step_count(f); i++) {
        pacta_step_view s = pacta_finding_step(f, i);
        assert_int_equal(pacta_finding_step_reason_count(f, i), 1);
        const char *sentence = pacta_finding_step_reason(f, i, 0);
        int found = 0;
        for (size_t k = 0; k < pacta_finding_reason_count(f); k++)
            found |= pacta_finding_reason(f, k) == sentence;
        assert_true(found);
        assert_non_null(strstr(sentence, s.label));
        if (s.id && strcmp(s.id, "danger-to-security") == 0) {
            saw_exception = 1;
            assert_string_equal(pacta_finding_step_provision_label(f, i), "art. 33(2)");
        }
    }
    assert_true(saw_exception);
    assert_null(pacta_finding_step_reason(f, 0, 99));
    assert_null(pacta_finding_step_provision_label(f, 999));
    /* the narrative and the acting states */
    assert_int_equal(pacta_finding_narrative_count(f), 1);
    assert_non_null(strstr(pacta_finding_narrative(f, 0), "e1 (2023-10-09): CN returned escapees"));
    assert_int_equal(pacta_report_actor_count(rep), 1);
    assert_string_equal(pacta_report_actor(rep, 0), "CN");
    assert_null(pacta_report_actor(rep, 1));
    release(rep);
}

static void test_render_flags(void **state)
{
    (void)state;
    pacta_report *rep = check_scenario(SCENARIO);
    sink s = {0};
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_TEXT, PACTA_RENDER_CITE(7), sink_write, &s),
                     PACTA_EUSAGE);
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_SVG, 0, sink_write, &s), PACTA_EUSAGE);
    assert_int_equal(s.len, 0);
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_TEXT, PACTA_RENDER_EXPLAIN, sink_write, &s),
                     PACTA_OK);
    const char *issue = strstr(s.data, "\n   Issue\n"), *rule = strstr(s.data, "\n   Rule\n");
    const char *app = strstr(s.data, "\n   Application\n");
    const char *concl = strstr(s.data, "\n   Conclusion\n");
    assert_true(issue && rule && app && concl && issue < rule && rule < app && app < concl);
    free(s.data);
    /* markdown without a rulebase: the memo, and a timeline that says why it is missing */
    memset(&s, 0, sizeof s);
    assert_int_equal(pacta_render(rep, NULL, PACTA_FORMAT_MARKDOWN, 0, sink_write, &s), PACTA_OK);
    assert_non_null(strstr(s.data, "## Summary\n"));
    assert_non_null(strstr(s.data, "no timeline can be drawn"));
    free(s.data);
    release(rep);
}

/* ------------------------------------------------------------ coverage */

static pacta_coverage_item_view item(const pacta_coverage *cov, pacta_coverage_kind kind,
                                     const char *rule, const char *id)
{
    for (size_t i = 0; i < pacta_coverage_item_count(cov); i++) {
        pacta_coverage_item_view v = pacta_coverage_item(cov, i);
        if (v.kind == kind && (!rule || (v.rule && strcmp(v.rule, rule) == 0)) &&
            strcmp(v.id, id) == 0)
            return v;
    }
    fail_msg("no coverage item %s %s", rule ? rule : "", id);
    pacta_coverage_item_view none = {0};
    return none;
}

static void test_coverage_counts_what_a_report_exercised(void **state)
{
    (void)state;
    pacta_coverage *cov = NULL;
    pacta_error err;
    assert_int_equal(pacta_coverage_new(&cov, rb, &err), PACTA_OK);
    size_t rules = 0;
    for (size_t i = 0; i < pacta_coverage_item_count(cov); i++)
        rules += pacta_coverage_item(cov, i).kind == PACTA_COVER_RULE;
    assert_int_equal(rules, pacta_rulebase_rule_count(rb));
    assert_int_equal(pacta_coverage_unexercised(cov, PACTA_COVER_RULE), rules);

    pacta_report *rep = check_scenario(SCENARIO);
    assert_int_equal(pacta_coverage_add(cov, rep, &err), PACTA_OK);
    release(rep);
    assert_int_equal(pacta_coverage_report_count(cov), 1);

    pacta_coverage_item_view v = item(cov, PACTA_COVER_RULE, NULL, "refugee-convention/return-to-risk");
    assert_int_equal(v.exercised, 1);
    assert_int_equal(v.verdicts[PACTA_VIOLATION], 1);
    assert_non_null(strstr(v.file, "refugee-convention.yaml"));
    assert_true(v.line > 0);
    v = item(cov, PACTA_COVER_EXCEPTION, "refugee-convention/return-to-risk", "voluntary-return");
    assert_int_equal(v.exercised, 1);
    assert_int_equal(v.values[PACTA_FALSE], 1);
    assert_int_equal(v.values[PACTA_TRUE], 0);
    v = item(cov, PACTA_COVER_EXCEPTION, "refugee-convention/return-to-risk", "danger-to-security");
    assert_int_equal(v.values[PACTA_UNKNOWN], 1);
    /* China never ratified the ICCPR: its rule is not exercised, its finding counted */
    v = item(cov, PACTA_COVER_RULE, NULL, "iccpr/return-to-irreparable-harm");
    assert_int_equal(v.exercised, 0);
    assert_int_equal(v.verdicts[PACTA_NOT_APPLICABLE], 1);
    v = item(cov, PACTA_COVER_ELEMENT, "iccpr/return-to-irreparable-harm", "irreparable-harm");
    assert_int_equal(v.exercised, 0);
    /* provisions the rules rely on, by exercise */
    assert_int_equal(item(cov, PACTA_COVER_PROVISION, NULL, "art_33__para_2").exercised, 1);
    assert_int_equal(item(cov, PACTA_COVER_PROVISION, NULL, "art_7").exercised, 0);
    /* a sequence rule with no classification event never fired */
    assert_int_equal(item(cov, PACTA_COVER_RULE, NULL, "refugee-convention/categorical-return").exercised, 0);
    assert_true(pacta_coverage_unexercised(cov, PACTA_COVER_RULE) >= 2);

    sink s = {0};
    assert_int_equal(pacta_coverage_render(cov, PACTA_FORMAT_JSON, 0, sink_write, &s), PACTA_OK);
    assert_non_null(strstr(s.data, "\"unexercised\":[{\"kind\":\"rule\""));
    free(s.data);
    assert_int_equal(pacta_coverage_render(cov, PACTA_FORMAT_MARKDOWN, 0, sink_write, &s),
                     PACTA_EUSAGE);
    pacta_coverage_free(cov);
}

static void test_coverage_refuses_a_report_of_other_rules(void **state)
{
    (void)state;
    pacta_rulebase *other = NULL;
    pacta_coverage *cov = NULL;
    pacta_error err;
    assert_int_equal(pacta_rulebase_new(&other, NULL, &err), PACTA_OK);
    assert_int_equal(small_rules_add(other, &err), PACTA_OK);
    assert_int_equal(pacta_rulebase_finish(other, &err), PACTA_OK);
    assert_int_equal(pacta_coverage_new(&cov, other, &err), PACTA_OK);
    pacta_report *rep = check_scenario(SCENARIO);
    assert_int_equal(pacta_coverage_add(cov, rep, &err), PACTA_EUSAGE);
    assert_string_equal(err.file, "case.yaml");
    assert_non_null(strstr(err.message, "not checked against the rules"));
    assert_int_equal(pacta_coverage_report_count(cov), 0);
    release(rep);
    pacta_coverage_free(cov);
    pacta_rulebase_free(other);
    pacta_coverage_item_view none = pacta_coverage_item(NULL, 0);
    assert_null(none.id);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_styles_of_the_refugee_convention),
        cmocka_unit_test(test_styles_capitalise_titles_by_their_rules),
        cmocka_unit_test(test_cite_contract),
        cmocka_unit_test(test_steps_account_for_their_reasons),
        cmocka_unit_test(test_render_flags),
        cmocka_unit_test(test_coverage_counts_what_a_report_exercised),
        cmocka_unit_test(test_coverage_refuses_a_report_of_other_rules),
    };
    return cmocka_run_group_tests(tests, load_rules, free_rules);
}
