/*
 * whatif.h: what a report carries when it was checked under assumptions
 * (pacta_check_assuming) or with counterfactuals: the assumptions, each
 * finding's verdict without them, and the changes of facts that would turn
 * a finding. Kept out of model.h so that the report model only gains two
 * pointers; the renderers and the accessors read these structs.
 */
#ifndef PACTA_MODEL_WHATIF_H
#define PACTA_MODEL_WHATIF_H

#include "model/model.h"

typedef struct rp_whatif rp_whatif;
typedef struct rp_report_whatif rp_report_whatif;

typedef struct rp_counterfactual {
    size_t change_count;
    pacta_change_view *changes;
    pacta_verdict verdict;
    size_t step_count;
    pacta_turned_step_view *steps;
    int single;                 /* 1: one fact set alone (listed for every value it can take) */
} rp_counterfactual;

/* Per finding. */
struct rp_whatif {
    int assumed;                /* the report was checked under assumptions */
    int baseline_found;         /* a finding for the same rule and events exists without them */
    pacta_verdict baseline;     /* its verdict */
    int searched;               /* counterfactuals were looked for */
    int truncated;              /* the search stopped at its budget */
    size_t count;
    rp_counterfactual *items;
};

/* Per report. */
struct rp_report_whatif {
    arena *ar;                  /* owns this, the per-finding data and the assumed scenario */
    size_t assumption_count;
    pacta_change_view *assumptions;
    size_t changed;             /* findings whose verdict the assumptions changed */
    rp_strings dropped;         /* findings made without the assumptions that have no counterpart */
};

#endif
