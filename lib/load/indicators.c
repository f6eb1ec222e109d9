/*
 * indicators.c: matching the narrative indicators. The patterns were
 * compiled (and JIT-compiled) once when the rulebase was finished; here we
 * only match, with the rulebase's shared read-only match context carrying
 * the limits, and a match-data block of our own so threads never share one.
 */
#include "load/indicators.h"

#include <string.h>

#include "base/error.h"

/* The sentence of the description around [start, end): up to . ! ? or a line break. */
static void sentence_around(const char *text, size_t len, size_t start, size_t end, size_t *from,
                            size_t *to)
{
    *from = start;
    while (*from > 0 && !strchr(".!?\n", text[*from - 1]))
        (*from)--;
    *to = end;
    while (*to < len && !strchr(".!?\n", text[*to]))
        (*to)++;
}

/* Does a cue of kind match text[from..to)? Sets *m; PACTA_OK with *m.set 0 when none does. */
static pacta_status cue_in(const pacta_rulebase *rb, draft_cue_kind kind, const char *text,
                           size_t from, size_t to, pcre2_match_data *md, size_t m[2], int *found)
{
    *found = 0;
    for (size_t i = 0; i < rb->draft_cue_count && !*found; i++) {
        const draft_cue *c = rb->draft_cues[i];
        if (c->kind != kind)
            continue;
        int rc = pcre2_match(c->code, (PCRE2_SPTR)(text + from), to - from, 0, 0, md, rb->match_ctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc < 0)
            return rc == PCRE2_ERROR_NOMEMORY ? PACTA_ENOMEM : PACTA_ELIMIT;
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        m[0] = from + ov[0];
        m[1] = from + ov[1];
        *found = 1;
    }
    return PACTA_OK;
}

#define NEGATION_WINDOW 60

/*
 * What the drafter's cues (rules/draft.yaml) say of a match: a negation in
 * the words just before it reverses its value ("did not seek asylum"); a
 * hedge anywhere in its sentence ("reportedly") makes it unknown. Rules
 * without those cues leave the value as the indicator gives it.
 */
static pacta_status qualify(const pacta_rulebase *rb, const sc_event *e, pcre2_match_data *md,
                            sc_text_fact *tf)
{
    size_t from, to, m[2];
    int found;
    sentence_around(e->description, e->description_len, tf->start, tf->end, &from, &to);
    pacta_status st = cue_in(rb, CUE_HEDGE, e->description, from, to, md, m, &found);
    if (st == PACTA_OK && found) {
        tf->value = PACTA_UNKNOWN;
        tf->qualifier = "hedged";
    }
    size_t window = tf->start > from + NEGATION_WINDOW ? tf->start - NEGATION_WINDOW : from;
    if (st == PACTA_OK && !found && tf->value != PACTA_UNKNOWN)
        st = cue_in(rb, CUE_NEGATION_BEFORE, e->description, window, tf->start, md, m, &found);
    if (st == PACTA_OK && found && !tf->qualifier) {
        tf->value = tf->value == PACTA_TRUE ? PACTA_FALSE : PACTA_TRUE;
        tf->qualifier = "negated";
    }
    if (found) {
        tf->qualifier_start = m[0];
        tf->qualifier_end = m[1];
    }
    return st;
}

pacta_status indicators_scan(const pacta_rulebase *rb, arena *ar, sc_event *e, const char *file,
                             unsigned line, unsigned column, pacta_error *err)
{
    e->text_fact_count = 0;
    if (!e->description || rb->indicator_count == 0)
        return PACTA_OK;
    e->text_facts = arena_array(ar, rb->indicator_count, sizeof *e->text_facts);
    pcre2_match_data *md = e->text_facts ? pcre2_match_data_create(1, rb->general_ctx) : NULL;
    if (!md)
        return error_set(err, PACTA_ENOMEM, file, line, column, "out of memory");
    pacta_status st = PACTA_OK;
    for (size_t i = 0; i < rb->indicator_count; i++) {
        const indicator_def *ind = rb->indicators[i];
        int rc = pcre2_match(ind->code, (PCRE2_SPTR)e->description, e->description_len, 0, 0, md,
                             rb->match_ctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            continue;
        if (rc == PCRE2_ERROR_NOMEMORY) {
            st = error_set(err, PACTA_ENOMEM, file, line, column, "out of memory");
            break;
        }
        if (rc < 0) {
            PCRE2_UCHAR message[160];
            pcre2_get_error_message(rc, message, sizeof message);
            /* the JIT's stack is its depth limit */
            int limit = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                        rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
            st = error_set(err, limit ? PACTA_ELIMIT : PACTA_EINPUT, file, line, column,
                           "indicator '%s' could not be matched against this description: %s",
                           ind->id, (const char *)message);
            if (limit)
                error_hint(err, "the text makes the pattern work too hard; shorten it or raise the regex limits");
            break;
        }
        const PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(md);
        sc_text_fact *tf = &e->text_facts[e->text_fact_count++];
        tf->indicator = ind;
        tf->start = ovector[0];
        tf->end = ovector[1];
        tf->value = ind->value;
        tf->qualifier = NULL;
        st = qualify(rb, e, md, tf);
        if (st != PACTA_OK) {
            st = error_set(err, st, file, line, column, st == PACTA_ENOMEM ? "out of memory"
                           : "the negation or hedge cues could not be matched against this description");
            break;
        }
    }
    pcre2_match_data_free(md);
    return st;
}
