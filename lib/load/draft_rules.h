/*
 * draft_rules.h: reading the `draft:` section of the rules (rules/draft.yaml):
 * the cues `pacta draft` reads a report with, and the other names of the
 * states, into the rulebase.
 */
#ifndef PACTA_DRAFT_RULES_H
#define PACTA_DRAFT_RULES_H

#include "load/loader.h"

/**
 * Reads one `draft:` section (a mapping with `states:` and `cues:`). Every
 * compiled cue is in rb->draft_cues as soon as it compiles, so that
 * pacta_rulebase_free() releases it whatever fails later. names collects
 * draft_name* for draft_rules_finish().
 */
pacta_status draft_rules_read(pacta_rulebase *rb, const load_ctx *lc, const ynode *section,
                              ptrvec *cues, ptrvec *names);

/**
 * After every file: adds the states' own names, refuses a name given to two
 * states, and compiles the one pattern that finds any name in a text.
 */
pacta_status draft_rules_finish(pacta_rulebase *rb, const load_ctx *lc, ptrvec *names);

#endif
