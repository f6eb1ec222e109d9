/*
 * assume.c: reading assumptions ("KP.torture_on_return=false"), finding
 * their names in a scenario, and building the assumed scenario: persons,
 * conditions and events copied, everything else shared with the caller's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "reason/assume.h"

const char *const assume_status_names[] = {"refugee", "asylum_seeker", "undetermined", "migrant",
                                           "national", NULL};

/* ------------------------------------------------------------ assumptions */

static const char *fact_name_at(const void *list, size_t i)
{
    return ((const fact_def *const *)list)[i]->name;
}

pacta_status assume_oom(pacta_error *err, const char *file)
{
    return error_set(err, PACTA_ENOMEM, file, 0, 0, "out of memory");
}

/*
 * Reads FACT=VALUE (fact and value given apart) into *a, strings in ar.
 * Errors go to err (which may be NULL: candidates of the search are dropped
 * silently when they cannot be assumed).
 */
pacta_status assumption_parse(arena *ar, const pacta_rulebase *rb, const char *fact,
                              const char *value, assumption *a, pacta_error *err)
{
    memset(a, 0, sizeof *a);
    a->text = arena_printf(ar, "%s=%s", fact, value);
    const char *dot = strrchr(fact, '.');
    if (!a->text)
        return assume_oom(err, ASSUME_FILE);
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
        return assume_oom(err, ASSUME_FILE);
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
        for (size_t k = 0; assume_status_names[k]; k++)
            if (strcmp(assume_status_names[k], value) == 0) {
                a->status = 1u << k;
                return PACTA_OK;
            }
        pacta_status st = error_set(err, PACTA_EINPUT, ASSUME_FILE, 0, 0,
                                    "'%s': unknown status '%s'", a->text, value);
        const char *near = suggest_from_list(value, assume_status_names);
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
        return assume_oom(err, ASSUME_FILE);
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
        return assume_oom(err, ASSUME_FILE);
    pacta_status st = assumption_parse(as->ar, as->rb, fact, eq ? eq + 1 : "", a, err);
    if (st == PACTA_OK && ptrvec_push(as->ar, &as->items, a))
        st = assume_oom(err, ASSUME_FILE);
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
int assumption_copy(arena *ar, const assumption *from, assumption *to)
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

size_t scenario_event_index(const pacta_scenario *sc, const char *id)
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
pacta_status assumption_resolve(arena *ar, const pacta_scenario *sc, const assumption *a,
                                resolved *r, pacta_error *err)
{
    memset(r, 0, sizeof *r);
    r->a = a;
    const char *an_event = sc->event_count ? sc->events[0]->id : "e1";
    const char *a_person = sc->person_count ? sc->persons[0].id : "p1";
    if ((r->index = scenario_event_index(sc, a->subject)) != SIZE_MAX) {
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
pacta_scenario *assumed_scenario(arena *ar, const pacta_scenario *base,
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
pacta_scenario *reduced_scenario(arena *ar, const pacta_scenario *sc, const sc_event *e)
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
