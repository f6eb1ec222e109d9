/*
 * writer.c: buffered output with sticky errors, JSON string escaping,
 * terminal-safe text, and the layouts on top of them: JSON objects member
 * by member and text wrapped for people. See writer.h for the contract.
 */
#include "base/writer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REPLACEMENT "\xEF\xBF\xBD" /* U+FFFD in UTF-8 */

void writer_init(writer *w, pacta_write_fn fn, void *ctx, const pacta_allocator *alloc)
{
    w->fn = fn;
    w->ctx = ctx;
    w->alloc = alloc;
    w->status = fn ? PACTA_OK : PACTA_EUSAGE;
    w->len = 0;
}

static void flush(writer *w)
{
    if (w->status == PACTA_OK && w->len > 0 && w->fn(w->ctx, w->buf, w->len) != 0)
        w->status = PACTA_EIO;
    w->len = 0;
}

pacta_status writer_finish(writer *w)
{
    flush(w);
    return w->status;
}

void writer_bytes(writer *w, const char *data, size_t len)
{
    if (w->status != PACTA_OK || len == 0)
        return;
    if (len > sizeof w->buf - w->len) {
        flush(w);
        if (len >= sizeof w->buf) { /* too big to batch: hand it over directly */
            if (w->status == PACTA_OK && w->fn(w->ctx, data, len) != 0)
                w->status = PACTA_EIO;
            return;
        }
    }
    memcpy(w->buf + w->len, data, len);
    w->len += len;
}

void writer_str(writer *w, const char *s)
{
    if (s)
        writer_bytes(w, s, strlen(s));
}

void writer_char(writer *w, char c)
{
    if (w->status != PACTA_OK)
        return;
    if (w->len == sizeof w->buf)
        flush(w);
    w->buf[w->len++] = c;
}

static void *writer_malloc(const writer *w, size_t size)
{
    if (w->alloc && w->alloc->malloc_fn)
        return w->alloc->malloc_fn(w->alloc->ctx, size);
    return malloc(size);
}

static void writer_free(const writer *w, void *p)
{
    if (w->alloc && w->alloc->free_fn)
        w->alloc->free_fn(w->alloc->ctx, p);
    else
        free(p);
}

/*
 * Formats straight into the buffer when it fits (the usual case: numbers
 * and short labels); only output longer than the whole buffer needs a
 * temporary allocation.
 */
void writer_printf(writer *w, const char *fmt, ...)
{
    va_list ap;
    if (w->status != PACTA_OK)
        return;
    va_start(ap, fmt);
    int n = vsnprintf(w->buf + w->len, sizeof w->buf - w->len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        w->status = PACTA_EUSAGE;
        return;
    }
    if ((size_t)n < sizeof w->buf - w->len) {
        w->len += (size_t)n;
        return;
    }
    flush(w);
    if (w->status != PACTA_OK)
        return;
    if ((size_t)n < sizeof w->buf) {
        va_start(ap, fmt);
        vsnprintf(w->buf, sizeof w->buf, fmt, ap);
        va_end(ap);
        w->len = (size_t)n;
        return;
    }
    char *tmp = writer_malloc(w, (size_t)n + 1);
    if (!tmp) {
        w->status = PACTA_ENOMEM;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(tmp, (size_t)n + 1, fmt, ap);
    va_end(ap);
    writer_bytes(w, tmp, (size_t)n);
    writer_free(w, tmp);
}

/* ------------------------------------------------------------- UTF-8 */

static int is_cont(unsigned char c)
{
    return c >= 0x80 && c <= 0xBF;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned char b = u[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF; /* valid range of the second byte */

    *cp = UTF8_INVALID;
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF) {
        need = 1;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 2;
        if (b == 0xE0)
            lo = 0xA0; /* overlong */
        else if (b == 0xED)
            hi = 0x9F; /* surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3;
        if (b == 0xF0)
            lo = 0x90; /* overlong */
        else if (b == 0xF4)
            hi = 0x8F; /* above U+10FFFF */
    } else {
        return 1;
    }
    if (len < 2 || u[1] < lo || u[1] > hi)
        return 1;
    uint32_t c = b & (0x3Fu >> need);
    size_t i = 1;
    for (; i <= need; i++) {
        if (i >= len || !is_cont(u[i]))
            return i; /* the maximal subpart seen so far */
        c = (c << 6) | (u[i] & 0x3Fu);
    }
    *cp = c;
    return i;
}

int text_is_space(uint32_t cp)
{
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\v' || cp == '\f';
}

/* ------------------------------------------------------------- JSON */

static int json_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* The length of the longest prefix of s[0..len) that JSON takes as it is,
 * eight bytes at a time: reports are mostly long runs of plain ASCII (rule
 * labels, provision texts, narrative), and a byte-by-byte test made the
 * escaping the largest cost of rendering. A word is plain when none of its
 * bytes is below 0x20, above 0x7F, '"' or '\\' (the classic "has a zero
 * byte" and "has a byte less than n" tests). */
static size_t json_plain_run(const char *s, size_t len)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    size_t i = 0;
    while (i + 8 <= len) {
        uint64_t x;
        memcpy(&x, s + i, 8);
        /* with every byte below 0x80, a subtraction sets a high bit only
         * for a byte it hits, or above one (a borrow): either way the word
         * has a special byte */
        uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
        if ((x | (x - ones * 0x20) | (quote - ones) | (backslash - ones)) & highs)
            break;
        i += 8;
    }
    while (i < len && json_plain((unsigned char)s[i]))
        i++;
    return i;
}

static void json_escape_control(writer *w, unsigned char c)
{
    switch (c) {
    case '\b': writer_bytes(w, "\\b", 2); break;
    case '\f': writer_bytes(w, "\\f", 2); break;
    case '\n': writer_bytes(w, "\\n", 2); break;
    case '\r': writer_bytes(w, "\\r", 2); break;
    case '\t': writer_bytes(w, "\\t", 2); break;
    default: writer_printf(w, "\\u%04x", c); break;
    }
}

/*
 * s[0..len) quoted, then the tail bytes (":" after a key), straight into
 * the buffer, when s needs no escape and all of it fits: the common case
 * (ids, codes, dates), which is most of what a batch writes. Returns 0,
 * writing nothing, when it does not apply.
 */
static int json_quoted_plain(writer *w, const char *s, size_t len, const char *tail,
                             size_t tail_len)
{
    if (w->status != PACTA_OK || len + tail_len + 2 > sizeof w->buf - w->len ||
        json_plain_run(s, len) != len)
        return 0;
    char *out = w->buf + w->len;
    out[0] = '"';
    memcpy(out + 1, s, len);
    out[len + 1] = '"';
    memcpy(out + len + 2, tail, tail_len);
    w->len += len + 2 + tail_len;
    return 1;
}

void writer_json_stringn(writer *w, const char *s, size_t len)
{
    size_t i = 0;
    if (json_quoted_plain(w, s, len, "", 0))
        return;
    writer_char(w, '"');
    while (i < len && w->status == PACTA_OK) {
        size_t run = i + json_plain_run(s + i, len - i);
        writer_bytes(w, s + i, run - i);
        i = run;
        if (i == len)
            break;
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            writer_char(w, '\\');
            writer_char(w, (char)c);
            i++;
        } else if (c < 0x20) {
            json_escape_control(w, c);
            i++;
        } else {
            uint32_t cp;
            size_t n = utf8_decode(s + i, len - i, &cp);
            if (cp == UTF8_INVALID)
                writer_str(w, REPLACEMENT);
            else if (cp == 0x2028 || cp == 0x2029)
                writer_printf(w, "\\u%04x", (unsigned)cp);
            else
                writer_bytes(w, s + i, n);
            i += n;
        }
    }
    writer_char(w, '"');
}

void writer_json_string(writer *w, const char *s)
{
    if (s)
        writer_json_stringn(w, s, strlen(s));
    else
        writer_bytes(w, "null", 4);
}

/* ------------------------------------------------------------- text */

static int is_control(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

void writer_textn(writer *w, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && w->status == PACTA_OK) {
        size_t run = i;
        while (run < len && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F)
            run++;
        writer_bytes(w, s + i, run - i);
        i = run;
        if (i == len)
            break;
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (text_is_space(cp))
            writer_char(w, ' ');
        else if (is_control(cp) || cp == UTF8_INVALID)
            writer_str(w, REPLACEMENT);
        else
            writer_bytes(w, s + i, n);
        i += n;
    }
}

void writer_text(writer *w, const char *s)
{
    if (s)
        writer_textn(w, s, strlen(s));
}

/* ------------------------------------------------------------- HTML */

static const char *html_entity(char c)
{
    switch (c) {
    case '&':
        return "&amp;";
    case '<':
        return "&lt;";
    case '>':
        return "&gt;";
    case '"':
        return "&quot;";
    case '\'':
        return "&#39;";
    default:
        return NULL;
    }
}

void writer_htmln(writer *w, const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && w->status == PACTA_OK) {
        size_t run = i;
        while (run < len && (unsigned char)s[run] >= 0x20 && (unsigned char)s[run] < 0x7F &&
               !html_entity(s[run]))
            run++;
        writer_bytes(w, s + i, run - i);
        i = run;
        if (i == len)
            break;
        const char *entity = html_entity(s[i]);
        if (entity) {
            writer_str(w, entity);
            i++;
            continue;
        }
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        writer_textn(w, s + i, n); /* a control character or a non-ASCII one: as for a terminal */
        i += n;
    }
}

void writer_html(writer *w, const char *s)
{
    if (s)
        writer_htmln(w, s, strlen(s));
}

/* ------------------------------------------------------------- JSON objects */

void json_key(writer *w, int *members, const char *name)
{
    if ((*members)++)
        writer_char(w, ',');
    if (json_quoted_plain(w, name, strlen(name), ":", 1))
        return;
    writer_json_string(w, name);
    writer_char(w, ':');
}

void json_member_string(writer *w, int *members, const char *name, const char *value)
{
    json_key(w, members, name);
    writer_json_string(w, value);
}

void json_member_opt(writer *w, int *members, const char *name, const char *value)
{
    if (value)
        json_member_string(w, members, name, value);
}

void json_member_size(writer *w, int *members, const char *name, size_t value)
{
    json_key(w, members, name);
    writer_printf(w, "%zu", value);
}

void json_member_bool(writer *w, int *members, const char *name, int value)
{
    json_key(w, members, name);
    writer_str(w, value ? "true" : "false");
}

void json_strings(writer *w, size_t count, const char *const *items)
{
    writer_char(w, '[');
    for (size_t i = 0; i < count; i++) {
        if (i)
            writer_char(w, ',');
        writer_json_string(w, items[i]);
    }
    writer_char(w, ']');
}

void json_member_strings(writer *w, int *members, const char *name, size_t count,
                         const char *const *items)
{
    json_key(w, members, name);
    json_strings(w, count, items);
}

/* ------------------------------------------------------------- wrapped text */

#define ELLIPSIS "\xE2\x80\xA6"

size_t text_columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
    }
    return n;
}

size_t text_prefix_bytes(const char *s, size_t max)
{
    size_t len = strlen(s), i = 0;
    for (size_t n = 0; i < len && n < max; n++) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
    }
    return i;
}

void text_spaces(writer *w, size_t n)
{
    while (n--)
        writer_char(w, ' ');
}

/* The next word of s at or after *pos: sets *start and returns its length (0 at the end). */
static size_t next_word(const char *s, size_t len, size_t *pos, size_t *start)
{
    uint32_t cp;
    size_t i = *pos;
    while (i < len) {
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (!text_is_space(cp))
            break;
        i += n;
    }
    *start = i;
    while (i < len) {
        size_t n = utf8_decode(s + i, len - i, &cp);
        if (text_is_space(cp))
            break;
        i += n;
    }
    *pos = i;
    return i - *start;
}

size_t text_wrap_max(writer *w, size_t col, size_t indent, const char *text, size_t max)
{
    size_t len = text ? strlen(text) : 0, pos = 0, start, shown = 0;
    int first = 1;
    size_t n;
    while ((n = next_word(text, len, &pos, &start)) > 0) {
        size_t cols = text_columns(text + start, n);
        if (max && shown + cols > max) {
            writer_str(w, first ? ELLIPSIS : " " ELLIPSIS);
            return col + (first ? 1 : 2);
        }
        if (!first && col + 1 + cols > TEXT_WIDTH && col > indent) {
            writer_char(w, '\n');
            text_spaces(w, indent);
            col = indent;
        } else if (!first) {
            writer_char(w, ' ');
            col++;
        }
        writer_textn(w, text + start, n);
        col += cols;
        shown += cols + !first;
        first = 0;
    }
    return col;
}

size_t text_wrap(writer *w, size_t col, size_t indent, const char *text)
{
    return text_wrap_max(w, col, indent, text, 0);
}

void text_item(writer *w, size_t indent, const char *prefix, const char *text)
{
    if (!prefix)
        prefix = "";
    text_spaces(w, indent);
    writer_text(w, prefix);
    size_t col = indent + text_columns(prefix, strlen(prefix));
    text_wrap(w, col, col, text);
    writer_char(w, '\n');
}

void text_hanging(writer *w, size_t indent, size_t hang, const char *text)
{
    text_spaces(w, indent);
    text_wrap(w, indent, indent + hang, text);
    writer_char(w, '\n');
}
