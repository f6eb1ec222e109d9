/*
 * rulebase_build.c: the life cycle of a rulebase (new, add files, finish,
 * free). Reading the sections of the rule files is in rules_load.c; this
 * file decides the order the sections are read in, sorts the definitions
 * for lookup and indexes the rules by action, so that a check never scans
 * rules that cannot fire. Questions asked of a finished rulebase are in
 * model/rulebase.c.
 */
#include "load/rules_load.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <nettle/sha2.h>

#include "base/error.h"
#include "base/fileio.h"

void pacta_options_init(pacta_options *opts)
{
    memset(opts, 0, sizeof *opts);
    opts->max_input_bytes = 16u << 20;
    opts->max_depth = 64;
    opts->max_alias_nodes = 100000;
    opts->max_string_bytes = 1u << 20;
    opts->max_events = 100000;
    opts->max_persons = 100000;
    opts->max_rules = 100000;
    opts->max_sequence_steps = 10000000;
    opts->regex_match_limit = 1000000;
    opts->regex_depth_limit = 10000;
    opts->regex_heap_limit_kib = 20000;
}

/* Zero fields of the caller's options mean "the default". */
static void resolve_options(pacta_options *dst, const pacta_options *src)
{
    pacta_options_init(dst);
    if (!src)
        return;
#define TAKE(field) \
    if (src->field) \
    dst->field = src->field
    TAKE(max_input_bytes);
    TAKE(max_depth);
    TAKE(max_alias_nodes);
    TAKE(max_string_bytes);
    TAKE(max_events);
    TAKE(max_persons);
    TAKE(max_rules);
    TAKE(max_sequence_steps);
    TAKE(regex_match_limit);
    TAKE(regex_depth_limit);
    TAKE(regex_heap_limit_kib);
#undef TAKE
    if (src->allocator.malloc_fn && src->allocator.free_fn)
        dst->allocator = src->allocator;
}

static void *pcre_malloc(size_t size, void *data)
{
    const pacta_allocator *a = data;
    return a->malloc_fn ? a->malloc_fn(a->ctx, size) : malloc(size);
}

static void pcre_free(void *ptr, void *data)
{
    const pacta_allocator *a = data;
    if (a->free_fn)
        a->free_fn(a->ctx, ptr);
    else
        free(ptr);
}

pacta_status pacta_rulebase_new(pacta_rulebase **out, const pacta_options *opts, pacta_error *err)
{
    if (!out)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_rulebase_new: out is NULL");
    *out = NULL;
    pacta_options resolved;
    resolve_options(&resolved, opts);
    arena *ar = arena_new(&resolved.allocator);
    if (!ar)
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    pacta_rulebase *rb = arena_alloc(ar, sizeof *rb);
    struct sha256_ctx *sha = arena_alloc(ar, sizeof *sha);
    if (!rb || !sha) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    rb->opts = resolved;
    rb->ar = ar;
    sha256_init(sha);
    rb->digest_ctx = sha;
    rb->general_ctx = pcre2_general_context_create(pcre_malloc, pcre_free,
                                                   (void *)arena_allocator(ar));
    if (!rb->general_ctx) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    *out = rb;
    return PACTA_OK;
}

void pacta_rulebase_free(pacta_rulebase *rb)
{
    if (!rb)
        return;
    for (size_t i = 0; i < rb->indicator_count; i++)
        pcre2_code_free(rb->indicators[i]->code);
    for (size_t i = 0; i < rb->draft_cue_count; i++)
        pcre2_code_free(rb->draft_cues[i]->code);
    pcre2_code_free(rb->draft_mentions);
    pcre2_match_context_free(rb->match_ctx);
    pcre2_general_context_free(rb->general_ctx);
    arena_free(rb->ar);
}

/* digest_name is what the digest covers, so that the same rules give the same
 * digest wherever they are installed; display_name is what errors show. */
static pacta_status add_named(pacta_rulebase *rb, const char *display_name,
                              const char *digest_name, const char *data, size_t len,
                              pacta_error *err)
{
    if (!rb || (!data && len))
        return error_set(err, PACTA_EUSAGE, display_name ? display_name : "", 0, 0,
                         "pacta_rulebase_add: invalid argument");
    if (rb->finished)
        return error_set(err, PACTA_EUSAGE, display_name, 0, 0,
                         "the rulebase is finished: no more files can be added");
    if (len > rb->opts.max_input_bytes)
        return error_set(err, PACTA_ELIMIT, display_name, 1, 1,
                         "file is larger than the limit of %zu bytes", rb->opts.max_input_bytes);
    const char *name = arena_strdup(rb->ar, display_name);
    char *copy = arena_strndup(rb->ar, data ? data : "", len);
    yreader *reader = name && copy ? yreader_new(name, copy, len, &rb->opts) : NULL;
    if (!reader)
        return error_set(err, PACTA_ENOMEM, display_name, 0, 0, "out of memory");
    ynode *root = NULL, *extra = NULL;
    pacta_status st = yreader_next(reader, rb->ar, &root, err);
    if (st == PACTA_DONE)
        st = error_set(err, PACTA_EINPUT, name, 1, 1, "empty rule file");
    if (st == PACTA_OK) {
        st = yreader_next(reader, rb->ar, &extra, err);
        if (st == PACTA_OK)
            st = error_set(err, PACTA_EINPUT, name, extra->line, extra->column,
                           "a rule file holds one YAML document");
        else if (st == PACTA_DONE)
            st = PACTA_OK;
    }
    yreader_free(reader);
    if (st != PACTA_OK)
        return st;
    const char *rel = arena_strdup(rb->ar, digest_name);
    if (!rel || ptrvec_push(rb->ar, &rb->docs, root) ||
        ptrvec_push(rb->ar, &rb->doc_names, (void *)name) ||
        ptrvec_push(rb->ar, &rb->doc_rel_names, (void *)rel))
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    struct sha256_ctx *sha = rb->digest_ctx;
    sha256_update(sha, strlen(digest_name) + 1, (const uint8_t *)digest_name);
    char size_text[32];
    int n = snprintf(size_text, sizeof size_text, "%zu", len);
    sha256_update(sha, (size_t)n + 1, (const uint8_t *)size_text);
    sha256_update(sha, len, (const uint8_t *)copy);
    rb->file_count++;
    return PACTA_OK;
}

pacta_status pacta_rulebase_add_buffer(pacta_rulebase *rb, const char *name, const char *data,
                                       size_t len, pacta_error *err)
{
    if (!name)
        name = "<buffer>";
    return add_named(rb, name, name, data, len, err);
}

static pacta_status add_file_named(pacta_rulebase *rb, const char *path, const char *digest_name,
                                   pacta_error *err)
{
    if (!rb || !path)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_rulebase_add_file: invalid argument");
    arena *scratch;
    char *data;
    size_t len;
    pacta_status st = read_file_scratch(&scratch, &rb->opts, path, &data, &len, err);
    if (st == PACTA_OK)
        st = add_named(rb, path, digest_name, data, len, err);
    arena_free(scratch);
    return st;
}

pacta_status pacta_rulebase_add_file(pacta_rulebase *rb, const char *path, pacta_error *err)
{
    return add_file_named(rb, path, path, err);
}

/* ------------------------------------------------------------ directories */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_yaml_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Collects the *.yaml paths below dir (relative to the root) into files. */
static pacta_status collect_yaml(arena *ar, const char *root, const char *rel, unsigned depth,
                                 ptrvec *files, pacta_error *err)
{
    const char *dir = *rel ? arena_printf(ar, "%s/%s", root, rel) : root;
    if (!dir)
        return error_set(err, PACTA_ENOMEM, root, 0, 0, "out of memory");
    if (depth > 16)
        return error_set(err, PACTA_ELIMIT, dir, 0, 0, "rule folders nested too deep");
    DIR *d = opendir(dir);
    if (!d)
        return error_set(err, PACTA_EIO, dir, 0, 0, "cannot open the rules folder: %s",
                         strerror(errno));
    pacta_status st = PACTA_OK;
    struct dirent *entry;
    while (st == PACTA_OK && (entry = readdir(d)) != NULL) {
        if (entry->d_name[0] == '.')
            continue;
        const char *child = *rel ? arena_printf(ar, "%s/%s", rel, entry->d_name)
                                 : arena_strdup(ar, entry->d_name);
        const char *full = child ? arena_printf(ar, "%s/%s", root, child) : NULL;
        struct stat info;
        if (!full) {
            st = error_set(err, PACTA_ENOMEM, dir, 0, 0, "out of memory");
        } else if (stat(full, &info) != 0) {
            continue; /* a dangling link is not a rule file */
        } else if (S_ISDIR(info.st_mode)) {
            st = collect_yaml(ar, root, child, depth + 1, files, err);
        } else if (has_yaml_suffix(entry->d_name) && ptrvec_push(ar, files, (void *)child)) {
            st = error_set(err, PACTA_ENOMEM, dir, 0, 0, "out of memory");
        }
    }
    closedir(d);
    return st;
}

pacta_status pacta_rulebase_load_dir(pacta_rulebase **out, const char *dir,
                                     const pacta_options *opts, pacta_error *err)
{
    if (!out || !dir)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_rulebase_load_dir: invalid argument");
    *out = NULL;
    pacta_rulebase *rb;
    pacta_status st = pacta_rulebase_new(&rb, opts, err);
    if (st != PACTA_OK)
        return st;
    arena *scratch = arena_new(&rb->opts.allocator);
    ptrvec files = {0};
    st = scratch ? collect_yaml(scratch, dir, "", 0, &files, err)
                 : error_set(err, PACTA_ENOMEM, dir, 0, 0, "out of memory");
    if (st == PACTA_OK && files.count == 0)
        st = error_set(err, PACTA_EINPUT, dir, 0, 0, "no *.yaml rule files in this folder");
    if (st == PACTA_OK)
        qsort(files.items, files.count, sizeof *files.items, compare_strings);
    for (size_t i = 0; st == PACTA_OK && i < files.count; i++) {
        const char *path = arena_printf(scratch, "%s/%s", dir, (const char *)files.items[i]);
        st = path ? add_file_named(rb, path, files.items[i], err)
                  : error_set(err, PACTA_ENOMEM, dir, 0, 0, "out of memory");
    }
    arena_free(scratch);
    if (st == PACTA_OK)
        st = pacta_rulebase_finish(rb, err);
    if (st != PACTA_OK) {
        pacta_rulebase_free(rb);
        return st;
    }
    *out = rb;
    return PACTA_OK;
}

/* ---------------------------------------------------------------- finish */

static void finish_digest(pacta_rulebase *rb)
{
    uint8_t raw[SHA256_DIGEST_SIZE];
    sha256_digest(rb->digest_ctx, sizeof raw, raw);
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < sizeof raw; i++) {
        rb->digest[2 * i] = hex[raw[i] >> 4];
        rb->digest[2 * i + 1] = hex[raw[i] & 15];
    }
    rb->digest[64] = '\0';
}

static pacta_status build_action_index(pacta_rulebase *rb, pacta_error *err)
{
    size_t counts[MAX_ACTIONS] = {0};
    for (size_t r = 0; r < rb->rule_count; r++) {
        const rule_def *rule = rb->rules[r];
        action_mask m = rule->step_count ? rule->steps[rule->step_count - 1].actions : rule->trigger;
        for (size_t a = 0; a < rb->action_count; a++)
            if (m & ((action_mask)1 << a))
                counts[a]++;
    }
    for (size_t a = 0; a < rb->action_count; a++) {
        rb->by_action[a].rules = arena_array(rb->ar, counts[a] ? counts[a] : 1,
                                             sizeof *rb->by_action[a].rules);
        if (!rb->by_action[a].rules)
            return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    for (size_t r = 0; r < rb->rule_count; r++) {
        const rule_def *rule = rb->rules[r];
        action_mask m = rule->step_count ? rule->steps[rule->step_count - 1].actions : rule->trigger;
        for (size_t a = 0; a < rb->action_count; a++)
            if (m & ((action_mask)1 << a))
                rb->by_action[a].rules[rb->by_action[a].count++] = rule;
    }
    return PACTA_OK;
}

pacta_status pacta_rulebase_finish(pacta_rulebase *rb, pacta_error *err)
{
    if (!rb)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_rulebase_finish: rulebase is NULL");
    if (rb->finished)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "the rulebase is already finished");
    if (rb->file_count == 0)
        return error_set(err, PACTA_EINPUT, "", 0, 0, "no rule files were added");
    pacta_status st = rules_load_all(rb, err);
    if (st != PACTA_OK)
        return st;
    st = build_action_index(rb, err);
    if (st != PACTA_OK)
        return st;
    rb->match_ctx = pcre2_match_context_create(rb->general_ctx);
    if (!rb->match_ctx)
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    pcre2_set_match_limit(rb->match_ctx, rb->opts.regex_match_limit);
    pcre2_set_depth_limit(rb->match_ctx, rb->opts.regex_depth_limit);
    pcre2_set_heap_limit(rb->match_ctx, rb->opts.regex_heap_limit_kib);
    finish_digest(rb);
    /* the parsed trees are no longer needed; their memory stays in the arena */
    rb->docs.count = 0;
    rb->finished = 1;
    return PACTA_OK;
}
