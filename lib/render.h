/*
 * render.h: the two report renderers behind pacta_render(). Each writes one
 * report through a writer and leaves error handling to writer_finish().
 */
#ifndef PACTA_RENDER_H
#define PACTA_RENDER_H

#include "model.h"
#include "writer.h"


/** One JSON object as in spec/findings.md, without a trailing newline. rb may be NULL. */
void render_json(writer *w, const pacta_report *rep, const pacta_rulebase *rb);

/** The analyst's worksheet; flags as for pacta_render(). rb may be NULL. */
void render_text(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

#endif
