/*
 * render.h: the two report renderers behind pacta_render(). Each writes one
 * report through a writer and leaves error handling to writer_finish().
 */
#ifndef PACTA_RENDER_H
#define PACTA_RENDER_H

#include "model.h"
#include "writer.h"


/**
 * One JSON object as in spec/findings.md, without a trailing newline. rb may
 * be NULL (then no citation is formatted); flags select a citation style.
 */
void render_json(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** The analyst's worksheet; flags as for pacta_render(). rb may be NULL. */
void render_text(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** Each finding as a numbered IRAC analysis (render_explain.c). rb may be NULL. */
void render_explain(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** A memo in CommonMark with footnotes (render_markdown.c). rb may be NULL (no timeline). */
void render_markdown(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/**
 * The citation c as style formats it, in buf (size bytes), or NULL when it
 * keeps its label: the style is PACTA_CITE_LABEL, rb is NULL, or c is not
 * a citation of an instrument's provision that rb defines.
 */
const char *render_cite(const rp_citation *c, const pacta_rulebase *rb, unsigned flags, char *buf,
                        size_t size);

#endif
