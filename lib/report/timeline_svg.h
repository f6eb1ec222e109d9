/*
 * timeline_svg.h: a state's binding timeline as an SVG image, one lane per
 * instrument, a bar for the days it bound the state, and a line for each
 * event (or date asked about). Shared by the HTML report (render_html.c)
 * and `pacta timeline --format svg` (tools/timeline.c).
 */
#ifndef PACTA_TIMELINE_SVG_H
#define PACTA_TIMELINE_SVG_H

#include "base/writer.h"
#include "model/model.h"
#include "report/audit.h"

/* Days during which an instrument bound the state, both ends inclusive. */
typedef struct svg_span {
    pdate from;        /* PDATE_MIN: since before any date the rules give */
    pdate until;       /* PDATE_MAX: still binding */
    int approx;        /* the first day is known only as a range (from is its first day) */
    const char *how;   /* "in force", "through the 1967 Protocol", "customary law" */
} svg_span;

#define SVG_LANE_SPANS 2

typedef struct svg_lane {
    const char *label;  /* the instrument's short title */
    const char *title;  /* its full title */
    const char *status; /* the lane's words when no span binds: "not a party", ... */
    size_t span_count;
    svg_span spans[SVG_LANE_SPANS];
} svg_lane;

typedef struct svg_mark {
    const char *label;  /* "e2", or the date asked about */
    pdate day;
} svg_mark;

typedef struct svg_timeline {
    const char *state;  /* "CN" */
    const char *name;   /* "China" */
    size_t lane_count;
    svg_lane *lanes;
    size_t mark_count;
    svg_mark *marks;
} svg_timeline;

/*
 * The lanes of st under every instrument of rb that concerns it (every
 * treaty and customary instrument, and the domestic and bilateral ones
 * that name it), in rb's order, with every string copied into k's arena.
 * The dates come from party_in_force() and party_denunciation_effective(),
 * as pacta_check() decides binding. Sets k->oom on failure.
 */
void svg_timeline_lanes(keeper *k, const pacta_rulebase *rb, const state_def *st,
                        svg_timeline *out);

/* Writes t as one <svg> element that scales to its container's width. */
void svg_timeline_write(writer *w, const svg_timeline *t);

#endif
