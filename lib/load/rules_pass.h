/*
 * rules_pass.h: what the three passes over the rule files share (see
 * rules_load.c): the context of the document being read and the readers of
 * source references, sourced dates and sorted definitions. Private to
 * rules_load.c, rules_law.c and rules_parties.c.
 */
#ifndef PACTA_RULES_PASS_H
#define PACTA_RULES_PASS_H

#include "load/loader.h"
#include "load/rules_load.h"

typedef const char *(*key_fn)(const void *def);
typedef const origin *(*origin_fn)(const void *def);
typedef int (*compare_fn)(const void *a, const void *b);
/* NAME, NAME_at and NAME_cmp: the key, origin and qsort comparator of a definition type */
#define KEY_FN(name, type, field)                                                    \
    static const char *name(const void *d) { return ((const type *)d)->field; }     \
    static const origin *name##_at(const void *d) { return &((const type *)d)->at; } \
    static int name##_cmp(const void *a, const void *b)                              \
    {                                                                                \
        return strcmp(name(*(void *const *)a), name(*(void *const *)b));             \
    }
#define SORT_UNIQUE(pc, v, name, what) pass_sort_unique(pc, v, name, name##_cmp, name##_at, what)
typedef struct pass_ctx {
    pacta_rulebase *rb;
    load_ctx lc;
} pass_ctx;

/** An out-of-memory error at the file being read. */
pacta_status pass_oom(pass_ctx *pc);
/** Sets *o to the file being read and the position of n. */
void pass_origin(origin *o, const pass_ctx *pc, const ynode *n);
/** The source id, marked cited (lint reports sources nothing cites); NULL if undefined. */
const source_def *pass_cite_source(pass_ctx *pc, const char *id);
/** A source id at key that must name a defined source (NULL in *out when absent and not required). */
pacta_status pass_source_ref(pass_ctx *pc, const ynode *map, const char *key, int required,
                             const char **out);
/** A list of source ids at key, each of which must name a defined source. */
pacta_status pass_source_list(pass_ctx *pc, const ynode *map, const char *key,
                              size_t *count, const char ***out);
/** {date: ..., source: ...} at key; the source is required, as for every date in the law. */
pacta_status pass_dated(pass_ctx *pc, const ynode *map, const char *key, int required,
                        const char *const *extra_keys, dated *out);
/** Sorts a vector of definitions by their key and refuses duplicates (see SORT_UNIQUE). */
pacta_status pass_sort_unique(pass_ctx *pc, ptrvec *v, key_fn key, compare_fn compare,
                              origin_fn where, const char *what);
/** Pass 2: fact details, indicators, instruments with their provisions and rules, conditions. */
pacta_status pass_two(pass_ctx *pc, ptrvec *indicators, ptrvec *instruments, ptrvec *rules);
/** Pass 3: party records and the links between instruments. */
pacta_status pass_three(pass_ctx *pc);

#endif
