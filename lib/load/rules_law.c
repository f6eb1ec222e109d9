/*
 * rules_law.c: pass 2 over the rule files (see rules_load.c): fact details,
 * the narrative indicators, instruments with their provisions, treaty
 * clauses and rules, the country-conditions library, the drafter's cues
 * (draft_rules.c), and the check that no derived fact depends on itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "load/draft_rules.h"
#include "load/expr.h"
#include "load/rules_pass.h"

KEY_FN(indicator_key, indicator_def, id)
KEY_FN(instrument_key, instrument_def, id)
KEY_FN(rule_key, rule_def, id)

/* The authorities an onward test cites must be sources, like every citation in rules/. */
static pacta_status check_test_sources(pass_ctx *pc, const expr *e)
{
    for (size_t i = 0; e->kind == EX_ONWARD && i < e->authority_count; i++)
        if (!pass_cite_source(pc, e->authorities[i]))
            return error_set(pc->lc.err, PACTA_EINPUT, e->at.file, e->at.line, e->at.column,
                             "unknown source '%s' in the onward test's authorities",
                             e->authorities[i]);
    for (size_t i = 0; i < e->count; i++) {
        pacta_status st = check_test_sources(pc, e->kids[i]);
        if (st != PACTA_OK)
            return st;
    }
    return PACTA_OK;
}

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
                return pass_oom(pc);
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
                st = check_test_sources(pc, e);
            if (st == PACTA_OK)
                st = pass_source_ref(pc, n, "source", 1, &f->derived_source);
            f->derived = e;
        }
        if (st == PACTA_OK && !derived && ymap_get(n, "source"))
            st = pass_source_ref(pc, n, "source", 0, &f->derived_source);
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
            return pass_oom(pc);
        pass_origin(&ind->at, pc, n);
        const char *fact, *source;
        st = load_check_map(&pc->lc, n, "an indicator", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &ind->id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &ind->label);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "fact", 1, &fact);
        if (st == PACTA_OK)
            st = pass_source_ref(pc, n, "source", 0, &source);
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
            return pass_oom(pc);
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
        return pass_oom(pc);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        provision_def *p = &inst->provisions[i];
        p->instrument = inst;
        pass_origin(&p->at, pc, n);
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
            st = pass_source_ref(pc, n, "source", 0, &p->source);
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

/* An exception's requirement: {label: ..., test: ...} (see element_def.requires). */
static pacta_status read_requirement(pass_ctx *pc, const expr_scope *scope, step_role role,
                                     const ynode *n, element_def *el)
{
    static const char *const keys[] = {"label", "test", NULL};
    if (role != ROLE_EXCEPTION)
        return load_error(&pc->lc, n, "only an exception can have 'requires'");
    pacta_status st = load_check_map(&pc->lc, n, "'requires'", keys);
    if (st == PACTA_OK)
        st = load_string(&pc->lc, n, "label", 1, &el->requires_label);
    if (st == PACTA_OK && !ymap_get(n, "test"))
        st = load_error(&pc->lc, n, "'requires' needs a 'test'");
    expr *e = NULL;
    if (st == PACTA_OK)
        st = expr_parse(scope, ymap_get(n, "test"), &e);
    if (st == PACTA_OK)
        st = check_test_sources(pc, e);
    el->requires = e;
    return st;
}

static pacta_status read_element_list(pass_ctx *pc, rule_def *rule, const ynode *rule_node,
                                      const char *key, step_role role, size_t *next)
{
    static const char *const keys[] = {"id", "label", "provision", "test", "requires",
                                       "authorities", "note", NULL};
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
        pass_origin(&el->at, pc, n);
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
            st = pass_source_list(pc, n, "authorities", &el->authority_count, &el->authorities);
        if (st == PACTA_OK && !ymap_get(n, "test"))
            st = load_error(&pc->lc, n, "'%s' needs a 'test'", el->id);
        if (st == PACTA_OK) {
            expr *e;
            st = expr_parse(&scope, ymap_get(n, "test"), &e);
            if (st == PACTA_OK)
                st = check_test_sources(pc, e);
            el->test = e;
        }
        if (st == PACTA_OK && ymap_get(n, "requires"))
            st = read_requirement(pc, &scope, role, ymap_get(n, "requires"), el);
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
        return pass_oom(pc);
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
            return pass_oom(pc);
        rule->instrument = inst;
        pass_origin(&rule->at, pc, n);
        const char *local_id;
        st = load_check_map(&pc->lc, n, "a rule", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &local_id);
        if (st == PACTA_OK && !(rule->id = arena_printf(pc->lc.ar, "%s/%s", inst->id, local_id)))
            return pass_oom(pc);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "title", 1, &rule->title);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, n, "provision", 1, &rule->provision);
        if (st == PACTA_OK)
            st = pass_source_list(pc, n, "authorities", &rule->authority_count, &rule->authorities);
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
                st = pass_source_ref(pc, absolute, "source", 1, &rule->absolute_source);
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
            return pass_oom(pc);
        size_t next = 0;
        st = read_element_list(pc, rule, n, "elements", ROLE_ELEMENT, &next);
        if (st == PACTA_OK)
            st = read_element_list(pc, rule, n, "exceptions", ROLE_EXCEPTION, &next);
        if (st == PACTA_OK)
            st = read_element_list(pc, rule, n, "considerations", ROLE_CONSIDERATION, &next);
        rule->element_count = next;
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, rules, rule))
            return pass_oom(pc);
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
        st = pass_source_ref(pc, eif, "source", 1, &inst->eif_source);

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
            st = pass_source_ref(pc, den, "source", 1, &inst->denunciation_source);
    } else if (st == PACTA_OK) {
        inst->denounceable = 1;
        st = read_duration(pc, den, &inst->denunciation_delay);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, den, "clause", 1, &clause);
        if (st == PACTA_OK)
            inst->denunciation_clause = clause->id;
        if (st == PACTA_OK)
            st = pass_source_ref(pc, den, "source", 1, &inst->denunciation_source);
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
            st = pass_source_ref(pc, nr, "source", 1, &src);
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
        return pass_oom(pc);
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
            st = pass_source_ref(pc, place, "source", 1, &inst->place_source);
    }
    return st;
}

/* The declarations a treaty allows that narrow its reach for the declaring party (rules/README.md). */
static pacta_status read_declaration_kinds(pass_ctx *pc, instrument_def *inst, const ynode *list)
{
    static const char *const keys[] = {"id", "provision", "label", "excludes", "source", "note",
                                       NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'declarations'");
    if (st != PACTA_OK)
        return st;
    inst->declaration_count = list->count;
    inst->declarations = arena_array(pc->lc.ar, list->count ? list->count : 1,
                                     sizeof *inst->declarations);
    if (!inst->declarations)
        return pass_oom(pc);
    expr_scope scope = {pc->rb, pc->lc.ar, pc->lc.file, inst, NULL, 0, pc->lc.err};
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        declaration_def *d = &inst->declarations[i];
        pass_origin(&d->at, pc, n);
        st = load_check_map(&pc->lc, n, "a declaration", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &d->id);
        for (size_t j = 0; st == PACTA_OK && j < i; j++)
            if (strcmp(inst->declarations[j].id, d->id) == 0)
                st = load_error(&pc->lc, ymap_get(n, "id"), "duplicate declaration '%s'", d->id);
        if (st == PACTA_OK)
            st = load_provision_ref(pc, inst, n, "provision", 1, &d->provision);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "label", 1, &d->label);
        if (st == PACTA_OK)
            st = pass_source_ref(pc, n, "source", 1, &d->source);
        if (st == PACTA_OK && !ymap_get(n, "excludes"))
            st = load_error(&pc->lc, n, "declaration '%s' needs 'excludes', the test of the cases it "
                                        "takes outside the declaring party's obligations",
                            d->id);
        if (st == PACTA_OK) {
            expr *e;
            st = expr_parse(&scope, ymap_get(n, "excludes"), &e);
            d->excludes = e;
        }
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
                                       "provisions_complete", "declarations", "rules", "note",
                                       NULL};
    instrument_def *inst = arena_alloc(pc->lc.ar, sizeof *inst);
    if (!inst)
        return pass_oom(pc);
    pass_origin(&inst->at, pc, n);
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
            st = pass_source_ref(pc, citation, "source", 1, &inst->cite_source);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, citation, "url", 0, &inst->url);
        if (st == PACTA_OK && inst->url)
            pass_origin(&inst->url_at, pc, ymap_get(citation, "url"));
        if (st == PACTA_OK)
            st = read_citation_parts(pc, inst, citation);
    }
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "adopted", 0, NULL, &inst->adopted);
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "in_force", 0, NULL, &inst->in_force);
    if (st == PACTA_OK)
        st = pass_source_list(pc, n, "authorities", &inst->authority_count, &inst->authorities);
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "binds_from", 0, NULL, &inst->binds_from);
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
    if (st == PACTA_OK && ymap_get(n, "declarations"))
        st = read_declaration_kinds(pc, inst, ymap_get(n, "declarations"));
    if (st == PACTA_OK && ymap_get(n, "rules"))
        st = read_rules(pc, inst, ymap_get(n, "rules"), rules);
    if (st == PACTA_OK && ptrvec_push(pc->lc.ar, instruments, inst))
        return pass_oom(pc);
    return st;
}

/* A condition's onward state: only on a fact that names one (`onward: true`). */
static pacta_status read_onward_to(pass_ctx *pc, const ynode *n, rb_condition *c)
{
    const char *code;
    pacta_status st = load_ident(&pc->lc, n, "onward_to", 1, &code);
    if (st == PACTA_OK && !c->fact->names_onward)
        st = load_error(&pc->lc, ymap_get(n, "onward_to"),
                        "'onward_to' names an onward state, which fact '%s' does not carry",
                        c->fact->name);
    if (st == PACTA_OK && !(c->onward_to = rb_state(pc->rb, code)))
        st = load_error(&pc->lc, ymap_get(n, "onward_to"), "unknown state '%s'", code);
    return st;
}

/* The nationalities a condition concerns (North Koreans in China, say); absent: everyone. */
static pacta_status read_nationals(pass_ctx *pc, const ynode *n, rb_condition *c)
{
    const char **codes;
    pacta_status st = load_string_list(&pc->lc, n, "nationals", &c->national_count, &codes);
    if (st != PACTA_OK)
        return st;
    c->nationals = arena_array(pc->lc.ar, c->national_count ? c->national_count : 1,
                               sizeof *c->nationals);
    if (!c->nationals)
        return pass_oom(pc);
    for (size_t i = 0; i < c->national_count; i++)
        if (!(c->nationals[i] = rb_state(pc->rb, codes[i])))
            return load_error(&pc->lc, ymap_get(n, "nationals"), "unknown state '%s'", codes[i]);
    return PACTA_OK;
}

/* The country-conditions library: dated facts about states, each with its source. */
static pacta_status read_conditions(pass_ctx *pc, const ynode *list, ptrvec *out)
{
    static const char *const keys[] = {"state", "fact", "value", "from", "until", "source",
                                       "onward_to", "nationals", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'conditions'");
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        rb_condition *c = arena_alloc(pc->lc.ar, sizeof *c);
        if (!c)
            return pass_oom(pc);
        pass_origin(&c->at, pc, n);
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
            st = pass_source_ref(pc, n, "source", 1, &c->source);
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
        if (st == PACTA_OK && ymap_get(n, "onward_to"))
            st = read_onward_to(pc, n, c);
        if (st == PACTA_OK && ymap_get(n, "nationals"))
            st = read_nationals(pc, n, c);
        if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, c))
            return pass_oom(pc);
    }
    return st;
}

/* Depth-first search over derivations: 1 = on the current path, 2 = done. */
static const fact_def *find_cycle(const expr *e, unsigned char *mark)
{
    /* a test read at the onward state may use the fact it defines: each hop
     * is read at another state, and the hops are bounded (reason/onward.c) */
    if (e->kind == EX_ONWARD)
        return NULL;
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
        return pass_oom(pc);
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

pacta_status pass_two(pass_ctx *pc, ptrvec *indicators, ptrvec *instruments, ptrvec *rules)
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
        size_t first = conditions.count;
        if (st == PACTA_OK && (n = ymap_get(root, "conditions")))
            st = read_conditions(pc, n, &conditions);
        for (size_t i = first; i < conditions.count; i++)
            ((rb_condition *)conditions.items[i])->rel_file = rb->doc_rel_names.items[d];
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
        return pass_oom(pc);
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
            return pass_oom(pc);
    st = SORT_UNIQUE(pc, &sorted, rule_key, "rule");
    rb->rules = (rule_def **)rules->items;
    rb->rule_count = rules->count;
    for (size_t i = 0; i < rb->rule_count; i++)
        rb->rules[i]->index = i;
    return st;
}
