/*
 * batch.c: pacta_batch, checking a stream of scenarios (pacta.h,
 * "batches"), for monitoring groups and researchers who hold thousands to
 * millions of documented incidents.
 *
 * The input is JSON Lines (one scenario per line, read with json-c by
 * pacta_scenario_load_line()) when its first non-blank byte is '{', else a
 * YAML stream of '---'-separated documents. The output is one JSON line per
 * scenario in input order: the compact record or the full report
 * (report/record.h, pacta_render()), or an error record for a scenario
 * that does not load, and the batch goes on.
 *
 * Memory stays flat however long the stream: input is read as it is
 * needed, and at most a fixed window of scenarios is in flight, each freed
 * once its line is written. With jobs > 1, that many threads load, check
 * and render the scenarios of the window over the one shared rulebase
 * (immutable, so no lock), and the calling thread reads the input and
 * writes the lines in order.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/error.h"
#include "base/writer.h"
#include "model/model.h"
#include "load/scenario.h"
#include "reason/check.h"
#include "report/record.h"

#define READ_CHUNK ((size_t)64 * 1024)
#define DEFAULT_MAX_LINE ((size_t)4 * 1024 * 1024)
/* scenarios in flight per thread: enough to keep every thread busy while
 * the calling thread writes, few enough that memory does not depend on the
 * input */
#define WINDOW_PER_JOB 16
/* a buffer that grew past this for one large scenario is not kept for the next */
#define KEEP_BUFFER_BYTES ((size_t)1024 * 1024)

/* ------------------------------------------------------------ memory */

/* Growable byte buffers through the rulebase's allocator, which may have
 * no realloc. */
typedef struct buffer {
    char *data;
    size_t len, cap;
} buffer;

static int buffer_reserve(const pacta_allocator *a, buffer *b, size_t need)
{
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < need) {
        if (cap > ((size_t)-1) / 2)
            return -1;
        cap *= 2;
    }
    char *grown = a->malloc_fn(a->ctx, cap);
    if (!grown)
        return -1;
    if (b->len)
        memcpy(grown, b->data, b->len);
    if (b->data)
        a->free_fn(a->ctx, b->data);
    b->data = grown;
    b->cap = cap;
    return 0;
}

static int buffer_append(const pacta_allocator *a, buffer *b, const char *data, size_t len)
{
    if (buffer_reserve(a, b, b->len + len) != 0)
        return -1;
    memcpy(b->data + b->len, data, len);
    b->len += len;
    return 0;
}

/* Empties b, and gives its memory back if one large scenario made it big. */
static void buffer_reset(const pacta_allocator *a, buffer *b)
{
    b->len = 0;
    if (b->cap > KEEP_BUFFER_BYTES) {
        a->free_fn(a->ctx, b->data);
        b->data = NULL;
        b->cap = 0;
    }
}

static void buffer_free(const pacta_allocator *a, buffer *b)
{
    if (b->data)
        a->free_fn(a->ctx, b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

/* ------------------------------------------------------------ input */

typedef struct input {
    const pacta_allocator *alloc;
    pacta_read_fn read;
    void *ctx;
    buffer buf;
    size_t start;       /* unread bytes are buf.data[start..buf.len) */
    int eof;
    int error;          /* the read callback failed */
    unsigned line;      /* lines consumed so far (JSON Lines) */
} input;

/* Reads more into the buffer; 0 at the end or on error. */
static size_t input_fill(input *in)
{
    if (in->eof || in->error)
        return 0;
    if (in->start > 0) {
        memmove(in->buf.data, in->buf.data + in->start, in->buf.len - in->start);
        in->buf.len -= in->start;
        in->start = 0;
    }
    if (in->buf.len == in->buf.cap &&
        buffer_reserve(in->alloc, &in->buf, in->buf.cap ? in->buf.cap * 2 : READ_CHUNK) != 0) {
        in->error = 1;
        return 0;
    }
    size_t got = 0;
    if (in->read(in->ctx, in->buf.data + in->buf.len, in->buf.cap - in->buf.len, &got) != 0) {
        in->error = 1;
        return 0;
    }
    if (got == 0)
        in->eof = 1;
    in->buf.len += got;
    return got;
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
    while (in->buf.len - in->start < 3 && input_fill(in) > 0)
        ; /* enough to see a byte order mark whole, however the reads are cut */
    for (;;) {
        while (in->start + i < in->buf.len) {
            const unsigned char *p = (const unsigned char *)in->buf.data + in->start + i;
            if (i == 0 && in->buf.len - in->start >= 3 && p[0] == 0xEF && p[1] == 0xBB &&
                p[2] == 0xBF) {
                i = 3;
                continue;
            }
            if (!is_blank((char)*p))
                return *p;
            i++;
        }
        if (in->buf.len >= ((size_t)1 << 24))
            return ' '; /* 16 MiB of blanks: let the YAML reader judge */
        if (input_fill(in) == 0)
            return -1;
    }
}

/* The library's pacta_read_fn over the input, for the YAML stream: the
 * buffered bytes first. */
static int input_read(void *ctx, char *buf, size_t size, size_t *got)
{
    input *in = ctx;
    *got = 0;
    if (in->start == in->buf.len && input_fill(in) == 0)
        return in->error ? -1 : 0;
    size_t n = in->buf.len - in->start < size ? in->buf.len - in->start : size;
    memcpy(buf, in->buf.data + in->start, n);
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
            char *from = in->buf.data + in->start;
            char *nl = in->buf.len > in->start ? memchr(from + scanned, '\n',
                                                          in->buf.len - in->start - scanned)
                                               : NULL;
            if (nl) {
                *data = from;
                *len = (size_t)(nl - from);
                in->start += *len + 1;
                break;
            }
            scanned = in->buf.len - in->start;
            if (scanned > max) {
                /* drop what we hold and keep looking for the end of the line */
                too_long = 1;
                in->start = in->buf.len;
                scanned = 0;
            }
            if (input_fill(in) == 0) {
                if (in->error)
                    return 0;
                *data = in->buf.data + in->start;
                *len = in->buf.len - in->start;
                in->start = in->buf.len;
                if (*len == 0 && !too_long)
                    return 0;
                break;
            }
        }
        *line = ++in->line;
        if (too_long || *len > max)
            return -1;
        if (*line == 1 && *len >= 3 && memcmp(*data, "\xEF\xBB\xBF", 3) == 0) {
            *data += 3; /* a byte order mark opens the input, not the scenario */
            *len -= 3;
        }
        if (*len > 0 && (*data)[*len - 1] == '\r')
            (*len)--;
        size_t i = 0;
        while (i < *len && is_blank((*data)[i]))
            i++;
        if (i < *len)
            return 1;
    }
}

/* ------------------------------------------------------------ one scenario */

/* One scenario on its way from the input to the output. */
typedef struct item {
    size_t index;           /* 1-based position in the batch */
    unsigned line;          /* JSON Lines: the line it stands on */
    buffer text;            /* JSON Lines: the line */
    pacta_scenario *sc;     /* YAML: the scenario the stream loaded */
    int failed;             /* err holds why the scenario cannot be checked */
    pacta_error err;
    buffer out;             /* the rendered line, newline included */
    arena *work;            /* the scenario and report of the line being made, reset after it:
                             * kept from one scenario to the next, it stops growing once it
                             * holds the largest, and malloc is not asked again */
    jtree_parser *parser;   /* JSON Lines: json-c's parser, kept for the same reason */
    int violation;
    int done;
} item;

struct pacta_batch {
    const pacta_rulebase *rb;
    const pacta_allocator *alloc;
    char *name;
    pacta_batch_options opts;
    pacta_write_fn write;
    void *write_ctx;
    input in;
    int jsonl;
    pacta_scenario_stream *stream; /* YAML */
    int stream_done;
    /* the window: items [written, added) are in flight, [taken, added) not yet claimed */
    item *ring;
    size_t window;
    size_t added, taken, written;
    int input_done;
    pthread_mutex_t lock;
    pthread_cond_t work;   /* an item was added, or the input ended */
    pthread_cond_t done;   /* an item was processed */
    pacta_batch_counts counts;
    int ran;
    int stopped;           /* writing failed, or notify asked to stop */
};

typedef struct sink {
    const pacta_allocator *alloc;
    buffer *out;
} sink;

static int write_buffer(void *ctx, const char *data, size_t len)
{
    sink *s = ctx;
    return buffer_append(s->alloc, s->out, data, len);
}

static pacta_status render_item(const pacta_batch *b, item *it, const pacta_report *rep)
{
    sink s = {b->alloc, &it->out};
    if (b->opts.detail == PACTA_DETAIL_FULL)
        return rep ? pacta_render(rep, b->rb, PACTA_FORMAT_JSON, b->opts.render_flags,
                                  write_buffer, &s)
                   : pacta_render_error(&it->err, PACTA_FORMAT_JSON, write_buffer, &s);
    writer w;
    writer_init(&w, write_buffer, &s, b->alloc);
    if (rep)
        record_report(&w, it->index, rep);
    else
        record_error(&w, it->index, &it->err);
    return writer_finish(&w);
}

/* Loads (JSON Lines), checks and renders one item into item->out. */
static void process(const pacta_batch *b, item *it)
{
    pacta_report *rep = NULL;
    pacta_status st = PACTA_OK;
    it->violation = 0;
    if (!it->work && !(it->work = arena_new(b->alloc)))
        st = error_set(&it->err, PACTA_ENOMEM, b->name, it->line, 0, "out of memory");
    if (st == PACTA_OK && !it->failed && !it->sc && b->jsonl && !it->parser &&
        !(it->parser = jtree_parser_new(&b->rb->opts)))
        st = error_set(&it->err, PACTA_ENOMEM, b->name, it->line, 0, "out of memory");
    if (st == PACTA_OK && !it->failed && !it->sc)
        st = scenario_load_line_in(it->work, it->parser, &it->sc, b->rb, b->name, it->line,
                                   it->text.data, it->text.len, &it->err);
    if (st == PACTA_OK && !it->failed)
        /* a compact record prints no sentence: the check makes none */
        st = check_scenario(&rep, b->rb, it->sc, b->opts.detail == PACTA_DETAIL_FULL, it->work,
                            &it->err);
    if (st != PACTA_OK)
        it->failed = 1;
    if (rep)
        it->violation = pacta_report_count(rep, PACTA_VIOLATION) > 0;
    st = render_item(b, it, rep);
    pacta_report_free(rep);
    if (st != PACTA_OK || buffer_append(b->alloc, &it->out, "\n", 1) != 0) {
        /* out of memory for this one: still one line, still valid JSON */
        static const char oom[] = "{\"error\":{\"message\":\"out of memory\"}}\n";
        it->out.len = 0;
        it->failed = 1;
        error_set(&it->err, PACTA_ENOMEM, b->name, it->line, 0, "out of memory");
        if (buffer_append(b->alloc, &it->out, oom, sizeof oom - 1) != 0)
            it->out.len = 0;
    }
    pacta_scenario_free(it->sc);
    it->sc = NULL;
    arena_reset(it->work);
}

/* ------------------------------------------------------------ the batch */

static void item_error(const pacta_batch *b, item *it, pacta_status status, const char *message)
{
    it->failed = 1;
    error_set(&it->err, status, b->name, it->line, 1, "%s", message);
}

/*
 * Fills it with the next scenario of the input. Returns 0 when there was
 * one, -1 at the end of the input.
 */
static int next_item(pacta_batch *b, item *it)
{
    it->failed = 0;
    it->done = 0;
    it->sc = NULL;
    it->line = 0;
    buffer_reset(b->alloc, &it->text);
    buffer_reset(b->alloc, &it->out);
    if (b->jsonl) {
        const char *data;
        size_t len;
        char message[128];
        int r = input_line(&b->in, b->opts.max_line_bytes, &data, &len, &it->line);
        if (r == 0)
            return -1;
        if (r < 0) {
            snprintf(message, sizeof message, "a line longer than the limit of %zu bytes",
                     b->opts.max_line_bytes);
            item_error(b, it, PACTA_ELIMIT, message);
        } else if (buffer_append(b->alloc, &it->text, data, len) != 0) {
            item_error(b, it, PACTA_ENOMEM, "out of memory");
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
static void emit(pacta_batch *b, item *it)
{
    if (!b->stopped && it->out.len > 0 && b->write(b->write_ctx, it->out.data, it->out.len) != 0)
        b->stopped = 1;
    b->counts.scenarios++;
    if (it->failed)
        b->counts.errors++;
    if (it->violation)
        b->counts.violations++;
    if (b->opts.notify && b->opts.notify(b->opts.notify_ctx, &b->counts,
                                         it->failed ? &it->err : NULL) != 0)
        b->stopped = 1;
}

/*
 * Whether to wake the calling thread, which writes finished items in order
 * and refills the window. Waking it for every item costs two futex calls a
 * scenario, more than the scenario's check on two cores: it is woken when
 * half the window is ready to write, or when the workers are about to run
 * out of items, or at the end of the input. Called with the lock held.
 */
static int writer_has_work(const pacta_batch *b)
{
    size_t ready = 0;
    while (b->written + ready < b->taken && b->ring[(b->written + ready) % b->window].done)
        ready++;
    return ready > 0 && (ready >= b->window / 2 || b->taken == b->added || b->input_done);
}

static void *worker(void *arg)
{
    pacta_batch *b = arg;
    pthread_mutex_lock(&b->lock);
    for (;;) {
        while (b->taken == b->added && !b->input_done)
            pthread_cond_wait(&b->work, &b->lock);
        if (b->taken == b->added)
            break;
        item *it = &b->ring[b->taken++ % b->window];
        pthread_mutex_unlock(&b->lock);
        process(b, it);
        pthread_mutex_lock(&b->lock);
        it->done = 1;
        if (writer_has_work(b))
            pthread_cond_signal(&b->done);
    }
    pthread_mutex_unlock(&b->lock);
    return NULL;
}

/* One thread: read, check, write, one scenario at a time. */
static void run_serial(pacta_batch *b)
{
    item *it = &b->ring[0];
    while (!b->stopped && next_item(b, it) == 0) {
        it->index = ++b->added;
        process(b, it);
        emit(b, it);
    }
}

/*
 * Several threads: the calling thread adds items while the window has room,
 * writes finished items in order, and between the two processes items as
 * the workers do (so --jobs 2 is the calling thread and one worker); the
 * workers claim items in order and process them. Items are touched by one
 * thread at a time: the one that claimed it, until it is marked done, the
 * calling thread otherwise.
 */
static void run_window(pacta_batch *b)
{
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
        if (!b->input_done && !b->stopped && b->added - b->written < b->window) {
            /* fill every free slot, then wake the workers once: slots past
             * `added` are the calling thread's alone until they are added */
            size_t free = b->window - (b->added - b->written), read = 0;
            int more = 1;
            pthread_mutex_unlock(&b->lock);
            while (read < free && (more = next_item(b, &b->ring[(b->added + read) % b->window]) == 0)) {
                b->ring[(b->added + read) % b->window].index = b->added + read + 1;
                read++;
            }
            pthread_mutex_lock(&b->lock);
            b->added += read;
            if (!more)
                b->input_done = 1;
            if (!more || read > 1)
                pthread_cond_broadcast(&b->work);
            else if (read == 1)
                pthread_cond_signal(&b->work);
            continue;
        }
        if (b->stopped && !b->input_done) {
            b->input_done = 1; /* stop reading; finish what is in flight */
            pthread_cond_broadcast(&b->work);
        }
        if (b->taken < b->added && !b->stopped) {
            item *it = &b->ring[b->taken++ % b->window];
            pthread_mutex_unlock(&b->lock);
            process(b, it);
            pthread_mutex_lock(&b->lock);
            it->done = 1;
            continue;
        }
        pthread_cond_wait(&b->done, &b->lock);
    }
    pthread_mutex_unlock(&b->lock);
}

/* Returns -1 when no thread could be started (nothing was read). */
static int run_parallel(pacta_batch *b)
{
    unsigned jobs = b->opts.jobs - 1; /* and the calling thread */
    pthread_t *threads = b->alloc->malloc_fn(b->alloc->ctx, jobs * sizeof *threads);
    unsigned started = 0;
    if (!threads)
        return -1;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, b) != 0)
            break;
    if (started > 0)
        run_window(b);
    for (unsigned i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    b->alloc->free_fn(b->alloc->ctx, threads);
    return started > 0 ? 0 : -1;
}

/* Three pthread objects, made together or not at all. */
static int run_threads(pacta_batch *b)
{
    int ran = 0;
    if (pthread_mutex_init(&b->lock, NULL) != 0)
        return 0;
    if (pthread_cond_init(&b->work, NULL) == 0) {
        if (pthread_cond_init(&b->done, NULL) == 0) {
            ran = run_parallel(b) == 0;
            pthread_cond_destroy(&b->done);
        }
        pthread_cond_destroy(&b->work);
    }
    pthread_mutex_destroy(&b->lock);
    return ran;
}

static pacta_status write_header(pacta_batch *b)
{
    writer w;
    pacta_write_fn fn = b->opts.header_write ? b->opts.header_write : b->write;
    void *ctx = b->opts.header_write ? b->opts.header_ctx : b->write_ctx;
    writer_init(&w, fn, ctx, b->alloc);
    record_header(&w, b->rb, b->name);
    writer_char(&w, '\n');
    return writer_finish(&w);
}

/* Decides the format from the first byte and writes the header. */
static pacta_status start(pacta_batch *b, pacta_error *err)
{
    int c = input_peek(&b->in);
    if (b->in.error)
        return error_set(err, PACTA_EIO, b->name, 0, 0, "cannot read the input");
    if (c < 0)
        return error_set(err, PACTA_EINPUT, b->name, 0, 0, "no scenario: the input is empty");
    b->jsonl = c == '{';
    if (!b->jsonl) {
        pacta_status st = pacta_scenario_stream_new_reader(&b->stream, b->rb, b->name, input_read,
                                                           &b->in, err);
        if (st != PACTA_OK)
            return st;
    }
    if (b->opts.detail == PACTA_DETAIL_COMPACT && write_header(b) != PACTA_OK)
        return error_set(err, PACTA_EIO, b->name, 0, 0, "cannot write the output");
    return PACTA_OK;
}

/* ------------------------------------------------------------ public */

void pacta_batch_options_init(pacta_batch_options *opts)
{
    if (!opts)
        return;
    memset(opts, 0, sizeof *opts);
    opts->jobs = 1;
    opts->detail = PACTA_DETAIL_COMPACT;
    opts->max_line_bytes = DEFAULT_MAX_LINE;
}

pacta_status pacta_batch_new(pacta_batch **out, const pacta_rulebase *rb, const char *name,
                             const pacta_batch_options *opts, pacta_read_fn read, void *read_ctx,
                             pacta_write_fn write, void *write_ctx, pacta_error *err)
{
    if (out)
        *out = NULL;
    if (!out || !rb || !read || !write ||
        (opts && opts->detail != PACTA_DETAIL_COMPACT && opts->detail != PACTA_DETAIL_FULL))
        return error_set(err, PACTA_EUSAGE, name ? name : "", 0, 0,
                         "pacta_batch_new: invalid argument");
    if (!name)
        name = "<stream>";
    if (!rb->finished)
        return error_set(err, PACTA_EUSAGE, name, 0, 0, "the rulebase is not finished");
    const pacta_allocator *a = arena_allocator(rb->ar); /* the hooks, or malloc */
    pacta_batch *b = a->malloc_fn(a->ctx, sizeof *b);
    size_t name_len = strlen(name);
    if (!b)
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    memset(b, 0, sizeof *b);
    b->rb = rb;
    b->alloc = a;
    pacta_batch_options_init(&b->opts);
    if (opts) {
        b->opts = *opts;
        if (b->opts.jobs == 0)
            b->opts.jobs = 1;
        if (b->opts.max_line_bytes == 0)
            b->opts.max_line_bytes = DEFAULT_MAX_LINE;
    }
    b->write = write;
    b->write_ctx = write_ctx;
    b->in.alloc = a;
    b->in.read = read;
    b->in.ctx = read_ctx;
    b->window = b->opts.jobs > 1 ? (size_t)b->opts.jobs * WINDOW_PER_JOB : 1;
    b->name = a->malloc_fn(a->ctx, name_len + 1);
    b->ring = a->malloc_fn(a->ctx, b->window * sizeof *b->ring);
    if (!b->name || !b->ring) {
        pacta_batch_free(b);
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    }
    memcpy(b->name, name, name_len + 1);
    memset(b->ring, 0, b->window * sizeof *b->ring);
    *out = b;
    return PACTA_OK;
}

pacta_status pacta_batch_run(pacta_batch *b, pacta_error *err)
{
    if (!b || b->ran)
        return error_set(err, PACTA_EUSAGE, b ? b->name : "", 0, 0,
                         "pacta_batch_run: invalid argument or run twice");
    b->ran = 1;
    pacta_status st = start(b, err);
    if (st != PACTA_OK)
        return st;
    if (b->opts.jobs <= 1 || !run_threads(b))
        run_serial(b);
    if (b->in.error)
        return error_set(err, PACTA_EIO, b->name, 0, 0, "cannot read the input");
    if (b->stopped)
        return error_set(err, PACTA_EIO, b->name, 0, 0, "the output was not written to its end");
    return PACTA_OK;
}

pacta_batch_counts pacta_batch_result(const pacta_batch *b)
{
    pacta_batch_counts none = {0, 0, 0};
    return b ? b->counts : none;
}

void pacta_batch_free(pacta_batch *b)
{
    if (!b)
        return;
    const pacta_allocator *a = b->alloc;
    for (size_t i = 0; b->ring && i < b->window; i++) {
        pacta_scenario_free(b->ring[i].sc);
        arena_free(b->ring[i].work);
        jtree_parser_free(b->ring[i].parser);
        buffer_free(a, &b->ring[i].text);
        buffer_free(a, &b->ring[i].out);
    }
    if (b->ring)
        a->free_fn(a->ctx, b->ring);
    if (b->name)
        a->free_fn(a->ctx, b->name);
    pacta_scenario_stream_free(b->stream);
    buffer_free(a, &b->in.buf);
    a->free_fn(a->ctx, b);
}
