/*
 * declarations.c: a party's declarations that narrow whom its obligations
 * reach (declarations.h). The treaty's own text defines what each kind of
 * declaration does (the instrument's `declarations:`, with the test of the
 * cases it excludes); the party record says who made one and whether it was
 * withdrawn. Nothing here knows a treaty, a state or a date.
 */
#include "reason/declarations.h"

#include "model/rulebase.h"

/* Whether the event is before the withdrawal: true, false, or unknown when the dates overlap. */
static pacta_truth still_in_effect(const party_declaration *d, pdate_range event)
{
    if (!d->withdrawn.set || event.hi < d->withdrawn.when.lo)
        return PACTA_TRUE;
    if (event.lo >= d->withdrawn.when.hi)
        return PACTA_FALSE;
    return PACTA_UNKNOWN;
}

static const char *clause(const declaration_def *k)
{
    return k->provision->label;
}

/* "escapees.events_in_europe = false; ..." for the facts the test read, from index first on. */
static const char *facts_read(evaluation *ev, size_t first)
{
    const char *text = "";
    for (size_t i = first; text && i < ev->facts.count; i++) {
        const rp_fact *f = ev->facts.items[i];
        text = arena_printf(ev->ar, "%s%s%s = %s", text, i > first ? "; " : "", f->ref,
                            pacta_truth_name(f->value));
    }
    return text;
}

/* The declaration's sentence among the binding reasons: who made it and whether it reaches the case. */
static int say_declaration(evaluation *ev, const sc_event *e, binding_result *b,
                           const party_declaration *d, pacta_truth in_effect, pacta_truth excluded,
                           size_t first_fact)
{
    const char *actor = e->actor->code;
    const declaration_def *k = d->kind;
    const char *facts = facts_read(ev, first_fact);
    const char *made = arena_printf(ev->ar, "%s made the declaration under %s of the %s, %s [%s]%s%s%s",
                                    actor, clause(k), b->instrument->short_title, k->label,
                                    rb_source_cited_as(ev->rb, d->source), d->text ? " (" : "",
                                    d->text ? d->text : "", d->text ? ")" : "");
    if (!facts || !made) {
        ev->oom = 1;
        return -1;
    }
    /* "It takes this case outside the obligations TR accepted" and its two companions */
    const char *before_actor = excluded == PACTA_TRUE ? "It takes this case outside the obligations "
                               : excluded == PACTA_FALSE
                                   ? "It does not reach this case, which stays within the "
                                     "obligations "
                                   : "Whether it takes this case outside the obligations ";
    const char *after_actor = excluded == PACTA_UNKNOWN ? " accepted is unknown" : " accepted";
    const char *overlap = in_effect == PACTA_UNKNOWN
                              ? arena_printf(ev->ar,
                                             "; it was withdrawn on %s [%s], and the event's "
                                             "date overlaps that day",
                                             d->withdrawn.text,
                                             rb_source_cited_as(ev->rb, d->withdrawn.source))
                              : "";
    evaluation_push(ev, &b->reasons,
                    arena_printf(ev->ar, "%s. %s%s%s%s%s%s%s.", made, before_actor, actor,
                                 after_actor, *facts ? " (" : "", facts, *facts ? ")" : "",
                                 overlap ? overlap : ""));
    return ev->oom ? -1 : 0;
}

int declarations_weigh(evaluation *ev, const expr_env *env, const sc_event *e,
                       binding_result *b, ptrvec *missing, const party_declaration **decisive)
{
    *decisive = NULL;
    /* the declarations of the period of participation the event falls in */
    const party_def *p = party_period_at(instrument_party(b->instrument, e->actor->code), e->date);
    const char *actor = e->actor->code;
    for (size_t i = 0; p && b->bound != PACTA_FALSE && i < p->declaration_count; i++) {
        const party_declaration *d = &p->declarations[i];
        const declaration_def *k = d->kind;
        pacta_truth in_effect = still_in_effect(d, e->date);
        if (in_effect == PACTA_FALSE) {
            if (ev->prose)
                evaluation_push(ev, &b->reasons,
                                arena_printf(ev->ar,
                                             "%s withdrew its declaration under %s (%s) on %s "
                                             "[%s], before the event.",
                                             actor, clause(k), k->label, d->withdrawn.text,
                                             rb_source_cited_as(ev->rb, d->withdrawn.source)));
            continue;
        }
        size_t first_fact = ev->facts.count;
        ev->undecided.count = 0;
        pacta_truth excludes =
            expr_eval_collect(k->excludes, env, ev->ar, &ev->undecided, &ev->oom);
        pacta_truth excluded = truth_and(in_effect, excludes);
        if (ev->prose && say_declaration(ev, e, b, d, in_effect, excluded, first_fact) != 0)
            return -1;
        if (excluded == PACTA_FALSE)
            continue;
        *decisive = d;
        if (excluded == PACTA_UNKNOWN) {
            ev->unknown.count = 0;
            for (size_t j = 0; j + 1 < ev->undecided.count; j += 2)
                evaluation_collect_unknown(ev, ev->undecided.items[j], ev->undecided.items[j + 1]);
            for (size_t j = 0; j < ev->unknown.count; j++)
                evaluation_push_unique(ev, missing, ev->unknown.items[j]);
            if (in_effect == PACTA_UNKNOWN)
                b->date_decides = 1;
        }
        b->bound = truth_and(b->bound, truth_not(excluded));
    }
    return ev->oom ? -1 : 0;
}
