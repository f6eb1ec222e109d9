/*
 * render.c: pacta_render(), which checks its arguments and picks the
 * renderer for the format and flags; and what the renderers share: the
 * citation styles' entry point and the verdict counts.
 */
#include "report/render.h"

#include "report/citation.h"

pacta_status pacta_render(const pacta_report *rep, const pacta_rulebase *rb, pacta_format format,
                          unsigned flags, pacta_write_fn write, void *ctx)
{
    if (!rep || !write ||
        (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON &&
         format != PACTA_FORMAT_MARKDOWN) ||
        ((flags >> 8) & 0xFu) >= PACTA_CITE_STYLE_COUNT)
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, rep->ar ? arena_allocator(rep->ar) : NULL);
    if (format == PACTA_FORMAT_JSON)
        render_json(&w, rep, rb, flags);
    else if (format == PACTA_FORMAT_MARKDOWN)
        render_markdown(&w, rep, rb, flags);
    else if (flags & PACTA_RENDER_EXPLAIN)
        render_explain(&w, rep, rb, flags);
    else
        render_text(&w, rep, rb, flags);
    return writer_finish(&w);
}

const char *render_cite(const rp_citation *c, const pacta_rulebase *rb, unsigned flags, char *buf,
                        size_t size)
{
    pacta_cite_style style = citation_style(flags);
    const instrument_def *inst;
    if (style == PACTA_CITE_LABEL || !rb || !c->instrument ||
        !(inst = rb_instrument(rb, c->instrument)))
        return NULL;
    size_t n = citation_format(inst, c->provision, style, buf, size);
    return n < size ? buf : NULL; /* a citation that does not fit keeps its label */
}

void render_verdict_counts(writer *w, const pacta_report *rep)
{
    for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
        writer_printf(w, "%s%zu %s", v ? ", " : "", pacta_report_count(rep, (pacta_verdict)v),
                      pacta_verdict_name((pacta_verdict)v));
}
