/*
 * fixtures.h: what several unit tests do around the library the same way:
 * find files under PACTA_TEST_ROOT (the real rules/, the examples), add
 * rule buffers to a rulebase, fail a test with an error's
 * file:line:column message, and look up a report's findings and their
 * texts. Include after <cmocka.h>.
 */
#ifndef PACTA_TEST_FIXTURES_H
#define PACTA_TEST_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pacta.h"

/* relative, under PACTA_TEST_ROOT (the current folder when unset), in buf. */
static inline const char *test_path(char *buf, size_t size, const char *relative)
{
    const char *root = getenv("PACTA_TEST_ROOT");
    snprintf(buf, size, "%s/%s", root && *root ? root : ".", relative);
    return buf;
}

/* Fails the test: what, then the error as pacta_error_format() writes it. */
static inline void fail_on_error(const char *what, const pacta_error *err)
{
    char msg[2048];
    pacta_error_format(err, msg, sizeof msg);
    fail_msg("%s: %s", what, msg);
}

/* Loads the real rules/ of the repository into *rb. */
static inline pacta_status load_real_rules(pacta_rulebase **rb, const pacta_options *opts,
                                           pacta_error *err)
{
    char dir[4096];
    return pacta_rulebase_load_dir(rb, test_path(dir, sizeof dir, "rules"), opts, err);
}

/* A cmocka group setup's body: the real rules into *rb; 0, or -1 after printing why. */
static inline int setup_real_rules(pacta_rulebase **rb)
{
    pacta_error err;
    if (load_real_rules(rb, NULL, &err) != PACTA_OK) {
        char msg[1024];
        pacta_error_format(&err, msg, sizeof msg);
        print_error("%s\n", msg);
        return -1;
    }
    return 0;
}

/* Adds one rule file's text to rb; fails the test if it is refused. */
static inline void add_rules_buffer(pacta_rulebase *rb, const char *name, const char *text)
{
    pacta_error err;
    if (pacta_rulebase_add_buffer(rb, name, text, strlen(text), &err) != PACTA_OK)
        fail_on_error(name, &err);
}

/* Finishes rb; fails the test if the rules do not hold together. */
static inline void finish_rules(pacta_rulebase *rb)
{
    pacta_error err;
    if (pacta_rulebase_finish(rb, &err) != PACTA_OK)
        fail_on_error("rules", &err);
}

/* The first finding of rule, at event (the last of its events) unless event is NULL; or NULL. */
static inline const pacta_finding *find_finding(const pacta_report *rep, const char *rule,
                                                const char *event)
{
    for (size_t i = 0; i < pacta_report_finding_count(rep); i++) {
        const pacta_finding *f = pacta_report_finding(rep, i);
        size_t n = pacta_finding_event_count(f);
        if (strcmp(pacta_finding_rule(f), rule) == 0 &&
            (!event || (n && strcmp(pacta_finding_event(f, n - 1), event) == 0)))
            return f;
    }
    return NULL;
}

/* The same, failing the test when there is no such finding. */
static inline const pacta_finding *the_finding(const pacta_report *rep, const char *rule,
                                               const char *event)
{
    const pacta_finding *f = find_finding(rep, rule, event);
    if (!f)
        fail_msg("no finding %s%s%s", rule, event ? " at " : "", event ? event : "");
    return f;
}

/* Whether one of f's texts (reasons, caveats, missing facts: count and get) contains needle. */
static inline int finding_has_text(size_t (*count)(const pacta_finding *),
                                   const char *(*get)(const pacta_finding *, size_t),
                                   const pacta_finding *f, const char *needle)
{
    for (size_t i = 0; i < count(f); i++)
        if (strstr(get(f, i), needle))
            return 1;
    return 0;
}

#define HAS_REASON(f, s) finding_has_text(pacta_finding_reason_count, pacta_finding_reason, f, s)
#define HAS_CAVEAT(f, s) finding_has_text(pacta_finding_caveat_count, pacta_finding_caveat, f, s)
#define HAS_MISSING(f, s) finding_has_text(pacta_finding_missing_count, pacta_finding_missing, f, s)

#endif
