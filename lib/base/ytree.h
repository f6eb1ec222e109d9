/*
 * ytree.h: YAML documents as trees of mappings, sequences and scalars, each
 * node carrying the 1-based line and column where it starts. Built on the
 * libyaml event parser, with the bounds of pacta_options enforced while
 * parsing: input size, nesting depth, scalar length, and the number of nodes
 * reachable through aliases (so a "billion laughs" document is rejected
 * after bounded work). Aliases resolve to the anchored node itself (shared,
 * not copied). Tags are ignored; merge keys ("<<") are not supported.
 */
#ifndef PACTA_YTREE_H
#define PACTA_YTREE_H

#include <stddef.h>

#include "base/arena.h"
#include "pacta.h"

typedef enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP } ynode_kind;

typedef struct ynode ynode;
struct ynode {
    ynode_kind kind;
    unsigned line;   /* 1-based */
    unsigned column; /* 1-based */
    /* scalars: the bytes, NUL-terminated (len excludes the NUL; may contain NUL bytes only if quoted with escapes) */
    const char *str;
    size_t len;
    int plain;       /* 1 for a plain (unquoted) scalar */
    /* sequences: count items; mappings: count pairs, items[2*i] key, items[2*i+1] value */
    size_t count;
    ynode **items;
};

typedef struct yreader yreader;

/**
 * A reader over data[0..len), named name in errors. The reader copies
 * nothing: data must outlive it. Returns NULL when out of memory. opts must
 * be non-NULL with every limit set (the rulebase resolves defaults).
 */
yreader *yreader_new(const char *name, const char *data, size_t len, const pacta_options *opts);

/**
 * A reader that pulls its input through read(ctx, ...) as it parses, so a
 * stream of any length is read in bounded memory: what is kept is libyaml's
 * buffers, the current document, and a window of recent input (for the
 * positions of encoding errors). Each document is limited to
 * opts->max_input_bytes instead of the whole input. A read error stops the
 * reader with PACTA_EIO.
 */
yreader *yreader_new_fn(const char *name, pacta_read_fn read, void *ctx, const pacta_options *opts);

/**
 * Counts lines from first_line instead of 1 (first_line >= 1): for a
 * document cut out of a larger input, such as one line of JSON Lines, so
 * that positions point into that input. Call before the first yreader_next.
 */
void yreader_set_first_line(yreader *r, unsigned first_line);
void yreader_free(yreader *r);

/**
 * Parses the next document into ar. Returns PACTA_OK with *root set (never
 * NULL: an empty document yields an empty scalar), PACTA_DONE when the
 * stream has no more documents, or an error with its position. After an
 * error every later call returns the same error status again.
 */
pacta_status yreader_next(yreader *r, arena *ar, ynode **root, pacta_error *err);

/* --- lookup helpers --- */

/** The value for key in a mapping, or NULL (also NULL if map is not a mapping). */
const ynode *ymap_get(const ynode *map, const char *key);
/** The key node of pair i / value node of pair i. */
static inline const ynode *ymap_key(const ynode *map, size_t i) { return map->items[2 * i]; }
static inline const ynode *ymap_value(const ynode *map, size_t i) { return map->items[2 * i + 1]; }
/** 1 if n is a scalar equal to s. */
int yscalar_is(const ynode *n, const char *s);

#endif
