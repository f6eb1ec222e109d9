/*
 * rules_load.c: reading rule files (format in rules/README.md) into the
 * rulebase model, then linking and checking the whole set.
 *
 * Definitions refer to each other across files, so the documents are read
 * in three passes:
 *   1. sources, states, actions, fact names and hosts (sorted, duplicates
 *      refused);
 *   2. fact details, indicators, instruments with their provisions and rules
 *      (rules_law.c);
 *   3. party records and links between instruments (rules_parties.c).
 * Every source id, state, action, fact and provision named anywhere must
 * exist; every date must carry a source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "load/rules_pass.h"

/* -------------------------------------------------------------- pass 1 */

static pacta_status read_sources(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"id",     "title",  "url",  "read_at",   "cite", "symbol",
                                       "series", "case", "published", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'sources'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        source_def *s = arena_alloc(pc->lc.ar, sizeof *s);
        if (!s)
            return pass_oom(pc);
        pass_origin(&s->at, pc, n);
        st = load_check_map(&pc->lc, n, "a source", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &s->id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "title", 1, &s->title);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "url", 0, &s->url);
        if (st == PACTA_OK && s->url)
            pass_origin(&s->url_at, pc, ymap_get(n, "url"));
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "read_at", 0, &s->read_at);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "cite", 0, &s->cite);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "symbol", 0, &s->symbol);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "series", 0, &s->series);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "case", 0, &s->case_no);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "published", 0, &s->published);
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, s))
            return pass_oom(pc);
    }
    return st;
}

/* hosts: the web hosts lint knows, official records and mirrors (rules/hosts.yaml) */
static pacta_status read_hosts(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"host", "kind", "owner", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'hosts'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        host_def *h = arena_alloc(pc->lc.ar, sizeof *h);
        if (!h)
            return pass_oom(pc);
        pass_origin(&h->at, pc, n);
        const char *kind = NULL;
        st = load_check_map(&pc->lc, n, "a host", keys);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "host", 1, &h->host);
        for (const char *c = h->host; st == PACTA_OK && *c; c++)
            if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '.'))
                st = load_error(&pc->lc, ymap_get(n, "host"),
                                "a host is a lower-case domain name such as 'treaties.un.org', "
                                "not '%s'",
                                h->host);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "kind", 1, &kind);
        if (st == PACTA_OK && strcmp(kind, "official") != 0 && strcmp(kind, "mirror") != 0)
            st = load_error(&pc->lc, ymap_get(n, "kind"),
                            "a host's kind is 'official' or 'mirror', not '%s'", kind);
        if (st == PACTA_OK)
            h->kind = strcmp(kind, "mirror") == 0 ? HOST_MIRROR : HOST_OFFICIAL;
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "owner", 1, &h->owner);
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, h))
            return pass_oom(pc);
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
            return pass_oom(pc);
        pass_origin(&s->at, pc, n);
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
            return pass_oom(pc);
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
            return pass_oom(pc);
        pass_origin(&a->at, pc, n);
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
            return pass_oom(pc);
    }
    return st;
}

static const char *const FACT_KEYS[] = {"name", "label", "where", "justification", "onward",
                                        "field", "derived", "source", "note", NULL};

static pacta_status read_fact_names(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    pacta_status st = load_check_seq(&pc->lc, list, "'facts'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        fact_def *f = arena_alloc(pc->lc.ar, sizeof *f);
        if (!f)
            return pass_oom(pc);
        pass_origin(&f->at, pc, n);
        st = load_check_map(&pc->lc, n, "a fact", FACT_KEYS);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "name", 1, &f->name);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &f->label);
        if (st == PACTA_OK)
            st = load_bool(&pc->lc, n, "justification", &f->justification);
        if (st == PACTA_OK)
            st = load_bool(&pc->lc, n, "onward", &f->names_onward);
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
            return pass_oom(pc);
    }
    return st;
}

/* Sorts a vector of definitions by their key and refuses duplicates. */

KEY_FN(source_key, source_def, id)
KEY_FN(state_key, state_def, code)
KEY_FN(action_key, action_def, name)
KEY_FN(fact_key, fact_def, name)
KEY_FN(host_key, host_def, host)

/* ------------------------------------------------------- the documents */

static const char *const SECTIONS[] = {"pacta-rules", "sources",    "states",  "actions",
                                       "facts",       "indicators", "instrument", "parties",
                                       "conditions",  "hosts",      "draft", NULL};

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
                             ptrvec *facts, ptrvec *hosts)
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
        if (st == PACTA_OK && (n = ymap_get(root, "hosts")))
            st = read_hosts(pc, n, hosts);
    }
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, sources, source_key, "source");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, states, state_key, "state");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, actions, action_key, "action");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, facts, fact_key, "fact");
    if (st == PACTA_OK)
        st = SORT_UNIQUE(pc, hosts, host_key, "host");
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
    rb->hosts = (host_def **)hosts->items;
    rb->host_count = hosts->count;
    for (size_t i = 0; i < rb->action_count; i++)
        rb->actions[i]->index = i;
    for (size_t i = 0; i < rb->fact_count; i++)
        rb->facts[i]->index = i;
    /* a state's name must come from a source like everything else */
    for (size_t i = 0; i < rb->state_count; i++) {
        const state_def *s = rb->states[i];
        if (!pass_cite_source(pc, s->source))
            return error_set(pc->lc.err, PACTA_EINPUT, s->at.file, s->at.line, s->at.column,
                             "unknown source '%s' for state %s", s->source, s->code);
    }
    return PACTA_OK;
}

pacta_status rules_load_all(pacta_rulebase *rb, pacta_error *err)
{
    pass_ctx pc = {rb, {rb->ar, "", err}};
    ptrvec sources = {0}, states = {0}, actions = {0}, facts = {0}, hosts = {0};
    ptrvec indicators = {0}, instruments = {0}, rules = {0};
    pacta_status st = pass_one(&pc, &sources, &states, &actions, &facts, &hosts);
    if (st == PACTA_OK)
        st = pass_two(&pc, &indicators, &instruments, &rules);
    if (st == PACTA_OK)
        st = pass_three(&pc);
    return st;
}
