/*
 * rulebase.h: the questions about provisions that the modules reading a
 * loaded rulebase ask alike (rulebase.c; the lookups by name are declared
 * with the model in model.h).
 */
#ifndef PACTA_RULEBASE_H
#define PACTA_RULEBASE_H

#include "model/model.h"

/** 1 if provision id p is the eId prefix `prefix` or lies below it (art_33 covers art_33__para_1). */
int provision_covered(const char *prefix, const char *p);
/** 1 if provision (an eId of inst) is, or lies below, one inst makes non-reservable. */
int instrument_non_reservable(const instrument_def *inst, const char *provision);
/** 1 if inst applies provision (an eId of inst->incorporates) through its incorporating provision. */
int instrument_incorporates(const instrument_def *inst, const char *provision);
/** 1 if a rule of inst, or an element of one, relies on provision id of inst. */
int rules_rely_on(const pacta_rulebase *rb, const instrument_def *inst, const char *id);
/** The rule file path as findings and reports name it: relative to the rules folder (file as read, if unknown). */
const char *rb_file_in_rules(const pacta_rulebase *rb, const char *file);

#endif
