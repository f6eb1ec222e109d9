/*
 * onward.h: where chain refoulement leads. A removal to a state that is
 * likely to send the person on is judged by the risks in the onward state;
 * onward.c works out that state and builds the hop, an event read at it,
 * and evaluation.c weighs the test there. The hops are bounded, and a chain
 * that comes back to a state it passed through is not followed again.
 */
#ifndef PACTA_ONWARD_H
#define PACTA_ONWARD_H

#include "model/model.h"
#include "reason/facts.h"

/* A chain longer than this is not followed: its last link is unknown. */
#define ONWARD_MAX_HOPS 3

typedef enum onward_step {
    ONWARD_HOP,        /* *hop is the event read at the onward state */
    ONWARD_NONE,       /* the onward state is one the chain already reached: no onward removal */
    ONWARD_UNKNOWN,    /* no onward state is named and the person's nationality is not given */
    ONWARD_TOO_FAR     /* the chain is already ONWARD_MAX_HOPS long */
} onward_step;

/*
 * The next link from `at` (an event or a hop), whose destination gives
 * `via` for the fact that may send the person on. The onward state is, in
 * order: the removal's `onward_to` (first link only), the condition's
 * `onward_to`, the person's nationality. Returns -1 when out of memory.
 */
int onward_next(arena *ar, const sc_event *at, const fact_answer *via, onward_step *step,
                sc_event **hop);

/* Whether hops a and b end chains that pass through the same states for the same reasons. */
int onward_same_chain(const sc_event *a, const sc_event *b);

/* The chain that leads to hop, for a finding's reasons; NULL when out of memory. */
const char *onward_describe(arena *ar, const sc_event *hop);

/* The same chain as data, for a finding's `chains`; -1 when out of memory. */
int onward_chain(arena *ar, const sc_event *hop, rp_chain *out);

#endif
