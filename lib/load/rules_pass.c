/*
 * rules_pass.c: the readers the three passes over the rule files share
 * (rules_pass.h): source references, sourced dates, and sorting
 * definitions by key with duplicates refused.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "load/rules_pass.h"

pacta_status pass_oom(pass_ctx *pc)
{
    return error_set(pc->lc.err, PACTA_ENOMEM, pc->lc.file, 0, 0, "out of memory");
}

void pass_origin(origin *o, const pass_ctx *pc, const ynode *n)
{
    o->file = pc->lc.file;
    o->line = n->line;
    o->column = n->column;
}

/* Finds source id and marks it cited, so that lint can report sources nothing cites. */
const source_def *pass_cite_source(pass_ctx *pc, const char *id)
{
    source_def *s = (source_def *)rb_source(pc->rb, id);
    if (s)
        s->cited = 1;
    return s;
}

/* A source id at key that must name a defined source. */
pacta_status pass_source_ref(pass_ctx *pc, const ynode *map, const char *key, int required,
                             const char **out)
{
    pacta_status st = load_ident(&pc->lc, map, key, required, out);
    if (st != PACTA_OK || !*out)
        return st;
    if (!pass_cite_source(pc, *out)) {
        st = load_error(&pc->lc, ymap_get(map, key), "unknown source '%s'", *out);
        error_hint(pc->lc.err, "define it under 'sources:' (rules/sources.yaml)");
        return st;
    }
    return PACTA_OK;
}

pacta_status pass_source_list(pass_ctx *pc, const ynode *map, const char *key,
                              size_t *count, const char ***out)
{
    pacta_status st = load_string_list(&pc->lc, map, key, count, out);
    for (size_t i = 0; st == PACTA_OK && i < *count; i++) {
        if (!pass_cite_source(pc, (*out)[i])) {
            const ynode *n = ymap_get(map, key);
            st = load_error(&pc->lc, n->kind == YNODE_SEQ ? n->items[i] : n, "unknown source '%s'",
                            (*out)[i]);
        }
    }
    return st;
}

/* {date: ..., source: ...}; the source is required, as for every date in the law. */
pacta_status pass_dated(pass_ctx *pc, const ynode *map, const char *key, int required,
                        const char *const *extra_keys, dated *out)
{
    const ynode *n = ymap_get(map, key);
    memset(out, 0, sizeof *out);
    if (!n) {
        if (required)
            return load_error(&pc->lc, map, "missing required key '%s'", key);
        return PACTA_OK;
    }
    const char *keys[8] = {"date", "source", NULL};
    size_t k = 2;
    for (size_t i = 0; extra_keys && extra_keys[i] && k < 7; i++)
        keys[k++] = extra_keys[i];
    keys[k] = NULL;
    char what[64];
    snprintf(what, sizeof what, "'%s'", key);
    pacta_status st = load_check_map(&pc->lc, n, what, keys);
    if (st != PACTA_OK)
        return st;
    const ynode *date = ymap_get(n, "date");
    if (!date)
        return load_error(&pc->lc, n, "'%s' needs a date", key);
    st = load_date_node(&pc->lc, date, &out->when, &out->text);
    if (st == PACTA_OK && !ymap_get(n, "source")) {
        st = load_error(&pc->lc, date, "the date '%s' has no source", date->str);
        error_hint(pc->lc.err, "every date in the rules names the source it was read in");
        return st;
    }
    if (st == PACTA_OK)
        st = pass_source_ref(pc, n, "source", 1, &out->source);
    out->set = st == PACTA_OK;
    return st;
}

pacta_status pass_sort_unique(pass_ctx *pc, ptrvec *v, key_fn key, compare_fn compare,
                              origin_fn where, const char *what)
{
    if (v->count > 1)
        qsort(v->items, v->count, sizeof *v->items, compare);
    for (size_t i = 1; i < v->count; i++) {
        if (strcmp(key(v->items[i - 1]), key(v->items[i])) == 0) {
            const origin *a = where(v->items[i - 1]), *b = where(v->items[i]);
            /* report the later of the two, pointing back at the other */
            int a_later = strcmp(a->file, b->file) > 0 ||
                          (strcmp(a->file, b->file) == 0 && a->line > b->line);
            const origin *later = a_later ? a : b, *other = a_later ? b : a;
            return error_set(pc->lc.err, PACTA_EINPUT, later->file, later->line, later->column,
                             "duplicate %s '%s' (also defined at %s:%u:%u)", what,
                             key(v->items[i]), other->file, other->line, other->column);
        }
    }
    return PACTA_OK;
}
