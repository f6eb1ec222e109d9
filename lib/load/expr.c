/*
 * expr.c: parsing and three-valued evaluation of rule tests.
 *
 * The connectives follow Kleene's strong logic, as the semantics require:
 * false beats unknown in `all`, true beats unknown in `any`. Leaves are
 * resolved by the caller (see expr_leaf_fn) so that this module knows
 * nothing of where facts come from.
 */
#include "load/expr.h"

#include <string.h>

#include "base/error.h"
#include "load/loader.h"

/* Deeper tests than this are a rule-file error, which also bounds recursion. */
#define EXPR_MAX_DEPTH 32

pacta_truth truth_and(pacta_truth a, pacta_truth b)
{
    if (a == PACTA_FALSE || b == PACTA_FALSE)
        return PACTA_FALSE;
    if (a == PACTA_UNKNOWN || b == PACTA_UNKNOWN)
        return PACTA_UNKNOWN;
    return PACTA_TRUE;
}

pacta_truth truth_or(pacta_truth a, pacta_truth b)
{
    if (a == PACTA_TRUE || b == PACTA_TRUE)
        return PACTA_TRUE;
    if (a == PACTA_UNKNOWN || b == PACTA_UNKNOWN)
        return PACTA_UNKNOWN;
    return PACTA_FALSE;
}

pacta_truth truth_not(pacta_truth a)
{
    return a == PACTA_UNKNOWN ? PACTA_UNKNOWN : (a == PACTA_TRUE ? PACTA_FALSE : PACTA_TRUE);
}

/* ------------------------------------------------------------------ parse */

static const char *const STATUS_NAMES[] = {"refugee", "asylum_seeker", "undetermined", "migrant",
                                           "national", NULL};

static pacta_status parse_at(const expr_scope *s, const load_ctx *lc, const ynode *n,
                             unsigned depth, expr **out);

static pacta_status oom(const load_ctx *lc, const ynode *n)
{
    return error_set(lc->err, PACTA_ENOMEM, lc->file, n->line, n->column, "out of memory");
}

static int find_step(const expr_scope *s, const char *name)
{
    for (size_t i = 0; i < s->step_count; i++)
        if (strcmp(s->steps[i].name, name) == 0)
            return (int)i;
    return -1;
}

static pacta_status parse_step_ref(const expr_scope *s, const load_ctx *lc, const ynode *map,
                                   int *step)
{
    const char *name;
    pacta_status st = load_ident(lc, map, "at", 0, &name);
    *step = -1;
    if (st != PACTA_OK || !name)
        return st;
    if (s->step_count == 0)
        return load_error(lc, ymap_get(map, "at"), "'at' is only meaningful in a sequence rule");
    *step = find_step(s, name);
    if (*step < 0)
        return load_error(lc, ymap_get(map, "at"), "no sequence step is named '%s'", name);
    return PACTA_OK;
}

static const char *fact_name_at(const void *list, size_t i)
{
    return ((const fact_def *const *)list)[i]->name;
}

static pacta_status parse_fact(const expr_scope *s, const load_ctx *lc, const ynode *n, expr *e)
{
    static const char *const keys[] = {"fact", "of", "at", "unstated", NULL};
    pacta_status st = load_check_map(lc, n, "a fact test", keys);
    const char *name, *of;
    const ynode *unstated = ymap_get(n, "unstated");
    if (st == PACTA_OK && unstated && !yscalar_is(unstated, "false"))
        st = load_error(lc, unstated, "'unstated' can only be false: an optional fact left unstated reads false");
    e->unstated_false = unstated != NULL;
    if (st == PACTA_OK)
        st = load_ident(lc, n, "fact", 1, &name);
    if (st == PACTA_OK)
        st = load_ident(lc, n, "of", 0, &of);
    if (st == PACTA_OK)
        st = parse_step_ref(s, lc, n, &e->step);
    if (st != PACTA_OK)
        return st;
    e->kind = EX_FACT;
    e->fact = rb_fact(s->rb, name);
    if (!e->fact) {
        st = load_error(lc, ymap_get(n, "fact"), "unknown fact '%s'", name);
        const char *near = suggest_name(name, s->rb->facts, s->rb->fact_count, fact_name_at);
        if (near)
            error_hint(lc->err, "did you mean '%s'?", near);
        return st;
    }
    e->of = REF_DESTINATION;
    if (of) {
        /* a derivation reads its own leaves, each about the state it names */
        if (!(e->fact->where & FACT_ON_STATE) || e->fact->derived)
            return load_error(lc, ymap_get(n, "of"),
                              "'of' applies to stated facts about a state; '%s' is not one", name);
        if (strcmp(of, "destination") == 0)
            e->of = REF_DESTINATION;
        else if (strcmp(of, "nationality") == 0)
            e->of = REF_NATIONALITY;
        else if (strcmp(of, "actor") == 0)
            e->of = REF_ACTOR;
        else
            return load_error(lc, ymap_get(n, "of"),
                              "'of' must be destination, nationality or actor, not '%s'", of);
    }
    return PACTA_OK;
}

static pacta_status parse_status(const expr_scope *s, const load_ctx *lc, const ynode *n, expr *e)
{
    static const char *const keys[] = {"status", "at", NULL};
    pacta_status st = load_check_map(lc, n, "a status test", keys);
    size_t count;
    const char **names;
    if (st == PACTA_OK)
        st = load_string_list(lc, n, "status", &count, &names);
    if (st == PACTA_OK)
        st = parse_step_ref(s, lc, n, &e->step);
    if (st != PACTA_OK)
        return st;
    e->kind = EX_STATUS;
    for (size_t i = 0; i < count; i++) {
        size_t k = 0;
        while (STATUS_NAMES[k] && strcmp(STATUS_NAMES[k], names[i]) != 0)
            k++;
        if (!STATUS_NAMES[k]) {
            const ynode *list = ymap_get(n, "status");
            st = load_error(lc, list->kind == YNODE_SEQ ? list->items[i] : list,
                            "unknown status '%s'", names[i]);
            error_hint(lc->err, "a status is refugee, asylum_seeker, undetermined, migrant or national");
            return st;
        }
        e->status_mask |= 1u << k;
    }
    if (!e->status_mask)
        return load_error(lc, n, "a status test needs at least one status");
    return PACTA_OK;
}

static const char *action_name_at(const void *list, size_t i)
{
    return ((const action_def *const *)list)[i]->name;
}

pacta_status expr_parse_actions(const pacta_rulebase *rb, const load_ctx *lc, const ynode *map,
                                const char *key, action_mask *out)
{
    const ynode *n = ymap_get(map, key);
    *out = 0;
    if (!n)
        return PACTA_OK;
    if (yscalar_is(n, "removal")) {
        for (size_t i = 0; i < rb->action_count; i++)
            if (rb->actions[i]->removal)
                *out |= (action_mask)1 << rb->actions[i]->index;
        return PACTA_OK;
    }
    size_t count;
    const char **names;
    pacta_status st = load_string_list(lc, map, key, &count, &names);
    if (st != PACTA_OK)
        return st;
    for (size_t i = 0; i < count; i++) {
        const action_def *a = rb_action(rb, names[i]);
        if (!a) {
            st = load_error(lc, n->kind == YNODE_SEQ ? n->items[i] : n, "unknown action '%s'",
                            names[i]);
            const char *near = suggest_name(names[i], rb->actions, rb->action_count, action_name_at);
            if (near)
                error_hint(lc->err, "did you mean '%s'?", near);
            return st;
        }
        *out |= (action_mask)1 << a->index;
    }
    return PACTA_OK;
}

static pacta_status parse_none_between(const expr_scope *s, const load_ctx *lc, const ynode *n,
                                       unsigned depth, expr *e)
{
    static const char *const keys[] = {"none_between", "on", "where", NULL};
    pacta_status st = load_check_map(lc, n, "a none_between test", keys);
    if (st != PACTA_OK)
        return st;
    const ynode *pair = ymap_get(n, "none_between");
    if (pair->kind != YNODE_SEQ || pair->count != 2 || pair->items[0]->kind != YNODE_SCALAR ||
        pair->items[1]->kind != YNODE_SCALAR)
        return load_error(lc, pair, "none_between takes two step names: [FROM, TO]");
    if (s->step_count == 0)
        return load_error(lc, pair, "none_between is only meaningful in a sequence rule");
    e->kind = EX_NONE_BETWEEN;
    e->from_step = find_step(s, pair->items[0]->str);
    e->to_step = find_step(s, pair->items[1]->str);
    if (e->from_step < 0)
        return load_error(lc, pair->items[0], "no sequence step is named '%s'", pair->items[0]->str);
    if (e->to_step < 0)
        return load_error(lc, pair->items[1], "no sequence step is named '%s'", pair->items[1]->str);
    if (e->from_step >= e->to_step)
        return load_error(lc, pair, "none_between needs an earlier step first");
    st = expr_parse_actions(s->rb, lc, n, "on", &e->actions);
    if (st != PACTA_OK)
        return st;
    if (!e->actions)
        return load_error(lc, n, "none_between needs 'on': the actions that must not occur");
    const ynode *where = ymap_get(n, "where");
    if (where) {
        e->kids = arena_array(s->ar, 1, sizeof *e->kids);
        if (!e->kids)
            return oom(lc, n);
        e->count = 1;
        /* the where-test is read at the intervening event, never at a step */
        expr_scope inner = *s;
        inner.steps = NULL;
        inner.step_count = 0;
        return parse_at(&inner, lc, where, depth + 1, &e->kids[0]);
    }
    return PACTA_OK;
}

/*
 * {onward: T, via: FACT, authorities: [...]}: chain refoulement. FACT, a
 * state fact that may name the onward state, must hold at the destination,
 * and T is read as if the person had been sent on to the onward state
 * (reason/onward.c resolves it). The authorities are cited by every finding
 * that follows such a chain.
 */
static pacta_status parse_onward(const expr_scope *s, const load_ctx *lc, const ynode *n,
                                 unsigned depth, expr *e)
{
    static const char *const keys[] = {"onward", "via", "authorities", NULL};
    const char *via;
    pacta_status st = load_check_map(lc, n, "an onward test", keys);
    if (st == PACTA_OK)
        st = load_ident(lc, n, "via", 1, &via);
    if (st == PACTA_OK)
        st = load_string_list(lc, n, "authorities", &e->authority_count, &e->authorities);
    if (st != PACTA_OK)
        return st;
    e->kind = EX_ONWARD;
    e->of = REF_DESTINATION;
    e->fact = rb_fact(s->rb, via);
    if (!e->fact)
        return load_error(lc, ymap_get(n, "via"), "unknown fact '%s'", via);
    if (!e->fact->names_onward || !(e->fact->where & FACT_ON_STATE))
        return load_error(lc, ymap_get(n, "via"),
                          "'via' needs a state fact that names the onward state (onward: true); '%s' is not one",
                          via);
    if (s->step_count)
        return load_error(lc, n, "an onward test is read at the removal; it has no place in a sequence");
    e->kids = arena_array(s->ar, 1, sizeof *e->kids);
    if (!e->kids)
        return oom(lc, n);
    e->count = 1;
    return parse_at(s, lc, ymap_get(n, "onward"), depth + 1, &e->kids[0]);
}

static pacta_status parse_list(const expr_scope *s, const load_ctx *lc, const ynode *n,
                               const char *op, unsigned depth, expr *e)
{
    const ynode *list = ymap_get(n, op);
    if (n->count != 1)
        return load_error(lc, n, "'%s' stands alone in its mapping", op);
    if (list->kind != YNODE_SEQ || list->count == 0)
        return load_error(lc, list, "'%s' takes a non-empty list of tests", op);
    e->kind = strcmp(op, "all") == 0 ? EX_ALL : EX_ANY;
    e->count = list->count;
    e->kids = arena_array(s->ar, list->count, sizeof *e->kids);
    if (!e->kids)
        return oom(lc, n);
    for (size_t i = 0; i < list->count; i++) {
        pacta_status st = parse_at(s, lc, list->items[i], depth + 1, &e->kids[i]);
        if (st != PACTA_OK)
            return st;
    }
    return PACTA_OK;
}

static pacta_status parse_at(const expr_scope *s, const load_ctx *lc, const ynode *n,
                             unsigned depth, expr **out)
{
    if (depth > EXPR_MAX_DEPTH)
        return load_error(lc, n, "test nested more than %d deep", EXPR_MAX_DEPTH);
    if (!n || n->kind != YNODE_MAP || n->count == 0) {
        pacta_status st = load_error(lc, n, "a test must be a mapping such as {fact: NAME}");
        error_hint(lc->err, "tests are all, any, not, fact, status and none_between");
        return st;
    }
    expr *e = arena_alloc(s->ar, sizeof *e);
    if (!e)
        return oom(lc, n);
    e->step = -1;
    e->at.file = s->file;
    e->at.line = n->line;
    e->at.column = n->column;
    *out = e;
    if (ymap_get(n, "all"))
        return parse_list(s, lc, n, "all", depth, e);
    if (ymap_get(n, "any"))
        return parse_list(s, lc, n, "any", depth, e);
    if (ymap_get(n, "not")) {
        if (n->count != 1)
            return load_error(lc, n, "'not' stands alone in its mapping");
        e->kind = EX_NOT;
        e->count = 1;
        e->kids = arena_array(s->ar, 1, sizeof *e->kids);
        if (!e->kids)
            return oom(lc, n);
        return parse_at(s, lc, ymap_get(n, "not"), depth + 1, &e->kids[0]);
    }
    if (ymap_get(n, "fact"))
        return parse_fact(s, lc, n, e);
    if (ymap_get(n, "status"))
        return parse_status(s, lc, n, e);
    if (ymap_get(n, "none_between"))
        return parse_none_between(s, lc, n, depth, e);
    if (ymap_get(n, "to_party")) {
        if (n->count != 1 || !yscalar_is(ymap_get(n, "to_party"), "true"))
            return load_error(lc, n, "write {to_party: true}");
        if (!s->instrument || s->instrument->state_count == 0)
            return load_error(lc, n,
                              "to_party needs a domestic or bilateral instrument that names its states");
        e->kind = EX_TO_PARTY;
        e->instrument = s->instrument;
        return PACTA_OK;
    }
    if (ymap_get(n, "onward"))
        return parse_onward(s, lc, n, depth, e);
    if (ymap_get(n, "to_nationality")) {
        if (n->count != 1 || !yscalar_is(ymap_get(n, "to_nationality"), "true"))
            return load_error(lc, n, "write {to_nationality: true}");
        e->kind = EX_TO_NATIONALITY;
        return PACTA_OK;
    }
    static const char *const ops[] = {"all", "any", "not", "fact", "status", "none_between",
                                      "to_party", "to_nationality", "onward", NULL};
    const ynode *key = ymap_key(n, 0);
    pacta_status st = load_error(lc, key, "unknown test '%s'", key->str);
    const char *near = suggest_from_list(key->str, ops);
    if (near)
        error_hint(lc->err, "did you mean '%s'?", near);
    else
        error_hint(lc->err, "tests are all, any, not, fact, status, none_between, to_party, to_nationality and onward");
    return st;
}

pacta_status expr_parse(const expr_scope *scope, const ynode *n, expr **out)
{
    load_ctx lc = {scope->ar, scope->file, scope->err};
    return parse_at(scope, &lc, n, 0, out);
}

int expr_uses_fact(const expr *e, const fact_def *f)
{
    /* what is read at the onward state may define itself through it: look
     * one level in, not down the (bounded) recursion */
    if (e->kind == EX_ONWARD)
        return e->fact == f || (e->kids[0]->kind == EX_FACT && e->kids[0]->fact == f);
    if (e->kind == EX_FACT) {
        if (e->fact == f)
            return 1;
        return e->fact->derived && expr_uses_fact(e->fact->derived, f);
    }
    for (size_t i = 0; i < e->count; i++)
        if (expr_uses_fact(e->kids[i], f))
            return 1;
    return 0;
}

/* --------------------------------------------------------------- evaluate */

static const sc_event *leaf_event(const expr *e, const expr_env *env)
{
    if (e->step >= 0 && (size_t)e->step < env->step_count)
        return env->steps[e->step];
    return env->main;
}

/* Kleene "no event between the two steps satisfies where". */
static pacta_truth eval_none_between(const expr *e, const expr_env *env)
{
    const sc_event *from = env->steps[e->from_step];
    const sc_event *to = env->steps[e->to_step];
    pacta_truth some = PACTA_FALSE;
    for (size_t i = from->index + 1; i < to->index && some != PACTA_TRUE; i++) {
        const sc_event *ev = env->sc->events[i];
        if (ev->actor != to->actor || ev->subject != to->subject)
            continue;
        if (!(e->actions & ((action_mask)1 << ev->action->index)))
            continue;
        pacta_truth hit = PACTA_TRUE;
        if (e->count) {
            expr_env inner = *env;
            inner.main = ev;
            inner.steps = NULL;
            inner.step_count = 0;
            hit = expr_eval(e->kids[0], &inner);
        }
        some = truth_or(some, hit);
    }
    return truth_not(some);
}

pacta_truth expr_eval(const expr *e, const expr_env *env)
{
    pacta_truth v;
    switch (e->kind) {
    case EX_ALL:
        /* every child is evaluated (no short cut) so that each fact read is recorded */
        v = PACTA_TRUE;
        for (size_t i = 0; i < e->count; i++)
            v = truth_and(v, expr_eval(e->kids[i], env));
        return v;
    case EX_ANY:
        v = PACTA_FALSE;
        for (size_t i = 0; i < e->count; i++)
            v = truth_or(v, expr_eval(e->kids[i], env));
        return v;
    case EX_NOT:
        return truth_not(expr_eval(e->kids[0], env));
    case EX_FACT:
    case EX_STATUS:
    case EX_TO_PARTY:
    case EX_TO_NATIONALITY:
    case EX_ONWARD:
        return env->leaf(env->ctx, e, leaf_event(e, env));
    case EX_NONE_BETWEEN:
        return eval_none_between(e, env);
    }
    return PACTA_UNKNOWN;
}

pacta_truth expr_eval_collect(const expr *e, const expr_env *env, arena *ar, ptrvec *leaves,
                              int *oom)
{
    size_t mark = leaves->count;
    pacta_truth v;
    switch (e->kind) {
    case EX_ALL:
    case EX_ANY:
        v = e->kind == EX_ALL ? PACTA_TRUE : PACTA_FALSE;
        for (size_t i = 0; i < e->count; i++) {
            pacta_truth kid = expr_eval_collect(e->kids[i], env, ar, leaves, oom);
            v = e->kind == EX_ALL ? truth_and(v, kid) : truth_or(v, kid);
        }
        break;
    case EX_NOT:
        v = truth_not(expr_eval_collect(e->kids[0], env, ar, leaves, oom));
        break;
    case EX_NONE_BETWEEN: {
        const sc_event *from = env->steps[e->from_step];
        const sc_event *to = env->steps[e->to_step];
        pacta_truth some = PACTA_FALSE;
        for (size_t i = from->index + 1; i < to->index && some != PACTA_TRUE; i++) {
            const sc_event *ev = env->sc->events[i];
            if (ev->actor != to->actor || ev->subject != to->subject ||
                !(e->actions & ((action_mask)1 << ev->action->index)))
                continue;
            pacta_truth hit = PACTA_TRUE;
            if (e->count) {
                expr_env inner = *env;
                inner.main = ev;
                inner.steps = NULL;
                inner.step_count = 0;
                hit = expr_eval_collect(e->kids[0], &inner, ar, leaves, oom);
            }
            some = truth_or(some, hit);
        }
        v = truth_not(some);
        break;
    }
    default: {
        const sc_event *at = leaf_event(e, env);
        v = env->leaf(env->ctx, e, at);
        if (v == PACTA_UNKNOWN &&
            (ptrvec_push(ar, leaves, (void *)e) || ptrvec_push(ar, leaves, (void *)at)))
            *oom = 1;
        break;
    }
    }
    /* a decided node is decided whatever its unknown leaves turn out to be */
    if (v != PACTA_UNKNOWN)
        leaves->count = mark;
    return v;
}
