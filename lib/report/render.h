/*
 * render.h: the report renderers behind pacta_render(), and the pieces
 * several of them write. Each writes one report through a writer and
 * leaves error handling to writer_finish().
 */
#ifndef PACTA_RENDER_H
#define PACTA_RENDER_H

#include "model/model.h"
#include "base/writer.h"

/**
 * One JSON object as in docs/findings.md, without a trailing newline. rb may
 * be NULL (then no citation is formatted); flags select a citation style.
 */
void render_json(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** The analyst's worksheet; flags as for pacta_render(). rb may be NULL. */
void render_text(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** Each finding as a numbered IRAC analysis (render_explain.c). rb may be NULL. */
void render_explain(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** A memo in CommonMark with footnotes (render_markdown.c). rb may be NULL (no timeline). */
void render_markdown(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** One self-contained web page (render_html.c). rb may be NULL (no timelines). */
void render_html(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags);

/** Whether the text renderers show f: not_applicable only with --all, or when an assumption changed it. */
int render_text_shows(const pacta_finding *f, unsigned flags);

/**
 * The end of a text report (render_text.c, also --explain's): a line when
 * no finding was shown (shown is how many were), the verdict counts and
 * what the assumptions changed.
 */
void render_text_summary(writer *w, const pacta_report *rep, unsigned flags, size_t shown);

/** "1 violation, 0 no_violation, 2 undetermined, 0 not_applicable", without a newline. */
void render_verdict_counts(writer *w, const pacta_report *rep);

/**
 * The citation c as style formats it, in buf (size bytes), or NULL when it
 * keeps its label: the style is PACTA_CITE_LABEL, rb is NULL, or c is not
 * a citation of an instrument's provision that rb defines.
 */
/**
 * The short citation to print after c's label: c->source, or NULL when there
 * is none or the label already says it ("..., CAT/C/GC/4" needs no second
 * "CAT/C/GC/4").
 */
const char *render_short_cite(const rp_citation *c);
const char *render_cite(const rp_citation *c, const pacta_rulebase *rb, unsigned flags, char *buf,
                        size_t size);

#endif
