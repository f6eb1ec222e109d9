/*
 * rules_parties.c: pass 3 over the rule files (see rules_load.c): each
 * instrument's party records (signature, consent, reservations, succession,
 * denunciation or cessation), sorted by state, and the links between
 * instruments. A state has one record per period of participation: several
 * only when each period ended (a denunciation or `ceased`) before the next
 * consent; the later ones hang off the first (`next`).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "load/rules_pass.h"

static const char *party_key(const void *d)
{
    return ((const party_def *)d)->state->code;
}
/* by state, then a state's periods in the order of their consent (records without one first) */
static int party_period_cmp(const void *a, const void *b)
{
    const party_def *p = *(void *const *)a, *q = *(void *const *)b;
    int c = strcmp(p->state->code, q->state->code);
    if (c != 0)
        return c;
    if (p->consent.set != q->consent.set)
        return p->consent.set - q->consent.set;
    if (p->consent.when.lo != q->consent.when.lo)
        return p->consent.when.lo < q->consent.when.lo ? -1 : 1;
    return p->at.line < q->at.line ? -1 : p->at.line > q->at.line;
}

/* The date a record's period ends by (the notice of denunciation, or the cessation), or NULL. */
static const dated *period_end(const party_def *p)
{
    return p->ceased.set ? &p->ceased : p->denunciation.set ? &p->denunciation : NULL;
}

static const char *const CONSENT_TYPES[] = {"ratification", "accession", "succession",
                                            "acceptance", "approval", NULL};

static pacta_status read_reservations(pass_ctx *pc, party_def *p, const ynode *list)
{
    static const char *const keys[] = {"provisions", "text", "source", "withdrawn", "note", NULL};
    pacta_status st = load_check_seq(&pc->lc, list, "'reservations'");
    if (st != PACTA_OK)
        return st;
    p->reservation_count = list->count;
    p->reservations = arena_array(pc->lc.ar, list->count ? list->count : 1, sizeof *p->reservations);
    if (!p->reservations)
        return pass_oom(pc);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        reservation_def *r = &p->reservations[i];
        pass_origin(&r->at, pc, n);
        st = load_check_map(&pc->lc, n, "a reservation", keys);
        if (st == PACTA_OK)
            st = load_string_list(&pc->lc, n, "provisions", &r->count, &r->provisions);
        if (st == PACTA_OK && r->count == 0)
            st = load_error(&pc->lc, n, "a reservation names the provisions it excludes");
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "text", 0, &r->text);
        if (st == PACTA_OK)
            st = pass_source_ref(pc, n, "source", 1, &r->source);
        if (st == PACTA_OK)
            st = pass_dated(pc, n, "withdrawn", 0, NULL, &r->withdrawn);
    }
    return st;
}

/* A party's declarations: each names one the instrument defines (its `declarations:`). */
static pacta_status read_party_declarations(pass_ctx *pc, party_def *p, const ynode *list)
{
    static const char *const keys[] = {"id", "text", "source", "withdrawn", "note", NULL};
    const instrument_def *inst = p->instrument;
    pacta_status st = load_check_seq(&pc->lc, list, "'declarations'");
    if (st != PACTA_OK)
        return st;
    p->declaration_count = list->count;
    p->declarations = arena_array(pc->lc.ar, list->count ? list->count : 1, sizeof *p->declarations);
    if (!p->declarations)
        return pass_oom(pc);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        party_declaration *d = &p->declarations[i];
        const char *id;
        pass_origin(&d->at, pc, n);
        st = load_check_map(&pc->lc, n, "a declaration", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "id", 1, &id);
        for (size_t k = 0; st == PACTA_OK && !d->kind && k < inst->declaration_count; k++)
            if (strcmp(inst->declarations[k].id, id) == 0)
                d->kind = &inst->declarations[k];
        if (st == PACTA_OK && !d->kind)
            st = load_error(&pc->lc, ymap_get(n, "id"),
                            "the %s defines no declaration '%s' (its 'declarations:' say what "
                            "each one does)",
                            inst->short_title, id);
        if (st == PACTA_OK)
            st = load_string(&pc->lc, n, "text", 0, &d->text);
        if (st == PACTA_OK)
            st = pass_source_ref(pc, n, "source", 1, &d->source);
        if (st == PACTA_OK)
            st = pass_dated(pc, n, "withdrawn", 0, NULL, &d->withdrawn);
    }
    return st;
}

static pacta_status read_party(pass_ctx *pc, instrument_def *inst, const ynode *n, ptrvec *out)
{
    static const char *const keys[] = {"state",        "signature",    "consent", "effective",
                                       "reservations", "declarations", "denunciation", "ceased",
                                       "note",         NULL};
    static const char *const consent_extra[] = {"type", NULL};
    static const char *const note_extra[] = {"note", NULL};
    party_def *p = arena_alloc(pc->lc.ar, sizeof *p);
    if (!p)
        return pass_oom(pc);
    p->instrument = inst;
    pass_origin(&p->at, pc, n);
    const char *code;
    pacta_status st = load_check_map(&pc->lc, n, "a party record", keys);
    if (st == PACTA_OK)
        st = load_ident(&pc->lc, n, "state", 1, &code);
    if (st == PACTA_OK && !(p->state = rb_state(pc->rb, code)))
        st = load_error(&pc->lc, ymap_get(n, "state"), "unknown state '%s'", code);
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "signature", 0, NULL, &p->signature);
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "consent", 0, consent_extra, &p->consent);
    if (st == PACTA_OK && p->consent.set) {
        const ynode *consent = ymap_get(n, "consent");
        st = load_ident(&pc->lc, consent, "type", 0, &p->consent_type);
        if (st == PACTA_OK && p->consent_type) {
            size_t k = 0;
            while (CONSENT_TYPES[k] && strcmp(CONSENT_TYPES[k], p->consent_type) != 0)
                k++;
            if (!CONSENT_TYPES[k]) {
                st = load_error(&pc->lc, ymap_get(consent, "type"), "unknown consent type '%s'",
                                p->consent_type);
                error_hint(pc->lc.err,
                           "ratification, accession, succession, acceptance or approval");
            }
        }
    }
    if (st == PACTA_OK && !p->consent.set && !p->signature.set)
        st = load_error(&pc->lc, n, "a party record needs a consent or a signature");
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "effective", 0, NULL, &p->succession_effective);
    if (st == PACTA_OK && p->succession_effective.set &&
        (!p->consent_type || strcmp(p->consent_type, "succession") != 0))
        st = load_error(&pc->lc, ymap_get(n, "effective"),
                        "'effective' is for successions; this consent is not one");
    if (st == PACTA_OK && ymap_get(n, "reservations"))
        st = read_reservations(pc, p, ymap_get(n, "reservations"));
    if (st == PACTA_OK && ymap_get(n, "declarations"))
        st = read_party_declarations(pc, p, ymap_get(n, "declarations"));
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "denunciation", 0, note_extra, &p->denunciation);
    if (st == PACTA_OK && p->denunciation.set)
        st = load_string(&pc->lc, ymap_get(n, "denunciation"), "note", 0, &p->denunciation_note);
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "ceased", 0, note_extra, &p->ceased);
    if (st == PACTA_OK && p->ceased.set)
        st = load_string(&pc->lc, ymap_get(n, "ceased"), "note", 0, &p->ceased_note);
    if (st == PACTA_OK && p->ceased.set && p->denunciation.set) {
        st = load_error(&pc->lc, ymap_get(n, "ceased"),
                        "a record ends by a denunciation or by 'ceased', not both");
        error_hint(pc->lc.err, "'ceased' is the day the depositary says the state ceased to be "
                               "a party; a denunciation's effect is computed from its clause");
    }
    if (st == PACTA_OK && p->ceased.set && !p->consent.set)
        st = load_error(&pc->lc, ymap_get(n, "ceased"), "'ceased' needs a consent to end");
    if (st == PACTA_OK && p->ceased.set && p->ceased.when.hi < p->consent.when.lo)
        st = load_error(&pc->lc, ymap_get(n, "ceased"), "the cessation is dated before the consent");
    if (st == PACTA_OK)
        st = load_string(&pc->lc, n, "note", 0, &p->note);
    if (st == PACTA_OK && p->denunciation.set && p->consent.set &&
        p->denunciation.when.hi < p->consent.when.lo)
        st = load_error(&pc->lc, ymap_get(n, "denunciation"),
                        "the denunciation is dated before the consent");
    if (st == PACTA_OK && ptrvec_push(pc->lc.ar, out, p))
        return pass_oom(pc);
    return st;
}

/*
 * Sorts an instrument's records and keeps one per state in *v, chaining a
 * state's later periods to its first; each period must end before the next
 * consent.
 */
static pacta_status chain_periods(pass_ctx *pc, const instrument_def *inst, ptrvec *v)
{
    if (v->count > 1)
        qsort(v->items, v->count, sizeof *v->items, party_period_cmp);
    size_t kept = 0;
    for (size_t i = 0; i < v->count; i++) {
        party_def *p = v->items[i];
        party_def *last = kept ? v->items[kept - 1] : NULL;
        while (last && last->next)
            last = (party_def *)last->next;
        if (!last || strcmp(last->state->code, p->state->code) != 0) {
            v->items[kept++] = p;
            continue;
        }
        const dated *end = last->consent.set ? period_end(last) : NULL;
        if (end == &last->denunciation && !inst->denounceable)
            end = NULL; /* an ineffective notice ends nothing */
        if (!end || !p->consent.set || p->consent.when.lo <= end->when.hi) {
            /* report the later of the two in the files, pointing back at the other */
            const origin *a = &last->at, *b = &p->at;
            int a_later = strcmp(a->file, b->file) > 0 ||
                          (strcmp(a->file, b->file) == 0 && a->line > b->line);
            const origin *later = a_later ? a : b, *other = a_later ? b : a;
            pacta_status st = error_set(pc->lc.err, PACTA_EINPUT, later->file, later->line,
                                        later->column,
                                        "duplicate party record for state '%s' (also defined at "
                                        "%s:%u:%u)",
                                        party_key(p), other->file, other->line, other->column);
            error_hint(pc->lc.err, "a state has several records only for several periods of "
                                   "participation: each ends (a denunciation or 'ceased') before "
                                   "the next consent");
            return st;
        }
        last->next = p;
    }
    v->count = kept;
    return PACTA_OK;
}

/*
 * The party table's `incomplete: {source, note, states}`: a state with no
 * record may still be a party (any state, or only those `states` names).
 */
static pacta_status read_incomplete(pass_ctx *pc, instrument_def *inst, const ynode *n)
{
    static const char *const keys[] = {"source", "note", "states", NULL};
    const ynode *m = ymap_get(n, "incomplete");
    if (!m)
        return PACTA_OK;
    if (inst->parties_incomplete)
        return load_error(&pc->lc, m, "the party table of '%s' is already marked incomplete",
                          inst->id);
    size_t count = 0;
    const char **codes = NULL;
    pacta_status st = load_check_map(&pc->lc, m, "'incomplete'", keys);
    if (st == PACTA_OK)
        st = pass_source_ref(pc, m, "source", 1, &inst->parties_incomplete);
    if (st == PACTA_OK)
        st = load_string(&pc->lc, m, "note", 0, &inst->parties_incomplete_note);
    if (st == PACTA_OK)
        st = load_string_list(&pc->lc, m, "states", &count, &codes);
    if (st == PACTA_OK && count) {
        inst->unrecorded = arena_array(pc->lc.ar, count, sizeof *inst->unrecorded);
        if (!inst->unrecorded)
            return pass_oom(pc);
    }
    for (size_t i = 0; st == PACTA_OK && i < count; i++) {
        inst->unrecorded[i] = rb_state(pc->rb, codes[i]);
        if (!inst->unrecorded[i])
            st = load_error(&pc->lc, ymap_get(m, "states"), "unknown state '%s'", codes[i]);
    }
    inst->unrecorded_count = count;
    return st;
}

pacta_status pass_three(pass_ctx *pc)
{
    pacta_rulebase *rb = pc->rb;
    pacta_status st = PACTA_OK;
    ptrvec *records = arena_array(pc->lc.ar, rb->instrument_count ? rb->instrument_count : 1,
                                  sizeof *records);
    if (!records)
        return pass_oom(pc);
    for (size_t d = 0; st == PACTA_OK && d < rb->docs.count; d++) {
        const ynode *n = ymap_get(rb->docs.items[d], "parties");
        pc->lc.file = rb->doc_names.items[d];
        if (!n)
            continue;
        static const char *const keys[] = {"instrument", "records", "incomplete", "note", NULL};
        const char *id;
        st = load_check_map(&pc->lc, n, "'parties'", keys);
        if (st == PACTA_OK)
            st = load_ident(&pc->lc, n, "instrument", 1, &id);
        const instrument_def *inst = st == PACTA_OK ? rb_instrument(rb, id) : NULL;
        if (st == PACTA_OK && !inst)
            st = load_error(&pc->lc, ymap_get(n, "instrument"), "unknown instrument '%s'", id);
        if (st == PACTA_OK && inst->kind != BIND_TREATY)
            st = load_error(&pc->lc, ymap_get(n, "instrument"),
                            "party records are for treaties; '%s' is not one", id);
        const ynode *list = st == PACTA_OK ? ymap_get(n, "records") : NULL;
        if (st == PACTA_OK)
            st = load_check_seq(&pc->lc, list, "'records'");
        size_t slot = 0;
        while (st == PACTA_OK && rb->instruments[slot] != inst)
            slot++;
        if (st == PACTA_OK)
            st = read_incomplete(pc, rb->instruments[slot], n);
        for (size_t i = 0; st == PACTA_OK && i < list->count; i++)
            st = read_party(pc, rb->instruments[slot], list->items[i], &records[slot]);
    }
    for (size_t i = 0; st == PACTA_OK && i < rb->instrument_count; i++) {
        instrument_def *inst = rb->instruments[i];
        st = chain_periods(pc, inst, &records[i]);
        inst->parties = (party_def **)records[i].items;
        inst->party_count = records[i].count;
        for (size_t p = 0; st == PACTA_OK && p < inst->party_count; p++) {
            for (const party_def *party = inst->parties[p]; st == PACTA_OK && party;
                 party = party->next) {
                if (party->consent.set && inst->adopted.set &&
                    party->consent.when.hi < inst->adopted.when.lo)
                    st = error_set(pc->lc.err, PACTA_EINPUT, party->at.file, party->at.line,
                                   party->at.column,
                                   "%s's consent (%s) is dated before the instrument was "
                                   "adopted (%s)",
                                   party->state->code, party->consent.text, inst->adopted.text);
            }
        }
        if (st == PACTA_OK && inst->incorporates_id) {
            inst->incorporates = (instrument_def *)rb_instrument(rb, inst->incorporates_id);
            if (!inst->incorporates)
                st = error_set(pc->lc.err, PACTA_EINPUT, inst->at.file, inst->at.line,
                               inst->at.column, "unknown instrument '%s' in 'incorporates'",
                               inst->incorporates_id);
            else if (inst->incorporates->incorporated_by)
                st = error_set(pc->lc.err, PACTA_EINPUT, inst->at.file, inst->at.line,
                               inst->at.column, "instrument '%s' is already incorporated by '%s'",
                               inst->incorporates_id, inst->incorporates->incorporated_by->id);
            else
                inst->incorporates->incorporated_by = inst;
        }
    }
    return st;
}
