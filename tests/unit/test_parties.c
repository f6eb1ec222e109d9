/*
 * test_parties.c: the real rules/ against their sources. A sample of party
 * records across the four treaties is checked through the public API as an
 * analyst would meet it: a return by the state on a date, and the binding the
 * finding reports (consent date and type, the computed entry into force, the
 * clause, the instrument it binds through) and the source the record cites.
 * The expected values are written here from the source documents named in
 * each comment, not copied from rules/, so a wrong edit of a party record (or
 * of the generator that writes most of them) fails here. The sample covers
 * every consent type the records use (ratification, accession, succession,
 * and a year-only consent without type), consent before the general entry
 * into force, signatories that never ratified, non-parties, states bound only
 * through the 1967 Protocol, the DPRK's ineffective withdrawal from the ICCPR,
 * and Turkey, whose geographic limitation (a declaration in its record) does
 * not change when the Convention bound it.
 *
 * Sources (ids of rules/sources*.yaml):
 *   untc-scrape-rc, -p, -cat, -iccpr
 *                UNTC status tables MTDSG V.2, V.5, IV.9, IV.4 as copied by
 *                zmjones/untreaties (2012-13), copied to tools/data/untc-scrape/
 *   untc-rc, untc-p, untc-iccpr, untc-cat
 *                UNTC status pages and printouts read directly
 *                (/work/shared/data/untc-status)
 *   wpd          world-politics-datalab years (/work/shared/data/un-treaty-status-years)
 *   unhcr-ga-2021, vietnamplus-2015  see rules/sources-parties.yaml
 * Entry into force: Refugee Convention art. 43 (90 days; general 22 Apr 1954),
 * Protocol art. VIII(2) (on deposit), CAT art. 27(2) (30 days; general 26 Jun
 * 1987), ICCPR art. 49(2) (3 months; general 23 Mar 1976).
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

typedef struct party_case {
    const char *state;
    const char *date;        /* the day of the return */
    const char *rule;        /* the finding to read */
    const char *reported;    /* the instrument the finding is reported under */
    const char *consent;     /* NULL: not bound (signatory or non-party) */
    const char *type;        /* NULL: the record gives no type (year-only) */
    const char *in_force;
    const char *clause;
    const char *via;         /* NULL unless bound through another instrument */
    const char *source;      /* how the reasons cite the source of the consent or signature (its short citation) */
} party_case;

/* A state that consented before the general entry into force was bound from
 * that general date (art. 43(1), 27(1), 49(1)), not by the later-party clause. */
static const char GENERAL[] = "general entry into force";

#define RC "refugee-convention/return-to-risk"
#define CAT "cat/return-to-torture"
#define ICCPR "iccpr/return-to-irreparable-harm"

static const party_case CASES[] = {
    /* ---------------------------------------------- Refugee Convention */
    /* untc-rc (R1, R2) "China 24 Sep 1982 a"; +90 days */
    {"CN", "2023-10-09", RC, "refugee-convention", "1982-09-24", "accession", "1982-12-23",
     "art. 43(2)", NULL, "MTDSG V.2"},
    /* untc-scrape 5-2 "Turkey 24 Aug 1951, 30 Mar 1962"; +90 days. Turkey's
     * declaration under art. 1B(1) limits the refugee definition to events in
     * Europe (untc-scrape-p, declarations 5-5): recorded as a declaration,
     * weighed per person (examples/geographic-limitation.yaml). */
    {"TR", "2016-04-04", RC, "refugee-convention", "1962-03-30", "ratification", "1962-06-28",
     "art. 43(2)", NULL, "MTDSG V.2 (status 2012-13)"},
    /* untc-scrape 5-2 "United Kingdom ..., 28 Jul 1951, 11 Mar 1954": deposited
     * after the sixth instrument (Australia, 22 Jan 1954), so 90 days later */
    {"GB", "2000-01-01", RC, "refugee-convention", "1954-03-11", "ratification", "1954-06-09",
     "art. 43(2)", NULL, "MTDSG V.2 (status 2012-13)"},
    /* untc-rc "Denmark 28 Jul 1951 4 Dec 1952": among the first six, bound from
     * the general entry into force */
    {"DK", "2000-01-01", RC, "refugee-convention", "1952-12-04", "ratification", "1954-04-22",
     GENERAL, NULL, "MTDSG V.2"},
    /* untc-rc "Australia 22 Jan 1954 a": the sixth instrument, so art. 43(1): 22 Apr 1954 */
    {"AU", "2000-01-01", RC, "refugee-convention", "1954-01-22", "accession", "1954-04-22",
     GENERAL, NULL, "MTDSG V.2"},
    /* untc-scrape 5-2 "Republic of Korea 3 Dec 1992 a" */
    {"KR", "2000-01-01", RC, "refugee-convention", "1992-12-03", "accession", "1993-03-03",
     "art. 43(2)", NULL, "MTDSG V.2 (status 2012-13)"},
    /* untc-scrape 5-2 "Philippines 22 Jul 1981 a" */
    {"PH", "2000-01-01", RC, "refugee-convention", "1981-07-22", "accession", "1981-10-20",
     "art. 43(2)", NULL, "MTDSG V.2 (status 2012-13)"},
    /* untc-scrape 5-2 "Zimbabwe 25 Aug 1981 a" */
    {"ZW", "2000-01-01", RC, "refugee-convention", "1981-08-25", "accession", "1981-11-23",
     "art. 43(2)", NULL, "MTDSG V.2 (status 2012-13)"},
    /* untc-scrape 5-2 "Zambia 24 Sep 1969 d": a succession whose effective date
     * the page does not give binds from some day up to the notification */
    {"ZM", "2000-01-01", RC, "refugee-convention", "1969-09-24", "succession",
     "1954-04-22..1969-09-24", NULL, NULL, "MTDSG V.2 (status 2012-13)"},
    /* unhcr-ga-2021: South Sudan, Convention 2018 (year only, no type) */
    {"SS", "2020-01-01", RC, "refugee-convention", "2018", NULL, "2018-04-01..2019-03-31",
     "art. 43(2)", NULL, "UNHCR Global Appeal 2021 Update"},
    /* absent from every table of parties read (untc-scrape 5-2, T16) */
    {"KP", "2000-01-01", RC, "refugee-convention", NULL, NULL, NULL, NULL, NULL, NULL},

    /* ---------------------------------- bound only through the Protocol */
    /* untc-scrape 5-5 "United States of America 1 Nov 1968 a"; no Convention row */
    {"US", "2019-06-14", RC, "refugee-protocol", "1968-11-01", "accession", "1968-11-01",
     "art. VIII(2)", "refugee-protocol", "MTDSG V.5 (status 2012-13)"},
    /* untc-scrape 5-5 "Venezuela (Bolivarian Republic of) 19 Sep 1986 a"; no Convention row */
    {"VE", "2000-01-01", RC, "refugee-protocol", "1986-09-19", "accession", "1986-09-19",
     "art. VIII(2)", "refugee-protocol", "MTDSG V.5 (status 2012-13)"},
    /* untc-p (P1) "Cabo Verde 9 Jul 1987 a"; no Convention row */
    {"CV", "2000-01-01", RC, "refugee-protocol", "1987-07-09", "accession", "1987-07-09",
     "art. VIII(2)", "refugee-protocol", "MTDSG V.5"},
    /* Eswatini: Protocol 28 Jan 1969 (untc-scrape 5-5 "Swaziland"), Convention
     * 14 Feb 2000 (untc-rc "Eswatini 14 Feb 2000 a"): the Protocol alone in
     * 1990, the Convention from 14 May 2000 (a leap year) */
    {"SZ", "1990-01-01", RC, "refugee-protocol", "1969-01-28", "accession", "1969-01-28",
     "art. VIII(2)", "refugee-protocol", "MTDSG V.5 (status 2012-13)"},
    {"SZ", "2010-01-01", RC, "refugee-convention", "2000-02-14", "accession", "2000-05-14",
     "art. 43(2)", NULL, "MTDSG V.2"},
    /* China on a day between its Protocol (in force on deposit) and its
     * Convention (90 days): untc-p "China 24 Sep 1982 a" */
    {"CN", "1982-10-01", RC, "refugee-protocol", "1982-09-24", "accession", "1982-09-24",
     "art. VIII(2)", "refugee-protocol", "MTDSG V.5"},

    /* -------------------------------------------------------------- CAT */
    /* untc-scrape 4-9 "China 12 Dec 1986, 4 Oct 1988": a ratification (seed 002's
     * "acceded" is wrong) */
    {"CN", "2023-10-09", CAT, "cat", "1988-10-04", "ratification", "1988-11-03", "art. 27(2)",
     NULL, "MTDSG IV.9 (status 2012-13)"},
    /* untc-scrape 4-9 "United States of America 18 Apr 1988, 21 Oct 1994" */
    {"US", "2019-06-14", CAT, "cat", "1994-10-21", "ratification", "1994-11-20", "art. 27(2)",
     NULL, "MTDSG IV.9 (status 2012-13)"},
    /* untc-scrape 4-9 "Republic of Korea 9 Jan 1995 a" (CAT/C/32/Add.1 agrees) */
    {"KR", "2000-01-01", CAT, "cat", "1995-01-09", "accession", "1995-02-08", "art. 27(2)",
     NULL, "MTDSG IV.9 (status 2012-13)"},
    /* untc-scrape 4-9 "Thailand 2 Oct 2007 a" (CAT/C/THA/1 agrees) */
    {"TH", "2010-01-01", CAT, "cat", "2007-10-02", "accession", "2007-11-01", "art. 27(2)",
     NULL, "MTDSG IV.9 (status 2012-13)"},
    /* untc-scrape 4-9 "Russian Federation 10 Dec 1985, 3 Mar 1987": before the
     * general entry into force */
    {"RU", "2000-01-01", CAT, "cat", "1987-03-03", "ratification", "1987-06-26", GENERAL,
     NULL, "MTDSG IV.9 (status 2012-13)"},
    /* untc-cat (C1) "Afghanistan 4 Feb 1985, 1 Apr 1987" */
    {"AF", "2000-01-01", CAT, "cat", "1987-04-01", "ratification", "1987-06-26", GENERAL,
     NULL, "MTDSG IV.9"},
    /* untc-scrape 4-9 "Czech Republic 22 Feb 1993 d" */
    {"CZ", "2000-01-01", CAT, "cat", "1993-02-22", "succession", "1987-06-26..1993-02-22",
     NULL, NULL, "MTDSG IV.9 (status 2012-13)"},
    /* vietnamplus-2015: in force 7 Mar 2015, deposit 30 days before (after the scrape) */
    {"VN", "2019-04-03", CAT, "cat", "2015-02-05", "ratification", "2015-03-07", "art. 27(2)",
     NULL, "VietnamPlus (2015)"},
    /* wpd: Angola 2019 (year only, no type; after the scrape) */
    {"AO", "2020-06-01", CAT, "cat", "2019", NULL, "2019-01-31..2020-01-30", "art. 27(2)", NULL,
     "WPD treaty ratification years"},
    /* untc-scrape 4-9 "India 14 Oct 1997," with no ratification: a signatory */
    {"IN", "2000-01-01", CAT, "cat", NULL, NULL, NULL, NULL, NULL, "MTDSG IV.9 (status 2012-13)"},

    /* ------------------------------------------------------------ ICCPR */
    /* untc-scrape 4-4 "Democratic People's Republic of Korea 14 Sep 1981 a";
     * bound in 2000 despite its 1997 notice of withdrawal */
    {"KP", "2000-01-01", ICCPR, "iccpr", "1981-09-14", "accession", "1981-12-14", "art. 49(2)",
     NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-scrape 4-4 "China 5 Oct 1998," with no ratification: a signatory */
    {"CN", "2023-10-09", ICCPR, "iccpr", NULL, NULL, NULL, NULL, NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-scrape 4-4 "United States of America 5 Oct 1977, 8 Jun 1992" */
    {"US", "2019-06-14", ICCPR, "iccpr", "1992-06-08", "ratification", "1992-09-08",
     "art. 49(2)", NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-scrape 4-4 "Japan 30 May 1978, 21 Jun 1979" */
    {"JP", "2000-01-01", ICCPR, "iccpr", "1979-06-21", "ratification", "1979-09-21",
     "art. 49(2)", NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-scrape 4-4 "Zimbabwe 13 May 1991 a" */
    {"ZW", "2000-01-01", ICCPR, "iccpr", "1991-05-13", "accession", "1991-08-13", "art. 49(2)",
     NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-scrape 4-4 "Equatorial Guinea 25 Sep 1987 a" (WPD's 1979 is wrong) */
    {"GQ", "2000-01-01", ICCPR, "iccpr", "1987-09-25", "accession", "1987-12-25", "art. 49(2)",
     NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-scrape 4-4 "Mongolia 5 Jun 1968, 18 Nov 1974": before the general
     * entry into force */
    {"MN", "2000-01-01", ICCPR, "iccpr", "1974-11-18", "ratification", "1976-03-23",
     GENERAL, NULL, "MTDSG IV.4 (status 2012-13)"},
    /* untc-iccpr (I1) "Afghanistan 24 Jan 1983 a" */
    {"AF", "2000-01-01", ICCPR, "iccpr", "1983-01-24", "accession", "1983-04-24", "art. 49(2)",
     NULL, "MTDSG IV.4"},
    /* untc-scrape 4-4 "Serbia 12 Mar 2001 d" */
    {"RS", "2010-01-01", ICCPR, "iccpr", "2001-03-12", "succession", "1976-03-23..2001-03-12",
     NULL, NULL, "MTDSG IV.4 (status 2012-13)"},
    /* wpd: Fiji 2018 (year only; after the scrape) */
    {"FJ", "2020-01-01", ICCPR, "iccpr", "2018", NULL, "2018-04-01..2019-03-31", "art. 49(2)",
     NULL, "WPD treaty ratification years"},
};

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

/* Checks a return by c->state on c->date; the report is freed before returning. */
static pacta_report *check_return(const char *actor, const char *date)
{
    char buf[512];
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    pacta_error err;
    /* KP cannot return a North Korean to KP: it sends the person to China */
    snprintf(buf, sizeof buf,
             "pacta: 1\ntitle: party record check\npersons: [{id: p, nationality: KP}]\n"
             "events:\n  - {id: e1, date: %s, actor: %s, action: return, subject: p, to: %s}\n",
             date, actor, strcmp(actor, "KP") == 0 ? "CN" : "KP");
    if (pacta_scenario_load_buffer(&sc, rb, "party-check.yaml", buf, strlen(buf), &err) != PACTA_OK)
        fail_msg("%s %s: %s", actor, date, err.message);
    if (pacta_check(&rep, rb, sc, &err) != PACTA_OK)
        fail_msg("%s %s: %s", actor, date, err.message);
    pacta_scenario_free(sc);
    return rep;
}


static void assert_optional_string(const char *what, const char *expected, const char *actual,
                                   const party_case *c)
{
    if (expected == NULL && actual == NULL)
        return;
    if (expected == NULL || actual == NULL || strcmp(expected, actual) != 0)
        fail_msg("%s %s %s: %s is %s, expected %s", c->state, c->rule, c->date, what,
                 actual ? actual : "(none)", expected ? expected : "(none)");
}

static void check_case(const party_case *c)
{
    pacta_report *rep = check_return(c->state, c->date);
    const pacta_finding *f = find_finding(rep, c->rule, NULL);
    if (!f)
        fail_msg("%s %s: no finding for %s", c->state, c->date, c->rule);
    assert_string_equal(pacta_finding_instrument(f), c->reported);
    pacta_binding_view b = pacta_finding_binding(f);
    assert_optional_string("consent", c->consent, b.consent, c);
    assert_optional_string("consent type", c->type, b.consent_type, c);
    assert_optional_string("entry into force", c->in_force, b.in_force, c);
    assert_optional_string("clause", c->clause, b.clause, c);
    assert_optional_string("via", c->via, b.via, c);
    if (c->consent == NULL)
        assert_int_equal(pacta_finding_verdict(f), PACTA_NOT_APPLICABLE);
    else
        assert_int_not_equal(pacta_finding_verdict(f), PACTA_NOT_APPLICABLE);
    if (c->source) {
        char cite[64];
        snprintf(cite, sizeof cite, "[%s]", c->source);
        if (!HAS_REASON(f, cite))
            fail_msg("%s %s %s: no reason cites %s", c->state, c->rule, c->date, cite);
    }
    pacta_report_free(rep);
}

static void test_party_records_match_their_sources(void **state)
{
    (void)state;
    size_t n = sizeof CASES / sizeof CASES[0];
    assert_true(n >= 30);
    for (size_t i = 0; i < n; i++)
        check_case(&CASES[i]);
}

/* The sample must span what the issue asks of it, so that trimming the table cannot hollow it out. */
static void test_sample_covers_every_kind_of_record(void **state)
{
    (void)state;
    int ratification = 0, accession = 0, succession = 0, untyped = 0, protocol_only = 0,
        signatory = 0, per_rule[3] = {0, 0, 0};
    for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
        const party_case *c = &CASES[i];
        ratification += c->type && strcmp(c->type, "ratification") == 0;
        accession += c->type && strcmp(c->type, "accession") == 0;
        succession += c->type && strcmp(c->type, "succession") == 0;
        untyped += c->consent && !c->type;
        protocol_only += c->via && strcmp(c->via, "refugee-protocol") == 0;
        signatory += !c->consent && c->source;
        per_rule[0] += strcmp(c->rule, RC) == 0;
        per_rule[1] += strcmp(c->rule, CAT) == 0;
        per_rule[2] += strcmp(c->rule, ICCPR) == 0;
    }
    assert_true(ratification >= 3 && accession >= 3 && succession >= 2 && untyped >= 2);
    assert_true(protocol_only >= 3 && signatory >= 2);
    assert_true(per_rule[0] >= 8 && per_rule[1] >= 8 && per_rule[2] >= 8);
}

/* The DPRK's 1997 notice: recorded, reported, and without effect. */
static void test_dprk_withdrawal_is_ineffective(void **state)
{
    (void)state;
    pacta_report *rep = check_return("KP", "2000-01-01");
    const pacta_finding *f = find_finding(rep, ICCPR, NULL);
    assert_non_null(f);
    assert_int_not_equal(pacta_finding_verdict(f), PACTA_NOT_APPLICABLE);
    assert_true(HAS_REASON(f, "the notice is ineffective and KP remains bound"));
    pacta_report_free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_party_records_match_their_sources),
        cmocka_unit_test(test_sample_covers_every_kind_of_record),
        cmocka_unit_test(test_dprk_withdrawal_is_ineffective),
    };
    return cmocka_run_group_tests(tests, load_rules, free_rules);
}
