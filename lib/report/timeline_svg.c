/*
 * timeline_svg.c: a state's binding timeline as SVG (timeline_svg.h).
 *
 * The lanes are computed with the functions pacta_check() decides binding
 * with (party_in_force, party_denunciation_effective, the route through an
 * incorporating instrument), so the picture cannot disagree with a
 * finding. The image is self-contained: presentation attributes only, no
 * stylesheet, no script, no external reference; it scales to the width of
 * whatever holds it (viewBox, width 100%). Every string passes
 * writer_html(), which escapes for XML as well.
 */
#include <stdio.h>
#include <string.h>

#include "reason/binding.h"
#include "report/timeline_svg.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define EN_DASH "\xE2\x80\x93"

/* Geometry, in the viewBox's units (about pixels at full width). */
#define WIDTH 760
#define LABEL_WIDTH 232   /* the instruments' names, right-aligned before the plot */
#define RIGHT_PAD 16
#define TOP 34            /* room for the events' labels */
#define LANE 24           /* one lane's height */
#define BAR 12            /* a bar's height */
#define BOTTOM 44         /* the years under the plot, then the legend */
#define LABEL_MAX 36      /* code points of an instrument's name shown */

#define COLOUR_BOUND "#2b6cb0"
#define COLOUR_THROUGH "#90cdf4"
#define COLOUR_EVENT "#c53030"
#define COLOUR_MUTED "#5a6472"

/* ------------------------------------------------------------ lanes */

static void add_span(svg_lane *l, pdate from, pdate until, int approx, const char *how)
{
    if (l->span_count == SVG_LANE_SPANS || until < from)
        return;
    svg_span *s = &l->spans[l->span_count++];
    s->from = from;
    s->until = until;
    s->approx = approx;
    s->how = how;
}

/* The last day p bound its state under inst: the day before its period ended (a denunciation's
 * effect or a cessation). */
static pdate last_day(const instrument_def *inst, const party_def *p)
{
    pdate_range ceased;
    return party_period_end(inst, p, &ceased) ? ceased.lo - 1 : PDATE_MAX;
}

static void treaty_lane(keeper *k, const instrument_def *inst, const state_def *st, svg_lane *l)
{
    const party_def *own = instrument_party(inst, st->code);
    const instrument_def *inc = inst->incorporated_by;
    const party_def *q = inc ? instrument_party(inc, st->code) : NULL;
    int consented = own && own->consent.set;
    if (q && q->consent.set) { /* bound to inst's articles through the instrument that applies them */
        pdate_range from = party_in_force(inc, q);
        pdate until = last_day(inc, q);
        if (consented) {
            pdate mine = party_in_force(inst, own).lo;
            if (mine - 1 < until)
                until = mine - 1;
        }
        add_span(l, from.lo, until, from.lo != from.hi,
                 keeper_printf(k, "through the %s", inc->short_title));
    }
    for (const party_def *period = consented ? own : NULL; period; period = period->next) {
        pdate_range from = party_in_force(inst, period);
        add_span(l, from.lo, last_day(inst, period), from.lo != from.hi, "in force");
    }
    if (l->span_count == 0)
        l->status = !own && instrument_may_omit(inst, st)
                        ? "unknown: no record in an incomplete party table"
                    : !own       ? "not a party (no record)"
                    : !consented ? "signed, never ratified"
                                 : "no longer bound";
}

static void other_lane(const instrument_def *inst, svg_lane *l)
{
    if (inst->kind == BIND_CUSTOMARY)
        add_span(l, inst->binds_from.set ? inst->binds_from.when.lo : PDATE_MIN, PDATE_MAX, 0,
                 "customary law, binding every state");
    else if (inst->in_force.set)
        add_span(l, inst->in_force.when.lo, PDATE_MAX,
                 inst->in_force.when.lo != inst->in_force.when.hi, "in force");
    else
        l->status = "binds it from a date the rules do not give";
}

static int names_state(const instrument_def *inst, const state_def *st)
{
    for (size_t i = 0; i < inst->state_count; i++)
        if (inst->states[i] == st)
            return 1;
    return 0;
}

void svg_timeline_lanes(keeper *k, const pacta_rulebase *rb, const state_def *st,
                        svg_timeline *out)
{
    out->state = keeper_str(k, st->code);
    out->name = keeper_str(k, st->name);
    out->lanes = keeper_array(k, rb->instrument_count, sizeof *out->lanes);
    out->lane_count = 0;
    for (size_t i = 0; out->lanes && i < rb->instrument_count; i++) {
        const instrument_def *inst = rb->instruments[i];
        if (inst->kind != BIND_TREATY && inst->kind != BIND_CUSTOMARY && !names_state(inst, st))
            continue;
        svg_lane *l = &out->lanes[out->lane_count++];
        l->label = keeper_str(k, inst->short_title);
        l->title = keeper_str(k, inst->title);
        if (inst->kind == BIND_TREATY)
            treaty_lane(k, inst, st, l);
        else
            other_lane(inst, l);
        for (size_t s = 0; s < l->span_count; s++)
            l->spans[s].how = keeper_str(k, l->spans[s].how);
    }
}

/* ------------------------------------------------------------ drawing */

typedef struct axis {
    pdate start, end;  /* 1 January of the first and last years drawn */
    int first_year, last_year, step;
} axis;

static int year_of(pdate day)
{
    int y, m, d;
    pdate_to_ymd(day, &y, &m, &d);
    return y;
}

static void widen(pdate *lo, pdate *hi, pdate day)
{
    if (day == PDATE_MIN || day == PDATE_MAX)
        return;
    if (day < *lo)
        *lo = day;
    if (day > *hi)
        *hi = day;
}

/* Whole years around every dated end and event, in steps of 5 or 10 years. */
static int make_axis(const svg_timeline *t, axis *a)
{
    pdate lo = PDATE_MAX, hi = PDATE_MIN;
    for (size_t i = 0; i < t->lane_count; i++)
        for (size_t s = 0; s < t->lanes[i].span_count; s++) {
            widen(&lo, &hi, t->lanes[i].spans[s].from);
            widen(&lo, &hi, t->lanes[i].spans[s].until);
        }
    for (size_t i = 0; i < t->mark_count; i++)
        widen(&lo, &hi, t->marks[i].day);
    if (lo > hi)
        return 0;
    int first = year_of(lo) - 1, last = year_of(hi) + 2;
    a->step = last - first > 50 ? 10 : 5;
    a->first_year = first - ((first % a->step) + a->step) % a->step;
    a->last_year = last + (a->step - ((last % a->step) + a->step) % a->step) % a->step;
    a->start = pdate_from_ymd(a->first_year, 1, 1);
    a->end = pdate_from_ymd(a->last_year, 1, 1);
    return a->end > a->start;
}

static double x_of(const axis *a, pdate day)
{
    double plot = WIDTH - LABEL_WIDTH - RIGHT_PAD;
    if (day <= a->start)
        return LABEL_WIDTH;
    if (day >= a->end)
        return LABEL_WIDTH + plot;
    return LABEL_WIDTH + plot * (double)(day - a->start) / (double)(a->end - a->start);
}

static void day_text(char buf[11], pdate day)
{
    pdate_format(day, buf);
}

/* "in force 1982-12-23 – " or "through the 1967 Protocol 1982-10-04 – 1982-12-22" */
static void span_title(writer *w, const svg_lane *l, const svg_span *s)
{
    char from[11], until[11];
    writer_str(w, "<title>");
    writer_html(w, l->label);
    writer_str(w, ": ");
    writer_html(w, s->how);
    if (s->from != PDATE_MIN) {
        day_text(from, s->from);
        writer_printf(w, " from %s%s", s->approx ? "about " : "", from);
    }
    if (s->until != PDATE_MAX) {
        day_text(until, s->until);
        writer_printf(w, " until %s", until);
    }
    writer_str(w, "</title>");
}

static void lane(writer *w, const axis *a, const svg_lane *l, size_t i)
{
    int y = TOP + (int)i * LANE;
    size_t cut = text_prefix_bytes(l->label ? l->label : "", LABEL_MAX);
    writer_str(w, "<g>");
    if (i % 2 == 0)
        writer_printf(w, "<rect x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#f3f5f8\"/>", y,
                      WIDTH, LANE);
    writer_printf(w, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#1a202c\">",
                  LABEL_WIDTH - 8, y + LANE / 2 + 4);
    writer_str(w, "<title>");
    writer_html(w, l->title);
    writer_str(w, "</title>");
    writer_htmln(w, l->label ? l->label : "", cut);
    if (l->label && l->label[cut])
        writer_str(w, ELLIPSIS);
    writer_str(w, "</text>");
    for (size_t s = 0; s < l->span_count; s++) {
        const svg_span *sp = &l->spans[s];
        double x0 = x_of(a, sp->from), x1 = x_of(a, sp->until == PDATE_MAX ? a->end : sp->until);
        if (x1 - x0 < 2)
            x1 = x0 + 2;
        writer_printf(w,
                      "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" rx=\"2\" "
                      "fill=\"%s\"%s>",
                      x0, y + (LANE - BAR) / 2, x1 - x0, BAR,
                      strncmp(sp->how, "through", 7) == 0 ? COLOUR_THROUGH : COLOUR_BOUND,
                      sp->approx ? " fill-opacity=\"0.6\"" : "");
        span_title(w, l, sp);
        writer_str(w, "</rect>");
    }
    if (l->span_count == 0 && l->status) {
        writer_printf(w, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_MUTED "\" font-style=\"italic\">",
                      LABEL_WIDTH + 6, y + LANE / 2 + 4);
        writer_html(w, l->status);
        writer_str(w, "</text>");
    }
    writer_str(w, "</g>");
}

static void years(writer *w, const axis *a, int plot_bottom)
{
    for (int y = a->first_year; y <= a->last_year; y += a->step) {
        double x = x_of(a, pdate_from_ymd(y, 1, 1));
        writer_printf(w,
                      "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cbd2d9\" "
                      "stroke-width=\"0.5\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
                      "fill=\"" COLOUR_MUTED "\">%d</text>",
                      x, TOP, x, plot_bottom, x, plot_bottom + 15, y);
    }
}

/* One line per event; labels of events close together alternate between two heights. */
static void marks(writer *w, const axis *a, const svg_timeline *t, int plot_bottom)
{
    double last_x = -100;
    int raised = 0;
    for (size_t i = 0; i < t->mark_count; i++) {
        const svg_mark *m = &t->marks[i];
        char day[11];
        double x = x_of(a, m->day);
        raised = x - last_x < 40 ? !raised : 0;
        last_x = x;
        day_text(day, m->day);
        writer_printf(w, "<g><title>");
        writer_html(w, m->label);
        writer_printf(w, ": %s</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" "
                         "stroke=\"" COLOUR_EVENT "\" stroke-width=\"1.5\"/>"
                         "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"" COLOUR_EVENT
                         "\" font-weight=\"bold\">",
                      day, x, TOP - 4, x, plot_bottom, x, raised ? TOP - 20 : TOP - 8);
        writer_html(w, m->label);
        writer_str(w, "</text></g>");
    }
}

/* What the colours mean, under the years. */
static void legend(writer *w, int y)
{
    static const struct {
        const char *colour, *opacity, *words;
    } keys[] = {{COLOUR_BOUND, "1", "bound"},
                {COLOUR_THROUGH, "1", "bound through another instrument"},
                {COLOUR_BOUND, "0.6", "first day known only roughly"}};
    int x = LABEL_WIDTH;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        writer_printf(w,
                      "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"8\" rx=\"2\" fill=\"%s\" "
                      "fill-opacity=\"%s\"/><text x=\"%d\" y=\"%d\" fill=\"" COLOUR_MUTED "\">%s</text>",
                      x, y - 8, keys[i].colour, keys[i].opacity, x + 18, y, keys[i].words);
        x += 18 + 11 * (int)strlen(keys[i].words) / 2 + 14; /* about 5.5 units a character */
    }
    writer_printf(w, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"" COLOUR_EVENT
                     "\" stroke-width=\"1.5\"/><text x=\"%d\" y=\"%d\" fill=\"" COLOUR_MUTED
                     "\">event</text>",
                  x + 6, y - 10, x + 6, y + 1, x + 12, y);
}

void svg_timeline_write(writer *w, const svg_timeline *t)
{
    axis a;
    int have_axis = make_axis(t, &a);
    int plot_bottom = TOP + (int)t->lane_count * LANE;
    int height = plot_bottom + BOTTOM;
    writer_printf(w,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
                  "role=\"img\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">",
                  WIDTH, height);
    writer_str(w, "<title>When each instrument bound ");
    writer_html(w, t->name ? t->name : t->state);
    writer_str(w, " (");
    writer_html(w, t->state);
    writer_str(w, ")");
    if (t->mark_count)
        writer_str(w, ", and the events");
    writer_str(w, "</title>");
    if (!have_axis) {
        writer_printf(w, "<text x=\"%d\" y=\"%d\" fill=\"" COLOUR_MUTED "\">The rules give no date "
                         "for this state.</text>",
                      LABEL_WIDTH + 6, TOP - 8);
        memset(&a, 0, sizeof a);
        a.end = 1;
    } else {
        years(w, &a, plot_bottom);
    }
    for (size_t i = 0; i < t->lane_count; i++)
        lane(w, &a, &t->lanes[i], i);
    if (have_axis)
        marks(w, &a, t, plot_bottom);
    legend(w, plot_bottom + 36);
    writer_str(w, "</svg>");
}
