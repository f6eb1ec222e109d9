/*
 * assume.h: assumed facts (--assume) and the scenarios they make
 * (assume.c), for the what-if check and its counterfactual search
 * (whatif.c). Assumptions never touch the caller's scenario: they are
 * applied to a copy, which the ordinary evaluator then checks, so an
 * assumed fact is weighed exactly as a stated one.
 */
#ifndef PACTA_ASSUME_H
#define PACTA_ASSUME_H

#include "base/date.h"
#include "model/model.h"

/* The --assume "file" that errors about assumptions name. */
#define ASSUME_FILE "--assume"

/* The person statuses an assumption may give, NULL-terminated. */
extern const char *const assume_status_names[];

typedef enum assumed_what { ASSUME_FACT, ASSUME_STATUS, ASSUME_DATE } assumed_what;

typedef struct assumption {
    const char *text;           /* "KP.torture_on_return=false" */
    const char *fact;           /* "KP.torture_on_return" */
    const char *subject;        /* "KP" */
    const char *name;           /* "torture_on_return", "status", "date" */
    const char *value;          /* "false" */
    assumed_what what;
    const fact_def *def;        /* ASSUME_FACT */
    pacta_truth truth;          /* ASSUME_FACT */
    unsigned status;            /* ASSUME_STATUS: one ST_* bit */
    pdate_range date;           /* ASSUME_DATE */
} assumption;

struct pacta_assumptions {
    arena *ar;
    const pacta_rulebase *rb;
    ptrvec items;               /* assumption* */
};

typedef enum target_kind { TARGET_STATE, TARGET_EVENT, TARGET_PERSON } target_kind;

/* An assumption with its names found in one scenario. */
typedef struct resolved {
    const assumption *a;
    target_kind kind;
    const state_def *state;     /* TARGET_STATE */
    size_t index;               /* TARGET_EVENT: position in sc->events; TARGET_PERSON: in sc->persons */
} resolved;

/** An out-of-memory error naming file. */
pacta_status assume_oom(pacta_error *err, const char *file);
/** Reads "FACT=VALUE" split as fact and value into *a, checked against rb's facts. */
pacta_status assumption_parse(arena *ar, const pacta_rulebase *rb, const char *fact,
                              const char *value, assumption *a, pacta_error *err);
/** Copies from into to with its strings in ar. Returns 0, or -1 when out of memory. */
int assumption_copy(arena *ar, const assumption *from, assumption *to);
/** The position of event id in sc->events, or SIZE_MAX. */
size_t scenario_event_index(const pacta_scenario *sc, const char *id);
/** Finds a's names in sc. err may be NULL (search candidates). */
pacta_status assumption_resolve(arena *ar, const pacta_scenario *sc, const assumption *a,
                                resolved *r, pacta_error *err);
/** base with the resolved assumptions applied, in order, in ar; NULL when out of memory. */
pacta_scenario *assumed_scenario(arena *ar, const pacta_scenario *base,
                                 const resolved *const *rs, size_t n);
/** The part of sc a finding completed by e can read, in ar; NULL when out of memory. */
pacta_scenario *reduced_scenario(arena *ar, const pacta_scenario *sc, const sc_event *e);

#endif
