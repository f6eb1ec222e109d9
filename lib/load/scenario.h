/*
 * scenario.h: what scenario.c offers the library besides the public
 * loaders: loading one JSON line into an arena the caller lends, with a
 * JSON parser it keeps, so that a batch reuses one arena and one parser per
 * slot instead of making new ones for every scenario.
 */
#ifndef PACTA_SCENARIO_H
#define PACTA_SCENARIO_H

#include "base/jtree.h"
#include "model/model.h"

/**
 * pacta_scenario_load_line(), in lent (NULL: an arena of its own), parsed
 * with parser (NULL: one of its own; see jtree.h). A
 * scenario in a lent arena is freed with pacta_scenario_free() as any
 * other, which leaves the arena alone: the caller resets or frees it, and
 * may not use the scenario after that.
 */
pacta_status scenario_load_line_in(arena *lent, jtree_parser *parser, pacta_scenario **out,
                                   const pacta_rulebase *rb, const char *name, unsigned line,
                                   const char *data, size_t len, pacta_error *err);

#endif
