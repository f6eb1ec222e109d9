/*
 * timeline.c: pacta_timeline_new(), a state's binding record instrument by
 * instrument (signed, consented, in force, reserved, denounced, bound
 * through another instrument), each line with the sources it rests on; and,
 * given a date, what bound the state that day and why.
 *
 * Nothing here decides binding on its own: the dates come from
 * party_in_force() and party_denunciation_effective(), and the answer for a
 * date from binding_for_provision(), the functions pacta_check() uses, so a
 * timeline and a finding can never disagree.
 */
#include <string.h>

#include "report/audit.h"
#include "report/timeline_svg.h"
#include "reason/binding.h"
#include "base/error.h"
#include "model/rulebase.h"

struct pacta_timeline {
    arena *ar;
    rulebase_stamp stamp;
    const char *state;
    const char *name;
    const char *date;
    size_t count;
    pacta_timeline_instrument_view *instruments;
    svg_timeline picture;   /* the same record drawn, for PACTA_FORMAT_SVG */
};

typedef struct builder {
    keeper k;
    const pacta_rulebase *rb;
    const state_def *state;
    ptrvec entries;         /* pacta_timeline_entry_view*, for the instrument being built */
} builder;

const char *pacta_timeline_kind_name(pacta_timeline_kind k)
{
    static const char *const names[] = {"signature",  "consent",    "in_force",     "through",
                                        "reservation", "withdrawal", "denunciation", "ceased",
                                        "not_bound",  "binds_all",  "declaration",
                                        "unknown"};
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "unknown";
}

static const char *range_text(builder *b, pdate_range r)
{
    char buf[23];
    pdate_range_format(r, buf);
    return keeper_str(&b->k, buf);
}

/* A new entry citing the sources given (NULL ids are skipped), appended to the instrument's list. */
static pacta_timeline_entry_view *entry(builder *b, pacta_timeline_kind kind, const char *date,
                                        const char *text, const char *s1, const char *s2)
{
    pacta_timeline_entry_view *e = arena_alloc(b->k.ar, sizeof *e);
    pacta_source_view *sources = keeper_array(&b->k, 2, sizeof *sources);
    if (!e || !sources || ptrvec_push(b->k.ar, &b->entries, e)) {
        b->k.oom = 1;
        return NULL;
    }
    e->kind = kind;
    e->date = keeper_str(&b->k, date);
    e->text = text;
    e->effective = 1;
    e->sources = sources;
    if (s1)
        sources[e->source_count++] = keeper_source(&b->k, b->rb, s1);
    if (s2 && (!s1 || strcmp(s1, s2) != 0))
        sources[e->source_count++] = keeper_source(&b->k, b->rb, s2);
    return e;
}

/* ------------------------------------------------------------ treaties */

static void in_force_entry(builder *b, const instrument_def *inst, const party_def *p)
{
    const char *code = b->state->code;
    pdate_range f = party_in_force(inst, p);
    const char *when = range_text(b, f);
    pacta_timeline_entry_view *e;
    if (p->consent_type && strcmp(p->consent_type, "succession") == 0) {
        if (p->succession_effective.set)
            e = entry(b, PACTA_TL_IN_FORCE, when,
                      keeper_printf(&b->k, "in force for %s from the date the succession took effect",
                                    code),
                      p->succession_effective.source, NULL);
        else
            e = entry(b, PACTA_TL_IN_FORCE, when,
                      keeper_printf(&b->k,
                                    "in force for %s from some day between the general entry into "
                                    "force (%s) and the notification of succession (%s): the "
                                    "record does not say when the succession took effect",
                                    code, inst->in_force.text, p->consent.text),
                      inst->in_force.source, p->consent.source);
        return;
    }
    char delay[32];
    pduration_format(inst->eif_delay, delay);
    const char *clause = eid_label(inst, inst->eif_clause);
    if (pdate_add(p->consent.when.hi, inst->eif_delay) <= inst->in_force.when.lo) {
        e = entry(b, PACTA_TL_IN_FORCE, when,
                  keeper_printf(&b->k,
                                "in force for %s from the %s's general entry into force, which "
                                "its consent preceded",
                                code, inst->short_title),
                  inst->in_force.source, NULL);
    } else {
        e = entry(b, PACTA_TL_IN_FORCE, when,
                  keeper_printf(&b->k, "in force for %s under %s (%s)%s", code, clause,
                                inst->eif_delay.amount == 0
                                    ? "on the date of deposit"
                                    : keeper_printf(&b->k, "%s after the deposit", delay),
                                p->consent.when.lo != p->consent.when.hi
                                    ? keeper_printf(&b->k,
                                                    "; the consent is known only as '%s', so the "
                                                    "date is a range",
                                                    p->consent.text)
                                    : ""),
                  inst->eif_source, p->consent.source);
        if (e)
            e->clause = keeper_str(&b->k, clause);
    }
}

static void reservation_entries(builder *b, const instrument_def *inst, const party_def *p)
{
    for (size_t i = 0; i < p->reservation_count; i++) {
        const reservation_def *r = &p->reservations[i];
        const char *what = "", *ignored = NULL;
        for (size_t k = 0; k < r->count; k++) {
            what = keeper_join(&b->k, what, ", ", eid_label(inst, r->provisions[k]));
            if (instrument_non_reservable(inst, r->provisions[k]))
                ignored = r->provisions[k];
        }
        const char *text = keeper_printf(
            &b->k, "reservation to %s%s%s%s", what, r->text ? ": " : "", r->text ? r->text : "",
            ignored ? keeper_printf(&b->k, " (ignored: %s makes %s non-reservable)",
                                    eid_label(inst, inst->non_reservable_clause),
                                    eid_label(inst, ignored))
                    : "");
        pacta_timeline_entry_view *e = entry(b, PACTA_TL_RESERVATION, NULL, text, r->source, NULL);
        const char **ids = keeper_array(&b->k, r->count, sizeof *ids);
        if (!e || !ids)
            return;
        for (size_t k = 0; k < r->count; k++)
            ids[k] = keeper_str(&b->k, r->provisions[k]);
        e->provisions = ids;
        e->provision_count = r->count;
        e->effective = !ignored;
        if (r->withdrawn.set)
            entry(b, PACTA_TL_WITHDRAWAL, r->withdrawn.text,
                  keeper_printf(&b->k, "reservation to %s withdrawn", what), r->withdrawn.source,
                  NULL);
    }
}

static void declaration_entries(builder *b, const party_def *p)
{
    for (size_t i = 0; i < p->declaration_count; i++) {
        const party_declaration *d = &p->declarations[i];
        const char *what = keeper_printf(&b->k, "declaration under %s", d->kind->provision->label);
        entry(b, PACTA_TL_DECLARATION, NULL,
              keeper_printf(&b->k, "%s, %s%s%s%s", what, d->kind->label, d->text ? " (" : "",
                            d->text ? d->text : "", d->text ? ")" : ""),
              d->source, NULL);
        if (d->withdrawn.set)
            entry(b, PACTA_TL_WITHDRAWAL, d->withdrawn.text,
                  keeper_printf(&b->k, "%s withdrawn", what), d->withdrawn.source, NULL);
    }
}

static void denunciation_entries(builder *b, const instrument_def *inst, const party_def *p)
{
    const char *code = b->state->code;
    if (p->ceased.set) {
        entry(b, PACTA_TL_CEASED, p->ceased.text,
              keeper_printf(&b->k, "ceased to be a party: no longer binds %s", code),
              p->ceased.source, NULL);
        return;
    }
    if (!p->denunciation.set)
        return;
    pdate_range effective;
    if (!party_denunciation_effective(inst, p, &effective)) {
        pacta_timeline_entry_view *e = entry(
            b, PACTA_TL_DENUNCIATION, p->denunciation.text,
            keeper_printf(&b->k,
                          "notice of withdrawal, ineffective: the %s has no denunciation clause "
                          "and cannot be denounced, so %s remains bound",
                          inst->short_title, code),
            p->denunciation.source, inst->denunciation_source);
        if (e)
            e->effective = 0;
        return;
    }
    char delay[32];
    pduration_format(inst->denunciation_delay, delay);
    const char *clause = eid_label(inst, inst->denunciation_clause);
    const char *when = range_text(b, effective);
    pacta_timeline_entry_view *e =
        entry(b, PACTA_TL_DENUNCIATION, p->denunciation.text,
              keeper_printf(&b->k, "denunciation notified; under %s it takes effect %s later, on %s",
                            clause, delay, when),
              p->denunciation.source, inst->denunciation_source);
    if (e)
        e->clause = keeper_str(&b->k, clause);
    e = entry(b, PACTA_TL_CEASED, when,
              keeper_printf(&b->k, "ceased to bind %s (denunciation effective under %s)", code,
                            clause),
              inst->denunciation_source, p->denunciation.source);
    if (e)
        e->clause = keeper_str(&b->k, clause);
}

/*
 * The days on which the state is bound to inst's provisions only through
 * the instrument that incorporates them (the 1967 Protocol for the
 * Convention): from the incorporating instrument's entry into force until
 * inst's own (or, without a consent to inst, until the incorporating
 * instrument ceases to bind).
 */
static void through_entry(builder *b, const instrument_def *inst, const party_def *own)
{
    const instrument_def *inc = inst->incorporated_by;
    const party_def *q = inc ? instrument_party(inc, b->state->code) : NULL;
    if (!q || !q->consent.set)
        return;
    pdate_range from = party_in_force(inc, q), ceased;
    int has_end = party_denunciation_effective(inc, q, &ceased);
    const char *until = has_end ? keeper_printf(&b->k, " until %s", range_text(b, ceased)) : "";
    if (own && own->consent.set) {
        pdate_range mine = party_in_force(inst, own);
        if (mine.lo <= from.lo)
            return;
        pdate_range last = {mine.lo - 1, mine.hi - 1};
        until = keeper_printf(&b->k, " until %s, the day before the %s itself bound it",
                              range_text(b, last), inst->short_title);
    }
    const char *first = inc->incorporated_count ? inc->incorporated[0] : "";
    const char *last = inc->incorporated_count ? inc->incorporated[inc->incorporated_count - 1] : "";
    entry(b, PACTA_TL_THROUGH, range_text(b, from),
          keeper_printf(&b->k,
                        "bound by the %s's %s to %s only through the %s (%s), from %s%s",
                        inst->short_title, first, last, inc->short_title,
                        eid_label(inc, inc->incorporating_provision), range_text(b, from), until),
          q->consent.source, inc->eif_source);
}

static void treaty_entries(builder *b, const instrument_def *inst)
{
    const char *code = b->state->code;
    const party_def *p = instrument_party(inst, code);
    if (!p) {
        size_t before = b->entries.count;
        through_entry(b, inst, NULL);
        if (b->entries.count == before && instrument_may_omit(inst, b->state))
            entry(b, PACTA_TL_UNKNOWN, NULL,
                  keeper_printf(&b->k,
                                "no record, but the rules' party table for the %s is incomplete: "
                                "whether it binds %s is unknown",
                                inst->short_title, code),
                  inst->parties_incomplete, NULL);
        else if (b->entries.count == before)
            entry(b, PACTA_TL_NOT_BOUND, NULL,
                  keeper_printf(&b->k,
                                "no record: the rules record no signature or consent by %s, so "
                                "the %s does not bind it",
                                code, inst->short_title),
                  NULL, NULL);
        return;
    }
    if (p->signature.set)
        entry(b, PACTA_TL_SIGNATURE, p->signature.text, "signed", p->signature.source, NULL);
    if (!p->consent.set) {
        entry(b, PACTA_TL_NOT_BOUND, NULL,
              keeper_printf(&b->k, "signed but never ratified: signature alone does not bind %s",
                            code),
              NULL, NULL);
        through_entry(b, inst, NULL);
        return;
    }
    const char *type = p->consent_type;
    pacta_timeline_entry_view *e = entry(
        b, PACTA_TL_CONSENT, p->consent.text,
        type && strcmp(type, "succession") == 0
            ? "succession (notification)"
            : type ? keeper_str(&b->k, type)
                   : "consent (the record does not give its type)",
        p->consent.source, NULL);
    if (e)
        e->consent_type = keeper_str(&b->k, type);
    through_entry(b, inst, p);
    for (; p; p = p->next) { /* each period of participation */
        if (p != instrument_party(inst, code)) {
            e = entry(b, PACTA_TL_CONSENT, p->consent.text,
                      keeper_printf(&b->k, "%s again", p->consent_type ? p->consent_type : "consent"),
                      p->consent.source, NULL);
            if (e)
                e->consent_type = keeper_str(&b->k, p->consent_type);
        }
        in_force_entry(b, inst, p);
        reservation_entries(b, inst, p);
        declaration_entries(b, p);
        denunciation_entries(b, inst, p);
    }
}

/* ------------------------------------------------------------ other law */

static int names_state(const instrument_def *inst, const state_def *s)
{
    for (size_t i = 0; i < inst->state_count; i++)
        if (inst->states[i] == s)
            return 1;
    return 0;
}

static void other_entries(builder *b, const instrument_def *inst)
{
    if (inst->kind == BIND_CUSTOMARY) {
        pacta_timeline_entry_view *e =
            entry(b, PACTA_TL_BINDS_ALL, inst->binds_from.set ? inst->binds_from.text : NULL,
                  inst->binds_from.set
                      ? keeper_printf(&b->k, "binds every state from %s", inst->binds_from.text)
                      : "binds every state, whatever its treaty commitments",
                  NULL, NULL);
        pacta_source_view *sources = keeper_array(&b->k, inst->authority_count + 1, sizeof *sources);
        if (!e || !sources)
            return;
        for (size_t i = 0; i < inst->authority_count; i++)
            sources[e->source_count++] = keeper_source(&b->k, b->rb, inst->authorities[i]);
        if (inst->binds_from.set)
            sources[e->source_count++] = keeper_source(&b->k, b->rb, inst->binds_from.source);
        e->sources = sources;
        return;
    }
    const char *others = "";
    for (size_t i = 0; i < inst->state_count; i++)
        if (inst->states[i] != b->state)
            others = keeper_join(&b->k, others, ", ", inst->states[i]->code);
    const char *with = *others ? keeper_printf(&b->k, " (with %s)", others) : "";
    if (inst->in_force.set)
        entry(b, PACTA_TL_IN_FORCE, inst->in_force.text,
              keeper_printf(&b->k, "in force for %s%s", b->state->code, with),
              inst->in_force.source, NULL);
    else
        entry(b, PACTA_TL_IN_FORCE, NULL,
              keeper_printf(&b->k,
                            "binds %s%s, but the rules do not record from when: whether it bound "
                            "on a given day is unknown",
                            b->state->code, with),
              inst->cite_source, NULL);
}

/* ------------------------------------------------------------ answers for a date */

static const char *const *strings_of(builder *b, const ptrvec *v)
{
    return (const char *const *)(v->count ? v->items : keeper_array(&b->k, 1, sizeof(char *)));
}

static pacta_binding_view keep_binding(builder *b, const pacta_binding_view *v)
{
    pacta_binding_view out;
    out.consent = keeper_str(&b->k, v->consent);
    out.consent_type = keeper_str(&b->k, v->consent_type);
    out.in_force = keeper_str(&b->k, v->in_force);
    out.clause = keeper_str(&b->k, v->clause);
    out.via = keeper_str(&b->k, v->via);
    return out;
}

/* The note a rule's nature adds to the bare question of binding. */
static const char *nature_note(builder *b, const rule_def *rule, const char *label)
{
    if (rule->nature == NATURE_PERMISSION)
        return keeper_printf(&b->k,
                             "%s is a permission, not an obligation: it allows %s to act but does "
                             "not require it to (%s).",
                             label, b->state->code, rule->id);
    if (rule->nature == NATURE_NO_EXCUSE)
        return keeper_printf(&b->k,
                             "pacta reports this obligation as no excuse for a removal that "
                             "breaches non-refoulement (%s).",
                             rule->id);
    return NULL;
}

static int answer(builder *b, const instrument_def *inst, const char *provision, const sc_event *e,
                  pacta_timeline_answer_view *out)
{
    binding_result r;
    if (binding_for_provision(b->k.ar, b->rb, inst, provision, e, 1, &r) != 0) {
        b->k.oom = 1;
        return -1;
    }
    out->provision = keeper_str(&b->k, provision);
    out->label = provision ? keeper_str(&b->k, eid_label(inst, provision)) : NULL;
    out->bound = r.bound;
    out->binding = keep_binding(b, &r.view);
    ptrvec rules = {0}, caveats = r.caveats;
    for (size_t i = 0; i < b->rb->rule_count; i++) {
        const rule_def *rule = b->rb->rules[i];
        if (rule->instrument != inst || !provision || strcmp(rule->provision->id, provision) != 0)
            continue;
        const char *note = nature_note(b, rule, out->label);
        if (ptrvec_push(b->k.ar, &rules, (void *)keeper_str(&b->k, rule->id)) ||
            (note && ptrvec_push(b->k.ar, &caveats, (void *)note)))
            b->k.oom = 1;
    }
    out->rule_count = rules.count;
    out->rules = strings_of(b, &rules);
    out->reason_count = r.reasons.count;
    out->reasons = strings_of(b, &r.reasons);
    out->caveat_count = caveats.count;
    out->caveats = strings_of(b, &caveats);
    return 0;
}

/* The provisions to weigh for inst: those its rules weigh, else its incorporating one, else the whole. */
static void answers(builder *b, const instrument_def *inst, const sc_event *e,
                    pacta_timeline_instrument_view *v)
{
    ptrvec provisions = {0};
    for (size_t i = 0; i < b->rb->rule_count; i++) {
        const rule_def *rule = b->rb->rules[i];
        if (rule->instrument != inst)
            continue;
        int seen = 0;
        for (size_t k = 0; k < provisions.count && !seen; k++)
            seen = strcmp(provisions.items[k], rule->provision->id) == 0;
        if (!seen && ptrvec_push(b->k.ar, &provisions, (void *)rule->provision->id))
            b->k.oom = 1;
    }
    if (provisions.count == 0 &&
        ptrvec_push(b->k.ar, &provisions, (void *)inst->incorporating_provision))
        b->k.oom = 1;
    pacta_timeline_answer_view *list = keeper_array(&b->k, provisions.count, sizeof *list);
    if (b->k.oom)
        return;
    for (size_t k = 0; k < provisions.count; k++)
        if (answer(b, inst, provisions.items[k], e, &list[k]) != 0)
            return;
    v->answers = list;
    v->answer_count = provisions.count;
}

/* ------------------------------------------------------------ building */

static int concerns(const instrument_def *inst, const state_def *s)
{
    return inst->kind == BIND_TREATY || inst->kind == BIND_CUSTOMARY || names_state(inst, s);
}

static void build_instrument(builder *b, const instrument_def *inst, const sc_event *on,
                             pacta_timeline_instrument_view *v)
{
    b->entries.count = 0;
    b->entries.items = NULL;
    b->entries.cap = 0;
    v->instrument = keeper_str(&b->k, inst->id);
    v->title = keeper_str(&b->k, inst->title);
    v->short_title = keeper_str(&b->k, inst->short_title);
    v->basis = basis_name(inst->kind);
    v->cite = keeper_str(&b->k, inst->cite);
    v->url = keeper_str(&b->k, inst->url);
    if (inst->kind == BIND_TREATY)
        treaty_entries(b, inst);
    else
        other_entries(b, inst);
    pacta_timeline_entry_view *list = keeper_array(&b->k, b->entries.count, sizeof *list);
    if (!list)
        return;
    for (size_t i = 0; i < b->entries.count; i++)
        list[i] = *(pacta_timeline_entry_view *)b->entries.items[i];
    v->entries = list;
    v->entry_count = b->entries.count;
    if (on)
        answers(b, inst, on, v);
}

static pacta_status unknown_state(const pacta_rulebase *rb, const char *state, pacta_error *err)
{
    pacta_status st = error_set(err, PACTA_EINPUT, "", 0, 0, "unknown state '%s'", state);
    const state_def *meant = rb_state_meant(rb, state);
    if (meant)
        error_hint(err, "did you mean '%s' (%s)?", meant->code, meant->name);
    else
        error_hint(err, "%s", STATE_CODE_HINT);
    return st;
}

pacta_status pacta_timeline_new(pacta_timeline **out, const pacta_rulebase *rb, const char *state,
                                const char *on, pacta_error *err)
{
    if (!out || !rb || !rb->finished || !state)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_timeline_new: invalid argument");
    *out = NULL;
    const state_def *s = rb_state_loosely(rb, state);
    if (!s)
        return unknown_state(rb, state, err);
    sc_event day;
    memset(&day, 0, sizeof day);
    if (on) {
        pdate_parse_result r = pdate_parse(on, strlen(on), &day.date);
        if (r != PDATE_OK)
            return error_set(err, PACTA_EINPUT, "", 0, 0,
                             r == PDATE_IMPOSSIBLE ? "there is no such day as '%s'"
                                                   : "'%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
                             on);
    }
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_timeline *tl = ar ? arena_alloc(ar, sizeof *tl) : NULL;
    if (!tl) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    tl->ar = ar;
    stamp_rulebase(&tl->stamp, rb);
    builder b = {{ar, 0}, rb, s, {0}};
    tl->state = keeper_str(&b.k, s->code);
    tl->name = keeper_str(&b.k, s->name);
    tl->date = keeper_str(&b.k, on);
    day.id = "";
    day.actor = s;
    day.date_text = tl->date;
    tl->instruments = keeper_array(&b.k, rb->instrument_count, sizeof *tl->instruments);
    for (size_t i = 0; !b.k.oom && i < rb->instrument_count; i++)
        if (concerns(rb->instruments[i], s))
            build_instrument(&b, rb->instruments[i], on ? &day : NULL,
                             &tl->instruments[tl->count++]);
    svg_timeline_lanes(&b.k, rb, s, &tl->picture);
    if (on) { /* the day asked about, drawn as an event */
        tl->picture.marks = keeper_array(&b.k, 1, sizeof *tl->picture.marks);
        if (tl->picture.marks) {
            tl->picture.marks[0].label = tl->date;
            tl->picture.marks[0].day = day.date.lo;
            tl->picture.mark_count = 1;
        }
    }
    if (b.k.oom) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    *out = tl;
    return PACTA_OK;
}

void pacta_timeline_free(pacta_timeline *tl)
{
    if (tl)
        arena_free(tl->ar);
}

const char *pacta_timeline_state(const pacta_timeline *tl)
{
    return tl ? tl->state : NULL;
}

const char *pacta_timeline_state_name(const pacta_timeline *tl)
{
    return tl ? tl->name : NULL;
}

const char *pacta_timeline_date(const pacta_timeline *tl)
{
    return tl ? tl->date : NULL;
}

size_t pacta_timeline_instrument_count(const pacta_timeline *tl)
{
    return tl ? tl->count : 0;
}

pacta_timeline_instrument_view pacta_timeline_instrument(const pacta_timeline *tl, size_t i)
{
    pacta_timeline_instrument_view none = {0};
    return tl && i < tl->count ? tl->instruments[i] : none;
}

/* ------------------------------------------------------------ rendering */

static const char *bound_word(pacta_truth t)
{
    return t == PACTA_TRUE ? "bound" : t == PACTA_FALSE ? "not bound" : "bound or not: unknown";
}

/* Adds s to the sources cited so far, once. */
static void remember(keeper *k, ptrvec *cited, const pacta_source_view *s)
{
    for (size_t i = 0; i < cited->count; i++)
        if (strcmp(((const pacta_source_view *)cited->items[i])->id, s->id) == 0)
            return;
    if (ptrvec_push(k->ar, cited, (void *)s))
        k->oom = 1;
}

/* k is scratch memory for the lines, so that rendering never writes to the handle. */
static void render_text(writer *w, const pacta_timeline *tl, keeper *k)
{
    writer_text(w, tl->state);
    writer_str(w, " ");
    writer_text(w, tl->name);
    writer_str(w, tl->date ? ": what bound it on " : ": binding timeline\n");
    if (tl->date) {
        writer_text(w, tl->date);
        writer_str(w, ", and its binding timeline\n");
    }
    for (size_t i = 0; i < tl->count; i++) {
        const pacta_timeline_instrument_view *v = &tl->instruments[i];
        writer_char(w, '\n');
        const char *head = keeper_printf(k, "%s (%s%s%s)", v->short_title, v->title,
                                         v->cite ? ", " : "", v->cite ? v->cite : "");
        text_item(w, 0, "", head ? head : v->short_title);
        ptrvec cited = {0};
        for (size_t e = 0; e < v->entry_count; e++) {
            const pacta_timeline_entry_view *x = &v->entries[e];
            const char *date = x->date ? x->date : "-";
            const char *prefix = keeper_printf(k, "  %-10s  ", date);
            const char *ids = "";
            for (size_t s = 0; s < x->source_count; s++) {
                ids = keeper_join(k, ids, ", ", x->sources[s].id);
                remember(k, &cited, &x->sources[s]);
            }
            text_item(w, 0, prefix,
                      *ids ? keeper_printf(k, "%s [%s]", x->text, ids) : x->text);
        }
        for (size_t a = 0; a < v->answer_count; a++) {
            const pacta_timeline_answer_view *x = &v->answers[a];
            const char *line = keeper_printf(k, "On %s: %s by %s %s", tl->date,
                                             bound_word(x->bound), v->short_title,
                                             x->label ? x->label : "as a whole");
            if (line && x->binding.via)
                line = keeper_printf(k, "%s (through %s)", line, x->binding.via);
            text_item(w, 2, "", line);
            for (size_t r = 0; r < x->reason_count; r++)
                text_item(w, 4, "- ", x->reasons[r]);
            for (size_t c = 0; c < x->caveat_count; c++)
                text_item(w, 4, "! ", x->caveats[c]);
        }
        if (cited.count)
            text_item(w, 2, "", "Sources:");
        for (size_t c = 0; c < cited.count; c++)
            text_hanging(w, 4, 2, source_citation(k, cited.items[c]));
    }
}

static void render_entry_json(writer *w, const pacta_timeline_entry_view *x)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "kind", pacta_timeline_kind_name(x->kind));
    json_member_opt(w, &n, "date", x->date);
    json_member_string(w, &n, "text", x->text);
    json_member_opt(w, &n, "consent_type", x->consent_type);
    json_member_opt(w, &n, "clause", x->clause);
    json_member_bool(w, &n, "effective", x->effective);
    if (x->kind == PACTA_TL_RESERVATION)
        json_member_strings(w, &n, "provisions", x->provision_count, x->provisions);
    json_member_sources(w, &n, "sources", x->source_count, x->sources);
    writer_char(w, '}');
}

static void render_answer_json(writer *w, const pacta_timeline_answer_view *x)
{
    int n = 0;
    writer_char(w, '{');
    json_member_opt(w, &n, "provision", x->provision);
    json_member_opt(w, &n, "label", x->label);
    json_member_string(w, &n, "bound", pacta_truth_name(x->bound));
    json_key(w, &n, "binding");
    json_binding(w, &x->binding);
    json_member_strings(w, &n, "rules", x->rule_count, x->rules);
    json_member_strings(w, &n, "reasons", x->reason_count, x->reasons);
    json_member_strings(w, &n, "caveats", x->caveat_count, x->caveats);
    writer_char(w, '}');
}

static void render_json(writer *w, const pacta_timeline *tl)
{
    int n = 0;
    writer_char(w, '{');
    json_head(w, &n, &tl->stamp);
    json_member_string(w, &n, "state", tl->state);
    json_member_string(w, &n, "name", tl->name);
    json_member_opt(w, &n, "date", tl->date);
    json_key(w, &n, "instruments");
    writer_char(w, '[');
    for (size_t i = 0; i < tl->count; i++) {
        const pacta_timeline_instrument_view *v = &tl->instruments[i];
        int m = 0;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_member_string(w, &m, "instrument", v->instrument);
        json_member_string(w, &m, "title", v->title);
        json_member_string(w, &m, "short_title", v->short_title);
        json_member_string(w, &m, "basis", v->basis);
        json_member_opt(w, &m, "cite", v->cite);
        json_member_opt(w, &m, "url", v->url);
        json_key(w, &m, "entries");
        writer_char(w, '[');
        for (size_t e = 0; e < v->entry_count; e++) {
            if (e)
                writer_char(w, ',');
            render_entry_json(w, &v->entries[e]);
        }
        writer_char(w, ']');
        if (tl->date) {
            json_key(w, &m, "answers");
            writer_char(w, '[');
            for (size_t a = 0; a < v->answer_count; a++) {
                if (a)
                    writer_char(w, ',');
                render_answer_json(w, &v->answers[a]);
            }
            writer_char(w, ']');
        }
        writer_char(w, '}');
    }
    writer_bytes(w, "]}", 2);
}

pacta_status pacta_timeline_render(const pacta_timeline *tl, pacta_format format, unsigned flags,
                                   pacta_write_fn write, void *ctx)
{
    (void)flags;
    if (!tl || !write ||
        (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON && format != PACTA_FORMAT_SVG))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, arena_allocator(tl->ar));
    if (format == PACTA_FORMAT_JSON || format == PACTA_FORMAT_SVG) {
        if (format == PACTA_FORMAT_JSON)
            render_json(&w, tl);
        else
            svg_timeline_write(&w, &tl->picture);
        return writer_finish(&w);
    }
    keeper scratch = {arena_new(arena_allocator(tl->ar)), 0};
    if (!scratch.ar)
        return PACTA_ENOMEM;
    render_text(&w, tl, &scratch);
    arena_free(scratch.ar);
    pacta_status st = writer_finish(&w);
    return st == PACTA_OK && scratch.oom ? PACTA_ENOMEM : st;
}
