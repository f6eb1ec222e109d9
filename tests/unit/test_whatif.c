/*
 * test_whatif.c: checking under assumptions, counterfactuals and grading,
 * against the real rules and the examples (PACTA_TEST_ROOT): an assumption
 * changes the verdict it should and marks it, leaves the caller's scenario
 * alone, and fails with the closest name when it names nothing; the
 * counterfactuals of the seeds' scenario name the individual assessment and
 * the Art. 33(2) exception, those of an undetermined finding say what each
 * value of each missing fact gives, and every listed set is minimal; an
 * answer file is graded with partial credit and explained by the deciding
 * step; malformed answers are errors at their position; and no allocation
 * failure crashes or leaks.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "pacta.h"
#include "sink.h"
#include "test_helpers.h"
#include "fixtures.h"

#define PRC "examples/prc-2023-mass-return.yaml"
#define LAOS "examples/missing-facts.yaml"

/* relative under PACTA_TEST_ROOT; valid until the next call. */
static char root_path[1024];

static const char *at_root(const char *relative)
{
    return test_path(root_path, sizeof root_path, relative);
}

static pacta_rulebase *rules(const pacta_options *opts)
{
    pacta_rulebase *rb = NULL;
    pacta_error err;
    if (load_real_rules(&rb, opts, &err) != PACTA_OK)
        fail_on_error("rules", &err);
    return rb;
}

static pacta_scenario *scenario(const pacta_rulebase *rb, const char *relative)
{
    pacta_scenario *sc = NULL;
    pacta_error err;
    if (pacta_scenario_load_file(&sc, rb, at_root(relative), &err) != PACTA_OK)
        fail_on_error(relative, &err);
    return sc;
}

static pacta_assumptions *assume(const pacta_rulebase *rb, const char *const *texts)
{
    pacta_assumptions *as = NULL;
    pacta_error err;
    assert_int_equal(pacta_assumptions_new(&as, rb, &err), PACTA_OK);
    for (size_t i = 0; texts && texts[i]; i++)
        if (pacta_assumptions_add(as, texts[i], &err) != PACTA_OK)
            fail_on_error(texts[i], &err);
    return as;
}

static pacta_report *check(const pacta_rulebase *rb, const pacta_scenario *sc,
                           const char *const *texts, unsigned flags)
{
    pacta_assumptions *as = assume(rb, texts);
    pacta_report *rep = NULL;
    pacta_error err;
    if (pacta_check_assuming(&rep, rb, sc, as, flags, &err) != PACTA_OK)
        fail_on_error("pacta_check_assuming", &err);
    pacta_assumptions_free(as);
    return rep;
}

/* The counterfactual made of exactly the changes "fact=value" given, or NULL. */
static const pacta_counterfactual_view *counterfactual(const pacta_finding *f,
                                                       const char *const *changes,
                                                       pacta_counterfactual_view *out)
{
    size_t n = 0;
    while (changes[n])
        n++;
    for (size_t i = 0; i < pacta_finding_counterfactual_count(f); i++) {
        pacta_counterfactual_view c = pacta_finding_counterfactual(f, i);
        size_t same = 0;
        if (c.change_count != n)
            continue;
        for (size_t k = 0; k < n; k++)
            for (size_t j = 0; j < c.change_count; j++) {
                char text[256];
                snprintf(text, sizeof text, "%s=%s", c.changes[j].fact, c.changes[j].value);
                same += strcmp(text, changes[k]) == 0;
            }
        if (same == n) {
            *out = c;
            return out;
        }
    }
    return NULL;
}

static const char *fact_detail(const pacta_finding *f, const char *ref)
{
    for (size_t i = 0; i < pacta_finding_fact_count(f); i++) {
        pacta_fact_view x = pacta_finding_fact(f, i);
        if (strcmp(x.ref, ref) == 0)
            return x.detail;
    }
    return NULL;
}

/* ------------------------------------------------------------ assumptions */

static void test_assume_torture_risk(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_scenario *sc = scenario(rb, PRC);
    const char *const one[] = {"KP.torture_on_return=false", NULL};
    const char *const two[] = {"KP.torture_on_return=false", "KP.onward_torture_risk=false", NULL};

    /* one assumption is enough: the escapees are returned to their own state, where
     * onward removal does not arise, so denying the risk there denies the element */
    pacta_report *rep = check(rb, sc, one, 0);
    const pacta_finding *cat = the_finding(rep, "cat/return-to-torture", "e2");
    pacta_baseline_view b = pacta_finding_baseline(cat);
    assert_int_equal(pacta_finding_verdict(cat), PACTA_NO_VIOLATION);
    assert_true(b.assumed && b.found && b.changed);
    assert_int_equal(b.verdict, PACTA_VIOLATION);
    assert_string_equal(fact_detail(cat, "KP.torture_on_return"),
                        "assumed: KP.torture_on_return=false");
    /* the Refugee Convention does not turn on torture: unchanged, and marked so */
    b = pacta_finding_baseline(the_finding(rep, "refugee-convention/return-to-risk", "e2"));
    assert_true(b.assumed && b.found && !b.changed);
    assert_int_equal(pacta_report_assumption_count(rep), 1);
    assert_string_equal(pacta_report_assumption(rep, 0).fact, "KP.torture_on_return");
    assert_string_equal(pacta_report_assumption(rep, 0).value, "false");
    pacta_report_free(rep);

    /* a second assumption about an onward risk changes nothing more */
    rep = check(rb, sc, two, 0);
    cat = the_finding(rep, "cat/return-to-torture", "e2");
    b = pacta_finding_baseline(cat);
    assert_int_equal(pacta_finding_verdict(cat), PACTA_NO_VIOLATION);
    assert_true(b.changed);
    assert_int_equal(b.verdict, PACTA_VIOLATION);

    /* the text marks it; the JSON says it */
    sink out = {0};
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_TEXT, 0, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "  assuming: KP.torture_on_return=false, "
                                     "KP.onward_torture_risk=false\n"));
    assert_non_null(strstr(out.data, "changed: violation -> no_violation (by the assumptions)"));
    sink_reset(&out);
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_JSON, 0, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\"assumptions\":[{\"fact\":\"KP.torture_on_return\","
                                     "\"value\":\"false\"},"));
    assert_non_null(strstr(out.data, "\"baseline_verdict\":\"violation\",\"changed\":true"));
    sink_reset(&out);
    pacta_report_free(rep);

    /* the caller's scenario is untouched */
    rep = NULL;
    pacta_error err;
    assert_int_equal(pacta_check(&rep, rb, sc, &err), PACTA_OK);
    assert_int_equal(pacta_finding_verdict(the_finding(rep, "cat/return-to-torture", "e2")),
                     PACTA_VIOLATION);
    assert_int_equal(pacta_finding_baseline(pacta_report_finding(rep, 0)).assumed, 0);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
}

static void test_assume_event_person_date(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_scenario *sc = scenario(rb, PRC);

    /* an event fact and a person's status defeat the categorical-return rule */
    const char *const assessed[] = {"e2.individual_assessment=true", NULL};
    pacta_report *rep = check(rb, sc, assessed, 0);
    const pacta_finding *f = the_finding(rep, "refugee-convention/categorical-return", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_NO_VIOLATION);
    assert_string_equal(fact_detail(f, "e2.individual_assessment"),
                        "assumed: e2.individual_assessment=true");
    pacta_report_free(rep);

    const char *const migrant[] = {"escapees.status=migrant", NULL};
    rep = check(rb, sc, migrant, 0);
    assert_int_equal(
        pacta_finding_verdict(the_finding(rep, "refugee-convention/categorical-return", "e2")),
        PACTA_NO_VIOLATION);
    pacta_report_free(rep);

    /* a date before China was bound by CAT (1988-11-03); before e1, so the
     * classification no longer precedes the return and the sequence is undone */
    const char *const early[] = {"e2.date=1982-11-01", NULL};
    rep = check(rb, sc, early, 0);
    f = the_finding(rep, "cat/return-to-torture", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_NOT_APPLICABLE);
    assert_string_equal(pacta_finding_date(f), "1982-11-01");
    assert_true(pacta_finding_baseline(f).changed);
    assert_int_equal(pacta_report_dropped_count(rep), 1);
    assert_non_null(strstr(pacta_report_dropped(rep, 0),
                           "refugee-convention/categorical-return (e1, e2): violation"));
    /* a changed finding is shown even where not_applicable ones are hidden */
    sink out = {0};
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_TEXT, 0, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "NOT APPLICABLE  Convention against Torture art. 3(1)"));
    assert_non_null(strstr(out.data, "no longer found: refugee-convention/categorical-return"));
    sink_reset(&out);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
}

/* text is refused by pacta_assumptions_add, or (scenario != NULL) by the check. */
static void refused(const pacta_rulebase *rb, const pacta_scenario *sc, const char *text,
                    const char *message, const char *hint)
{
    pacta_assumptions *as = NULL;
    pacta_report *rep = NULL;
    pacta_error err;
    assert_int_equal(pacta_assumptions_new(&as, rb, &err), PACTA_OK);
    pacta_status st = pacta_assumptions_add(as, text, &err);
    if (sc) {
        assert_int_equal(st, PACTA_OK);
        st = pacta_check_assuming(&rep, rb, sc, as, 0, &err);
        assert_string_equal(err.file, pacta_scenario_name(sc));
    } else {
        assert_string_equal(err.file, "--assume");
    }
    assert_int_equal(st, PACTA_EINPUT);
    assert_null(rep);
    if (!strstr(err.message, message))
        fail_msg("'%s': message '%s' lacks '%s'", text, err.message, message);
    if (hint && !strstr(err.hint, hint))
        fail_msg("'%s': hint '%s' lacks '%s'", text, err.hint, hint);
    pacta_assumptions_free(as);
}

static void test_assume_errors(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_scenario *sc = scenario(rb, PRC);
    refused(rb, NULL, "KP.torture_on_retrun=false", "unknown fact 'torture_on_retrun'",
            "did you mean 'torture_on_return'?");
    refused(rb, NULL, "KP.torture_on_return", "is not FACT=VALUE", "KP.torture_on_return=false");
    refused(rb, NULL, "torture_on_return=false", "is not FACT=VALUE", NULL);
    refused(rb, NULL, "KP.torture_on_return=ture", "true, false or unknown, not 'ture'",
            "did you mean 'true'?");
    refused(rb, NULL, "e2.date=2023-02-30", "'2023-02-30' is not a date", NULL);
    refused(rb, NULL, "escapees.status=refugeee", "unknown status 'refugeee'",
            "did you mean 'refugee'?");
    refused(rb, sc, "ee2.voluntary=true", "no event, person or state 'ee2'",
            "did you mean 'e2'?");
    refused(rb, sc, "escapes.excluded=true", "no event, person or state 'escapes'",
            "did you mean 'escapees'?");
    refused(rb, sc, "KP.individual_assessment=true", "this fact is not about a state",
            "e1.fact");
    refused(rb, sc, "e2.status=refugee", "an event has no status", "escapees.status");
    refused(rb, sc, "escapees.date=2020", "a person has no date", "e1.date");
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
}

/* ------------------------------------------------------------ counterfactuals */

/* No listed set holds a smaller one that is also listed with the same verdict. */
static void assert_minimal(const pacta_finding *f)
{
    for (size_t i = 0; i < pacta_finding_counterfactual_count(f); i++) {
        pacta_counterfactual_view big = pacta_finding_counterfactual(f, i);
        for (size_t k = 0; k < pacta_finding_counterfactual_count(f); k++) {
            pacta_counterfactual_view small = pacta_finding_counterfactual(f, k);
            if (k == i || small.change_count >= big.change_count ||
                small.verdict != big.verdict || small.verdict == PACTA_UNDETERMINED)
                continue;
            size_t inside = 0;
            for (size_t a = 0; a < small.change_count; a++)
                for (size_t b = 0; b < big.change_count; b++)
                    inside += strcmp(small.changes[a].fact, big.changes[b].fact) == 0 &&
                              strcmp(small.changes[a].value, big.changes[b].value) == 0;
            if (inside == small.change_count)
                fail_msg("%s: a set of %zu holds a smaller set with the same verdict",
                         pacta_finding_rule(f), big.change_count);
        }
    }
}

static int turns(const pacta_counterfactual_view *c, pacta_step_kind kind, const char *id,
                 const char *provision, pacta_truth value)
{
    for (size_t i = 0; i < c->step_count; i++)
        if (c->steps[i].kind == kind && strcmp(c->steps[i].id, id) == 0 &&
            c->steps[i].value == value &&
            (!provision || (c->steps[i].provision && strcmp(c->steps[i].provision, provision) == 0)))
            return 1;
    return 0;
}

static void test_counterfactuals_of_violations(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_scenario *sc = scenario(rb, PRC);
    pacta_report *rep = check(rb, sc, NULL, PACTA_WHATIF_COUNTERFACTUALS);
    pacta_counterfactual_view c;

    /* a danger to security, asserted without an individual assessment (the
     * returns were categorical), does not establish the Art. 33(2) exception */
    const pacta_finding *f = the_finding(rep, "refugee-convention/return-to-risk", "e2");
    const char *const danger[] = {"e2.security_danger=true", NULL};
    assert_null(counterfactual(f, danger, &c));
    const char *const voluntary[] = {"e2.voluntary=true", NULL};
    assert_non_null(counterfactual(f, voluntary, &c));
    assert_int_equal(pacta_finding_counterfactuals_truncated(f), 0);
    assert_minimal(f);

    /* an individual assessment defeats the categorical return */
    f = the_finding(rep, "refugee-convention/categorical-return", "e2");
    const char *const assessed[] = {"e2.individual_assessment=true", NULL};
    assert_non_null(counterfactual(f, assessed, &c));
    assert_int_equal(c.verdict, PACTA_NO_VIOLATION);
    assert_true(turns(&c, PACTA_STEP_ELEMENT, "no-individual-assessment", NULL, PACTA_FALSE));
    assert_minimal(f);

    /* CAT: a date before China was bound, or no risk of torture in the DPRK */
    f = the_finding(rep, "cat/return-to-torture", "e2");
    const char *const before[] = {"e2.date=1988-11-02", NULL};
    assert_non_null(counterfactual(f, before, &c));
    assert_int_equal(c.verdict, PACTA_NOT_APPLICABLE);
    assert_true(turns(&c, PACTA_STEP_BINDING, "binding", NULL, PACTA_FALSE));
    const char *const no_torture[] = {"KP.torture_on_return=false", NULL};
    assert_non_null(counterfactual(f, no_torture, &c));
    assert_int_equal(c.verdict, PACTA_NO_VIOLATION);
    assert_minimal(f);

    /* every violation was searched, and its sets defeat it */
    for (size_t i = 0; i < pacta_report_finding_count(rep); i++) {
        f = pacta_report_finding(rep, i);
        if (pacta_finding_verdict(f) != PACTA_VIOLATION)
            continue;
        for (size_t k = 0; k < pacta_finding_counterfactual_count(f); k++) {
            pacta_counterfactual_view v = pacta_finding_counterfactual(f, k);
            assert_true(v.verdict == PACTA_NO_VIOLATION || v.verdict == PACTA_NOT_APPLICABLE);
            assert_true(v.change_count >= 1 && v.change_count <= 2);
        }
    }

    sink out = {0};
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_TEXT, 0, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "  What would change it:\n"));
    assert_non_null(strstr(out.data, "if e2.individual_assessment were true: no_violation"));
    sink_reset(&out);
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_JSON, 0, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "{\"changes\":[{\"fact\":\"escapees.excluded\","
                                     "\"value\":\"true\"}],\"verdict\":\"no_violation\","
                                     "\"steps\":[{\"kind\":\"exception\",\"id\":"
                                     "\"excluded\",\"provision\":\"art. 1F\","
                                     "\"value\":\"true\"}],\"single\":false}"));
    sink_reset(&out);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
}

static void test_counterfactuals_of_undetermined(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_scenario *sc = scenario(rb, LAOS);
    pacta_report *rep = check(rb, sc, NULL, PACTA_WHATIF_COUNTERFACTUALS);
    pacta_counterfactual_view c;
    const char *cat_or_iccpr[] = {"cat/return-to-torture", "iccpr/return-to-irreparable-harm"};
    for (size_t r = 0; r < 2; r++) {
        const pacta_finding *f = the_finding(rep, cat_or_iccpr[r], "e2");
        assert_int_equal(pacta_finding_verdict(f), PACTA_UNDETERMINED);
        const char *const yes[] = {"KP.torture_on_return=true", NULL};
        const char *const no[] = {"KP.torture_on_return=false", NULL};
        assert_non_null(counterfactual(f, yes, &c));
        assert_true(c.single);
        assert_int_equal(c.verdict, PACTA_VIOLATION);
        /* a return to the person's own state: onward risks do not arise */
        assert_non_null(counterfactual(f, no, &c));
        assert_true(c.single);
        assert_int_equal(c.verdict, PACTA_NO_VIOLATION);
        /* every missing fact is tried alone with both values */
        for (size_t m = 0; m < pacta_finding_missing_count(f); m++) {
            char t[128], u[128];
            snprintf(t, sizeof t, "%s=true", pacta_finding_missing(f, m));
            snprintf(u, sizeof u, "%s=false", pacta_finding_missing(f, m));
            const char *const tt[] = {t, NULL}, *const uu[] = {u, NULL};
            assert_non_null(counterfactual(f, tt, &c));
            assert_non_null(counterfactual(f, uu, &c));
        }
        assert_minimal(f);
    }
    /* the customary finding misses the two risks in the DPRK (onward risks do not
     * arise on a return home): only both denied decide it */
    const pacta_finding *f = the_finding(rep, "customary/non-refoulement", "e2");
    assert_int_equal(pacta_finding_missing_count(f), 2);
    size_t combined = 0;
    for (size_t i = 0; i < pacta_finding_counterfactual_count(f); i++) {
        c = pacta_finding_counterfactual(f, i);
        if (!c.single) {
            combined++;
            assert_int_equal(c.change_count, 2);
            assert_int_equal(c.verdict, PACTA_NO_VIOLATION);
        }
    }
    assert_int_equal(combined, 1);

    sink out = {0};
    assert_int_equal(pacta_render(rep, rb, PACTA_FORMAT_TEXT, 0, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "if KP.torture_on_return is true: violation"));
    sink_reset(&out);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
}

/* ------------------------------------------------------------ grading */

static pacta_grade *grade(const pacta_rulebase *rb, const char *text, pacta_error *err)
{
    pacta_grade *g = NULL;
    /* named as if it stood in examples/, so that its scenario: is found from there */
    pacta_status st = pacta_grade_buffer(&g, rb, at_root("examples/answers.yaml"), text,
                                         strlen(text), err);
    assert_true((st == PACTA_OK) == (g != NULL));
    return g;
}

static const char ANSWER_HEAD[] = "pacta-answers: 1\n"
                                  "scenario: prc-2023-mass-return.yaml\n"
                                  "findings:\n";

static void test_grade_correct(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_error err;
    char text[2048];
    snprintf(text, sizeof text,
             "%s"
             "  - event: e2\n"
             "    instrument: refugee-convention\n"
             "    provision: art_33__para_1\n"
             "    rule: refugee-convention/categorical-return\n"
             "    verdict: violation\n"
             "    elements: {no-individual-assessment: true, risk: true}\n"
             "    exceptions: {voluntary-return: false}\n"
             "  - event: e2\n"
             "    instrument: cat\n"
             "    provision: art_3__para_1\n"
             "    verdict: violation\n",
             ANSWER_HEAD);
    pacta_grade *g = grade(rb, text, &err);
    if (!g)
        fail_on_error("grade", &err);
    assert_int_equal(pacta_grade_passed(g), 2);
    assert_int_equal(pacta_grade_failed(g), 0);
    assert_int_equal(pacta_grade_points(g), 5);
    assert_int_equal(pacta_grade_possible(g), 5);
    pacta_answer_view a = pacta_grade_answer(g, 1);
    assert_string_equal(a.rule, "cat/return-to-torture");
    assert_int_equal(a.line, 11);
    sink out = {0};
    assert_int_equal(pacta_grade_render(g, PACTA_FORMAT_TEXT, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\nScore: 5/5 points\n2 passed, 0 failed\n"));
    assert_int_equal(out.data[out.len - 1], '\n');
    sink_reset(&out);
    pacta_grade_free(g);
    pacta_rulebase_free(rb);
}

static void test_grade_partial(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    pacta_error err;
    char text[2048];
    snprintf(text, sizeof text,
             "%s"
             "  - event: e2\n"
             "    instrument: cat\n"
             "    provision: art_3__para_1\n"
             "    verdict: no_violation\n"
             "    elements: {torture-risk: false}\n"
             "    exceptions: {voluntary-return: false}\n"
             "  - event: e2\n"
             "    instrument: refugee-convention\n"
             "    provision: art_33__para_1\n"
             "    verdict: violation\n"
             "    elements: {no-individual-assessment: true}\n",
             ANSWER_HEAD);
    pacta_grade *g = grade(rb, text, &err);
    if (!g)
        fail_on_error("grade", &err);
    assert_int_equal(pacta_grade_passed(g), 1);
    assert_int_equal(pacta_grade_failed(g), 1);
    /* CAT: the exception is right, the verdict and the element wrong */
    pacta_answer_view a = pacta_grade_answer(g, 0);
    assert_false(a.passed);
    assert_int_equal(a.points, 1);
    assert_int_equal(a.possible, 3);
    assert_int_equal(a.answered, PACTA_NO_VIOLATION);
    assert_int_equal(a.actual, PACTA_VIOLATION);
    /* without rule:, the answer naming a categorical-return element is graded against that rule */
    a = pacta_grade_answer(g, 1);
    assert_true(a.passed);
    assert_string_equal(a.rule, "refugee-convention/categorical-return");

    sink out = {0};
    assert_int_equal(pacta_grade_render(g, PACTA_FORMAT_TEXT, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "FAIL  line 4: e2 cat art_3__para_1: 1/3 points\n"));
    assert_non_null(strstr(out.data, "  wrong: verdict: answered no_violation; pacta finds "
                                     "violation\n    decided by element torture-risk: true\n"));
    assert_non_null(strstr(out.data, "      - KP.torture_on_return = true (from condition: "));
    assert_non_null(strstr(out.data, "  wrong: element torture-risk: answered false; pacta "
                                     "finds true\n"));
    assert_non_null(strstr(out.data, "  ok: exception voluntary-return: answered false\n"));
    assert_non_null(strstr(out.data, "\nScore: 3/5 points\n1 passed, 1 failed\n"));
    sink_reset(&out);
    assert_int_equal(pacta_grade_render(g, PACTA_FORMAT_JSON, sink_write, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\"verdict\":{\"answered\":\"no_violation\",\"actual\":"
                                     "\"violation\",\"correct\":false,\"deciding_steps\":"
                                     "[{\"kind\":\"element\",\"id\":\"torture-risk\""));
    assert_non_null(strstr(out.data, "\"summary\":{\"passed\":1,\"failed\":1}}"));
    sink_reset(&out);
    pacta_grade_free(g);
    pacta_rulebase_free(rb);
}

/* The answer (after ANSWER_HEAD, or the whole text when whole) is refused at line:column. */
static void malformed(const pacta_rulebase *rb, const char *body, int whole, unsigned line,
                      unsigned column, const char *message, const char *hint)
{
    char text[2048];
    pacta_error err;
    snprintf(text, sizeof text, "%s%s", whole ? "" : ANSWER_HEAD, body);
    pacta_grade *g = grade(rb, text, &err);
    assert_null(g);
    assert_int_equal(err.status, PACTA_EINPUT);
    if (err.line != line || err.column != column || !strstr(err.message, message) ||
        (hint && !strstr(err.hint, hint)))
        fail_msg("got %u:%u: %s (hint: %s); wanted %u:%u: %s (hint: %s)", err.line, err.column,
                 err.message, err.hint, line, column, message, hint ? hint : "");
    assert_non_null(strstr(err.file, "examples/answers.yaml"));
}

static void test_grade_malformed(void **state)
{
    (void)state;
    pacta_rulebase *rb = rules(NULL);
    const char cat[] = "  - event: e2\n    instrument: cat\n    provision: art_3__para_1\n";
    char body[1024];
    malformed(rb, "scenario: prc-2023-mass-return.yaml\nfindings: []\n", 1, 1, 1,
              "pacta-answers: 1", NULL);
    malformed(rb, "pacta-answers: 2\nscenario: x.yaml\nfindings: []\n", 1, 1, 16,
              "unsupported answer format version", NULL);
    malformed(rb, "pacta-answers: 1\nscenario: no-such-file.yaml\nfindings: []\n", 1, 2, 11,
              "cannot read the scenario", NULL);
    malformed(rb, "pacta-answers: 1\nscenario: x.yaml\nfinding: []\n", 1, 3, 1,
              "unknown key 'finding'", "did you mean 'findings'?");
    snprintf(body, sizeof body, "%s    verdict: violaton\n", cat);
    malformed(rb, body, 0, 7, 14, "unknown verdict 'violaton'", "did you mean 'violation'?");
    snprintf(body, sizeof body, "%s    verdict: violation\n    elements: {torture-rsk: true}\n",
             cat);
    malformed(rb, body, 0, 8, 16, "no rule of cat art_3__para_1 has an element 'torture-rsk'",
              "did you mean 'torture-risk'?");
    snprintf(body, sizeof body, "%s    verdict: violation\n    elements: {voluntary-return: true}\n",
             cat);
    malformed(rb, body, 0, 8, 16, "'voluntary-return' is not one of the elements",
              "put it under 'exceptions:'");
    snprintf(body, sizeof body, "%s    verdict: violation\n    elements: {torture-risk: yes}\n",
             cat);
    malformed(rb, body, 0, 8, 30, "", NULL);
    malformed(rb, "  - event: e9\n    instrument: cat\n    provision: art_3__para_1\n"
                  "    verdict: violation\n",
              0, 4, 12, "the scenario has no event 'e9'", NULL);
    malformed(rb, "  - event: e2\n    instrument: kat\n    provision: art_3__para_1\n"
                  "    verdict: violation\n",
              0, 5, 17, "unknown instrument 'kat'", "did you mean 'cat'?");
    malformed(rb, "  - event: e2\n    instrument: cat\n    provision: art_3__para_9\n"
                  "    verdict: violation\n",
              0, 6, 16, "instrument 'cat' has no provision 'art_3__para_9'", NULL);
    pacta_rulebase_free(rb);
}

/* ------------------------------------------------------------ allocation failures */

/* Fails allocations from the n-th on, at a spread of n, for what-if and grading. */
static void test_allocation_failures(void **state)
{
    (void)state;
    counting_alloc count;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&count);
    pacta_rulebase *rb = rules(&opts);
    pacta_scenario *sc = scenario(rb, PRC);
    const char *const texts[] = {"KP.torture_on_return=false", "e2.date=2023-10", NULL};
    char answers[512];
    snprintf(answers, sizeof answers,
             "%s  - event: e2\n    instrument: cat\n    provision: art_3__para_1\n"
             "    verdict: no_violation\n    elements: {torture-risk: false}\n",
             ANSWER_HEAD);

    size_t before = count.mallocs;
    pacta_report *rep = check(rb, sc, texts, PACTA_WHATIF_COUNTERFACTUALS);
    pacta_report_free(rep);
    pacta_error err;
    pacta_grade *g = grade(rb, answers, &err);
    assert_non_null(g);
    pacta_grade_free(g);
    size_t needed = count.mallocs - before, tried = 0;

    for (size_t n = 0; n < needed; n += 1 + n / 4, tried++) {
        pacta_assumptions *as = NULL;
        size_t mallocs = count.mallocs, frees = count.frees;
        count.fail_after = count.mallocs + n;
        pacta_status st = pacta_assumptions_new(&as, rb, &err);
        for (size_t i = 0; st == PACTA_OK && texts[i]; i++)
            st = pacta_assumptions_add(as, texts[i], &err);
        rep = NULL;
        if (st == PACTA_OK)
            st = pacta_check_assuming(&rep, rb, sc, as, PACTA_WHATIF_COUNTERFACTUALS, &err);
        assert_true(st == PACTA_OK || st == PACTA_ENOMEM);
        assert_true((st == PACTA_OK) == (rep != NULL) || !as);
        pacta_report_free(rep);
        pacta_assumptions_free(as);
        g = NULL;
        st = pacta_grade_buffer(&g, rb, at_root("examples/answers.yaml"), answers,
                                strlen(answers), &err);
        assert_true(st == PACTA_OK || st == PACTA_ENOMEM);
        pacta_grade_free(g);
        count.fail_after = SIZE_MAX;
        assert_int_equal(count.mallocs - mallocs, count.frees - frees);
    }
    assert_true(tried > 10);
    pacta_scenario_free(sc);
    pacta_rulebase_free(rb);
    assert_int_equal(count.mallocs, count.frees);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_assume_torture_risk),
        cmocka_unit_test(test_assume_event_person_date),
        cmocka_unit_test(test_assume_errors),
        cmocka_unit_test(test_counterfactuals_of_violations),
        cmocka_unit_test(test_counterfactuals_of_undetermined),
        cmocka_unit_test(test_grade_correct),
        cmocka_unit_test(test_grade_partial),
        cmocka_unit_test(test_grade_malformed),
        cmocka_unit_test(test_allocation_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
