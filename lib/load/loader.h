/*
 * loader.h: helpers shared by the two YAML loaders (rule files and
 * scenarios): reading typed values out of ynode trees, each failure an
 * error at the node's position.
 */
#ifndef PACTA_LOADER_H
#define PACTA_LOADER_H

#include "model/model.h"

typedef struct load_ctx {
    arena *ar;
    const char *file;
    pacta_error *err;
} load_ctx;

/** Error at node n (or at line 1 column 1 when n is NULL). */
pacta_status load_error(const load_ctx *lc, const ynode *n, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/** n must be a mapping whose keys are all in allowed (NULL-terminated); what names it in messages. */
pacta_status load_check_map(const load_ctx *lc, const ynode *n, const char *what,
                            const char *const *allowed);
/** n must be a sequence. */
pacta_status load_check_seq(const load_ctx *lc, const ynode *n, const char *what);

/** A scalar string at key (required or optional); *out NULL when absent. */
pacta_status load_string(const load_ctx *lc, const ynode *map, const char *key, int required,
                         const char **out);
/** A scalar at key, checked against an identifier pattern ([A-Za-z0-9_.-]+). */
pacta_status load_ident(const load_ctx *lc, const ynode *map, const char *key, int required,
                        const char **out);
/** true/false (plain scalars true, false, yes, no are not all accepted: only true/false). */
pacta_status load_bool(const load_ctx *lc, const ynode *map, const char *key, int *out);
/** true | false | unknown. */
pacta_status load_truth_node(const load_ctx *lc, const ynode *n, pacta_truth *out);
/** A date scalar node: YYYY, YYYY-MM or YYYY-MM-DD. */
pacta_status load_date_node(const load_ctx *lc, const ynode *n, pdate_range *out, const char **text);
/** A non-negative integer. */
pacta_status load_count(const load_ctx *lc, const ynode *map, const char *key, long long *out);
/** A scalar or a sequence of scalars at key, as strings. */
pacta_status load_string_list(const load_ctx *lc, const ynode *map, const char *key,
                              size_t *count, const char ***out);

/**
 * A PCRE2 pattern at key (required), compiled as every pattern of the rules
 * is (UTF, invalid UTF matched as non-characters) and JIT-compiled where the
 * JIT is available. A pattern that does not compile is an error at its node.
 * The caller owns *code (pcre2_code_free) once this returns PACTA_OK.
 */
pacta_status load_pattern(const load_ctx *lc, const ynode *map, const char *key,
                          pcre2_general_context *gctx, const char **pattern, pcre2_code **code);

#endif
