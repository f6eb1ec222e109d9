/*
 * whatif.c: checking a scenario under assumed facts (--assume), and
 * searching for the changes of facts that would turn a finding
 * (counterfactuals).
 *
 * Assumptions never touch the caller's scenario: they are applied to a copy
 * (persons, conditions and events copied, everything else shared), which the
 * ordinary evaluator then checks, so an assumed fact is weighed exactly as a
 * stated one. Counterfactuals are found the same way, from the rules and not
 * per rule: the facts a finding's steps used (or the facts it misses) are
 * the candidates, and each candidate set is weighed by re-evaluating the
 * finding's rule alone at its event (check_rule_at), within a budget.
 */
#include <stdlib.h>
#include <string.h>

#include "reason/check.h"
#include "base/error.h"
#include "model/model.h"
#include "model/whatif.h"

#define ASSUME_FILE "--assume"

/* Budgets of the counterfactual search, per finding. */
#define CF_MAX_EVALUATIONS 256 /* evaluations of the finding's rule */
#define CF_MAX_CANDIDATES 64   /* changes considered for a violation */
#define CF_MAX_COMBINED 4      /* missing facts whose every combination is tried (3^4 = 81) */
#define CF_MAX_REPORT_EVALUATIONS 20000 /* per report: later findings are left unsearched */

static const char *const STATUS_NAMES[] = {"refugee", "asylum_seeker", "undetermined", "migrant",
                                           "national", NULL};

/* ------------------------------------------------------------ assumptions */

typedef enum assumed_what { ASSUME_FACT, ASSUME_STATUS, ASSUME_DATE } assumed_what;

typedef struct assumption {
    const char *text;           /* "KP.torture_on_return=false" */
    const char *fact;           /* "KP.torture_on_return" */
    const char *subject;        /* "KP" */
    const char *name;           /* "torture_on_return", "status", "date" */
    const char *value;          /* "false" */
    assumed_what what;
    const fact_def *def;        /* ASSUME_FACT */
    pacta_truth truth;          /* ASSUME_FACT */
    unsigned status;            /* ASSUME_STATUS: one ST_* bit */
    pdate_range date;           /* ASSUME_DATE */
} assumption;

struct pacta_assumptions {
    arena *ar;
    const pacta_rulebase *rb;
    ptrvec items;               /* assumption* */
};

static const char *fact_name_at(const void *list, size_t i)
{
    return ((const fact_def *const *)list)[i]->name;
}

static pacta_status oom_error(pacta_error *err, const char *file)
{
    return error_set(err, PACTA_ENOMEM, file, 0, 0, "out of memory");
}

/*
 * Reads FACT=VALUE (fact and value given apart) into *a, strings in ar.
 * Errors go to err (which may be NULL: candidates of the search are dropped
 * silently when they cannot be assumed).
 */
static pacta_status parse_assumption(arena *ar, const pacta_rulebase *rb, const char *fact,
                                     const char *value, assumption *a, pacta_error *err)
{
    memset(a, 0, sizeof *a);
    a->text = arena_printf(ar, "%s=%s", fact, value);
    const char *dot = strrchr(fact, '.');
    if (!a->text)
        return oom_error(err, ASSUME_FILE);
    if (!dot || dot == fact || !dot[1] || !*value) {
        pacta_status st = error_set(err, PACTA_EINPUT, ASSUME_FILE, 0, 0,
                                    "'%s' is not FACT=VALUE, FACT being NAME.fact", a->text);
        error_hint(err, "e.g. KP.torture_on_return=false, e2.individual_assessment=true, "
                        "e2.date=1982-11-01, escapees.status=refugee");
        return st;
    }
    a->fact = arena_strdup(ar, fact);
    a->subject = arena_strndup(ar, fact, (size_t)(dot - fact));
    a->name = arena_strdup(ar, dot + 1);
    a->value = arena_strdup(ar, value);
    if (!a->fact || !a->subject || !a->name || !a->value)
        return oom_error(err, ASSUME_FILE);
    if (strcmp(a->name, "date") == 0) {
        a->what = ASSUME_DATE;
        if (pdate_parse(value, strlen(value), &a->date) == PDATE_OK)
            return PACTA_OK;
        pacta_status st = error_set(err, PACTA_EINPUT, ASSUME_FILE, 0, 0,
                                    "'%s': '%s' is not a date", a->text, value);
        error_hint(err, "write YYYY-MM-DD, YYYY-MM or YYYY");
        return st;
    }
    if (strcmp(a->name, "status") == 0) {
        a->what = ASSUME_STATUS;
        for (size_t k = 0; STATUS_NAMES[k]; k++)
            if (strcmp(STATUS_NAMES[k], value) == 0) {
                a->status = 1u << k;
                return PACTA_OK;
            }
        pacta_status st = error_set(err, PACTA_EINPUT, ASSUME_FILE, 0, 0,
                                    "'%s': unknown status '%s'", a->text, value);
        const char *near = suggest_from_list(value, STATUS_NAMES);
        error_hint(err, near ? "did you mean '%s'?" : "%s",
                   near ? near : "refugee, asylum_seeker, undetermined, migrant or national");
        return st;
    }
    a->what = ASSUME_FACT;
    a->def = rb_fact(rb, a->name);
    if (!a->def) {
        pacta_status st = error_set(err, PACTA_EINPUT, ASSUME_FILE, 0, 0,
                                    "'%s': unknown fact '%s'", a->text, a->name);
        const char *near = suggest_name(a->name, rb->facts, rb->fact_count, fact_name_at);
        if (near)
            error_hint(err, "did you mean '%s'?", near);
        else
            error_hint(err, "the facts are listed in the rules' vocabulary.yaml; a date is "
                            "EVENT.date, a status PERSON.status");
        return st;
    }
    static const char *const truths[] = {"false", "true", "unknown", NULL};
    for (size_t k = 0; truths[k]; k++)
        if (strcmp(truths[k], value) == 0) {
            a->truth = (pacta_truth)k;
            return PACTA_OK;
        }
    pacta_status st = error_set(err, PACTA_EINPUT, ASSUME_FILE, 0, 0,
                                "'%s': a fact is true, false or unknown, not '%s'", a->text, value);
    const char *near = suggest_from_list(value, truths);
    if (near)
        error_hint(err, "did you mean '%s'?", near);
    return st;
}

pacta_status pacta_assumptions_new(pacta_assumptions **out, const pacta_rulebase *rb,
                                   pacta_error *err)
{
    if (!out || !rb || !rb->finished)
        return error_set(err, PACTA_EUSAGE, ASSUME_FILE, 0, 0,
                         "pacta_assumptions_new: a finished rulebase is required");
    *out = NULL;
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_assumptions *as = ar ? arena_alloc(ar, sizeof *as) : NULL;
    if (!as) {
        arena_free(ar);
        return oom_error(err, ASSUME_FILE);
    }
    as->ar = ar;
    as->rb = rb;
    *out = as;
    return PACTA_OK;
}

pacta_status pacta_assumptions_add(pacta_assumptions *as, const char *text, pacta_error *err)
{
    if (!as || !text)
        return error_set(err, PACTA_EUSAGE, ASSUME_FILE, 0, 0,
                         "pacta_assumptions_add: invalid argument");
    const char *eq = strchr(text, '=');
    char *fact = arena_strndup(as->ar, text, eq ? (size_t)(eq - text) : strlen(text));
    assumption *a = arena_alloc(as->ar, sizeof *a);
    if (!fact || !a)
        return oom_error(err, ASSUME_FILE);
    pacta_status st = parse_assumption(as->ar, as->rb, fact, eq ? eq + 1 : "", a, err);
    if (st == PACTA_OK && ptrvec_push(as->ar, &as->items, a))
        st = oom_error(err, ASSUME_FILE);
    return st;
}

size_t pacta_assumptions_count(const pacta_assumptions *as)
{
    return as ? as->items.count : 0;
}

void pacta_assumptions_free(pacta_assumptions *as)
{
    if (as)
        arena_free(as->ar);
}

/* A copy of *from in ar, its strings too. Returns 0, or -1 when out of memory. */
static int copy_assumption(arena *ar, const assumption *from, assumption *to)
{
    *to = *from;
    to->text = arena_strdup(ar, from->text);
    to->fact = arena_strdup(ar, from->fact);
    to->subject = arena_strdup(ar, from->subject);
    to->name = arena_strdup(ar, from->name);
    to->value = arena_strdup(ar, from->value);
    return to->text && to->fact && to->subject && to->name && to->value ? 0 : -1;
}

/* ------------------------------------------------------------ resolving */

typedef enum target_kind { TARGET_STATE, TARGET_EVENT, TARGET_PERSON } target_kind;

/* An assumption with its names found in one scenario. */
typedef struct resolved {
    const assumption *a;
    target_kind kind;
    const state_def *state;     /* TARGET_STATE */
    size_t index;               /* TARGET_EVENT: position in sc->events; TARGET_PERSON: in sc->persons */
} resolved;

static size_t find_event(const pacta_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->event_count; i++)
        if (strcmp(sc->events[i]->id, id) == 0)
            return i;
    return SIZE_MAX;
}

static size_t find_person(const pacta_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->person_count; i++)
        if (strcmp(sc->persons[i].id, id) == 0)
            return i;
    return SIZE_MAX;
}

/* The scenario's event and person ids and the rulebase's state codes, for suggestions. */
static const char *closest_name(arena *ar, const pacta_scenario *sc, const char *word)
{
    size_t n = sc->event_count + sc->person_count + sc->rb->state_count, k = 0;
    const char **names = arena_array(ar, n + 1, sizeof *names);
    if (!names)
        return NULL;
    for (size_t i = 0; i < sc->event_count; i++)
        names[k++] = sc->events[i]->id;
    for (size_t i = 0; i < sc->person_count; i++)
        names[k++] = sc->persons[i].id;
    for (size_t i = 0; i < sc->rb->state_count; i++)
        names[k++] = sc->rb->states[i]->code;
    names[k] = NULL;
    return suggest_from_list(word, names);
}

static pacta_status misplaced(pacta_error *err, const pacta_scenario *sc, const assumption *a,
                              const char *what, const char *hint_fmt, const char *example)
{
    pacta_status st = error_set(err, PACTA_EINPUT, sc->name, 0, 0, "--assume '%s': %s", a->text,
                                what);
    error_hint(err, hint_fmt, a->name, example);
    return st;
}

/* Finds a's names in sc. err may be NULL (search candidates). */
static pacta_status resolve(arena *ar, const pacta_scenario *sc, const assumption *a, resolved *r,
                            pacta_error *err)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    const char *an_event = sc->event_count ? sc->events[0]->id : "e1";
    const char *a_person = sc->person_count ? sc->persons[0].id : "p1";
    if ((r->index = find_event(sc, a->subject)) != SIZE_MAX) {
        r->kind = TARGET_EVENT;
        if (a->what == ASSUME_STATUS)
            return misplaced(err, sc, a, "an event has no status",
                             "a %s belongs to a person: write PERSON.status, e.g. %s.status",
                             a_person);
        return PACTA_OK; /* an event may state any fact (scenario format) */
    }
    if ((r->index = find_person(sc, a->subject)) != SIZE_MAX) {
        r->kind = TARGET_PERSON;
        if (a->what == ASSUME_DATE)
            return misplaced(err, sc, a, "a person has no date",
                             "a %s belongs to an event: write EVENT.date, e.g. %s.date", an_event);
        if (a->what == ASSUME_FACT && !(a->def->where & (FACT_ON_PERSON | FACT_ON_STATE)) &&
            !a->def->derived)
            return misplaced(err, sc, a, "this fact is not stated on persons",
                             "'%s' is a fact of events: write EVENT.fact, e.g. %s.fact", an_event);
        return PACTA_OK;
    }
    if ((r->state = rb_state(sc->rb, a->subject)) != NULL) {
        r->kind = TARGET_STATE;
        if (a->what != ASSUME_FACT)
            return misplaced(err, sc, a, "a state has no date or status",
                             "'%s' belongs to an event or a person (e.g. %s)", an_event);
        if (!(a->def->where & FACT_ON_STATE) && !a->def->derived)
            return misplaced(err, sc, a, "this fact is not about a state",
                             "'%s' is stated on events or persons: write e.g. %s.fact", an_event);
        return PACTA_OK;
    }
    pacta_status st = error_set(err, PACTA_EINPUT, sc->name, 0, 0,
                                "--assume '%s': no event, person or state '%s' in this scenario",
                                a->text, a->subject);
    const char *near = err ? closest_name(ar, sc, a->subject) : NULL;
    if (near)
        error_hint(err, "did you mean '%s'?", near);
    else if (err)
        error_hint(err, "name an event id (e.g. %s), a person id (e.g. %s) or a state code",
                   an_event, a_person);
    return st;
}

/* ------------------------------------------------------------ the assumed scenario */

static const sc_fact *stated(const sc_fact_list *list, const fact_def *f)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].fact == f)
            return &list->items[i];
    return NULL;
}

/* Gives list (copied, never written in place: it may be the caller's) fact f = v. */
static int set_fact(arena *ar, sc_fact_list *list, const fact_def *f, pacta_truth v,
                    const char *assumed)
{
    sc_fact *items = arena_array(ar, list->count + 1, sizeof *items);
    if (!items)
        return -1;
    size_t i = 0;
    if (list->count)
        memcpy(items, list->items, list->count * sizeof *items);
    while (i < list->count && items[i].fact != f)
        i++;
    items[i].fact = f;
    items[i].value = v;
    items[i].line = items[i].column = 0;
    items[i].assumed = assumed;
    list->items = items;
    list->count += i == list->count;
    return 0;
}

/* The copy: persons, conditions and events are the copy's own; the rest is shared. */
static pacta_scenario *copy_scenario(arena *ar, const pacta_scenario *base, size_t extra_conditions)
{
    pacta_scenario *sc = arena_alloc(ar, sizeof *sc);
    if (!sc)
        return NULL;
    *sc = *base;
    sc_person *persons = arena_array(ar, base->person_count ? base->person_count : 1, sizeof *persons);
    sc_condition *conditions = arena_array(ar, base->condition_count + extra_conditions + 1,
                                           sizeof *conditions);
    sc_event **events = arena_array(ar, base->event_count ? base->event_count : 1, sizeof *events);
    if (!persons || !conditions || !events)
        return NULL;
    if (base->person_count)
        memcpy(persons, base->persons, base->person_count * sizeof *persons);
    for (size_t i = 0; i < base->condition_count; i++) {
        const sc_condition *c = &base->conditions[i];
        conditions[i] = *c;
        if (c->person_count) {
            const sc_person **who = arena_array(ar, c->person_count, sizeof *who);
            if (!who)
                return NULL;
            for (size_t k = 0; k < c->person_count; k++)
                who[k] = &persons[c->persons[k]->index];
            conditions[i].persons = who;
        }
    }
    for (size_t i = 0; i < base->event_count; i++) {
        sc_event *e = arena_alloc(ar, sizeof *e);
        if (!e)
            return NULL;
        *e = *base->events[i];
        e->subject = &persons[e->subject->index];
        events[i] = e;
    }
    sc->persons = persons;
    sc->conditions = conditions;
    sc->events = events;
    return sc;
}

/* A fact about a state: replaces the conditions and what would be read before them. */
static int assume_state_fact(arena *ar, pacta_scenario *sc, const state_def *state,
                             const assumption *a)
{
    sc_condition *conditions = (sc_condition *)sc->conditions;
    size_t kept = 0;
    for (size_t i = 0; i < sc->condition_count; i++)
        if (conditions[i].state != state || conditions[i].fact != a->def)
            conditions[kept++] = conditions[i];
    sc_condition *c = &conditions[kept];
    memset(c, 0, sizeof *c);
    c->state = state;
    c->fact = a->def;
    c->value = a->truth;
    c->index = kept;
    c->assumed = a->text;
    sc->condition_count = kept + 1;
    for (size_t i = 0; i < sc->event_count; i++) {
        sc_event *e = sc->events[i];
        if (e->to != state)
            continue;
        if ((stated(&e->facts, a->def) || stated(&e->subject->facts, a->def)) &&
            set_fact(ar, &e->facts, a->def, a->truth, a->text))
            return -1;
    }
    return 0;
}

static int assume_person_fact(arena *ar, pacta_scenario *sc, sc_person *p, const assumption *a)
{
    if (set_fact(ar, &p->facts, a->def, a->truth, a->text))
        return -1;
    for (size_t i = 0; i < sc->event_count; i++) {
        sc_event *e = sc->events[i];
        if (e->subject == p && stated(&e->facts, a->def) &&
            set_fact(ar, &e->facts, a->def, a->truth, a->text))
            return -1;
    }
    return 0;
}

/*
 * base with the resolved assumptions applied, in order, in ar. Event and
 * person indexes in rs are positions in base. Returns NULL when out of memory.
 */
static pacta_scenario *assumed_scenario(arena *ar, const pacta_scenario *base,
                                        const resolved *const *rs, size_t n)
{
    pacta_scenario *sc = copy_scenario(ar, base, n);
    if (!sc)
        return NULL;
    sc_event **events = (sc_event **)sc->events;
    sc_event **by_position = arena_array(ar, sc->event_count ? sc->event_count : 1,
                                         sizeof *by_position);
    if (!by_position)
        return NULL;
    if (sc->event_count)
        memcpy(by_position, events, sc->event_count * sizeof *events);
    int dates = 0;
    for (size_t i = 0; i < n; i++) {
        const resolved *r = rs[i];
        const assumption *a = r->a;
        sc_event *e = r->kind == TARGET_EVENT ? by_position[r->index] : NULL;
        sc_person *p = r->kind == TARGET_PERSON ? &sc->persons[r->index] : NULL;
        int failed = 0;
        if (a->what == ASSUME_DATE && e) {
            e->date = a->date;
            e->date_text = a->value;
            dates = 1;
        } else if (a->what == ASSUME_STATUS && p) {
            p->status = a->status;
            p->status_given = 1;
        } else if (e) {
            failed = set_fact(ar, &e->facts, a->def, a->truth, a->text);
        } else if (p) {
            failed = assume_person_fact(ar, sc, p, a);
        } else {
            failed = assume_state_fact(ar, sc, r->state, a);
        }
        if (failed)
            return NULL;
    }
    if (dates) {
        qsort(events, sc->event_count, sizeof *events, sc_event_compare);
        for (size_t i = 0; i < sc->event_count; i++)
            events[i]->index = i;
    }
    return sc;
}

/*
 * The part of sc that a finding completed by e can read: the events of the
 * same actor on the same subject (the only ones a sequence or a none_between
 * test looks at), the subject, and the conditions that may cover it. The
 * counterfactual search copies this for every evaluation instead of the
 * whole scenario, so its cost does not grow with the scenario's size.
 */
static pacta_scenario *reduced_scenario(arena *ar, const pacta_scenario *sc, const sc_event *e)
{
    pacta_scenario *r = arena_alloc(ar, sizeof *r);
    sc_person *p = arena_alloc(ar, sizeof *p);
    sc_event **events = arena_array(ar, sc->event_count ? sc->event_count : 1, sizeof *events);
    sc_condition *conditions = arena_array(ar, sc->condition_count + 1, sizeof *conditions);
    const sc_person **who = arena_alloc(ar, sizeof *who);
    if (!r || !p || !events || !conditions || !who)
        return NULL;
    *r = *sc;
    *p = *e->subject;
    p->index = 0;
    *who = p;
    size_t n = 0;
    for (size_t i = 0; i < sc->event_count; i++) {
        const sc_event *x = sc->events[i];
        if (x->actor != e->actor || x->subject != e->subject)
            continue;
        sc_event *copy = arena_alloc(ar, sizeof *copy);
        if (!copy)
            return NULL;
        *copy = *x;
        copy->subject = p;
        copy->index = n;
        events[n++] = copy;
    }
    r->events = events;
    r->event_count = n;
    r->persons = p;
    r->person_count = 1;
    n = 0;
    for (size_t i = 0; i < sc->condition_count; i++) {
        const sc_condition *c = &sc->conditions[i];
        int covers = c->person_count == 0;
        for (size_t k = 0; k < c->person_count; k++)
            covers |= c->persons[k] == e->subject;
        if (!covers)
            continue;
        conditions[n] = *c;
        if (c->person_count) {
            conditions[n].persons = who;
            conditions[n].person_count = 1;
        }
        n++;
    }
    r->conditions = conditions;
    r->condition_count = n;
    return r;
}

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
        size_t at = find_event(sc, s->event);
        if (at != SIZE_MAX && check_rule_at(scratch, s->rb, sc, s->rule, sc->events[at], &g))
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
    if (parse_assumption(s->ar, s->rb, fact, value, &c->a, NULL) != PACTA_OK ||
        resolve(s->ar, s->sc, &c->a, &c->r, NULL) != PACTA_OK)
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
                        for (size_t b = 0; STATUS_NAMES[b]; b++)
                            if (p[q].status != 1u << b)
                                add_candidate(s, &list, x->ref, STATUS_NAMES[b]);
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
            size_t at = find_event(s->sc, s->event);
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
    size_t at = find_event(sc, s.event);
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
        return oom_error(err, sc->name);
    }
    for (size_t i = 0; i < n; i++) {
        /* the report outlives as: it and the assumed scenario keep copies */
        const assumption *given = as->items.items[i];
        assumption *a = arena_alloc(ar, sizeof *a);
        if (!a || copy_assumption(ar, given, a)) {
            arena_free(ar);
            return oom_error(err, sc->name);
        }
        pacta_status st = resolve(ar, sc, a, &rs[i], err);
        if (st != PACTA_OK) {
            arena_free(ar);
            return st;
        }
        order[i] = &rs[i];
    }
    const pacta_scenario *assumed = n ? assumed_scenario(ar, sc, order, n) : sc;
    if (!assumed) {
        arena_free(ar);
        return oom_error(err, sc->name);
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
        return oom_error(err, sc->name);
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
        return oom_error(err, sc->name);
    }
    *out = rep;
    return PACTA_OK;
}

/* ------------------------------------------------------------ accessors */

size_t pacta_report_assumption_count(const pacta_report *rep)
{
    return rep && rep->whatif ? rep->whatif->assumption_count : 0;
}

pacta_change_view pacta_report_assumption(const pacta_report *rep, size_t i)
{
    pacta_change_view v = {NULL, NULL};
    if (i < pacta_report_assumption_count(rep))
        v = rep->whatif->assumptions[i];
    return v;
}

size_t pacta_report_changed_count(const pacta_report *rep)
{
    return rep && rep->whatif ? rep->whatif->changed : 0;
}

size_t pacta_report_dropped_count(const pacta_report *rep)
{
    return rep && rep->whatif ? rep->whatif->dropped.count : 0;
}

const char *pacta_report_dropped(const pacta_report *rep, size_t i)
{
    return i < pacta_report_dropped_count(rep) ? rep->whatif->dropped.items[i] : NULL;
}

pacta_baseline_view pacta_finding_baseline(const pacta_finding *f)
{
    pacta_baseline_view v = {0, 0, PACTA_NOT_APPLICABLE, 0};
    if (!f || !f->whatif || !f->whatif->assumed)
        return v;
    v.assumed = 1;
    v.found = f->whatif->baseline_found;
    v.verdict = f->whatif->baseline;
    v.changed = !v.found || v.verdict != f->verdict;
    return v;
}

size_t pacta_finding_counterfactual_count(const pacta_finding *f)
{
    return f && f->whatif ? f->whatif->count : 0;
}

pacta_counterfactual_view pacta_finding_counterfactual(const pacta_finding *f, size_t i)
{
    pacta_counterfactual_view v;
    memset(&v, 0, sizeof v);
    if (i >= pacta_finding_counterfactual_count(f))
        return v;
    const rp_counterfactual *c = &f->whatif->items[i];
    v.change_count = c->change_count;
    v.changes = c->changes;
    v.verdict = c->verdict;
    v.step_count = c->step_count;
    v.steps = c->steps;
    v.single = c->single;
    return v;
}

int pacta_finding_counterfactuals_truncated(const pacta_finding *f)
{
    return f && f->whatif ? f->whatif->truncated : 0;
}
