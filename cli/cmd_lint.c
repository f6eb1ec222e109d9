/*
 * cmd_lint.c: `pacta lint`, which loads the rules, checks the example
 * scenarios against them for coverage, and prints every problem as
 * "file:line:column: severity: message". A rulebase that does not load is
 * reported as its load error (there is no model to lint); an example that
 * does not load is an error too, and the others still count for coverage.
 *
 * Exit status: 0 no error (warnings may have been printed), 1 warnings and
 * --strict, 2 an error in the rules or the examples, or bad usage.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static const char usage[] =
    "usage: pacta lint [--rules DIR] [--examples DIR | --no-examples] [--format text|json]\n"
    "                  [--all] [--strict]\n"
    "\n"
    "Checks the rulebase: every problem as file:line:column: severity: message.\n"
    "Loading refuses unknown keys, states, sources and provisions, dates and\n"
    "provision texts without a source, duplicate records, regexes that do not\n"
    "compile, a consent before adoption and a denunciation before consent; lint\n"
    "adds reservations to non-reservable or non-existent provisions, dates\n"
    "that contradict each other, sources nothing cites, indicators that match\n"
    "the empty string, and the rules, steps and provisions no example exercises.\n"
    "\n"
    "  --rules DIR      the rulebase (default as for pacta check)\n"
    "  --examples DIR   the scenarios whose findings measure coverage: every\n"
    "                   *.yaml in DIR and its immediate subfolders; default:\n"
    "                   the examples folder beside the rules folder, if any\n"
    "  --no-examples    no coverage checks\n"
    "  --format FORMAT  text (default) or json\n"
    "  --all            text: also print notes (checks that could not be made)\n"
    "  --strict         exit 1 when there are warnings but no errors\n"
    "\n"
    "exit status: 0 no error, 1 warnings with --strict, 2 errors or bad usage.\n";

typedef struct examples {
    pacta_coverage *coverage;
    pacta_error *errors;
    size_t error_count, error_cap;
    char **files;
    size_t file_count, file_cap;
} examples;

static int grow(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 16;
    void *p = realloc(*items, n * size);
    if (!p)
        return -1;
    *items = p;
    *cap = n;
    return 0;
}

static int add_error(examples *x, const pacta_error *err)
{
    if (grow((void **)&x->errors, &x->error_cap, x->error_count, sizeof *x->errors))
        return -1;
    x->errors[x->error_count++] = *err;
    return 0;
}

static int io_error(examples *x, const char *path, const char *what)
{
    pacta_error err;
    memset(&err, 0, sizeof err);
    err.status = PACTA_EIO;
    snprintf(err.file, sizeof err.file, "%s", path);
    snprintf(err.message, sizeof err.message, "%s", what);
    return add_error(x, &err);
}

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every *.yaml in dir and in its immediate subfolders, skipping dot files:
 * the files `make examples` runs, so that deeper folders can hold other
 * YAML (answer keys, say).
 */
static int collect(examples *x, const char *dir, unsigned depth)
{
    DIR *d = opendir(dir);
    if (!d)
        return io_error(x, dir, strerror(errno));
    struct dirent *entry;
    int rc = 0;
    while (rc == 0 && (entry = readdir(d)) != NULL) {
        const char *name = entry->d_name;
        size_t n = strlen(name);
        if (name[0] == '.')
            continue;
        char *path = malloc(strlen(dir) + n + 2);
        if (!path) {
            rc = -1;
            break;
        }
        sprintf(path, "%s/%s", dir, name);
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            rc = depth == 0 ? collect(x, path, depth + 1) : 0;
            free(path);
        } else if (n > 5 && strcmp(name + n - 5, ".yaml") == 0 &&
                   grow((void **)&x->files, &x->file_cap, x->file_count, sizeof *x->files) == 0) {
            x->files[x->file_count++] = path;
        } else {
            free(path);
        }
    }
    closedir(d);
    return rc;
}

/* The whole file, or NULL with an error recorded. */
static char *read_file(examples *x, const char *path, size_t *len)
{
    pacta_options opts;
    pacta_options_init(&opts);
    FILE *f = fopen(path, "rb");
    if (!f) {
        io_error(x, path, strerror(errno));
        return NULL;
    }
    size_t cap = 64 * 1024, used = 0;
    char *data = malloc(cap);
    while (data) {
        if (used == cap) {
            char *p = cap <= opts.max_input_bytes ? realloc(data, cap * 2) : NULL;
            if (!p) {
                free(data);
                data = NULL;
                break;
            }
            data = p;
            cap *= 2;
        }
        size_t n = fread(data + used, 1, cap - used, f);
        used += n;
        if (n == 0)
            break;
    }
    int failed = ferror(f);
    fclose(f);
    if (!data || failed) {
        free(data);
        io_error(x, path, failed ? "cannot read the file" : "too large or out of memory");
        return NULL;
    }
    *len = used;
    return data;
}

/* Loads and checks every scenario of one file; problems are recorded, not fatal. */
static int check_file(examples *x, const pacta_rulebase *rb, const char *path)
{
    size_t len = 0;
    char *data = read_file(x, path, &len);
    if (!data)
        return 0;
    pacta_scenario_stream *st = NULL;
    pacta_error err;
    pacta_status status = pacta_scenario_stream_new(&st, rb, path, data, len, &err);
    free(data);
    if (status != PACTA_OK)
        return status == PACTA_ENOMEM ? -1 : add_error(x, &err);
    for (;;) {
        pacta_scenario *sc = NULL;
        pacta_report *rep = NULL;
        status = pacta_scenario_stream_next(st, &sc, &err);
        if (status == PACTA_DONE || status == PACTA_ENOMEM)
            break;
        if (status != PACTA_OK) {
            /* a bad document: the stream goes on with the next, or says DONE */
            if (add_error(x, &err) != 0) {
                status = PACTA_ENOMEM;
                break;
            }
            continue;
        }
        if (pacta_check(&rep, rb, sc, &err) != PACTA_OK ||
            pacta_coverage_add(x->coverage, rep, &err) != PACTA_OK)
            status = err.status == PACTA_ENOMEM || add_error(x, &err) ? PACTA_ENOMEM : PACTA_OK;
        pacta_report_free(rep);
        pacta_scenario_free(sc);
        if (status == PACTA_ENOMEM)
            break;
    }
    pacta_scenario_stream_free(st);
    return status == PACTA_ENOMEM ? -1 : 0;
}

static void examples_free(examples *x)
{
    pacta_coverage_free(x->coverage);
    for (size_t i = 0; i < x->file_count; i++)
        free(x->files[i]);
    free(x->errors);
    free(x->files);
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* "examples" beside the rules folder: rules -> examples, /x/share/pacta/rules -> /x/share/pacta/examples. */
static char *default_examples(const char *rules)
{
    size_t n = strlen(rules);
    while (n > 1 && rules[n - 1] == '/')
        n--;
    size_t parent = n;
    while (parent > 0 && rules[parent - 1] != '/')
        parent--;
    char *path = malloc(parent + sizeof "examples");
    if (!path)
        return NULL;
    sprintf(path, "%.*sexamples", (int)parent, rules);
    if (!is_dir(path)) {
        free(path);
        return NULL;
    }
    return path;
}

static int lint(const cli_tool_args *a, const char *examples_dir, int no_examples, int strict)
{
    const char *rules = cli_rules_dir(a->rules);
    pacta_rulebase *rb = NULL;
    pacta_error load_error;
    examples x;
    memset(&x, 0, sizeof x);
    pacta_lint_input in;
    memset(&in, 0, sizeof in);
    char *dir = NULL;
    int rc = 0;
    if (pacta_rulebase_load_dir(&rb, rules, NULL, &load_error) != PACTA_OK) {
        rc = add_error(&x, &load_error);
    } else if (!no_examples && (dir = examples_dir ? strdup(examples_dir) : default_examples(rules))) {
        pacta_error err;
        if (pacta_coverage_new(&x.coverage, rb, &err) != PACTA_OK)
            rc = -1;
        if (rc == 0)
            rc = collect(&x, dir, 0);
        if (x.file_count > 1)
            qsort(x.files, x.file_count, sizeof *x.files, compare_paths);
        for (size_t i = 0; rc == 0 && i < x.file_count; i++)
            rc = check_file(&x, rb, x.files[i]);
        in.coverage = x.coverage;
    }
    in.errors = x.errors;
    in.error_count = x.error_count;
    pacta_lint_result *res = NULL;
    pacta_error err;
    int status = CLI_EXIT_BAD;
    if (rc != 0)
        fputs("pacta: out of memory\n", stderr);
    else if (pacta_lint(&res, rb, &in, &err) != PACTA_OK)
        cli_print_error(&err);
    else {
        status = pacta_lint_count(res, PACTA_SEVERITY_ERROR)                ? CLI_EXIT_BAD
                 : strict && pacta_lint_count(res, PACTA_SEVERITY_WARNING) ? CLI_EXIT_FINDING
                                                                            : CLI_EXIT_OK;
        status = cli_tool_output(pacta_lint_render(res, a->format, a->flags, cli_write_stdout, NULL),
                                 a->format, status);
    }
    pacta_lint_result_free(res);
    examples_free(&x);
    free(dir);
    pacta_rulebase_free(rb);
    return status;
}

int cmd_lint(int argc, char **argv)
{
    const char *examples_dir = NULL;
    int no_examples = 0, strict = 0;
    cli_tool_option options[] = {{"--examples", &examples_dir, NULL},
                                 {"--no-examples", NULL, &no_examples},
                                 {"--strict", NULL, &strict},
                                 {NULL, NULL, NULL}};
    cli_tool_args a;
    int status = cli_parse_tool_args(argc, argv, options, &a);
    if (status != CLI_EXIT_OK)
        return status;
    if (a.help)
        return cli_tool_help(usage);
    if (a.operand)
        return cli_tool_usage("lint", "unexpected argument '%s' (the rules are given with --rules)",
                              a.operand);
    if (examples_dir && no_examples)
        return cli_tool_usage("lint", "--examples and --no-examples exclude each other");
    if (examples_dir && !is_dir(examples_dir))
        return cli_tool_usage("lint", "--examples: '%s' is not a folder", examples_dir);
    return lint(&a, examples_dir, no_examples, strict);
}
