/*
 * input.c: the input side of the pacta command: where the rulebase is,
 * reading scenario files (or standard input) whole, and loading every
 * scenario document before any is checked, so that bad input stops the
 * command before it prints a single report.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

#ifndef PACTA_RULES_DIR
#define PACTA_RULES_DIR "/usr/local/share/pacta/rules"
#endif

#define STDIN_NAME "<stdin>"

/* Messages quote the input ("unknown state '...'"); control characters in
 * it must not reach the terminal, so they are shown as '?'. */
void cli_print_error(const pacta_error *err)
{
    char text[PACTA_ERROR_FILE_MAX + PACTA_ERROR_MESSAGE_MAX + PACTA_ERROR_HINT_MAX + 64];
    pacta_error_format(err, text, sizeof text);
    for (char *p = text; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            *p = '?';
    fprintf(stderr, "%s\n", text);
}

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *cli_rules_dir(const char *option)
{
    const char *env = getenv("PACTA_RULES");
    if (option)
        return option;
    if (env && *env)
        return env;
    if (is_file("rules/vocabulary.yaml"))
        return "rules";
    return PACTA_RULES_DIR;
}

pacta_rulebase *cli_load_rulebase(const char *dir)
{
    pacta_rulebase *rb = NULL;
    pacta_error err;
    if (pacta_rulebase_load_dir(&rb, dir, NULL, &err) != PACTA_OK) {
        cli_print_error(&err);
        return NULL;
    }
    return rb;
}

/* ------------------------------------------------------------ reading files */

static size_t input_limit(void)
{
    pacta_options opts;
    pacta_options_init(&opts);
    return opts.max_input_bytes;
}

/* Reads fd to the end, at most max bytes; *too_big when there was more. */
static char *read_fd(int fd, size_t max, size_t *len, int *too_big)
{
    size_t cap = 64 * 1024, used = 0;
    char *buf = malloc(cap);
    *too_big = 0;
    while (buf) {
        if (used == cap) {
            size_t grown = cap * 2;
            char *p = realloc(buf, grown);
            if (!p) {
                free(buf);
                return NULL;
            }
            buf = p;
            cap = grown;
        }
        ssize_t n = read(fd, buf + used, cap - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            free(buf);
            return NULL;
        }
        if (n == 0)
            break;
        used += (size_t)n;
        if (used > max) {
            *too_big = 1;
            free(buf);
            return NULL;
        }
    }
    *len = used;
    return buf;
}

char *cli_read_input(const char *path, size_t *len)
{
    int is_stdin = strcmp(path, "-") == 0;
    const char *name = is_stdin ? STDIN_NAME : path;
    int fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "%s: %s\n", name, strerror(errno));
        if (!is_stdin && fd >= 0)
            close(fd);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: is a directory\n", name);
        if (!is_stdin)
            close(fd);
        return NULL;
    }
    size_t max = input_limit();
    int too_big;
    errno = 0;
    char *data = read_fd(fd, max, len, &too_big);
    int saved = errno;
    if (!is_stdin)
        close(fd);
    if (!data && too_big)
        fprintf(stderr, "%s: larger than the input limit of %zu bytes\n", name, max);
    else if (!data)
        fprintf(stderr, "%s: %s\n", name, saved ? strerror(saved) : "out of memory");
    return data;
}

/* ------------------------------------------------------------ scenarios */

static int push(cli_scenarios *s, pacta_scenario *sc)
{
    if (s->count == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16;
        pacta_scenario **items = realloc(s->items, cap * sizeof *items);
        if (!items)
            return -1;
        s->items = items;
        s->cap = cap;
    }
    s->items[s->count++] = sc;
    return 0;
}

/* Every document of one file, appended to out. */
static int load_file(const pacta_rulebase *rb, const char *path, cli_scenarios *out)
{
    const char *name = strcmp(path, "-") == 0 ? STDIN_NAME : path;
    pacta_scenario_stream *st = NULL;
    pacta_error err;
    size_t len = 0, before = out->count;
    char *data = cli_read_input(path, &len);
    if (!data)
        return -1;
    pacta_status status = pacta_scenario_stream_new(&st, rb, name, data, len, &err);
    free(data); /* the stream has its own copy */
    while (status == PACTA_OK) {
        pacta_scenario *sc = NULL;
        status = pacta_scenario_stream_next(st, &sc, &err);
        if (status == PACTA_OK && push(out, sc) != 0) {
            pacta_scenario_free(sc);
            pacta_scenario_stream_free(st);
            fprintf(stderr, "%s: out of memory\n", name);
            return -1;
        }
    }
    pacta_scenario_stream_free(st);
    if (status != PACTA_DONE) {
        cli_print_error(&err);
        return -1;
    }
    if (out->count == before) {
        fprintf(stderr, "%s: no scenario: the input is empty\n", name);
        return -1;
    }
    return 0;
}

int cli_load_scenarios(const pacta_rulebase *rb, char *const *files, size_t n,
                       cli_scenarios *out)
{
    for (size_t i = 0; i < n; i++)
        if (load_file(rb, files[i], out) != 0)
            return -1;
    return 0;
}

void cli_scenarios_free(cli_scenarios *s)
{
    for (size_t i = 0; i < s->count; i++)
        pacta_scenario_free(s->items[i]);
    free(s->items);
    s->items = NULL;
    s->count = s->cap = 0;
}
