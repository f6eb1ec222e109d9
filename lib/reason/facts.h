/*
 * facts.h: where a fact stated in a scenario is found, in the order of
 * strength the semantics define (event, then person, then conditions), and
 * the weakest source, the narrative indicators. Derivation, which sits
 * between the two, belongs to the evaluator (evaluation.c) because it evaluates
 * rule expressions.
 */
#ifndef PACTA_FACTS_H
#define PACTA_FACTS_H

#include "model/model.h"

typedef struct fact_answer {
    pacta_truth value;          /* PACTA_UNKNOWN when nothing states it */
    pacta_provenance from;
    const char *ref;            /* "KP.torture_on_return", "e2.individual_assessment" */
    const char *detail;         /* "e2.facts.voluntary", "conditions[1] (line 30)" */
    const char *source;         /* the scenario source id cited there, or NULL */
    const sc_text_fact *text;   /* for PACTA_FROM_TEXT */
    const state_def *onward_to; /* from a condition that names the onward state, or NULL */
    const char *display;        /* see rp_fact.display; NULL for stated facts */
} fact_answer;

/** The scenario-terms name of fact f read at event e about `of`; NULL when out of memory. */
const char *facts_ref(arena *ar, const sc_event *e, const fact_def *f, state_ref of);

/* What an answer spells out besides its value and provenance kind: its
 * ref, and where it came from in words (detail). A check without prose
 * names only the facts it reports missing, and describes none. */
enum { FACT_REF = 1u << 0, FACT_DETAIL = 1u << 1 };

/**
 * Levels 1 to 3: the event's facts and fields, the person's facts, the
 * conditions. want (FACT_*) says whether to write ref (else NULL) and
 * detail (else ""). Returns 0, or -1 when out of memory.
 */
int facts_stated(arena *ar, unsigned want, const pacta_scenario *sc, const sc_event *e,
                 const fact_def *f, state_ref of, fact_answer *out);

/** Level 5: the indicators that matched e's description; want's FACT_DETAIL as for facts_stated. */
int facts_from_text(arena *ar, unsigned want, const sc_event *e, const fact_def *f,
                    fact_answer *out);

#endif
