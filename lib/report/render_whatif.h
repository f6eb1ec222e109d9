/*
 * render_whatif.h: the what-if parts of a report as the renderers that show
 * them write them (render_whatif.c).
 */
#ifndef PACTA_RENDER_WHATIF_H
#define PACTA_RENDER_WHATIF_H

#include "base/writer.h"
#include "model/whatif.h"
#include "report/explain.h"


/* Each writes nothing when the report or finding carries no what-if data. */

/** 1 when the assumptions changed f: shown even where not_applicable findings are hidden. */
int whatif_changed(const pacta_finding *f);
/** "  assuming: KP.torture_on_return=false, ..." under a text header. */
void whatif_text_assumptions(writer *w, const pacta_report *rep);
/** "changed: violation -> undetermined (by the assumptions)" at indent. */
void whatif_text_changed(writer *w, size_t indent, const pacta_finding *f);
/** The "What would change it:" section at indent. */
void whatif_text_counterfactuals(writer *w, size_t indent, const pacta_finding *f);
/** Whether counterfactuals were searched for f (the section is shown, even empty). */
int whatif_searched(const pacta_finding *f);
/** One line of that section, from f's i-th counterfactual, into p ("if e2.voluntary were true:
 * no_violation (exception voluntary-return: true)"); returns the index of the next line's first. */
size_t whatif_counterfactual_line(const pacta_finding *f, size_t i, phrase *p);
/** The section's closing line (no change found, or the search's budget reached), or NULL. */
const char *whatif_counterfactual_note(const pacta_finding *f);
/** After the summary line: how many verdicts changed, and the findings no longer made. */
void whatif_text_summary(writer *w, const pacta_report *rep);
/** "assumptions", "changed", "dropped" members of the report object. */
void whatif_json_report(writer *w, int *members, const pacta_report *rep);
/** "baseline_verdict", "changed", "counterfactuals" members of a finding object. */
void whatif_json_finding(writer *w, int *members, const pacta_finding *f);

#endif
