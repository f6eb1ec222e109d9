/*
 * fuzz_common.h: what the fuzz harnesses share: where the real rules are
 * (PACTA_RULES in the environment, else the path compiled in by the
 * Makefile), the rulebase loaded from them once per process, the
 * invariants every error must satisfy whatever the input was, and the
 * checks on rendered output.
 */
#ifndef PACTA_FUZZ_COMMON_H
#define PACTA_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacta.h"

#ifndef PACTA_FUZZ_RULES
#define PACTA_FUZZ_RULES "rules"
#endif

static inline const char *fuzz_rules_dir(void)
{
    const char *env = getenv("PACTA_RULES");
    return env && *env ? env : PACTA_FUZZ_RULES;
}

static pacta_rulebase *fuzz_shared_rulebase;

static inline void fuzz_free_rulebase(void)
{
    pacta_rulebase_free(fuzz_shared_rulebase);
    fuzz_shared_rulebase = NULL;
}

/* The real rulebase, loaded on first use and freed at exit (so valgrind,
 * replaying the corpus, reports nothing held). */
static inline const pacta_rulebase *fuzz_rulebase(void)
{
    if (!fuzz_shared_rulebase) {
        pacta_error err;
        if (pacta_rulebase_load_dir(&fuzz_shared_rulebase, fuzz_rules_dir(), NULL, &err) !=
            PACTA_OK) {
            fprintf(stderr, "fuzz: cannot load the rules in %s: %s:%u:%u: %s\n",
                    fuzz_rules_dir(), err.file, err.line, err.column, err.message);
            abort();
        }
        atexit(fuzz_free_rulebase);
    }
    return fuzz_shared_rulebase;
}

/*
 * An error must say what went wrong as a terminated string, carry a status
 * that is an error, and format without overflowing; anything else is a bug
 * even if nothing crashed.
 */
static inline void fuzz_check_error(pacta_status st, const pacta_error *err)
{
    if (st >= PACTA_OK || st != err->status || err->message[0] == '\0' ||
        !memchr(err->file, '\0', sizeof err->file) ||
        !memchr(err->message, '\0', sizeof err->message) ||
        !memchr(err->hint, '\0', sizeof err->hint))
        abort();
    char buf[64];
    size_t need = pacta_error_format(err, buf, sizeof buf);
    if (strlen(buf) != (need < sizeof buf ? need : sizeof buf - 1))
        abort();
}

/* Rendered output, collected through a pacta_write_fn. */
typedef struct fuzz_output {
    char *data;
    size_t len, cap;
} fuzz_output;

static inline int fuzz_collect(void *ctx, const char *data, size_t len)
{
    fuzz_output *o = ctx;
    if (o->len + len > o->cap) {
        size_t cap = (o->len + len) * 2;
        char *p = realloc(o->data, cap);
        if (!p)
            abort();
        o->data = p;
        o->cap = cap;
    }
    memcpy(o->data + o->len, data, len);
    o->len += len;
    return 0;
}

/* One JSON object: braces and brackets balance outside strings, nothing follows. */
static inline void fuzz_check_json(const fuzz_output *o)
{
    size_t depth = 0;
    int in_string = 0;
    if (o->len == 0 || o->data[0] != '{')
        abort();
    for (size_t i = 0; i < o->len; i++) {
        unsigned char c = (unsigned char)o->data[i];
        if (in_string) {
            if (c < 0x20)
                abort();
            if (c == '\\')
                i++;
            else if (c == '"')
                in_string = 0;
            continue;
        }
        if (c == '"')
            in_string = 1;
        else if (c == '{' || c == '[')
            depth++;
        else if (c == '}' || c == ']') {
            if (depth == 0)
                abort();
            if (--depth == 0 && i + 1 != o->len)
                abort();
        }
    }
    if (depth != 0 || in_string)
        abort();
}

#endif
