/*
 * record.c: the compact batch record (record.h). Records are for programs
 * and a batch may hold millions, so they carry no blank after ',' and ':'
 * (the header, one per batch, keeps the full report's layout). A finding
 * has every member, even an empty "missing", so that a consumer never has
 * to tell a missing member from an empty one; but a not_applicable finding
 * says only which rule did not bind on which events: it has no basis to
 * weigh and no fact missing, and it is reported under its rule's own
 * instrument and provision (only a binding through another instrument, the
 * 1967 Protocol's route, changes them, and then the members are written).
 * On the wide benchmark two findings in three are not_applicable.
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
    if (f->verdict != PACTA_NOT_APPLICABLE || f->binding.via) {
        json_member_string(w, &n, "instrument", f->instrument);
        json_member_string(w, &n, "provision", f->provision);
        json_member_string(w, &n, "basis", f->basis);
        json_member_strings(w, &n, "missing", f->missing.count, f->missing.items);
    }
    writer_char(w, '}');
}

void record_report(writer *w, size_t index, const pacta_report *rep)
{
    writer_printf(w, "{\"index\":%zu,\"title\":", index);
    writer_json_string(w, rep->scenario_title ? rep->scenario_title : "");
    writer_str(w, ",\"findings\":[");
    for (size_t i = 0; i < rep->finding_count; i++) {
        if (i)
            writer_char(w, ',');
        record_finding(w, rep->findings[i]);
    }
    writer_str(w, "]}");
}

/* A fixed-size field of pacta_error, which need not be terminated; null when empty. */
static void error_field(writer *w, const char *name, const char *field, size_t size)
{
    size_t len = strnlen(field, size);
    writer_str(w, name);
    if (len == 0)
        writer_str(w, "null");
    else
        writer_json_stringn(w, field, len);
}

void record_error(writer *w, size_t index, const pacta_error *err)
{
    writer_printf(w, "{\"index\":%zu,\"error\":{", index);
    error_field(w, "\"file\":", err->file, sizeof err->file);
    writer_printf(w, ",\"line\":%u,\"column\":%u", err->line, err->column);
    error_field(w, ",\"message\":", err->message, sizeof err->message);
    error_field(w, ",\"hint\":", err->hint, sizeof err->hint);
    writer_str(w, "}}");
}
