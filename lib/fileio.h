/*
 * fileio.h: reading a whole input file under the size limit, with errors
 * that say which file and why.
 */
#ifndef PACTA_FILEIO_H
#define PACTA_FILEIO_H

#include <stddef.h>

#include "arena.h"
#include "pacta.h"

/** Reads path into the arena (NUL-terminated, *len excludes the NUL). */
pacta_status read_whole_file(arena *ar, const char *path, size_t max_bytes, char **data,
                             size_t *len, pacta_error *err);

#endif
