/*
 * batch.c: `pacta check --batch FILE`. The library's pacta_batch does the
 * work (reading, threads, order, records); this file opens the input and
 * the receipt, shows a progress line on a terminal, and turns the counts
 * into the exit status: 2 if any scenario was bad, else 1 if any had a
 * violation, else 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define STDIN_NAME "<stdin>"

typedef struct progress {
    int show;
    struct timespec started, last;
} progress;

typedef struct source {
    int fd;
    int error; /* errno of a failed read */
} source;

static int read_fd(void *ctx, char *buf, size_t size, size_t *got)
{
    source *s = ctx;
    for (;;) {
        ssize_t n = read(s->fd, buf, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            s->error = errno;
            return -1;
        }
        *got = (size_t)n;
        return 0;
    }
}

static int write_file(void *ctx, const char *data, size_t len)
{
    return fwrite(data, 1, len, ctx) == len ? 0 : -1;
}

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(progress *p, const pacta_batch_counts *c, int final)
{
    if (!p->show || (!final && seconds_since(&p->last) < 0.25))
        return;
    clock_gettime(CLOCK_MONOTONIC, &p->last);
    double t = seconds_since(&p->started);
    fprintf(stderr, "\rpacta: %zu scenarios, %.0f/s, %zu error%s%s", c->scenarios,
            t > 0 ? (double)c->scenarios / t : 0.0, c->errors, c->errors == 1 ? "" : "s",
            final ? "\n" : "   ");
}

static int notify(void *ctx, const pacta_batch_counts *counts, const pacta_error *err)
{
    (void)err; /* the error stands in the output, in the scenario's place */
    show_progress(ctx, counts, 0);
    return 0;
}

static int open_input(const char *path, const char *name)
{
    int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        fprintf(stderr, "%s: %s\n", name, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: is a directory\n", name);
        close(fd);
        return -1;
    }
    return fd;
}

/* Runs the batch; returns the exit status. */
static int run(const pacta_rulebase *rb, const char *name, source *in,
               const pacta_batch_options *opts)
{
    pacta_batch *b = NULL;
    pacta_error err;
    progress *p = opts->notify_ctx;
    if (pacta_batch_new(&b, rb, name, opts, read_fd, in, write_file, stdout, &err) != PACTA_OK) {
        cli_print_error(&err);
        return CLI_EXIT_BAD;
    }
    clock_gettime(CLOCK_MONOTONIC, &p->started);
    p->last = p->started;
    pacta_status st = pacta_batch_run(b, &err);
    pacta_batch_counts c = pacta_batch_result(b);
    pacta_batch_free(b);
    if (st == PACTA_EINPUT) {
        cli_print_error(&err);
        return CLI_EXIT_BAD;
    }
    show_progress(p, &c, 1);
    int status = c.errors ? CLI_EXIT_BAD : c.violations ? CLI_EXIT_FINDING : CLI_EXIT_OK;
    if (in->error) {
        fprintf(stderr, "%s: %s\n", name, strerror(in->error));
        status = CLI_EXIT_BAD;
    } else if (st != PACTA_OK && st != PACTA_EIO) {
        cli_print_error(&err);
        status = CLI_EXIT_BAD;
    }
    if (st == PACTA_EIO && !in->error) {
        fputs("pacta: cannot write the output\n", stderr);
        status = CLI_EXIT_BAD;
    }
    return status;
}

int cli_check_batch(const char *rules_dir, const char *path, unsigned jobs, int full,
                    const char *receipt, unsigned flags)
{
    const char *name = strcmp(path, "-") == 0 ? STDIN_NAME : path;
    source in = {open_input(path, name), 0};
    if (in.fd < 0)
        return CLI_EXIT_BAD;
    int status = CLI_EXIT_BAD;
    FILE *receipt_file = receipt ? fopen(receipt, "w") : NULL;
    pacta_rulebase *rb = NULL;
    if (receipt && !receipt_file)
        fprintf(stderr, "%s: %s\n", receipt, strerror(errno));
    else
        rb = cli_load_rulebase(cli_rules_dir(rules_dir));
    if (rb) {
        progress p = {isatty(STDERR_FILENO), {0, 0}, {0, 0}};
        pacta_batch_options opts;
        pacta_batch_options_init(&opts);
        opts.jobs = jobs;
        opts.detail = full ? PACTA_DETAIL_FULL : PACTA_DETAIL_COMPACT;
        opts.render_flags = flags;
        opts.header_write = receipt_file ? write_file : NULL;
        opts.header_ctx = receipt_file;
        opts.notify = notify;
        opts.notify_ctx = &p;
        status = run(rb, name, &in, &opts);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fputs("pacta: cannot write the output\n", stderr);
            status = CLI_EXIT_BAD;
        }
    }
    if (receipt_file && fclose(receipt_file) != 0) {
        fprintf(stderr, "%s: %s\n", receipt, strerror(errno));
        status = CLI_EXIT_BAD;
    }
    pacta_rulebase_free(rb);
    if (in.fd != STDIN_FILENO)
        close(in.fd);
    return status;
}
