/*
 * fuzz_rules.c: the rulebase loader over a fuzzed rule file. Most inputs
 * are loaded as the only file of a rulebase (fast, so the fuzzer explores
 * the parser and the linker); inputs whose length is a multiple of 8 are
 * added after the real top-level files of rules/ (sources, states, vocabulary,
 * indicators), so that a fuzzed instrument or party file links against
 * real definitions and may collide with them. The instruments and party
 * records below rules/ are left out: parsing them on every run would cost
 * two orders of magnitude in speed and they hold nothing a fuzzed file
 * could refer to that the top-level files do not. Either way the load must
 * succeed or fail cleanly.
 */
#include <dirent.h>
#include <stdint.h>

#include "fuzz_common.h"

typedef struct rule_file {
    char *name;
    char *data;
    size_t len;
} rule_file;

static rule_file *files;
static size_t file_count;

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const rule_file *)a)->name, ((const rule_file *)b)->name);
}

/* Collects the *.yaml files directly in dir. */
static void collect(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        abort();
    struct dirent *ent;
    while ((ent = readdir(d)) != NULL) {
        if (ent->d_name[0] == '.')
            continue;
        size_t need = strlen(dir) + strlen(ent->d_name) + 2;
        char *path = malloc(need);
        if (!path)
            abort();
        snprintf(path, need, "%s/%s", dir, ent->d_name);
        size_t nl = strlen(ent->d_name);
        DIR *sub = opendir(path);
        if (sub) {
            closedir(sub);
            free(path);
        } else if (nl > 5 && strcmp(ent->d_name + nl - 5, ".yaml") == 0) {
            rule_file *more = realloc(files, (file_count + 1) * sizeof *files);
            if (!more)
                abort();
            files = more;
            files[file_count].name = path;
            files[file_count].data = read_all(path, &files[file_count].len);
            if (!files[file_count].data)
                abort();
            file_count++;
        } else {
            free(path);
        }
    }
    closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!files) {
        collect(fuzz_rules_dir());
        qsort(files, file_count, sizeof *files, by_name);
    }
    pacta_rulebase *rb = NULL;
    pacta_error err;
    pacta_status st = pacta_rulebase_new(&rb, NULL, &err);
    if (st != PACTA_OK)
        abort();
    if (size % 8 == 0) {
        for (size_t i = 0; i < file_count; i++)
            if (pacta_rulebase_add_buffer(rb, files[i].name, files[i].data, files[i].len, &err) !=
                PACTA_OK)
                abort();
    }
    st = pacta_rulebase_add_buffer(rb, "fuzz.yaml", (const char *)data, size, &err);
    if (st == PACTA_OK)
        st = pacta_rulebase_finish(rb, &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
    } else {
        if (strlen(pacta_rulebase_digest(rb)) != 64)
            abort();
        /* A rulebase that loaded must be usable: check a trivial scenario against it. */
        static const char empty[] = "pacta: 1\ntitle: nothing happens\nevents: []\n";
        pacta_scenario *sc = NULL;
        if (pacta_scenario_load_buffer(&sc, rb, "empty.yaml", empty, sizeof empty - 1, &err) ==
            PACTA_OK) {
            pacta_report *rep = NULL;
            if (pacta_check(&rep, rb, sc, &err) == PACTA_OK)
                pacta_report_free(rep);
            pacta_scenario_free(sc);
        }
    }
    pacta_rulebase_free(rb);
    return 0;
}
