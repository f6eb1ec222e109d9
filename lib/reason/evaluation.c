/*
 * evaluation.c: resolving the leaves of a rule's tests against a scenario
 * (see evaluation.h): stated facts in the order of strength the semantics
 * define, derived facts through their definitions, and the actor's binding
 * and the destination's status from the records; each use recorded once.
 */
#include <string.h>

#include "reason/binding.h"
#include "reason/evaluation.h"
#include "reason/facts.h"
#include "reason/onward.h"

/* ------------------------------------------------------------ recording */

/* p is NULL when the allocation that made it failed: that is out of memory
 * too, never an empty entry in the report. */
int evaluation_push(evaluation *ev, ptrvec *v, void *p)
{
    if (!p || ptrvec_push(ev->ar, v, p)) {
        ev->oom = 1;
        return -1;
    }
    return 0;
}

int evaluation_push_unique(evaluation *ev, ptrvec *v, const char *s)
{
    if (!s) {
        ev->oom = 1;
        return -1;
    }
    for (size_t i = 0; i < v->count; i++)
        if (strcmp(v->items[i], s) == 0)
            return 0;
    return evaluation_push(ev, v, (void *)s);
}

/* Records a fact use once per finding, and once per step. */
static void record(evaluation *ev, const fact_answer *a, const sc_event *at)
{
    if (!ev->keep_facts)
        return;
    size_t index = ev->facts.count;
    for (size_t i = 0; i < ev->facts.count; i++) {
        const rp_fact *f = ev->facts.items[i];
        if (strcmp(f->ref, a->ref) == 0 && f->from == a->from && f->value == a->value) {
            index = i;
            break;
        }
    }
    if (index == ev->facts.count) {
        rp_fact *f = arena_alloc(ev->ar, sizeof *f);
        if (!f) {
            ev->oom = 1;
            return;
        }
        f->ref = a->ref;
        f->display = a->display;
        f->value = a->value;
        f->from = a->from;
        f->detail = a->detail;
        /* scenario strings are copied: a report outlives its scenario */
        f->source = a->source && ev->prose ? arena_strdup(ev->ar, a->source) : NULL;
        if (a->source && ev->prose && !f->source)
            ev->oom = 1;
        if (a->text && ev->prose) {
            f->span_start = a->text->start;
            f->span_end = a->text->end;
            f->text = arena_strndup(ev->ar, at->description + a->text->start,
                                    a->text->end - a->text->start);
        }
        if (evaluation_push(ev, &ev->facts, f))
            return;
    }
    for (size_t i = 0; i < ev->step_facts.count; i++)
        if ((size_t)(uintptr_t)ev->step_facts.items[i] == index + 1)
            return;
    evaluation_push(ev, &ev->step_facts, (void *)(uintptr_t)(index + 1));
}

/* What facts_stated spells out for a fact the evaluation may record. */
static unsigned wanted(const evaluation *ev)
{
    return ev->keep_facts ? FACT_REF | (ev->prose ? FACT_DETAIL : 0) : 0;
}

/* What each status says, in the words of the scenario format. */
static const char *const STATUS_READING[] = {
    "recognised as a refugee", "claim pending (asylum-seeker)", "not determined",
    "found not to be a refugee (migrant)", "a national of the acting state"};

static const char *status_reading(unsigned bit)
{
    for (size_t k = 0; k < 5; k++)
        if (bit == 1u << k)
            return STATUS_READING[k];
    return STATUS_READING[2];
}

/* "the escapees' refugee status", "agiza's refugee status" */
static const char *status_of(arena *ar, const char *person)
{
    size_t n = strlen(person);
    return arena_printf(ar, "%s'%s refugee status", person, n && person[n - 1] == 's' ? "" : "s");
}

static pacta_truth resolve_status(evaluation *ev, const expr *leaf, const sc_event *at)
{
    const sc_person *p = at->subject;
    fact_answer a = {0};
    a.value = (p->status & leaf->status_mask) ? PACTA_TRUE : PACTA_FALSE;
    a.from = PACTA_FROM_PERSON;
    if (!ev->keep_facts)
        return a.value;
    a.ref = arena_join(ev->ar, p->id, ".", "status");
    a.detail = a.display = "";
    if (ev->prose) {
        /* the value recorded is the test's; what a reader reads is the status itself */
        const char *whose = status_of(ev->ar, p->id);
        a.display = whose ? arena_printf(ev->ar, "%s: %s", whose, status_reading(p->status)) : NULL;
        a.detail = p->status_given ? arena_join(ev->ar, p->id, ".", "status")
                                   : "no status given: no procedure decided it";
    }
    if (!a.ref || !a.detail || !a.display) {
        ev->oom = 1;
        return PACTA_UNKNOWN;
    }
    record(ev, &a, at);
    return a.value;
}

static pacta_truth resolve_derived(evaluation *ev, const expr *leaf, const sc_event *at,
                                   fact_answer *a)
{
    const fact_def *f = leaf->fact;
    expr_env env = {ev->sc, at, NULL, 0, evaluation_resolve_leaf, ev};
    pacta_truth v = expr_eval(f->derived, &env);
    a->value = v;
    a->from = PACTA_FROM_RULE;
    a->detail = !ev->prose ? ""
                           : arena_printf(ev->ar, "derived: %s [%s]", f->label,
                                          rb_source_cited_as(ev->rb, f->derived_source));
    if (!a->detail)
        ev->oom = 1;
    /* a derivation that holds is part of the reasoning: its authority is cited */
    if (v == PACTA_TRUE)
        evaluation_push_unique(ev, &ev->derived_sources, f->derived_source);
    return v;
}

/* A slot for each event, each state a fact may be about, and each way an
 * unstated fact reads (unknown, or false for an optional refinement). */
#define MEMO_REFS (REF_ACTOR + 1) /* the state_refs */
static size_t memo_slots(const pacta_rulebase *rb, const pacta_scenario *sc)
{
    return sc->event_count * MEMO_REFS * 2 * rb->fact_count;
}

unsigned char *evaluation_memo_new(arena *ar, const pacta_rulebase *rb, const pacta_scenario *sc)
{
    size_t n = memo_slots(rb, sc);
    return arena_array(ar, n ? n : 1, 1);
}

static pacta_truth resolve_fact_uncached(evaluation *ev, const expr *leaf, const sc_event *at);

/*
 * A base fact read where nothing is recorded reads the same in every rule
 * of the scenario (the scenario and the rules decide it), so a check
 * without prose reads it once per event. A hop of chain refoulement shares
 * its event's index, not its destination: it is read each time.
 */
static pacta_truth resolve_fact(evaluation *ev, const expr *leaf, const sc_event *at)
{
    if (!ev->memo || ev->keep_facts || at->onward_from)
        return resolve_fact_uncached(ev, leaf, at);
    unsigned char *slot =
        &ev->memo[((at->index * MEMO_REFS + (size_t)leaf->of) * 2 + (leaf->unstated_false != 0)) *
                      ev->rb->fact_count +
                  leaf->fact->index];
    if (!*slot)
        *slot = (unsigned char)(resolve_fact_uncached(ev, leaf, at) + 1);
    return (pacta_truth)(*slot - 1);
}

static pacta_truth resolve_fact_uncached(evaluation *ev, const expr *leaf, const sc_event *at)
{
    const fact_def *f = leaf->fact;
    fact_answer a;
    if (facts_stated(ev->ar, wanted(ev), ev->sc, at, f, leaf->of, &a) != 0) {
        ev->oom = 1;
        return PACTA_UNKNOWN;
    }
    if (a.value != PACTA_UNKNOWN || a.from != PACTA_FROM_NOWHERE) {
        record(ev, &a, at);
        if (a.value != PACTA_UNKNOWN)
            return a.value;
    }
    if (f->derived) {
        pacta_truth v = resolve_derived(ev, leaf, at, &a);
        record(ev, &a, at);
        if (v != PACTA_UNKNOWN)
            return v;
    }
    fact_answer t = a;
    if (facts_from_text(ev->ar, wanted(ev), at, f, &t) != 0) {
        ev->oom = 1;
        return PACTA_UNKNOWN;
    }
    if (t.from == PACTA_FROM_TEXT) {
        record(ev, &t, at);
        if (t.value != PACTA_UNKNOWN)
            return t.value;
    }
    if (!f->derived && a.from == PACTA_FROM_NOWHERE) {
        /* an optional refinement says nothing unless stated */
        if (leaf->unstated_false) {
            a.value = PACTA_FALSE;
            a.display = !ev->prose ? ""
                                   : arena_printf(ev->ar, "%s: read as false, an optional refinement",
                                                  a.ref);
            a.detail = "not stated";
            if (!a.display)
                ev->oom = 1;
            record(ev, &a, at);
            return PACTA_FALSE;
        }
        a.detail = "not stated";
        record(ev, &a, at);
    }
    return PACTA_UNKNOWN;
}

/* ------------------------------------------------------------ chain refoulement */

/*
 * The via fact at at's destination, and the hop to the onward state when
 * it may hold. Returns the via fact's value; *hop is NULL when there is no
 * hop to read, with *step saying why.
 */
static pacta_truth onward_link(evaluation *ev, const expr *leaf, const sc_event *at,
                               onward_step *step, sc_event **hop)
{
    fact_answer stated;
    *hop = NULL;
    *step = ONWARD_UNKNOWN;
    if (facts_stated(ev->ar, ev->prose ? FACT_REF | FACT_DETAIL : 0, ev->sc, at, leaf->fact,
                     REF_DESTINATION, &stated) != 0 ||
        onward_next(ev->ar, at, &stated, step, hop) != 0) {
        ev->oom = 1;
        return PACTA_UNKNOWN;
    }
    /* no state to send the person on to: the via fact decides nothing, and is not reported */
    if (*step == ONWARD_NONE)
        return PACTA_FALSE;
    expr via_leaf = *leaf;
    via_leaf.kind = EX_FACT;
    via_leaf.count = 0;
    pacta_truth v = evaluation_resolve_leaf(ev, &via_leaf, at);
    if (v == PACTA_FALSE)
        *hop = NULL;
    return v;
}

/*
 * {onward: T, via: F}: F holds at the destination and T at the onward state.
 * A chain that reaches a state twice adds nothing (false); one longer than
 * the bound, or with no onward state to name, stays unknown.
 */
static pacta_truth resolve_onward(evaluation *ev, const expr *leaf, const sc_event *at)
{
    onward_step step;
    sc_event *hop;
    pacta_truth via = onward_link(ev, leaf, at, &step, &hop);
    if (via == PACTA_FALSE)
        return PACTA_FALSE;
    if (!hop)
        return PACTA_UNKNOWN; /* no onward state named, or the chain is too long to follow */
    expr_env env = {ev->sc, hop, NULL, 0, evaluation_resolve_leaf, ev};
    pacta_truth there = expr_eval(leaf->kids[0], &env);
    if (via == PACTA_TRUE && ev->prose) {
        size_t k = 0;
        while (k < ev->chains.count && !onward_same_chain(ev->chains.items[k], hop))
            k++;
        if (k == ev->chains.count)
            evaluation_push(ev, &ev->chains, hop);
        k = 0;
        while (k < ev->chain_tests.count && ev->chain_tests.items[k] != leaf)
            k++;
        if (k == ev->chain_tests.count)
            evaluation_push(ev, &ev->chain_tests, (void *)leaf);
    }
    return truth_and(via, there);
}

/* The facts that would decide an unknown onward test: the via fact, the onward state, and what is read there. */
static void collect_onward(evaluation *ev, const expr *leaf, const sc_event *at)
{
    onward_step step;
    sc_event *hop;
    pacta_truth via = onward_link(ev, leaf, at, &step, &hop);
    if (via == PACTA_UNKNOWN) {
        fact_answer a;
        if (facts_stated(ev->ar, FACT_REF, ev->sc, at, leaf->fact, REF_DESTINATION, &a) != 0) {
            ev->oom = 1;
            return;
        }
        evaluation_push_unique(ev, &ev->unknown, a.ref);
    }
    if (step == ONWARD_UNKNOWN)
        evaluation_push_unique(ev, &ev->unknown,
                               arena_join(ev->ar, at->subject->id, ".", "nationality"));
    if (!hop)
        return;
    expr_env env = {ev->sc, hop, NULL, 0, evaluation_resolve_leaf, ev};
    ptrvec inner = {0};
    expr_eval_collect(leaf->kids[0], &env, ev->ar, &inner, &ev->oom);
    for (size_t i = 0; i + 1 < inner.count; i += 2)
        evaluation_collect_unknown(ev, inner.items[i], inner.items[i + 1]);
}

/*
 * Names, in scenario terms, a leaf that leaves a step undecided: an unknown
 * derived fact is explained by the leaves of its derivation, everything else
 * by its own name.
 */
void evaluation_collect_unknown(evaluation *ev, const expr *leaf, const sc_event *at)
{
    const char *ref = NULL;
    if (leaf->kind == EX_ONWARD) {
        collect_onward(ev, leaf, at);
        return;
    } else if (leaf->kind == EX_TO_NATIONALITY) {
        ref = arena_join(ev->ar, at->subject->id, ".", "nationality");
    } else if (leaf->kind == EX_FACT) {
        const fact_def *f = leaf->fact;
        fact_answer a;
        if (facts_stated(ev->ar, FACT_REF, ev->sc, at, f, leaf->of, &a) != 0) {
            ev->oom = 1;
            return;
        }
        if (a.from == PACTA_FROM_NOWHERE && f->derived) {
            expr_env env = {ev->sc, at, NULL, 0, evaluation_resolve_leaf, ev};
            ptrvec inner = {0};
            expr_eval_collect(f->derived, &env, ev->ar, &inner, &ev->oom);
            for (size_t i = 0; i + 1 < inner.count; i += 2)
                evaluation_collect_unknown(ev, inner.items[i], inner.items[i + 1]);
            return;
        }
        ref = a.ref;
    } else {
        return; /* status and to_party are never unknown */
    }
    evaluation_push_unique(ev, &ev->unknown, ref);
}

/* "e2 removed them to: KP", or at a hop of a chain "the onward state: KP" */
static const char *destination_phrase(arena *ar, const sc_event *at)
{
    const char *where = at->to ? at->to->code : "(not given)";
    return at->onward_from ? arena_printf(ar, "the onward state: %s", where)
                           : arena_printf(ar, "%s %s them to: %s", at->id, at->action->verb, where);
}

/* Whether the destination is one of the states the rule's instrument names. */
static pacta_truth resolve_to_party(evaluation *ev, const expr *leaf, const sc_event *at)
{
    const instrument_def *inst = leaf->instrument;
    fact_answer a = {0};
    a.value = PACTA_FALSE;
    for (size_t i = 0; at->to && i < inst->state_count; i++)
        if (inst->states[i] == at->to)
            a.value = PACTA_TRUE;
    a.from = PACTA_FROM_EVENT;
    if (!ev->keep_facts)
        return a.value;
    a.ref = arena_join(ev->ar, at->id, ".", "to");
    a.detail = a.display = "";
    if (ev->prose) {
        const char *to = destination_phrase(ev->ar, at);
        a.display = to ? arena_printf(ev->ar, "%s, %s the %s", to,
                                      a.value == PACTA_TRUE ? "a state bound by"
                                                            : "not a state bound by",
                                      inst->title)
                       : NULL;
        a.detail = a.ref;
    }
    if (!a.ref || !a.detail || !a.display) {
        ev->oom = 1;
        return PACTA_UNKNOWN;
    }
    record(ev, &a, at);
    return a.value;
}

/*
 * Whether the person is sent to their own state. Onward removal (chain
 * refoulement) is a risk of third states: a state does not deport its own
 * nationals onward, so rules weigh onward risks only where this is false.
 */
static pacta_truth resolve_to_nationality(evaluation *ev, const sc_event *at)
{
    const state_def *home = at->subject ? at->subject->nationality : NULL;
    fact_answer a = {0};
    a.value = !at->to || !home ? PACTA_UNKNOWN : at->to == home ? PACTA_TRUE : PACTA_FALSE;
    a.from = PACTA_FROM_EVENT;
    if (!ev->keep_facts)
        return a.value;
    a.ref = home ? arena_join(ev->ar, at->id, ".", "to")
                 : arena_join(ev->ar, at->subject->id, ".", "nationality");
    a.detail = a.display = "";
    if (ev->prose) {
        const char *to = destination_phrase(ev->ar, at);
        a.display = !to ? NULL
                    : a.value == PACTA_TRUE  ? arena_printf(ev->ar, "%s, their own state", to)
                    : a.value == PACTA_FALSE ? arena_printf(ev->ar, "%s, not their own state (%s)",
                                                            to, home->code)
                                             : arena_printf(ev->ar,
                                                            "%s; their nationality is not given", to);
        a.detail = arena_printf(ev->ar, "%s.to; %s.nationality", at->id, at->subject->id);
    }
    if (!a.ref || !a.detail || !a.display) {
        ev->oom = 1;
        return PACTA_UNKNOWN;
    }
    record(ev, &a, at);
    return a.value;
}

pacta_truth evaluation_resolve_leaf(void *ctx, const expr *leaf, const sc_event *at)
{
    evaluation *ev = ctx;
    if (leaf->kind == EX_STATUS)
        return resolve_status(ev, leaf, at);
    if (leaf->kind == EX_TO_PARTY)
        return resolve_to_party(ev, leaf, at);
    if (leaf->kind == EX_TO_NATIONALITY)
        return resolve_to_nationality(ev, at);
    if (leaf->kind == EX_ONWARD)
        return resolve_onward(ev, leaf, at);
    return resolve_fact(ev, leaf, at);
}

