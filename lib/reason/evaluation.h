/*
 * evaluation.h: the state of weighing one finding's tests against a
 * scenario (evaluation.c): each fact a test reads is resolved (stated,
 * derived, or from the binding records), recorded once with where it came
 * from, and the facts left unknown are collected as the ones that would
 * decide the finding. check.c builds the finding's steps on top of it.
 */
#ifndef PACTA_EVALUATION_H
#define PACTA_EVALUATION_H

#include "load/expr.h"
#include "model/model.h"

typedef struct evaluation {
    arena *ar;
    const pacta_rulebase *rb;
    const pacta_scenario *sc;
    ptrvec facts;        /* rp_fact* used by this finding */
    ptrvec step_facts;   /* size_t indexes (boxed) for the step being evaluated */
    ptrvec unknown;      /* refs of base facts left unknown in the current step */
    ptrvec undecided;    /* (leaf, event) pairs that leave the current step unknown */
    ptrvec chains;       /* const sc_event*: the last hop of each chain followed, each chain once */
    ptrvec chain_tests;  /* const expr*: the onward tests followed, for their authorities */
    ptrvec derived_sources; /* source ids of the derived facts found true, for the citations */
    /* Without prose, each base fact's value at each event of the scenario,
     * kept across the scenario's findings: 0 not yet read, else value + 1
     * (evaluation_memo_new; NULL: every fact is read each time). */
    unsigned char *memo;
    int prose;           /* 0: no fact is described in words (detail, display, text) */
    int keep_facts;      /* 0: the facts read are not recorded (a check without prose keeps
                          * only those of exception requirements, which it reports missing) */
    int oom;
} evaluation;

/** The memo for a check of sc without prose, zeroed in ar; NULL when out of memory. */
unsigned char *evaluation_memo_new(arena *ar, const pacta_rulebase *rb, const pacta_scenario *sc);
/** Appends p to v; p NULL (a failed allocation) or no room sets ev->oom. Returns 0 or -1. */
int evaluation_push(evaluation *ev, ptrvec *v, void *p);
/** Appends s to v unless an equal string is there; s NULL sets ev->oom. Returns 0 or -1. */
int evaluation_push_unique(evaluation *ev, ptrvec *v, const char *s);
/** The expr_env resolver: the value of one leaf of a test at event at (ctx is the evaluation). */
pacta_truth evaluation_resolve_leaf(void *ctx, const expr *leaf, const sc_event *at);
/** Adds to ev->unknown the base facts that leave leaf (at event at) unknown. */
void evaluation_collect_unknown(evaluation *ev, const expr *leaf, const sc_event *at);

#endif
