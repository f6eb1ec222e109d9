/*
 * sink.h: for unit tests of output: a pacta_write_fn that
 * collects output in memory (optionally failing after a number of calls, to
 * test error paths).
 */
#ifndef PACTA_TEST_SINK_H
#define PACTA_TEST_SINK_H

#include <stdlib.h>
#include <string.h>

typedef struct sink {
    char *data;        /* NUL-terminated output so far */
    size_t len;
    size_t cap;
    size_t calls;      /* times the write function was called */
    size_t fail_after; /* 0: never fail; n: calls after the n-th fail */
} sink;

static inline int sink_write(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    s->calls++;
    if (s->fail_after && s->calls > s->fail_after)
        return -1;
    if (s->len + len + 1 > s->cap) {
        size_t cap = (s->len + len + 1) * 2;
        char *p = realloc(s->data, cap);
        if (!p)
            return -1;
        s->data = p;
        s->cap = cap;
    }
    memcpy(s->data + s->len, data, len);
    s->len += len;
    s->data[s->len] = '\0';
    return 0;
}

static inline void sink_reset(sink *s)
{
    free(s->data);
    memset(s, 0, sizeof *s);
}

#endif
