/*
 * fileio.c: whole-file reads. A directory, an unreadable file and a file
 * over the limit are each a clear error before any parsing starts.
 */
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"

static pacta_status read_whole_file(arena *ar, const char *path, size_t max_bytes, char **data,
                                    size_t *len, pacta_error *err)
{
    struct stat info;
    if (stat(path, &info) != 0)
        return error_set(err, PACTA_EIO, path, 0, 0, "%s", strerror(errno));
    if (S_ISDIR(info.st_mode))
        return error_set(err, PACTA_EIO, path, 0, 0, "is a directory, not a file");
    FILE *f = fopen(path, "rb");
    if (!f)
        return error_set(err, PACTA_EIO, path, 0, 0, "%s", strerror(errno));
    /* read in chunks rather than trusting st_size, which pipes and /proc lie about */
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
