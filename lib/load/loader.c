/*
 * loader.c: typed reads from YAML trees for the rule-file and scenario
 * loaders. Every failure names the node where it happened, so users get
 * "file:line:column: what is wrong" without each caller formatting it.
 */
#include "load/loader.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"

pacta_status load_error(const load_ctx *lc, const ynode *n, const char *fmt, ...)
{
    char message[PACTA_ERROR_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    return error_set(lc->err, PACTA_EINPUT, lc->file, n ? n->line : 1, n ? n->column : 1, "%s",
                     message);
}

static const char *list_at(const void *list, size_t i)
{
    return ((const char *const *)list)[i];
}

pacta_status load_check_map(const load_ctx *lc, const ynode *n, const char *what,
                            const char *const *allowed)
{
    if (!n || n->kind != YNODE_MAP)
        return load_error(lc, n, "%s must be a mapping", what);
    size_t allowed_count = 0;
    while (allowed[allowed_count])
        allowed_count++;
    for (size_t i = 0; i < n->count; i++) {
        const ynode *key = ymap_key(n, i);
        size_t k = 0;
        while (k < allowed_count && strcmp(key->str, allowed[k]) != 0)
            k++;
        if (k < allowed_count)
            continue;
        pacta_status st = load_error(lc, key, "unknown key '%s' in %s", key->str, what);
        const char *near = suggest_name(key->str, allowed, allowed_count, list_at);
        if (near) {
            error_hint(lc->err, "did you mean '%s'?", near);
        } else {
            char keys[PACTA_ERROR_HINT_MAX] = "";
            size_t used = 0;
            for (size_t a = 0; a < allowed_count && used + 1 < sizeof keys; a++) {
                int w = snprintf(keys + used, sizeof keys - used, "%s%s", a ? ", " : "", allowed[a]);
                if (w < 0)
                    break;
                used += (size_t)w;
            }
            error_hint(lc->err, "allowed keys: %s", keys);
        }
        return st;
    }
    return PACTA_OK;
}

pacta_status load_check_seq(const load_ctx *lc, const ynode *n, const char *what)
{
    if (!n || n->kind != YNODE_SEQ)
        return load_error(lc, n, "%s must be a list", what);
    return PACTA_OK;
}

pacta_status load_string(const load_ctx *lc, const ynode *map, const char *key, int required,
                         const char **out)
{
    const ynode *n = ymap_get(map, key);
    *out = NULL;
    if (!n) {
        if (required)
            return load_error(lc, map, "missing required key '%s'", key);
        return PACTA_OK;
    }
    if (n->kind != YNODE_SCALAR)
        return load_error(lc, n, "'%s' must be a single value, not a %s", key,
                          n->kind == YNODE_MAP ? "mapping" : "list");
    if (strlen(n->str) != n->len)
        return load_error(lc, n, "'%s' contains a NUL character", key);
    if (required && n->len == 0)
        return load_error(lc, n, "'%s' must not be empty", key);
    *out = n->str;
    return PACTA_OK;
}

static int is_ident(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++) {
        char c = *s;
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

pacta_status load_ident(const load_ctx *lc, const ynode *map, const char *key, int required,
                        const char **out)
{
    pacta_status st = load_string(lc, map, key, required, out);
    if (st != PACTA_OK || !*out)
        return st;
    if (!is_ident(*out)) {
        st = load_error(lc, ymap_get(map, key), "'%s' must be an identifier, not '%s'", key, *out);
        error_hint(lc->err, "use letters, digits, '_', '-' and '.' only");
        return st;
    }
    return PACTA_OK;
}

pacta_status load_bool(const load_ctx *lc, const ynode *map, const char *key, int *out)
{
    const ynode *n = ymap_get(map, key);
    if (!n)
        return PACTA_OK;
    if (yscalar_is(n, "true"))
        *out = 1;
    else if (yscalar_is(n, "false"))
        *out = 0;
    else
        return load_error(lc, n, "'%s' must be true or false", key);
    return PACTA_OK;
}

pacta_status load_truth_node(const load_ctx *lc, const ynode *n, pacta_truth *out)
{
    if (yscalar_is(n, "true"))
        *out = PACTA_TRUE;
    else if (yscalar_is(n, "false"))
        *out = PACTA_FALSE;
    else if (yscalar_is(n, "unknown"))
        *out = PACTA_UNKNOWN;
    else
        return load_error(lc, n, "a fact's value must be true, false or unknown");
    return PACTA_OK;
}

pacta_status load_date_node(const load_ctx *lc, const ynode *n, pdate_range *out, const char **text)
{
    if (!n || n->kind != YNODE_SCALAR)
        return load_error(lc, n, "a date must be a single value (YYYY-MM-DD, YYYY-MM or YYYY)");
    switch (pdate_parse(n->str, n->len, out)) {
    case PDATE_OK:
        break;
    case PDATE_IMPOSSIBLE:
        return load_error(lc, n, "'%s' is not a day of the calendar", n->str);
    default: {
        pacta_status st = load_error(lc, n, "'%s' is not a date", n->str);
        error_hint(lc->err, "write YYYY-MM-DD, or YYYY-MM or YYYY when only that is known");
        return st;
    }
    }
    if (text)
        *text = n->str;
    return PACTA_OK;
}

pacta_status load_count(const load_ctx *lc, const ynode *map, const char *key, long long *out)
{
    const ynode *n = ymap_get(map, key);
    if (!n)
        return PACTA_OK;
    long long v = 0;
    int ok = n->kind == YNODE_SCALAR && n->len > 0 && n->len <= 15;
    for (size_t i = 0; ok && i < n->len; i++) {
        if (n->str[i] < '0' || n->str[i] > '9')
            ok = 0;
        else
            v = v * 10 + (n->str[i] - '0');
    }
    if (!ok)
        return load_error(lc, n, "'%s' must be a whole number", key);
    *out = v;
    return PACTA_OK;
}

pacta_status load_string_list(const load_ctx *lc, const ynode *map, const char *key,
                              size_t *count, const char ***out)
{
    const ynode *n = ymap_get(map, key);
    *count = 0;
    *out = NULL;
    if (!n)
        return PACTA_OK;
    size_t len = n->kind == YNODE_SEQ ? n->count : 1;
    const char **items = arena_array(lc->ar, len ? len : 1, sizeof *items);
    if (!items)
        return error_set(lc->err, PACTA_ENOMEM, lc->file, n->line, n->column, "out of memory");
    for (size_t i = 0; i < len; i++) {
        const ynode *item = n->kind == YNODE_SEQ ? n->items[i] : n;
        if (item->kind != YNODE_SCALAR || item->len == 0)
            return load_error(lc, item, "'%s' must be a name or a list of names", key);
        items[i] = item->str;
    }
    *count = len;
    *out = items;
    return PACTA_OK;
}

pacta_status load_pattern(const load_ctx *lc, const ynode *map, const char *key,
                          pcre2_general_context *gctx, const char **pattern, pcre2_code **code)
{
    *code = NULL;
    pacta_status st = load_string(lc, map, key, 1, pattern);
    if (st != PACTA_OK)
        return st;
    int rc;
    PCRE2_SIZE offset;
    pcre2_compile_context *cc = pcre2_compile_context_create(gctx);
    if (!cc)
        return error_set(lc->err, PACTA_ENOMEM, lc->file, 0, 0, "out of memory");
    *code = pcre2_compile((PCRE2_SPTR)*pattern, strlen(*pattern), PCRE2_UTF | PCRE2_MATCH_INVALID_UTF,
                          &rc, &offset, cc);
    pcre2_compile_context_free(cc);
    if (!*code && rc == PCRE2_ERROR_HEAP_FAILED)
        return error_set(lc->err, PACTA_ENOMEM, lc->file, 0, 0, "out of memory");
    if (!*code) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(rc, message, sizeof message);
        return load_error(lc, ymap_get(map, key), "the pattern does not compile at offset %zu: %s",
                          (size_t)offset, (const char *)message);
    }
    /* JIT is an optimisation: where it is unavailable the interpreter runs */
    (void)pcre2_jit_compile(*code, PCRE2_JIT_COMPLETE);
    return PACTA_OK;
}
