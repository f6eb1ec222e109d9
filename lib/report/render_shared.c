/*
 * render_shared.c: what several renderers write alike: a citation in the
 * style the flags ask for, and the verdict counts.
 */
#include "report/render.h"

#include "report/citation.h"

#include <string.h>

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

const char *render_short_cite(const rp_citation *c)
{
    if (!c->source || !*c->source || (c->label && strstr(c->label, c->source)))
        return NULL;
    return c->source;
}

void render_verdict_counts(writer *w, const pacta_report *rep)
{
    for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
        writer_printf(w, "%s%zu %s", v ? ", " : "", pacta_report_count(rep, (pacta_verdict)v),
                      pacta_verdict_name((pacta_verdict)v));
}
