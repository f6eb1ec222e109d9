/*
 * fileio.h: reading a whole input file under the size limit, with errors
 * that say which file and why.
 */
#ifndef PACTA_FILEIO_H
#define PACTA_FILEIO_H

#include <stddef.h>

#include "base/arena.h"
#include "pacta.h"

/**
 * Reads path under opts' input limit into a new arena made with opts'
 * allocator, for a loader that copies what it keeps: the caller hands
 * *data to it (NUL-terminated, *len excludes the NUL), then arena_free()s
 * *scratch (NULL when nothing was made).
 */
pacta_status read_file_scratch(arena **scratch, const pacta_options *opts, const char *path,
                               char **data, size_t *len, pacta_error *err);

#endif
