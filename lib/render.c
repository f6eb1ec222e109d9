/*
 * render.c: pacta_render(), which checks its arguments and picks the
 * renderer for the format.
 */
#include "render.h"

pacta_status pacta_render(const pacta_report *rep, const pacta_rulebase *rb, pacta_format format,
                          unsigned flags, pacta_write_fn write, void *ctx)
{
    if (!rep || !write || (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, rep->ar ? arena_allocator(rep->ar) : NULL);
    if (format == PACTA_FORMAT_JSON)
        render_json(&w, rep, rb);
    else
        render_text(&w, rep, rb, flags);
    return writer_finish(&w);
}
