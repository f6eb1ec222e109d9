/*
 * test_helpers.h: an allocator for unit tests that counts what it hands out
 * and can be told to fail, so tests can prove that every allocation failure
 * turns into an error return (never a crash) and that nothing leaks.
 */
#ifndef PACTA_TEST_HELPERS_H
#define PACTA_TEST_HELPERS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "pacta.h"

typedef struct counting_alloc {
    size_t mallocs;     /* successful allocations */
    size_t frees;       /* non-NULL frees */
    size_t bytes;       /* total bytes requested by successful allocations */
    size_t fail_after;  /* allocations that succeed before every later one fails */
} counting_alloc;

static inline void *counting_malloc(void *ctx, size_t size)
{
    counting_alloc *c = ctx;
    if (c->mallocs >= c->fail_after)
        return NULL;
    void *p = malloc(size);
    if (p) {
        c->mallocs++;
        c->bytes += size;
    }
    return p;
}

static inline void counting_free(void *ctx, void *ptr)
{
    counting_alloc *c = ctx;
    if (ptr)
        c->frees++;
    free(ptr);
}

/* An allocator over c that never fails until fail_after is lowered. */
static inline pacta_allocator counting_allocator(counting_alloc *c)
{
    c->mallocs = c->frees = c->bytes = 0;
    c->fail_after = SIZE_MAX;
    pacta_allocator a = {counting_malloc, NULL, counting_free, c};
    return a;
}

#endif
