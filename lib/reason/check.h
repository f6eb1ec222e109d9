/*
 * check.h: what check.c offers the library besides pacta_check(): weighing
 * one rule at one event, for the what-if module, which re-weighs a finding's
 * rule under changed facts many times and must not re-check the whole
 * scenario each time.
 */
#ifndef PACTA_CHECK_H
#define PACTA_CHECK_H

#include "model/model.h"

/**
 * The finding pacta_check() makes for rule at event e of sc (e completes the
 * rule: its action triggers it, or it is the last step of its sequence).
 * *out is NULL when rule is a sequence that no earlier events complete. No
 * "not an excuse" caveats are added: they change no verdict. Everything lives
 * in ar. Returns 0, or -1 when out of memory.
 */
int check_rule_at(arena *ar, const pacta_rulebase *rb, const pacta_scenario *sc,
                  const rule_def *rule, const sc_event *e, pacta_finding **out);

#endif
