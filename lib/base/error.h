/*
 * error.h: filling pacta_error values, and suggesting the closest known
 * name for a misspelt one.
 */
#ifndef PACTA_ERROR_H
#define PACTA_ERROR_H

#include <stddef.h>

#include "pacta.h"

/**
 * Sets *err (when err is non-NULL) to status at file:line:column with a
 * printf-formatted message and an empty hint; returns status, so callers
 * write `return error_set(...)`.
 */
pacta_status error_set(pacta_error *err, pacta_status status, const char *file, unsigned line,
                       unsigned column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/** Sets the hint of an error already set (printf-formatted). */
void error_hint(pacta_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** Clears *err to PACTA_OK with empty fields. */
void error_clear(pacta_error *err);

/**
 * The name among candidates[0..n) closest to word by edit distance, or NULL
 * when none is close enough to be a plausible misspelling (distance at most
 * a third of the longer length, and at most 3... see error.c).
 * get returns the i-th candidate name.
 */
const char *suggest_name(const char *word, const void *candidates, size_t n,
                         const char *(*get)(const void *candidates, size_t i));

/** The same over a NULL-terminated array of strings. */
const char *suggest_from_list(const char *word, const char *const *names);

#endif
