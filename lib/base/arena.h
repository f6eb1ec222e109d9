/*
 * arena.h: region allocation. Every rulebase, scenario and report owns one
 * arena; everything it points to lives there and is released at once, so
 * the loaders and the evaluator never free piecemeal and cannot leak on an
 * error path. Allocation goes through the caller's pacta_allocator.
 */
#ifndef PACTA_ARENA_H
#define PACTA_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "pacta.h"

typedef struct arena arena;

/** A new, empty arena; NULL if the first block cannot be allocated. a may be NULL (malloc). */
arena *arena_new(const pacta_allocator *a);
void arena_free(arena *ar);

/**
 * Forgets everything allocated, keeping the largest block for what comes
 * next: a batch reads, checks and writes a million scenarios in one arena
 * per slot, which stays as large as the largest scenario needs and is never
 * handed back to malloc between them.
 */
void arena_reset(arena *ar);
/** size bytes, zeroed, aligned for any type; NULL when out of memory. */
void *arena_alloc(arena *ar, size_t size);
/** n elements of size bytes, with overflow check; zeroed. */
void *arena_array(arena *ar, size_t n, size_t size);
/** A NUL-terminated copy of s[0..len). */
char *arena_strndup(arena *ar, const char *s, size_t len);
char *arena_strdup(arena *ar, const char *s);
/** a, sep and b end to end ("e2" "." "voluntary"); NULL when any is NULL or out of memory.
 * What the evaluator names every fact with: far cheaper than arena_printf. */
char *arena_join(arena *ar, const char *a, const char *sep, const char *b);
/** printf into the arena. */
char *arena_printf(arena *ar, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
char *arena_vprintf(arena *ar, const char *fmt, va_list ap);

/** Total bytes handed out (for tests and benchmarks). */
size_t arena_used(const arena *ar);

/** The allocator the arena uses, for modules that must allocate outside it (PCRE2). */
const pacta_allocator *arena_allocator(const arena *ar);

/*
 * A growable array of pointers kept in an arena. Growing copies into a new
 * block and leaves the old one in the arena: the waste is bounded by the
 * final size, and nothing needs freeing.
 */
typedef struct ptrvec {
    void **items;
    size_t count;
    size_t cap;
} ptrvec;

/** Appends p; returns 0, or -1 when out of memory. */
int ptrvec_push(arena *ar, ptrvec *v, void *p);

#endif
