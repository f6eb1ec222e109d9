/*
 * rules_parties.c: pass 3 over the rule files (see rules_load.c): each
 * instrument's party records (signature, consent, reservations, succession,
 * denunciation), sorted by state with duplicates refused, and the links
 * between instruments.
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
static const origin *party_key_at(const void *d)
{
    return &((const party_def *)d)->at;
}
static int party_key_cmp(const void *a, const void *b)
{
    return strcmp(party_key(*(void *const *)a), party_key(*(void *const *)b));
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

static pacta_status read_party(pass_ctx *pc, instrument_def *inst, const ynode *n, ptrvec *out)
{
    static const char *const keys[] = {"state", "signature", "consent", "effective",
                                       "reservations", "denunciation", "note", NULL};
    static const char *const consent_extra[] = {"type", NULL};
    static const char *const denunciation_extra[] = {"note", NULL};
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
    if (st == PACTA_OK)
        st = pass_dated(pc, n, "denunciation", 0, denunciation_extra, &p->denunciation);
    if (st == PACTA_OK && p->denunciation.set)
        st = load_string(&pc->lc, ymap_get(n, "denunciation"), "note", 0, &p->denunciation_note);
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
        static const char *const keys[] = {"instrument", "records", "note", NULL};
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
        for (size_t i = 0; st == PACTA_OK && i < list->count; i++)
            st = read_party(pc, rb->instruments[slot], list->items[i], &records[slot]);
    }
    for (size_t i = 0; st == PACTA_OK && i < rb->instrument_count; i++) {
        instrument_def *inst = rb->instruments[i];
        st = SORT_UNIQUE(pc, &records[i], party_key, "party record for state");
        inst->parties = (party_def **)records[i].items;
        inst->party_count = records[i].count;
        for (size_t p = 0; st == PACTA_OK && p < inst->party_count; p++) {
            const party_def *party = inst->parties[p];
            if (party->consent.set && inst->adopted.set &&
                party->consent.when.hi < inst->adopted.when.lo)
                st = error_set(pc->lc.err, PACTA_EINPUT, party->at.file, party->at.line,
                               party->at.column,
                               "%s's consent (%s) is dated before the instrument was adopted (%s)",
                               party->state->code, party->consent.text, inst->adopted.text);
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
