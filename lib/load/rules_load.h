/*
 * rules_load.h: reading the rule files of a rulebase, for its life cycle
 * (rulebase_build.c). The rest of the library asks a finished rulebase
 * through model/rulebase.h.
 */
#ifndef PACTA_RULES_LOAD_H
#define PACTA_RULES_LOAD_H

#include "model/rulebase.h"

/**
 * Reads every section of the documents in rb->docs into definitions, links
 * them and checks them. Called once, by pacta_rulebase_finish.
 */
pacta_status rules_load_all(pacta_rulebase *rb, pacta_error *err);

#endif
