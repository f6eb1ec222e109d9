/*
 * render_whatif.h: the what-if parts of a report as the renderers that show
 * them write them (render_whatif.c).
 */
#ifndef PACTA_RENDER_WHATIF_H
#define PACTA_RENDER_WHATIF_H

#include "base/writer.h"
#include "model/whatif.h"


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
