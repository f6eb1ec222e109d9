/*
 * ytree.c: YAML documents as ynode trees, built from libyaml's event parser.
 *
 * We use events rather than libyaml's document loader because the loader
 * expands nothing but also bounds nothing: it would build any nesting depth
 * and hand us alias graphs (even cyclic ones) that a tree walk could expand
 * exponentially. Here every bound in pacta_options is enforced as the events
 * arrive, so a hostile file is rejected after work proportional to its size:
 *
 * - nesting is tracked on an explicit stack (no recursion on input depth);
 * - every anchored node records its size (nodes, counting what its own
 *   aliases reach) and its height, and each alias charges that size to a
 *   per-document budget, so "billion laughs" fails within a few levels;
 *   an alias may not nest a shared subtree deeper than max_depth either,
 *   so walkers of the tree see the same depth bound as the parser did;
 * - an alias to a node still being built (a cycle) is an error, so every
 *   tree is acyclic.
 *
 * Per-document bookkeeping (the stack, anchors, seen keys) lives in a
 * scratch arena freed when yreader_next returns; only the nodes go into the
 * caller's arena.
 */
#include "base/ytree.h"

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "base/error.h"

/* ------------------------------------------------------------ hash table */

/* Open addressing over (owner, bytes): owner is the mapping for key
 * uniqueness, NULL for anchor names. */
typedef struct slot {
    uint64_t hash;
    const void *owner;
    const char *key;
    size_t len;
    void *value; /* NULL: empty slot */
} slot;

typedef struct table {
    slot *slots;
    size_t cap; /* a power of two, or 0 */
    size_t count;
} table;

/* A keyed multiply-xorshift hash. The key is per reader (from its address)
 * so that colliding names cannot be prepared in advance to make lookups
 * quadratic. */
static uint64_t hash_bytes(uint64_t seed, const void *owner, const char *s, size_t len)
{
    const uint64_t mul = 0x9E3779B97F4A7C15u;
    uint64_t h = seed ^ ((uint64_t)(uintptr_t)owner * mul) ^ len;
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        h = (h ^ w) * mul;
        h ^= h >> 29;
        i += 8;
    }
    uint64_t tail = 0;
    memcpy(&tail, s + i, len - i);
    h = (h ^ tail) * mul;
    h ^= h >> 32;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 31;
    return h;
}

static slot *table_lookup(const table *t, uint64_t hash, const void *owner, const char *key,
                          size_t len)
{
    size_t mask = t->cap - 1;
    for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
        slot *s = &t->slots[i];
        if (!s->value)
            return s;
        if (s->hash == hash && s->owner == owner && s->len == len && memcmp(s->key, key, len) == 0)
            return s;
    }
}

/* Makes room for one more entry; -1 when out of memory. The old slot array
 * stays in the scratch arena: growth by doubling bounds the waste. */
static int table_reserve(arena *scratch, table *t)
{
    if (t->cap && (t->count + 1) * 2 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap * 2 : 64;
    if (cap < t->cap)
        return -1;
    slot *slots = arena_array(scratch, cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t i = 0; i < t->cap; i++) {
        const slot *old = &t->slots[i];
        if (!old->value)
            continue;
        size_t j = (size_t)old->hash & (cap - 1);
        while (slots[j].value)
            j = (j + 1) & (cap - 1);
        slots[j] = *old;
    }
    t->slots = slots;
    t->cap = cap;
    return 0;
}

/* ---------------------------------------------------------------- reader */

/* Input pulled through a callback (yreader_new_fn). libyaml asks for bytes
 * as it needs them and reports encoding errors as an offset into the whole
 * input; a window of the most recent input, starting at a line start, lets
 * us turn such an offset into a line and column without keeping the input.
 * libyaml's undecoded bytes never exceed its raw buffer, so the window keeps
 * at least WINDOW_KEEP bytes of the newest input. */
#define WINDOW_KEEP ((size_t)64 * 1024)

typedef struct pull {
    pacta_read_fn read;
    void *ctx;
    int started;          /* the byte order mark has been looked for */
    int failed;           /* the callback failed */
    int too_big;          /* a document outgrew max_input_bytes */
    size_t delivered;     /* bytes handed to libyaml so far */
    size_t doc_start;     /* the offset where the current document started */
    char *window;         /* input from window_offset on; window[0] starts a line */
    size_t window_len, window_cap;
    size_t window_offset;
    size_t window_lines;  /* line breaks before window_offset */
} pull;

struct yreader {
    arena *own; /* the reader, its name */
    pacta_allocator alloc;
    const char *name;
    const char *data; /* after a UTF-8 byte order mark, if any; NULL when pulling */
    size_t len;
    pull *pull;       /* non-NULL: input comes through a callback */
    size_t max_input_bytes;
    unsigned line_base; /* lines before the input (yreader_set_first_line) */
    size_t max_depth; /* size_t: compared with depths that include alias heights */
    size_t max_string_bytes;
    size_t max_alias_nodes;
    uint64_t seed;
    yaml_parser_t parser;
    int parser_ready;
    /* PACTA_OK while documents remain, PACTA_DONE at the end, or the error
     * that stopped the reader, repeated by every later call */
    pacta_status state;
    pacta_error failure;
};

typedef struct anchor {
    ynode *node;
    size_t weight;   /* nodes in the subtree, counting what its aliases reach */
    size_t height;   /* collection levels in the subtree, 0 for a scalar */
    int complete;    /* 0 while the node is still being built */
} anchor;

typedef struct frame {
    ynode *node;
    ynode **items;
    size_t count;
    size_t cap;
    size_t weight;
    size_t height;
    anchor *anchor;
} frame;

/* One document being built. */
typedef struct builder {
    yreader *r;
    arena *ar;      /* the caller's: nodes */
    arena *scratch; /* ours: everything else */
    frame *frames;
    size_t depth;
    size_t frames_cap;
    table keys;
    table anchors;
    size_t alias_total;
    ynode *root;
    int finished;
} builder;

static unsigned position(size_t zero_based)
{
    return zero_based >= UINT_MAX ? UINT_MAX : (unsigned)zero_based + 1;
}

/* The line number of a 0-based line of the input. */
static unsigned line_at(const yreader *r, size_t zero_based)
{
    unsigned line = position(zero_based);
    return line > UINT_MAX - r->line_base ? UINT_MAX : line + r->line_base;
}

static void offset_position(const char *data, size_t len, size_t offset, unsigned *line,
                            unsigned *column);

static size_t add_saturating(size_t a, size_t b)
{
    return a > SIZE_MAX - b ? SIZE_MAX : a + b;
}

/* Records the error that stops the reader for good. The buffer is larger
 * than the message field so that error_set does the truncating, at a
 * character boundary. */
static pacta_status vfail(yreader *r, pacta_status status, unsigned line, unsigned column,
                          const char *fmt, va_list ap)
{
    char message[2 * PACTA_ERROR_MESSAGE_MAX];
    if (vsnprintf(message, sizeof message, fmt, ap) < 0)
        message[0] = '\0';
    error_set(&r->failure, status, r->name, line, column, "%s", message);
    r->state = status;
    return status;
}

static pacta_status fail(yreader *r, pacta_status status, unsigned line, unsigned column,
                         const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static pacta_status fail(yreader *r, pacta_status status, unsigned line, unsigned column,
                         const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    pacta_status st = vfail(r, status, line, column, fmt, ap);
    va_end(ap);
    return st;
}

/* The same at a libyaml mark (0-based). */
static pacta_status fail_at(yreader *r, pacta_status status, yaml_mark_t mark, const char *fmt,
                            ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static pacta_status fail_at(yreader *r, pacta_status status, yaml_mark_t mark, const char *fmt,
                            ...)
{
    va_list ap;
    unsigned line = line_at(r, mark.line), column = position(mark.column);
    /* libyaml ends the stream on a line of its own even when the input does
     * not end with a line break: point at the end of the last line instead */
    if (r->data && mark.column == 0 && mark.line > 0) {
        unsigned end_line, end_column;
        offset_position(r->data, r->len, r->len, &end_line, &end_column);
        if (position(mark.line) == end_line + 1) {
            line = line_at(r, (size_t)end_line - 1);
            column = end_column;
        }
    }
    va_start(ap, fmt);
    pacta_status st = vfail(r, status, line, column, fmt, ap);
    va_end(ap);
    return st;
}

static pacta_status out_of_memory(yreader *r, yaml_mark_t mark)
{
    return fail_at(r, PACTA_ENOMEM, mark, "out of memory");
}

/* Names and keys quoted in messages are cut short: the message buffer is
 * finite and a 1 MiB key helps nobody. */
#define QUOTE_MAX 60
#define QUOTE_FMT "'%.*s%s'"
#define QUOTE_ARGS(s, len) \
    (int)((len) > QUOTE_MAX ? QUOTE_MAX : (len)), (s), ((len) > QUOTE_MAX ? "..." : "")

yreader *yreader_new(const char *name, const char *data, size_t len, const pacta_options *opts)
{
    if (!opts || (!data && len > 0))
        return NULL;
    arena *own = arena_new(&opts->allocator);
    if (!own)
        return NULL;
    yreader *r = arena_alloc(own, sizeof *r);
    if (!r || !(r->name = arena_strdup(own, name ? name : ""))) {
        arena_free(own);
        return NULL;
    }
    r->own = own;
    r->alloc = *arena_allocator(own);
    r->max_depth = opts->max_depth;
    r->max_string_bytes = opts->max_string_bytes;
    r->max_alias_nodes = opts->max_alias_nodes;
    r->max_input_bytes = opts->max_input_bytes;
    r->seed = (uint64_t)(uintptr_t)r * 0x9E3779B97F4A7C15u ^ len;
    r->state = PACTA_OK;
    error_clear(&r->failure);

    if (len > opts->max_input_bytes) {
        fail(r, PACTA_ELIMIT, 1, 1, "input of %zu bytes exceeds the limit of %zu bytes", len,
             opts->max_input_bytes);
        return r;
    }
    /* pacta reads UTF-8 only. libyaml would take a UTF-16 byte order mark
     * as a switch to UTF-16; forcing UTF-8 makes such input an error, and
     * skipping a UTF-8 mark ourselves keeps it out of column numbers. */
    r->data = data ? data : "";
    r->len = len;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
        r->data += 3;
        r->len -= 3;
    }
    if (!yaml_parser_initialize(&r->parser)) {
        arena_free(own);
        return NULL;
    }
    r->parser_ready = 1;
    yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input_string(&r->parser, (const unsigned char *)r->data, r->len);
    return r;
}

/* Appends what libyaml was given to the window, and drops whole lines from
 * its front while it holds more than twice WINDOW_KEEP. */

static int window_append(yreader *r, const unsigned char *data, size_t len)
{
    pull *p = r->pull;
    if (len == 0)
        return 0; /* the window may not exist yet, and nothing is to be kept */
    if (p->window_len + len > p->window_cap) {
        size_t cap = p->window_cap ? p->window_cap : 2 * WINDOW_KEEP;
        while (cap < p->window_len + len)
            cap *= 2;
        char *grown = r->alloc.realloc_fn
                          ? r->alloc.realloc_fn(r->alloc.ctx, p->window, cap)
                          : r->alloc.malloc_fn(r->alloc.ctx, cap);
        if (!grown)
            return -1;
        if (!r->alloc.realloc_fn && p->window) {
            memcpy(grown, p->window, p->window_len);
            r->alloc.free_fn(r->alloc.ctx, p->window);
        }
        p->window = grown;
        p->window_cap = cap;
    }
    memcpy(p->window + p->window_len, data, len);
    p->window_len += len;
    if (p->window_len <= 2 * WINDOW_KEEP)
        return 0;
    /* cut just after the last line feed before the bytes we must keep: a
     * line feed ends every kind of line break that contains one, and never
     * stands inside a multi-byte character */
    size_t cut = p->window_len - WINDOW_KEEP;
    while (cut > 0 && p->window[cut - 1] != '\n')
        cut--;
    if (cut == 0)
        return 0; /* one long line: keep it (a document is bounded anyway) */
    unsigned lines, ignored;
    offset_position(p->window, cut, cut, &lines, &ignored);
    p->window_lines += lines - 1;
    p->window_offset += cut;
    memmove(p->window, p->window + cut, p->window_len - cut);
    p->window_len -= cut;
    return 0;
}

/* libyaml's read handler: fills buffer from the caller's callback. */
static int pull_input(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
    yreader *r = data;
    pull *p = r->pull;
    size_t got = 0;
    *size_read = 0;
    if (p->failed || p->too_big)
        return 0;
    if (p->delivered - p->doc_start > r->max_input_bytes + WINDOW_KEEP) {
        p->too_big = 1;
        return 0;
    }
    /* a UTF-8 byte order mark is not part of the text (as in yreader_new) */
    while (!p->started && got < 3) {
        size_t n = 0;
        if (p->read(p->ctx, (char *)buffer + got, size - got < 3 - got ? size - got : 3 - got, &n) != 0) {
            p->failed = 1;
            return 0;
        }
        if (n == 0)
            break;
        got += n;
    }
    if (!p->started) {
        p->started = 1;
        if (got == 3 && memcmp(buffer, "\xEF\xBB\xBF", 3) == 0)
            got = 0;
    }
    if (got == 0 && p->read(p->ctx, (char *)buffer, size, &got) != 0) {
        p->failed = 1;
        return 0;
    }
    if (got > size || window_append(r, buffer, got) != 0) {
        p->failed = 1;
        return 0;
    }
    p->delivered += got;
    *size_read = got;
    return 1;
}

yreader *yreader_new_fn(const char *name, pacta_read_fn read, void *ctx, const pacta_options *opts)
{
    if (!read)
        return NULL;
    yreader *r = yreader_new(name, NULL, 0, opts);
    if (!r)
        return NULL;
    r->pull = arena_alloc(r->own, sizeof *r->pull);
    if (!r->pull) {
        yreader_free(r);
        return NULL;
    }
    r->pull->read = read;
    r->pull->ctx = ctx;
    r->data = NULL;
    yaml_parser_delete(&r->parser);
    if (!yaml_parser_initialize(&r->parser)) {
        r->parser_ready = 0;
        yreader_free(r);
        return NULL;
    }
    yaml_parser_set_encoding(&r->parser, YAML_UTF8_ENCODING);
    yaml_parser_set_input(&r->parser, pull_input, r);
    return r;
}

void yreader_set_first_line(yreader *r, unsigned first_line)
{
    if (r)
        r->line_base = first_line > 0 ? first_line - 1 : 0;
}

void yreader_free(yreader *r)
{
    if (!r)
        return;
    if (r->parser_ready)
        yaml_parser_delete(&r->parser);
    if (r->pull && r->pull->window)
        r->alloc.free_fn(r->alloc.ctx, r->pull->window);
    arena_free(r->own);
}

/* The line and column of byte offset in the input, counted the way libyaml
 * counts its marks: columns in characters, and CR LF, CR, LF, NEL, LS and PS
 * each one line break. Only used for reader errors, which carry an offset
 * but no mark; the bytes before the offset have been decoded, so they are
 * valid UTF-8. */
static void offset_position(const char *data, size_t len, size_t offset, unsigned *line,
                            unsigned *column)
{
    const unsigned char *s = (const unsigned char *)data;
    size_t lines = 0, columns = 0;
    if (offset > len)
        offset = len;
    for (size_t i = 0; i < offset;) {
        size_t line_break = 0; /* bytes of a line break starting at i */
        if (s[i] == '\r' && i + 1 < offset && s[i + 1] == '\n')
            line_break = 2;
        else if (s[i] == '\n' || s[i] == '\r')
            line_break = 1;
        else if (i + 1 < offset && s[i] == 0xC2 && s[i + 1] == 0x85)
            line_break = 2;
        else if (i + 2 < offset && s[i] == 0xE2 && s[i + 1] == 0x80 &&
                 (s[i + 2] == 0xA8 || s[i + 2] == 0xA9))
            line_break = 3;
        if (line_break) {
            lines++;
            columns = 0;
            i += line_break;
        } else {
            if ((s[i] & 0xC0) != 0x80)
                columns++;
            i++;
        }
    }
    *line = position(lines);
    *column = position(columns);
}

static pacta_status parser_failure(yreader *r)
{
    const yaml_parser_t *p = &r->parser;
    const char *problem = p->problem ? p->problem : "invalid YAML";
    switch (p->error) {
    case YAML_MEMORY_ERROR:
        return fail(r, PACTA_ENOMEM, 0, 0, "out of memory while parsing YAML");
    case YAML_READER_ERROR: {
        unsigned line, column;
        if (r->pull && r->pull->failed)
            return fail(r, PACTA_EIO, 0, 0, "cannot read the input");
        if (r->pull && r->pull->too_big)
            return fail(r, PACTA_ELIMIT, line_at(r, p->mark.line), 1,
                        "a document of more than %zu bytes exceeds the limit",
                        r->max_input_bytes);
        if (r->pull) {
            const pull *w = r->pull;
            size_t at = p->problem_offset > w->window_offset ? p->problem_offset - w->window_offset : 0;
            offset_position(w->window, w->window_len, at, &line, &column);
            line = line_at(r, (size_t)line - 1 + w->window_lines);
        } else {
            offset_position(r->data, r->len, p->problem_offset, &line, &column);
            line = line_at(r, (size_t)line - 1);
        }
        /* libyaml gives the offending octet for UTF-8 errors (or -1 at the
         * end of the input) and the code point for characters YAML forbids */
        if (strstr(problem, "UTF-8")) {
            if (p->problem_value >= 0)
                return fail(r, PACTA_EINPUT, line, column, "%s (byte 0x%02X): input must be UTF-8",
                            problem, (unsigned)p->problem_value);
            return fail(r, PACTA_EINPUT, line, column, "%s: input must be UTF-8", problem);
        }
        if (p->problem_value >= 0)
            return fail(r, PACTA_EINPUT, line, column, "%s (U+%04X)", problem,
                        (unsigned)p->problem_value);
        return fail(r, PACTA_EINPUT, line, column, "%s", problem);
    }
    default:
        if (p->context)
            return fail_at(r, PACTA_EINPUT, p->problem_mark, "%s (%s)", problem, p->context);
        return fail_at(r, PACTA_EINPUT, p->problem_mark, "%s", problem);
    }
}

/* Registers an anchor (a later one of the same name replaces it). */
static anchor *define_anchor(builder *b, const yaml_char_t *name, ynode *node, yaml_mark_t mark)
{
    size_t len = strlen((const char *)name);
    const char *key = arena_strndup(b->scratch, (const char *)name, len);
    anchor *a = arena_alloc(b->scratch, sizeof *a);
    if (!key || !a || table_reserve(b->scratch, &b->anchors) != 0) {
        out_of_memory(b->r, mark);
        return NULL;
    }
    a->node = node;
    uint64_t hash = hash_bytes(b->r->seed, NULL, key, len);
    slot *s = table_lookup(&b->anchors, hash, NULL, key, len);
    if (!s->value)
        b->anchors.count++;
    s->hash = hash;
    s->owner = NULL;
    s->key = key;
    s->len = len;
    s->value = a;
    return a;
}

/* A node may not start where a mapping expects a key unless it is a
 * scalar: pacta's keys are names, and a collection key has no name. */
static pacta_status check_key_kind(builder *b, ynode_kind kind, yaml_mark_t mark)
{
    if (b->depth == 0 || kind == YNODE_SCALAR)
        return PACTA_OK;
    const frame *f = &b->frames[b->depth - 1];
    if (f->node->kind == YNODE_MAP && f->count % 2 == 0)
        return fail_at(b->r, PACTA_EINPUT, mark, "mapping keys must be scalars");
    return PACTA_OK;
}

/* Appends a finished node (or an alias to one) to the open collection, or
 * makes it the root. line/column: where it was written, for errors. */
static pacta_status attach(builder *b, ynode *node, size_t weight, size_t height, yaml_mark_t mark)
{
    if (b->depth == 0) {
        if (!b->root)
            b->root = node;
        return PACTA_OK;
    }
    frame *f = &b->frames[b->depth - 1];
    if (f->node->kind == YNODE_MAP && f->count % 2 == 0) {
        if (node->kind != YNODE_SCALAR)
            return fail_at(b->r, PACTA_EINPUT, mark, "mapping keys must be scalars");
        if (table_reserve(b->scratch, &b->keys) != 0)
            return out_of_memory(b->r, mark);
        uint64_t hash = hash_bytes(b->r->seed, f->node, node->str, node->len);
        slot *s = table_lookup(&b->keys, hash, f->node, node->str, node->len);
        if (s->value)
            return fail_at(b->r, PACTA_EINPUT, mark, "duplicate key " QUOTE_FMT,
                           QUOTE_ARGS(node->str, node->len));
        s->hash = hash;
        s->owner = f->node;
        s->key = node->str;
        s->len = node->len;
        s->value = node;
        b->keys.count++;
    }
    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 4;
        ynode **items = cap > f->cap ? arena_array(b->ar, cap, sizeof *items) : NULL;
        if (!items)
            return out_of_memory(b->r, mark);
        if (f->count)
            memcpy(items, f->items, f->count * sizeof *items);
        f->items = items;
        f->cap = cap;
    }
    f->items[f->count++] = node;
    f->weight = add_saturating(f->weight, weight);
    if (height + 1 > f->height)
        f->height = height + 1;
    return PACTA_OK;
}

static ynode *new_node(builder *b, ynode_kind kind, yaml_mark_t mark)
{
    ynode *n = arena_alloc(b->ar, sizeof *n);
    if (!n)
        return NULL;
    n->kind = kind;
    n->line = line_at(b->r, mark.line);
    n->column = position(mark.column);
    return n;
}

static pacta_status on_scalar(builder *b, const yaml_event_t *ev)
{
    yreader *r = b->r;
    size_t len = ev->data.scalar.length;
    if (len > r->max_string_bytes)
        return fail_at(r, PACTA_ELIMIT, ev->start_mark,
                       "scalar of %zu bytes exceeds the limit of %zu bytes", len,
                       r->max_string_bytes);
    ynode *n = new_node(b, YNODE_SCALAR, ev->start_mark);
    if (!n || !(n->str = arena_strndup(b->ar, (const char *)ev->data.scalar.value, len)))
        return out_of_memory(r, ev->start_mark);
    n->len = len;
    n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
    if (ev->data.scalar.anchor) {
        anchor *a = define_anchor(b, ev->data.scalar.anchor, n, ev->start_mark);
        if (!a)
            return r->state;
        a->weight = 1;
        a->height = 0;
        a->complete = 1;
    }
    return attach(b, n, 1, 0, ev->start_mark);
}

static pacta_status on_alias(builder *b, const yaml_event_t *ev)
{
    yreader *r = b->r;
    const char *name = (const char *)ev->data.alias.anchor;
    size_t len = strlen(name);
    const slot *s = NULL;
    if (b->anchors.cap)
        s = table_lookup(&b->anchors, hash_bytes(r->seed, NULL, name, len), NULL, name, len);
    if (!s || !s->value)
        return fail_at(r, PACTA_EINPUT, ev->start_mark, "undefined alias " QUOTE_FMT,
                       QUOTE_ARGS(name, len));
    const anchor *a = s->value;
    if (!a->complete)
        return fail_at(r, PACTA_EINPUT, ev->start_mark,
                       "alias " QUOTE_FMT " refers to a node that contains it",
                       QUOTE_ARGS(name, len));
    if (b->depth + a->height > r->max_depth)
        return fail_at(r, PACTA_ELIMIT, ev->start_mark,
                       "alias " QUOTE_FMT " nests deeper than %zu levels", QUOTE_ARGS(name, len),
                       r->max_depth);
    b->alias_total = add_saturating(b->alias_total, a->weight);
    if (b->alias_total > r->max_alias_nodes)
        return fail_at(r, PACTA_ELIMIT, ev->start_mark,
                       "too many nodes through aliases (limit %zu)", r->max_alias_nodes);
    pacta_status st = check_key_kind(b, a->node->kind, ev->start_mark);
    if (st != PACTA_OK)
        return st;
    return attach(b, a->node, a->weight, a->height, ev->start_mark);
}

static pacta_status on_collection_start(builder *b, const yaml_event_t *ev, ynode_kind kind,
                                        const yaml_char_t *anchor_name)
{
    yreader *r = b->r;
    pacta_status st = check_key_kind(b, kind, ev->start_mark);
    if (st != PACTA_OK)
        return st;
    if (b->depth + 1 > r->max_depth)
        return fail_at(r, PACTA_ELIMIT, ev->start_mark, "nesting deeper than %zu levels",
                       r->max_depth);
    if (b->depth == b->frames_cap) {
        size_t cap = b->frames_cap ? b->frames_cap * 2 : 16;
        frame *frames = arena_array(b->scratch, cap, sizeof *frames);
        if (!frames)
            return out_of_memory(r, ev->start_mark);
        if (b->depth)
            memcpy(frames, b->frames, b->depth * sizeof *frames);
        b->frames = frames;
        b->frames_cap = cap;
    }
    ynode *n = new_node(b, kind, ev->start_mark);
    if (!n)
        return out_of_memory(r, ev->start_mark);
    frame *f = &b->frames[b->depth++];
    memset(f, 0, sizeof *f);
    f->node = n;
    f->weight = 1;
    f->height = 1;
    if (anchor_name) {
        f->anchor = define_anchor(b, anchor_name, n, ev->start_mark);
        if (!f->anchor)
            return r->state;
    }
    return PACTA_OK;
}

static pacta_status on_collection_end(builder *b, const yaml_event_t *ev)
{
    if (b->depth == 0) /* libyaml pairs starts and ends; never trust it blindly */
        return fail_at(b->r, PACTA_EINPUT, ev->start_mark, "unbalanced YAML events");
    frame f = b->frames[--b->depth];
    ynode *n = f.node;
    n->items = f.items;
    n->count = n->kind == YNODE_MAP ? f.count / 2 : f.count;
    if (f.anchor) {
        f.anchor->weight = f.weight;
        f.anchor->height = f.height;
        f.anchor->complete = 1;
    }
    /* errors about the node as a whole point at its start */
    yaml_mark_t start = ev->start_mark;
    start.line = n->line - 1 - b->r->line_base;
    start.column = n->column - 1;
    return attach(b, n, f.weight, f.height, start);
}

static pacta_status on_document_start(builder *b, const yaml_event_t *ev)
{
    if (b->r->pull)
        b->r->pull->doc_start = b->r->parser.offset;
    b->scratch = arena_new(&b->r->alloc);
    if (!b->scratch)
        return out_of_memory(b->r, ev->start_mark);
    return PACTA_OK;
}

static pacta_status on_document_end(builder *b, const yaml_event_t *ev)
{
    if (b->r->pull)
        b->r->pull->doc_start = b->r->parser.offset;
    if (!b->root) {
        /* libyaml emits an empty scalar for "---" alone, but do not rely on it */
        b->root = new_node(b, YNODE_SCALAR, ev->start_mark);
        if (!b->root || !(b->root->str = arena_strdup(b->ar, "")))
            return out_of_memory(b->r, ev->start_mark);
        b->root->plain = 1;
    }
    b->finished = 1;
    return PACTA_OK;
}

static pacta_status on_event(builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_STREAM_START_EVENT:
        return PACTA_OK;
    case YAML_NO_EVENT:
    case YAML_STREAM_END_EVENT:
        return PACTA_DONE;
    case YAML_DOCUMENT_START_EVENT:
        return on_document_start(b, ev);
    case YAML_DOCUMENT_END_EVENT:
        return on_document_end(b, ev);
    case YAML_ALIAS_EVENT:
        return on_alias(b, ev);
    case YAML_SCALAR_EVENT:
        return on_scalar(b, ev);
    case YAML_SEQUENCE_START_EVENT:
        return on_collection_start(b, ev, YNODE_SEQ, ev->data.sequence_start.anchor);
    case YAML_MAPPING_START_EVENT:
        return on_collection_start(b, ev, YNODE_MAP, ev->data.mapping_start.anchor);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return on_collection_end(b, ev);
    }
    return PACTA_OK;
}

static pacta_status read_document(builder *b)
{
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&b->r->parser, &ev))
            return parser_failure(b->r);
        pacta_status st = on_event(b, &ev);
        yaml_event_delete(&ev);
        if (st != PACTA_OK)
            return st;
        if (b->finished)
            return PACTA_OK;
    }
}

pacta_status yreader_next(yreader *r, arena *ar, ynode **root, pacta_error *err)
{
    if (root)
        *root = NULL;
    if (!r || !ar || !root)
        return error_set(err, PACTA_EUSAGE, r ? r->name : "", 0, 0,
                         "yreader_next needs a reader, an arena and a root pointer");
    if (r->state == PACTA_OK) {
        builder b;
        memset(&b, 0, sizeof b);
        b.r = r;
        b.ar = ar;
        pacta_status st = read_document(&b);
        arena_free(b.scratch);
        if (st == PACTA_OK) {
            *root = b.root;
            return PACTA_OK;
        }
        if (st == PACTA_DONE)
            r->state = PACTA_DONE;
    }
    if (r->state == PACTA_DONE)
        return PACTA_DONE;
    if (err)
        *err = r->failure;
    return r->state;
}

/* --------------------------------------------------------------- lookups */

const ynode *ymap_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP || !key)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i < map->count; i++) {
        const ynode *k = ymap_key(map, i);
        if (k->kind == YNODE_SCALAR && k->len == len && memcmp(k->str, key, len) == 0)
            return ymap_value(map, i);
    }
    return NULL;
}

int yscalar_is(const ynode *n, const char *s)
{
    if (!n || n->kind != YNODE_SCALAR || !s)
        return 0;
    size_t len = strlen(s);
    return n->len == len && memcmp(n->str, s, len) == 0;
}
