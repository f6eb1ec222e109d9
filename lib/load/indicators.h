/*
 * indicators.h: the rulebase's PCRE2 patterns run over an event's
 * description, each match becoming a (weakest-precedence) event fact with
 * its span.
 */
#ifndef PACTA_INDICATORS_H
#define PACTA_INDICATORS_H

#include "model/model.h"

/**
 * Runs every indicator over e->description (if any) and stores the first
 * match of each in e->text_facts. A pattern that exceeds the match, depth
 * or heap limit is an error at line:column (the description), never a
 * silently missed fact.
 */
pacta_status indicators_scan(const pacta_rulebase *rb, arena *ar, sc_event *e, const char *file,
                             unsigned line, unsigned column, pacta_error *err);

#endif
