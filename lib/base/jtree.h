/*
 * jtree.h: one JSON text (a line of JSON Lines) as the same tree of
 * mappings, sequences and scalars that ytree.h builds from YAML, so that a
 * scenario read from JSON passes through the same loader, the same
 * validation and the same error messages as one read from YAML.
 *
 * json-c parses and validates the text; the positions json-c does not keep
 * are recovered by walking the text in step with the parsed value. Strings
 * become quoted scalars; numbers, true, false and null become plain scalars
 * spelled as written, which is what libyaml yields for the same JSON.
 */
#ifndef PACTA_JTREE_H
#define PACTA_JTREE_H

#include <stddef.h>

#include "base/arena.h"
#include "base/ytree.h"
#include "pacta.h"

/**
 * Parses exactly one JSON value from data[0..len) into ar. Positions count
 * lines from first_line and columns (in characters) from 1, so that they
 * point into the larger input the text was cut from. Bounds from opts:
 * max_depth (nesting), max_string_bytes (one string). A syntax error, a
 * duplicate key, text after the value or an exceeded bound is an error with
 * its position in err.
 */
pacta_status jtree_parse(const char *name, unsigned first_line, const char *data, size_t len,
                         const pacta_options *opts, arena *ar, ynode **root, pacta_error *err);

/*
 * json-c's parser, kept from one text to the next: making one costs more
 * than a short line's parse, and a batch parses millions of lines. Not for
 * two threads at once. NULL when out of memory.
 */
typedef struct jtree_parser jtree_parser;
jtree_parser *jtree_parser_new(const pacta_options *opts);
void jtree_parser_free(jtree_parser *p);

/** jtree_parse() with parser (NULL: a parser of its own for this text). */
pacta_status jtree_parse_with(jtree_parser *parser, const char *name, unsigned first_line,
                              const char *data, size_t len, const pacta_options *opts, arena *ar,
                              ynode **root, pacta_error *err);

#endif
