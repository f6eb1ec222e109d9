/*
 * expr.h: the tests of rule elements, as three-valued (Kleene) expressions.
 * Parsing turns a YAML test ({all: [...]}, {fact: x}, ...) into an expr
 * tree, checking every name against the rulebase; evaluation computes true,
 * false or unknown, asking the caller to resolve each leaf so that the
 * caller can record where every fact came from.
 */
#ifndef PACTA_EXPR_H
#define PACTA_EXPR_H

#include "load/loader.h"
#include "model/model.h"

/* What a test may refer to while it is parsed. */
typedef struct expr_scope {
    const pacta_rulebase *rb;
    arena *ar;
    const char *file;
    const instrument_def *instrument; /* the rule's instrument, or NULL outside rules */
    const seq_step *steps;     /* the rule's sequence steps, or NULL */
    size_t step_count;
    pacta_error *err;
} expr_scope;

/** Parses n into *out; on error fills scope->err and returns its status. */
pacta_status expr_parse(const expr_scope *scope, const ynode *n, expr **out);

/**
 * Reads the actions at key of map: "removal" (every removal action) or a
 * list of action names. *out is 0 when the key is absent.
 */
pacta_status expr_parse_actions(const pacta_rulebase *rb, const load_ctx *lc, const ynode *map,
                                const char *key, action_mask *out);

/** 1 if e (or anything below it) reads fact f: for derived-fact cycle checks. */
int expr_uses_fact(const expr *e, const fact_def *f);

/* Resolves a leaf (EX_FACT, EX_STATUS or EX_TO_PARTY) read at event `at`. */
typedef pacta_truth (*expr_leaf_fn)(void *ctx, const expr *leaf, const sc_event *at);

typedef struct expr_env {
    const pacta_scenario *sc;
    const sc_event *main;            /* the event leaves without a step are read at */
    const sc_event *const *steps;    /* the event matched by each sequence step */
    size_t step_count;
    expr_leaf_fn leaf;
    void *ctx;
} expr_env;

pacta_truth expr_eval(const expr *e, const expr_env *env);

/*
 * Evaluates e like expr_eval and appends to *leaves (pairs: the leaf, then
 * the event it was read at) each leaf whose being unknown makes e unknown:
 * under an unknown `all` only the unknown children count (none is false),
 * likewise under `any` (none is true). These are exactly the facts that would
 * decide e; nothing is appended when e is true or false. *oom is set when the
 * list cannot grow.
 */
pacta_truth expr_eval_collect(const expr *e, const expr_env *env, arena *ar, ptrvec *leaves,
                              int *oom);

/* Kleene connectives, shared with the evaluator's verdict logic. */
pacta_truth truth_and(pacta_truth a, pacta_truth b);
pacta_truth truth_or(pacta_truth a, pacta_truth b);
pacta_truth truth_not(pacta_truth a);

#endif
