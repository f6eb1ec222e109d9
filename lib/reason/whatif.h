/*
 * whatif.h: what a report carries when it was checked under assumptions
 * (pacta_check_assuming) or with counterfactuals: the assumptions, each
 * finding's verdict without them, and the changes of facts that would turn
 * a finding. Kept out of model.h so that the report model only gains two
 * pointers; the renderers and the accessors read these structs.
 */
#ifndef PACTA_WHATIF_H
#define PACTA_WHATIF_H

#include "model/model.h"
#include "base/writer.h"

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

/* ------------------------------------------------------------ rendering (render_whatif.c) */

/* Each writes nothing when the report or finding carries no what-if data. */

/** 1 when the assumptions changed f: shown even where not_applicable findings are hidden. */
int whatif_changed(const pacta_finding *f);
/** "  assuming: KP.torture_on_return=false, ..." under a text header. */
void whatif_text_assumptions(writer *w, const pacta_report *rep);
/** "changed: violation -> undetermined (by the assumptions)" at indent. */
void whatif_text_changed(writer *w, size_t indent, const pacta_finding *f);
/** The "What would change it:" section at indent. */
void whatif_text_counterfactuals(writer *w, size_t indent, const pacta_finding *f);
/** After the summary line: how many verdicts changed, and the findings no longer made. */
void whatif_text_summary(writer *w, const pacta_report *rep);
/** "assumptions", "changed", "dropped" members of the report object. */
void whatif_json_report(writer *w, int *members, const pacta_report *rep);
/** "baseline_verdict", "changed", "counterfactuals" members of a finding object. */
void whatif_json_finding(writer *w, int *members, const pacta_finding *f);

#endif
