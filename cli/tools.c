/*
 * tools.c: what the commands over the law (lint, timeline, show, grade)
 * share: their options (--rules, --format, --all and each command's own;
 * check's and test's options are read with the same cli_option_value),
 * usage errors and --help, and writing to standard output. Like the rest of the CLI it uses
 * only pacta.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_tool_usage(const char *command, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "pacta %s: ", command);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\nTry 'pacta %s --help'.\n", command);
    va_end(ap);
    return CLI_EXIT_BAD;
}

int cli_option_value(int argc, char **argv, int *i, const char *name, const char **value)
{
    size_t n = strlen(name);
    const char *a = argv[*i];
    if (strncmp(a, name, n) != 0 || (a[n] != '=' && a[n] != '\0'))
        return 0;
    if (a[n] == '=') {
        *value = a + n + 1;
        return 1;
    }
    if (*i + 1 >= argc)
        return -1;
    *value = argv[++*i];
    return 1;
}

int cli_parse_tool_args(int argc, char **argv, const cli_tool_option *extra, cli_tool_args *out)
{
    const char *command = argv[0];
    int only_operands = 0;
    memset(out, 0, sizeof *out);
    out->format = PACTA_FORMAT_TEXT;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i], *value = NULL;
        int m = 0;
        if (only_operands || arg[0] != '-' || strcmp(arg, "-") == 0) {
            if (out->operand)
                return cli_tool_usage(command, "one operand only; '%s' is one too many", arg);
            out->operand = arg;
            continue;
        }
        if (strcmp(arg, "--") == 0) {
            only_operands = 1;
            continue;
        }
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            out->help = 1;
            continue;
        }
        if (strcmp(arg, "--all") == 0) {
            out->flags |= PACTA_RENDER_ALL;
            continue;
        }
        if ((m = cli_option_value(argc, argv, &i, "--rules", &value)) > 0) {
            out->rules = value;
            continue;
        }
        if (m == 0 && (m = cli_option_value(argc, argv, &i, "--format", &value)) > 0) {
            if (strcmp(value, "text") == 0)
                out->format = PACTA_FORMAT_TEXT;
            else if (strcmp(value, "json") == 0)
                out->format = PACTA_FORMAT_JSON;
            else if (strcmp(value, "svg") == 0 && strcmp(command, "timeline") == 0)
                out->format = PACTA_FORMAT_SVG; /* only a timeline is a picture */
            else
                return cli_tool_usage(command, "unknown format '%s' (use text or json%s)", value,
                                      strcmp(command, "timeline") == 0 ? ", or svg" : "");
            continue;
        }
        for (const cli_tool_option *o = extra; m == 0 && o && o->name; o++) {
            if (!o->value) {
                if (strcmp(arg, o->name) == 0) {
                    *o->flag = 1;
                    m = 1;
                }
            } else if ((m = cli_option_value(argc, argv, &i, o->name, &value)) > 0) {
                *o->value = value;
            }
        }
        if (m < 0)
            return cli_tool_usage(command, "option '%s' needs a value", arg);
        if (m == 0)
            return cli_tool_usage(command, "unknown option '%s'", arg);
    }
    return CLI_EXIT_OK;
}

int cli_tool_help(const char *usage)
{
    return cli_tool_output(fputs(usage, stdout) < 0 ? PACTA_EIO : PACTA_OK, PACTA_FORMAT_TEXT,
                           CLI_EXIT_OK);
}

int cli_write_stdout(void *ctx, const char *data, size_t len)
{
    (void)ctx;
    return fwrite(data, 1, len, stdout) == len ? 0 : -1;
}

int cli_tool_output(pacta_status rendered, pacta_format format, int status)
{
    if (rendered == PACTA_OK && (format == PACTA_FORMAT_JSON || format == PACTA_FORMAT_SVG))
        fputc('\n', stdout);
    if (rendered == PACTA_OK && fflush(stdout) == 0 && !ferror(stdout))
        return status;
    if (rendered == PACTA_ENOMEM)
        fputs("pacta: out of memory\n", stderr);
    else
        fputs("pacta: cannot write the output\n", stderr);
    return CLI_EXIT_BAD;
}
