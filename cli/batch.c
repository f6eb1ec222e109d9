/*
 * batch.c: `pacta check --batch FILE`, for monitoring groups and researchers
 * who hold thousands to millions of documented incidents. The input is a
 * stream of scenarios, JSON Lines (one scenario per line) when its first
 * non-blank character is '{', else a YAML stream of '---'-separated
 * documents. The output is JSON Lines, one object per scenario in input
 * order: the report, or {"error": ...} for a scenario that does not load, and
 * the batch goes on.
 *
 * Memory stays flat however long the stream: input is read as it is needed
 * (line by line, or through the library's pulling YAML stream), and at most
 * a fixed window of scenarios is in flight, each freed once its line is
 * written. With --jobs N, N threads load, check and render the scenarios of
 * the window over the one shared rulebase (the library keeps no mutable
 * state), and the main thread reads the input and writes results in order.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

#define STDIN_NAME "<stdin>"
#define READ_CHUNK ((size_t)64 * 1024)
/* scenarios in flight per thread: enough to keep every thread busy while
 * the main thread writes, few enough that memory does not depend on the
 * input */
#define WINDOW_PER_JOB 8
/* a buffer that grew past this for one large scenario is not kept for the next */
#define KEEP_BUFFER_BYTES ((size_t)1024 * 1024)

/* ------------------------------------------------------------ input */

typedef struct input {
    const char *name;
    int fd;
    char *buf;
    size_t cap, start, end; /* unread bytes are buf[start..end) */
    int eof;
    int error;              /* errno of a failed read, else 0 */
    unsigned line;          /* lines consumed so far (JSON Lines) */
} input;

/* Reads more into the buffer; 0 at the end or on error (input.error). */
static size_t input_fill(input *in)
{
    if (in->eof || in->error)
        return 0;
    if (in->start > 0 && in->start == in->end)
        in->start = in->end = 0;
    if (in->end == in->cap) {
        if (in->start > 0) {
            memmove(in->buf, in->buf + in->start, in->end - in->start);
            in->end -= in->start;
            in->start = 0;
        } else {
            size_t cap = in->cap ? in->cap * 2 : READ_CHUNK;
            char *grown = realloc(in->buf, cap);
            if (!grown) {
                in->error = ENOMEM;
                return 0;
            }
            in->buf = grown;
            in->cap = cap;
        }
    }
    for (;;) {
        ssize_t n = read(in->fd, in->buf + in->end, in->cap - in->end);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            in->error = errno;
            return 0;
        }
        if (n == 0)
            in->eof = 1;
        in->end += (size_t)n;
        return (size_t)n;
    }
}

static int is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The first non-blank byte of the input (after a UTF-8 byte order mark),
 * without consuming anything; -1 for an empty input. */
static int input_peek(input *in)
{
    size_t i = 0;
    for (;;) {
        while (in->start + i < in->end) {
            const unsigned char *p = (const unsigned char *)in->buf + in->start + i;
            if (i == 0 && in->end - in->start >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
                i = 3;
                continue;
            }
            if (!is_blank((char)*p))
                return *p;
            i++;
        }
        if (in->end - in->start >= in->cap && in->start == 0 && in->cap >= ((size_t)1 << 24))
            return ' '; /* 16 MiB of blanks: let the YAML reader judge */
        if (input_fill(in) == 0)
            return in->start + i < in->end ? in->buf[in->start + i] : -1;
    }
}

/* The library's pacta_read_fn over the input: the buffered bytes first. */
static int input_read(void *ctx, char *buf, size_t size, size_t *got)
{
    input *in = ctx;
    *got = 0;
    if (in->start == in->end && input_fill(in) == 0)
        return in->error ? -1 : 0;
    size_t n = in->end - in->start < size ? in->end - in->start : size;
    memcpy(buf, in->buf + in->start, n);
    in->start += n;
    *got = n;
    return 0;
}

/*
 * The next line of JSON Lines that holds something. Sets *data and *len to
 * the line without its line break (valid until the next call) and *line to
 * its number. Returns 1 for a line, 0 at the end, -1 when the line is longer
 * than max (it is skipped; *line says which).
 */
static int input_line(input *in, size_t max, const char **data, size_t *len, unsigned *line)
{
    for (;;) {
        size_t scanned = 0;
        int too_long = 0;
        for (;;) {
            char *nl = memchr(in->buf + in->start + scanned, '\n', in->end - in->start - scanned);
            if (nl) {
                size_t n = (size_t)(nl - (in->buf + in->start));
                *data = in->buf + in->start;
                *len = n;
                in->start += n + 1;
                break;
            }
            scanned = in->end - in->start;
            if (scanned > max) {
                /* drop what we hold and keep looking for the end of the line */
                too_long = 1;
                in->start = in->end;
                scanned = 0;
            }
            if (input_fill(in) == 0) {
                if (in->error)
                    return 0;
                *data = in->buf + in->start;
                *len = in->end - in->start;
                in->start = in->end;
                if (*len == 0 && !too_long)
                    return 0;
                break;
            }
        }
        *line = ++in->line;
        if (too_long)
            return -1;
        if (*len > 0 && (*data)[*len - 1] == '\r')
            (*len)--;
        size_t i = 0;
        while (i < *len && is_blank((*data)[i]))
            i++;
        if (i < *len)
            return 1;
    }
}

/* ------------------------------------------------------------ output buffers */

typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer;

static int buffer_append(buffer *b, const char *data, size_t len)
{
    if (b->len + len > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + len)
            cap *= 2;
        char *grown = realloc(b->data, cap);
        if (!grown)
            return -1;
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

static int write_buffer(void *ctx, const char *data, size_t len)
{
    return buffer_append(ctx, data, len);
}

/* Empties b, and gives its memory back if one large scenario made it big. */
static void buffer_reset(buffer *b)
{
    b->len = 0;
    if (b->cap > KEEP_BUFFER_BYTES) {
        free(b->data);
        b->data = NULL;
        b->cap = 0;
    }
}

/* ------------------------------------------------------------ one scenario */

/* One scenario on its way from the input to the output. */
typedef struct item {
    unsigned line;          /* JSON Lines: the line it stands on */
    buffer text;            /* JSON Lines: the line */
    pacta_scenario *sc;     /* YAML: the scenario the stream loaded */
    int failed;             /* err holds why the scenario cannot be checked */
    pacta_error err;
    buffer out;             /* the rendered line, newline included */
    int violation;
    int done;
} item;

/* Loads (JSON Lines), checks and renders one item into item->out. */
static void process(const pacta_rulebase *rb, const char *name, unsigned flags, item *it)
{
    pacta_report *rep = NULL;
    pacta_status st = PACTA_OK;
    it->violation = 0;
    if (!it->failed && !it->sc)
        st = pacta_scenario_load_line(&it->sc, rb, name, it->line, it->text.data, it->text.len,
                                      &it->err);
    if (st == PACTA_OK && !it->failed)
        st = pacta_check(&rep, rb, it->sc, &it->err);
    if (st != PACTA_OK)
        it->failed = 1;
    if (rep) {
        st = pacta_render(rep, rb, PACTA_FORMAT_JSON, flags, write_buffer, &it->out);
        it->violation = pacta_report_count(rep, PACTA_VIOLATION) > 0;
        pacta_report_free(rep);
    } else {
        st = pacta_render_error(&it->err, PACTA_FORMAT_JSON, write_buffer, &it->out);
    }
    if (st != PACTA_OK || buffer_append(&it->out, "\n", 1) != 0) {
        /* out of memory for this one: still one line, still valid JSON */
        static const char oom[] = "{\"error\": {\"message\": \"out of memory\"}}\n";
        it->out.len = 0;
        it->failed = 1;
        if (buffer_append(&it->out, oom, sizeof oom - 1) != 0)
            it->out.len = 0;
    }
    pacta_scenario_free(it->sc);
    it->sc = NULL;
}

/* ------------------------------------------------------------ the batch */

typedef struct batch {
    const pacta_rulebase *rb;
    const char *name;
    unsigned flags;        /* rendering flags: PACTA_RENDER_JSON_V1 with --json-shape v1 */
    input in;
    int jsonl;
    pacta_scenario_stream *stream; /* YAML */
    int stream_done;
    size_t max_line;
    /* the window: items [written, added) are in flight, [taken, added) not yet claimed */
    item *ring;
    size_t window;
    size_t added, taken, written;
    int input_done;
    pthread_mutex_t lock;
    pthread_cond_t work;   /* an item was added, or the input ended */
    pthread_cond_t done;   /* an item was processed */
    /* counts and progress */
    size_t scenarios, errors;
    int violation, bad, write_failed;
    int progress;
    struct timespec started, last_progress;
} batch;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(batch *b, int final)
{
    if (!b->progress)
        return;
    if (!final && seconds_since(&b->last_progress) < 0.25)
        return;
    clock_gettime(CLOCK_MONOTONIC, &b->last_progress);
    double t = seconds_since(&b->started);
    fprintf(stderr, "\rpacta: %zu scenarios, %.0f/s, %zu error%s%s", b->scenarios,
            t > 0 ? (double)b->scenarios / t : 0.0, b->errors, b->errors == 1 ? "" : "s",
            final ? "\n" : "   ");
}

/*
 * Fills it with the next scenario of the input. Returns 0 when there was
 * one, -1 at the end of the input.
 */
static int next_item(batch *b, item *it)
{
    it->failed = 0;
    it->done = 0;
    it->sc = NULL;
    it->text.len = 0;
    buffer_reset(&it->text);
    it->out.len = 0;
    buffer_reset(&it->out);
    if (b->jsonl) {
        const char *data;
        size_t len;
        int r = input_line(&b->in, b->max_line, &data, &len, &it->line);
        if (r == 0)
            return -1;
        if (r < 0) {
            it->failed = 1;
            memset(&it->err, 0, sizeof it->err);
            it->err.status = PACTA_ELIMIT;
            snprintf(it->err.file, sizeof it->err.file, "%s", b->name);
            it->err.line = it->line;
            it->err.column = 1;
            snprintf(it->err.message, sizeof it->err.message,
                     "a line longer than the limit of %zu bytes", b->max_line);
            return 0;
        }
        if (buffer_append(&it->text, data, len) != 0) {
            it->failed = 1;
            memset(&it->err, 0, sizeof it->err);
            it->err.status = PACTA_ENOMEM;
            snprintf(it->err.file, sizeof it->err.file, "%s", b->name);
            it->err.line = it->line;
            snprintf(it->err.message, sizeof it->err.message, "out of memory");
        }
        return 0;
    }
    if (b->stream_done)
        return -1;
    pacta_status st = pacta_scenario_stream_next(b->stream, &it->sc, &it->err);
    if (st == PACTA_DONE) {
        b->stream_done = 1;
        return -1;
    }
    if (st != PACTA_OK)
        it->failed = 1;
    return 0;
}

/* Writes a processed item and counts it. */
static void emit(batch *b, item *it)
{
    if (!b->write_failed && it->out.len > 0 &&
        fwrite(it->out.data, 1, it->out.len, stdout) != it->out.len)
        b->write_failed = 1;
    b->scenarios++;
    if (it->failed) {
        b->errors++;
        b->bad = 1;
    }
    if (it->violation)
        b->violation = 1;
    show_progress(b, 0);
}

static void *worker(void *arg)
{
    batch *b = arg;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (b->taken == b->added && !b->input_done)
            pthread_cond_wait(&b->work, &b->lock);
        if (b->taken == b->added)
            break;
        item *it = &b->ring[b->taken++ % b->window];
        pthread_mutex_unlock(&b->lock);
        process(b->rb, b->name, b->flags, it);
        pthread_mutex_lock(&b->lock);
        it->done = 1;
        pthread_cond_signal(&b->done);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* One thread: read, check, write, one scenario at a time. */
static void run_serial(batch *b)
{
    item *it = &b->ring[0];
    while (!b->write_failed && next_item(b, it) == 0) {
        process(b->rb, b->name, b->flags, it);
        emit(b, it);
    }
}

/*
 * Several threads: the main thread adds items while the window has room and
 * writes finished items in order; workers claim items in order and process
 * them. Items are touched by one thread at a time: a worker between
 * claiming and marking done, the main thread otherwise.
 */
static int run_parallel(batch *b, unsigned jobs)
{
    pthread_t *threads = calloc(jobs, sizeof *threads);
    unsigned started = 0;
    if (!threads)
        return -1;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, b) != 0)
            break;
    if (started == 0) {
        free(threads);
        return -1;
    }
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (b->written < b->added && b->ring[b->written % b->window].done) {
            item *it = &b->ring[b->written % b->window];
            pthread_mutex_unlock(&b->lock);
            emit(b, it);
            pthread_mutex_lock(&b->lock);
            b->written++;
        }
        if (b->input_done && b->written == b->added)
            break;
        if (!b->input_done && !b->write_failed && b->added - b->written < b->window) {
            item *it = &b->ring[b->added % b->window];
            pthread_mutex_unlock(&b->lock);
            int more = next_item(b, it) == 0;
            pthread_mutex_lock(&b->lock);
            if (more)
                b->added++;
            else
                b->input_done = 1;
            pthread_cond_broadcast(&b->work);
            continue;
        }
        if (b->write_failed && !b->input_done) {
            b->input_done = 1; /* stop reading; finish what is in flight */
            pthread_cond_broadcast(&b->work);
        }
        pthread_cond_wait(&b->done, &b->lock);
    }
    pthread_mutex_unlock(&b->lock);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    free(threads);
    return 0;
}

static int open_input(input *in, const char *path)
{
    int is_stdin = strcmp(path, "-") == 0;
    struct stat st;
    in->name = is_stdin ? STDIN_NAME : path;
    in->fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY);
    if (in->fd < 0 || fstat(in->fd, &st) != 0) {
        fprintf(stderr, "%s: %s\n", in->name, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        fprintf(stderr, "%s: is a directory\n", in->name);
        return -1;
    }
    return 0;
}

static void close_input(input *in, const char *path)
{
    if (in->fd >= 0 && strcmp(path, "-") != 0)
        close(in->fd);
    free(in->buf);
}

static int start_stream(batch *b)
{
    pacta_error err;
    int c = input_peek(&b->in);
    if (b->in.error) {
        fprintf(stderr, "%s: %s\n", b->name, strerror(b->in.error));
        return -1;
    }
    if (c < 0) {
        fprintf(stderr, "%s: no scenario: the input is empty\n", b->name);
        return -1;
    }
    b->jsonl = c == '{';
    if (b->jsonl)
        return 0;
    if (pacta_scenario_stream_new_reader(&b->stream, b->rb, b->name, input_read, &b->in, &err) !=
        PACTA_OK) {
        cli_print_error(&err);
        return -1;
    }
    return 0;
}

int cli_check_batch(const char *rules_dir, const char *path, unsigned jobs, unsigned flags)
{
    batch b;
    pacta_options opts;
    int status = CLI_EXIT_BAD;
    memset(&b, 0, sizeof b);
    b.in.fd = -1;
    b.flags = flags;
    pacta_options_init(&opts);
    b.max_line = opts.max_input_bytes;
    if (jobs == 0)
        jobs = 1;
    if (open_input(&b.in, path) != 0) {
        close_input(&b.in, path);
        return CLI_EXIT_BAD;
    }
    b.name = b.in.name;
    pacta_rulebase *rb = cli_load_rulebase(cli_rules_dir(rules_dir));
    b.rb = rb;
    b.window = jobs > 1 ? (size_t)jobs * WINDOW_PER_JOB : 1;
    b.ring = calloc(b.window, sizeof *b.ring);
    if (rb && b.ring && start_stream(&b) == 0) {
        b.progress = isatty(STDERR_FILENO);
        clock_gettime(CLOCK_MONOTONIC, &b.started);
        b.last_progress = b.started;
        int ran = 0;
        if (jobs > 1 && pthread_mutex_init(&b.lock, NULL) == 0) {
            if (pthread_cond_init(&b.work, NULL) == 0) {
                if (pthread_cond_init(&b.done, NULL) == 0) {
                    ran = run_parallel(&b, jobs) == 0;
                    pthread_cond_destroy(&b.done);
                }
                pthread_cond_destroy(&b.work);
            }
            pthread_mutex_destroy(&b.lock);
        }
        if (!ran && b.added == 0)
            run_serial(&b);
        show_progress(&b, 1);
        if (b.in.error) {
            fprintf(stderr, "%s: %s\n", b.name, strerror(b.in.error));
            b.bad = 1;
        }
        status = b.bad ? CLI_EXIT_BAD : b.violation ? CLI_EXIT_FINDING : CLI_EXIT_OK;
        if (fflush(stdout) != 0 || ferror(stdout) || b.write_failed) {
            fputs("pacta: cannot write the output\n", stderr);
            status = CLI_EXIT_BAD;
        }
    } else if (!b.ring) {
        fputs("pacta: out of memory\n", stderr);
    }
    for (size_t i = 0; b.ring && i < b.window; i++) {
        pacta_scenario_free(b.ring[i].sc);
        free(b.ring[i].text.data);
        free(b.ring[i].out.data);
    }
    free(b.ring);
    pacta_scenario_stream_free(b.stream);
    pacta_rulebase_free(rb);
    close_input(&b.in, path);
    return status;
}
