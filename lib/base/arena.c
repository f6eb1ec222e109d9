/*
 * arena.c: the region allocator behind every rulebase, scenario and report.
 * Memory comes in chained blocks from the caller's pacta_allocator and is
 * released all at once by arena_free, so no loader has to unwind partial
 * work on an error path. Out of memory is always a NULL return: a library
 * that checks untrusted input must not abort on it.
 */
#include "base/arena.h"

#include <stdalign.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Blocks start small (most scenarios are a few KiB) and grow geometrically
 * so a large rulebase needs few of them; the cap keeps the unused tail of
 * the last block bounded. */
#define FIRST_BLOCK_BYTES ((size_t)4096)
#define MAX_BLOCK_BYTES ((size_t)256 * 1024)

typedef struct block {
    struct block *next;
    size_t cap;
    size_t used;
    /* max_align_t elements make data suitably aligned for anything */
    max_align_t data[];
} block;

struct arena {
    pacta_allocator alloc;
    block *head;       /* the block new small allocations are carved from */
    size_t next_cap;   /* capacity of the next regular block */
    size_t used;
};

static void *default_malloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void *default_realloc(void *ctx, void *ptr, size_t size)
{
    (void)ctx;
    return realloc(ptr, size);
}

static void default_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

static block *block_new(const pacta_allocator *alloc, size_t cap)
{
    if (cap > SIZE_MAX - offsetof(block, data))
        return NULL;
    block *b = alloc->malloc_fn(alloc->ctx, offsetof(block, data) + cap);
    if (!b)
        return NULL;
    b->next = NULL;
    b->cap = cap;
    b->used = 0;
    return b;
}

arena *arena_new(const pacta_allocator *a)
{
    pacta_allocator alloc;
    if (a && a->malloc_fn && a->free_fn) {
        alloc = *a;
    } else {
        /* A half-filled allocator is treated as none: mixing the caller's
         * malloc with the C library's free would be worse. */
        alloc.malloc_fn = default_malloc;
        alloc.realloc_fn = default_realloc;
        alloc.free_fn = default_free;
        alloc.ctx = NULL;
    }
    arena *ar = alloc.malloc_fn(alloc.ctx, sizeof *ar);
    if (!ar)
        return NULL;
    ar->alloc = alloc;
    ar->used = 0;
    ar->next_cap = FIRST_BLOCK_BYTES;
    ar->head = block_new(&ar->alloc, FIRST_BLOCK_BYTES);
    if (!ar->head) {
        alloc.free_fn(alloc.ctx, ar);
        return NULL;
    }
    return ar;
}

void arena_free(arena *ar)
{
    if (!ar)
        return;
    block *b = ar->head;
    while (b) {
        block *next = b->next;
        ar->alloc.free_fn(ar->alloc.ctx, b);
        b = next;
    }
    ar->alloc.free_fn(ar->alloc.ctx, ar);
}

void arena_reset(arena *ar)
{
    if (!ar)
        return;
    block *keep = ar->head;
    for (block *b = ar->head; b; b = b->next)
        if (b->cap > keep->cap)
            keep = b;
    for (block *b = ar->head, *next; b; b = next) {
        next = b->next;
        if (b != keep)
            ar->alloc.free_fn(ar->alloc.ctx, b);
    }
    keep->next = NULL;
    keep->used = 0;
    ar->head = keep;
    ar->used = 0;
}

/* size bytes, not zeroed, for strings, which are written whole at once;
 * but the padding up to the alignment is zeroed, since PCRE2's JIT reads a
 * subject word by word past its end (harmless, and valgrind says so). */
static void *alloc_bytes(arena *ar, size_t wanted)
{
    const size_t align = alignof(max_align_t);
    if (!ar)
        return NULL;
    /* Size 0 still gets a distinct pointer, as callers may compare them. */
    size_t size = wanted ? wanted : 1;
    if (size > SIZE_MAX - (align - 1))
        return NULL;
    size = (size + align - 1) & ~(align - 1);

    block *b = ar->head;
    if (b->cap - b->used < size) {
        if (size > ar->next_cap / 4) {
            /* A large request gets a block of its own, linked behind the
             * current one so the free space there stays usable. */
            block *big = block_new(&ar->alloc, size);
            if (!big)
                return NULL;
            big->used = size;
            big->next = b->next;
            b->next = big;
            ar->used += size;
            memset((unsigned char *)big->data + wanted, 0, size - wanted);
            return big->data;
        }
        block *fresh = block_new(&ar->alloc, ar->next_cap);
        if (!fresh)
            return NULL;
        fresh->next = b;
        ar->head = b = fresh;
        if (ar->next_cap < MAX_BLOCK_BYTES)
            ar->next_cap *= 2;
    }
    unsigned char *p = (unsigned char *)b->data + b->used;
    b->used += size;
    ar->used += size;
    memset(p + wanted, 0, size - wanted);
    return p;
}

void *arena_alloc(arena *ar, size_t size)
{
    void *p = alloc_bytes(ar, size);
    if (p)
        memset(p, 0, size ? size : 1);
    return p;
}

void *arena_array(arena *ar, size_t n, size_t size)
{
    if (size != 0 && n > SIZE_MAX / size)
        return NULL;
    return arena_alloc(ar, n * size);
}

char *arena_strndup(arena *ar, const char *s, size_t len)
{
    if (!s && len > 0)
        return NULL;
    if (len == SIZE_MAX)
        return NULL;
    char *p = alloc_bytes(ar, len + 1);
    if (!p)
        return NULL;
    if (len > 0)
        memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_join(arena *ar, const char *a, const char *sep, const char *b)
{
    if (!a || !sep || !b)
        return NULL;
    size_t la = strlen(a), ls = strlen(sep), lb = strlen(b);
    if (la > SIZE_MAX / 4 || ls > SIZE_MAX / 4 || lb > SIZE_MAX / 4)
        return NULL;
    char *p = alloc_bytes(ar, la + ls + lb + 1);
    if (!p)
        return NULL;
    memcpy(p, a, la);
    memcpy(p + la, sep, ls);
    memcpy(p + la + ls, b, lb + 1);
    return p;
}

char *arena_strdup(arena *ar, const char *s)
{
    if (!s)
        return NULL;
    return arena_strndup(ar, s, strlen(s));
}

/* Appends src[0..len) at *pos of out (room bytes); counts past the room. */
static void put(char *out, size_t room, size_t *pos, const char *src, size_t len)
{
    if (*pos < room)
        memcpy(out + *pos, src, len < room - *pos ? len : room - *pos);
    *pos += len;
}

/*
 * printf for the conversions the evaluator's texts are made of (%s, %d,
 * %u, %zu, %lld, %%), as glibc writes them, into out[0..room). Sets *len to
 * the length of the whole text and returns 1, or returns 0 at any other
 * conversion, for vsnprintf to do. The evaluator writes thousands of texts
 * per scenario, mostly labels and names joined together; copying them is
 * several times cheaper than vsnprintf's general machinery.
 */
static int simple_format(char *out, size_t room, size_t *len, const char *fmt, va_list ap)
{
    size_t pos = 0;
    while (*fmt) {
        const char *pct = strchr(fmt, '%');
        size_t lit = pct ? (size_t)(pct - fmt) : strlen(fmt);
        put(out, room, &pos, fmt, lit);
        if (!pct)
            break;
        const char *c = pct + 1;
        char digits[24];
        int n = -1;
        if (c[0] == 's') {
            const char *arg = va_arg(ap, const char *);
            if (!arg)
                arg = "(null)";
            put(out, room, &pos, arg, strlen(arg));
            c += 1;
        } else if (c[0] == '%') {
            put(out, room, &pos, "%", 1);
            c += 1;
        } else if (c[0] == 'd') {
            n = snprintf(digits, sizeof digits, "%d", va_arg(ap, int));
            c += 1;
        } else if (c[0] == 'u') {
            n = snprintf(digits, sizeof digits, "%u", va_arg(ap, unsigned));
            c += 1;
        } else if (c[0] == 'z' && c[1] == 'u') {
            n = snprintf(digits, sizeof digits, "%zu", va_arg(ap, size_t));
            c += 2;
        } else if (c[0] == 'l' && c[1] == 'l' && c[2] == 'd') {
            n = snprintf(digits, sizeof digits, "%lld", va_arg(ap, long long));
            c += 3;
        } else {
            return 0;
        }
        if (n > 0)
            put(out, room, &pos, digits, (size_t)n);
        fmt = c;
    }
    if (pos < room)
        out[pos] = '\0';
    *len = pos;
    return 1;
}

/* Formats straight into the free tail of the current block and keeps the
 * bytes if they fit, which they nearly always do; only a text too long for
 * the tail is formatted a second time, into space of its own. The block's
 * used size stays a multiple of the alignment, as arena_alloc keeps it. */
char *arena_vprintf(arena *ar, const char *fmt, va_list ap)
{
    const size_t align = alignof(max_align_t);
    if (!ar)
        return NULL;
    block *b = ar->head;
    size_t room = b->cap - b->used, len;
    char *tail = (char *)b->data + b->used;
    va_list first;
    va_copy(first, ap);
    int simple = simple_format(tail, room, &len, fmt, first);
    va_end(first);
    if (simple) {
        if (len < room) {
            size_t size = (len + 1 + align - 1) & ~(align - 1);
            b->used += size;
            ar->used += size;
            return tail;
        }
        char *p = arena_alloc(ar, len + 1);
        if (!p || !simple_format(p, len + 1, &len, fmt, ap))
            return NULL;
        return p;
    }
    va_copy(first, ap);
    int n = vsnprintf(room ? tail : NULL, room, fmt, first);
    va_end(first);
    if (n < 0)
        return NULL;
    if ((size_t)n < room) {
        size_t size = ((size_t)n + 1 + align - 1) & ~(align - 1);
        b->used += size;
        ar->used += size;
        return tail;
    }
    char *p = arena_alloc(ar, (size_t)n + 1);
    if (!p)
        return NULL;
    if (vsnprintf(p, (size_t)n + 1, fmt, ap) != n)
        return NULL;
    return p;
}

char *arena_printf(arena *ar, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(ar, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_used(const arena *ar)
{
    return ar ? ar->used : 0;
}

const pacta_allocator *arena_allocator(const arena *ar)
{
    return ar ? &ar->alloc : NULL;
}

int ptrvec_push(arena *ar, ptrvec *v, void *p)
{
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap : 4;
        if (v->cap) {
            if (cap > SIZE_MAX / 2)
                return -1;
            cap *= 2;
        }
        void **items = arena_array(ar, cap, sizeof *items);
        if (!items)
            return -1;
        if (v->count)
            memcpy(items, v->items, v->count * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->count++] = p;
    return 0;
}
