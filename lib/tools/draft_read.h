/*
 * draft_read.h: reading a report's text for the drafter (draft_read.c):
 * the state carried from sentence to sentence, cue matches under the
 * rulebase's PCRE2 limits, dates, the article's own data, sentences, and
 * the record of every extraction. draft.c reads acts, states, persons and
 * facts on top of it.
 */
#ifndef PACTA_DRAFT_READ_H
#define PACTA_DRAFT_READ_H

#include "base/date.h"
#include "tools/draft.h"

typedef struct reader {
    pacta_draft *d;
    const pacta_rulebase *rb;
    pcre2_match_data *md;
    pacta_error *err;
    pacta_status st;
    /* the article's own date, for relative dates */
    int ref_set;
    pdate ref;
    int ref_precision;      /* 3: day, 2: month, 1: year */
    /* carried from sentence to sentence */
    devent *last_event;
    devent *last_removal;
    dperson *last_person;
    size_t paragraph;       /* index of the current paragraph */
    size_t last_event_paragraph;
} reader;

/** The span [start, end) of the text, with its line. */
dspan reader_span(const pacta_draft *d, size_t start, size_t end);
/** Records out of memory; returns -1. */
int reader_oom(reader *r);
/** Matches code in [start, end) from from; 1 and *m on a match, 0 none, -1 an error recorded in r. */
int reader_match(reader *r, const pcre2_code *code, const char *id, size_t start, size_t end,
                 size_t from, dspan *m);
/** The named group of the last match in buf; 1 if it matched. */
int reader_group(reader *r, const char *name, char *buf, size_t size);
/** The last cue of kind in the sentence before pos (within the window); 1 and *m if found. */
int reader_before(reader *r, draft_cue_kind kind, size_t sentence_start, size_t pos, dspan *m);
/** The first cue of kind after pos in the sentence (within the window); 1 and *m if found. */
int reader_after(reader *r, draft_cue_kind kind, size_t pos, size_t sentence_end, dspan *m);
/** The first cue of kind in sentence s, with *which the cue. */
int reader_first_of_kind(reader *r, draft_cue_kind kind, const dspan *s, dspan *m,
                         const draft_cue **which);
/** Records that a bound of the drafter was reached at at. */
void reader_limit(reader *r, dspan at, const char *fmt, int n);
/** Records an extraction for --explain: its kind, cue, span and meaning. */
void reader_note(reader *r, const char *kind, const char *cue, dspan at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/** "name", "demonym" or "capital". */
const char *draft_form_name(draft_name_form f);
/** The date cue c matched, as YYYY[-MM[-DD]], with *how it was read; NULL if none. */
const char *reader_date(reader *r, const draft_cue *c, const char **how);
/** Reads the article's title, dateline, URL and publisher; sets the reference date. */
void reader_article(reader *r, const char *date_option);
/** ASCII white space. */
int draft_is_space(char c);
/** The next sentence from *pos into *s; 0 at the end of the text. */
int reader_next_sentence(reader *r, size_t *pos, dspan *s, int *paragraph_break);

#endif
