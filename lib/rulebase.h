/*
 * rulebase.h: internals shared by rulebase.c (life cycle, lookups) and
 * rules_load.c (reading the sections of the rule files).
 */
#ifndef PACTA_RULEBASE_H
#define PACTA_RULEBASE_H

#include "model.h"

/**
 * Reads every section of the documents in rb->docs into definitions, links
 * them and checks them. Called once, by pacta_rulebase_finish.
 */
pacta_status rules_load_all(pacta_rulebase *rb, pacta_error *err);

/** 1 if provision id p is the eId prefix `prefix` or lies below it (art_33 covers art_33__para_1). */
int provision_covered(const char *prefix, const char *p);

#endif
