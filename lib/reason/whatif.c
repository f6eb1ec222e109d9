/*
 * whatif.c: checking a scenario under assumed facts (--assume; the
 * assumptions and the assumed scenario are in assume.c), comparing the
 * findings with those made without them, and searching for the changes of
 * facts that would turn a finding (counterfactuals). Counterfactuals are found the same way, from the rules and not
 * per rule: the facts a finding's steps used (or the facts it misses) are
 * the candidates, and each candidate set is weighed by re-evaluating the
 * finding's rule alone at its event (check_rule_at), within a budget.
 */
#include <stdlib.h>
#include <string.h>

#include "reason/assume.h"
#include "reason/check.h"
#include "base/error.h"
#include "model/model.h"
#include "model/whatif.h"

/* Budgets of the counterfactual search, per finding. */
#define CF_MAX_EVALUATIONS 256 /* evaluations of the finding's rule */
#define CF_MAX_CANDIDATES 64   /* changes considered for a violation */
#define CF_MAX_COMBINED 4      /* missing facts whose every combination is tried (3^4 = 81) */
#define CF_MAX_REPORT_EVALUATIONS 20000 /* per report: later findings are left unsearched */

/* ------------------------------------------------------------ baseline */

static const char *finding_key(arena *ar, const pacta_finding *f)
{
    const char *key = f->rule;
    for (size_t i = 0; key && i < f->events.count; i++)
        key = arena_printf(ar, "%s\n%s", key, f->events.items[i]);
    return key;
}

typedef struct keyed {
    const char *key;
    const pacta_finding *finding;
    int matched;
} keyed;

static int compare_keyed(const void *a, const void *b)
{
    return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

/* Gives every finding of rep its verdict in base, and lists base's findings rep lacks. */
static int compare_with_baseline(arena *ar, pacta_report *rep, const pacta_report *base,
                                 rp_report_whatif *rw)
{
    keyed *keys = arena_array(ar, base->finding_count ? base->finding_count : 1, sizeof *keys);
    if (!keys)
        return -1;
    for (size_t i = 0; i < base->finding_count; i++) {
        keys[i].key = finding_key(ar, base->findings[i]);
        keys[i].finding = base->findings[i];
        if (!keys[i].key)
            return -1;
    }
    qsort(keys, base->finding_count, sizeof *keys, compare_keyed);
    for (size_t i = 0; i < rep->finding_count; i++) {
        pacta_finding *f = rep->findings[i];
        rp_whatif *w = (rp_whatif *)f->whatif;
        keyed probe = {finding_key(ar, f), NULL, 0};
        if (!probe.key)
            return -1;
        keyed *hit = bsearch(&probe, keys, base->finding_count, sizeof *keys, compare_keyed);
        w->assumed = 1;
        if (hit) {
            hit->matched = 1;
            w->baseline_found = 1;
            w->baseline = hit->finding->verdict;
        }
        if (!hit || hit->finding->verdict != f->verdict)
            rw->changed++;
    }
    ptrvec dropped = {0};
    for (size_t i = 0; i < base->finding_count; i++) {
        const pacta_finding *f = keys[i].finding;
        if (keys[i].matched)
            continue;
        const char *events = "";
        for (size_t k = 0; events && k < f->events.count; k++)
            events = arena_printf(ar, "%s%s%s", events, k ? ", " : "", f->events.items[k]);
        const char *line = events ? arena_printf(ar, "%s (%s): %s", f->rule, events,
                                                 pacta_verdict_name(f->verdict))
                                  : NULL;
        if (!line || ptrvec_push(ar, &dropped, (void *)line))
            return -1;
    }
    rw->dropped.count = dropped.count;
    rw->dropped.items = (const char **)dropped.items;
    return 0;
}

/* ------------------------------------------------------------ counterfactuals */

/* One change the search may make, ready to apply. */
typedef struct candidate {
    assumption a;
    resolved r;
    int defeats;                /* violations: alone, it already defeats the finding */
} candidate;

typedef struct search {
    arena *ar;                  /* results and candidates: the report's what-if arena */
    const pacta_rulebase *rb;
    const pacta_scenario *sc;   /* the scenario as assumed */
    const rule_def *rule;
    const char *event;          /* the event that completes the finding */
    const pacta_finding *finding;
    rp_whatif *out;
    ptrvec results;             /* rp_counterfactual* */
    size_t evaluations;
    int oom;
} search;

static const rule_def *find_rule(const pacta_rulebase *rb, const char *id)
{
    for (size_t i = 0; i < rb->rule_count; i++)
        if (strcmp(rb->rules[i]->id, id) == 0)
            return rb->rules[i];
    return NULL;
}

/* Records the changes with the verdict they give and the steps they turn. */
static void record(search *s, const candidate *const *changes, size_t n, const pacta_finding *g,
                   int single)
{
    rp_counterfactual *cf = arena_alloc(s->ar, sizeof *cf);
    if (!cf || !(cf->changes = arena_array(s->ar, n, sizeof *cf->changes)) ||
        !(cf->steps = arena_array(s->ar, g->step_count ? g->step_count : 1, sizeof *cf->steps))) {
        s->oom = 1;
        return;
    }
    cf->change_count = n;
    cf->verdict = g->verdict;
    cf->single = single;
    for (size_t i = 0; i < n; i++) {
        cf->changes[i].fact = changes[i]->a.fact;
        cf->changes[i].value = changes[i]->a.value;
    }
    const pacta_finding *f = s->finding;
    for (size_t i = 0; i < g->step_count; i++) {
        const rp_step *after = &g->steps[i];
        const rp_step *before = NULL;
        for (size_t k = 0; !before && k < f->step_count; k++)
            if (f->steps[k].kind == after->kind && strcmp(f->steps[k].id, after->id) == 0)
                before = &f->steps[k];
        if (after->kind == PACTA_STEP_CONSIDERATION || (before && before->value == after->value))
            continue;
        pacta_turned_step_view *t = &cf->steps[cf->step_count++];
        t->kind = after->kind;
        t->id = arena_strdup(s->ar, after->id);
        t->provision = after->provision_label ? arena_strdup(s->ar, after->provision_label) : NULL;
        t->value = after->value;
        if (!t->id || (after->provision_label && !t->provision))
            s->oom = 1;
    }
    if (ptrvec_push(s->ar, &s->results, cf))
        s->oom = 1;
}

/*
 * Weighs the finding's rule with the changes applied. Returns 1 and records
 * when the verdict satisfies want (NULL: any), 0 when it does not or the
 * rule no longer applies there (a sequence undone), -1 when out of memory.
 * *verdict gets the verdict (PACTA_VERDICT_COUNT when there is no finding).
 */
static int weigh(search *s, const candidate *const *changes, size_t n,
                 int (*want)(pacta_verdict), int single, pacta_verdict *verdict)
{
    const resolved *rs[8];
    *verdict = PACTA_VERDICT_COUNT;
    if (n > sizeof rs / sizeof rs[0])
        return 0;
    for (size_t i = 0; i < n; i++)
        rs[i] = &changes[i]->r;
    s->evaluations++;
    arena *scratch = arena_new(&s->rb->opts.allocator);
    pacta_scenario *sc = scratch ? assumed_scenario(scratch, s->sc, rs, n) : NULL;
    pacta_finding *g = NULL;
    int result = sc ? 0 : -1;
    if (sc) {
        size_t at = scenario_event_index(sc, s->event);
        if (at != SIZE_MAX && check_rule_at(scratch, s->rb, sc, s->rule, sc->events[at], 0, &g))
            result = -1;
    }
    if (g) {
        *verdict = g->verdict;
        if (!want || want(g->verdict)) {
            record(s, changes, n, g, single);
            result = s->oom ? -1 : 1;
        }
    }
    arena_free(scratch);
    if (result < 0)
        s->oom = 1;
    return result;
}

static int defeated(pacta_verdict v)
{
    return v == PACTA_NO_VIOLATION || v == PACTA_NOT_APPLICABLE;
}

static int decided(pacta_verdict v)
{
    return v != PACTA_UNDETERMINED && v != PACTA_VERDICT_COUNT;
}

/* Adds the candidate fact=value when the scenario lets it be assumed. */
static void add_candidate(search *s, ptrvec *list, const char *fact, const char *value)
{
    for (size_t i = 0; i < list->count; i++) {
        const candidate *c = list->items[i];
        if (strcmp(c->a.fact, fact) == 0 && strcmp(c->a.value, value) == 0)
            return;
    }
    if (list->count >= CF_MAX_CANDIDATES) {
        s->out->truncated = 1;
        return;
    }
    candidate *c = arena_alloc(s->ar, sizeof *c);
    if (!c) {
        s->oom = 1;
        return;
    }
    if (assumption_parse(s->ar, s->rb, fact, value, &c->a, NULL) != PACTA_OK ||
        assumption_resolve(s->ar, s->sc, &c->a, &c->r, NULL) != PACTA_OK)
        return; /* not a fact a scenario can state ("e2.to"): nothing to try */
    if (ptrvec_push(s->ar, list, c))
        s->oom = 1;
}

static int is_status(const rp_fact *x)
{
    size_t n = strlen(x->ref);
    return x->from == PACTA_FROM_PERSON && n > 7 && strcmp(x->ref + n - 7, ".status") == 0;
}

/* YYYY-MM-DD of a day, in ar. */
static const char *day_text(arena *ar, pdate day)
{
    char buf[11];
    pdate_format(day, buf);
    return arena_strdup(ar, buf);
}

/* The first day of a binding's in-force date ("1982-12-23" or "A..B"), or 0 when it has none. */
static int in_force_range(const char *text, pdate_range *out)
{
    if (!text)
        return 0;
    const char *dots = strstr(text, "..");
    pdate_range hi;
    if (!dots)
        return pdate_parse(text, strlen(text), out) == PDATE_OK;
    if (pdate_parse(text, (size_t)(dots - text), out) != PDATE_OK ||
        pdate_parse(dots + 2, strlen(dots + 2), &hi) != PDATE_OK)
        return 0;
    out->hi = hi.hi;
    return 1;
}

/*
 * A violation: the smallest sets (one change, then two) that defeat it. The
 * candidates are the facts its elements and exceptions used, each set to the
 * value it does not have, and its date moved before the actor was bound.
 */
static void defeat_violation(search *s)
{
    const pacta_finding *f = s->finding;
    ptrvec list = {0};
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *st = &f->steps[i];
        if (st->kind != PACTA_STEP_ELEMENT && st->kind != PACTA_STEP_EXCEPTION)
            continue;
        for (size_t k = 0; k < st->fact_count && !s->oom; k++) {
            const rp_fact *x = &f->facts[st->facts[k]];
            if (is_status(x)) {
                const sc_person *p = s->sc->persons;
                size_t n = strlen(x->ref) - 7;
                for (size_t q = 0; q < s->sc->person_count; q++)
                    if (strlen(p[q].id) == n && strncmp(p[q].id, x->ref, n) == 0)
                        for (size_t b = 0; assume_status_names[b]; b++)
                            if (p[q].status != 1u << b)
                                add_candidate(s, &list, x->ref, assume_status_names[b]);
                continue;
            }
            if (x->value != PACTA_TRUE)
                add_candidate(s, &list, x->ref, "true");
            if (x->value != PACTA_FALSE)
                add_candidate(s, &list, x->ref, "false");
        }
    }
    pdate_range bound;
    if (in_force_range(f->binding.in_force, &bound) && f->events.count) {
        const char *date_fact = arena_printf(s->ar, "%s.date", s->event);
        const char *day = day_text(s->ar, bound.lo - 1);
        if (!date_fact || !day)
            s->oom = 1;
        else
            add_candidate(s, &list, date_fact, day);
    }
    candidate **c = (candidate **)list.items;
    pacta_verdict v;
    for (size_t i = 0; i < list.count && !s->oom; i++) {
        if (s->evaluations >= CF_MAX_EVALUATIONS) {
            s->out->truncated = 1;
            return;
        }
        const candidate *one[1] = {c[i]};
        c[i]->defeats = weigh(s, one, 1, defeated, 0, &v) > 0;
    }
    for (size_t i = 0; i < list.count && !s->oom; i++)
        for (size_t j = i + 1; j < list.count && !s->oom; j++) {
            if (c[i]->defeats || c[j]->defeats || strcmp(c[i]->a.fact, c[j]->a.fact) == 0)
                continue;
            if (s->evaluations >= CF_MAX_EVALUATIONS) {
                s->out->truncated = 1;
                return;
            }
            const candidate *two[2] = {c[i], c[j]};
            weigh(s, two, 2, defeated, 0, &v);
        }
}

/*
 * An undetermined finding: each missing fact alone, set to each value; then,
 * for up to CF_MAX_COMBINED missing facts, every smallest combination that
 * decides it (a combination is tried only when none of its parts decides).
 */
static void decide_undetermined(search *s)
{
    const pacta_finding *f = s->finding;
    size_t m = 0;
    candidate *values[CF_MAX_COMBINED][2];
    size_t nvalues[CF_MAX_COMBINED];
    ptrvec list = {0};
    for (size_t i = 0; i < f->missing.count && !s->oom; i++) {
        const char *fact = f->missing.items[i];
        size_t before = list.count, n = strlen(fact);
        if (n > 5 && strcmp(fact + n - 5, ".date") == 0) {
            size_t at = scenario_event_index(s->sc, s->event);
            pdate_range when = s->sc->events[at]->date, bound;
            pdate first = when.lo, last = when.hi;
            if (when.lo == when.hi && in_force_range(f->binding.in_force, &bound)) {
                first = bound.lo - 1; /* a precise event, an imprecise binding */
                last = bound.hi;
            }
            const char *a = day_text(s->ar, first), *b = day_text(s->ar, last);
            if (!a || !b) {
                s->oom = 1;
                return;
            }
            add_candidate(s, &list, fact, a);
            if (last != first)
                add_candidate(s, &list, fact, b);
        } else {
            add_candidate(s, &list, fact, "true");
            add_candidate(s, &list, fact, "false");
        }
        if (list.count > before && m < CF_MAX_COMBINED) {
            nvalues[m] = list.count - before;
            for (size_t k = 0; k < nvalues[m]; k++)
                values[m][k] = list.items[before + k];
            m++;
        } else if (list.count > before) {
            m = CF_MAX_COMBINED + 1; /* too many to combine */
        }
    }
    pacta_verdict v;
    for (size_t i = 0; i < list.count && !s->oom; i++) {
        const candidate *one[1] = {list.items[i]};
        weigh(s, one, 1, NULL, 1, &v);
        ((candidate *)list.items[i])->defeats = decided(v);
    }
    if (m < 2 || m > CF_MAX_COMBINED || s->oom)
        return;
    /* partial assignments as base-3 numbers: digit 0 unset, 1 or 2 the fact's value */
    size_t total = 1;
    for (size_t i = 0; i < m; i++)
        total *= 3;
    unsigned char *settled = arena_array(s->ar, total, 1); /* it, or a part of it, decides */
    if (!settled) {
        s->oom = 1;
        return;
    }
    for (size_t size = 1; size <= m && !s->oom; size++)
        for (size_t code = 1; code < total && !s->oom; code++) {
            const candidate *set[CF_MAX_COMBINED];
            size_t n = 0, rest = code, weight = 1;
            int valid = 1, part_settled = 0;
            for (size_t i = 0; i < m; i++, rest /= 3, weight *= 3) {
                size_t digit = rest % 3;
                if (!digit)
                    continue;
                if (digit > nvalues[i]) {
                    valid = 0;
                    break;
                }
                set[n++] = values[i][digit - 1];
                if (settled[code - digit * weight])
                    part_settled = 1;
            }
            if (!valid || n != size)
                continue;
            if (size == 1) {
                settled[code] = (unsigned char)set[0]->defeats;
                continue;
            }
            if (part_settled) {
                settled[code] = 1;
                continue;
            }
            if (s->evaluations >= CF_MAX_EVALUATIONS) {
                s->out->truncated = 1;
                return;
            }
            settled[code] = weigh(s, set, n, decided, 0, &v) > 0;
        }
}

static int counterfactuals(arena *ar, const pacta_rulebase *rb, const pacta_scenario *sc,
                           pacta_finding *f, size_t *budget)
{
    rp_whatif *w = (rp_whatif *)f->whatif;
    const rule_def *rule = find_rule(rb, f->rule);
    if (!rule || f->events.count == 0 ||
        (f->verdict != PACTA_VIOLATION && f->verdict != PACTA_UNDETERMINED))
        return 0;
    search s = {ar, rb, sc, rule, f->events.items[f->events.count - 1], f, w, {0}, 0, 0};
    size_t at = scenario_event_index(sc, s.event);
    if (at == SIZE_MAX)
        return 0;
    w->searched = 1;
    if (*budget < CF_MAX_EVALUATIONS) {
        w->truncated = 1; /* the report's budget is spent */
        return 0;
    }
    if (!(s.sc = reduced_scenario(ar, sc, sc->events[at])))
        return -1;
    if (f->verdict == PACTA_VIOLATION)
        defeat_violation(&s);
    else
        decide_undetermined(&s);
    *budget -= s.evaluations;
    if (s.oom)
        return -1;
    w->items = arena_array(ar, s.results.count ? s.results.count : 1, sizeof *w->items);
    if (!w->items)
        return -1;
    for (size_t i = 0; i < s.results.count; i++)
        w->items[i] = *(rp_counterfactual *)s.results.items[i];
    w->count = s.results.count;
    return 0;
}

/* ------------------------------------------------------------ the check */

pacta_status pacta_check_assuming(pacta_report **out, const pacta_rulebase *rb,
                                  const pacta_scenario *sc, const pacta_assumptions *as,
                                  unsigned flags, pacta_error *err)
{
    if (!out || !rb || !sc || sc->rb != rb || (as && as->rb != rb))
        return error_set(err, PACTA_EUSAGE, sc ? sc->name : "", 0, 0,
                         "pacta_check_assuming: the scenario and the assumptions must belong "
                         "to this rulebase");
    *out = NULL;
    size_t n = pacta_assumptions_count(as);
    if (n == 0 && !(flags & PACTA_WHATIF_COUNTERFACTUALS))
        return pacta_check(out, rb, sc, err);
    arena *ar = arena_new(&rb->opts.allocator);
    resolved *rs = ar ? arena_array(ar, n ? n : 1, sizeof *rs) : NULL;
    const resolved **order = ar ? arena_array(ar, n ? n : 1, sizeof *order) : NULL;
    if (!rs || !order) {
        arena_free(ar);
        return assume_oom(err, sc->name);
    }
    for (size_t i = 0; i < n; i++) {
        /* the report outlives as: it and the assumed scenario keep copies */
        const assumption *given = as->items.items[i];
        assumption *a = arena_alloc(ar, sizeof *a);
        if (!a || assumption_copy(ar, given, a)) {
            arena_free(ar);
            return assume_oom(err, sc->name);
        }
        pacta_status st = assumption_resolve(ar, sc, a, &rs[i], err);
        if (st != PACTA_OK) {
            arena_free(ar);
            return st;
        }
        order[i] = &rs[i];
    }
    const pacta_scenario *assumed = n ? assumed_scenario(ar, sc, order, n) : sc;
    if (!assumed) {
        arena_free(ar);
        return assume_oom(err, sc->name);
    }
    pacta_report *rep;
    pacta_status st = pacta_check(&rep, rb, assumed, err);
    if (st != PACTA_OK) {
        arena_free(ar);
        return st;
    }
    rp_report_whatif *rw = arena_alloc(ar, sizeof *rw);
    if (!rw) {
        pacta_report_free(rep);
        arena_free(ar);
        return assume_oom(err, sc->name);
    }
    rw->ar = ar;
    rep->whatif = rw; /* from here on the report owns ar */
    rw->assumption_count = n;
    rw->assumptions = arena_array(ar, n ? n : 1, sizeof *rw->assumptions);
    int failed = !rw->assumptions;
    for (size_t i = 0; !failed && i < n; i++) {
        rw->assumptions[i].fact = rs[i].a->fact;
        rw->assumptions[i].value = rs[i].a->value;
    }
    for (size_t i = 0; !failed && i < rep->finding_count; i++)
        failed = !(rep->findings[i]->whatif = arena_alloc(ar, sizeof(rp_whatif)));
    if (!failed && n) {
        pacta_report *base;
        st = pacta_check(&base, rb, sc, err);
        if (st != PACTA_OK) {
            pacta_report_free(rep);
            return st;
        }
        failed = compare_with_baseline(ar, rep, base, rw) != 0;
        pacta_report_free(base);
    }
    size_t budget = CF_MAX_REPORT_EVALUATIONS;
    for (size_t i = 0; !failed && (flags & PACTA_WHATIF_COUNTERFACTUALS) && i < rep->finding_count;
         i++)
        failed = counterfactuals(ar, rb, assumed, rep->findings[i], &budget) != 0;
    if (failed) {
        pacta_report_free(rep);
        return assume_oom(err, sc->name);
    }
    *out = rep;
    return PACTA_OK;
}
