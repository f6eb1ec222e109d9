/*
 * check.h: what check.c offers the library besides pacta_check(): a check
 * without the prose, for the batch's compact records, and weighing one rule
 * at one event, for the what-if module, which re-weighs a finding's rule
 * under changed facts many times and must not re-check the whole scenario
 * each time.
 */
#ifndef PACTA_CHECK_H
#define PACTA_CHECK_H

#include "model/model.h"

/**
 * pacta_check(), with or without the prose. With prose 0 each finding holds
 * what a batch's compact record prints and a what-if search compares: the
 * verdict, rule, actor, date, events, instrument, provision, basis,
 * binding, the steps with their values, and the missing facts (named only
 * for an undetermined finding); reasons, caveats, narrative, citations and
 * the facts each step read are empty and the labels NULL. Writing them is
 * most of the cost of a check, and a batch of a million scenarios prints
 * none of them. The report lives in lent when it is given (as
 * scenario_load_line_in's scenario may): pacta_report_free() then leaves
 * the arena to the caller.
 */
pacta_status check_scenario(pacta_report **out, const pacta_rulebase *rb,
                            const pacta_scenario *sc, int prose, arena *lent, pacta_error *err);

/**
 * The finding check_scenario() makes for rule at event e of sc (e completes
 * the rule: its action triggers it, or it is the last step of its
 * sequence), prose as there. *out is NULL when rule is a sequence that no
 * earlier events complete. No "not an excuse" caveats are added: they
 * change no verdict. Everything lives in ar. Returns 0, or -1 when out of
 * memory.
 */
int check_rule_at(arena *ar, const pacta_rulebase *rb, const pacta_scenario *sc,
                  const rule_def *rule, const sc_event *e, int prose, pacta_finding **out);

#endif
