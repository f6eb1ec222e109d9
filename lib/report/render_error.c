/*
 * render_error.c: pacta_render_error(), an error rendered where a report
 * would stand. A batch writes one object per scenario; a scenario that does
 * not load still gets its object, so that consumers can match output to
 * input by position and the rest of the batch goes on.
 */
#include <string.h>

#include "base/writer.h"

/* A fixed-size field of pacta_error, which need not be terminated. */
static void member_field(writer *w, const char *name, const char *field, size_t size, int first)
{
    size_t len = strnlen(field, size);
    if (!first)
        writer_char(w, ',');
    writer_json_string(w, name);
    writer_char(w, ':');
    if (len == 0 && strcmp(name, "hint") == 0)
        writer_bytes(w, "null", 4);
    else
        writer_json_stringn(w, field, len);
}

static void render_json_error(writer *w, const pacta_error *err)
{
    writer_str(w, "{\"pacta\":");
    writer_json_string(w, PACTA_VERSION_STRING);
    writer_str(w, ",\"error\":{");
    member_field(w, "file", err->file, sizeof err->file, 1);
    writer_printf(w, ",\"line\":%u,\"column\":%u", err->line, err->column);
    member_field(w, "message", err->message, sizeof err->message, 0);
    member_field(w, "hint", err->hint, sizeof err->hint, 0);
    writer_str(w, "}}");
}

static void render_text_error(writer *w, const pacta_error *err)
{
    char text[PACTA_ERROR_FILE_MAX + PACTA_ERROR_MESSAGE_MAX + PACTA_ERROR_HINT_MAX + 64];
    pacta_error_format(err, text, sizeof text);
    writer_text(w, text);
    writer_char(w, '\n');
}

pacta_status pacta_render_error(const pacta_error *err, pacta_format format, pacta_write_fn write,
                                void *ctx)
{
    if (!err || !write || (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, NULL);
    if (format == PACTA_FORMAT_JSON)
        render_json_error(&w, err);
    else
        render_text_error(&w, err);
    return writer_finish(&w);
}
