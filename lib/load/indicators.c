/*
 * indicators.c: matching the narrative indicators. The patterns were
 * compiled (and JIT-compiled) once when the rulebase was finished; here we
 * only match, with the rulebase's shared read-only match context carrying
 * the limits, and a match-data block of our own so threads never share one.
 */
#include "load/indicators.h"

#include "base/error.h"

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
    }
    pcre2_match_data_free(md);
    return st;
}
