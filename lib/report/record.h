/*
 * record.h: the compact batch record (docs/batch.md): a header line once
 * per batch, then one short JSON object per scenario with only what a
 * program sorting thousands of findings needs. The full report stays with
 * pacta_render().
 */
#ifndef PACTA_RECORD_H
#define PACTA_RECORD_H

#include "base/writer.h"
#include "model/model.h"

/** The header: the library version, the input's name and the rulebase's identity. */
void record_header(writer *w, const pacta_rulebase *rb, const char *input);

/** The record of the index-th scenario (1-based) of the batch, without a newline. */
void record_report(writer *w, size_t index, const pacta_report *rep);

/** The record of a scenario that could not be checked. */
void record_error(writer *w, size_t index, const pacta_error *err);

#endif
