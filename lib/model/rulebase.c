/*
 * rulebase.c: what a finished rulebase answers: its digest and counts, the
 * lookups of sources, states, facts, actions, instruments and rules by
 * name, and what its instruments and rules say about a provision. The
 * loaders fill the rulebase (load/); everything above them only asks.
 */
#include "model/rulebase.h"

#include <string.h>

#include "base/error.h"

int provision_covered(const char *prefix, const char *p)
{
    size_t n = strlen(prefix);
    return strncmp(prefix, p, n) == 0 && (p[n] == '\0' || (p[n] == '_' && p[n + 1] == '_'));
}

const char *pacta_rulebase_digest(const pacta_rulebase *rb)
{
    return rb && rb->finished ? rb->digest : "";
}

size_t pacta_rulebase_file_count(const pacta_rulebase *rb)
{
    return rb ? rb->file_count : 0;
}

size_t pacta_rulebase_rule_count(const pacta_rulebase *rb)
{
    return rb ? rb->rule_count : 0;
}

/* ---------------------------------------------------------------- lookups */

#define DEFINE_LOOKUP(fn, type, array, count, key)                                  \
    const type *fn(const pacta_rulebase *rb, const char *name)                      \
    {                                                                               \
        size_t lo = 0, hi = rb->count;                                              \
        while (lo < hi) {                                                           \
            size_t mid = lo + (hi - lo) / 2;                                        \
            int c = strcmp(rb->array[mid]->key, name);                              \
            if (c == 0)                                                             \
                return rb->array[mid];                                              \
            if (c < 0)                                                              \
                lo = mid + 1;                                                       \
            else                                                                    \
                hi = mid;                                                           \
        }                                                                           \
        return NULL;                                                                \
    }

DEFINE_LOOKUP(rb_source, source_def, sources, source_count, id)
DEFINE_LOOKUP(rb_state, state_def, states, state_count, code)
DEFINE_LOOKUP(rb_fact, fact_def, facts, fact_count, name)
DEFINE_LOOKUP(rb_action, action_def, actions, action_count, name)
DEFINE_LOOKUP(rb_instrument, instrument_def, instruments, instrument_count, id)

const char *source_short_cite(const source_def *s)
{
    return s ? s->cite : NULL;
}

const char *rb_source_cited_as(const pacta_rulebase *rb, const char *id)
{
    const source_def *s = rb && id ? rb_source(rb, id) : NULL;
    return !s ? id : s->cite ? s->cite : s->title;
}

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether host[0..n) is name, or a subdomain of it ("text-id.123dok.com" of "123dok.com"). */
static int host_is(const char *host, size_t n, const char *name)
{
    size_t m = strlen(name);
    if (m > n)
        return 0;
    for (size_t i = 0; i < m; i++)
        if (ascii_lower(host[n - m + i]) != name[i])
            return 0;
    return m == n || host[n - m - 1] == '.';
}

const host_def *rb_url_host(const pacta_rulebase *rb, const char *url)
{
    if (!url)
        return NULL;
    const char *p = strstr(url, "://");
    p = p ? p + 3 : url;
    size_t n = strcspn(p, "/?#");
    const char *at = memchr(p, '@', n); /* user information is not the host */
    if (at) {
        n -= (size_t)(at + 1 - p);
        p = at + 1;
    }
    const char *colon = memchr(p, ':', n);
    if (colon)
        n = (size_t)(colon - p);
    /* the most specific host listed wins: an official page on a host that also serves copies */
    const host_def *best = NULL;
    for (size_t i = 0; i < rb->host_count; i++) {
        const host_def *h = rb->hosts[i];
        if (host_is(p, n, h->host) && (!best || strlen(h->host) > strlen(best->host)))
            best = h;
    }
    return best;
}

/* ASCII only: strcasecmp follows the host program's locale (a Turkish one
 * folds 'I' to a dotless i), and state codes and names are ASCII. */
static int same_ignoring_ascii_case(const char *a, const char *b)
{
    for (;; a++, b++) {
        char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 'a' + 'A') : *a;
        char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 'a' + 'A') : *b;
        if (x != y)
            return 0;
        if (x == '\0')
            return 1;
    }
}

const state_def *rb_state_loosely(const pacta_rulebase *rb, const char *text)
{
    const state_def *exact = rb_state(rb, text);
    if (exact)
        return exact;
    for (size_t i = 0; i < rb->state_count; i++) {
        const state_def *s = rb->states[i];
        if (same_ignoring_ascii_case(s->code, text) || same_ignoring_ascii_case(s->name, text))
            return s;
    }
    return NULL;
}

static const char *state_name_at(const void *states, size_t i)
{
    return ((const state_def *const *)states)[i]->name;
}

const state_def *rb_state_meant(const pacta_rulebase *rb, const char *text)
{
    const state_def *loose = rb_state_loosely(rb, text);
    if (loose)
        return loose;
    const char *name = suggest_name(text, rb->states, rb->state_count, state_name_at);
    for (size_t i = 0; name && i < rb->state_count; i++)
        if (rb->states[i]->name == name)
            return rb->states[i];
    return NULL;
}

const rule_def *rb_rule(const pacta_rulebase *rb, const char *id)
{
    for (size_t i = 0; rb && id && i < rb->rule_count; i++)
        if (strcmp(rb->rules[i]->id, id) == 0)
            return rb->rules[i];
    return NULL;
}

const provision_def *instrument_provision(const instrument_def *inst, const char *id)
{
    for (size_t i = 0; i < inst->provision_count; i++)
        if (strcmp(inst->provisions[i].id, id) == 0)
            return &inst->provisions[i];
    return NULL;
}

const party_def *instrument_party(const instrument_def *inst, const char *state_code)
{
    size_t lo = 0, hi = inst->party_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(inst->parties[mid]->state->code, state_code);
        if (c == 0)
            return inst->parties[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

int instrument_may_omit(const instrument_def *inst, const state_def *s)
{
    if (!inst->parties_incomplete)
        return 0;
    for (size_t i = 0; i < inst->unrecorded_count; i++)
        if (inst->unrecorded[i] == s)
            return 1;
    return inst->unrecorded_count == 0;
}

static int covered_by_any(size_t n, const char *const *prefixes, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (provision_covered(prefixes[i], id))
            return 1;
    return 0;
}

int instrument_non_reservable(const instrument_def *inst, const char *provision)
{
    return covered_by_any(inst->non_reservable_count, inst->non_reservable, provision);
}

int instrument_incorporates(const instrument_def *inst, const char *provision)
{
    return covered_by_any(inst->incorporated_count, inst->incorporated, provision);
}

int rules_rely_on(const pacta_rulebase *rb, const instrument_def *inst, const char *id)
{
    for (size_t r = 0; r < rb->rule_count; r++) {
        const rule_def *rule = rb->rules[r];
        if (rule->instrument != inst)
            continue;
        if (strcmp(rule->provision->id, id) == 0)
            return 1;
        for (size_t e = 0; e < rule->element_count; e++)
            if (rule->elements[e].provision && strcmp(rule->elements[e].provision->id, id) == 0)
                return 1;
    }
    return 0;
}

/* origin.file points at the path the file was read by (doc_names); its twin relative to the folder is kept beside it */
const char *rb_file_in_rules(const pacta_rulebase *rb, const char *file)
{
    for (size_t i = 0; file && i < rb->doc_names.count && i < rb->doc_rel_names.count; i++)
        if (rb->doc_names.items[i] == file || strcmp(rb->doc_names.items[i], file) == 0)
            return rb->doc_rel_names.items[i];
    return file;
}
