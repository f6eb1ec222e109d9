/*
 * rules_load.c: reading rule files (format in rules/README.md) into the
 * rulebase model, then linking and checking the whole set.
 *
 * Definitions refer to each other across files, so the documents are read
 * in three passes:
 *   1. sources, states, actions and fact names (sorted, duplicates refused);
 *   2. fact details, indicators, instruments with their provisions and rules;
 *   3. party records and links between instruments.
 * Every source id, state, action, fact and provision named anywhere must
 * exist; every date must carry a source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "load/draft_rules.h"
#include "load/expr.h"
#include "load/loader.h"
#include "load/rules_load.h"

typedef struct pass_ctx {
    pacta_rulebase *rb;
    load_ctx lc;
} pass_ctx;

static pacta_status oom(pass_ctx *pc)
{
    return error_set(pc->lc.err, PACTA_ENOMEM, pc->lc.file, 0, 0, "out of memory");
}

static void set_origin(origin *o, const pass_ctx *pc, const ynode *n)
{
    o->file = pc->lc.file;
    o->line = n->line;
    o->column = n->column;
}

/* Finds source id and marks it cited, so that lint can report sources nothing cites. */
static const source_def *cite_source(pass_ctx *pc, const char *id)
{
    source_def *s = (source_def *)rb_source(pc->rb, id);
    if (s)
        s->cited = 1;
    return s;
}

/* A source id at key that must name a defined source. */
static pacta_status load_source_ref(pass_ctx *pc, const ynode *map, const char *key, int required,
                                    const char **out)
{
    pacta_status st = load_ident(&pc->lc, map, key, required, out);
    if (st != PACTA_OK || !*out)
        return st;
    if (!cite_source(pc, *out)) {
        st = load_error(&pc->lc, ymap_get(map, key), "unknown source '%s'", *out);
        error_hint(pc->lc.err, "define it under 'sources:' (rules/sources.yaml)");
        return st;
    }
    return PACTA_OK;
}

static pacta_status load_source_list(pass_ctx *pc, const ynode *map, const char *key,
                                     size_t *count, const char ***out)
{
    pacta_status st = load_string_list(&pc->lc, map, key, count, out);
    for (size_t i = 0; st == PACTA_OK && i < *count; i++) {
        if (!cite_source(pc, (*out)[i])) {
            const ynode *n = ymap_get(map, key);
            st = load_error(&pc->lc, n->kind == YNODE_SEQ ? n->items[i] : n, "unknown source '%s'",
                            (*out)[i]);
        }
    }
    return st;
}

/* {date: ..., source: ...}; the source is required, as for every date in the law. */
static pacta_status load_dated(pass_ctx *pc, const ynode *map, const char *key, int required,
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
        st = load_source_ref(pc, n, "source", 1, &out->source);
    out->set = st == PACTA_OK;
    return st;
}

/* -------------------------------------------------------------- pass 1 */

static pacta_status read_sources(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"id", "title", "url", "cite", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'sources'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        source_def *s = arena_alloc(pc->lc.ar, sizeof *s);
        if (!s)
            return oom(pc);
        set_origin(&s->at, pc, n);
        st = load_check_map(&pc->lc, n, "a source", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &s->id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "title", 1, &s->title);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "url", 0, &s->url);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "cite", 0, &s->cite);
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, s))
            return oom(pc);
    }
    return st;
}

static pacta_status read_states(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"code", "name", "source", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'states'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        state_def *s = arena_alloc(pc->lc.ar, sizeof *s);
        if (!s)
            return oom(pc);
        set_origin(&s->at, pc, n);
        st = load_check_map(&pc->lc, n, "a state", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "code", 1, &s->code);
        if (st == PACTA_OK && (strlen(s->code) != 2 || s->code[0] < 'A' || s->code[0] > 'Z' ||
                               s->code[1] < 'A' || s->code[1] > 'Z'))
            st = load_error(&pc->lc, ymap_get(n, "code"),
                            "a state code is two capital letters (ISO 3166-1 alpha-2), not '%s'",
                            s->code);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "name", 1, &s->name);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "source", 1, &s->source);
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, s))
            return oom(pc);
    }
    return st;
}

static const char *const FIELD_NAMES[] = {"to", "as", "basis", "outcome", "to_body", NULL};

static pacta_status read_field_set(pass_ctx *pc, const ynode *map, const char *key, unsigned *out)
{
    size_t count;
    const char **names;
    pacta_status st = load_string_list(&pc->lc, map, key, &count, &names);
    *out = 0;
    for (size_t i = 0; st == PACTA_OK && i < count; i++) {
        size_t f = 0;
        while (FIELD_NAMES[f] && strcmp(FIELD_NAMES[f], names[i]) != 0)
            f++;
        if (!FIELD_NAMES[f]) {
            st = load_error(&pc->lc, ymap_get(map, key), "unknown event field '%s'", names[i]);
            error_hint(pc->lc.err, "event fields are to, as, basis, outcome and to_body");
        } else {
            *out |= 1u << f;
        }
    }
    return st;
}

static pacta_status read_actions(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"name", "label", "verb", "removal", "fields", "required",
                                       "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'actions'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        action_def *a = arena_alloc(pc->lc.ar, sizeof *a);
        if (!a)
            return oom(pc);
        set_origin(&a->at, pc, n);
        st = load_check_map(&pc->lc, n, "an action", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "name", 1, &a->name);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &a->label);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "verb", 1, &a->verb);
        if (st == PACTA_OK)
            st = load_bool(&pc->lc, n, "removal", &a->removal);
        if (st == PACTA_OK)
            st = read_field_set(pc, n, "fields", &a->fields);
        if (st == PACTA_OK)
            st = read_field_set(pc, n, "required", &a->required);
        if (st == PACTA_OK && (a->required & ~a->fields))
            st = load_error(&pc->lc, ymap_get(n, "required"),
                            "a required field must also be listed in 'fields'");
        if (st == PACTA_OK && a->removal && !(a->required & AF_TO))
            st = load_error(&pc->lc, n, "a removal action must require 'to' (the destination)");
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, a))
            return oom(pc);
    }
    return st;
}

static const char *const FACT_KEYS[] = {"name", "label", "where", "justification", "field",
                                        "derived", "source", "note", NULL};

static pacta_status read_fact_names(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    pacta_status st = load_check_seq(&pc->lc, list, "'facts'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        fact_def *f = arena_alloc(pc->lc.ar, sizeof *f);
        if (!f)
            return oom(pc);
        set_origin(&f->at, pc, n);
        st = load_check_map(&pc->lc, n, "a fact", FACT_KEYS);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "name", 1, &f->name);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &f->label);
        if (st == PACTA_OK)
            st = load_bool(&pc->lc, n, "justification", &f->justification);
        size_t count = 0;
        const char **where = NULL;
        if (st == PACTA_OK)
            st = load_string_list(&pc->lc, n, "where", &count, &where);
        if (st == PACTA_OK && count == 0)
            st = load_error(&pc->lc, n, "fact '%s' needs 'where': state, person and/or event",
                            f->name);
        for (size_t w = 0; st == PACTA_OK && w < count; w++) {
            if (strcmp(where[w], "state") == 0)
                f->where |= FACT_ON_STATE;
            else if (strcmp(where[w], "person") == 0)
                f->where |= FACT_ON_PERSON;
            else if (strcmp(where[w], "event") == 0)
                f->where |= FACT_ON_EVENT;
            else
                st = load_error(&pc->lc, ymap_get(n, "where"),
                                "'where' lists state, person or event, not '%s'", where[w]);
        }
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, f))
            return oom(pc);
    }
    return st;
}

/* Sorts a vector of definitions by their key and refuses duplicates. */
typedef const char *(*key_fn)(const void *def);
typedef const origin *(*origin_fn)(const void *def);
typedef int (*compare_fn)(const void *a, const void *b);

static pacta_status sort_unique(pass_ctx *pc, ptrvec *v, key_fn key, compare_fn compare,
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

/* key, origin and qsort comparator of a definition type */
#define KEY_FN(name, type, field)                                                    \
    static const char *name(const void *d) { return ((const type *)d)->field; }     \
    static const origin *name##_at(const void *d) { return &((const type *)d)->at; } \
    static int name##_cmp(const void *a, const void *b)                              \
    {                                                                                \
        return strcmp(name(*(void *const *)a), name(*(void *const *)b));             \
    }
KEY_FN(source_key, source_def, id)
KEY_FN(state_key, state_def, code)
KEY_FN(action_key, action_def, name)
KEY_FN(fact_key, fact_def, name)
KEY_FN(indicator_key, indicator_def, id)
KEY_FN(instrument_key, instrument_def, id)
KEY_FN(rule_key, rule_def, id)

static const char *party_key(const void *d)
{
    return ((const party_def *)d)->state->code;
}
static const origin *party_key_at(const void *d)
{
    return &((const party_def *)d)->at;
}
static int party_key_cmp(const void *a, const void *b)
{
    return strcmp(party_key(*(void *const *)a), party_key(*(void *const *)b));
}
#define SORT_UNIQUE(pc, v, name, what) sort_unique(pc, v, name, name##_cmp, name##_at, what)

/* ------------------------------------------------------- the documents */

static const char *const SECTIONS[] = {"pacta-rules", "sources",    "states",  "actions",
                                       "facts",       "indicators", "instrument", "parties",
                                       "conditions",  "draft",      NULL};

static pacta_status check_document(pass_ctx *pc, const ynode *root)
{
    pacta_status st = load_check_map(&pc->lc, root, "a rule file", SECTIONS);
    if (st != PACTA_OK)
        return st;
    const ynode *version = ymap_get(root, "pacta-rules");
    if (!version) {
        st = load_error(&pc->lc, root, "a rule file starts with 'pacta-rules: 1'");
        return st;
    }
    if (!yscalar_is(version, "1"))
        return load_error(&pc->lc, version, "unsupported rule format version; this pacta reads 1");
    return PACTA_OK;
}

static pacta_status pass_one(pass_ctx *pc, ptrvec *sources, ptrvec *states, ptrvec *actions,
                             ptrvec *facts)
{
    pacta_rulebase *rb = pc->rb;
    pacta_status st = PACTA_OK;
    for (size_t d = 0; st == PACTA_OK && d < rb->docs.count; d++) {
        const ynode *root = rb->docs.items[d];
        pc->lc.file = rb->doc_names.items[d];
        st = check_document(pc, root);
        const ynode *n;
        if (st == PACTA_OK && (n = ymap_get(root, "sources")))
            st = read_sources(pc, n, sources);
        if (st == PACTA_OK && (n = ymap_get(root, "states")))
            st = read_states(pc, n, states);
        if (st == PACTA_OK && (n = ymap_get(root, "actions")))
            st = read_actions(pc, n, actions);
        if (st == PACTA_OK && (n = ymap_get(root, "facts")))
            st = read_fact_names(pc, n, facts);
    }
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, sources, source_key, "source");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, states, state_key, "state");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, actions, action_key, "action");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, facts, fact_key, "fact");
    if (st != PACTA_OK)
        return st;
    if (actions->count > MAX_ACTIONS)
        return error_set(pc->lc.err, PACTA_ELIMIT, "", 0, 0, "more than %d actions", MAX_ACTIONS);
    rb->sources = (source_def **)sources->items;
    rb->source_count = sources->count;
    rb->states = (state_def **)states->items;
    rb->state_count = states->count;
    rb->actions = (action_def **)actions->items;
    rb->action_count = actions->count;
    rb->facts = (fact_def **)facts->items;
    rb->fact_count = facts->count;
    for (size_t i = 0; i < rb->action_count; i++)
        rb->actions[i]->index = i;
    for (size_t i = 0; i < rb->fact_count; i++)
        rb->facts[i]->index = i;
    /* a state's name must come from a source like everything else */
    for (size_t i = 0; i < rb->state_count; i++) {
        const state_def *s = rb->states[i];
        if (!cite_source(pc, s->source))
            return error_set(pc->lc.err, PACTA_EINPUT, s->at.file, s->at.line, s->at.column,
                             "unknown source '%s' for state %s", s->source, s->code);
    }
    return PACTA_OK;
}

/* -------------------------------------------------------------- pass 2 */

static pacta_status read_fact_details(pass_ctx *pc, const ynode *list)
{
    pacta_status st = PACTA_OK;
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        fact_def *f = (fact_def *)rb_fact(pc->rb, ymap_get(n, "name")->str);
        const ynode *field = ymap_get(n, "field");
        if (field) {
            static const char *const keys[] = {"name", "values", NULL};
            st = load_check_map(&pc->lc, field, "'field'", keys);
            if (st == PACTA_OK)
                st = load_ident(&pc->lc, field, "name", 1, &f->field.field);
            const ynode *values = ymap_get(field, "values");
            if (st == PACTA_OK && (!values || values->kind != YNODE_MAP || values->count == 0))
                st = load_error(&pc->lc, values ? values : field,
                                "'values' maps field values to true or false");
            if (st != PACTA_OK)
                return st;
            f->field.count = values->count;
            f->field.values = arena_array(pc->lc.ar, values->count, sizeof *f->field.values);
            f->field.truths = arena_array(pc->lc.ar, values->count, sizeof *f->field.truths);
            if (!f->field.values || !f->field.truths)
                return oom(pc);
            for (size_t v = 0; st == PACTA_OK && v < values->count; v++) {
                f->field.values[v] = ymap_key(values, v)->str;
                st = load_truth_node(&pc->lc, ymap_value(values, v), &f->field.truths[v]);
            }
        }
        const ynode *derived = ymap_get(n, "derived");
        if (st == PACTA_OK && derived) {
            expr_scope scope = {pc->rb, pc->lc.ar, pc->lc.file, NULL, NULL, 0, pc->lc.err};
            expr *e;
            st = expr_parse(&scope, derived, &e);
            if (st == PACTA_OK)
                st = load_source_ref(pc, n, "source", 1, &f->derived_source);
            f->derived = e;
        }
        if (st == PACTA_OK && !derived && ymap_get(n, "source"))
            st = load_source_ref(pc, n, "source", 0, &f->derived_source);
    }
    return st;
}

static pacta_status read_indicators(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"id", "label", "fact", "value", "pattern", "source",
                                       "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'indicators'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        indicator_def *ind = arena_alloc(pc->lc.ar, sizeof *ind);
        if (!ind)
            return oom(pc);
        set_origin(&ind->at, pc, n);
        const char *fact, *source;
        st = load_check_map(&pc->lc, n, "an indicator", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &ind->id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &ind->label);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "fact", 1, &fact);
        if (st == PACTA_OK)
            st = load_source_ref(pc, n, "source", 0, &source);
        if (st == PACTA_OK && !(ind->fact = rb_fact(pc->rb, fact)))
            st = load_error(&pc->lc, ymap_get(n, "fact"), "unknown fact '%s'", fact);
        if (st == PACTA_OK && !(ind->fact->where & FACT_ON_EVENT))
            st = load_error(&pc->lc, ymap_get(n, "fact"),
                            "an indicator sets an event fact; '%s' is not stated on events", fact);
        ind->value = PACTA_TRUE;
        if (st == PACTA_OK && ymap_get(n, "value"))
            st = load_truth_node(&pc->lc, ymap_get(n, "value"), &ind->value);
        if (st == PACTA_OK)
            st = load_pattern(&pc->lc, n, "pattern", pc->rb->general_ctx, &ind->pattern, &ind->code);
        if (st != PACTA_OK)
            return st;
        if (ptrvec_push(pc->lc.ar, out, ind)) {
            pcre2_code_free(ind->code);
            return oom(pc);
        }
    }
    return st;
}

static pacta_status read_provisions(pass_ctx *pc, instrument_def *inst, const ynode *list)
{
    static const char *const keys[] = {"id", "label", "text", "source", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'provisions'");
    if (st != PACTA_OK)
        return st;
    inst->provision_count = list->count;
    inst->provisions = arena_array(pc->lc.ar, list->count ? list->count : 1, sizeof *inst->provisions);
    if (!inst->provisions)
        return oom(pc);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        provision_def *p = &inst->provisions[i];
        p->instrument = inst;
        set_origin(&p->at, pc, n);
        st = load_check_map(&pc->lc, n, "a provision", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &p->id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &p->label);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "text", 0, &p->text);
        if (st == PACTA_OK && p->text && !ymap_get(n, "source")) {
            st = load_error(&pc->lc, ymap_get(n, "text"), "provision %s has a text but no source",
                            p->id);
            error_hint(pc->lc.err, "every provision text names the source it was read in");
        }
        if (st == PACTA_OK)
            st = load_source_ref(pc, n, "source", 0, &p->source);
        for (size_t j = 0; st == PACTA_OK && j < i; j++)
            if (strcmp(inst->provisions[j].id, p->id) == 0)
                st = load_error(&pc->lc, ymap_get(n, "id"),
                                "duplicate provision '%s' (also at line %u)", p->id,
                                inst->provisions[j].at.line);
    }
    return st;
}

/* A provision id at key that must be one of the instrument's provisions. */
static pacta_status load_provision_ref(pass_ctx *pc, const instrument_def *inst, const ynode *map,
                                       const char *key, int required, const provision_def **out)
{
    const char *id;
    pacta_status st = load_ident(&pc->lc, map, key, required, &id);
    *out = NULL;
    if (st != PACTA_OK || !id)
        return st;
    *out = instrument_provision(inst, id);
    if (!*out) {
        st = load_error(&pc->lc, ymap_get(map, key), "instrument '%s' has no provision '%s'",
                        inst->id, id);
        error_hint(pc->lc.err, "list it under the instrument's 'provisions:'");
    }
    return st;
}

static pacta_status read_element_list(pass_ctx *pc, rule_def *rule, const ynode *rule_node,
                                      const char *key, step_role role, size_t *next)
{
    static const char *const keys[] = {"id", "label", "provision", "test", "authorities", "note",
                                       NULL};
    const ynode *list = ymap_get(rule_node, key);
    if (!list)
        return PACTA_OK;
    char what[48];
    snprintf(what, sizeof what, "'%s'", key);
    pacta_status st = load_check_seq(&pc->lc, list, what);
    expr_scope scope = {pc->rb,          pc->lc.ar,        pc->lc.file, rule->instrument,
                        rule->steps,     rule->step_count, pc->lc.err};
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        element_def *el = &rule->elements[(*next)++];
        el->role = role;
        set_origin(&el->at, pc, n);
        st = load_check_map(&pc->lc, n, role == ROLE_ELEMENT     ? "an element"
                                        : role == ROLE_EXCEPTION ? "an exception"
                                                                 : "a consideration",
                            keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &el->id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &el->label);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, rule->instrument, n, "provision", 0, &el->provision);
        if (st == PACTA_OK)
            st = load_source_list(pc, n, "authorities", &el->authority_count, &el->authorities);
        if (st == PACTA_OK && !ymap_get(n, "test"))
            st = load_error(&pc->lc, n, "'%s' needs a 'test'", el->id);
        if (st == PACTA_OK) {
            expr *e;
            st = expr_parse(&scope, ymap_get(n, "test"), &e);
            el->test = e;
        }
        for (size_t j = 0; st == PACTA_OK && &rule->elements[j] != el; j++)
            if (strcmp(rule->elements[j].id, el->id) == 0)
                st = load_error(&pc->lc, ymap_get(n, "id"), "duplicate id '%s' in rule '%s'",
                                el->id, rule->id);
        /* a justification cannot be an exception to a rule that admits none */
        if (st == PACTA_OK && role == ROLE_EXCEPTION && rule->absolute) {
            for (size_t f = 0; f < pc->rb->fact_count; f++) {
                const fact_def *fd = pc->rb->facts[f];
                if (fd->justification && expr_uses_fact(el->test, fd)) {
                    st = load_error(&pc->lc, n,
                                    "rule '%s' is absolute, so '%s' (a justification) cannot "
                                    "be an exception to it",
                                    rule->id, fd->name);
                    break;
                }
            }
        }
    }
    return st;
}

static pacta_status read_sequence(pass_ctx *pc, rule_def *rule, const ynode *list)
{
    static const char *const keys[] = {"step", "on", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'sequence'");
    if (st == PACTA_OK && list->count < 2)
        st = load_error(&pc->lc, list, "a sequence has at least two steps");
    if (st != PACTA_OK)
        return st;
    rule->step_count = list->count;
    rule->steps = arena_array(pc->lc.ar, list->count, sizeof *rule->steps);
    if (!rule->steps)
        return oom(pc);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        st = load_check_map(&pc->lc, n, "a sequence step", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "step", 1, &rule->steps[i].name);
        if (st == PACTA_OK)
            st = expr_parse_actions(pc->rb, &pc->lc, n, "on", &rule->steps[i].actions);
        if (st == PACTA_OK && !rule->steps[i].actions)
            st = load_error(&pc->lc, n, "step '%s' needs 'on': the actions it matches",
                            rule->steps[i].name);
        for (size_t j = 0; st == PACTA_OK && j < i; j++)
            if (strcmp(rule->steps[j].name, rule->steps[i].name) == 0)
                st = load_error(&pc->lc, ymap_get(n, "step"), "duplicate step '%s'",
                                rule->steps[i].name);
    }
    return st;
}

static size_t list_len(const ynode *map, const char *key)
{
    const ynode *n = ymap_get(map, key);
    return n && n->kind == YNODE_SEQ ? n->count : 0;
}

static pacta_status read_rules(pass_ctx *pc, instrument_def *inst, const ynode *list,
                               ptrvec *rules)
{
    static const char *const keys[] = {"id", "title", "provision", "on", "sequence", "authorities",
                                       "absolute", "nature", "elements", "exceptions",
                                       "considerations", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'rules'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        rule_def *rule = arena_alloc(pc->lc.ar, sizeof *rule);
        if (!rule)
            return oom(pc);
        rule->instrument = inst;
        set_origin(&rule->at, pc, n);
        const char *local_id;
        st = load_check_map(&pc->lc, n, "a rule", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &local_id);
        if (st == PACTA_OK && !(rule->id = arena_printf(pc->lc.ar, "%s/%s", inst->id, local_id)))
            return oom(pc);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "title", 1, &rule->title);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, n, "provision", 1, &rule->provision);
        if (st == PACTA_OK)
            st = load_source_list(pc, n, "authorities", &rule->authority_count, &rule->authorities);
        const char *nature = NULL;
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "nature", 0, &nature);
        if (st == PACTA_OK && nature) {
            if (strcmp(nature, "obligation") == 0)
                rule->nature = NATURE_OBLIGATION;
            else if (strcmp(nature, "permission") == 0)
                rule->nature = NATURE_PERMISSION;
            else if (strcmp(nature, "no_excuse") == 0)
                rule->nature = NATURE_NO_EXCUSE;
            else
                st = load_error(&pc->lc, ymap_get(n, "nature"),
                                "nature is obligation, permission or no_excuse, not '%s'", nature);
        }
        const ynode *absolute = ymap_get(n, "absolute");
        if (st == PACTA_OK && absolute) {
            static const char *const abs_keys[] = {"source", NULL};
            st = load_check_map(&pc->lc, absolute, "'absolute'", abs_keys);
            if (st == PACTA_OK)
                st = load_source_ref(pc, absolute, "source", 1, &rule->absolute_source);
            rule->absolute = 1;
        }
        const ynode *on = ymap_get(n, "on"), *sequence = ymap_get(n, "sequence");
        if (st == PACTA_OK && !on == !sequence)
            st = load_error(&pc->lc, n, "a rule has either 'on' (one event) or 'sequence'");
        if (st == PACTA_OK && on)
            st = expr_parse_actions(pc->rb, &pc->lc, n, "on", &rule->trigger);
        if (st == PACTA_OK && sequence)
            st = read_sequence(pc, rule, sequence);
        if (st != PACTA_OK)
            return st;
        size_t total = list_len(n, "elements") + list_len(n, "exceptions") +
                       list_len(n, "considerations");
        if (list_len(n, "elements") == 0)
            return load_error(&pc->lc, n, "rule '%s' needs at least one element", rule->id);
        rule->elements = arena_array(pc->lc.ar, total, sizeof *rule->elements);
        if (!rule->elements)
            return oom(pc);
        size_t next = 0;
        st = read_element_list(pc, rule, n, "elements", ROLE_ELEMENT, &next);
        if (st == PACTA_OK)
            st = read_element_list(pc, rule, n, "exceptions", ROLE_EXCEPTION, &next);
        if (st == PACTA_OK)
            st = read_element_list(pc, rule, n, "considerations", ROLE_CONSIDERATION, &next);
        rule->element_count = next;
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, rules, rule))
            return oom(pc);
    }
    return st;
}

static pacta_status read_duration(pass_ctx *pc, const ynode *map, pduration *out)
{
    const char *text;
    pacta_status st = load_string(&pc->lc, map, "delay", 1, &text);
    if (st == PACTA_OK && pduration_parse(text, strlen(text), out) != 0) {
        st = load_error(&pc->lc, ymap_get(map, "delay"), "'%s' is not a delay", text);
        error_hint(pc->lc.err, "write N days, N months or N years");
    }
    return st;
}

static pacta_status read_treaty_clauses(pass_ctx *pc, instrument_def *inst, const ynode *n)
{
    pacta_status st = PACTA_OK;
    const provision_def *clause;
    const ynode *eif = ymap_get(n, "entry_into_force");
    if (!eif)
        return load_error(&pc->lc, n, "a treaty needs 'entry_into_force' (its delay for later parties)");
    static const char *const eif_keys[] = {"delay", "clause", "source", NULL};
    st = load_check_map(&pc->lc, eif, "'entry_into_force'", eif_keys);
    if (st == PACTA_OK)
        st = read_duration(pc, eif, &inst->eif_delay);
    if (st == PACTA_OK)
        st = load_provision_ref(pc, inst, eif, "clause", 1, &clause);
    if (st == PACTA_OK)
        inst->eif_clause = clause->id;
    if (st == PACTA_OK)
        st = load_source_ref(pc, eif, "source", 1, &inst->eif_source);

    const ynode *den = ymap_get(n, "denunciation");
    if (st == PACTA_OK && !den)
        st = load_error(&pc->lc, n,
                        "a treaty needs 'denunciation': {delay, clause, source} or {none: true, source}");
    if (st == PACTA_OK) {
        static const char *const den_keys[] = {"delay", "clause", "source", "none", NULL};
        st = load_check_map(&pc->lc, den, "'denunciation'", den_keys);
    }
    if (st == PACTA_OK && ymap_get(den, "none")) {
        int none = 0;
        st = load_bool(&pc->lc, den, "none", &none);
        if (st == PACTA_OK && !none)
            st = load_error(&pc->lc, ymap_get(den, "none"), "write 'none: true' or give a delay");
        if (st == PACTA_OK)
            st = load_source_ref(pc, den, "source", 1, &inst->denunciation_source);
    } else if (st == PACTA_OK) {
        inst->denounceable = 1;
        st = read_duration(pc, den, &inst->denunciation_delay);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, den, "clause", 1, &clause);
        if (st == PACTA_OK)
            inst->denunciation_clause = clause->id;
        if (st == PACTA_OK)
            st = load_source_ref(pc, den, "source", 1, &inst->denunciation_source);
    }

    const ynode *nr = ymap_get(n, "non_reservable");
    if (st == PACTA_OK && nr) {
        static const char *const nr_keys[] = {"provisions", "clause", "source", NULL};
        st = load_check_map(&pc->lc, nr, "'non_reservable'", nr_keys);
        if (st == PACTA_OK)
            st = load_string_list(&pc->lc, nr, "provisions", &inst->non_reservable_count,
                                  &inst->non_reservable);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, nr, "clause", 1, &clause);
        if (st == PACTA_OK)
            inst->non_reservable_clause = clause->id;
        const char *src;
        if (st == PACTA_OK)
            st = load_source_ref(pc, nr, "source", 1, &src);
    }
    return st;
}

static pacta_status read_state_list(pass_ctx *pc, instrument_def *inst, const ynode *n,
                                    const char *key)
{
    size_t count;
    const char **codes;
    pacta_status st = load_string_list(&pc->lc, n, key, &count, &codes);
    if (st != PACTA_OK)
        return st;
    inst->states = arena_array(pc->lc.ar, count ? count : 1, sizeof *inst->states);
    if (!inst->states)
        return oom(pc);
    inst->state_count = count;
    for (size_t i = 0; i < count; i++)
        if (!(inst->states[i] = rb_state(pc->rb, codes[i])))
            return load_error(&pc->lc, ymap_get(n, key), "unknown state '%s'", codes[i]);
    if (count == 0)
        return load_error(&pc->lc, n, "'%s' must name the bound state(s)", key);
    return PACTA_OK;
}

/*
 * The structured parts of an instrument's citation, which the citation
 * styles assemble: `unts: {volume: 189, page: 137}` (vouched for by the
 * citation's source, and checked against its `cite:` when that names the
 * UNTS) and `place: {name: Geneva, source: ...}`.
 */
static pacta_status read_citation_parts(pass_ctx *pc, instrument_def *inst, const ynode *citation)
{
    static const char *const unts_keys[] = {"volume", "page", NULL};
    static const char *const place_keys[] = {"name", "source", NULL};
    const ynode *unts = ymap_get(citation, "unts"), *place = ymap_get(citation, "place");
    pacta_status st = PACTA_OK;
    if (unts) {
        long long volume = 0, page = 0;
        st = load_check_map(&pc->lc, unts, "'unts'", unts_keys);
        if (st == PACTA_OK)
            st = load_count(&pc->lc, unts, "volume", &volume);
        if (st == PACTA_OK)
            st = load_count(&pc->lc, unts, "page", &page);
        if (st == PACTA_OK && (volume <= 0 || page <= 0 || volume > 100000 || page > 100000))
            return load_error(&pc->lc, unts, "'unts' needs a volume and a page, each from 1 to 100000");
        if (st != PACTA_OK)
            return st;
        inst->unts_volume = (unsigned)volume;
        inst->unts_page = (unsigned)page;
        unsigned cv, cp;
        char rest;
        if (sscanf(inst->cite, "%u UNTS %u%c", &cv, &cp, &rest) == 2 &&
            (cv != inst->unts_volume || cp != inst->unts_page))
            return load_error(&pc->lc, unts, "'unts' (%u, %u) disagrees with cite '%s'",
                              inst->unts_volume, inst->unts_page, inst->cite);
    }
    if (place) {
        st = load_check_map(&pc->lc, place, "'place'", place_keys);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, place, "name", 1, &inst->place);
        if (st == PACTA_OK)
            st = load_source_ref(pc, place, "source", 1, &inst->place_source);
    }
    return st;
}

static pacta_status read_instrument(pass_ctx *pc, const ynode *n, ptrvec *instruments,
                                    ptrvec *rules)
{
    static const char *const keys[] = {"id", "title", "short", "basis", "citation", "adopted",
                                       "in_force", "entry_into_force", "denunciation",
                                       "non_reservable", "incorporates", "authorities",
                                       "binds_from", "state", "states", "provisions",
                                       "provisions_complete", "rules", "note", NULL};
    instrument_def *inst = arena_alloc(pc->lc.ar, sizeof *inst);
    if (!inst)
        return oom(pc);
    set_origin(&inst->at, pc, n);
    const char *basis;
    pacta_status st = load_check_map(&pc->lc, n, "'instrument'", keys);
    if (st == PACTA_OK)
        st = load_ident(&pc->lc, n, "id", 1, &inst->id);
    if (st == PACTA_OK)
        st = load_string(&pc->lc, n, "title", 1, &inst->title);
    if (st == PACTA_OK)
        st = load_string(&pc->lc, n, "short", 0, &inst->short_title);
    if (st == PACTA_OK && !inst->short_title)
        inst->short_title = inst->title;
    if (st == PACTA_OK)
        st = load_ident(&pc->lc, n, "basis", 1, &basis);
    if (st == PACTA_OK) {
        if (strcmp(basis, "treaty") == 0)
            inst->kind = BIND_TREATY;
        else if (strcmp(basis, "customary") == 0)
            inst->kind = BIND_CUSTOMARY;
        else if (strcmp(basis, "domestic") == 0)
            inst->kind = BIND_DOMESTIC;
        else if (strcmp(basis, "bilateral") == 0)
            inst->kind = BIND_BILATERAL;
        else
            st = load_error(&pc->lc, ymap_get(n, "basis"),
                            "basis is treaty, customary, domestic or bilateral, not '%s'", basis);
    }
    const ynode *citation = ymap_get(n, "citation");
    if (st == PACTA_OK && citation) {
        static const char *const cite_keys[] = {"cite", "source", "url", "unts", "place", NULL};
        st = load_check_map(&pc->lc, citation, "'citation'", cite_keys);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, citation, "cite", 1, &inst->cite);
        if (st == PACTA_OK)
            st = load_source_ref(pc, citation, "source", 1, &inst->cite_source);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, citation, "url", 0, &inst->url);
        if (st == PACTA_OK)
            st = read_citation_parts(pc, inst, citation);
    }
    if (st == PACTA_OK)
        st = load_dated(pc, n, "adopted", 0, NULL, &inst->adopted);
    if (st == PACTA_OK)
        st = load_dated(pc, n, "in_force", 0, NULL, &inst->in_force);
    if (st == PACTA_OK)
        st = load_source_list(pc, n, "authorities", &inst->authority_count, &inst->authorities);
    if (st == PACTA_OK)
        st = load_dated(pc, n, "binds_from", 0, NULL, &inst->binds_from);
    if (st == PACTA_OK && ymap_get(n, "provisions"))
        st = read_provisions(pc, inst, ymap_get(n, "provisions"));
    if (st == PACTA_OK)
        st = load_bool(&pc->lc, n, "provisions_complete", &inst->provisions_complete);
    if (st != PACTA_OK)
        return st;

    switch (inst->kind) {
    case BIND_TREATY:
        if (!inst->in_force.set)
            return load_error(&pc->lc, n, "a treaty needs 'in_force' (its general entry into force)");
        st = read_treaty_clauses(pc, inst, n);
        break;
    case BIND_CUSTOMARY:
        if (inst->authority_count == 0)
            return load_error(&pc->lc, n, "customary law needs 'authorities' that attest the custom");
        break;
    case BIND_DOMESTIC:
        st = read_state_list(pc, inst, n, "state");
        break;
    case BIND_BILATERAL:
        st = read_state_list(pc, inst, n, "states");
        break;
    }
    const ynode *inc = ymap_get(n, "incorporates");
    if (st == PACTA_OK && inc) {
        static const char *const inc_keys[] = {"instrument", "provisions", "as", NULL};
        const provision_def *as;
        st = load_check_map(&pc->lc, inc, "'incorporates'", inc_keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, inc, "instrument", 1, &inst->incorporates_id);
        if (st == PACTA_OK)
            st = load_string_list(&pc->lc, inc, "provisions", &inst->incorporated_count,
                                  &inst->incorporated);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, inc, "as", 1, &as);
        if (st == PACTA_OK)
            inst->incorporating_provision = as->id;
    }
    if (st == PACTA_OK && ymap_get(n, "rules"))
        st = read_rules(pc, inst, ymap_get(n, "rules"), rules);
    if (st == PACTA_OK && ptrvec_push(pc->lc.ar, instruments, inst))
        return oom(pc);
    return st;
}

/* The country-conditions library: dated facts about states, each with its source. */
static pacta_status read_conditions(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"state", "fact", "value", "from", "until", "source",
                                       "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'conditions'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        rb_condition *c = arena_alloc(pc->lc.ar, sizeof *c);
        if (!c)
            return oom(pc);
        set_origin(&c->at, pc, n);
        const char *code, *fact;
        st = load_check_map(&pc->lc, n, "a condition", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "state", 1, &code);
        if (st == PACTA_OK && !(c->state = rb_state(pc->rb, code)))
            st = load_error(&pc->lc, ymap_get(n, "state"), "unknown state '%s'", code);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "fact", 1, &fact);
        if (st == PACTA_OK && !(c->fact = rb_fact(pc->rb, fact)))
            st = load_error(&pc->lc, ymap_get(n, "fact"), "unknown fact '%s'", fact);
        if (st == PACTA_OK && !(c->fact->where & FACT_ON_STATE))
            st = load_error(&pc->lc, ymap_get(n, "fact"), "'%s' is not a fact about a state", fact);
        c->value = PACTA_TRUE;
        if (st == PACTA_OK && ymap_get(n, "value"))
            st = load_truth_node(&pc->lc, ymap_get(n, "value"), &c->value);
        /* the condition's source vouches for its window, so dates here need no source of their own */
        if (st == PACTA_OK)
            st = load_source_ref(pc, n, "source", 1, &c->source);
        if (st == PACTA_OK && ymap_get(n, "from")) {
            st = load_date_node(&pc->lc, ymap_get(n, "from"), &c->from.when, &c->from.text);
            c->from.set = 1;
            c->from.source = c->source;
        }
        if (st == PACTA_OK && ymap_get(n, "until")) {
            st = load_date_node(&pc->lc, ymap_get(n, "until"), &c->until.when, &c->until.text);
            c->until.set = 1;
            c->until.source = c->source;
        }
        if (st == PACTA_OK && c->from.set && c->until.set && c->until.when.hi < c->from.when.lo)
            st = load_error(&pc->lc, ymap_get(n, "until"), "'until' is before 'from'");
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "note", 0, &c->note);
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, c))
            return oom(pc);
    }
    return st;
}

/* Depth-first search over derivations: 1 = on the current path, 2 = done. */
static const fact_def *find_cycle(const expr *e, unsigned char *mark)
{
    if (e->kind == EX_FACT && e->fact->derived) {
        size_t i = e->fact->index;
        if (mark[i] == 1)
            return e->fact;
        if (mark[i] == 0) {
            mark[i] = 1;
            const fact_def *cycle = find_cycle(e->fact->derived, mark);
            if (cycle)
                return cycle;
            mark[i] = 2;
        }
        return NULL;
    }
    for (size_t k = 0; k < e->count; k++) {
        const fact_def *cycle = find_cycle(e->kids[k], mark);
        if (cycle)
            return cycle;
    }
    return NULL;
}

/* A derived fact may not depend on itself, or resolving it would not end. */
static pacta_status check_derivations(pass_ctx *pc)
{
    unsigned char *mark = arena_alloc(pc->lc.ar, pc->rb->fact_count + 1);
    if (!mark)
        return oom(pc);
    for (size_t i = 0; i < pc->rb->fact_count; i++) {
        const fact_def *f = pc->rb->facts[i];
        if (!f->derived || mark[i] == 2)
            continue;
        mark[i] = 1;
        const fact_def *cycle = find_cycle(f->derived, mark);
        if (cycle)
            return error_set(pc->lc.err, PACTA_EINPUT, cycle->at.file, cycle->at.line,
                             cycle->at.column, "fact '%s' is derived, through other facts, from itself",
                             cycle->name);
        mark[i] = 2;
    }
    return PACTA_OK;
}

static pacta_status pass_two(pass_ctx *pc, ptrvec *indicators, ptrvec *instruments, ptrvec *rules)
{
    pacta_rulebase *rb = pc->rb;
    pacta_status st = PACTA_OK;
    /* derived facts first, everywhere, so that cycles are found before rules use them */
    for (size_t d = 0; st == PACTA_OK && d < rb->docs.count; d++) {
        const ynode *n = ymap_get(rb->docs.items[d], "facts");
        pc->lc.file = rb->doc_names.items[d];
        if (n)
            st = read_fact_details(pc, n);
    }
    if (st == PACTA_OK)
        st = check_derivations(pc);
    ptrvec conditions = {0}, draft_cues = {0}, draft_names = {0};
    for (size_t d = 0; st == PACTA_OK && d < rb->docs.count; d++) {
        const ynode *root = rb->docs.items[d];
        const ynode *n;
        pc->lc.file = rb->doc_names.items[d];
        if ((n = ymap_get(root, "indicators")))
            st = read_indicators(pc, n, indicators);
        if (st == PACTA_OK && (n = ymap_get(root, "instrument")))
            st = read_instrument(pc, n, instruments, rules);
        if (st == PACTA_OK && (n = ymap_get(root, "conditions")))
            st = read_conditions(pc, n, &conditions);
        if (st == PACTA_OK && (n = ymap_get(root, "draft")))
            st = draft_rules_read(rb, &pc->lc, n, &draft_cues, &draft_names);
    }
    if (st == PACTA_OK)
        st = draft_rules_finish(rb, &pc->lc, &draft_names);
    /* before any return: pacta_rulebase_free releases the compiled patterns through these */
    rb->indicators = (indicator_def **)indicators->items;
    rb->indicator_count = indicators->count;
    rb->condition_count = conditions.count;
    rb->conditions = arena_array(pc->lc.ar, conditions.count ? conditions.count : 1,
                                 sizeof *rb->conditions);
    if (!rb->conditions)
        return oom(pc);
    for (size_t i = 0; i < conditions.count; i++)
        rb->conditions[i] = *(rb_condition *)conditions.items[i];
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, indicators, indicator_key, "indicator");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, instruments, instrument_key, "instrument");
    if (st != PACTA_OK)
        return st;
    rb->instruments = (instrument_def **)instruments->items;
    rb->instrument_count = instruments->count;
    if (rules->count > rb->opts.max_rules)
        return error_set(pc->lc.err, PACTA_ELIMIT, "", 0, 0, "more than %zu rules",
                         rb->opts.max_rules);
    /* rules keep file order (it is the order findings are listed in), but ids must be unique */
    ptrvec sorted = {0};
    for (size_t i = 0; i < rules->count; i++)
        if (ptrvec_push(pc->lc.ar, &sorted, rules->items[i]))
            return oom(pc);
    st = SORT_UNIQUE(pc, &sorted, rule_key, "rule");
    rb->rules = (rule_def **)rules->items;
    rb->rule_count = rules->count;
    for (size_t i = 0; i < rb->rule_count; i++)
        rb->rules[i]->index = i;
    return st;
}

/* -------------------------------------------------------------- pass 3 */

static const char *const CONSENT_TYPES[] = {"ratification", "accession", "succession",
                                            "acceptance", "approval", NULL};

static pacta_status read_reservations(pass_ctx *pc, party_def *p, const ynode *list)
{
    static const char *const keys[] = {"provisions", "text", "source", "withdrawn", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'reservations'");
    if (st != PACTA_OK)
        return st;
    p->reservation_count = list->count;
    p->reservations = arena_array(pc->lc.ar, list->count ? list->count : 1, sizeof *p->reservations);
    if (!p->reservations)
        return oom(pc);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        reservation_def *r = &p->reservations[i];
        set_origin(&r->at, pc, n);
        st = load_check_map(&pc->lc, n, "a reservation", keys);
        if (st == PACTA_OK)
            st = load_string_list(&pc->lc, n, "provisions", &r->count, &r->provisions);
        if (st == PACTA_OK && r->count == 0)
            st = load_error(&pc->lc, n, "a reservation names the provisions it excludes");
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "text", 0, &r->text);
        if (st == PACTA_OK)
            st = load_source_ref(pc, n, "source", 1, &r->source);
        if (st == PACTA_OK)
            st = load_dated(pc, n, "withdrawn", 0, NULL, &r->withdrawn);
    }
    return st;
}

static pacta_status read_party(pass_ctx *pc, instrument_def *inst, const ynode *n, ptrvec *out)
{
    static const char *const keys[] = {"state", "signature", "consent", "effective",
                                       "reservations", "denunciation", "note", NULL};
    static const char *const consent_extra[] = {"type", NULL};
    static const char *const denunciation_extra[] = {"note", NULL};
    party_def *p = arena_alloc(pc->lc.ar, sizeof *p);
    if (!p)
        return oom(pc);
    p->instrument = inst;
    set_origin(&p->at, pc, n);
    const char *code;
    pacta_status st = load_check_map(&pc->lc, n, "a party record", keys);
    if (st == PACTA_OK)
        st = load_ident(&pc->lc, n, "state", 1, &code);
    if (st == PACTA_OK && !(p->state = rb_state(pc->rb, code)))
        st = load_error(&pc->lc, ymap_get(n, "state"), "unknown state '%s'", code);
    if (st == PACTA_OK)
        st = load_dated(pc, n, "signature", 0, NULL, &p->signature);
    if (st == PACTA_OK)
        st = load_dated(pc, n, "consent", 0, consent_extra, &p->consent);
    if (st == PACTA_OK && p->consent.set) {
        const ynode *consent = ymap_get(n, "consent");
        st = load_ident(&pc->lc, consent, "type", 0, &p->consent_type);
        if (st == PACTA_OK && p->consent_type) {
            size_t k = 0;
            while (CONSENT_TYPES[k] && strcmp(CONSENT_TYPES[k], p->consent_type) != 0)
                k++;
            if (!CONSENT_TYPES[k]) {
                st = load_error(&pc->lc, ymap_get(consent, "type"), "unknown consent type '%s'",
                                p->consent_type);
                error_hint(pc->lc.err,
                           "ratification, accession, succession, acceptance or approval");
            }
        }
    }
    if (st == PACTA_OK && !p->consent.set && !p->signature.set)
        st = load_error(&pc->lc, n, "a party record needs a consent or a signature");
    if (st == PACTA_OK)
        st = load_dated(pc, n, "effective", 0, NULL, &p->succession_effective);
    if (st == PACTA_OK && p->succession_effective.set &&
        (!p->consent_type || strcmp(p->consent_type, "succession") != 0))
        st = load_error(&pc->lc, ymap_get(n, "effective"),
                        "'effective' is for successions; this consent is not one");
    if (st == PACTA_OK && ymap_get(n, "reservations"))
        st = read_reservations(pc, p, ymap_get(n, "reservations"));
    if (st == PACTA_OK)
        st = load_dated(pc, n, "denunciation", 0, denunciation_extra, &p->denunciation);
    if (st == PACTA_OK && p->denunciation.set)
        st = load_string(&pc->lc, ymap_get(n, "denunciation"), "note", 0, &p->denunciation_note);
    if (st == PACTA_OK)
        st = load_string(&pc->lc, n, "note", 0, &p->note);
    if (st == PACTA_OK && p->denunciation.set && p->consent.set &&
        p->denunciation.when.hi < p->consent.when.lo)
        st = load_error(&pc->lc, ymap_get(n, "denunciation"),
                        "the denunciation is dated before the consent");
    if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, p))
        return oom(pc);
    return st;
}

static pacta_status pass_three(pass_ctx *pc)
{
    pacta_rulebase *rb = pc->rb;
    pacta_status st = PACTA_OK;
    ptrvec *records = arena_array(pc->lc.ar, rb->instrument_count ? rb->instrument_count : 1,
                                  sizeof *records);
    if (!records)
        return oom(pc);
    for (size_t d = 0; st == PACTA_OK && d < rb->docs.count; d++) {
        const ynode *n = ymap_get(rb->docs.items[d], "parties");
        pc->lc.file = rb->doc_names.items[d];
        if (!n)
            continue;
        static const char *const keys[] = {"instrument", "records", "note", NULL};
        const char *id;
        st = load_check_map(&pc->lc, n, "'parties'", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "instrument", 1, &id);
        const instrument_def *inst = st == PACTA_OK ? rb_instrument(rb, id) : NULL;
        if (st == PACTA_OK && !inst)
            st = load_error(&pc->lc, ymap_get(n, "instrument"), "unknown instrument '%s'", id);
        if (st == PACTA_OK && inst->kind != BIND_TREATY)
            st = load_error(&pc->lc, ymap_get(n, "instrument"),
                            "party records are for treaties; '%s' is not one", id);
        const ynode *list = st == PACTA_OK ? ymap_get(n, "records") : NULL;
        if (st == PACTA_OK)
            st = load_check_seq(&pc->lc, list, "'records'");
        size_t slot = 0;
        while (st == PACTA_OK && rb->instruments[slot] != inst)
            slot++;
        for (size_t i = 0; st == PACTA_OK && i < list->count; i++)
            st = read_party(pc, rb->instruments[slot], list->items[i], &records[slot]);
    }
    for (size_t i = 0; st == PACTA_OK && i < rb->instrument_count; i++) {
        instrument_def *inst = rb->instruments[i];
        st = SORT_UNIQUE(pc, &records[i], party_key, "party record for state");
        inst->parties = (party_def **)records[i].items;
        inst->party_count = records[i].count;
        for (size_t p = 0; st == PACTA_OK && p < inst->party_count; p++) {
            const party_def *party = inst->parties[p];
            if (party->consent.set && inst->adopted.set &&
                party->consent.when.hi < inst->adopted.when.lo)
                st = error_set(pc->lc.err, PACTA_EINPUT, party->at.file, party->at.line,
                               party->at.column,
                               "%s's consent (%s) is dated before the instrument was adopted (%s)",
                               party->state->code, party->consent.text, inst->adopted.text);
        }
        if (st == PACTA_OK && inst->incorporates_id) {
            inst->incorporates = (instrument_def *)rb_instrument(rb, inst->incorporates_id);
            if (!inst->incorporates)
                st = error_set(pc->lc.err, PACTA_EINPUT, inst->at.file, inst->at.line,
                               inst->at.column, "unknown instrument '%s' in 'incorporates'",
                               inst->incorporates_id);
            else if (inst->incorporates->incorporated_by)
                st = error_set(pc->lc.err, PACTA_EINPUT, inst->at.file, inst->at.line,
                               inst->at.column, "instrument '%s' is already incorporated by '%s'",
                               inst->incorporates_id, inst->incorporates->incorporated_by->id);
            else
                inst->incorporates->incorporated_by = inst;
        }
    }
    return st;
}

pacta_status rules_load_all(pacta_rulebase *rb, pacta_error *err)
{
    pass_ctx pc = {rb, {rb->ar, "", err}};
    ptrvec sources = {0}, states = {0}, actions = {0}, facts = {0};
    ptrvec indicators = {0}, instruments = {0}, rules = {0};
    pacta_status st = pass_one(&pc, &sources, &states, &actions, &facts);
    if (st == PACTA_OK)
        st = pass_two(&pc, &indicators, &instruments, &rules);
    if (st == PACTA_OK)
        st = pass_three(&pc);
    return st;
}
