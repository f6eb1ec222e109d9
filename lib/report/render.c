/*
 * render.c: pacta_render(), which checks its arguments and picks the
 * renderer for the format and flags. What several renderers write alike is
 * in render_shared.c, below them, so that no renderer calls back up here.
 */
#include "report/render.h"

pacta_status pacta_render(const pacta_report *rep, const pacta_rulebase *rb, pacta_format format,
                          unsigned flags, pacta_write_fn write, void *ctx)
{
    if (!rep || !write ||
        (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON &&
         format != PACTA_FORMAT_MARKDOWN && format != PACTA_FORMAT_HTML) ||
        ((flags >> 8) & 0xFu) >= PACTA_CITE_STYLE_COUNT)
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, rep->ar ? arena_allocator(rep->ar) : NULL);
    if (format == PACTA_FORMAT_JSON)
        render_json(&w, rep, rb, flags);
    else if (format == PACTA_FORMAT_MARKDOWN)
        render_markdown(&w, rep, rb, flags);
    else if (format == PACTA_FORMAT_HTML)
        render_html(&w, rep, rb, flags);
    else if (flags & PACTA_RENDER_EXPLAIN)
        render_explain(&w, rep, rb, flags);
    else
        render_text(&w, rep, rb, flags);
    return writer_finish(&w);
}
