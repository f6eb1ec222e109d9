/*
 * test_law.c: the law of the source documents beyond the treaties, as the
 * real rules/ state it, checked through the public API: China's constitution
 * (a permission), its Exit and Entry Administration Law (from 1 July 2013),
 * the 1995 China-UNHCR agreement (UNHCR access), the 1986 China-DPRK border
 * protocol (no excuse, and only for returns to the DPRK), and the DPRK
 * country conditions of rules/conditions/kp.yaml (dated by the earliest source, and
 * replaced by a scenario's own), and the reasoning of issue 12: chain
 * refoulement, removal before a claim is decided, diplomatic assurances and
 * review, Art. 33(2) on an individual finding, and domestic law weighed only
 * for its own state. Each test builds a small scenario so that it fails for
 * one reason.
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
#include "fixtures.h"

static pacta_rulebase *rb;
/*
 * The scenario is kept until the report is freed: finding views such as
 * pacta_finding_event() still point into it (against pacta.h's promise that a
 * report borrows nothing; reported to the lead).
 */
static pacta_scenario *sc;
static pacta_report *rep;

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

static int free_report(void **state)
{
    (void)state;
    pacta_report_free(rep);
    rep = NULL;
    pacta_scenario_free(sc);
    sc = NULL;
    return 0;
}

/* One person of KP nationality with the given status and facts (YAML flow), then the events. */
static void check(const char *person, const char *rest)
{
    char buf[4096];
    pacta_error err;
    snprintf(buf, sizeof buf, "pacta: 1\ntitle: law check\npersons:\n  - {id: p, nationality: KP%s}\n%s",
             person, rest);
    if (pacta_scenario_load_buffer(&sc, rb, "law-check.yaml", buf, strlen(buf), &err) != PACTA_OK)
        fail_on_error("scenario", &err);
    if (pacta_check(&rep, rb, sc, &err) != PACTA_OK)
        fail_on_error("check", &err);
}

static const pacta_finding *finding(const char *rule, const char *event)
{
    return the_finding(rep, rule, event);
}

static int cites_source(const pacta_finding *f, const char *label_part)
{
    for (size_t i = 0; i < pacta_finding_citation_count(f); i++) {
        pacta_citation_view c = pacta_finding_citation(f, i);
        if (c.label && strstr(c.label, label_part))
            return 1;
    }
    return 0;
}

static const char RETURN_2023[] =
    "events:\n"
    "  - {id: e1, date: 2023-10-09, actor: CN, action: return, subject: p, to: KP,\n"
    "     facts: {voluntary: false}}\n"
    "  - {id: e2, date: 2023-10-10, actor: CN, action: deport, subject: p, to: MN,\n"
    "     facts: {voluntary: false}}\n";

static void test_border_protocol_is_no_excuse_only_for_returns_to_the_dprk(void **state)
{
    (void)state;
    check(", status: undetermined", RETURN_2023);
    const pacta_finding *to_kp = finding("refugee-convention/return-to-risk", "e1");
    assert_int_equal(pacta_finding_verdict(to_kp), PACTA_VIOLATION);
    assert_true(HAS_CAVEAT(to_kp, "Not an excuse: the 1986 China-DPRK border protocol"));
    /* the principle is cited with the finding: VCLT and ExCom No. 25 */
    assert_true(cites_source(to_kp, "Vienna Convention on the Law of Treaties"));
    assert_true(cites_source(to_kp, "Conclusion No. 25"));
    assert_true(HAS_CAVEAT(finding("cat/return-to-torture", "e1"), "Not an excuse"));
    /* a deportation to Mongolia is no return to the other party */
    assert_false(HAS_CAVEAT(finding("refugee-convention/return-to-risk", "e2"), "Not an excuse"));
    /* the no-excuse rule gives no finding of its own */
    for (size_t i = 0; i < pacta_report_finding_count(rep); i++)
        assert_null(strstr(pacta_finding_rule(pacta_report_finding(rep, i)), "border-protocol"));
}

static void test_constitution_asylum_clause_is_a_permission(void **state)
{
    (void)state;
    check(", status: asylum_seeker, facts: {sought_protection: true}", RETURN_2023);
    const pacta_finding *f = finding("cn-constitution/asylum-permission", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(f, "permission"));
    assert_string_equal(pacta_finding_basis(f), "domestic");
}

static void test_exit_entry_law_binds_from_1_july_2013(void **state)
{
    (void)state;
    check(", status: asylum_seeker",
          "events:\n"
          "  - {id: e1, date: 2013-06-30, actor: CN, action: return, subject: p, to: KP}\n"
          "  - {id: e2, date: 2013-07-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    assert_int_equal(pacta_finding_verdict(finding("cn-exit-entry-law/removal-during-screening", "e1")),
                     PACTA_NOT_APPLICABLE);
    const pacta_finding *f = finding("cn-exit-entry-law/removal-during-screening", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_string_equal(pacta_finding_binding(f).in_force, "2013-07-01");
}

static void test_exit_entry_law_spares_a_person_screened_out(void **state)
{
    (void)state;
    check(", status: migrant, facts: {sought_protection: true}",
          "events:\n  - {id: e1, date: 2020-01-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    assert_int_equal(pacta_finding_verdict(finding("cn-exit-entry-law/removal-during-screening", "e1")),
                     PACTA_NO_VIOLATION);
}

static void test_unhcr_agreement_access(void **state)
{
    (void)state;
    check(", status: asylum_seeker",
          "events:\n"
          "  - {id: e1, date: 1995-11-30, actor: CN, action: deny_access, subject: p, to_body: UNHCR}\n"
          "  - {id: e2, date: 2020-01-01, actor: CN, action: deny_access, subject: p, to_body: UNHCR}\n"
          "  - {id: e3, date: 2020-01-02, actor: CN, action: deny_access, subject: p, to_body: ICRC}\n");
    /* before the agreement was signed and entered into force (1 December 1995) */
    assert_int_equal(pacta_finding_verdict(finding("unhcr-cn-agreement-1995/access-denied", "e1")),
                     PACTA_NOT_APPLICABLE);
    const pacta_finding *f = finding("unhcr-cn-agreement-1995/access-denied", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_string_equal(pacta_finding_basis(f), "bilateral");
    /* the provision is known only in paraphrase: no text is claimed for it */
    assert_null(pacta_finding_provision_text(f));
    assert_int_equal(pacta_finding_verdict(finding("unhcr-cn-agreement-1995/access-denied", "e3")),
                     PACTA_NO_VIOLATION);
}

static pacta_fact_view fact(const pacta_finding *f, const char *ref)
{
    for (size_t i = 0; i < pacta_finding_fact_count(f); i++) {
        pacta_fact_view v = pacta_finding_fact(f, i);
        if (strcmp(v.ref, ref) == 0)
            return v;
    }
    fail_msg("no fact %s", ref);
    pacta_fact_view none = {0};
    return none;
}

static void test_dprk_conditions_library(void **state)
{
    (void)state;
    check("",
          "events:\n"
          "  - {id: e0, date: 2001-12-31, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n"
          "  - {id: e1, date: 2013-05-28, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n"
          "  - {id: e2, date: 2014-02-07, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    /* before the earliest source that establishes the risk, nothing is known */
    assert_int_equal(pacta_finding_verdict(finding("cat/return-to-torture", "e0")),
                     PACTA_UNDETERMINED);
    /* a pre-2014 return is decided by the earliest source (issue 12) ... */
    const pacta_finding *before = finding("cat/return-to-torture", "e1");
    assert_int_equal(pacta_finding_verdict(before), PACTA_VIOLATION);
    assert_string_equal(fact(before, "KP.torture_on_return").source, "ai-asa-17-033-2002");
    /* ... and from the Commission of Inquiry's report on, by the Commission */
    const pacta_finding *after = finding("cat/return-to-torture", "e2");
    assert_int_equal(pacta_finding_verdict(after), PACTA_VIOLATION);
    pacta_fact_view v = fact(after, "KP.torture_on_return");
    assert_int_equal(v.from, PACTA_FROM_CONDITION);
    assert_string_equal(v.source, "coi-dprk-2014-crp1");
    /* provenance names the file within the rules folder, not a build path */
    assert_non_null(strstr(v.detail, "rules' country conditions, conditions/kp.yaml:"));
}

static void test_scenario_condition_replaces_the_library(void **state)
{
    (void)state;
    check("",
          "conditions:\n"
          "  - {state: KP, fact: torture_on_return, value: false}\n"
          "  - {state: KP, fact: onward_torture_risk, value: false}\n"
          "events:\n"
          "  - {id: e1, date: 2020-01-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    assert_int_equal(pacta_finding_verdict(finding("cat/return-to-torture", "e1")),
                     PACTA_NO_VIOLATION);
    /* the library's other DPRK conditions still apply */
    assert_int_equal(pacta_finding_verdict(finding("refugee-convention/return-to-risk", "e1")),
                     PACTA_VIOLATION);
}

/* ------------------------------------------------------------ issue 12: reasoning */

static int finding_exists(const char *rule, const char *event)
{
    for (size_t i = 0; i < pacta_report_finding_count(rep); i++) {
        const pacta_finding *f = pacta_report_finding(rep, i);
        if (strcmp(pacta_finding_rule(f), rule) == 0 && strcmp(pacta_finding_event(f, 0), event) == 0)
            return 1;
    }
    return 0;
}

/*
 * Chain refoulement under CAT: the core fact onward_removal_risk sends the
 * person on to their own state by default, or to the state named by
 * onward_to, whose own conditions decide; the finding names the chain and
 * cites the authorities for indirect refoulement.
 */
static void test_chain_under_cat(void **state)
{
    (void)state;
    check("",
          "conditions:\n"
          "  - {state: LA, fact: onward_removal_risk}\n"
          "  - {state: MN, fact: onward_removal_risk, onward_to: CN}\n"
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: TH, action: transfer, subject: p, to: LA,\n"
          "     facts: {voluntary: false}}\n"
          "  - {id: e2, date: 2020-03-01, actor: TH, action: transfer, subject: p, to: MN,\n"
          "     facts: {voluntary: false}}\n"
          "  - {id: e3, date: 2020-03-01, actor: TH, action: transfer, subject: p, to: MN,\n"
          "     onward_to: KP, facts: {voluntary: false}}\n");
    /* one hop: Laos would send the person on to North Korea */
    const pacta_finding *f = finding("cat/return-to-torture", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(HAS_REASON(f, "Chain refoulement followed for e1: TH to LA, then on to KP."));
    /* the same chain as data */
    assert_int_equal(pacta_finding_chain_count(f), 1);
    pacta_chain_view chain = pacta_finding_chain(f, 0);
    assert_string_equal(chain.event, "e1");
    assert_string_equal(chain.actor, "TH");
    assert_string_equal(chain.to, "LA");
    assert_int_equal(chain.link_count, 1);
    pacta_chain_link_view link = pacta_finding_chain_link(f, 0, 0);
    assert_string_equal(link.from, "LA");
    assert_string_equal(link.to, "KP");
    assert_string_equal(link.condition, "LA.onward_removal_risk");
    assert_non_null(strstr(link.stated, "conditions[0]"));
    assert_null(pacta_finding_chain_link(f, 0, 1).to);
    assert_null(pacta_finding_chain(f, 1).event);
    assert_true(cites_source(f, "General Comment No. 4"));
    assert_true(cites_source(f, "General Comment No. 31"));
    assert_true(cites_source(f, "Advisory Opinion"));
    assert_int_equal(pacta_finding_verdict(finding("iccpr/return-to-irreparable-harm", "e1")),
                     PACTA_VIOLATION);
    assert_int_equal(pacta_finding_verdict(finding("customary/non-refoulement", "e1")),
                     PACTA_VIOLATION);
    /* two hops: Mongolia to China (the condition's onward_to), China to North
     * Korea (the rules' library), each on its own conditions */
    f = finding("cat/return-to-torture", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(HAS_REASON(f, "TH to MN, then on to CN, then on to KP"));
    /* each chain weighed is listed: on to KP, and on to CN, where China's own risks count too */
    assert_int_equal(pacta_finding_chain_count(f), 2);
    assert_int_equal(pacta_finding_chain(f, 0).link_count, 2);
    assert_int_equal(pacta_finding_chain(f, 1).link_count, 1);
    assert_string_equal(pacta_finding_chain_link(f, 1, 0).to, "CN");
    assert_string_equal(pacta_finding_chain_link(f, 0, 0).to, "CN");
    assert_string_equal(pacta_finding_chain_link(f, 0, 1).from, "CN");
    assert_string_equal(pacta_finding_chain_link(f, 0, 1).to, "KP");
    assert_string_equal(pacta_finding_chain_link(f, 0, 1).condition, "CN.onward_removal_risk");
    /* the removal's onward_to overrides the condition's */
    f = finding("cat/return-to-torture", "e3");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(HAS_REASON(f, "TH to MN, then on to KP."));
}

/* A chain that comes back to a state it passed through adds nothing, and ends. */
static void test_chain_loop_ends(void **state)
{
    (void)state;
    check("",
          "conditions:\n"
          "  - {state: LA, fact: onward_removal_risk, onward_to: MN}\n"
          "  - {state: MN, fact: onward_removal_risk, onward_to: LA}\n"
          "  - {state: LA, fact: torture_on_return, value: false}\n"
          "  - {state: MN, fact: torture_on_return, value: false}\n"
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: TH, action: transfer, subject: p, to: LA,\n"
          "     facts: {voluntary: false}}\n");
    const pacta_finding *f = finding("cat/return-to-torture", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_NO_VIOLATION);
    /* the chain is followed as far as Mongolia, and not back to Laos */
    assert_int_equal(pacta_finding_chain_count(f), 1);
    assert_int_equal(pacta_finding_chain(f, 0).link_count, 1);
    assert_string_equal(pacta_finding_chain_link(f, 0, 0).to, "MN");
}

/* Removal to the feared state before the claim is decided breaches art. 33(1), whatever the risk facts. */
static void test_pending_claim(void **state)
{
    (void)state;
    check(", status: asylum_seeker, facts: {sought_protection: true}",
          "conditions:\n"
          "  - {state: KP, fact: persecution_on_return, value: unknown}\n"
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    const pacta_finding *f = finding("refugee-convention/return-to-risk", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(cites_source(f, "paragraph 6"));
    assert_true(cites_source(f, "Conclusion No. 6"));
    assert_true(cites_source(f, "Conclusion No. 8"));
}

/* A person found not to be a refugee has no pending claim: the risk facts decide again. */
static void test_decided_claim_is_not_pending(void **state)
{
    (void)state;
    check(", status: migrant, facts: {sought_protection: true}",
          "conditions:\n"
          "  - {state: KP, fact: persecution_on_return, value: unknown}\n"
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    assert_int_equal(pacta_finding_verdict(finding("refugee-convention/return-to-risk", "e1")),
                     PACTA_UNDETERMINED);
}

/* Assurances from a state with a pattern of gross violations displace nothing; no review before the act breaches CAT art. 3 itself. */
static void test_assurances_and_review(void **state)
{
    (void)state;
    check(", facts: {sought_protection: true}",
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: SE, action: expel, subject: p, to: KP,\n"
          "     facts: {voluntary: false, diplomatic_assurances: true, effective_remedy: false}}\n"
          "  - {id: e2, date: 2020-03-02, actor: SE, action: expel, subject: p, to: KP,\n"
          "     facts: {voluntary: false, effective_remedy: true}}\n");
    const pacta_finding *f = finding("cat/return-to-torture", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(HAS_REASON(f, "such assurances do not displace the risk of torture (Agiza v. Sweden, 2005)': established"));
    assert_true(cites_source(f, "Agiza v. Sweden"));
    assert_true(cites_source(f, "Alzery v. Sweden"));
    f = finding("iccpr/return-to-irreparable-harm", "e1");
    assert_true(HAS_REASON(f, "(Alzery v. Sweden, 2006)': established"));
    /* the procedural element: a breach in itself */
    f = finding("cat/removal-without-review", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_string_equal(pacta_finding_provision(f), "art_3");
    assert_int_equal(pacta_finding_verdict(finding("cat/removal-without-review", "e2")),
                     PACTA_NO_VIOLATION);
    /* without assurances the consideration says nothing, and cites nothing */
    f = finding("cat/return-to-torture", "e2");
    assert_false(cites_source(f, "Alzery v. Sweden"));
}

/* Art. 33(2) on a bare assertion: undetermined with the reason; on an individual finding: granted. */
static void test_art_33_2_needs_an_individual_finding(void **state)
{
    (void)state;
    check("",
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false, security_danger: true}}\n"
          "  - {id: e2, date: 2020-03-02, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false, security_danger: true, individual_assessment: true}}\n");
    const pacta_finding *f = finding("refugee-convention/return-to-risk", "e1");
    assert_int_equal(pacta_finding_verdict(f), PACTA_UNDETERMINED);
    assert_true(HAS_REASON(f, "it is established only if the danger was found in an individual assessment"));
    assert_true(HAS_MISSING(f, "e1.individual_assessment"));
    assert_int_equal(pacta_finding_verdict(finding("refugee-convention/return-to-risk", "e2")),
                     PACTA_NO_VIOLATION);
    /* the absolute provisions still say why the ground is irrelevant */
    f = finding("cat/return-to-torture", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(HAS_CAVEAT(f, "irrelevant here"));
    f = finding("customary/non-refoulement", "e2");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_true(HAS_REASON(f, "so the ground is irrelevant': established"));
}

/* A domestic law or a bilateral agreement is weighed only for the states it names. */
static void test_domestic_law_only_for_its_state(void **state)
{
    (void)state;
    check(", status: asylum_seeker, facts: {sought_protection: true}",
          "events:\n"
          "  - {id: e1, date: 2020-03-01, actor: TH, action: deport, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n"
          "  - {id: e2, date: 2020-03-01, actor: CN, action: return, subject: p, to: KP,\n"
          "     facts: {voluntary: false}}\n");
    assert_false(finding_exists("cn-constitution/asylum-permission", "e1"));
    assert_false(finding_exists("cn-exit-entry-law/removal-during-screening", "e1"));
    assert_false(finding_exists("unhcr-cn-agreement-1995/removal-without-access", "e1"));
    assert_true(finding_exists("cn-constitution/asylum-permission", "e2"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_border_protocol_is_no_excuse_only_for_returns_to_the_dprk,
                                  free_report),
        cmocka_unit_test_teardown(test_constitution_asylum_clause_is_a_permission, free_report),
        cmocka_unit_test_teardown(test_exit_entry_law_binds_from_1_july_2013, free_report),
        cmocka_unit_test_teardown(test_exit_entry_law_spares_a_person_screened_out, free_report),
        cmocka_unit_test_teardown(test_unhcr_agreement_access, free_report),
        cmocka_unit_test_teardown(test_dprk_conditions_library, free_report),
        cmocka_unit_test_teardown(test_scenario_condition_replaces_the_library, free_report),
        cmocka_unit_test_teardown(test_chain_under_cat, free_report),
        cmocka_unit_test_teardown(test_chain_loop_ends, free_report),
        cmocka_unit_test_teardown(test_pending_claim, free_report),
        cmocka_unit_test_teardown(test_decided_claim_is_not_pending, free_report),
        cmocka_unit_test_teardown(test_assurances_and_review, free_report),
        cmocka_unit_test_teardown(test_art_33_2_needs_an_individual_finding, free_report),
        cmocka_unit_test_teardown(test_domestic_law_only_for_its_state, free_report),
    };
    return cmocka_run_group_tests(tests, load_rules, free_rules);
}
