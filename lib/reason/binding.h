/*
 * binding.h: was the actor bound by a provision on the date of an event?
 * Computes entry into force from the party record and the instrument's own
 * clause, never from a typed date; handles signature alone, successions,
 * reservations (and non-reservable provisions), denunciations (and
 * instruments that cannot be denounced), cessations, several periods of
 * participation, party tables known to be incomplete (no record: unknown),
 * imprecise dates on either side, and
 * the 1967 Protocol's route to the Convention's rules ("incorporates").
 */
#ifndef PACTA_BINDING_H
#define PACTA_BINDING_H

#include "model/model.h"

typedef struct binding_result {
    pacta_truth bound;                  /* true, false, or unknown (dates overlap) */
    const instrument_def *instrument;   /* the instrument the finding is reported under */
    const char *provision;              /* the provision it is reported under */
    const instrument_def *via;          /* non-NULL: bound through this incorporating instrument */
    pacta_binding_view view;            /* strings for the finding */
    ptrvec reasons;                     /* const char*, in order */
    ptrvec caveats;
    int date_decides;                   /* 1: the event's date would decide an unknown */
    const char *missing_record;         /* non-NULL: the party record that would decide an
                                           unknown ("echr.parties.GE"), the table being incomplete */
} binding_result;

/**
 * Evaluates whether e->actor was bound by rule's provision on e's date,
 * falling back to an instrument that incorporates the rule's instrument.
 * With prose 0 only the answer and its data are made (bound, instrument,
 * provision, via, view, date_decides, missing_record): reasons and caveats
 * stay empty, as a batch's compact record needs. Strings live in ar.
 * Returns 0, or -1 when out of memory.
 */
int binding_for_rule(arena *ar, const pacta_rulebase *rb, const rule_def *rule, const sc_event *e,
                     int prose, binding_result *out);

/**
 * The same for one provision of inst (what binding_for_rule weighs for a
 * rule); provision NULL weighs the instrument as a whole, without
 * reservations or the route through an incorporating instrument. Only
 * e->actor, e->date and e->date_text are read; rb (may be NULL) gives the
 * short citations of the sources the reasons cite.
 */
int binding_for_provision(arena *ar, const pacta_rulebase *rb, const instrument_def *inst,
                          const char *provision, const sc_event *e, int prose,
                          binding_result *out);

/**
 * When party record p binds its state under inst: consent plus the
 * entry-into-force delay, no earlier than the general entry into force; for
 * a succession, its effective date, else the range from the general entry
 * into force to the notification. A range when a date is imprecise.
 */
pdate_range party_in_force(const instrument_def *inst, const party_def *p);

/**
 * When p's denunciation takes effect (notification plus the instrument's
 * delay). Returns 0, leaving *out alone, when the record has none or the
 * instrument cannot be denounced (the notice is then ineffective).
 */
int party_denunciation_effective(const instrument_def *inst, const party_def *p, pdate_range *out);

/**
 * The first day p's period of participation no longer binds: its `ceased`
 * date, or its denunciation's effect. Returns 0, leaving *out alone, when
 * the period does not end.
 */
int party_period_end(const instrument_def *inst, const party_def *p, pdate_range *out);

/**
 * The state's record whose period the event's dates fall in or after: the
 * latest period whose consent is not after the event, else the first.
 * first is instrument_party()'s answer (NULL gives NULL).
 */
const party_def *party_period_at(const party_def *first, pdate_range event);

#endif
