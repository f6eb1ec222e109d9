/*
 * error.c: filling pacta_error values, formatting them for people, and the
 * "did you mean" suggestions that turn a misspelt key or fact name into a
 * one-line fix. Errors are fixed-size buffers so reporting one never needs
 * memory; long texts are cut at a UTF-8 character boundary so the JSON
 * renderer never meets half a character.
 */
#include "base/error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Length of s[0..len) shortened, if needed, so that it does not end inside a
 * UTF-8 sequence. Only the tail is inspected: the text before it is the
 * caller's and is assumed well-formed. */
static size_t utf8_safe_length(const char *s, size_t len)
{
    size_t start = len;
    /* back up over at most 3 continuation bytes to the lead byte */
    while (start > 0 && len - start < 4 && ((unsigned char)s[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0)
        return len;
    unsigned char lead = (unsigned char)s[start - 1];
    size_t need;
    if (lead < 0x80)
        return len;
    else if ((lead & 0xE0) == 0xC0)
        need = 2;
    else if ((lead & 0xF0) == 0xE0)
        need = 3;
    else if ((lead & 0xF8) == 0xF0)
        need = 4;
    else
        return len; /* not UTF-8 at all: nothing sensible to keep whole */
    size_t have = len - (start - 1);
    return have < need ? start - 1 : len;
}

/* vsnprintf into buf, then trims a character cut in half by truncation. */
static void format_into(char *buf, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(buf, size, fmt, ap);
    if (n < 0) {
        buf[0] = '\0';
        return;
    }
    if ((size_t)n >= size) {
        size_t len = utf8_safe_length(buf, size - 1);
        buf[len] = '\0';
    }
}

static void copy_truncated(char *dst, size_t size, const char *src)
{
    if (!src) {
        dst[0] = '\0';
        return;
    }
    size_t len = strlen(src);
    if (len >= size)
        len = utf8_safe_length(src, size - 1);
    /* memmove: callers may pass err->file back in as the file */
    memmove(dst, src, len);
    dst[len] = '\0';
}

pacta_status error_set(pacta_error *err, pacta_status status, const char *file, unsigned line,
                       unsigned column, const char *fmt, ...)
{
    if (!err)
        return status;
    /* Format first into a local buffer: the arguments may point into *err
     * (re-wrapping an earlier message). */
    char message[PACTA_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    format_into(message, sizeof message, fmt, ap);
    va_end(ap);

    copy_truncated(err->file, sizeof err->file, file);
    memcpy(err->message, message, sizeof message);
    err->status = status;
    err->line = line;
    err->column = column;
    err->hint[0] = '\0';
    return status;
}

void error_hint(pacta_error *err, const char *fmt, ...)
{
    if (!err)
        return;
    char hint[PACTA_ERROR_HINT_MAX];
    va_list ap;
    va_start(ap, fmt);
    format_into(hint, sizeof hint, fmt, ap);
    va_end(ap);
    memcpy(err->hint, hint, sizeof hint);
}

void error_clear(pacta_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->status = PACTA_OK;
}

/* ------------------------------------------------------------ formatting */

/* Appends like snprintf, tracking the full length even once buf is full. */
static void append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static void append(char *buf, size_t size, size_t *pos, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n;
    if (*pos < size)
        n = vsnprintf(buf + *pos, size - *pos, fmt, ap);
    else
        n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0)
        *pos += (size_t)n;
}

size_t pacta_error_format(const pacta_error *err, char *buf, size_t size)
{
    size_t pos = 0;
    if (buf && size > 0)
        buf[0] = '\0';
    else
        size = 0;
    if (!err)
        return 0;
    /* the fields are fixed arrays; never trust them to be terminated */
    const char *file = err->file;
    int file_len = (int)strnlen(file, sizeof err->file);
    int message_len = (int)strnlen(err->message, sizeof err->message);
    int hint_len = (int)strnlen(err->hint, sizeof err->hint);

    if (file_len > 0)
        append(buf, size, &pos, "%.*s:", file_len, file);
    if (err->line > 0) {
        if (err->column > 0)
            append(buf, size, &pos, "%u:%u:", err->line, err->column);
        else
            append(buf, size, &pos, "%u:", err->line);
    }
    if (pos > 0)
        append(buf, size, &pos, " ");
    if (message_len > 0)
        append(buf, size, &pos, "%.*s", message_len, err->message);
    else
        append(buf, size, &pos, "%s", pacta_status_name(err->status));
    if (hint_len > 0)
        append(buf, size, &pos, " (hint: %.*s)", hint_len, err->hint);
    return pos;
}

const char *pacta_status_name(pacta_status status)
{
    switch (status) {
    case PACTA_OK:
        return "ok";
    case PACTA_DONE:
        return "no more documents";
    case PACTA_EINPUT:
        return "malformed input";
    case PACTA_ELIMIT:
        return "limit exceeded";
    case PACTA_ENOMEM:
        return "out of memory";
    case PACTA_EIO:
        return "input/output error";
    case PACTA_EUSAGE:
        return "invalid argument";
    }
    return "unknown status";
}

/* ----------------------------------------------------------- suggestions */

/* Suggestions are for identifiers; longer words are not misspellings worth
 * the quadratic distance computation. */
#define SUGGEST_MAX_LEN 64

static unsigned char fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Optimal-string-alignment distance (Levenshtein plus adjacent
 * transpositions), ignoring ASCII case. Both lengths <= SUGGEST_MAX_LEN. */
static size_t edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
    size_t rows[3][SUGGEST_MAX_LEN + 1];
    size_t *before = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= blen; j++)
        prev[j] = j;
    for (size_t i = 1; i <= alen; i++) {
        unsigned char ca = fold((unsigned char)a[i - 1]);
        cur[0] = i;
        for (size_t j = 1; j <= blen; j++) {
            unsigned char cb = fold((unsigned char)b[j - 1]);
            size_t best = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == fold((unsigned char)b[j - 2]) &&
                fold((unsigned char)a[i - 2]) == cb && before[j - 2] + 1 < best)
                best = before[j - 2] + 1;
            cur[j] = best;
        }
        size_t *oldest = before;
        before = prev;
        prev = cur;
        cur = oldest;
    }
    return prev[blen];
}

static int is_prefix_folded(const char *shorter, size_t slen, const char *longer)
{
    for (size_t i = 0; i < slen; i++)
        if (fold((unsigned char)shorter[i]) != fold((unsigned char)longer[i]))
            return 0;
    return 1;
}

const char *suggest_name(const char *word, const void *candidates, size_t n,
                         const char *(*get)(const void *candidates, size_t i))
{
    if (!word || !get)
        return NULL;
    size_t wlen = strnlen(word, SUGGEST_MAX_LEN + 1);
    if (wlen == 0 || wlen > SUGGEST_MAX_LEN)
        return NULL;

    const char *best = NULL;
    size_t best_distance = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        const char *name = get(candidates, i);
        if (!name)
            continue;
        size_t nlen = strnlen(name, SUGGEST_MAX_LEN + 1);
        if (nlen == 0 || nlen > SUGGEST_MAX_LEN)
            continue;
        size_t longer = wlen > nlen ? wlen : nlen;
        size_t shorter = wlen < nlen ? wlen : nlen;
        /* a third of the length, at least 1 and at most 3: "rsk" is close
         * to "risk", but "deny" is not close to "stay" */
        size_t limit = longer / 3;
        if (limit > 3)
            limit = 3;
        if (limit < 1)
            limit = 1;
        int prefix = shorter >= 3 && (wlen < nlen ? is_prefix_folded(word, wlen, name)
                                                  : is_prefix_folded(name, nlen, word));
        /* the distance is at least the difference in length */
        if (!prefix && longer - shorter > limit)
            continue;
        size_t d = edit_distance(word, wlen, name, nlen);
        if ((d <= limit || prefix) && d < best_distance) {
            best = name;
            best_distance = d;
        }
    }
    return best;
}

static const char *list_get(const void *candidates, size_t i)
{
    return ((const char *const *)candidates)[i];
}

const char *suggest_from_list(const char *word, const char *const *names)
{
    if (!names)
        return NULL;
    size_t n = 0;
    while (names[n])
        n++;
    return suggest_name(word, names, n, list_get);
}
