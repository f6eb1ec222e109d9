/*
 * small_rules.h: a synthetic rulebase small enough to load thousands of
 * times in a test (a vocabulary with one indicator, a treaty with a
 * single-event rule and a sequence rule, one party record), for tests that
 * repeat a whole run (test_alloc.c) or scale one input up
 * (test_pathological.c) and need every step exercised, not the real law.
 */
#ifndef PACTA_TEST_SMALL_RULES_H
#define PACTA_TEST_SMALL_RULES_H

#include <string.h>

#include "pacta.h"

static const char VOCABULARY[] =
    "pacta-rules: 1\n"
    "sources:\n"
    "  - {id: src, title: Test source}\n"
    "states:\n"
    "  - {code: AA, name: Aland, source: src}\n"
    "  - {code: BB, name: Bland, source: src}\n"
    "actions:\n"
    "  - {name: return, label: return, verb: returned, removal: true, fields: [to], required: [to]}\n"
    "  - {name: classify, label: classify, verb: classified, fields: [as, basis]}\n"
    "  - {name: status_determination, label: examination, verb: examined, fields: [basis, outcome]}\n"
    "facts:\n"
    "  - {name: risk, label: risk at the destination, where: [state]}\n"
    "  - {name: danger, label: danger to security, where: [person, event], justification: true}\n"
    "  - {name: voluntary, label: voluntary return, where: [event]}\n"
    "  - {name: categorical, label: categorical, where: [event],\n"
    "     field: {name: basis, values: {categorical: true, individual: false}}}\n"
    "indicators:\n"
    "  - {id: forced, label: forced, fact: voluntary, value: false, pattern: '(?i)\\bforcibly\\b'}\n";

static const char TREATY[] =
    "pacta-rules: 1\n"
    "instrument:\n"
    "  id: t\n"
    "  title: Test Treaty\n"
    "  short: Treaty\n"
    "  basis: treaty\n"
    "  in_force: {date: 1960-01-01, source: src}\n"
    "  entry_into_force: {delay: 90 days, clause: art_9, source: src}\n"
    "  denunciation: {delay: 1 year, clause: art_9, source: src}\n"
    "  provisions:\n"
    "    - {id: art_1, label: art. 1, text: \"No return to risk.\", source: src}\n"
    "    - {id: art_9, label: art. 9}\n"
    "  rules:\n"
    "    - id: plain\n"
    "      title: no return to risk\n"
    "      provision: art_1\n"
    "      on: [return]\n"
    "      elements:\n"
    "        - {id: risk, label: risk, test: {fact: risk}}\n"
    "      exceptions:\n"
    "        - {id: danger, label: danger, test: {fact: danger}}\n"
    "        - {id: voluntary, label: voluntary, test: {fact: voluntary}}\n"
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

static const char PARTIES[] =
    "pacta-rules: 1\n"
    "parties:\n"
    "  instrument: t\n"
    "  records:\n"
    "    - {state: AA, consent: {date: 1990-03-01, type: accession, source: src}}\n";

/* Adds the three files to rb; the first failing status, else PACTA_OK. */
static inline pacta_status small_rules_add(pacta_rulebase *rb, pacta_error *err)
{
    pacta_status st = pacta_rulebase_add_buffer(rb, "vocabulary.yaml", VOCABULARY,
                                                strlen(VOCABULARY), err);
    if (st == PACTA_OK)
        st = pacta_rulebase_add_buffer(rb, "t.yaml", TREATY, strlen(TREATY), err);
    if (st == PACTA_OK)
        st = pacta_rulebase_add_buffer(rb, "t-parties.yaml", PARTIES, strlen(PARTIES), err);
    return st;
}

#endif
