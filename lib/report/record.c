/*
 * record.c: the compact batch record (record.h), written with the same
 * one-line JSON layout as the full report so that both read alike. Every
 * member is always present, so a consumer never has to tell a missing
 * member from an empty one.
 */
#include "report/record.h"

#include <string.h>

void record_header(writer *w, const pacta_rulebase *rb, const char *input)
{
    int n = 0, r = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "pacta", PACTA_VERSION_STRING);
    json_member_string(w, &n, "batch", input);
    json_member_string(w, &n, "detail", "compact");
    json_key(w, &n, "rulebase");
    writer_char(w, '{');
    json_key(w, &r, "format");
    writer_printf(w, "%d", RULES_FORMAT_VERSION);
    json_member_string(w, &r, "sha256", pacta_rulebase_digest(rb));
    json_member_size(w, &r, "files", pacta_rulebase_file_count(rb));
    writer_str(w, "}}");
}

static void record_finding(writer *w, const pacta_finding *f)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "rule", f->rule);
    json_member_string(w, &n, "verdict", pacta_verdict_name(f->verdict));
    json_member_strings(w, &n, "events", f->events.count, f->events.items);
    json_member_string(w, &n, "instrument", f->instrument);
    json_member_string(w, &n, "provision", f->provision);
    json_member_string(w, &n, "basis", f->basis);
    json_member_strings(w, &n, "missing", f->missing.count, f->missing.items);
    writer_char(w, '}');
}

void record_report(writer *w, size_t index, const pacta_report *rep)
{
    int n = 0;
    writer_char(w, '{');
    json_member_size(w, &n, "index", index);
    json_member_string(w, &n, "title", rep->scenario_title ? rep->scenario_title : "");
    json_key(w, &n, "findings");
    writer_char(w, '[');
    for (size_t i = 0; i < rep->finding_count; i++) {
        if (i)
            writer_bytes(w, ", ", 2);
        record_finding(w, rep->findings[i]);
    }
    writer_str(w, "]}");
}

/* A fixed-size field of pacta_error, which need not be terminated. */
static void error_field(writer *w, int *members, const char *name, const char *field, size_t size)
{
    size_t len = strnlen(field, size);
    json_key(w, members, name);
    if (len == 0)
        writer_str(w, "null");
    else
        writer_json_stringn(w, field, len);
}

void record_error(writer *w, size_t index, const pacta_error *err)
{
    int n = 0, e = 0;
    writer_char(w, '{');
    json_member_size(w, &n, "index", index);
    json_key(w, &n, "error");
    writer_char(w, '{');
    error_field(w, &e, "file", err->file, sizeof err->file);
    json_member_size(w, &e, "line", err->line);
    json_member_size(w, &e, "column", err->column);
    error_field(w, &e, "message", err->message, sizeof err->message);
    error_field(w, &e, "hint", err->hint, sizeof err->hint);
    writer_str(w, "}}");
}
