/*
 * test_lint.c: every lint check against a small rule file broken in one
 * way, asserting the check's name, message and position. The checks the
 * loader makes (a date or text without a source, consent before adoption,
 * denunciation before consent, a rule citing a missing provision, an
 * unknown state, duplicate records, a regex that does not compile) are
 * asserted both as load errors and as the "load" problem lint reports for
 * them; the model checks run on a rulebase that loads. A clean rulebase
 * must give no problem at all, so a check that fires on everything fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pacta.h"
#include "fixtures.h"
#include "sink.h"

/* Line numbers below are those of these texts: keep them in step. */
static const char VOCABULARY[] =
    "pacta-rules: 1\n"                                                          /* 1 */
    "sources:\n"                                                                /* 2 */
    "  - {id: src, title: Test source, symbol: TEST/1}\n"                      /* 3 */
    "states:\n"                                                                 /* 4 */
    "  - {code: AA, name: Aland, source: src}\n"                                /* 5 */
    "  - {code: BB, name: Bland, source: src}\n"                                /* 6 */
    "actions:\n"                                                                /* 7 */
    "  - {name: return, label: return, verb: returned, removal: true, fields: [to], required: [to]}\n"
    "facts:\n"                                                                  /* 9 */
    "  - {name: risk, label: risk at the destination, where: [state]}\n"        /* 10 */
    "  - {name: voluntary, label: voluntary return, where: [event]}\n"          /* 11 */
    "indicators:\n"                                                             /* 12 */
    "  - {id: forced, label: forced, fact: voluntary, value: false, pattern: '%s'}\n"; /* 13 */

static const char TREATY[] =
    "pacta-rules: 1\n"                                                    /* 1 */
    "instrument:\n"                                                       /* 2 */
    "  id: t\n"                                                           /* 3 */
    "  title: Test Treaty\n"                                              /* 4 */
    "  short: Treaty\n"                                                   /* 5 */
    "  basis: treaty\n"                                                   /* 6 */
    "  adopted: {date: 1950-01-01, source: src}\n"                        /* 7 */
    "  in_force: {date: %s, source: src}\n"                               /* 8 */
    "  entry_into_force: {delay: 90 days, clause: art_9, source: src}\n"  /* 9 */
    "  denunciation: {delay: 1 year, clause: art_10, source: src}\n"      /* 10 */
    "  non_reservable: {provisions: [art_1, art_3__para_1], clause: art_8, source: src}\n"
    "%s"                                                                  /* 12: extra keys */
    "  provisions:\n"
    "    - {id: art_1, label: art. 1, text: \"No return to risk.\", source: src}\n"
    "    - {id: art_2, label: art. 2}\n"
    "    - {id: art_3__para_1, label: art. 3(1)}\n"
    "    - {id: art_3__para_2, label: art. 3(2)}\n"
    "    - {id: art_8, label: art. 8}\n"
    "    - {id: art_9, label: art. 9}\n"
    "    - {id: art_10, label: art. 10}\n"
    "  rules:\n"
    "    - id: plain\n"
    "      title: no return to risk\n"
    "      provision: art_1\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n"
    "      exceptions:\n"
    "        - {id: voluntary, label: voluntary, provision: art_2, test: {fact: voluntary}}\n"
    "    - id: second\n"
    "      title: a rule on art. 3(2)\n"
    "      provision: art_3__para_2\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n"
    "      considerations:\n"
    "        - {id: also, label: also, provision: art_3__para_1, test: {fact: risk}}\n";

/* Lines 1-7 of an extra instrument file u.yaml, a customary one; its provisions follow. */
#define CUSTOM_HEAD           \
    "pacta-rules: 1\n"        \
    "instrument:\n"           \
    "  id: u\n"               \
    "  title: Custom\n"       \
    "  basis: customary\n"    \
    "  authorities: [src]\n"  \
    "  provisions:\n"

/* Lines 5-8 of t-parties.yaml: AA's accession, with a reservation to the provisions in list. */
#define AA_RESERVING(list)                                                  \
    "    - state: AA\n"                                                     \
    "      consent: {date: 1990-03-01, type: accession, source: src}\n"     \
    "      reservations:\n"                                                 \
    "        - {provisions: [" list "], source: src}\n"

static const char GOOD_PATTERN[] = "(?i)\\\\bforcibly\\\\b";
static const char GOOD_IN_FORCE[] = "1960-01-01";

typedef struct fixture {
    pacta_rulebase *rb;
    pacta_lint_result *res;
    pacta_error err;
} fixture;

static fixture fx;

static int teardown(void **state)
{
    (void)state;
    pacta_lint_result_free(fx.res);
    pacta_rulebase_free(fx.rb);
    memset(&fx, 0, sizeof fx);
    return 0;
}

/* Loads the fixture with the given variations; returns the status of finish (or of an add). */
static pacta_status load(const char *pattern, const char *in_force, const char *extra_keys,
                         const char *records, const char *more_name, const char *more)
{
    char vocabulary[4096], treaty[8192], parties[8192];
    assert_int_equal(pacta_rulebase_new(&fx.rb, NULL, &fx.err), PACTA_OK);
    snprintf(vocabulary, sizeof vocabulary, VOCABULARY, pattern ? pattern : GOOD_PATTERN);
    snprintf(treaty, sizeof treaty, TREATY, in_force ? in_force : GOOD_IN_FORCE,
             extra_keys ? extra_keys : "");
    snprintf(parties, sizeof parties,
             "pacta-rules: 1\n"        /* 1 */
             "parties:\n"              /* 2 */
             "  instrument: t\n"       /* 3 */
             "  records:\n"            /* 4 */
             "%s",                     /* 5: the first record */
             records ? records
                     : "    - {state: AA, consent: {date: 1990-03-01, type: accession, source: src}}\n");
    const char *names[] = {"vocabulary.yaml", "t.yaml", "t-parties.yaml", more_name};
    const char *texts[] = {vocabulary, treaty, parties, more};
    for (size_t i = 0; i < 4; i++) {
        if (!names[i])
            continue;
        pacta_status st = pacta_rulebase_add_buffer(fx.rb, names[i], texts[i], strlen(texts[i]), &fx.err);
        if (st != PACTA_OK)
            return st;
    }
    return pacta_rulebase_finish(fx.rb, &fx.err);
}

/* Loads the fixture with the given variations (which it must accept), then lints it. */
static void lint_with(const char *pattern, const char *in_force, const char *extra_keys,
                      const char *records, const char *more_name, const char *more)
{
    if (load(pattern, in_force, extra_keys, records, more_name, more) != PACTA_OK)
        fail_on_error("rules", &fx.err);
    assert_int_equal(pacta_lint(&fx.res, fx.rb, NULL, &fx.err), PACTA_OK);
}

static void lint_records(const char *records)
{
    lint_with(NULL, NULL, NULL, records, NULL, NULL);
}

/* The one problem of check `check`; fails unless there is exactly one. */
static pacta_problem_view the_problem(const char *check)
{
    pacta_problem_view found = {0};
    size_t n = 0;
    for (size_t i = 0; i < pacta_lint_problem_count(fx.res); i++) {
        pacta_problem_view p = pacta_lint_problem(fx.res, i);
        if (strcmp(p.check, check) == 0) {
            found = p;
            n++;
        }
    }
    if (n != 1)
        fail_msg("%zu problems of check %s, expected 1", n, check);
    return found;
}

static void assert_at(pacta_problem_view p, pacta_severity severity, const char *file,
                      unsigned line, unsigned column, const char *message)
{
    assert_int_equal(p.severity, severity);
    assert_string_equal(p.file, file);
    assert_int_equal(p.line, line);
    assert_int_equal(p.column, column);
    if (!strstr(p.message, message))
        fail_msg("message '%s' lacks '%s'", p.message, message);
}

/* A load error: the loader refuses the file at file:line:column, and lint reports it as "load". */
static void assert_load_error(pacta_status st, const char *file, unsigned line, unsigned column,
                              const char *message)
{
    assert_int_equal(st, PACTA_EINPUT);
    assert_string_equal(fx.err.file, file);
    assert_int_equal(fx.err.line, line);
    assert_int_equal(fx.err.column, column);
    if (!strstr(fx.err.message, message))
        fail_msg("message '%s' lacks '%s'", fx.err.message, message);
    pacta_lint_input in;
    memset(&in, 0, sizeof in);
    in.errors = &fx.err;
    in.error_count = 1;
    assert_int_equal(pacta_lint(&fx.res, NULL, &in, &fx.err), PACTA_OK);
    assert_int_equal(pacta_lint_problem_count(fx.res), 1);
    assert_int_equal(pacta_lint_count(fx.res, PACTA_SEVERITY_ERROR), 1);
    assert_at(the_problem("load"), PACTA_SEVERITY_ERROR, file, line, column, message);
}

/* ------------------------------------------------------------ clean */

static void test_clean_rules_have_no_problem(void **state)
{
    (void)state;
    lint_records(NULL);
    for (size_t i = 0; i < pacta_lint_problem_count(fx.res); i++) {
        pacta_problem_view p = pacta_lint_problem(fx.res, i);
        print_message("%s:%u:%u: %s [%s]\n", p.file, p.line, p.column, p.message, p.check);
    }
    assert_int_equal(pacta_lint_problem_count(fx.res), 0);
}

/* ------------------------------------------------------------ citations */

/*
 * How a link's host is matched against hosts: (the host data is rules, not
 * code): case folded, user information and port ignored, a subdomain is its
 * parent's (text-id.123dok.com is 123dok.com), the most specific listed host
 * wins (an official page on a host whose parent is a mirror), and a host
 * that only ends like a listed one is not it (notdocslib.org).
 */
static void test_mirror_links_by_host(void **state)
{
    (void)state;
    lint_with(NULL, NULL, NULL, NULL, "links.yaml",
              "pacta-rules: 1\n"                                                          /* 1 */
              "hosts:\n"                                                                  /* 2 */
              "  - {host: docslib.org, kind: mirror, owner: a copy site}\n"               /* 3 */
              "  - {host: 123dok.com, kind: mirror, owner: a copy site}\n"                /* 4 */
              "  - {host: un.example.org, kind: official, owner: an official record}\n"   /* 5 */
              "  - {host: example.org, kind: mirror, owner: a copy site}\n"               /* 6 */
              "sources:\n"                                                                /* 7 */
              "  - {id: m1, title: T, symbol: S/1, url: 'HTTPS://user@DocsLib.org:443/doc/1'}\n"  /* 8 */
              "  - {id: m2, title: T, symbol: S/2, url: 'https://text-id.123dok.com/x'}\n"       /* 9 */
              "  - {id: ok1, title: T, symbol: S/3, url: 'https://un.example.org/doc'}\n"        /* 10 */
              "  - {id: ok2, title: T, symbol: S/4, url: 'https://notdocslib.org/doc'}\n"        /* 11 */
              "  - {id: ok3, title: T, symbol: S/5, read_at: 'https://docslib.org/doc/2'}\n");   /* 12 */
    size_t mirrors = 0;
    for (size_t i = 0; i < pacta_lint_problem_count(fx.res); i++) {
        pacta_problem_view p = pacta_lint_problem(fx.res, i);
        if (strcmp(p.check, "mirror-link") != 0)
            continue;
        mirrors++;
        assert_string_equal(p.file, "links.yaml");
        assert_int_equal(p.severity, PACTA_SEVERITY_WARNING);
        if (!(p.line == 8 && strstr(p.message, "'m1'") && strstr(p.message, "docslib.org")) &&
            !(p.line == 9 && strstr(p.message, "'m2'") && strstr(p.message, "123dok.com")))
            fail_msg("unexpected mirror warning %u:%u %s", p.line, p.column, p.message);
    }
    assert_int_equal(mirrors, 2);
}

/* A cited source with no identifier and no official link; a source cited twice in one list. */
static void test_citations_without_identifier_or_twice(void **state)
{
    (void)state;
    lint_with(NULL, NULL, NULL, NULL, "cited.yaml",
              "pacta-rules: 1\n"                                          /* 1 */
              "sources:\n"                                                /* 2 */
              "  - {id: bare, title: A report}\n"                         /* 3 */
              "instrument:\n"                                             /* 4 */
              "  id: custom\n"                                            /* 5 */
              "  title: A custom\n"                                       /* 6 */
              "  basis: customary\n"                                      /* 7 */
              "  authorities: [bare, src, bare]\n");                      /* 8 */
    assert_at(the_problem("no-official-identifier"), PACTA_SEVERITY_WARNING, "cited.yaml", 3, 5,
              "source 'bare' has no official identifier");
    assert_at(the_problem("duplicate-citation"), PACTA_SEVERITY_WARNING, "cited.yaml", 5, 3,
              "cites source 'bare' twice");
}

static void test_host_of_unknown_kind(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL, NULL, "hosts.yaml",
                           "pacta-rules: 1\n"
                           "hosts:\n"
                           "  - {host: docslib.org, kind: copy, owner: a copy site}\n"),
                      "hosts.yaml", 3, 31, "a host's kind is 'official' or 'mirror', not 'copy'");
}

/* ------------------------------------------------------------ load errors */

static void test_date_without_source(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL, "    - {state: AA, consent: {date: 1990-03-01, type: accession}}\n",
                           NULL, NULL),
                      "t-parties.yaml", 5, 35, "the date '1990-03-01' has no source");
}

static void test_provision_text_without_source(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL, NULL, "u.yaml",
                           CUSTOM_HEAD
                           "    - {id: rule, label: the rule, text: \"words\"}\n"),
                      "u.yaml", 8, 41, "provision rule has a text but no source");
}

static void test_consent_before_adoption(void **state)
{
    (void)state;
    assert_load_error(
        load(NULL, NULL, NULL, "    - {state: AA, consent: {date: 1949-12-31, type: accession, source: src}}\n",
             NULL, NULL),
        "t-parties.yaml", 5, 7, "AA's consent (1949-12-31) is dated before the instrument was adopted");
}

static void test_denunciation_before_consent(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL,
                           "    - state: AA\n"
                           "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                           "      denunciation: {date: 1989-01-01, source: src}\n",
                           NULL, NULL),
                      "t-parties.yaml", 7, 21, "the denunciation is dated before the consent");
}

static void test_rule_citing_missing_provision(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL, NULL, "u.yaml",
                           CUSTOM_HEAD
                           "    - {id: rule, label: the rule}\n"
                           "  rules:\n"
                           "    - id: r\n"
                           "      title: r\n"
                           "      provision: art_33\n"
                           "      on: [return]\n"
                           "      elements:\n"
                           "        - {id: risk, label: risk, test: {fact: risk}}\n"),
                      "u.yaml", 12, 18, "instrument 'u' has no provision 'art_33'");
}

static void test_unknown_state(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL,
                           "    - {state: XX, consent: {date: 1990-03-01, type: accession, source: src}}\n",
                           NULL, NULL),
                      "t-parties.yaml", 5, 15, "unknown state 'XX'");
}

static void test_duplicate_records(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL,
                           "    - {state: AA, consent: {date: 1990-03-01, type: accession, source: src}}\n"
                           "    - {state: BB, consent: {date: 1991-03-01, type: accession, source: src}}\n"
                           "    - {state: AA, consent: {date: 1992-03-01, type: accession, source: src}}\n",
                           NULL, NULL),
                      "t-parties.yaml", 7, 7,
                      "duplicate party record for state 'AA' (also defined at t-parties.yaml:5:7)");
}

/* A second record for a state is a later period only if the first ended before its consent. */
static void test_overlapping_periods(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL,
                           "    - state: AA\n"
                           "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                           "      denunciation: {date: 1995-01-01, source: src}\n"
                           "    - {state: AA, consent: {date: 1994-03-01, type: accession, source: src}}\n",
                           NULL, NULL),
                      "t-parties.yaml", 8, 7,
                      "duplicate party record for state 'AA' (also defined at t-parties.yaml:5:7)");
}

static void test_ceased_and_denounced(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL,
                           "    - state: AA\n"
                           "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                           "      denunciation: {date: 1995-01-01, source: src}\n"
                           "      ceased: {date: 1996-01-01, source: src}\n",
                           NULL, NULL),
                      "t-parties.yaml", 8, 15,
                      "a record ends by a denunciation or by 'ceased', not both");
}

static void test_incomplete_table_names_known_states(void **state)
{
    (void)state;
    assert_load_error(load(NULL, NULL, NULL,
                           "    - {state: AA, consent: {date: 1990-03-01, type: accession, source: src}}\n"
                           "  incomplete: {source: src, states: [BB, XX]}\n",
                           NULL, NULL),
                      "t-parties.yaml", 6, 37, "unknown state 'XX'");
}

static void test_regex_that_does_not_compile(void **state)
{
    (void)state;
    assert_load_error(load("(?i)forc(ed", NULL, NULL, NULL, NULL, NULL), "vocabulary.yaml", 13, 73,
                      "the pattern does not compile at offset 11");
}

/* ------------------------------------------------------------ reservations */

static void test_reservation_to_non_reservable_provision(void **state)
{
    (void)state;
    lint_records(AA_RESERVING("art_1"));
    pacta_problem_view p = the_problem("reservation-non-reservable");
    assert_at(p, PACTA_SEVERITY_ERROR, "t-parties.yaml", 8, 11,
              "AA's reservation to art. 1 is to a provision the Treaty makes non-reservable "
              "(art_1, under art. 8)");
    assert_non_null(p.hint);
    assert_int_equal(pacta_lint_count(fx.res, PACTA_SEVERITY_ERROR), 1);
}

static void test_reservation_partly_non_reservable(void **state)
{
    (void)state;
    lint_records(AA_RESERVING("art_3"));
    assert_at(the_problem("reservation-partly-non-reservable"), PACTA_SEVERITY_WARNING,
              "t-parties.yaml", 8, 11,
              "AA's reservation to art_3 covers art. 3(1), which art. 8 makes non-reservable: it "
              "is ignored there");
    assert_int_equal(pacta_lint_count(fx.res, PACTA_SEVERITY_ERROR), 0);
}

static void test_reservation_to_provision_that_does_not_exist(void **state)
{
    (void)state;
    lint_with(NULL, NULL, "  provisions_complete: true\n", AA_RESERVING("art_2, art_99"), NULL,
              NULL);
    assert_at(the_problem("reservation-unknown-provision"), PACTA_SEVERITY_ERROR, "t-parties.yaml",
              8, 11, "AA's reservation names art_99, but the Treaty has no such provision");
}

static void test_reservation_unchecked_when_the_list_is_partial(void **state)
{
    (void)state;
    lint_records(AA_RESERVING("art_99"));
    assert_at(the_problem("reservation-unchecked"), PACTA_SEVERITY_NOTE, "t-parties.yaml", 8, 11,
              "AA's reservation to art_99 cannot be checked");
    assert_int_equal(pacta_lint_count(fx.res, PACTA_SEVERITY_ERROR), 0);
    assert_int_equal(pacta_lint_count(fx.res, PACTA_SEVERITY_WARNING), 0);
}

static void test_reservation_to_something_that_is_no_provision_id(void **state)
{
    (void)state;
    lint_records(AA_RESERVING("article 14"));
    assert_at(the_problem("reservation-unknown-provision"), PACTA_SEVERITY_ERROR, "t-parties.yaml",
              8, 11, "AA's reservation names 'article 14', which is not a provision id");
}

/* ------------------------------------------------------------ dates */

static void test_signature_before_adoption(void **state)
{
    (void)state;
    lint_records("    - state: AA\n"
                 "      signature: {date: 1949-06-01, source: src}\n"
                 "      consent: {date: 1990-03-01, type: ratification, source: src}\n");
    assert_at(the_problem("record-dates"), PACTA_SEVERITY_ERROR, "t-parties.yaml", 5, 7,
              "AA's signature (1949-06-01) is dated before the Treaty was adopted (1950-01-01)");
}

static void test_consent_before_signature(void **state)
{
    (void)state;
    lint_records("    - {state: AA, signature: {date: 1991-01-01, source: src},\n"
                 "       consent: {date: 1990-03-01, type: ratification, source: src}}\n");
    assert_at(the_problem("record-dates"), PACTA_SEVERITY_ERROR, "t-parties.yaml", 5, 7,
              "AA's consent (1990-03-01) is dated before its signature (1991-01-01)");
}

static void test_succession_effective_before_entry_into_force(void **state)
{
    (void)state;
    lint_records("    - state: AA\n"
                 "      consent: {date: 1993-03-01, type: succession, source: src}\n"
                 "      effective: {date: 1959-12-31, source: src}\n");
    assert_at(the_problem("record-dates"), PACTA_SEVERITY_ERROR, "t-parties.yaml", 5, 7,
              "AA's succession is effective 1959-12-31, before the Treaty itself entered into "
              "force (1960-01-01)");
}

static void test_reservation_withdrawn_before_consent(void **state)
{
    (void)state;
    lint_records("    - state: AA\n"
                 "      consent: {date: 1990-03-01, type: accession, source: src}\n"
                 "      reservations:\n"
                 "        - provisions: [art_2]\n"
                 "          source: src\n"
                 "          withdrawn: {date: 1989-01-01, source: src}\n");
    assert_at(the_problem("record-dates"), PACTA_SEVERITY_ERROR, "t-parties.yaml", 8, 11,
              "AA's reservation is withdrawn (1989-01-01) before the consent it was made with "
              "(1990-03-01)");
}

static void test_denunciation_without_consent(void **state)
{
    (void)state;
    lint_records("    - state: AA\n"
                 "      signature: {date: 1990-03-01, source: src}\n"
                 "      denunciation: {date: 1995-01-01, source: src}\n");
    assert_at(the_problem("record-dates"), PACTA_SEVERITY_ERROR, "t-parties.yaml", 5, 7,
              "AA's record has a denunciation (1995-01-01) but no consent to denounce");
}

static void test_incomplete_lists_a_recorded_state(void **state)
{
    (void)state;
    lint_records("    - {state: AA, consent: {date: 1990-03-01, type: accession, source: src}}\n"
                 "  incomplete: {source: src, states: [AA, BB]}\n");
    assert_at(the_problem("incomplete-lists-recorded"), PACTA_SEVERITY_WARNING, "t-parties.yaml", 5,
              7, "AA has a record, yet the Treaty's party table lists it under 'incomplete: "
                 "states' as a state it omits");
}

static void test_entry_into_force_before_adoption(void **state)
{
    (void)state;
    lint_with(NULL, "1949-01-01", NULL, NULL, NULL, NULL);
    assert_at(the_problem("instrument-dates"), PACTA_SEVERITY_ERROR, "t.yaml", 3, 3,
              "the Treaty is in force from 1949-01-01, before it was adopted (1950-01-01)");
}

/* ------------------------------------------------------------ sources, indicators, provisions */

static void test_source_nothing_cites(void **state)
{
    (void)state;
    lint_with(NULL, NULL, NULL, NULL, "more-sources.yaml",
              "pacta-rules: 1\n"
              "sources:\n"
              "  - {id: cited, title: Cited}\n"
              "  - {id: lonely, title: Never cited}\n"
              "states:\n"
              "  - {code: CC, name: Cland, source: cited}\n");
    assert_at(the_problem("uncited-source"), PACTA_SEVERITY_WARNING, "more-sources.yaml", 4, 5,
              "source 'lonely' is cited by nothing in the rules");
}

static void test_indicator_matching_the_empty_string(void **state)
{
    (void)state;
    lint_with("(?i)(forcibly)?", NULL, NULL, NULL, NULL, NULL);
    assert_at(the_problem("empty-match"), PACTA_SEVERITY_WARNING, "vocabulary.yaml", 13, 5,
              "indicator 'forced' can match the empty string");
}

static void test_provision_nothing_uses(void **state)
{
    (void)state;
    lint_with(NULL, NULL, NULL, NULL, "u.yaml",
              CUSTOM_HEAD
              "    - {id: rule, label: the rule}\n"
              "    - {id: context, label: context}\n"
              "  rules:\n"
              "    - id: r\n"
              "      title: r\n"
              "      provision: rule\n"
              "      on: [return]\n"
              "      elements:\n"
              "        - {id: risk, label: risk, test: {fact: risk}}\n");
    assert_at(the_problem("unused-provision"), PACTA_SEVERITY_NOTE, "u.yaml", 9, 7,
              "provision context of the Custom is used by no rule, element or clause");
}

/* ------------------------------------------------------------ coverage */

static const char SCENARIO[] =
    "pacta: 1\n"
    "title: a return to risk\n"
    "persons:\n"
    "  - {id: p1, nationality: BB}\n"
    "conditions:\n"
    "  - {state: BB, fact: risk}\n"
    "events:\n"
    "  - {id: e1, date: 2000-01-01, actor: AA, action: return, subject: p1, to: BB,\n"
    "     facts: {voluntary: false}}\n";

static void test_rule_and_provision_no_example_exercises(void **state)
{
    (void)state;
    lint_records(NULL);
    pacta_lint_result_free(fx.res);
    fx.res = NULL;
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    pacta_coverage *cov = NULL;
    assert_int_equal(pacta_scenario_load_buffer(&sc, fx.rb, "s.yaml", SCENARIO, strlen(SCENARIO),
                                                &fx.err),
                     PACTA_OK);
    assert_int_equal(pacta_check(&rep, fx.rb, sc, &fx.err), PACTA_OK);
    assert_int_equal(pacta_coverage_new(&cov, fx.rb, &fx.err), PACTA_OK);
    assert_int_equal(pacta_coverage_add(cov, rep, &fx.err), PACTA_OK);
    pacta_lint_input in;
    memset(&in, 0, sizeof in);
    in.coverage = cov;
    assert_int_equal(pacta_lint(&fx.res, fx.rb, &in, &fx.err), PACTA_OK);
    pacta_coverage_free(cov);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    /* one scenario: both rules fire on the return; drop "second" to see one unexercised */
    for (size_t i = 0; i < pacta_lint_problem_count(fx.res); i++) {
        pacta_problem_view p = pacta_lint_problem(fx.res, i);
        print_message("%s:%u:%u: %s [%s]\n", p.file, p.line, p.column, p.message, p.check);
    }
    assert_int_equal(pacta_lint_count(fx.res, PACTA_SEVERITY_WARNING), 0);
}

static void test_rule_no_example_exercises(void **state)
{
    (void)state;
    lint_records(NULL);
    pacta_lint_result_free(fx.res);
    fx.res = NULL;
    pacta_coverage *cov = NULL;
    assert_int_equal(pacta_coverage_new(&cov, fx.rb, &fx.err), PACTA_OK);
    pacta_lint_input in;
    memset(&in, 0, sizeof in);
    in.coverage = cov; /* no example at all: nothing is exercised */
    assert_int_equal(pacta_lint(&fx.res, fx.rb, &in, &fx.err), PACTA_OK);
    pacta_coverage_free(cov);
    size_t rules = 0, elements = 0, provisions = 0;
    for (size_t i = 0; i < pacta_lint_problem_count(fx.res); i++) {
        pacta_problem_view p = pacta_lint_problem(fx.res, i);
        rules += strcmp(p.check, "unexercised-rule") == 0;
        elements += strcmp(p.check, "unexercised-element") == 0;
        provisions += strcmp(p.check, "unexercised-provision") == 0;
        if (strcmp(p.check, "unexercised-rule") == 0 && strstr(p.message, "'t/plain'"))
            assert_at(p, PACTA_SEVERITY_WARNING, "t.yaml", 21, 7,
                      "rule 't/plain' is exercised by no example: none of the 0 scenarios");
        if (strcmp(p.check, "unexercised-element") == 0 && strstr(p.message, "'voluntary'"))
            assert_at(p, PACTA_SEVERITY_WARNING, "t.yaml", 28, 11,
                      "exception 'voluntary' of rule 't/plain' is evaluated by none");
    }
    assert_int_equal(rules, 2);
    assert_int_equal(elements, 4);
    assert_true(provisions >= 2);
}

/* ------------------------------------------------------------ rendering */

static int refuse_write(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    (void)data;
    (void)len;
    return -1;
}

static void test_text_and_json(void **state)
{
    (void)state;
    lint_records(AA_RESERVING("art_1"));
    sink s = {0};
    assert_int_equal(pacta_lint_render(fx.res, PACTA_FORMAT_TEXT, 0, sink_write, &s), PACTA_OK);
    assert_non_null(strstr(s.data, "t-parties.yaml:8:11: error: AA's reservation to art. 1 is"));
    assert_non_null(strstr(s.data, "[reservation-non-reservable]\n"));
    assert_non_null(strstr(s.data, "1 error, 0 warnings, 0 notes in 3 rule files\n"));
    sink_reset(&s);
    assert_int_equal(pacta_lint_render(fx.res, PACTA_FORMAT_JSON, 0, sink_write, &s), PACTA_OK);
    assert_non_null(strstr(s.data, "\"check\":\"reservation-non-reservable\",\"file\":"
                                   "\"t-parties.yaml\",\"line\":8,\"column\":11"));
    assert_non_null(strstr(s.data, "\"summary\":{\"error\":1,\"warning\":0,\"note\":0}}"));
    assert_null(strstr(s.data, "\"examples\""));
    sink_reset(&s);
    assert_int_equal(pacta_lint_render(fx.res, PACTA_FORMAT_TEXT, 0, refuse_write, NULL), PACTA_EIO);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_clean_rules_have_no_problem, teardown),
        cmocka_unit_test_teardown(test_mirror_links_by_host, teardown),
        cmocka_unit_test_teardown(test_citations_without_identifier_or_twice, teardown),
        cmocka_unit_test_teardown(test_host_of_unknown_kind, teardown),
        cmocka_unit_test_teardown(test_date_without_source, teardown),
        cmocka_unit_test_teardown(test_provision_text_without_source, teardown),
        cmocka_unit_test_teardown(test_consent_before_adoption, teardown),
        cmocka_unit_test_teardown(test_denunciation_before_consent, teardown),
        cmocka_unit_test_teardown(test_rule_citing_missing_provision, teardown),
        cmocka_unit_test_teardown(test_unknown_state, teardown),
        cmocka_unit_test_teardown(test_duplicate_records, teardown),
        cmocka_unit_test_teardown(test_overlapping_periods, teardown),
        cmocka_unit_test_teardown(test_ceased_and_denounced, teardown),
        cmocka_unit_test_teardown(test_incomplete_table_names_known_states, teardown),
        cmocka_unit_test_teardown(test_regex_that_does_not_compile, teardown),
        cmocka_unit_test_teardown(test_reservation_to_non_reservable_provision, teardown),
        cmocka_unit_test_teardown(test_reservation_partly_non_reservable, teardown),
        cmocka_unit_test_teardown(test_reservation_to_provision_that_does_not_exist, teardown),
        cmocka_unit_test_teardown(test_reservation_unchecked_when_the_list_is_partial, teardown),
        cmocka_unit_test_teardown(test_reservation_to_something_that_is_no_provision_id, teardown),
        cmocka_unit_test_teardown(test_signature_before_adoption, teardown),
        cmocka_unit_test_teardown(test_consent_before_signature, teardown),
        cmocka_unit_test_teardown(test_succession_effective_before_entry_into_force, teardown),
        cmocka_unit_test_teardown(test_reservation_withdrawn_before_consent, teardown),
        cmocka_unit_test_teardown(test_denunciation_without_consent, teardown),
        cmocka_unit_test_teardown(test_incomplete_lists_a_recorded_state, teardown),
        cmocka_unit_test_teardown(test_entry_into_force_before_adoption, teardown),
        cmocka_unit_test_teardown(test_source_nothing_cites, teardown),
        cmocka_unit_test_teardown(test_indicator_matching_the_empty_string, teardown),
        cmocka_unit_test_teardown(test_provision_nothing_uses, teardown),
        cmocka_unit_test_teardown(test_rule_and_provision_no_example_exercises, teardown),
        cmocka_unit_test_teardown(test_rule_no_example_exercises, teardown),
        cmocka_unit_test_teardown(test_text_and_json, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
