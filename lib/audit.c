/*
 * audit.c: helpers shared by lint, timeline and show (see audit.h). The
 * JSON members follow render_json.c's conventions (", " and ": "
 * separators, one line, optional members omitted) so that every object
 * pacta prints reads the same way.
 */
#include "audit.h"

#include <stdarg.h>
#include <string.h>

/* ------------------------------------------------------------ keeping */

const char *keeper_str(keeper *k, const char *s)
{
    if (!s)
        return NULL;
    const char *copy = arena_strdup(k->ar, s);
    if (!copy)
        k->oom = 1;
    return copy;
}

const char *keeper_printf(keeper *k, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const char *s = arena_vprintf(k->ar, fmt, ap);
    va_end(ap);
    if (!s)
        k->oom = 1;
    return s;
}

const char *keeper_join(keeper *k, const char *list, const char *sep, const char *item)
{
    if (!list)
        list = "";
    const char *joined = keeper_printf(k, "%s%s%s", list, *list ? sep : "", item ? item : "");
    return joined ? joined : list;
}

void *keeper_array(keeper *k, size_t n, size_t size)
{
    void *p = arena_array(k->ar, n ? n : 1, size);
    if (!p)
        k->oom = 1;
    return p;
}

pacta_source_view keeper_source(keeper *k, const pacta_rulebase *rb, const char *id)
{
    pacta_source_view v = {0};
    if (!id)
        return v;
    const source_def *s = rb_source(rb, id);
    v.id = keeper_str(k, id);
    if (s) {
        v.title = keeper_str(k, s->title);
        v.cite = keeper_str(k, s->cite);
        v.url = keeper_str(k, s->url);
    }
    return v;
}

const char *eid_label(const instrument_def *inst, const char *id)
{
    const provision_def *p = id ? instrument_provision(inst, id) : NULL;
    return p ? p->label : id;
}

const char *basis_name(binding_kind kind)
{
    switch (kind) {
    case BIND_TREATY:
        return "treaty";
    case BIND_CUSTOMARY:
        return "customary";
    case BIND_DOMESTIC:
        return "domestic";
    case BIND_BILATERAL:
        break;
    }
    return "bilateral";
}

void stamp_rulebase(rulebase_stamp *stamp, const pacta_rulebase *rb)
{
    memset(stamp, 0, sizeof *stamp);
    if (!rb)
        return;
    stamp->set = 1;
    memcpy(stamp->digest, pacta_rulebase_digest(rb), sizeof stamp->digest - 1);
    stamp->files = pacta_rulebase_file_count(rb);
    stamp->rules = pacta_rulebase_rule_count(rb);
}

/* ------------------------------------------------------------ JSON */

void json_key(writer *w, int *members, const char *name)
{
    if ((*members)++)
        writer_bytes(w, ", ", 2);
    writer_json_string(w, name);
    writer_bytes(w, ": ", 2);
}

void json_member_string(writer *w, int *members, const char *name, const char *value)
{
    json_key(w, members, name);
    writer_json_string(w, value);
}

void json_member_opt(writer *w, int *members, const char *name, const char *value)
{
    if (value)
        json_member_string(w, members, name, value);
}

void json_member_size(writer *w, int *members, const char *name, size_t value)
{
    json_key(w, members, name);
    writer_printf(w, "%zu", value);
}

void json_member_bool(writer *w, int *members, const char *name, int value)
{
    json_key(w, members, name);
    writer_str(w, value ? "true" : "false");
}

void json_member_strings(writer *w, int *members, const char *name, size_t count,
                         const char *const *items)
{
    json_key(w, members, name);
    writer_char(w, '[');
    for (size_t i = 0; i < count; i++) {
        if (i)
            writer_bytes(w, ", ", 2);
        writer_json_string(w, items[i]);
    }
    writer_char(w, ']');
}

void json_source(writer *w, const pacta_source_view *s)
{
    int n = 0;
    writer_char(w, '{');
    json_member_opt(w, &n, "id", s->id);
    json_member_opt(w, &n, "title", s->title);
    json_member_opt(w, &n, "cite", s->cite);
    json_member_opt(w, &n, "url", s->url);
    writer_char(w, '}');
}

void json_member_source(writer *w, int *members, const char *name, const pacta_source_view *s)
{
    if (!s->id)
        return;
    json_key(w, members, name);
    json_source(w, s);
}

void json_member_sources(writer *w, int *members, const char *name, size_t count,
                         const pacta_source_view *items)
{
    json_key(w, members, name);
    writer_char(w, '[');
    for (size_t i = 0; i < count; i++) {
        if (i)
            writer_bytes(w, ", ", 2);
        json_source(w, &items[i]);
    }
    writer_char(w, ']');
}

void json_head(writer *w, int *members, const rulebase_stamp *stamp)
{
    json_member_string(w, members, "pacta", PACTA_VERSION_STRING);
    if (!stamp->set)
        return;
    int n = 0;
    json_key(w, members, "rulebase");
    writer_char(w, '{');
    json_member_string(w, &n, "sha256", stamp->digest);
    json_member_size(w, &n, "files", stamp->files);
    json_member_size(w, &n, "rules", stamp->rules);
    writer_char(w, '}');
}

/* ------------------------------------------------------------ text */

/* Code points in s[0..len), each invalid sequence counting as one. */
static size_t columns(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; n++) {
        uint32_t cp;
        i += utf8_decode(s + i, len - i, &cp);
    }
    return n;
}

size_t text_wrap(writer *w, size_t col, size_t indent, const char *text)
{
    size_t len = text ? strlen(text) : 0, i = 0;
    int first = 1;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (text_is_space(cp)) {
            i += n;
            continue;
        }
        size_t start = i;
        while (i < len) {
            n = utf8_decode(text + i, len - i, &cp);
            if (text_is_space(cp))
                break;
            i += n;
        }
        size_t cols = columns(text + start, i - start);
        if (!first && col + 1 + cols > AUDIT_WIDTH && col > indent) {
            writer_char(w, '\n');
            for (size_t s = 0; s < indent; s++)
                writer_char(w, ' ');
            col = indent;
        } else if (!first) {
            writer_char(w, ' ');
            col++;
        }
        writer_textn(w, text + start, i - start);
        col += cols;
        first = 0;
    }
    return col;
}

void text_item(writer *w, size_t indent, const char *prefix, const char *text)
{
    for (size_t s = 0; s < indent; s++)
        writer_char(w, ' ');
    if (!prefix)
        prefix = "";
    writer_text(w, prefix);
    size_t col = indent + columns(prefix, strlen(prefix));
    text_wrap(w, col, col, text);
    writer_char(w, '\n');
}

const char *source_citation(keeper *k, const pacta_source_view *s)
{
    if (!s->id)
        return NULL;
    if (!s->title)
        return keeper_printf(k, "[%s] (not defined in the rules)", s->id);
    return keeper_printf(k, "[%s] %s%s%s%s%s", s->id, s->title, s->cite ? ", " : "",
                 s->cite ? s->cite : "", s->url ? ", " : "", s->url ? s->url : "");
}

void text_hanging(writer *w, size_t indent, size_t hang, const char *text)
{
    for (size_t s = 0; s < indent; s++)
        writer_char(w, ' ');
    text_wrap(w, indent, indent + hang, text);
    writer_char(w, '\n');
}
