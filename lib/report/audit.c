/*
 * audit.c: helpers shared by the tools over the law and the renderers
 * (see audit.h). The JSON objects are written with writer.h's members, so
 * that every object pacta prints reads the same way.
 */
#include "report/audit.h"

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
        v.read_at = keeper_str(k, s->read_at);
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

void json_source(writer *w, const pacta_source_view *s)
{
    int n = 0;
    writer_char(w, '{');
    json_member_opt(w, &n, "id", s->id);
    json_member_opt(w, &n, "title", s->title);
    json_member_opt(w, &n, "cite", s->cite);
    json_member_opt(w, &n, "url", s->url);
    json_member_opt(w, &n, "read_at", s->read_at);
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
            writer_char(w, ',');
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

void json_binding(writer *w, const pacta_binding_view *b)
{
    int n = 0;
    writer_char(w, '{');
    json_member_opt(w, &n, "consent", b->consent);
    json_member_opt(w, &n, "consent_type", b->consent_type);
    json_member_opt(w, &n, "in_force", b->in_force);
    json_member_opt(w, &n, "clause", b->clause);
    json_member_opt(w, &n, "via", b->via);
    writer_char(w, '}');
}

void json_fact(writer *w, const rp_fact *x, int span)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "ref", x->ref);
    json_member_string(w, &n, "value", pacta_truth_name(x->value));
    json_member_string(w, &n, "from", pacta_provenance_name(x->from));
    json_member_opt(w, &n, "detail", x->detail);
    json_member_opt(w, &n, "source", x->source);
    json_member_opt(w, &n, "text", x->text);
    if (span && x->from == PACTA_FROM_TEXT) {
        json_key(w, &n, "span");
        writer_printf(w, "[%zu,%zu]", x->span_start, x->span_end);
    }
    writer_char(w, '}');
}

void json_step_head(writer *w, int *members, const rp_step *s)
{
    json_member_string(w, members, "kind", pacta_step_kind_name(s->kind));
    json_member_opt(w, members, "id", s->id);
    json_member_opt(w, members, "label", s->label);
    json_member_opt(w, members, "provision", s->provision);
    json_member_opt(w, members, "provision_label", s->provision_label);
    json_member_string(w, members, "value", pacta_truth_name(s->value));
}

/* ------------------------------------------------------------ text */

const char *source_citation(keeper *k, const pacta_source_view *s)
{
    if (!s->id)
        return NULL;
    if (!s->title)
        return keeper_printf(k, "[%s] (not defined in the rules)", s->id);
    /* the short citation only when the title does not already say it */
    const char *cite = s->cite && !strstr(s->title, s->cite) ? s->cite : NULL;
    return keeper_printf(k, "[%s] %s%s%s%s%s%s%s%s", s->id, s->title, cite ? ", " : "",
                         cite ? cite : "", s->url ? ", " : "", s->url ? s->url : "",
                         s->read_at ? " (read at " : "", s->read_at ? s->read_at : "",
                         s->read_at ? ")" : "");
}
