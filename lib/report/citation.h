/*
 * citation.h: treaty citations as legal writing formats them (Bluebook,
 * OSCOLA, a plain style), assembled from an instrument's data in the rules,
 * never from a string written per citation.
 */
#ifndef PACTA_CITATION_H
#define PACTA_CITATION_H

#include "model/model.h"

/**
 * Formats the citation of provision (an eId, or NULL for the whole
 * instrument) of inst in style into buf, NUL-terminated when size > 0.
 * Returns the length the full text needs, like snprintf.
 */
size_t citation_format(const instrument_def *inst, const char *provision, pacta_cite_style style,
                       char *buf, size_t size);

/** The style a set of rendering flags selects (PACTA_CITE_LABEL when none). */
pacta_cite_style citation_style(unsigned flags);

#endif
