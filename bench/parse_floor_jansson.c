/*
 * parse_floor_jansson.c: parse_floor.c with jansson instead of json-c, to
 * tell which of the two JSON libraries in Debian reads the wide workload
 * faster (bench/README.md). pacta reads JSON Lines with json-c; this is a
 * measurement, not an alternative build.
 *
 *     parse_floor_jansson FILE      prints the number of objects parsed
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: parse_floor_jansson FILE\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0, objects = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        json_error_t error;
        json_t *obj = json_loadb(line, (size_t)len, JSON_DISABLE_EOF_CHECK, &error);
        if (json_is_object(obj))
            objects++;
        json_decref(obj);
    }
    printf("%zu objects\n", objects);
    free(line);
    fclose(f);
    return 0;
}
