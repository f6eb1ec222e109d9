/*
 * binding.c: the first question of every finding, "was the actor bound
 * that day?", answered from the party records with the treaty's own
 * entry-into-force clause. Dates are ranges: a consent known only to the
 * year gives an entry into force known only to a range, and where the
 * event's range and the binding range overlap the answer is unknown.
 */
#include "reason/binding.h"

#include <string.h>

#include "load/expr.h"
#include "model/rulebase.h"

typedef struct builder {
    arena *ar;
    const pacta_rulebase *rb;
    binding_result *out;
    int prose; /* 0: the verdict and its data only, no sentence (binding.h) */
    int oom;
} builder;

/* A source as the reasons cite it: its short citation, else its title; never its internal id. */
static const char *cited(const builder *b, const char *id)
{
    return rb_source_cited_as(b->rb, id);
}

static void reason(builder *b, const char *text)
{
    if (!text || ptrvec_push(b->ar, &b->out->reasons, (void *)text))
        b->oom = 1;
}

static void caveat(builder *b, const char *text)
{
    if (!text || ptrvec_push(b->ar, &b->out->caveats, (void *)text))
        b->oom = 1;
}

static pdate pmax(pdate a, pdate b)
{
    return a > b ? a : b;
}

static const char *range_text(arena *ar, pdate_range r)
{
    char buf[23];
    pdate_range_format(r, buf);
    return arena_strdup(ar, buf);
}

static const char *clause_label(const instrument_def *inst, const char *id)
{
    const provision_def *p = id ? instrument_provision(inst, id) : NULL;
    return p ? p->label : id;
}

/* Compares the event's dates with [from, until): true inside, false outside, unknown across. */
static pacta_truth within(pdate_range event, pdate_range from)
{
    if (event.lo >= from.hi)
        return PACTA_TRUE;
    if (event.hi < from.lo)
        return PACTA_FALSE;
    return PACTA_UNKNOWN;
}

static pacta_truth before(pdate_range event, pdate_range until)
{
    if (event.hi < until.lo)
        return PACTA_TRUE;
    if (event.lo >= until.hi)
        return PACTA_FALSE;
    return PACTA_UNKNOWN;
}

pdate_range party_in_force(const instrument_def *inst, const party_def *p)
{
    pdate_range general = inst->in_force.when, f;
    if (p->consent_type && strcmp(p->consent_type, "succession") == 0) {
        if (p->succession_effective.set)
            return p->succession_effective.when;
        f.lo = general.lo;
        f.hi = pmax(general.hi, p->consent.when.hi);
        return f;
    }
    f.lo = pmax(general.lo, pdate_add(p->consent.when.lo, inst->eif_delay));
    f.hi = pmax(general.hi, pdate_add(p->consent.when.hi, inst->eif_delay));
    return f;
}

int party_denunciation_effective(const instrument_def *inst, const party_def *p, pdate_range *out)
{
    if (!p->denunciation.set || !inst->denounceable)
        return 0;
    out->lo = pdate_add(p->denunciation.when.lo, inst->denunciation_delay);
    out->hi = pdate_add(p->denunciation.when.hi, inst->denunciation_delay);
    return 1;
}

int party_period_end(const instrument_def *inst, const party_def *p, pdate_range *out)
{
    if (p->ceased.set) {
        *out = p->ceased.when;
        return 1;
    }
    return party_denunciation_effective(inst, p, out);
}

const party_def *party_period_at(const party_def *first, pdate_range event)
{
    const party_def *p = first;
    while (p && p->next && p->next->consent.when.lo <= event.hi)
        p = p->next;
    return p;
}

static pdate_range entry_into_force(builder *b, const instrument_def *inst, const party_def *p,
                                    const char *actor)
{
    pdate_range general = inst->in_force.when;
    pdate_range f = party_in_force(inst, p);
    char delay[32] = "";
    if (b->prose)
        pduration_format(inst->eif_delay, delay);
    if (p->consent_type && strcmp(p->consent_type, "succession") == 0) {
        if (p->succession_effective.set) {
            if (b->prose)
                reason(b, arena_printf(b->ar,
                                       "%s succeeded to the %s by notification of %s [%s], effective "
                                       "%s [%s].",
                                       actor, inst->short_title, p->consent.text, cited(b, p->consent.source),
                                       p->succession_effective.text, cited(b, p->succession_effective.source)));
        } else {
            if (b->prose)
                reason(b, arena_printf(b->ar,
                                       "%s succeeded to the %s by notification of %s [%s]; the record "
                                       "does not say when the succession took effect, so it bound %s "
                                       "from some day between the treaty's entry into force (%s) and "
                                       "the notification.",
                                       actor, inst->short_title, p->consent.text, cited(b, p->consent.source),
                                       actor, inst->in_force.text));
        }
        b->out->view.clause = NULL; /* a succession takes effect as the record says, by no clause */
        return f;
    }
    const char *how = p->consent_type ? p->consent_type : "consent";
    const char *when = b->prose ? range_text(b->ar, f) : NULL;
    if (pdate_add(p->consent.when.hi, inst->eif_delay) <= general.lo) {
        b->out->view.clause = "general entry into force";
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "%s's %s of %s [%s] preceded the %s's general entry into force, "
                                   "so it bound %s from %s [%s].",
                                   actor, how, p->consent.text, cited(b, p->consent.source), inst->short_title,
                                   actor, inst->in_force.text, cited(b, inst->in_force.source)));
    } else {
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "%s's instrument of %s of the %s is dated %s [%s]; under %s (%s "
                                   "after the deposit) the %s entered into force for %s on %s.",
                                   actor, how, inst->short_title, p->consent.text, cited(b, p->consent.source),
                                   clause_label(inst, inst->eif_clause), delay, inst->short_title,
                                   actor, when));
    }
    if (p->consent.when.lo != p->consent.when.hi)
        if (b->prose)
            caveat(b, arena_printf(b->ar,
                                   "The source gives %s's %s only as '%s', so its entry into force "
                                   "is known only as %s.",
                                   actor, how, p->consent.text, when));
    return f;
}

/* Where the end of a period falls against the event (still bound: before it ends), for a
 * reason's last words; an overlap leaves the event's date deciding. */
static const char *end_against_event(builder *b, pacta_truth still)
{
    if (still == PACTA_UNKNOWN)
        b->out->date_decides = 1;
    return still == PACTA_TRUE    ? ", after the event"
           : still == PACTA_FALSE ? ", before the event"
                                  : "; the event's date overlaps that date";
}

/* A cessation the depositary records: no longer a party from that day. */
static pacta_truth check_ceased(builder *b, const instrument_def *inst, const party_def *p,
                                const sc_event *e)
{
    pacta_truth still = before(e->date, p->ceased.when);
    const char *end = end_against_event(b, still);
    if (b->prose)
        reason(b, arena_printf(b->ar, "%s ceased to be a party to the %s on %s [%s]%s.",
                               p->state->code, inst->short_title, p->ceased.text, cited(b, p->ceased.source),
                               end));
    return still;
}

static pacta_truth check_denunciation(builder *b, const instrument_def *inst, const party_def *p,
                                      const sc_event *e)
{
    if (p->ceased.set)
        return check_ceased(b, inst, p, e);
    if (!p->denunciation.set)
        return PACTA_TRUE;
    const char *actor = p->state->code;
    if (!inst->denounceable) {
        if (!b->prose)
            return PACTA_TRUE;
        const char *text = arena_printf(
            b->ar,
            "%s notified a withdrawal from the %s (%s) [%s], but the %s has no denunciation "
            "clause and cannot be denounced [%s]: the notice is ineffective and %s remains bound.",
            actor, inst->short_title, p->denunciation.text, cited(b, p->denunciation.source),
            inst->short_title, cited(b, inst->denunciation_source), actor);
        reason(b, text);
        caveat(b, text);
        return PACTA_TRUE;
    }
    pdate_range effective;
    party_denunciation_effective(inst, p, &effective);
    char delay[32] = "";
    if (b->prose)
        pduration_format(inst->denunciation_delay, delay);
    pacta_truth still = before(e->date, effective);
    const char *end = end_against_event(b, still);
    if (b->prose)
        reason(b, arena_printf(b->ar,
                               "%s denounced the %s by notification of %s [%s]; under %s it took "
                               "effect %s later, on %s%s.",
                               actor, inst->short_title, p->denunciation.text, cited(b, p->denunciation.source),
                               clause_label(inst, inst->denunciation_clause), delay,
                               range_text(b->ar, effective), end));
    return still;
}

static pacta_truth check_reservations(builder *b, const instrument_def *inst, const party_def *p,
                                      const char *provision, const sc_event *e)
{
    pacta_truth bound = PACTA_TRUE;
    for (size_t i = 0; i < p->reservation_count; i++) {
        const reservation_def *r = &p->reservations[i];
        int covers = 0;
        for (size_t k = 0; k < r->count && !covers; k++)
            covers = provision_covered(r->provisions[k], provision);
        if (!covers)
            continue;
        if (instrument_non_reservable(inst, provision)) {
            if (b->prose)
                caveat(b, arena_printf(b->ar,
                                       "%s's reservation covering %s [%s] is ignored: %s makes the "
                                       "provision non-reservable.",
                                       p->state->code, clause_label(inst, provision), cited(b, r->source),
                                       clause_label(inst, inst->non_reservable_clause)));
            continue;
        }
        pacta_truth in_effect = PACTA_TRUE;
        if (r->withdrawn.set)
            in_effect = before(e->date, r->withdrawn.when);
        if (in_effect == PACTA_FALSE) {
            if (b->prose)
                reason(b, arena_printf(b->ar, "%s's reservation to %s was withdrawn on %s [%s].",
                                       p->state->code, clause_label(inst, provision),
                                       r->withdrawn.text, cited(b, r->withdrawn.source)));
            continue;
        }
        if (b->prose)
            reason(b, arena_printf(b->ar, "%s made a reservation excluding %s [%s]%s%s.",
                                   p->state->code, clause_label(inst, provision), cited(b, r->source),
                                   r->text ? ": " : "", r->text ? r->text : ""));
        if (in_effect == PACTA_UNKNOWN)
            b->out->date_decides = 1;
        bound = in_effect == PACTA_UNKNOWN ? PACTA_UNKNOWN : PACTA_FALSE;
        if (bound == PACTA_FALSE)
            break;
    }
    return bound;
}

static pacta_truth treaty_binding(builder *b, const instrument_def *inst, const char *provision,
                                  const sc_event *e)
{
    const char *actor = e->actor->code;
    const party_def *first = instrument_party(inst, actor);
    if (!first && instrument_may_omit(inst, e->actor)) {
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "The rulebase's party table for the %s is incomplete [%s]; no "
                                   "record for %s (%s), so whether it was bound on %s is unknown: "
                                   "its party record would decide.",
                                   inst->short_title, cited(b, inst->parties_incomplete), actor,
                                   e->actor->name, e->date_text));
        b->out->missing_record = arena_printf(b->ar, "%s.parties.%s", inst->id, actor);
        if (!b->out->missing_record)
            b->oom = 1;
        return PACTA_UNKNOWN;
    }
    const party_def *p = party_period_at(first, e->date);
    if (!p) {
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "%s (%s) is not a party to the %s: the rulebase records no "
                                   "consent by it.",
                                   actor, e->actor->name, inst->short_title));
        return PACTA_FALSE;
    }
    if (!p->consent.set) {
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "%s signed the %s on %s [%s] but has not ratified it; signature "
                                   "alone does not bind.",
                                   actor, inst->short_title, p->signature.text, cited(b, p->signature.source)));
        return PACTA_FALSE;
    }
    for (const party_def *q = first; q != p; q = q->next) {
        pdate_range ended = {0, 0};
        party_period_end(inst, q, &ended); /* the loader lets only an ended period have a next */
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "%s was a party to the %s before, by its %s of %s [%s], until "
                                   "%s; the record weighed is its later %s.",
                                   actor, inst->short_title,
                                   q->consent_type ? q->consent_type : "consent", q->consent.text,
                                   cited(b, q->consent.source), range_text(b->ar, ended),
                                   p->consent_type ? p->consent_type : "consent"));
    }
    b->out->view.consent = p->consent.text;
    b->out->view.consent_type = p->consent_type;
    b->out->view.clause = clause_label(inst, inst->eif_clause);
    pdate_range f = entry_into_force(b, inst, p, actor);
    b->out->view.in_force = range_text(b->ar, f);
    pacta_truth bound = within(e->date, f);
    if (bound == PACTA_FALSE) {
        if (b->prose)
            reason(b, arena_printf(b->ar, "The event (%s) precedes that date: %s was not yet bound.",
                                   e->date_text, actor));
        return PACTA_FALSE;
    }
    if (bound == PACTA_UNKNOWN) {
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "The event's date (%s) and the entry into force for %s (%s) "
                                   "overlap, so whether %s was bound on the day is unknown.",
                                   e->date_text, actor, b->out->view.in_force, actor));
        b->out->date_decides = 1;
    }
    bound = truth_and(bound, check_denunciation(b, inst, p, e));
    if (provision) /* NULL: the instrument as a whole, for which no reservation is weighed */
        bound = truth_and(bound, check_reservations(b, inst, p, provision, e));
    return bound;
}

static int names_state(const instrument_def *inst, const state_def *s)
{
    for (size_t i = 0; i < inst->state_count; i++)
        if (inst->states[i] == s)
            return 1;
    return 0;
}

static pacta_truth other_binding(builder *b, const instrument_def *inst, const sc_event *e)
{
    const char *actor = e->actor->code;
    if (inst->kind == BIND_CUSTOMARY) {
        if (!inst->binds_from.set) {
            if (b->prose)
                reason(b, arena_printf(b->ar,
                                       "Customary international law binds every state, whatever its "
                                       "treaty commitments: the %s.",
                                       inst->title));
            return PACTA_TRUE;
        }
        pacta_truth bound = within(e->date, inst->binds_from.when);
        if (b->prose)
            reason(b, arena_printf(b->ar, "The %s binds every state from %s [%s]%s.", inst->title,
                                   inst->binds_from.text, cited(b, inst->binds_from.source),
                                   bound == PACTA_FALSE ? "; the event is earlier" : ""));
        if (bound == PACTA_UNKNOWN)
            b->out->date_decides = 1;
        return bound;
    }
    if (!names_state(inst, e->actor)) {
        if (b->prose)
            reason(b, arena_printf(b->ar, "The %s binds %s%s, not %s.", inst->title,
                                   inst->states[0]->code, inst->state_count > 1 ? " and others" : "",
                                   actor));
        return PACTA_FALSE;
    }
    if (!inst->in_force.set) {
        if (b->prose)
            reason(b, arena_printf(b->ar,
                                   "The rules do not record when the %s took effect, so whether it "
                                   "bound %s on %s is unknown.",
                                   inst->title, actor, e->date_text));
        return PACTA_UNKNOWN;
    }
    pacta_truth bound = within(e->date, inst->in_force.when);
    b->out->view.in_force = inst->in_force.text;
    if (b->prose)
        reason(b, arena_printf(b->ar, "The %s has bound %s since %s [%s]%s.", inst->title, actor,
                               inst->in_force.text, cited(b, inst->in_force.source),
                               bound == PACTA_FALSE ? ", after the event" : ""));
    if (bound == PACTA_UNKNOWN)
        b->out->date_decides = 1;
    return bound;
}

static pacta_truth evaluate(builder *b, const instrument_def *inst, const char *provision,
                            const sc_event *e)
{
    return inst->kind == BIND_TREATY ? treaty_binding(b, inst, provision, e)
                                     : other_binding(b, inst, e);
}

int binding_for_rule(arena *ar, const pacta_rulebase *rb, const rule_def *rule, const sc_event *e,
                     int prose, binding_result *out)
{
    return binding_for_provision(ar, rb, rule->instrument, rule->provision->id, e, prose, out);
}

int binding_for_provision(arena *ar, const pacta_rulebase *rb, const instrument_def *inst,
                          const char *provision, const sc_event *e, int prose,
                          binding_result *out)
{
    memset(out, 0, sizeof *out);
    builder b = {ar, rb, out, prose, 0};
    out->instrument = inst;
    out->provision = provision;
    out->bound = evaluate(&b, inst, provision, e);

    const instrument_def *inc = inst->incorporated_by;
    if (out->bound != PACTA_TRUE && inc && provision && instrument_incorporates(inc, provision)) {
        /* the incorporating instrument is weighed on its own record; the
         * first instrument's reasons stay, since they explain why the route matters */
        binding_result second;
        memset(&second, 0, sizeof second);
        builder b2 = {ar, rb, &second, prose, 0};
        second.bound = evaluate(&b2, inc, inc->incorporating_provision, e);
        if (b2.oom)
            return -1;
        int use_second = second.bound == PACTA_TRUE ||
                         (out->bound == PACTA_FALSE && second.bound == PACTA_UNKNOWN);
        for (size_t i = 0; i < second.reasons.count; i++)
            reason(&b, second.reasons.items[i]);
        for (size_t i = 0; i < second.caveats.count; i++)
            caveat(&b, second.caveats.items[i]);
        if (use_second) {
            if (prose)
                reason(&b, arena_printf(ar,
                                        "Under %s of the %s, %s applies the %s's %s through it.",
                                        clause_label(inc, inc->incorporating_provision),
                                        inc->short_title, e->actor->code, inst->short_title,
                                        clause_label(inst, provision)));
            out->bound = second.bound;
            out->instrument = inc;
            out->provision = inc->incorporating_provision;
            out->via = inc;
            out->view = second.view;
            out->view.via = inc->id;
            out->date_decides = second.date_decides;
            out->missing_record = second.missing_record;
        }
    }
    return b.oom ? -1 : 0;
}
