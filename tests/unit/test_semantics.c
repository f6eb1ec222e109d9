/*
 * test_semantics.c: every verdict rule of the semantics spec, each against
 * a small synthetic rulebase so that a test fails for one reason only:
 * entry into force (90 days, 30 days, 3 months, same day, consent before
 * general entry into force), signature alone, succession, denunciation (and
 * a treaty that cannot be denounced), a second period of participation, a
 * cessation, party tables marked incomplete, reservations (valid, and to a
 * non-reservable provision), imprecise dates, Kleene connectives,
 * exceptions (established, unknown, offered to an absolute rule),
 * sequences with an in-between condition, indicators with spans, fact
 * precedence, and the route through an incorporating instrument.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "load/expr.h"
#include "pacta.h"
#include "fixtures.h"

static const char VOCABULARY[] =
    "pacta-rules: 1\n"
    "sources:\n"
    "  - {id: src, title: Test source}\n"
    "states:\n"
    "  - {code: AA, name: Aland, source: src}\n"
    "  - {code: BB, name: Bland, source: src}\n"
    "  - {code: CC, name: Cland, source: src}\n"
    "actions:\n"
    "  - {name: return, label: return, verb: returned, removal: true, fields: [to], required: [to]}\n"
    "  - {name: classify, label: classify, verb: classified, fields: [as, basis]}\n"
    "  - {name: status_determination, label: examination, verb: examined, fields: [basis, outcome]}\n"
    "facts:\n"
    "  - {name: risk, label: risk at the destination, where: [state]}\n"
    "  - {name: onward, label: onward removal risk, where: [state]}\n"
    "  - {name: danger, label: danger to security, where: [person, event], justification: true}\n"
    "  - {name: assessed, label: individual assessment, where: [event]}\n"
    "  - {name: voluntary, label: voluntary return, where: [event]}\n"
    "  - {name: categorical, label: categorical, where: [event],\n"
    "     field: {name: basis, values: {categorical: true, individual: false}}}\n"
    "  - {name: any_risk, label: risk directly or onward, where: [event],\n"
    "     derived: {any: [{fact: risk}, {fact: onward}]}, source: src}\n"
    "indicators:\n"
    "  - {id: forced, label: forced, fact: voluntary, value: false, pattern: '(?i)\\bforcibly\\b'}\n"
    "  - {id: screened, label: screened, fact: assessed, value: false,\n"
    "     pattern: '(?i)without (?:any )?screening'}\n";

/* The treaty under test; %s are the entry-into-force delay and the denunciation clause. */
static const char TREATY_FORMAT[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: t\n"
    "  title: Test Treaty\n"
    "  short: Treaty\n"
    "  basis: treaty\n"
    "  adopted: {date: 1950-01-01, source: src}\n"
    "  in_force: {date: 1960-01-01, source: src}\n"
    "  entry_into_force: {delay: %s, clause: art_9, source: src}\n"
    "  denunciation: %s\n"
    "  non_reservable: {provisions: [art_1], clause: art_8, source: src}\n"
    "  provisions:\n"
    "    - {id: art_1, label: art. 1, text: \"No return to risk.\", source: src}\n"
    "    - {id: art_2, label: art. 2}\n"
    "    - {id: art_3, label: art. 3}\n"
    "    - {id: art_8, label: art. 8}\n"
    "    - {id: art_9, label: art. 9}\n"
    "    - {id: art_10, label: art. 10}\n"
    "  rules:\n"
    "    - id: plain\n"
    "      title: no return to risk\n"
    "      provision: art_1\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: any_risk}}\n"
    "      exceptions:\n"
    "        - {id: danger, label: danger, test: {fact: danger}}\n"
    "        - {id: voluntary, label: voluntary, test: {fact: voluntary}}\n"
    "    - id: absolute\n"
    "      title: absolute rule\n"
    "      provision: art_2\n"
    "      on: [return]\n"
    "      absolute: {source: src}\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n"
    "    - id: reservable\n"
    "      title: a reservable provision\n"
    "      provision: art_3\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n"
    "    - id: kleene\n"
    "      title: connectives\n"
    "      provision: art_10\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: both, label: both, test: {all: [{fact: risk}, {not: {fact: assessed}}]}}\n"
    "    - id: sequence\n"
    "      title: categorical classification then return\n"
    "      provision: art_1\n"
    "      sequence:\n"
    "        - {step: classified, on: [classify]}\n"
    "        - {step: removed, on: [return]}\n"
    "      elements:\n"
    "        - {id: categorical, label: categorical, test: {fact: categorical, at: classified}}\n"
    "        - id: nothing-between\n"
    "          label: no individual examination between\n"
    "          test: {none_between: [classified, removed], on: [status_determination],\n"
    "                 where: {not: {fact: categorical}}}\n";

static const char PROTOCOL[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: p\n"
    "  title: Test Protocol\n"
    "  short: Protocol\n"
    "  basis: treaty\n"
    "  in_force: {date: 1967-01-01, source: src}\n"
    "  entry_into_force: {delay: 0 days, clause: art_8, source: src}\n"
    "  denunciation: {delay: 1 year, clause: art_9, source: src}\n"
    "  incorporates: {instrument: t, provisions: [art_1], as: art_1__para_1}\n"
    "  provisions:\n"
    "    - {id: art_1__para_1, label: art. I(1)}\n"
    "    - {id: art_8, label: art. VIII}\n"
    "    - {id: art_9, label: art. IX}\n";

static const char CUSTOM[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: custom\n"
    "  title: customary rule\n"
    "  basis: customary\n"
    "  authorities: [src]\n"
    "  provisions:\n"
    "    - {id: rule, label: the rule}\n"
    "  rules:\n"
    "    - id: rule\n"
    "      title: customary rule\n"
    "      provision: rule\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n";

typedef struct fixture {
    pacta_rulebase *rb;
    pacta_scenario *sc;
    pacta_report *rep;
    pacta_error err;
} fixture;

static fixture fx;

static int teardown(void **state)
{
    (void)state;
    pacta_report_free(fx.rep);
    pacta_scenario_free(fx.sc);
    pacta_rulebase_free(fx.rb);
    memset(&fx, 0, sizeof fx);
    return 0;
}

/* Loads the test rulebase with the given delay, denunciation clause and party records. */
static void load_rules(const char *delay, const char *denunciation, const char *parties,
                       const char *protocol_parties)
{
    char treaty[8192], records[4096];
    assert_int_equal(pacta_rulebase_new(&fx.rb, NULL, &fx.err), PACTA_OK);
    add_rules_buffer(fx.rb, "vocabulary.yaml", VOCABULARY);
    snprintf(treaty, sizeof treaty, TREATY_FORMAT, delay, denunciation);
    add_rules_buffer(fx.rb, "t.yaml", treaty);
    add_rules_buffer(fx.rb, "p.yaml", PROTOCOL);
    add_rules_buffer(fx.rb, "custom.yaml", CUSTOM);
    snprintf(records, sizeof records, "pacta-rules: 1\nparties:\n  instrument: t\n  records:\n%s",
             parties);
    add_rules_buffer(fx.rb, "t-parties.yaml", records);
    if (protocol_parties) {
        snprintf(records, sizeof records,
                 "pacta-rules: 1\nparties:\n  instrument: p\n  records:\n%s", protocol_parties);
        add_rules_buffer(fx.rb, "p-parties.yaml", records);
    }
    finish_rules(fx.rb);
}

static void load_default_rules(const char *parties)
{
    load_rules("90 days", "{delay: 1 year, clause: art_10, source: src}", parties, NULL);
}

static const char SCENARIO_HEAD[] =
    "pacta: 1\n"
    "title: test\n"
    "persons:\n"
    "  - {id: p1, nationality: BB}\n";

/* Checks a scenario: a return by AA to BB on `date`, plus extra YAML lines. */
static void check(const char *body)
{
    char text[8192];
    snprintf(text, sizeof text, "%s%s", SCENARIO_HEAD, body);
    if (pacta_scenario_load_buffer(&fx.sc, fx.rb, "test.yaml", text, strlen(text), &fx.err) !=
        PACTA_OK)
        fail_on_error("test.yaml", &fx.err);
    assert_int_equal(pacta_check(&fx.rep, fx.rb, fx.sc, &fx.err), PACTA_OK);
}

static void check_return(const char *date, const char *extra)
{
    char body[4096];
    snprintf(body, sizeof body,
             "conditions:\n"
             "  - {state: BB, fact: risk}\n"
             "events:\n"
             "  - {id: e1, date: %s, actor: AA, action: return, subject: p1, to: BB}\n"
             "%s",
             date, extra ? extra : "");
    check(body);
}

static const pacta_finding *finding(const char *rule)
{
    return the_finding(fx.rep, rule, NULL);
}

static void assert_verdict(const char *rule, pacta_verdict v)
{
    const pacta_finding *f = finding(rule);
    if (pacta_finding_verdict(f) != v) {
        for (size_t i = 0; i < pacta_finding_reason_count(f); i++)
            print_message("  reason: %s\n", pacta_finding_reason(f, i));
        fail_msg("%s: expected %s, got %s", rule, pacta_verdict_name(v),
                 pacta_verdict_name(pacta_finding_verdict(f)));
    }
}

static const char PARTY_AA_1990[] =
    "    - {state: AA, consent: {date: 1990-03-01, type: accession, source: src}}\n";

/* ------------------------------------------------------ entry into force */

static void test_eif_ninety_days(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check_return("1990-05-29", NULL); /* the 89th day after deposit */
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    pacta_binding_view b = pacta_finding_binding(finding("t/plain"));
    assert_string_equal(b.in_force, "1990-05-30");
    assert_string_equal(b.consent, "1990-03-01");
    assert_string_equal(b.consent_type, "accession");
    assert_string_equal(b.clause, "art. 9");
    teardown(NULL);
    load_default_rules(PARTY_AA_1990);
    check_return("1990-05-30", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
}

static void test_eif_thirty_days(void **state)
{
    (void)state;
    load_rules("30 days", "{delay: 1 year, clause: art_10, source: src}",
               "    - {state: AA, consent: {date: 1988-10-04, type: ratification, source: src}}\n",
               NULL);
    check_return("2000-01-01", NULL);
    assert_string_equal(pacta_finding_binding(finding("t/plain")).in_force, "1988-11-03");
}

static void test_eif_three_months(void **state)
{
    (void)state;
    load_rules("3 months", "{delay: 1 year, clause: art_10, source: src}",
               "    - {state: AA, consent: {date: 1981-09-14, type: accession, source: src}}\n",
               NULL);
    check_return("1981-12-13", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_string_equal(pacta_finding_binding(finding("t/plain")).in_force, "1981-12-14");
}

static void test_eif_same_day(void **state)
{
    (void)state;
    load_rules("0 days", "{delay: 1 year, clause: art_10, source: src}", PARTY_AA_1990, NULL);
    check_return("1990-03-01", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
    assert_string_equal(pacta_finding_binding(finding("t/plain")).in_force, "1990-03-01");
}

static void test_consent_before_general_entry_into_force(void **state)
{
    (void)state;
    load_default_rules(
        "    - {state: AA, consent: {date: 1955-06-01, type: ratification, source: src}}\n");
    check_return("1959-12-31", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_string_equal(pacta_finding_binding(finding("t/plain")).in_force, "1960-01-01");
    assert_string_equal(pacta_finding_binding(finding("t/plain")).clause, "general entry into force");
    assert_true(HAS_REASON(finding("t/plain"), "preceded the Treaty's general entry into force"));
}

static void test_signature_alone(void **state)
{
    (void)state;
    load_default_rules("    - {state: AA, signature: {date: 1998-10-05, source: src}}\n");
    check_return("2020-01-01", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("t/plain"), "signature alone does not bind"));
}

static void test_not_a_party(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    char body[] = "events:\n  - {id: e1, date: 2020-01-01, actor: CC, action: return, subject: p1, to: BB}\n";
    check(body);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("t/plain"), "is not a party"));
    /* customary law binds every state */
    assert_int_not_equal(pacta_finding_verdict(finding("custom/rule")), PACTA_NOT_APPLICABLE);
    assert_string_equal(pacta_finding_basis(finding("custom/rule")), "customary");
}

static void test_succession(void **state)
{
    (void)state;
    load_default_rules("    - state: AA\n"
                       "      consent: {date: 1993-05-01, type: succession, source: src}\n"
                       "      effective: {date: 1991-06-25, source: src}\n");
    check_return("1992-01-01", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
    assert_string_equal(pacta_finding_binding(finding("t/plain")).in_force, "1991-06-25");
}

static void test_succession_without_effective_date(void **state)
{
    (void)state;
    load_default_rules("    - {state: AA, consent: {date: 1993-05-01, type: succession, source: src}}\n");
    check_return("1992-01-01", NULL);
    assert_verdict("t/plain", PACTA_UNDETERMINED);
    assert_true(HAS_MISSING(finding("t/plain"), "e1.date"));
    teardown(NULL);
    load_default_rules("    - {state: AA, consent: {date: 1993-05-01, type: succession, source: src}}\n");
    check_return("1993-05-02", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
}

/* ----------------------------------------------------------- denunciation */

static void test_denunciation_takes_effect_after_delay(void **state)
{
    (void)state;
    const char *party = "    - state: AA\n"
                        "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                        "      denunciation: {date: 2000-06-15, source: src}\n";
    load_default_rules(party);
    check_return("2001-06-14", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
    teardown(NULL);
    load_default_rules(party);
    check_return("2001-06-15", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("t/plain"), "denounced"));
}

/* Denounced, then a party again: each period binds from its own entry into force. */
static void test_second_period_of_participation(void **state)
{
    (void)state;
    const char *periods = "    - state: AA\n"
                          "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                          "      denunciation: {date: 1995-01-01, source: src}\n"
                          "    - {state: AA, consent: {date: 2000-01-01, type: ratification, source: src}}\n";
    static const struct {
        const char *date;
        pacta_verdict verdict;
        const char *reason;
    } days[] = {
        {"1995-12-31", PACTA_VIOLATION, "took effect 1 year later, on 1996-01-01, after the event"},
        {"1996-01-01", PACTA_NOT_APPLICABLE, "on 1996-01-01, before the event"},
        {"2000-03-30", PACTA_NOT_APPLICABLE, "was a party to the Treaty before, by its accession of "
                                             "1990-03-01 [Test source], until 1996-01-01"},
        {"2000-03-31", PACTA_VIOLATION, "the record weighed is its later ratification"},
    };
    for (size_t i = 0; i < sizeof days / sizeof days[0]; i++) {
        load_default_rules(periods);
        check_return(days[i].date, NULL);
        assert_verdict("t/plain", days[i].verdict);
        assert_true(HAS_REASON(finding("t/plain"), days[i].reason));
        teardown(NULL);
    }
}

/* A cessation the depositary records ends the period on that day, with no delay added. */
static void test_ceased_to_be_a_party(void **state)
{
    (void)state;
    const char *party = "    - state: AA\n"
                        "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                        "      ceased: {date: 2005-05-05, source: src}\n";
    load_default_rules(party);
    check_return("2005-05-04", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
    teardown(NULL);
    load_default_rules(party);
    check_return("2005-05-05", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("t/plain"), "AA ceased to be a party to the Treaty on 2005-05-05 "
                                               "[Test source], before the event"));
}

/* ------------------------------------------------------ incomplete party tables */

/* A table marked incomplete leaves a state with no record unknown: the finding
 * waits for its party record. Listed states only, when it lists them. */
static void test_incomplete_table(void **state)
{
    (void)state;
    const char *other = "    - {state: CC, consent: {date: 1990-03-01, type: accession, source: src}}\n";
    char table[512];
    snprintf(table, sizeof table, "%s  incomplete: {source: src, note: rows missing}\n", other);
    load_default_rules(table);
    check_return("2020-01-01", NULL);
    assert_verdict("t/plain", PACTA_UNDETERMINED);
    const pacta_finding *f = finding("t/plain");
    assert_true(HAS_REASON(f, "party table for the Treaty is incomplete [Test source]; no record for AA"));
    assert_int_equal(pacta_finding_missing_count(f), 1);
    assert_string_equal(pacta_finding_missing(f, 0), "t.parties.AA");
    teardown(NULL);

    /* the risk is absent: still undetermined, the record alone missing */
    load_default_rules(table);
    check("events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n"
          "conditions:\n  - {state: BB, fact: risk, value: false}\n"
          "  - {state: BB, fact: onward, value: false}\n");
    assert_verdict("t/plain", PACTA_UNDETERMINED);
    f = finding("t/plain");
    assert_int_equal(pacta_finding_missing_count(f), 1);
    assert_string_equal(pacta_finding_missing(f, 0), "t.parties.AA");
    teardown(NULL);

    /* a list of the states it may omit: AA is not one, so no record means not a party */
    snprintf(table, sizeof table, "%s  incomplete: {source: src, states: [BB]}\n", other);
    load_default_rules(table);
    check_return("2020-01-01", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("t/plain"), "is not a party to the Treaty"));
    teardown(NULL);

    /* a complete table: no record, not a party */
    load_default_rules(other);
    check_return("2020-01-01", NULL);
    assert_verdict("t/plain", PACTA_NOT_APPLICABLE);
    assert_int_equal(pacta_finding_missing_count(finding("t/plain")), 0);
}

static void test_no_denunciation_clause(void **state)
{
    (void)state;
    load_rules("90 days", "{none: true, source: src}",
               "    - state: AA\n"
               "      consent: {date: 1990-03-01, type: accession, source: src}\n"
               "      denunciation: {date: 1997-08, source: src}\n",
               NULL);
    check_return("2020-01-01", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
    assert_true(HAS_CAVEAT(finding("t/plain"), "cannot be denounced"));
}

/* ----------------------------------------------------------- reservations */

static void test_valid_reservation(void **state)
{
    (void)state;
    load_default_rules("    - state: AA\n"
                       "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                       "      reservations:\n"
                       "        - {provisions: [art_3], source: src}\n");
    check_return("2020-01-01", NULL);
    assert_verdict("t/reservable", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("t/reservable"), "reservation excluding art. 3"));
    assert_verdict("t/plain", PACTA_VIOLATION);
}

static void test_reservation_to_non_reservable_provision(void **state)
{
    (void)state;
    load_default_rules("    - state: AA\n"
                       "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                       "      reservations:\n"
                       "        - {provisions: [art_1], source: src}\n");
    check_return("2020-01-01", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
    assert_true(HAS_CAVEAT(finding("t/plain"), "is ignored"));
}

static void test_withdrawn_reservation(void **state)
{
    (void)state;
    load_default_rules("    - state: AA\n"
                       "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                       "      reservations:\n"
                       "        - {provisions: [art_3], source: src,\n"
                       "           withdrawn: {date: 2005-01-01, source: src}}\n");
    check_return("2010-01-01", NULL);
    assert_verdict("t/reservable", PACTA_VIOLATION);
}

/* --------------------------------------------------------- imprecise dates */

static void test_imprecise_event_straddles_entry_into_force(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990); /* in force 1990-05-30 */
    check_return("1990-05", NULL);
    assert_verdict("t/plain", PACTA_UNDETERMINED);
    assert_true(HAS_MISSING(finding("t/plain"), "e1.date"));
}

static void test_imprecise_consent(void **state)
{
    (void)state;
    load_default_rules("    - {state: AA, consent: {date: 1992, source: src}}\n");
    check_return("1992-06-01", NULL);
    assert_verdict("t/plain", PACTA_UNDETERMINED);
    assert_string_equal(pacta_finding_binding(finding("t/plain")).in_force,
                        "1992-03-31..1993-03-31");
    teardown(NULL);
    load_default_rules("    - {state: AA, consent: {date: 1992, source: src}}\n");
    check_return("1993-04-01", NULL);
    assert_verdict("t/plain", PACTA_VIOLATION);
}

/* ------------------------------------------------------- three-valued logic */

static void test_kleene_connectives(void **state)
{
    (void)state;
    assert_int_equal(truth_and(PACTA_FALSE, PACTA_UNKNOWN), PACTA_FALSE);
    assert_int_equal(truth_and(PACTA_TRUE, PACTA_UNKNOWN), PACTA_UNKNOWN);
    assert_int_equal(truth_and(PACTA_TRUE, PACTA_TRUE), PACTA_TRUE);
    assert_int_equal(truth_or(PACTA_TRUE, PACTA_UNKNOWN), PACTA_TRUE);
    assert_int_equal(truth_or(PACTA_FALSE, PACTA_UNKNOWN), PACTA_UNKNOWN);
    assert_int_equal(truth_or(PACTA_FALSE, PACTA_FALSE), PACTA_FALSE);
    assert_int_equal(truth_not(PACTA_UNKNOWN), PACTA_UNKNOWN);
    assert_int_equal(truth_not(PACTA_TRUE), PACTA_FALSE);
}

static void test_kleene_in_rules(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    /* all(risk = true, not assessed = unknown) = unknown */
    check_return("2020-01-01", NULL);
    assert_verdict("t/kleene", PACTA_UNDETERMINED);
    assert_true(HAS_MISSING(finding("t/kleene"), "e1.assessed"));
    /* any(risk unknown, onward true) = true through the derived fact */
    teardown(NULL);
    load_default_rules(PARTY_AA_1990);
    check("conditions:\n  - {state: BB, fact: onward}\n"
          "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n");
    assert_verdict("t/plain", PACTA_VIOLATION);
    assert_verdict("t/kleene", PACTA_UNDETERMINED);
    assert_true(HAS_MISSING(finding("t/kleene"), "BB.risk"));
    /* all(false, unknown) = false */
    teardown(NULL);
    load_default_rules(PARTY_AA_1990);
    check("conditions:\n  - {state: BB, fact: risk, value: false}\n"
          "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n");
    assert_verdict("t/kleene", PACTA_NO_VIOLATION);
    assert_int_equal(pacta_finding_missing_count(finding("t/kleene")), 0);
}

/* -------------------------------------------------------------- exceptions */

static void test_exceptions(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check_return("2020-01-01", NULL);
    /* unknown exception: violation with a caveat */
    assert_verdict("t/plain", PACTA_VIOLATION);
    assert_true(HAS_CAVEAT(finding("t/plain"), "Exception danger not established; unknown: "));
    teardown(NULL);
    load_default_rules(PARTY_AA_1990);
    check("conditions:\n  - {state: BB, fact: risk}\n"
          "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB,\n"
          "            facts: {danger: true}}\n");
    /* established exception defeats the rule... */
    assert_verdict("t/plain", PACTA_NO_VIOLATION);
    /* ...but not an absolute one, where it is reported as irrelevant */
    assert_verdict("t/absolute", PACTA_VIOLATION);
    assert_true(HAS_CAVEAT(finding("t/absolute"), "irrelevant"));
}

/* A customary instrument x with one rule r on returns, up to the rule's own lines (line 13 on). */
#define ONE_RULE_HEAD \
    "pacta-rules: 1\n" \
    "instrument:\n" \
    "  id: x\n" \
    "  title: X\n" \
    "  basis: customary\n" \
    "  authorities: [src]\n" \
    "  provisions: [{id: a, label: a}]\n" \
    "  rules:\n" \
    "    - id: r\n" \
    "      title: r\n" \
    "      provision: a\n" \
    "      on: [return]\n"

/* Finishes a rulebase of the vocabulary and x.yaml, which must be refused. */
static void finish_refused(const char *x_yaml)
{
    assert_int_equal(pacta_rulebase_new(&fx.rb, NULL, &fx.err), PACTA_OK);
    add_rules_buffer(fx.rb, "vocabulary.yaml", VOCABULARY);
    add_rules_buffer(fx.rb, "x.yaml", x_yaml);
    assert_int_equal(pacta_rulebase_finish(fx.rb, &fx.err), PACTA_EINPUT);
    assert_string_equal(fx.err.file, "x.yaml");
}

static void test_absolute_rule_refuses_justification_exception(void **state)
{
    (void)state;
    finish_refused(ONE_RULE_HEAD
                   "      absolute: {source: src}\n"
                   "      elements: [{id: e, label: e, test: {fact: risk}}]\n"
                   "      exceptions:\n"
                   "        - {id: d, label: d, test: {fact: danger}}\n");
    assert_int_equal(fx.err.line, 16);
    assert_non_null(strstr(fx.err.message, "absolute"));
}

/* A derivation reads its own leaves; pointing it at another state is refused. */
static void test_of_refused_on_derived_fact(void **state)
{
    (void)state;
    finish_refused(ONE_RULE_HEAD
                   "      elements: [{id: e, label: e, test: {fact: any_risk, of: nationality}}]\n");
    assert_int_equal(fx.err.line, 13);
    assert_int_equal(fx.err.column, 63); /* the value of of: */
    assert_non_null(strstr(fx.err.message, "'any_risk' is not one"));
}

/* --------------------------------------------------------------- sequences */

static void test_sequence_with_nothing_between(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check("events:\n"
          "  - {id: e2, date: 2020-02-01, actor: AA, action: return, subject: p1, to: BB}\n"
          "  - {id: e1, date: 2020-01-01, actor: AA, action: classify, subject: p1,\n"
          "     as: illegal_immigrant, basis: categorical}\n");
    const pacta_finding *f = finding("t/sequence");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_int_equal(pacta_finding_event_count(f), 2);
    assert_string_equal(pacta_finding_event(f, 0), "e1");
    assert_string_equal(pacta_finding_event(f, 1), "e2");
}

static void test_sequence_with_examination_between(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check("events:\n"
          "  - {id: e1, date: 2020-01-01, actor: AA, action: classify, subject: p1, basis: categorical}\n"
          "  - {id: e3, date: 2020-01-15, actor: AA, action: status_determination, subject: p1,\n"
          "     basis: individual, outcome: rejected}\n"
          "  - {id: e2, date: 2020-02-01, actor: AA, action: return, subject: p1, to: BB}\n");
    assert_verdict("t/sequence", PACTA_NO_VIOLATION);
    teardown(NULL);
    /* an examination of unknown basis between leaves it open */
    load_default_rules(PARTY_AA_1990);
    check("events:\n"
          "  - {id: e1, date: 2020-01-01, actor: AA, action: classify, subject: p1, basis: categorical}\n"
          "  - {id: e3, date: 2020-01-15, actor: AA, action: status_determination, subject: p1}\n"
          "  - {id: e2, date: 2020-02-01, actor: AA, action: return, subject: p1, to: BB}\n");
    assert_verdict("t/sequence", PACTA_UNDETERMINED);
    assert_true(HAS_MISSING(finding("t/sequence"), "e3.categorical"));
}

static void test_sequence_needs_earlier_step(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check_return("2020-01-01", NULL);
    for (size_t i = 0; i < pacta_report_finding_count(fx.rep); i++)
        assert_string_not_equal(pacta_finding_rule(pacta_report_finding(fx.rep, i)), "t/sequence");
}

/* --------------------------------------------------- facts and provenance */

static void test_indicator_fact_with_span(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check("conditions:\n  - {state: BB, fact: risk}\n"
          "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB,\n"
          "            description: \"They were forcibly sent back without any screening.\"}\n");
    const pacta_finding *f = finding("t/kleene");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    int seen = 0;
    for (size_t i = 0; i < pacta_finding_fact_count(f); i++) {
        pacta_fact_view v = pacta_finding_fact(f, i);
        if (strcmp(v.ref, "e1.assessed") == 0) {
            assert_int_equal(v.from, PACTA_FROM_TEXT);
            assert_int_equal(v.value, PACTA_FALSE);
            assert_string_equal(v.text, "without any screening");
            assert_int_equal(v.span_start, 29);
            assert_int_equal(v.span_end, 50);
            seen = 1;
        }
    }
    assert_true(seen);
    /* voluntary = false from "forcibly": the exception is not established, no caveat */
    assert_false(HAS_CAVEAT(finding("t/plain"), "Exception voluntary"));
}

static pacta_fact_view fact_of(const pacta_finding *f, const char *ref)
{
    for (size_t i = 0; i < pacta_finding_fact_count(f); i++) {
        pacta_fact_view v = pacta_finding_fact(f, i);
        if (strcmp(v.ref, ref) == 0)
            return v;
    }
    fail_msg("no fact %s", ref);
    pacta_fact_view none;
    memset(&none, 0, sizeof none);
    return none;
}

static void test_fact_precedence(void **state)
{
    (void)state;
    /* condition says risk, person says no risk, event says risk: the event wins */
    load_default_rules(PARTY_AA_1990);
    check("conditions:\n  - {state: BB, fact: risk}\n"
          "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB,\n"
          "            facts: {risk: true, assessed: false}}\n");
    assert_int_equal(fact_of(finding("t/absolute"), "BB.risk").from, PACTA_FROM_EVENT);
    teardown(NULL);
    /* person over condition */
    load_default_rules(PARTY_AA_1990);
    static const char text[] =
        "pacta: 1\ntitle: t\npersons:\n  - {id: p1, nationality: BB, facts: {risk: false}}\n"
        "conditions:\n  - {state: BB, fact: risk}\n"
        "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n";
    assert_int_equal(pacta_scenario_load_buffer(&fx.sc, fx.rb, "t.yaml", text, strlen(text), &fx.err),
                     PACTA_OK);
    assert_int_equal(pacta_check(&fx.rep, fx.rb, fx.sc, &fx.err), PACTA_OK);
    pacta_fact_view v = fact_of(finding("t/absolute"), "BB.risk");
    assert_int_equal(v.from, PACTA_FROM_PERSON);
    assert_int_equal(v.value, PACTA_FALSE);
    assert_verdict("t/absolute", PACTA_NO_VIOLATION);
}

static void test_condition_window(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check("conditions:\n  - {state: BB, fact: risk, from: 2014-02-07}\n"
          "events:\n  - {id: e1, date: 2013-05, actor: AA, action: return, subject: p1, to: BB}\n"
          "  - {id: e2, date: 2014-02, actor: AA, action: return, subject: p1, to: BB}\n");
    /* e1 wholly before the window: the fact is not stated at all */
    const pacta_finding *first = pacta_report_finding(fx.rep, 0);
    assert_string_equal(pacta_finding_event(first, 0), "e1");
    assert_true(HAS_MISSING(finding("t/absolute"), "BB.risk"));
    /* e2 straddles the window's start: unknown */
    for (size_t i = 0; i < pacta_report_finding_count(fx.rep); i++) {
        const pacta_finding *f = pacta_report_finding(fx.rep, i);
        if (strcmp(pacta_finding_rule(f), "t/absolute") == 0 &&
            strcmp(pacta_finding_event(f, 0), "e2") == 0)
            assert_int_equal(pacta_finding_verdict(f), PACTA_UNDETERMINED);
    }
}

/* ------------------------------------------------------------ incorporation */

static void test_bound_only_through_incorporating_instrument(void **state)
{
    (void)state;
    load_rules("90 days", "{delay: 1 year, clause: art_10, source: src}",
               "    - {state: CC, consent: {date: 1990-03-01, type: accession, source: src}}\n",
               "    - {state: AA, consent: {date: 1968-11-01, type: accession, source: src}}\n");
    check_return("2019-01-01", NULL);
    const pacta_finding *f = finding("t/plain");
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_string_equal(pacta_finding_instrument(f), "p");
    assert_string_equal(pacta_finding_provision(f), "art_1__para_1");
    assert_string_equal(pacta_finding_binding(f).via, "p");
    assert_string_equal(pacta_finding_binding(f).in_force, "1968-11-01");
    /* the reservable art. 3 is not incorporated: not applicable under t */
    assert_string_equal(pacta_finding_instrument(finding("t/reservable")), "t");
    assert_int_equal(pacta_finding_verdict(finding("t/reservable")), PACTA_NOT_APPLICABLE);
}

/* ------------------------------------------- library conditions, natures */

static const char LAW_OF_STATES[] =
    "pacta-rules: 1\n"
    "conditions:\n"
    "  - {state: BB, fact: risk, from: 2014-02-07, source: src}\n"
    "instrument:\n"
    "  id: aa-bb-protocol\n"
    "  title: AA-BB border protocol\n"
    "  basis: bilateral\n"
    "  states: [AA, BB]\n"
    "  in_force: {date: 1986, source: src}\n"
    "  authorities: [src]\n"
    "  provisions: [{id: return_duty, label: duty to return}]\n"
    "  rules:\n"
    "    - id: no-excuse\n"
    "      title: the duty to return border crossers does not excuse refoulement\n"
    "      provision: return_duty\n"
    "      nature: no_excuse\n"
    "      on: [return]\n"
    "      authorities: [src]\n"
    "      elements: [{id: to-party, label: returned to the other party, test: {to_party: true}}]\n";

static const char AA_CONSTITUTION[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: aa-constitution\n"
    "  title: AA Constitution\n"
    "  basis: domestic\n"
    "  state: AA\n"
    "  provisions: [{id: art_32, label: art. 32}]\n"
    "  rules:\n"
    "    - id: asylum\n"
    "      title: may grant asylum\n"
    "      provision: art_32\n"
    "      nature: permission\n"
    "      on: [return]\n"
    "      elements: [{id: sought, label: sought protection, test: {fact: danger}}]\n";

static void load_with_law_of_states(void)
{
    char treaty[8192];
    assert_int_equal(pacta_rulebase_new(&fx.rb, NULL, &fx.err), PACTA_OK);
    add_rules_buffer(fx.rb, "vocabulary.yaml", VOCABULARY);
    snprintf(treaty, sizeof treaty, TREATY_FORMAT, "90 days",
             "{delay: 1 year, clause: art_10, source: src}");
    add_rules_buffer(fx.rb, "t.yaml", treaty);
    add_rules_buffer(fx.rb, "states-law.yaml", LAW_OF_STATES);
    add_rules_buffer(fx.rb, "constitution.yaml", AA_CONSTITUTION);
    char parties[512];
    snprintf(parties, sizeof parties, "pacta-rules: 1\nparties:\n  instrument: t\n  records:\n%s",
             PARTY_AA_1990);
    add_rules_buffer(fx.rb, "t-parties.yaml", parties);
    finish_rules(fx.rb);
}

static void test_library_conditions_and_override(void **state)
{
    (void)state;
    load_with_law_of_states();
    /* the rules' own conditions apply where the scenario says nothing */
    check("events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n");
    pacta_fact_view v = fact_of(finding("t/absolute"), "BB.risk");
    assert_int_equal(v.from, PACTA_FROM_CONDITION);
    assert_string_equal(v.source, "src");
    assert_non_null(strstr(v.detail, "states-law.yaml:3"));
    assert_verdict("t/absolute", PACTA_VIOLATION);
    teardown(NULL);
    /* a scenario condition on the same state and fact replaces them */
    load_with_law_of_states();
    check("conditions:\n  - {state: BB, fact: risk, value: false}\n"
          "events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n");
    assert_verdict("t/absolute", PACTA_NO_VIOLATION);
    teardown(NULL);
    /* outside the library's window the fact is unknown */
    load_with_law_of_states();
    check("events:\n  - {id: e1, date: 2010-01-01, actor: AA, action: return, subject: p1, to: BB}\n");
    assert_verdict("t/absolute", PACTA_UNDETERMINED);
    assert_true(HAS_MISSING(finding("t/absolute"), "BB.risk"));
}

static void test_permission_binds_no_one(void **state)
{
    (void)state;
    load_with_law_of_states();
    check("events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB,\n"
          "            facts: {danger: true}}\n");
    assert_verdict("aa-constitution/asylum", PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(finding("aa-constitution/asylum"), "is a permission, not an obligation"));
    assert_string_equal(pacta_finding_basis(finding("aa-constitution/asylum")), "domestic");
}

static void test_bilateral_duty_is_no_excuse(void **state)
{
    (void)state;
    load_with_law_of_states();
    check("events:\n  - {id: e1, date: 2020-01-01, actor: AA, action: return, subject: p1, to: BB}\n"
          "  - {id: e2, date: 2020-01-02, actor: AA, action: return, subject: p1, to: CC}\n");
    /* the no-excuse rule gives no finding of its own */
    for (size_t i = 0; i < pacta_report_finding_count(fx.rep); i++)
        assert_string_not_equal(pacta_finding_rule(pacta_report_finding(fx.rep, i)),
                                "aa-bb-protocol/no-excuse");
    /* a return to the other party: every possible breach is told the duty is no excuse */
    const pacta_finding *to_bb = NULL, *to_cc = NULL;
    for (size_t i = 0; i < pacta_report_finding_count(fx.rep); i++) {
        const pacta_finding *f = pacta_report_finding(fx.rep, i);
        if (strcmp(pacta_finding_rule(f), "t/absolute") != 0)
            continue;
        if (strcmp(pacta_finding_event(f, 0), "e1") == 0)
            to_bb = f;
        else
            to_cc = f;
    }
    assert_non_null(to_bb);
    assert_non_null(to_cc);
    assert_true(HAS_CAVEAT(to_bb, "Not an excuse: the duty to return border crossers does not "
                                  "excuse refoulement."));
    assert_false(HAS_CAVEAT(to_cc, "Not an excuse"));
}

/* The report copies what it uses from the scenario (ASan and valgrind catch a borrow). */
static void test_report_outlives_scenario(void **state)
{
    (void)state;
    load_default_rules(PARTY_AA_1990);
    check("sources:\n  - {id: news, title: a report}\n"
          "conditions:\n  - {state: BB, fact: risk, source: news}\n"
          "events:\n  - {id: e1, date: 2020-01, actor: AA, action: return, subject: p1, to: BB,\n"
          "            source: news, description: \"forcibly returned\"}\n");
    pacta_scenario_free(fx.sc);
    fx.sc = NULL;
    const pacta_finding *f = finding("t/absolute");
    assert_string_equal(pacta_finding_event(f, 0), "e1");
    assert_string_equal(pacta_finding_date(f), "2020-01");
    assert_string_equal(fact_of(f, "BB.risk").source, "news");
    assert_string_equal(fact_of(finding("t/plain"), "e1.voluntary").text, "forcibly");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_eif_ninety_days, teardown),
        cmocka_unit_test_teardown(test_second_period_of_participation, teardown),
        cmocka_unit_test_teardown(test_ceased_to_be_a_party, teardown),
        cmocka_unit_test_teardown(test_incomplete_table, teardown),
        cmocka_unit_test_teardown(test_eif_thirty_days, teardown),
        cmocka_unit_test_teardown(test_eif_three_months, teardown),
        cmocka_unit_test_teardown(test_eif_same_day, teardown),
        cmocka_unit_test_teardown(test_consent_before_general_entry_into_force, teardown),
        cmocka_unit_test_teardown(test_signature_alone, teardown),
        cmocka_unit_test_teardown(test_not_a_party, teardown),
        cmocka_unit_test_teardown(test_succession, teardown),
        cmocka_unit_test_teardown(test_succession_without_effective_date, teardown),
        cmocka_unit_test_teardown(test_denunciation_takes_effect_after_delay, teardown),
        cmocka_unit_test_teardown(test_no_denunciation_clause, teardown),
        cmocka_unit_test_teardown(test_valid_reservation, teardown),
        cmocka_unit_test_teardown(test_reservation_to_non_reservable_provision, teardown),
        cmocka_unit_test_teardown(test_withdrawn_reservation, teardown),
        cmocka_unit_test_teardown(test_imprecise_event_straddles_entry_into_force, teardown),
        cmocka_unit_test_teardown(test_imprecise_consent, teardown),
        cmocka_unit_test(test_kleene_connectives),
        cmocka_unit_test_teardown(test_kleene_in_rules, teardown),
        cmocka_unit_test_teardown(test_exceptions, teardown),
        cmocka_unit_test_teardown(test_absolute_rule_refuses_justification_exception, teardown),
        cmocka_unit_test_teardown(test_of_refused_on_derived_fact, teardown),
        cmocka_unit_test_teardown(test_sequence_with_nothing_between, teardown),
        cmocka_unit_test_teardown(test_sequence_with_examination_between, teardown),
        cmocka_unit_test_teardown(test_sequence_needs_earlier_step, teardown),
        cmocka_unit_test_teardown(test_indicator_fact_with_span, teardown),
        cmocka_unit_test_teardown(test_fact_precedence, teardown),
        cmocka_unit_test_teardown(test_condition_window, teardown),
        cmocka_unit_test_teardown(test_bound_only_through_incorporating_instrument, teardown),
        cmocka_unit_test_teardown(test_library_conditions_and_override, teardown),
        cmocka_unit_test_teardown(test_permission_binds_no_one, teardown),
        cmocka_unit_test_teardown(test_bilateral_duty_is_no_excuse, teardown),
        cmocka_unit_test_teardown(test_report_outlives_scenario, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
