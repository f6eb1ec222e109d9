/*
 * scenario.h: what scenario.c offers the library besides the public
 * loaders: loading one JSON line into an arena the caller lends, so that a
 * batch reuses one arena per slot instead of asking malloc for a new one for
 * every scenario.
 */
#ifndef PACTA_SCENARIO_H
#define PACTA_SCENARIO_H

#include "model/model.h"

/**
 * pacta_scenario_load_line(), in lent (NULL: an arena of its own). A
 * scenario in a lent arena is freed with pacta_scenario_free() as any
 * other, which leaves the arena alone: the caller resets or frees it, and
 * may not use the scenario after that.
 */
pacta_status scenario_load_line_in(arena *lent, pacta_scenario **out, const pacta_rulebase *rb,
                                   const char *name, unsigned line, const char *data, size_t len,
                                   pacta_error *err);

#endif
