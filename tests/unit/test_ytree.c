/*
 * test_ytree.c: YAML trees. Every error a rule author sees points into a
 * file through these positions, and every hostile input (alias bombs, deep
 * nesting, bad encodings) is stopped here, so the tests check exact lines,
 * columns and messages, and that limits fail fast with PACTA_ELIMIT.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "test_helpers.h"
#include "base/ytree.h"

/* Limits as a rulebase resolves them by default. */
static pacta_options default_limits(void)
{
    pacta_options o;
    memset(&o, 0, sizeof o);
    o.max_input_bytes = 16u << 20;
    o.max_depth = 64;
    o.max_alias_nodes = 100000;
    o.max_string_bytes = 1u << 20;
    return o;
}

/* One parse: the reader, its arena, and the last result. */
typedef struct parse {
    yreader *r;
    arena *ar;
    ynode *root;
    pacta_error err;
    pacta_status status;
} parse;

static int setup(void **state)
{
    parse *p = calloc(1, sizeof *p);
    if (!p || !(p->ar = arena_new(NULL))) {
        free(p);
        return -1;
    }
    *state = p;
    return 0;
}

static int teardown(void **state)
{
    parse *p = *state;
    yreader_free(p->r);
    arena_free(p->ar);
    free(p);
    return 0;
}

/* Opens len bytes of text (embedded NULs allowed) with opts. */
static void open_bytes(parse *p, const char *text, size_t len, const pacta_options *opts)
{
    yreader_free(p->r);
    p->r = yreader_new("test.yaml", text, len, opts);
    assert_non_null(p->r);
}

static pacta_status next(parse *p)
{
    memset(&p->err, 0, sizeof p->err);
    p->status = yreader_next(p->r, p->ar, &p->root, &p->err);
    return p->status;
}

/* Parses the first document of text with the default limits. */
static pacta_status parse_text(parse *p, const char *text)
{
    pacta_options o = default_limits();
    open_bytes(p, text, strlen(text), &o);
    return next(p);
}

static pacta_status parse_with(parse *p, const char *text, const pacta_options *o)
{
    open_bytes(p, text, strlen(text), o);
    return next(p);
}

static void assert_error(const parse *p, pacta_status status, unsigned line, unsigned column,
                         const char *message)
{
    if (p->status != status || p->err.line != line || p->err.column != column ||
        strcmp(p->err.message, message) != 0)
        fail_msg("expected %d at %u:%u '%s'\n     got %d at %u:%u '%s'", (int)status, line,
                 column, message, (int)p->status, p->err.line, p->err.column, p->err.message);
    assert_int_equal(p->err.status, status);
    assert_string_equal(p->err.file, "test.yaml");
    assert_null(p->root);
}

static void assert_at(const ynode *n, ynode_kind kind, unsigned line, unsigned column)
{
    assert_non_null(n);
    if (n->kind != kind || n->line != line || n->column != column)
        fail_msg("expected kind %d at %u:%u, got kind %d at %u:%u", (int)kind, line, column,
                 (int)n->kind, n->line, n->column);
}

static void assert_scalar(const ynode *n, const char *text, unsigned line, unsigned column)
{
    assert_at(n, YNODE_SCALAR, line, column);
    assert_int_equal(n->len, strlen(text));
    assert_string_equal(n->str, text);
}

/* ---------------------------------------------------------------- trees */

static void test_positions_of_nested_nodes(void **state)
{
    parse *p = *state;
    const char *text = "pacta-rules: 1\n"
                       "states:\n"
                       "  - code: CN\n"
                       "    name: \"China\"\n"
                       "  - {code: KP, tags: [a, 'b']}\n"
                       "facts:\n"
                       "- risk\n";
    assert_int_equal(parse_text(p, text), PACTA_OK);
    const ynode *root = p->root;
    assert_at(root, YNODE_MAP, 1, 1);
    assert_int_equal(root->count, 3);
    assert_scalar(ymap_key(root, 0), "pacta-rules", 1, 1);
    assert_scalar(ymap_value(root, 0), "1", 1, 14);
    assert_scalar(ymap_key(root, 1), "states", 2, 1);

    const ynode *states = ymap_get(root, "states");
    assert_at(states, YNODE_SEQ, 3, 3);
    assert_int_equal(states->count, 2);
    const ynode *cn = states->items[0];
    assert_at(cn, YNODE_MAP, 3, 5);
    assert_scalar(ymap_get(cn, "code"), "CN", 3, 11);
    const ynode *name = ymap_get(cn, "name");
    assert_scalar(name, "China", 4, 11);
    assert_int_equal(name->plain, 0);
    assert_int_equal(ymap_get(cn, "code")->plain, 1);

    const ynode *kp = states->items[1];
    assert_at(kp, YNODE_MAP, 5, 5);
    assert_scalar(ymap_key(kp, 0), "code", 5, 6);
    assert_scalar(ymap_value(kp, 0), "KP", 5, 12);
    const ynode *tags = ymap_get(kp, "tags");
    assert_at(tags, YNODE_SEQ, 5, 22);
    assert_int_equal(tags->count, 2);
    assert_scalar(tags->items[0], "a", 5, 23);
    assert_scalar(tags->items[1], "b", 5, 26);
    assert_int_equal(tags->items[1]->plain, 0);

    /* an indentless sequence starts at its dash */
    const ynode *facts = ymap_get(root, "facts");
    assert_at(facts, YNODE_SEQ, 7, 1);
    assert_scalar(facts->items[0], "risk", 7, 3);

    assert_int_equal(next(p), PACTA_DONE);
}

static void test_scalar_styles_and_contents(void **state)
{
    parse *p = *state;
    const char *text = "plain: a b\n"
                       "single: 'it''s'\n"
                       "double: \"x\\ty\\0z\"\n"
                       "literal: |\n"
                       "  line one\n"
                       "  line two\n"
                       "folded: >\n"
                       "  one\n"
                       "  two\n"
                       "empty:\n"
                       "quoted_empty: ''\n"
                       "unicode: \"\\u00e9\"\n";
    assert_int_equal(parse_text(p, text), PACTA_OK);
    const ynode *root = p->root;
    assert_string_equal(ymap_get(root, "plain")->str, "a b");
    assert_int_equal(ymap_get(root, "plain")->plain, 1);
    assert_string_equal(ymap_get(root, "single")->str, "it's");
    const ynode *dq = ymap_get(root, "double");
    assert_int_equal(dq->len, 5);
    assert_memory_equal(dq->str, "x\ty\0z\0", 6);
    assert_string_equal(ymap_get(root, "literal")->str, "line one\nline two\n");
    assert_int_equal(ymap_get(root, "literal")->plain, 0);
    assert_string_equal(ymap_get(root, "folded")->str, "one two\n");
    const ynode *empty = ymap_get(root, "empty");
    assert_non_null(empty);
    assert_int_equal(empty->kind, YNODE_SCALAR);
    assert_int_equal(empty->len, 0);
    assert_string_equal(empty->str, "");
    assert_int_equal(empty->plain, 1);
    assert_int_equal(ymap_get(root, "quoted_empty")->plain, 0);
    assert_string_equal(ymap_get(root, "unicode")->str, "\xC3\xA9");
}

static void test_lookup_helpers(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "a: 1\nb: [x]\n\"c\": yes\n"), PACTA_OK);
    const ynode *root = p->root;
    assert_true(yscalar_is(ymap_get(root, "a"), "1"));
    assert_false(yscalar_is(ymap_get(root, "a"), "10"));
    assert_false(yscalar_is(ymap_get(root, "a"), ""));
    assert_false(yscalar_is(ymap_get(root, "b"), "x"));
    assert_true(yscalar_is(ymap_get(root, "c"), "yes"));
    assert_null(ymap_get(root, "d"));
    assert_null(ymap_get(root, "A"));
    assert_null(ymap_get(ymap_get(root, "b"), "x")); /* not a mapping */
    assert_null(ymap_get(NULL, "a"));
    assert_false(yscalar_is(NULL, "a"));
}

static void test_multi_document_stream(void **state)
{
    parse *p = *state;
    const char *text = "# leading comment\n"
                       "---\n"
                       "id: one\n"
                       "---\n"
                       "- two\n"
                       "...\n"
                       "---\n"
                       "---\n"
                       "three\n";
    pacta_options o = default_limits();
    open_bytes(p, text, strlen(text), &o);

    assert_int_equal(next(p), PACTA_OK);
    assert_at(p->root, YNODE_MAP, 3, 1);
    assert_true(yscalar_is(ymap_get(p->root, "id"), "one"));

    assert_int_equal(next(p), PACTA_OK);
    assert_at(p->root, YNODE_SEQ, 5, 1);
    assert_true(yscalar_is(p->root->items[0], "two"));

    /* an empty document is an empty scalar, never NULL */
    assert_int_equal(next(p), PACTA_OK);
    assert_int_equal(p->root->kind, YNODE_SCALAR);
    assert_int_equal(p->root->len, 0);

    assert_int_equal(next(p), PACTA_OK);
    assert_scalar(p->root, "three", 9, 1);

    assert_int_equal(next(p), PACTA_DONE);
    assert_null(p->root);
    assert_int_equal(next(p), PACTA_DONE);
}

static void test_documents_may_go_to_different_arenas(void **state)
{
    parse *p = *state;
    const char *text = "a: &x 1\n---\nb: 2\n";
    pacta_options o = default_limits();
    open_bytes(p, text, strlen(text), &o);
    arena *first = arena_new(NULL);
    assert_non_null(first);
    ynode *root = NULL;
    assert_int_equal(yreader_next(p->r, first, &root, &p->err), PACTA_OK);
    assert_true(yscalar_is(ymap_get(root, "a"), "1"));
    arena_free(first);
    /* anchors belong to their document: the next one neither sees nor needs them */
    assert_int_equal(next(p), PACTA_OK);
    assert_true(yscalar_is(ymap_get(p->root, "b"), "2"));
}

static void test_empty_stream(void **state)
{
    parse *p = *state;
    static const char *const empties[] = {"", "# only a comment\n", "\n\n   \n", "# a\n# b"};
    for (size_t i = 0; i < sizeof empties / sizeof empties[0]; i++) {
        assert_int_equal(parse_text(p, empties[i]), PACTA_DONE);
        assert_null(p->root);
        assert_int_equal(next(p), PACTA_DONE);
    }
    pacta_options o = default_limits();
    yreader_free(p->r);
    p->r = yreader_new("null.yaml", NULL, 0, &o);
    assert_non_null(p->r);
    assert_int_equal(next(p), PACTA_DONE);
}

static void test_input_need_not_be_terminated(void **state)
{
    parse *p = *state;
    const char text[] = {'a', ':', ' ', '1', 'X', 'Y'};
    pacta_options o = default_limits();
    open_bytes(p, text, 4, &o);
    assert_int_equal(next(p), PACTA_OK);
    assert_true(yscalar_is(ymap_get(p->root, "a"), "1"));
}

/* ------------------------------------------------------------ positions */

static void test_crlf_line_endings(void **state)
{
    parse *p = *state;
    const char *text = "a: 1\r\n"
                       "b:\r\n"
                       "  - x\r\n"
                       "  - {c: d}\r\n"
                       "e: \"two\r\n"
                       "  lines\"\r\n"
                       "f: @\r\n";
    assert_int_equal(parse_text(p, text), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 7, 4,
                 "found character that cannot start any token (while scanning for the next token)");

    assert_int_equal(parse_text(p, "a: 1\r\nb:\r\n  - x\r\n  - {c: d}\r\ne: \"two\r\n  lines\"\r\n"),
                     PACTA_OK);
    assert_scalar(ymap_get(p->root, "a"), "1", 1, 4);
    const ynode *b = ymap_get(p->root, "b");
    assert_at(b, YNODE_SEQ, 3, 3);
    assert_scalar(b->items[0], "x", 3, 5);
    assert_at(b->items[1], YNODE_MAP, 4, 5);
    assert_scalar(ymap_get(b->items[1], "c"), "d", 4, 9);
    assert_scalar(ymap_key(p->root, 2), "e", 5, 1);
    assert_string_equal(ymap_get(p->root, "e")->str, "two lines");
}

static void test_byte_order_mark(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "\xEF\xBB\xBF" "a: 1\nb: 2\n"), PACTA_OK);
    assert_scalar(ymap_key(p->root, 0), "a", 1, 1);
    assert_scalar(ymap_get(p->root, "a"), "1", 1, 4);
    assert_scalar(ymap_key(p->root, 1), "b", 2, 1);
    /* and the mark counts for nothing in error positions either */
    assert_int_equal(parse_text(p, "\xEF\xBB\xBF" "a: \xFF\n"), PACTA_EINPUT);
    assert_int_equal(p->err.line, 1);
    assert_int_equal(p->err.column, 4);
}

static void test_columns_count_characters(void **state)
{
    parse *p = *state;
    /* libyaml counts columns in characters, not bytes */
    assert_int_equal(parse_text(p, "\xC3\xA9t\xC3\xA9: [\xE2\x82\xAC, x]\n"), PACTA_OK);
    const ynode *v = ymap_value(p->root, 0);
    assert_at(v, YNODE_SEQ, 1, 6);
    assert_scalar(v->items[1], "x", 1, 10);
    /* and so do reader errors, which we position ourselves */
    assert_int_equal(parse_text(p, "\xC3\xA9t\xC3\xA9: \xE2\x82\xAC\xFF\n"), PACTA_EINPUT);
    assert_int_equal(p->err.line, 1);
    assert_int_equal(p->err.column, 7);
}

static void test_reader_errors_count_lines_like_libyaml(void **state)
{
    parse *p = *state;
    /* libyaml gives reader errors (bad bytes) an offset only; we count lines
     * and columns from it. Its scanner marks count CR, NEL and LS as line
     * breaks too, and the two must agree: '@' (a scanner error) and 0xFF (a
     * reader error) at the same place get the same position. */
    static const char *const prefixes[] = {"a: 1\r", "a: 1\xC2\x85", "a: 1\xE2\x80\xA8",
                                           "a: 1\r\n", "a: \"x\xC2\x85y\"\n"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
        char text[64];
        snprintf(text, sizeof text, "%sb: @\n", prefixes[i]);
        assert_int_equal(parse_text(p, text), PACTA_EINPUT);
        unsigned line = p->err.line, column = p->err.column;
        snprintf(text, sizeof text, "%sb: \xFF\n", prefixes[i]);
        assert_int_equal(parse_text(p, text), PACTA_EINPUT);
        assert_int_equal(p->err.line, line);
        assert_int_equal(p->err.column, column);
        assert_int_equal(column, 4);
    }
}

/* ---------------------------------------------------------------- errors */

static void test_syntax_error_is_sticky(void **state)
{
    parse *p = *state;
    const char *text = "a: 1\n---\nb: [1, 2\nc: 3\n";
    pacta_options o = default_limits();
    open_bytes(p, text, strlen(text), &o);
    assert_int_equal(next(p), PACTA_OK);
    assert_int_equal(next(p), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 4, 2,
                 "did not find expected ',' or ']' (while parsing a flow sequence)");
    pacta_error first = p->err;
    /* every later call repeats the same error */
    for (int i = 0; i < 3; i++) {
        assert_int_equal(next(p), PACTA_EINPUT);
        assert_int_equal(p->err.line, first.line);
        assert_string_equal(p->err.message, first.message);
    }
    /* a NULL error pointer is fine too */
    ynode *root = (ynode *)1;
    assert_int_equal(yreader_next(p->r, p->ar, &root, NULL), PACTA_EINPUT);
    assert_null(root);
}

static void test_block_structure_error(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "a:\n  b: 1\n c: 2\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 3, 2, "did not find expected key (while parsing a block mapping)");
    assert_int_equal(parse_text(p, "a: b: c\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 5, "mapping values are not allowed in this context");
}

static void test_duplicate_keys(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "a: 1\nb: 2\na: 3\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 3, 1, "duplicate key 'a'");

    /* in a nested mapping, at the second key */
    assert_int_equal(parse_text(p, "outer:\n  x: 1\n  y: 2\n  x: 3\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 4, 3, "duplicate key 'x'");

    /* flow mappings, and quoted keys compare by their bytes */
    assert_int_equal(parse_text(p, "{k: 1, \"k\": 2}"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 8, "duplicate key 'k'");

    /* through an alias */
    assert_int_equal(parse_text(p, "&n name: 1\n*n : 2\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 2, 1, "duplicate key 'name'");

    /* very long keys are quoted shortened */
    char text[500];
    char key[201];
    memset(key, 'k', 200);
    key[200] = '\0';
    snprintf(text, sizeof text, "%s: 1\n%s: 2\n", key, key);
    assert_int_equal(parse_text(p, text), PACTA_EINPUT);
    assert_int_equal(p->err.line, 2);
    assert_string_equal(p->err.message,
                        "duplicate key 'kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk...'");

    /* the same key in different mappings, and a value equal to a key, are fine */
    assert_int_equal(parse_text(p, "a: {x: 1}\nb: {x: 1}\nc: [{x: 1}, {x: 2}]\nd: a\n"), PACTA_OK);
    assert_int_equal(p->root->count, 4);
    assert_int_equal(parse_text(p, "a: 1\nA: 2\n\"a \": 3\n"), PACTA_OK);
}

static void test_keys_must_be_scalars(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "? [a, b]\n: c\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 3, "mapping keys must be scalars");
    assert_int_equal(parse_text(p, "x: 1\n{a: 1}: 2\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 2, 1, "mapping keys must be scalars");
    assert_int_equal(parse_text(p, "m: &m {a: 1}\nn:\n  *m : 2\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 3, 3, "mapping keys must be scalars");
}

static void test_invalid_utf8(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "a: 1\nb: \"x\xFFy\"\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 2, 6, "invalid leading UTF-8 octet (byte 0xFF): input must be UTF-8");

    /* a truncated sequence at the very end */
    assert_int_equal(parse_text(p, "a: \xC3"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 4,
                 "incomplete UTF-8 octet sequence: input must be UTF-8");

    /* a bad continuation byte */
    assert_int_equal(parse_text(p, "k: \xE2\x28\xA1\n"), PACTA_EINPUT);
    assert_int_equal(p->err.line, 1);
    assert_non_null(strstr(p->err.message, "invalid trailing UTF-8 octet"));

    /* overlong encodings and surrogates are not UTF-8 either */
    assert_int_equal(parse_text(p, "k: \xC0\xAF\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 4, "invalid length of a UTF-8 sequence: input must be UTF-8");
    assert_int_equal(parse_text(p, "k: \xED\xA0\x80\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 4, "invalid Unicode character (U+D800)");

    /* UTF-16 is not accepted, byte order mark or not */
    assert_int_equal(parse_text(p, "\xFF\xFE" "a\0:\0 \0" "1\0"), PACTA_EINPUT);
    assert_int_equal(p->err.line, 1);
    assert_int_equal(p->err.column, 1);
    static const char utf16[] = "\xFE\xFF\0a\0:\0 \0\x31";
    pacta_options o = default_limits();
    open_bytes(p, utf16, sizeof utf16 - 1, &o);
    assert_int_equal(next(p), PACTA_EINPUT);
}

static void test_nul_byte(void **state)
{
    parse *p = *state;
    static const char text[] = "a: 1\nb: x\0y\n";
    pacta_options o = default_limits();
    open_bytes(p, text, sizeof text - 1, &o);
    assert_int_equal(next(p), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 2, 5, "control characters are not allowed (U+0000)");

    /* a NUL as the very first byte */
    open_bytes(p, "\0", 1, &o);
    assert_int_equal(next(p), PACTA_EINPUT);
    assert_int_equal(p->err.line, 1);
    assert_int_equal(p->err.column, 1);

    /* other control characters too */
    assert_int_equal(parse_text(p, "a: \x01\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 4, "control characters are not allowed (U+0001)");
}

static void test_undefined_alias(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "a: 1\nb: *nowhere\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 2, 4, "undefined alias 'nowhere'");
    /* an anchor defined later does not count */
    assert_int_equal(parse_text(p, "- *x\n- &x 1\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 3, "undefined alias 'x'");
    /* nor one from an earlier document */
    pacta_options o = default_limits();
    const char *text = "a: &x 1\n---\nb: *x\n";
    open_bytes(p, text, strlen(text), &o);
    assert_int_equal(next(p), PACTA_OK);
    assert_int_equal(next(p), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 3, 4, "undefined alias 'x'");
}

static void test_aliases_share_nodes(void **state)
{
    parse *p = *state;
    const char *text = "defaults: &d {basis: individual, outcome: granted}\n"
                       "one: *d\n"
                       "two: [*d, *s]\n"
                       "s: &s text\n"
                       "three: *s\n";
    assert_int_equal(parse_text(p, text), PACTA_EINPUT); /* *s before &s */
    assert_error(p, PACTA_EINPUT, 3, 11, "undefined alias 's'");

    text = "defaults: &d {basis: individual}\n"
           "s: &s text\n"
           "one: *d\n"
           "two: [*d, *s]\n"
           "s2: &s other\n"
           "three: *s\n";
    assert_int_equal(parse_text(p, text), PACTA_OK);
    const ynode *d = ymap_get(p->root, "defaults");
    assert_at(d, YNODE_MAP, 1, 11);
    assert_ptr_equal(ymap_get(p->root, "one"), d);
    const ynode *two = ymap_get(p->root, "two");
    assert_ptr_equal(two->items[0], d);
    assert_ptr_equal(two->items[1], ymap_get(p->root, "s"));
    /* a redefined anchor refers to the latest definition */
    assert_true(yscalar_is(ymap_get(p->root, "three"), "other"));
}

static void test_recursive_alias(void **state)
{
    parse *p = *state;
    assert_int_equal(parse_text(p, "a: &a [1, *a]\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 11, "alias 'a' refers to a node that contains it");
    assert_int_equal(parse_text(p, "&r {x: {y: *r}}\n"), PACTA_EINPUT);
    assert_error(p, PACTA_EINPUT, 1, 12, "alias 'r' refers to a node that contains it");
}

/* ---------------------------------------------------------------- limits */

static void test_input_size_limit(void **state)
{
    parse *p = *state;
    pacta_options o = default_limits();
    o.max_input_bytes = 10;
    assert_int_equal(parse_with(p, "a: 1234567", &o), PACTA_OK); /* exactly 10 */
    assert_int_equal(parse_with(p, "a: 12345678", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 1, 1, "input of 11 bytes exceeds the limit of 10 bytes");
    assert_int_equal(next(p), PACTA_ELIMIT);
    /* checked before parsing: even garbage gets the size error */
    assert_int_equal(parse_with(p, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", &o), PACTA_ELIMIT);
}

static void test_string_limit(void **state)
{
    parse *p = *state;
    pacta_options o = default_limits();
    o.max_string_bytes = 5;
    assert_int_equal(parse_with(p, "ab: 12345\n", &o), PACTA_OK);
    assert_int_equal(parse_with(p, "ab: [1, \"123456\"]\n", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 1, 9, "scalar of 6 bytes exceeds the limit of 5 bytes");
    /* keys are scalars too */
    assert_int_equal(parse_with(p, "abcdef: 1\n", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 1, 1, "scalar of 6 bytes exceeds the limit of 5 bytes");
}

static void test_depth_limit(void **state)
{
    parse *p = *state;
    pacta_options o = default_limits();
    o.max_depth = 3;
    assert_int_equal(parse_with(p, "[[[x]]]", &o), PACTA_OK);
    assert_int_equal(parse_with(p, "[[[[x]]]]", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 1, 4, "nesting deeper than 3 levels");

    assert_int_equal(parse_with(p, "a:\n  b:\n    c: x\n", &o), PACTA_OK);
    assert_int_equal(parse_with(p, "a:\n  b:\n    c:\n      - x\n", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 4, 7, "nesting deeper than 3 levels");

    /* the default bound stops a million brackets at the 65th */
    o = default_limits();
    size_t n = 1000000;
    char *deep = malloc(2 * n + 1);
    assert_non_null(deep);
    memset(deep, '[', n);
    memset(deep + n, ']', n);
    deep[2 * n] = '\0';
    pacta_status st = parse_with(p, deep, &o);
    yreader_free(p->r);
    p->r = NULL;
    free(deep);
    assert_int_equal(st, PACTA_ELIMIT);
    assert_int_equal(p->err.line, 1);
    assert_int_equal(p->err.column, 65);
}

static void test_alias_cannot_exceed_depth(void **state)
{
    parse *p = *state;
    pacta_options o = default_limits();
    o.max_depth = 4;
    /* a shared subtree of height 2 may go where two more levels fit... */
    assert_int_equal(parse_with(p, "a: &d [[x]]\nb: [*d]\n", &o), PACTA_OK);
    /* ...but not deeper, or a tree walk would see more than max_depth */
    assert_int_equal(parse_with(p, "a: &d [[x]]\nb: [[*d]]\n", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 2, 6, "alias 'd' nests deeper than 4 levels");
    /* and chaining aliases does not get around it */
    assert_int_equal(parse_with(p, "a: &d [[x]]\nb: &e [*d]\nc: [*e]\n", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 3, 5, "alias 'e' nests deeper than 4 levels");
}

static void test_billion_laughs(void **state)
{
    parse *p = *state;
    /* the classic: nine levels of ten aliases would be 10^9 nodes */
    char text[4096];
    size_t len = (size_t)snprintf(text, sizeof text,
                                  "lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
        len += (size_t)snprintf(text + len, sizeof text - len, "lol%d: &lol%d [", level, level);
        for (int i = 0; i < 10; i++)
            len += (size_t)snprintf(text + len, sizeof text - len, "%s*lol%d", i ? ", " : "",
                                    level - 1);
        len += (size_t)snprintf(text + len, sizeof text - len, "]\n");
    }
    assert_true(len < sizeof text);
    assert_int_equal(parse_text(p, text), PACTA_ELIMIT);
    assert_string_equal(p->err.message, "too many nodes through aliases (limit 100000)");
    /* lol0 is 11 nodes, lol1 111, lol2 1111, lol3 11111. Each alias charges
     * the size of what it names: lol1..lol3 charge 110 + 1110 + 11110 =
     * 12330, so the 8th alias to lol3 (line 5, column 14 + 7 * 7) passes
     * 100000. Nothing past line 5 is looked at. */
    assert_int_equal(p->err.line, 5);
    assert_int_equal(p->err.column, 63);

    /* small limits stop it earlier still */
    pacta_options o = default_limits();
    o.max_alias_nodes = 50;
    assert_int_equal(parse_with(p, text, &o), PACTA_ELIMIT);
    assert_string_equal(p->err.message, "too many nodes through aliases (limit 50)");
    assert_int_equal(p->err.line, 2); /* the 5th alias to lol0: 55 nodes */
    assert_int_equal(p->err.column, 42);
}

static void test_alias_budget_is_per_document(void **state)
{
    parse *p = *state;
    pacta_options o = default_limits();
    o.max_alias_nodes = 4;
    /* two aliases to a 2-node sequence: 4 nodes, allowed, in each document */
    const char *text = "a: &a [x]\nb: *a\nc: *a\n---\na: &a [x]\nb: *a\nc: *a\n";
    open_bytes(p, text, strlen(text), &o);
    assert_int_equal(next(p), PACTA_OK);
    assert_int_equal(next(p), PACTA_OK);
    assert_int_equal(next(p), PACTA_DONE);
    /* a third alias goes over */
    assert_int_equal(parse_with(p, "a: &a [x]\nb: *a\nc: *a\nd: *a\n", &o), PACTA_ELIMIT);
    assert_error(p, PACTA_ELIMIT, 4, 4, "too many nodes through aliases (limit 4)");
}

static void test_usage_errors(void **state)
{
    parse *p = *state;
    pacta_options o = default_limits();
    assert_null(yreader_new("x", "a", 1, NULL));
    assert_null(yreader_new("x", NULL, 5, &o));
    open_bytes(p, "a: 1\n", 5, &o);
    ynode *root;
    pacta_error err;
    assert_int_equal(yreader_next(p->r, NULL, &root, &err), PACTA_EUSAGE);
    assert_int_equal(err.status, PACTA_EUSAGE);
    assert_int_equal(yreader_next(p->r, p->ar, NULL, &err), PACTA_EUSAGE);
    assert_int_equal(yreader_next(NULL, p->ar, &root, &err), PACTA_EUSAGE);
    /* a usage error does not spoil the reader */
    assert_int_equal(next(p), PACTA_OK);
    yreader_free(NULL);
}

/* Parses a document with anchors and aliases through allocators that fail
 * after n allocations; returns the status. */
static pacta_status parse_failing_after(size_t n, counting_alloc *reader_alloc,
                                        counting_alloc *tree_alloc)
{
    const char *text = "a: &a {x: [1, 2, 3], y: \"quoted\"}\n"
                       "b: [*a, *a, {k: v}]\n"
                       "c: !!str tagged\n"
                       "---\n"
                       "- more\n";
    pacta_options o = default_limits();
    o.allocator = counting_allocator(reader_alloc);
    pacta_allocator tree = counting_allocator(tree_alloc);
    reader_alloc->fail_after = n;
    tree_alloc->fail_after = n;
    pacta_status st = PACTA_ENOMEM;
    yreader *r = yreader_new("oom.yaml", text, strlen(text), &o);
    arena *ar = arena_new(&tree);
    if (r && ar) {
        ynode *root;
        pacta_error err;
        while ((st = yreader_next(r, ar, &root, &err)) == PACTA_OK)
            assert_non_null(root);
        if (st != PACTA_DONE) {
            assert_int_equal(st, PACTA_ENOMEM);
            assert_string_equal(err.message, "out of memory");
            assert_true(err.line >= 1);
        }
    }
    yreader_free(r);
    arena_free(ar);
    return st;
}

static void test_allocation_failures(void **state)
{
    (void)state;
    counting_alloc reader_alloc, tree_alloc;
    pacta_status st = PACTA_ENOMEM;
    size_t n;
    for (n = 0; n < 1000 && st != PACTA_DONE; n++) {
        st = parse_failing_after(n, &reader_alloc, &tree_alloc);
        assert_true(st == PACTA_DONE || st == PACTA_ENOMEM);
        assert_int_equal(reader_alloc.frees, reader_alloc.mallocs);
        assert_int_equal(tree_alloc.frees, tree_alloc.mallocs);
    }
    assert_int_equal(st, PACTA_DONE);
    assert_true(n > 2);
}

int main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T(test_positions_of_nested_nodes),
        T(test_scalar_styles_and_contents),
        T(test_lookup_helpers),
        T(test_multi_document_stream),
        T(test_documents_may_go_to_different_arenas),
        T(test_empty_stream),
        T(test_input_need_not_be_terminated),
        T(test_crlf_line_endings),
        T(test_byte_order_mark),
        T(test_columns_count_characters),
        T(test_reader_errors_count_lines_like_libyaml),
        T(test_syntax_error_is_sticky),
        T(test_block_structure_error),
        T(test_duplicate_keys),
        T(test_keys_must_be_scalars),
        T(test_invalid_utf8),
        T(test_nul_byte),
        T(test_undefined_alias),
        T(test_aliases_share_nodes),
        T(test_recursive_alias),
        T(test_input_size_limit),
        T(test_string_limit),
        T(test_depth_limit),
        T(test_alias_cannot_exceed_depth),
        T(test_billion_laughs),
        T(test_alias_budget_is_per_document),
        T(test_usage_errors),
        T(test_allocation_failures),
    };
#undef T
    return cmocka_run_group_tests(tests, NULL, NULL);
}
