/*
 * test_timeline.c: pacta_timeline_new() and pacta_show_new() on a small
 * synthetic rulebase (a treaty, a protocol that incorporates it, a treaty
 * that cannot be denounced, customary law), asserting each kind of line a
 * timeline can hold (signature, each consent type, computed entry into
 * force, the route through the protocol, reservations valid and ignored,
 * denunciations effective and not), the answer for a date, which must agree
 * with what pacta_check() decides, and what show says about an instrument
 * and a provision.
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
#include "test_helpers.h"
#include "fixtures.h"

static const char VOCABULARY[] =
    "pacta-rules: 1\n"
    "sources:\n"
    "  - {id: src, title: Test source, url: https://example.org/src}\n"
    "  - {id: depositary, title: The depositary's record}\n"
    "  - {id: gc, title: General Comment, cite: GC 1}\n"
    "states:\n"
    "  - {code: AA, name: Aland, source: src}\n"
    "  - {code: BB, name: Bland, source: src}\n"
    "  - {code: CC, name: Cland, source: src}\n"
    "  - {code: DD, name: Dland, source: src}\n"
    "  - {code: EE, name: Eland, source: src}\n"
    "  - {code: FF, name: Fland, source: src}\n"
    "  - {code: GG, name: Gland, source: src}\n"
    "  - {code: HH, name: Hland, source: src}\n"
    "actions:\n"
    "  - {name: return, label: return, verb: returned, removal: true, fields: [to], required: [to]}\n"
    "facts:\n"
    "  - {name: risk, label: risk at the destination, where: [state]}\n"
    "  - {name: voluntary, label: voluntary return, where: [event]}\n";

static const char TREATY[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: t\n"
    "  title: Test Treaty\n"
    "  short: Treaty\n"
    "  basis: treaty\n"
    "  citation: {cite: 1 UNTS 1, source: depositary, url: https://example.org/t}\n"
    "  adopted: {date: 1950-01-01, source: src}\n"
    "  in_force: {date: 1960-01-01, source: depositary}\n"
    "  entry_into_force: {delay: 90 days, clause: art_9, source: src}\n"
    "  denunciation: {delay: 1 year, clause: art_10, source: src}\n"
    "  non_reservable: {provisions: [art_1], clause: art_8, source: src}\n"
    "  provisions:\n"
    "    - {id: art_1, label: art. 1, text: \"No return to risk.\", source: src}\n"
    "    - {id: art_2, label: art. 2, text: \"Unless the person chooses.\", source: src}\n"
    "    - {id: art_8, label: art. 8}\n"
    "    - {id: art_9, label: art. 9}\n"
    "    - {id: art_10, label: art. 10}\n"
    "  rules:\n"
    "    - id: plain\n"
    "      title: no return to risk\n"
    "      provision: art_1\n"
    "      on: [return]\n"
    "      authorities: [gc]\n"
    "      elements:\n"
    "        - {id: risk, label: risk at the destination, test: {fact: risk}, authorities: [gc]}\n"
    "      exceptions:\n"
    "        - {id: voluntary, label: chose to go, provision: art_2, test: {fact: voluntary}}\n";

static const char PROTOCOL[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: p\n"
    "  title: Test Protocol\n"
    "  short: Protocol\n"
    "  basis: treaty\n"
    "  in_force: {date: 1967-01-01, source: depositary}\n"
    "  entry_into_force: {delay: 0 days, clause: art_8, source: src}\n"
    "  denunciation: {delay: 1 year, clause: art_9, source: src}\n"
    "  incorporates: {instrument: t, provisions: [art_1, art_2], as: art_1__para_1}\n"
    "  provisions:\n"
    "    - {id: art_1__para_1, label: art. I(1)}\n"
    "    - {id: art_8, label: art. VIII}\n"
    "    - {id: art_9, label: art. IX}\n";

static const char COVENANT[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: k\n"
    "  title: Test Covenant\n"
    "  short: Covenant\n"
    "  basis: treaty\n"
    "  in_force: {date: 1976-03-23, source: depositary}\n"
    "  entry_into_force: {delay: 3 months, clause: art_49, source: src}\n"
    "  denunciation: {none: true, source: gc}\n"
    "  provisions:\n"
    "    - {id: art_7, label: art. 7}\n"
    "    - {id: art_49, label: art. 49}\n"
    "  rules:\n"
    "    - id: harm\n"
    "      title: no return to harm\n"
    "      provision: art_7\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n";

static const char CUSTOM[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: custom\n"
    "  title: Customary rule\n"
    "  basis: customary\n"
    "  authorities: [gc, src]\n"
    "  provisions:\n"
    "    - {id: rule, label: the rule}\n"
    "  rules:\n"
    "    - id: rule\n"
    "      title: customary rule\n"
    "      provision: rule\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n";

/*
 * AA: signed and ratified the Treaty, with a reservation to art. 2 and one
 *     to art. 1 (non-reservable); acceded to the Protocol the same day.
 * BB: party to the Protocol only.
 * CC: signed the Treaty only; acceded to the Covenant, then a withdrawal
 *     notice (ineffective: no denunciation clause).
 * DD: succession to the Treaty without an effective date; denounced it.
 * EE: ratified the Treaty before its general entry into force.
 * FF: no record anywhere; the Protocol's table, marked incomplete, may omit it.
 * GG: acceded to the Protocol, denounced it, acceded again.
 * HH: acceded to the Protocol and ceased to be a party on a day the
 *     depositary gives.
 */
static const char TREATY_PARTIES[] =
    "pacta-rules: 1\n"
    "parties:\n"
    "  instrument: t\n"
    "  records:\n"
    "    - state: AA\n"
    "      signature: {date: 1980-01-15, source: depositary}\n"
    "      consent: {date: 1982-09-24, type: ratification, source: depositary}\n"
    "      reservations:\n"
    "        - {provisions: [art_2], text: not art. 2, source: depositary}\n"
    "        - {provisions: [art_1], text: not art. 1 either, source: depositary}\n"
    "    - {state: CC, signature: {date: 1998-10-05, source: depositary}}\n"
    "    - state: DD\n"
    "      consent: {date: 1993, type: succession, source: depositary}\n"
    "      denunciation: {date: 2000-03-01, source: depositary}\n"
    "    - {state: EE, consent: {date: 1955-06-01, type: ratification, source: depositary}}\n";

static const char PROTOCOL_PARTIES[] =
    "pacta-rules: 1\n"
    "parties:\n"
    "  instrument: p\n"
    "  records:\n"
    "    - {state: AA, consent: {date: 1982-09-24, type: accession, source: depositary}}\n"
    "    - {state: BB, consent: {date: 1968-11-01, type: accession, source: depositary}}\n"
    "    - state: GG\n"
    "      consent: {date: 1970-01-01, type: accession, source: depositary}\n"
    "      denunciation: {date: 1975-01-01, source: depositary}\n"
    "    - {state: GG, consent: {date: 1980-01-01, type: accession, source: depositary}}\n"
    "    - state: HH\n"
    "      consent: {date: 1970-01-01, type: accession, source: depositary}\n"
    "      ceased: {date: 1990-06-01, source: depositary}\n"
    "  incomplete: {source: depositary, states: [FF]}\n";

static const char COVENANT_PARTIES[] =
    "pacta-rules: 1\n"
    "parties:\n"
    "  instrument: k\n"
    "  records:\n"
    "    - state: CC\n"
    "      consent: {date: 1981-09-14, type: accession, source: depositary}\n"
    "      denunciation: {date: 1997-08, source: depositary}\n";

typedef struct fixture {
    pacta_rulebase *rb;
    pacta_timeline *tl;
    pacta_show *sh;
    pacta_error err;
} fixture;

static fixture fx;

static int setup(void **state)
{
    (void)state;
    const char *names[] = {"vocabulary.yaml", "t.yaml", "p.yaml", "k.yaml", "custom.yaml",
                           "t-parties.yaml", "p-parties.yaml", "k-parties.yaml"};
    const char *texts[] = {VOCABULARY, TREATY, PROTOCOL, COVENANT, CUSTOM,
                           TREATY_PARTIES, PROTOCOL_PARTIES, COVENANT_PARTIES};
    memset(&fx, 0, sizeof fx);
    assert_int_equal(pacta_rulebase_new(&fx.rb, NULL, &fx.err), PACTA_OK);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        add_rules_buffer(fx.rb, names[i], texts[i]);
    finish_rules(fx.rb);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    pacta_timeline_free(fx.tl);
    pacta_show_free(fx.sh);
    pacta_rulebase_free(fx.rb);
    memset(&fx, 0, sizeof fx);
    return 0;
}

static void timeline(const char *state, const char *on)
{
    pacta_timeline_free(fx.tl);
    fx.tl = NULL;
    if (pacta_timeline_new(&fx.tl, fx.rb, state, on, &fx.err) != PACTA_OK)
        fail_msg("%s (%s)", fx.err.message, fx.err.hint);
}

static pacta_timeline_instrument_view instrument(const char *id)
{
    for (size_t i = 0; i < pacta_timeline_instrument_count(fx.tl); i++) {
        pacta_timeline_instrument_view v = pacta_timeline_instrument(fx.tl, i);
        if (strcmp(v.instrument, id) == 0)
            return v;
    }
    fail_msg("no instrument %s in the timeline", id);
    pacta_timeline_instrument_view none = {0};
    return none;
}

/* The n-th entry of kind k (n from 0) under instrument id. */
static pacta_timeline_entry_view entry(const char *id, pacta_timeline_kind k, size_t n)
{
    pacta_timeline_instrument_view v = instrument(id);
    for (size_t i = 0; i < v.entry_count; i++)
        if (v.entries[i].kind == k && n-- == 0)
            return v.entries[i];
    fail_msg("no %s entry under %s", pacta_timeline_kind_name(k), id);
    pacta_timeline_entry_view none = {0};
    return none;
}

static size_t count_kind(const char *id, pacta_timeline_kind k)
{
    pacta_timeline_instrument_view v = instrument(id);
    size_t n = 0;
    for (size_t i = 0; i < v.entry_count; i++)
        n += v.entries[i].kind == k;
    return n;
}

static void assert_contains(const char *text, const char *needle)
{
    if (!text || !strstr(text, needle))
        fail_msg("'%s' lacks '%s'", text ? text : "(null)", needle);
}

static int any_contains(size_t n, const char *const *items, const char *needle)
{
    for (size_t i = 0; i < n; i++)
        if (strstr(items[i], needle))
            return 1;
    return 0;
}

/* ------------------------------------------------------------ entries */

static void test_ratification_with_its_computed_entry_into_force(void **state)
{
    (void)state;
    timeline("AA", NULL);
    assert_string_equal(pacta_timeline_state_name(fx.tl), "Aland");
    assert_null(pacta_timeline_date(fx.tl));
    pacta_timeline_entry_view e = entry("t", PACTA_TL_SIGNATURE, 0);
    assert_string_equal(e.date, "1980-01-15");
    assert_string_equal(e.sources[0].id, "depositary");
    e = entry("t", PACTA_TL_CONSENT, 0);
    assert_string_equal(e.date, "1982-09-24");
    assert_string_equal(e.consent_type, "ratification");
    e = entry("t", PACTA_TL_IN_FORCE, 0);
    assert_string_equal(e.date, "1982-12-23"); /* 90 days after the deposit */
    assert_string_equal(e.clause, "art. 9");
    assert_contains(e.text, "in force for AA under art. 9 (90 days after the deposit)");
    assert_string_equal(e.sources[0].id, "src");
    assert_string_equal(e.sources[0].url, "https://example.org/src");
    /* the protocol bound AA on the day of its accession, the treaty 90 days later */
    e = entry("t", PACTA_TL_THROUGH, 0);
    assert_string_equal(e.date, "1982-09-24");
    assert_contains(e.text, "only through the Protocol (art. I(1)), from 1982-09-24 until "
                            "1982-12-22, the day before the Treaty itself bound it");
    e = entry("p", PACTA_TL_IN_FORCE, 0);
    assert_string_equal(e.date, "1982-09-24");
    assert_contains(e.text, "(on the date of deposit)");
}

static void test_reservations_valid_and_ignored(void **state)
{
    (void)state;
    timeline("AA", NULL);
    pacta_timeline_entry_view valid = entry("t", PACTA_TL_RESERVATION, 0);
    pacta_timeline_entry_view ignored = entry("t", PACTA_TL_RESERVATION, 1);
    assert_int_equal(valid.effective, 1);
    assert_int_equal(valid.provision_count, 1);
    assert_string_equal(valid.provisions[0], "art_2");
    assert_contains(valid.text, "reservation to art. 2: not art. 2");
    assert_int_equal(ignored.effective, 0);
    assert_contains(ignored.text, "(ignored: art. 8 makes art. 1 non-reservable)");
}

static void test_protocol_only_party(void **state)
{
    (void)state;
    timeline("BB", "2000-01-01");
    pacta_timeline_entry_view e = entry("t", PACTA_TL_THROUGH, 0);
    assert_string_equal(e.date, "1968-11-01");
    assert_contains(e.text, "bound by the Treaty's art_1 to art_2 only through the Protocol");
    assert_int_equal(count_kind("t", PACTA_TL_NOT_BOUND), 0);
    pacta_timeline_instrument_view v = instrument("t");
    assert_int_equal(v.answer_count, 1);
    assert_string_equal(v.answers[0].provision, "art_1");
    assert_int_equal(v.answers[0].bound, PACTA_TRUE);
    assert_string_equal(v.answers[0].binding.via, "p");
    assert_true(any_contains(v.answers[0].reason_count, v.answers[0].reasons,
                             "applies the Treaty's art. 1 through it"));
    /* the protocol has no rules: it is weighed on its incorporating provision */
    v = instrument("p");
    assert_int_equal(v.answer_count, 1);
    assert_string_equal(v.answers[0].provision, "art_1__para_1");
    assert_int_equal(v.answers[0].bound, PACTA_TRUE);
}

static void test_signatory_only_is_not_bound(void **state)
{
    (void)state;
    timeline("CC", "2023-10-09");
    assert_string_equal(entry("t", PACTA_TL_SIGNATURE, 0).date, "1998-10-05");
    assert_contains(entry("t", PACTA_TL_NOT_BOUND, 0).text, "signed but never ratified");
    assert_int_equal(count_kind("t", PACTA_TL_CONSENT), 0);
    pacta_timeline_instrument_view v = instrument("t");
    assert_int_equal(v.answers[0].bound, PACTA_FALSE);
    assert_true(any_contains(v.answers[0].reason_count, v.answers[0].reasons,
                             "signature alone does not bind"));
}

static void test_withdrawal_from_a_treaty_that_cannot_be_denounced(void **state)
{
    (void)state;
    timeline("CC", "2023-10-09");
    pacta_timeline_entry_view e = entry("k", PACTA_TL_DENUNCIATION, 0);
    assert_string_equal(e.date, "1997-08");
    assert_int_equal(e.effective, 0);
    assert_contains(e.text, "ineffective: the Covenant has no denunciation clause");
    assert_string_equal(e.sources[1].id, "gc");
    assert_int_equal(count_kind("k", PACTA_TL_CEASED), 0);
    assert_string_equal(entry("k", PACTA_TL_IN_FORCE, 0).date, "1981-12-14"); /* 3 months */
    pacta_timeline_instrument_view v = instrument("k");
    assert_int_equal(v.answers[0].bound, PACTA_TRUE);
    assert_true(any_contains(v.answers[0].caveat_count, v.answers[0].caveats,
                             "the notice is ineffective"));
}

static void test_succession_and_denunciation(void **state)
{
    (void)state;
    timeline("DD", "2001-06-01");
    assert_string_equal(entry("t", PACTA_TL_CONSENT, 0).consent_type, "succession");
    pacta_timeline_entry_view e = entry("t", PACTA_TL_IN_FORCE, 0);
    assert_string_equal(e.date, "1960-01-01..1993-12-31");
    assert_contains(e.text, "the record does not say when the succession took effect");
    e = entry("t", PACTA_TL_DENUNCIATION, 0);
    assert_int_equal(e.effective, 1);
    assert_contains(e.text, "under art. 10 it takes effect 1 year later, on 2001-03-01");
    assert_string_equal(entry("t", PACTA_TL_CEASED, 0).date, "2001-03-01");
    assert_int_equal(instrument("t").answers[0].bound, PACTA_FALSE);
    timeline("DD", "2001-02-28");
    assert_int_equal(instrument("t").answers[0].bound, PACTA_TRUE);
}

static void test_consent_before_general_entry_into_force(void **state)
{
    (void)state;
    timeline("EE", NULL);
    pacta_timeline_entry_view e = entry("t", PACTA_TL_IN_FORCE, 0);
    assert_string_equal(e.date, "1960-01-01");
    assert_contains(e.text, "from the Treaty's general entry into force, which its consent "
                            "preceded");
}

static void test_no_record_and_customary_law(void **state)
{
    (void)state;
    timeline("FF", "2023-10-09");
    assert_contains(entry("t", PACTA_TL_NOT_BOUND, 0).text, "no record");
    assert_contains(entry("k", PACTA_TL_NOT_BOUND, 0).text, "no record");
    pacta_timeline_entry_view e = entry("custom", PACTA_TL_BINDS_ALL, 0);
    assert_null(e.date);
    assert_int_equal(e.source_count, 2);
    assert_string_equal(e.sources[0].id, "gc");
    assert_string_equal(e.sources[0].cite, "GC 1");
    pacta_timeline_instrument_view v = instrument("custom");
    assert_int_equal(v.answers[0].bound, PACTA_TRUE);
    assert_string_equal(v.answers[0].rules[0], "custom/rule");
}

static void test_incomplete_table_is_unknown(void **state)
{
    (void)state;
    timeline("FF", "2023-10-09");
    pacta_timeline_entry_view e = entry("p", PACTA_TL_UNKNOWN, 0);
    assert_contains(e.text, "party table for the Protocol is incomplete");
    assert_string_equal(e.sources[0].id, "depositary");
    assert_string_equal(pacta_timeline_kind_name(PACTA_TL_UNKNOWN), "unknown");
    assert_int_equal(instrument("p").answers[0].bound, PACTA_UNKNOWN);
    timeline("GG", NULL); /* a complete record: no 'unknown' line */
    assert_int_equal(count_kind("p", PACTA_TL_UNKNOWN), 0);
}

static void test_two_periods_and_a_cessation(void **state)
{
    (void)state;
    timeline("GG", "1977-01-01");
    assert_int_equal(count_kind("p", PACTA_TL_CONSENT), 2);
    assert_int_equal(count_kind("p", PACTA_TL_IN_FORCE), 2);
    assert_string_equal(entry("p", PACTA_TL_CONSENT, 1).text, "accession again");
    assert_string_equal(entry("p", PACTA_TL_CEASED, 0).date, "1976-01-01");
    assert_int_equal(instrument("p").answers[0].bound, PACTA_FALSE);
    timeline("GG", "1981-01-01");
    pacta_timeline_answer_view a = instrument("p").answers[0];
    assert_int_equal(a.bound, PACTA_TRUE);
    assert_string_equal(a.binding.consent, "1980-01-01");
    timeline("HH", "1990-06-01");
    pacta_timeline_entry_view e = entry("p", PACTA_TL_CEASED, 0);
    assert_string_equal(e.date, "1990-06-01");
    assert_contains(e.text, "ceased to be a party");
    assert_int_equal(instrument("p").answers[0].bound, PACTA_FALSE);
    timeline("HH", "1990-05-31");
    assert_int_equal(instrument("p").answers[0].bound, PACTA_TRUE);
}

/* The answer for a date must be the binding pacta_check() reports for an event that day. */
static void test_answer_agrees_with_check(void **state)
{
    (void)state;
    static const char scenario[] =
        "pacta: 1\n"
        "title: t\n"
        "persons:\n"
        "  - {id: p1, nationality: FF}\n"
        "events:\n"
        "  - {id: e1, date: 1982-12-22, actor: AA, action: return, subject: p1, to: FF}\n"
        "  - {id: e2, date: 1982-12-23, actor: AA, action: return, subject: p1, to: FF}\n";
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    assert_int_equal(pacta_scenario_load_buffer(&sc, fx.rb, "s.yaml", scenario, strlen(scenario),
                                                &fx.err),
                     PACTA_OK);
    assert_int_equal(pacta_check(&rep, fx.rb, sc, &fx.err), PACTA_OK);
    const char *days[] = {"1982-12-22", "1982-12-23"};
    for (size_t d = 0; d < 2; d++) {
        timeline("AA", days[d]);
        pacta_timeline_answer_view a = instrument("t").answers[0];
        for (size_t i = 0; i < pacta_report_finding_count(rep); i++) {
            const pacta_finding *f = pacta_report_finding(rep, i);
            if (strcmp(pacta_finding_rule(f), "t/plain") != 0 ||
                strcmp(pacta_finding_date(f), days[d]) != 0)
                continue;
            pacta_binding_view b = pacta_finding_binding(f);
            assert_string_equal(a.binding.in_force ? a.binding.in_force : "-",
                                b.in_force ? b.in_force : "-");
            assert_string_equal(a.binding.via ? a.binding.via : "-", b.via ? b.via : "-");
        }
    }
    /* the day before the treaty bound AA, the protocol did */
    timeline("AA", "1982-12-22");
    assert_string_equal(instrument("t").answers[0].binding.via, "p");
    timeline("AA", "1982-12-23");
    assert_null(instrument("t").answers[0].binding.via);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
}

static void test_unknown_state_and_bad_date(void **state)
{
    (void)state;
    assert_int_equal(pacta_timeline_new(&fx.tl, fx.rb, "AX", NULL, &fx.err), PACTA_EINPUT);
    assert_null(fx.tl);
    assert_string_equal(fx.err.message, "unknown state 'AX'");
    /* no guess from a code one letter away: AA, XX and dozens more are */
    assert_contains(fx.err.hint, "ISO 3166-1 alpha-2");
    assert_int_equal(pacta_timeline_new(&fx.tl, fx.rb, "Alnd", NULL, &fx.err), PACTA_EINPUT);
    assert_string_equal(fx.err.hint, "did you mean 'AA' (Aland)?");
    assert_int_equal(pacta_timeline_new(&fx.tl, fx.rb, "AA", "2023-02-30", &fx.err), PACTA_EINPUT);
    assert_string_equal(fx.err.message, "there is no such day as '2023-02-30'");
    assert_int_equal(pacta_timeline_new(&fx.tl, fx.rb, "AA", "9 Oct 2023", &fx.err), PACTA_EINPUT);
    assert_contains(fx.err.message, "is not a date");
    /* a code in lower case, or the name, finds the state */
    timeline("aa", NULL);
    assert_string_equal(pacta_timeline_state(fx.tl), "AA");
    timeline("bland", NULL);
    assert_string_equal(pacta_timeline_state(fx.tl), "BB");
}

static void test_timeline_json(void **state)
{
    (void)state;
    timeline("CC", "2023-10-09");
    pacta_rulebase_free(fx.rb); /* the timeline borrows nothing from the rules */
    fx.rb = NULL;
    sink s = {0};
    assert_int_equal(pacta_timeline_render(fx.tl, PACTA_FORMAT_JSON, 0, sink_write, &s), PACTA_OK);
    assert_contains(s.data, "\"state\":\"CC\",\"name\":\"Cland\",\"date\":\"2023-10-09\"");
    assert_contains(s.data, "{\"kind\":\"denunciation\",\"date\":\"1997-08\"");
    assert_contains(s.data, "\"effective\":false");
    assert_contains(s.data, "\"bound\":\"false\"");
    assert_contains(s.data, "\"rules\":[\"k/harm\"]");
    sink_reset(&s);
    assert_int_equal(pacta_timeline_render(fx.tl, PACTA_FORMAT_TEXT, 0, sink_write, &s), PACTA_OK);
    assert_contains(s.data, "  1997-08     notice of withdrawal, ineffective");
    assert_contains(s.data, "On 2023-10-09: not bound by Treaty art. 1");
    assert_contains(s.data, "    [gc] General Comment, GC 1\n");
    sink_reset(&s);
    /* drawn: one <svg>, a lane per instrument, the day asked about as a line */
    assert_int_equal(pacta_timeline_render(fx.tl, PACTA_FORMAT_SVG, 0, sink_write, &s), PACTA_OK);
    assert_true(strncmp(s.data, "<svg xmlns=\"http://www.w3.org/2000/svg\" ", 40) == 0);
    assert_contains(s.data, "<title>When each instrument bound Cland (CC), and the events</title>");
    assert_contains(s.data, ">2023-10-09</text>");
    assert_null(strstr(s.data, "<script"));
    assert_true(strcmp(s.data + s.len - 6, "</svg>") == 0);
    sink_reset(&s);
    assert_int_equal(pacta_timeline_render(fx.tl, PACTA_FORMAT_MARKDOWN, 0, sink_write, &s),
                     PACTA_EUSAGE);
    sink_reset(&s);
}

/* ------------------------------------------------------------ show */

static void show(const char *what)
{
    pacta_show_free(fx.sh);
    fx.sh = NULL;
    if (pacta_show_new(&fx.sh, fx.rb, what, &fx.err) != PACTA_OK)
        fail_msg("%s (%s)", fx.err.message, fx.err.hint);
}

static void test_show_provision(void **state)
{
    (void)state;
    show("t/art_1");
    assert_int_equal(pacta_show_provision_count(fx.sh), 1);
    pacta_provision_view p = pacta_show_provision(fx.sh, 0);
    assert_string_equal(p.text, "No return to risk.");
    assert_string_equal(p.source.id, "src");
    assert_string_equal(p.citation, "Test Treaty, art. 1");
    assert_int_equal(p.non_reservable, 1);
    /* the rule, and the protocol through which it also applies */
    assert_int_equal(pacta_show_use_count(fx.sh), 2);
    pacta_use_view u = pacta_show_use(fx.sh, 0);
    assert_string_equal(u.rule, "t/plain");
    assert_string_equal(u.role, "rule");
    assert_int_equal(u.authority_count, 1);
    assert_string_equal(u.authorities[0].id, "gc");
    u = pacta_show_use(fx.sh, 1);
    assert_string_equal(u.role, "incorporated");
    assert_string_equal(u.id, "p");
    show("t/art_2");
    u = pacta_show_use(fx.sh, 0);
    assert_string_equal(u.role, "exception");
    assert_string_equal(u.id, "voluntary");
    pacta_rulebase_free(fx.rb); /* nor does show */
    fx.rb = NULL;
    sink s = {0};
    assert_int_equal(pacta_show_render(fx.sh, PACTA_FORMAT_TEXT, 0, sink_write, &s), PACTA_OK);
    assert_contains(s.data, "Treaty art. 2 [t/art_2]\n");
    assert_contains(s.data, "\"Unless the person chooses.\"");
    assert_contains(s.data, "- t/plain, exception 'voluntary': chose to go");
    sink_reset(&s);
}

static void test_show_instrument(void **state)
{
    (void)state;
    show("t");
    pacta_instrument_view v = pacta_show_instrument(fx.sh);
    assert_string_equal(v.cite, "1 UNTS 1");
    assert_string_equal(v.adopted.date, "1950-01-01");
    assert_string_equal(v.in_force.source.id, "depositary");
    assert_string_equal(v.eif_delay, "90 days");
    assert_string_equal(v.eif_clause, "art. 9");
    assert_int_equal(v.denounceable, 1);
    assert_string_equal(v.denunciation_clause, "art. 10");
    assert_string_equal(v.non_reservable[0], "art_1");
    assert_string_equal(v.incorporated_by, "p");
    assert_int_equal(v.party_count, 3);     /* AA, DD, EE */
    assert_int_equal(v.signatory_count, 1); /* CC */
    assert_int_equal(pacta_show_provision_count(fx.sh), 5);
    show("k");
    v = pacta_show_instrument(fx.sh);
    assert_int_equal(v.denounceable, 0);
    assert_string_equal(v.denunciation_source.id, "gc");
    sink s = {0};
    assert_int_equal(pacta_show_render(fx.sh, PACTA_FORMAT_JSON, 0, sink_write, &s), PACTA_OK);
    assert_contains(s.data, "\"denunciation\":{\"none\":true,\"source\":{\"id\":\"gc\"");
    assert_contains(s.data, "\"parties\":1,\"signatories\":0");
    sink_reset(&s);
    /* the protocol's own article applies the treaty's rules */
    show("p/art_1__para_1");
    pacta_use_view u = pacta_show_use(fx.sh, 0);
    assert_string_equal(u.role, "through");
    assert_string_equal(u.rule, "t/plain");
}

static void test_show_unknown_names(void **state)
{
    (void)state;
    assert_int_equal(pacta_show_new(&fx.sh, fx.rb, "tt/art_1", &fx.err), PACTA_EINPUT);
    assert_string_equal(fx.err.message, "unknown instrument 'tt'");
    assert_string_equal(fx.err.hint, "did you mean 't'?");
    assert_int_equal(pacta_show_new(&fx.sh, fx.rb, "t/art_11", &fx.err), PACTA_EINPUT);
    assert_string_equal(fx.err.message, "the Treaty has no provision 'art_11' in the rules");
    assert_string_equal(fx.err.hint, "did you mean 'art_1'?");
    assert_null(fx.sh);
}

/* ------------------------------------------------------------ out of memory */

/*
 * Every allocation of timeline, show, lint and their text rendering is made
 * to fail in turn: each must return PACTA_ENOMEM (never crash), and once the
 * rulebase is freed nothing may be left allocated.
 */
static void test_out_of_memory(void **state)
{
    (void)state;
    counting_alloc c;
    pacta_options opts;
    pacta_options_init(&opts);
    opts.allocator = counting_allocator(&c);
    pacta_rulebase_free(fx.rb);
    const char *names[] = {"vocabulary.yaml", "t.yaml", "p.yaml", "k.yaml", "custom.yaml",
                           "t-parties.yaml", "p-parties.yaml", "k-parties.yaml"};
    const char *texts[] = {VOCABULARY, TREATY, PROTOCOL, COVENANT, CUSTOM,
                           TREATY_PARTIES, PROTOCOL_PARTIES, COVENANT_PARTIES};
    assert_int_equal(pacta_rulebase_new(&fx.rb, &opts, &fx.err), PACTA_OK);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        assert_int_equal(pacta_rulebase_add_buffer(fx.rb, names[i], texts[i], strlen(texts[i]),
                                                   &fx.err),
                         PACTA_OK);
    assert_int_equal(pacta_rulebase_finish(fx.rb, &fx.err), PACTA_OK);
    for (int tool = 0; tool < 3; tool++) {
        size_t failures = 0;
        for (size_t k = 0;; k++) {
            c.fail_after = c.mallocs + k;
            pacta_status st, rendered = PACTA_OK;
            sink s = {0};
            if (tool == 0) {
                pacta_timeline *tl = NULL;
                st = pacta_timeline_new(&tl, fx.rb, "AA", "2000-01-01", &fx.err);
                if (st == PACTA_OK)
                    rendered = pacta_timeline_render(tl, PACTA_FORMAT_TEXT, 0, sink_write, &s);
                pacta_timeline_free(tl);
            } else if (tool == 1) {
                pacta_show *sh = NULL;
                st = pacta_show_new(&sh, fx.rb, "t", &fx.err);
                if (st == PACTA_OK)
                    rendered = pacta_show_render(sh, PACTA_FORMAT_TEXT, 0, sink_write, &s);
                pacta_show_free(sh);
            } else {
                pacta_lint_result *res = NULL;
                st = pacta_lint(&res, fx.rb, NULL, &fx.err);
                if (st == PACTA_OK)
                    rendered = pacta_lint_render(res, PACTA_FORMAT_TEXT, PACTA_RENDER_ALL,
                                                 sink_write, &s);
                pacta_lint_result_free(res);
            }
            sink_reset(&s);
            if (st == PACTA_OK && rendered == PACTA_OK)
                break;
            assert_int_equal(st == PACTA_OK ? rendered : st, PACTA_ENOMEM);
            failures++;
        }
        assert_true(failures > 0);
    }
    c.fail_after = SIZE_MAX;
    pacta_rulebase_free(fx.rb);
    fx.rb = NULL;
    assert_int_equal(c.mallocs, c.frees);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_ratification_with_its_computed_entry_into_force, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_reservations_valid_and_ignored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_protocol_only_party, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signatory_only_is_not_bound, setup, teardown),
        cmocka_unit_test_setup_teardown(test_withdrawal_from_a_treaty_that_cannot_be_denounced,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_succession_and_denunciation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_consent_before_general_entry_into_force, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_no_record_and_customary_law, setup, teardown),
        cmocka_unit_test_setup_teardown(test_incomplete_table_is_unknown, setup, teardown),
        cmocka_unit_test_setup_teardown(test_two_periods_and_a_cessation, setup, teardown),
        cmocka_unit_test_setup_teardown(test_answer_agrees_with_check, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unknown_state_and_bad_date, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeline_json, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_provision, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_instrument, setup, teardown),
        cmocka_unit_test_setup_teardown(test_show_unknown_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_out_of_memory, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
