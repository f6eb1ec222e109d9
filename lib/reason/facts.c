/*
 * facts.c: finding stated facts. A fact given on an event overrides the
 * same fact on the person, which overrides a condition; conditions that
 * disagree, or whose window only partly covers an imprecise event date, give
 * unknown rather than a guess.
 */
#include "reason/facts.h"

#include <stdarg.h>
#include <string.h>

/* Where a fact came from, in words: written only when want asks for it
 * (FACT_DETAIL), else "" (a batch's compact record prints no provenance). */
static const char *detailf(arena *ar, unsigned want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static const char *detailf(arena *ar, unsigned want, const char *fmt, ...)
{
    if (!(want & FACT_DETAIL))
        return "";
    va_list ap;
    va_start(ap, fmt);
    const char *text = arena_vprintf(ar, fmt, ap);
    va_end(ap);
    return text;
}

static const state_def *state_about(const sc_event *e, state_ref of)
{
    switch (of) {
    case REF_NATIONALITY:
        return e->subject ? e->subject->nationality : NULL;
    case REF_ACTOR:
        return e->actor;
    case REF_DESTINATION:
        break;
    }
    return e->to;
}

const char *facts_ref(arena *ar, const sc_event *e, const fact_def *f, state_ref of)
{
    if (f->where & FACT_ON_STATE) {
        const state_def *s = state_about(e, of);
        if (s)
            return arena_join(ar, s->code, ".", f->name);
        if (of == REF_NATIONALITY)
            return arena_join(ar, e->subject->id, ".", "nationality");
        return arena_join(ar, e->id, ".", "to");
    }
    if (f->where & FACT_ON_EVENT)
        return arena_join(ar, e->id, ".", f->name);
    return arena_join(ar, e->subject->id, ".", f->name);
}

static const sc_fact *find_fact(const sc_fact_list *list, const fact_def *f)
{
    for (size_t i = 0; i < list->count; i++)
        if (list->items[i].fact == f)
            return &list->items[i];
    return NULL;
}

static const char *event_field(const sc_event *e, const char *name)
{
    if (strcmp(name, "as") == 0)
        return e->as;
    if (strcmp(name, "basis") == 0)
        return e->basis;
    if (strcmp(name, "outcome") == 0)
        return e->outcome;
    if (strcmp(name, "to_body") == 0)
        return e->to_body;
    return NULL;
}

static int stated_on_event(arena *ar, unsigned want, const sc_event *e, const fact_def *f,
                           fact_answer *out)
{
    const sc_fact *given = find_fact(&e->facts, f);
    if (given) {
        out->value = given->value;
        out->from = PACTA_FROM_EVENT;
        out->detail = given->assumed
                          ? detailf(ar, want, "assumed: %s", given->assumed)
                          : detailf(ar, want, "%s.facts.%s (line %u)", e->id, f->name, given->line);
        out->source = given->assumed ? NULL : e->source;
        return out->detail ? 1 : -1;
    }
    if (!f->field.field)
        return 0;
    const char *value = event_field(e, f->field.field);
    if (!value)
        return 0;
    for (size_t i = 0; i < f->field.count; i++) {
        if (strcmp(f->field.values[i], value) == 0) {
            out->value = f->field.truths[i];
            out->from = PACTA_FROM_EVENT;
            out->detail = detailf(ar, want, "%s.%s = %s", e->id, f->field.field, value);
            out->source = e->source;
            return out->detail ? 1 : -1;
        }
    }
    return 0; /* a value the vocabulary does not map says nothing about the fact */
}

static int condition_covers_person(const sc_condition *c, const sc_person *p)
{
    if (c->person_count == 0)
        return 1;
    for (size_t i = 0; i < c->person_count; i++)
        if (c->persons[i] == p)
            return 1;
    return 0;
}

/*
 * Conditions applying to one event, from the scenario or the rules' library,
 * vote on a fact: agreement gives the value, disagreement or a window that
 * covers only part of an imprecise event date gives unknown.
 */
typedef struct vote {
    int count;          /* conditions that apply */
    pacta_truth value;  /* the first one's value */
    int disagree;
    int partial;
} vote;

static void cast(vote *v, pacta_truth value, pdate lo, pdate hi, pdate_range when, int *first)
{
    *first = 0;
    if (when.hi < lo || when.lo > hi)
        return;
    if (when.lo < lo || when.hi > hi)
        v->partial = 1;
    if (v->count++ == 0) {
        v->value = value;
        *first = 1;
    } else if (value != v->value) {
        v->disagree = 1;
    }
}

/* Sets out's value and detail from the vote; where names the first condition. */
static int settle(arena *ar, unsigned want, const vote *v, const char *where, const char *source,
                  fact_answer *out)
{
    out->from = PACTA_FROM_CONDITION;
    out->source = source;
    out->value = v->disagree || v->partial ? PACTA_UNKNOWN : v->value;
    out->detail = detailf(ar, want, "%s%s", where,
                          v->disagree  ? ": conditions on this fact disagree for this date"
                          : v->partial ? ": its window covers only part of the event's date"
                                       : "");
    return where && out->detail ? 1 : -1;
}

static int stated_by_condition(arena *ar, unsigned want, const pacta_scenario *sc,
                               const sc_event *e, const fact_def *f, const state_def *state, fact_answer *out)
{
    vote v = {0};
    const sc_condition *first = NULL;
    for (size_t i = 0; i < sc->condition_count; i++) {
        const sc_condition *c = &sc->conditions[i];
        if (c->fact != f || c->state != state || !condition_covers_person(c, e->subject))
            continue;
        int is_first;
        cast(&v, c->value, c->has_from ? c->from.lo : PDATE_MIN,
             c->has_until ? c->until.hi : PDATE_MAX, e->date, &is_first);
        if (is_first)
            first = c;
    }
    if (!first)
        return 0;
    const char *where = first->assumed
                            ? detailf(ar, want, "assumed: %s", first->assumed)
                            : detailf(ar, want, "conditions[%zu] (line %u)", first->index,
                                      first->line);
    out->onward_to = first->onward_to;
    return settle(ar, want, &v, where, first->source, out);
}

/* Whether the scenario says anything at all about this fact of this state. */
static int scenario_states(const pacta_scenario *sc, const fact_def *f, const state_def *state)
{
    for (size_t i = 0; i < sc->condition_count; i++)
        if (sc->conditions[i].fact == f && sc->conditions[i].state == state)
            return 1;
    return 0;
}

/* Whether a library condition concerns the person: it may name the nationalities it is about. */
static int library_covers_person(const rb_condition *c, const sc_person *p)
{
    if (c->national_count == 0)
        return 1;
    for (size_t i = 0; p && p->nationality && i < c->national_count; i++)
        if (c->nationals[i] == p->nationality)
            return 1;
    return 0;
}

/*
 * The rules' own country conditions, used only where the scenario states
 * nothing about that fact of that state: a scenario overrides the library by
 * stating the fact itself.
 */
static int stated_by_library(arena *ar, unsigned want, const pacta_rulebase *rb,
                             const sc_event *e, const fact_def *f, const state_def *state, fact_answer *out)
{
    vote v = {0};
    const rb_condition *first = NULL;
    for (size_t i = 0; i < rb->condition_count; i++) {
        const rb_condition *c = &rb->conditions[i];
        if (c->fact != f || c->state != state || !library_covers_person(c, e->subject))
            continue;
        int is_first;
        cast(&v, c->value, c->from.set ? c->from.when.lo : PDATE_MIN,
             c->until.set ? c->until.when.hi : PDATE_MAX, e->date, &is_first);
        if (is_first)
            first = c;
    }
    if (!first)
        return 0;
    out->onward_to = first->onward_to;
    return settle(ar, want, &v,
                  detailf(ar, want, "rules' country conditions, %s:%u", first->rel_file,
                          first->at.line),
                  first->source, out);
}

int facts_stated(arena *ar, unsigned want, const pacta_scenario *sc, const sc_event *e,
                 const fact_def *f, state_ref of, fact_answer *out)
{
    memset(out, 0, sizeof *out);
    out->value = PACTA_UNKNOWN;
    out->from = PACTA_FROM_NOWHERE;
    if (want & FACT_REF && !(out->ref = facts_ref(ar, e, f, of)))
        return -1;
    /* stated facts override only facts about the destination (see rules/README.md);
     * at a hop of chain refoulement they are about the first destination, not this one */
    if (of == REF_DESTINATION && !e->onward_from) {
        int found = stated_on_event(ar, want, e, f, out);
        if (found)
            return found < 0 ? -1 : 0;
        const sc_fact *given = e->subject ? find_fact(&e->subject->facts, f) : NULL;
        if (given) {
            out->value = given->value;
            out->from = PACTA_FROM_PERSON;
            out->detail = given->assumed ? detailf(ar, want, "assumed: %s", given->assumed)
                                         : detailf(ar, want, "%s.facts.%s (line %u)",
                                                   e->subject->id, f->name, given->line);
            return out->detail ? 0 : -1;
        }
    }
    const state_def *state = state_about(e, of);
    if (state && (f->where & FACT_ON_STATE || f->derived)) {
        int found = scenario_states(sc, f, state)
                        ? stated_by_condition(ar, want, sc, e, f, state, out)
                        : stated_by_library(ar, want, sc->rb, e, f, state, out);
        if (found < 0)
            return -1;
    }
    return 0;
}

int facts_from_text(arena *ar, unsigned want, const sc_event *e, const fact_def *f,
                    fact_answer *out)
{
    const sc_text_fact *first = NULL;
    int disagree = 0;
    for (size_t i = 0; i < e->text_fact_count; i++) {
        const sc_text_fact *t = &e->text_facts[i];
        if (t->indicator->fact != f)
            continue;
        if (!first)
            first = t;
        else if (t->value != first->value)
            disagree = 1;
    }
    if (!first)
        return 0;
    out->from = PACTA_FROM_TEXT;
    out->text = first;
    out->source = e->source;
    out->value = disagree ? PACTA_UNKNOWN : first->value;
    if (disagree)
        out->detail = detailf(ar, want, "%s.description: indicators disagree", e->id);
    else if (first->qualifier)
        out->detail = detailf(ar, want, "%s.description, indicator %s, %s by \"%.*s\"", e->id,
                              first->indicator->id, first->qualifier,
                              (int)(first->qualifier_end - first->qualifier_start),
                              e->description + first->qualifier_start);
    else
        out->detail = detailf(ar, want, "%s.description, indicator %s", e->id,
                              first->indicator->id);
    return out->detail ? 0 : -1;
}
