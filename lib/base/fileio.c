/*
 * fileio.c: whole-file reads. A directory, an unreadable file and a file
 * over the limit are each a clear error before any parsing starts. Only a
 * regular file is read: a path can come from untrusted text (the scenario
 * an answer file names), and a FIFO without a writer or a terminal would
 * block forever. Pipes go through the _buffer functions instead.
 */
#include "base/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"

static pacta_status read_whole_file(arena *ar, const char *path, size_t max_bytes, char **data,
                                    size_t *len, pacta_error *err)
{
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return error_set(err, PACTA_EIO, path, 0, 0, "%s", strerror(errno));
    struct stat info;
    pacta_status refused = PACTA_OK;
    if (fstat(fd, &info) != 0)
        refused = error_set(err, PACTA_EIO, path, 0, 0, "%s", strerror(errno));
    else if (S_ISDIR(info.st_mode))
        refused = error_set(err, PACTA_EIO, path, 0, 0, "is a directory, not a file");
    else if (!S_ISREG(info.st_mode)) {
        refused = error_set(err, PACTA_EIO, path, 0, 0,
                            "is a device, pipe or socket, not a regular file");
        error_hint(err, "name a regular file; a program can pass a pipe's bytes to a pacta_*_buffer function");
    }
    FILE *f = refused == PACTA_OK ? fdopen(fd, "rb") : NULL;
    if (!f && refused == PACTA_OK)
        refused = error_set(err, PACTA_EIO, path, 0, 0, "%s", strerror(errno));
    if (!f) {
        close(fd);
        return refused;
    }
    /* read in chunks rather than trusting st_size, which /proc files give as 0 */
    size_t cap = 4096, used = 0;
    char *buf = arena_alloc(ar, cap + 1);
    pacta_status st = PACTA_OK;
    while (buf) {
        if (used == cap) {
            if (cap > max_bytes)
                break;
            char *bigger = arena_alloc(ar, cap * 2 + 1);
            if (bigger)
                memcpy(bigger, buf, used);
            buf = bigger;
            cap *= 2;
            continue;
        }
        size_t got = fread(buf + used, 1, cap - used, f);
        used += got;
        if (got == 0)
            break;
    }
    if (!buf)
        st = error_set(err, PACTA_ENOMEM, path, 0, 0, "out of memory reading the file");
    else if (ferror(f))
        st = error_set(err, PACTA_EIO, path, 0, 0, "read error");
    else if (used > max_bytes)
        st = error_set(err, PACTA_ELIMIT, path, 1, 1, "file is larger than the limit of %zu bytes",
                       max_bytes);
    fclose(f);
    if (st != PACTA_OK)
        return st;
    buf[used] = '\0';
    *data = buf;
    *len = used;
    return PACTA_OK;
}

pacta_status read_file_scratch(arena **scratch, const pacta_options *opts, const char *path,
                               char **data, size_t *len, pacta_error *err)
{
    *scratch = arena_new(&opts->allocator);
    if (!*scratch)
        return error_set(err, PACTA_ENOMEM, path, 0, 0, "out of memory");
    return read_whole_file(*scratch, path, opts->max_input_bytes, data, len, err);
}
