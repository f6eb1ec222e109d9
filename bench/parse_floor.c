/*
 * parse_floor.c: the floor under any JSON Lines batch: json-c parsing each
 * line of FILE and freeing it, nothing else. `make bench` runs it on the
 * same file as pacta and the hand-written C reference, so that pacta's
 * time reads as a multiple of what reading its input costs at least.
 *
 *     parse_floor FILE      prints the number of objects parsed
 */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: parse_floor FILE\n", stderr);
        return 2;
    }
    FILE *f = fopen(argv[1], "r");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    json_tokener *tok = json_tokener_new();
    char *line = NULL;
    size_t cap = 0, objects = 0;
    ssize_t len;
    while (tok && (len = getline(&line, &cap, f)) > 0) {
        json_tokener_reset(tok);
        struct json_object *obj = json_tokener_parse_ex(tok, line, (int)len);
        if (json_object_get_type(obj) == json_type_object)
            objects++;
        json_object_put(obj);
    }
    printf("%zu objects\n", objects);
    free(line);
    json_tokener_free(tok);
    fclose(f);
    return 0;
}
