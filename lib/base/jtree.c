/*
 * jtree.c: a JSON text as a ynode tree (jtree.h).
 *
 * json-c does the parsing: syntax, escapes, UTF-8, numbers, nesting depth.
 * It keeps no positions, and it keeps one value for a repeated key where
 * the YAML reader reports the repetition, so a second pass walks the text
 * (which json-c has just accepted, so only its token boundaries matter)
 * alongside the parsed value: each node gets the line and column of its
 * first character, and each key is compared with the key json-c kept at
 * the same place, which is how a repeated key shows itself.
 */
#include "base/jtree.h"

#include <json-c/json.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"

#define QUOTE_MAX 60
#define QUOTE_FMT "'%.*s%s'"
#define QUOTE_ARGS(s, len) \
    (int)((len) > QUOTE_MAX ? QUOTE_MAX : (len)), (s), ((len) > QUOTE_MAX ? "..." : "")

/* A place in the text, with its line and its column in characters. */
typedef struct cursor {
    const char *p, *end;
    unsigned line, column;
} cursor;

typedef struct walk {
    const char *name;
    const pacta_options *opts;
    arena *ar;
    pacta_error *err;
} walk;

/* Moves n bytes on, none of them a line break, counting characters: every
 * byte but a UTF-8 continuation byte starts one. Eight bytes of ASCII, the
 * common case, are eight characters at once: this walk runs over every
 * byte of every line of a batch. */
static void advance(cursor *c, size_t n)
{
    const unsigned char *p = (const unsigned char *)c->p;
    unsigned chars = 0;
    size_t i = 0;
    if (n > (size_t)(c->end - c->p))
        n = (size_t)(c->end - c->p);
    for (; i + 8 <= n; i += 8) {
        uint64_t word;
        memcpy(&word, p + i, sizeof word);
        if ((word & UINT64_C(0x8080808080808080)) != 0)
            break;
        chars += 8;
    }
    for (; i < n; i++)
        chars += (p[i] & 0xC0) != 0x80;
    c->p += n;
    c->column += chars;
}

/* Blanks may hold line breaks (a JSON text cut from a larger input). */
static void skip_blanks(cursor *c)
{
    while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\r' || *c->p == '\n')) {
        if (*c->p == '\n') {
            c->line++;
            c->column = 0;
        }
        c->p++;
        c->column++;
    }
}

/* Past a string token that starts at c->p; *raw and *raw_len: its bytes
 * between the quotes, escapes undecoded; *escaped when it has any. json-c
 * has accepted the text, so the closing quote is there. */
static void skip_string(cursor *c, const char **raw, size_t *raw_len, int *escaped)
{
    const char *q = c->p + 1;
    *escaped = 0;
    /* the first quote not escaped: memchr finds candidates, an odd run of
     * backslashes before one escapes it */
    for (;;) {
        const char *quote = q < c->end ? memchr(q, '"', (size_t)(c->end - q)) : NULL;
        if (!quote) {
            q = c->end;
            break;
        }
        if (!*escaped && memchr(q, '\\', (size_t)(quote - q)))
            *escaped = 1;
        size_t slashes = 0;
        while (quote - slashes > c->p + 1 && quote[-1 - (ptrdiff_t)slashes] == '\\')
            slashes++;
        q = quote;
        if (slashes % 2 == 0)
            break;
        q++;
    }
    if (q > c->end)
        q = c->end;
    *raw = c->p + 1;
    *raw_len = (size_t)(q - *raw);
    advance(c, (size_t)(q - c->p) + 1);
}

/* The length of a number or literal token at c->p. */
static size_t token_length(const cursor *c)
{
    const char *q = c->p;
    while (q < c->end) {
        char ch = *q;
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || ch == '-' || ch == '+' ||
              ch == '.' || ch == 'E'))
            break;
        q++;
    }
    return (size_t)(q - c->p);
}

static pacta_status fail(const walk *w, pacta_status status, const cursor *at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static pacta_status fail(const walk *w, pacta_status status, const cursor *at, const char *fmt, ...)
{
    char message[PACTA_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return error_set(w->err, status, w->name, at->line, at->column, "%s", message);
}

static ynode *new_node(const walk *w, ynode_kind kind, const cursor *at)
{
    ynode *n = arena_alloc(w->ar, sizeof *n); /* zeroed */
    if (n) {
        n->kind = kind;
        n->line = at->line;
        n->column = at->column;
    }
    return n;
}

static pacta_status value(const walk *w, cursor *c, struct json_object *obj, ynode **out);

/* Whether the key as written differs from the key json-c kept at its place
 * (decoded by json-c on its own when it has escapes). */
static pacta_status key_differs(const walk *w, const cursor *at, const char *kept,
                                const char *raw, size_t raw_len, int escaped, int *differs)
{
    *differs = 0;
    if (!escaped) {
        *differs = strlen(kept) != raw_len || memcmp(kept, raw, raw_len) != 0;
        return PACTA_OK;
    }
    /* rare: decode the key token on its own */
    json_tokener *tok = json_tokener_new();
    if (!tok)
        return fail(w, PACTA_ENOMEM, at, "out of memory");
    struct json_object *s = json_tokener_parse_ex(tok, raw - 1, (int)raw_len + 2);
    *differs = !s || strcmp(json_object_get_string(s), kept) != 0;
    json_object_put(s);
    json_tokener_free(tok);
    return PACTA_OK;
}

static pacta_status mapping(const walk *w, cursor *c, struct json_object *obj, ynode *n)
{
    size_t count = (size_t)json_object_object_length(obj);
    n->items = arena_array(w->ar, count ? 2 * count : 1, sizeof *n->items);
    if (!n->items)
        return fail(w, PACTA_ENOMEM, c, "out of memory");
    struct json_object_iterator it = json_object_iter_begin(obj);
    struct json_object_iterator end = json_object_iter_end(obj);
    advance(c, 1); /* '{' */
    for (;;) {
        skip_blanks(c);
        if (c->p >= c->end || *c->p == '}')
            break;
        if (*c->p == ',') {
            advance(c, 1);
            skip_blanks(c);
        }
        cursor at = *c;
        const char *raw;
        size_t raw_len;
        int escaped, differs = 1;
        skip_string(c, &raw, &raw_len, &escaped);
        if (!json_object_iter_equal(&it, &end)) {
            pacta_status st = key_differs(w, &at, json_object_iter_peek_name(&it), raw, raw_len,
                                          escaped, &differs);
            if (st != PACTA_OK)
                return st;
        }
        if (differs)
            return fail(w, PACTA_EINPUT, &at, "duplicate key " QUOTE_FMT, QUOTE_ARGS(raw, raw_len));
        ynode *key = new_node(w, YNODE_SCALAR, &at);
        const char *name = json_object_iter_peek_name(&it);
        if (!key || !(key->str = arena_strdup(w->ar, name)))
            return fail(w, PACTA_ENOMEM, &at, "out of memory");
        key->len = strlen(name);
        skip_blanks(c);
        advance(c, 1); /* ':' */
        ynode *val;
        pacta_status st = value(w, c, json_object_iter_peek_value(&it), &val);
        if (st != PACTA_OK)
            return st;
        n->items[2 * n->count] = key;
        n->items[2 * n->count + 1] = val;
        n->count++;
        json_object_iter_next(&it);
    }
    advance(c, 1); /* '}' */
    return PACTA_OK;
}

static pacta_status sequence(const walk *w, cursor *c, struct json_object *obj, ynode *n)
{
    size_t count = json_object_array_length(obj);
    n->items = arena_array(w->ar, count ? count : 1, sizeof *n->items);
    if (!n->items)
        return fail(w, PACTA_ENOMEM, c, "out of memory");
    advance(c, 1); /* '[' */
    for (size_t i = 0; i < count; i++) {
        skip_blanks(c);
        if (i > 0) {
            advance(c, 1); /* ',' */
            skip_blanks(c);
        }
        pacta_status st = value(w, c, json_object_array_get_idx(obj, i), &n->items[i]);
        if (st != PACTA_OK)
            return st;
        n->count++;
    }
    skip_blanks(c);
    advance(c, 1); /* ']' */
    return PACTA_OK;
}

static pacta_status value(const walk *w, cursor *c, struct json_object *obj, ynode **out)
{
    skip_blanks(c);
    cursor at = *c;
    json_type type = json_object_get_type(obj);
    ynode *n = new_node(w, type == json_type_object ? YNODE_MAP
                           : type == json_type_array ? YNODE_SEQ
                                                     : YNODE_SCALAR, &at);
    if (!n)
        return fail(w, PACTA_ENOMEM, &at, "out of memory");
    *out = n;
    if (type == json_type_object)
        return mapping(w, c, obj, n);
    if (type == json_type_array)
        return sequence(w, c, obj, n);
    if (type == json_type_string) {
        const char *raw;
        size_t raw_len;
        int escaped;
        skip_string(c, &raw, &raw_len, &escaped);
        n->len = (size_t)json_object_get_string_len(obj);
        if (n->len > w->opts->max_string_bytes)
            return fail(w, PACTA_ELIMIT, &at, "scalar of %zu bytes exceeds the limit of %zu bytes",
                        n->len, w->opts->max_string_bytes);
        n->str = arena_strndup(w->ar, json_object_get_string(obj), n->len);
    } else {
        /* a number, true, false or null: spelled as written */
        n->len = token_length(c);
        n->plain = 1;
        n->str = arena_strndup(w->ar, c->p, n->len);
        advance(c, n->len);
    }
    return n->str ? PACTA_OK : fail(w, PACTA_ENOMEM, &at, "out of memory");
}

/* The cursor at byte offset of data, for errors json-c reports by offset. */
static cursor cursor_at(const char *data, size_t len, size_t offset, unsigned first_line)
{
    cursor c = {data, data + len, first_line, 1};
    const char *at = data + (offset < len ? offset : len);
    for (const char *nl; (nl = memchr(c.p, '\n', (size_t)(at - c.p))) != NULL; c.p = nl + 1) {
        c.line++;
        c.column = 1;
    }
    advance(&c, (size_t)(at - c.p));
    return c;
}

/* json-c allocates its tokener and values with malloc; only the wrapper
 * comes from the caller's allocator. */
struct jtree_parser {
    pacta_allocator alloc;
    json_tokener *tok;
};

static void *plain_malloc(void *ctx, size_t size)
{
    (void)ctx;
    return malloc(size);
}

static void plain_free(void *ctx, void *ptr)
{
    (void)ctx;
    free(ptr);
}

jtree_parser *jtree_parser_new(const pacta_options *opts)
{
    pacta_allocator plain = {plain_malloc, NULL, plain_free, NULL};
    const pacta_allocator *a =
        opts->allocator.malloc_fn && opts->allocator.free_fn ? &opts->allocator : &plain;
    jtree_parser *p = a->malloc_fn(a->ctx, sizeof *p);
    if (!p)
        return NULL;
    p->alloc = *a;
    p->tok = json_tokener_new_ex((int)opts->max_depth);
    if (!p->tok) {
        a->free_fn(a->ctx, p);
        return NULL;
    }
    json_tokener_set_flags(p->tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
    return p;
}

void jtree_parser_free(jtree_parser *p)
{
    if (!p)
        return;
    json_tokener_free(p->tok);
    p->alloc.free_fn(p->alloc.ctx, p);
}

pacta_status jtree_parse(const char *name, unsigned first_line, const char *data, size_t len,
                         const pacta_options *opts, arena *ar, ynode **root, pacta_error *err)
{
    return jtree_parse_with(NULL, name, first_line, data, len, opts, ar, root, err);
}

pacta_status jtree_parse_with(jtree_parser *parser, const char *name, unsigned first_line,
                              const char *data, size_t len, const pacta_options *opts, arena *ar,
                              ynode **root, pacta_error *err)
{
    walk w = {name, opts, ar, err};
    cursor start = {data, data + len, first_line, 1};
    *root = NULL;
    if (len > opts->max_input_bytes || len > INT_MAX)
        return fail(&w, PACTA_ELIMIT, &start, "input of %zu bytes exceeds the limit of %zu bytes",
                    len, opts->max_input_bytes);
    jtree_parser *own = parser ? NULL : jtree_parser_new(opts);
    if (!parser && !(parser = own))
        return fail(&w, PACTA_ENOMEM, &start, "out of memory");
    json_tokener *tok = parser->tok;
    json_tokener_reset(tok);
    struct json_object *obj = json_tokener_parse_ex(tok, data, (int)len);
    enum json_tokener_error jerr = json_tokener_get_error(tok);
    size_t end = json_tokener_get_parse_end(tok);
    pacta_status st = PACTA_OK;
    if (jerr == json_tokener_continue) {
        cursor at = cursor_at(data, len, len, first_line);
        st = fail(&w, PACTA_EINPUT, &at, "the JSON value is not complete at the end of the line");
    } else if (jerr == json_tokener_error_depth) {
        cursor at = cursor_at(data, len, end, first_line);
        st = fail(&w, PACTA_ELIMIT, &at, "nesting deeper than %u levels", opts->max_depth);
    } else if (jerr != json_tokener_success) {
        cursor at = cursor_at(data, len, end, first_line);
        st = fail(&w, PACTA_EINPUT, &at, "invalid JSON: %s", json_tokener_error_desc(jerr));
    } else {
        size_t after = end;
        while (after < len && (data[after] == ' ' || data[after] == '\t' || data[after] == '\r' ||
                               data[after] == '\n'))
            after++;
        if (after < len) { /* positions are counted only for the error */
            cursor rest = cursor_at(data, len, after, first_line);
            st = fail(&w, PACTA_EINPUT, &rest, "text after the JSON value");
        }
    }
    if (st == PACTA_OK) {
        cursor c = start;
        st = value(&w, &c, obj, root);
    }
    json_object_put(obj);
    jtree_parser_free(own);
    return st;
}
