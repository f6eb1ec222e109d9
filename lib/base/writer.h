/*
 * writer.h: buffered output over a pacta_write_fn, for the renderers.
 *
 * The renderers write many small pieces; the writer batches them so the
 * caller's callback sees a few large chunks. Errors are sticky: once the
 * callback fails (or an allocation does), every later write is a no-op and
 * writer_finish() reports the first failure, so renderers need not check
 * after each call.
 *
 * Three kinds of escaping live here because all must handle arbitrary bytes
 * from scenario files: JSON strings (always valid JSON and UTF-8), terminal
 * text (no control characters reach the user's terminal) and HTML (text
 * and attribute values, the terminal's rules plus character references). On top
 * of them, the two layouts every renderer shares, so that every object and
 * every worksheet pacta prints reads the same way: JSON objects written
 * member by member on one line ("," and ":" separators, no spaces, optional
 * members omitted), and text for people wrapped word by word at TEXT_WIDTH columns.
 */
#ifndef PACTA_WRITER_H
#define PACTA_WRITER_H

#include <stddef.h>
#include <stdint.h>

#include "pacta.h"

#define WRITER_BUFSIZE 4096

typedef struct writer {
    pacta_write_fn fn;
    void *ctx;
    const pacta_allocator *alloc; /* for long printf output; NULL: malloc */
    pacta_status status;          /* PACTA_OK until the first failure */
    size_t len;                   /* bytes pending in buf */
    char buf[WRITER_BUFSIZE];
} writer;

/** Starts a writer over fn(ctx, ...). alloc may be NULL (the C library's malloc). */
void writer_init(writer *w, pacta_write_fn fn, void *ctx, const pacta_allocator *alloc);

/** Passes pending bytes to the callback and returns the writer's status. */
pacta_status writer_finish(writer *w);

void writer_bytes(writer *w, const char *data, size_t len);
/** Writes s as it is; NULL writes nothing. */
void writer_str(writer *w, const char *s);
void writer_char(writer *w, char c);
/** printf-style output of any length. */
void writer_printf(writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/**
 * Writes s as a JSON string with its quotes (RFC 8259): '"', '\\' and
 * control characters escaped, U+2028 and U+2029 escaped for JavaScript, valid
 * UTF-8 passed through, and each maximal invalid UTF-8 subsequence replaced by
 * U+FFFD. NULL writes the JSON literal null.
 */
void writer_json_string(writer *w, const char *s);
void writer_json_stringn(writer *w, const char *s, size_t len);

/**
 * Writes s for a terminal: valid UTF-8 passes, whitespace controls (tab,
 * newline, ...) become a space, other control characters and invalid UTF-8
 * become U+FFFD. NULL writes nothing.
 */
void writer_text(writer *w, const char *s);
void writer_textn(writer *w, const char *s, size_t len);

/**
 * Writes s for HTML text or a quoted attribute value: as writer_text(),
 * and '&', '<', '>', '"' and '\'' as character references. NULL writes nothing.
 */
void writer_html(writer *w, const char *s);
void writer_htmln(writer *w, const char *s, size_t len);

/** Not a code point: what utf8_decode() yields for invalid bytes. */
#define UTF8_INVALID 0x110000u

/**
 * Decodes one character from s[0..len), len > 0. Returns the bytes it
 * spans (at least 1) and sets *cp; for an invalid sequence *cp is
 * UTF8_INVALID and the span is its maximal invalid subpart (Unicode 15,
 * section 3.9), so a decoder that advances by the span never skips a valid
 * character and replaces each bad sequence by exactly one U+FFFD.
 */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/** 1 for the characters writer_text() shows as a space. */
int text_is_space(uint32_t cp);

/* ------------------------------------------------------------ JSON objects */

/* Members of an object: *members counts those written, for the separators. */
void json_key(writer *w, int *members, const char *name);
void json_member_string(writer *w, int *members, const char *name, const char *value);
/** Omitted when value is NULL. */
void json_member_opt(writer *w, int *members, const char *name, const char *value);
void json_member_size(writer *w, int *members, const char *name, size_t value);
void json_member_bool(writer *w, int *members, const char *name, int value);
/** A JSON array of the strings items[0..count). */
void json_strings(writer *w, size_t count, const char *const *items);
void json_member_strings(writer *w, int *members, const char *name, size_t count,
                         const char *const *items);

/* ------------------------------------------------------------ wrapped text */

/*
 * Columns are counted in code points (a wide CJK character counts as one,
 * so wrapping is approximate there); every string passes writer_text().
 */
#define TEXT_WIDTH 78

/** Code points in s[0..len), each invalid sequence counting as one. */
size_t text_columns(const char *s, size_t len);
/** Bytes of the first max code points of s (all of s if shorter). */
size_t text_prefix_bytes(const char *s, size_t max);
/** n spaces. */
void text_spaces(writer *w, size_t n);
/**
 * Writes text word by word, the cursor being at column col; a word that
 * would pass TEXT_WIDTH starts a new line indented by indent. Runs of
 * whitespace collapse to one space. Returns the cursor's column.
 */
size_t text_wrap(writer *w, size_t col, size_t indent, const char *text);
/** text_wrap(), stopping before the word that would pass max code points (max > 0) with an ellipsis. */
size_t text_wrap_max(writer *w, size_t col, size_t indent, const char *text, size_t max);
/** indent, prefix, then text wrapped under the end of the prefix, and a newline. */
void text_item(writer *w, size_t indent, const char *prefix, const char *text);
/** text from column indent, its continuation lines indented by hang more, and a newline. */
void text_hanging(writer *w, size_t indent, size_t hang, const char *text);

#endif
