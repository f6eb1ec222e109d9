/*
 * draft.h: what the drafter read from a report (lib/tools/draft.c) and
 * the writer of the drafted scenario and of the extraction list
 * (lib/tools/render_draft.c) share: spans of the text, the persons and
 * events drafted, and the notes on what was left out.
 */
#ifndef PACTA_DRAFT_H
#define PACTA_DRAFT_H

#include "base/arena.h"
#include "model/model.h"

/* A piece of the text: byte offsets [start, end) and the line it starts on. */
typedef struct dspan {
    size_t start, end;
    unsigned line;
    int set;
} dspan;

/* A drafted value's evidence: the span it was read from and, when the
 * span alone does not say it, how it was read ("the Monday before ..."). */
typedef struct dwhy {
    dspan at;
    const char *note;
} dwhy;

typedef struct dfact {
    const fact_def *fact;
    pacta_truth value;
    dwhy why;
    dspan hedge;            /* set: the value is unknown because of this phrase */
    int conflict;           /* the text also says the opposite */
} dfact;

#define DRAFT_MAX_FACTS 8     /* facts per person or event; more are dropped (they repeat) */

typedef struct dperson {
    const char *id;
    const state_def *nationality;
    dwhy nationality_why;
    long long count;        /* -1: not given */
    dwhy count_why;
    dspan vague;            /* "hundreds of": a size without a number */
    size_t fact_count;
    dfact facts[DRAFT_MAX_FACTS];
} dperson;

typedef struct devent {
    const char *id;
    const action_def *action;
    const char *as, *to_body;
    dwhy action_why;
    const char *date;       /* YYYY, YYYY-MM or YYYY-MM-DD; NULL: none */
    dwhy date_why;
    const state_def *actor;
    dwhy actor_why;
    const state_def *to;
    dwhy to_why;
    dperson *subject;
    dspan sentence;
    dspan threat;           /* set: the text reports it as threatened, not done */
    dspan hedge;            /* set: the text reports it with reserve */
    size_t fact_count;
    dfact facts[DRAFT_MAX_FACTS];
    int complete;           /* every field the scenario format requires was found */
} devent;

/* An act the text reports and the draft leaves out (denied, withdrawn). */
typedef struct dskipped {
    dspan act;
    dspan because;
    const char *reason;
} dskipped;

/* One extraction, for --explain. */
typedef struct dextract {
    const char *kind;
    const char *cue;
    dspan at;
    const char *meaning;
} dextract;

struct pacta_draft {
    arena *ar;
    const char *name;
    const char *text;
    size_t len;
    size_t line_count;
    size_t *line_starts;
    dwhy title;
    dwhy url;
    dwhy publisher;
    const char *publisher_name;
    const char *article_date;   /* YYYY[-MM[-DD]] or NULL */
    dwhy article_date_why;
    ptrvec persons;             /* dperson* */
    ptrvec events;              /* devent* */
    ptrvec skipped;             /* dskipped* */
    ptrvec extracts;            /* dextract* */
};

/** The 1-based column of byte offset pos on its line. */
unsigned draft_column(const pacta_draft *d, const dspan *s);

#endif
