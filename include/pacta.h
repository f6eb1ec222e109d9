/*
 * pacta.h: the public interface of libpacta.
 *
 * libpacta checks what states did against the treaty obligations that bound
 * them on the day they did it. The law lives in YAML rule files (a
 * "rulebase"); the facts live in YAML scenario files. The library loads a
 * rulebase once, then checks any number of scenarios against it:
 *
 *     pacta_rulebase *rb;
 *     pacta_scenario *sc;
 *     pacta_report *rep;
 *     pacta_error err;
 *
 *     if (pacta_rulebase_load_dir(&rb, "rules", NULL, &err) != PACTA_OK) ...
 *     if (pacta_scenario_load_file(&sc, rb, "case.yaml", &err) != PACTA_OK) ...
 *     if (pacta_check(&rep, rb, sc, &err) != PACTA_OK) ...
 *     pacta_render(rep, rb, PACTA_FORMAT_TEXT, 0, my_write, stdout);
 *     pacta_report_free(rep);
 *     pacta_scenario_free(sc);
 *     pacta_rulebase_free(rb);
 *
 * Conventions that hold for the whole interface:
 *
 * - Every function that can fail returns a pacta_status and, when the caller
 *   passes a non-NULL pacta_error, fills it with the file, 1-based line and
 *   column, and a message. On failure no output handle is created.
 * - Every handle is opaque and has exactly one owner. A handle returned
 *   through an out-parameter (pacta_x **out) belongs to the caller, who
 *   releases it with the matching pacta_x_free(). Passing NULL to any _free
 *   is a no-op.
 * - Views (pacta_finding, strings returned by accessors) are borrowed: they
 *   stay valid as long as the handle they came from, and must not be freed.
 * - The library never prints, never exits and keeps no mutable global state.
 *   A loaded rulebase is immutable: any number of threads may check
 *   scenarios against one rulebase at the same time. A scenario and a report
 *   may be read from several threads but not freed while in use.
 */
#ifndef PACTA_H
#define PACTA_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define PACTA_EXPORT
#elif defined(__GNUC__) && __GNUC__ >= 4
#define PACTA_EXPORT __attribute__((visibility("default")))
#else
#define PACTA_EXPORT
#endif

/* ---------------------------------------------------------------- version */

#define PACTA_VERSION_MAJOR 0
#define PACTA_VERSION_MINOR 1
#define PACTA_VERSION_PATCH 0
#define PACTA_VERSION_STRING "0.1.0"
/** (major << 16) | (minor << 8) | patch, comparable with < and >. */
#define PACTA_VERSION_NUMBER \
    ((PACTA_VERSION_MAJOR << 16) | (PACTA_VERSION_MINOR << 8) | PACTA_VERSION_PATCH)

/** The version of the library actually linked, as "MAJOR.MINOR.PATCH". */
PACTA_EXPORT const char *pacta_version(void);
/** The version of the library actually linked, as PACTA_VERSION_NUMBER. */
PACTA_EXPORT int pacta_version_number(void);

/* ----------------------------------------------------------------- errors */

typedef enum pacta_status {
    PACTA_OK = 0,
    PACTA_DONE = 1,     /**< a stream has no more documents (not an error) */
    PACTA_EINPUT = -1,  /**< malformed rule file or scenario */
    PACTA_ELIMIT = -2,  /**< input exceeds a limit in pacta_options */
    PACTA_ENOMEM = -3,  /**< an allocation failed */
    PACTA_EIO = -4,     /**< a file could not be read */
    PACTA_EUSAGE = -5   /**< the caller passed an invalid argument */
} pacta_status;

#define PACTA_ERROR_FILE_MAX 512
#define PACTA_ERROR_MESSAGE_MAX 512
#define PACTA_ERROR_HINT_MAX 256

/**
 * An error, returned by value into caller-owned memory. line and column are
 * 1-based and 0 when the error has no position (an unreadable file, say).
 * hint is empty or a suggestion ("did you mean 'torture_on_return'?").
 */
typedef struct pacta_error {
    pacta_status status;
    char file[PACTA_ERROR_FILE_MAX];
    unsigned line;
    unsigned column;
    char message[PACTA_ERROR_MESSAGE_MAX];
    char hint[PACTA_ERROR_HINT_MAX];
} pacta_error;

/**
 * Writes "file:line:column: message (hint)" into buf, always NUL-terminated
 * when size > 0. Returns the length the full text needs, like snprintf.
 */
PACTA_EXPORT size_t pacta_error_format(const pacta_error *err, char *buf, size_t size);

/** A short English name for a status ("malformed input", "out of memory"). */
PACTA_EXPORT const char *pacta_status_name(pacta_status status);

/* ---------------------------------------------------------------- options */

/**
 * Allocation hooks. ctx is passed back unchanged. realloc_fn may be NULL, in
 * which case the library never reallocates through the hooks. Memory that
 * libyaml uses while parsing is not routed through these hooks.
 */
typedef struct pacta_allocator {
    void *(*malloc_fn)(void *ctx, size_t size);
    void *(*realloc_fn)(void *ctx, void *ptr, size_t size);
    void (*free_fn)(void *ctx, void *ptr);
    void *ctx;
} pacta_allocator;

/**
 * Bounds on what an input may make the library do. Exceeding one is an
 * error (PACTA_ELIMIT) with the position where it was exceeded, never a
 * truncated answer. Initialise with pacta_options_init(); zero fields after
 * that mean "use the default".
 */
typedef struct pacta_options {
    size_t max_input_bytes;      /**< one file or buffer; default 16 MiB */
    unsigned max_depth;          /**< YAML nesting depth; default 64 */
    size_t max_alias_nodes;      /**< nodes reachable through aliases; default 100000 */
    size_t max_string_bytes;     /**< one scalar; default 1 MiB */
    size_t max_events;           /**< events in one scenario; default 100000 */
    size_t max_persons;          /**< persons in one scenario; default 100000 */
    size_t max_rules;            /**< rules in a rulebase; default 100000 */
    size_t max_sequence_steps;   /**< event pairs examined by sequence rules per scenario; default 10000000 */
    unsigned regex_match_limit;  /**< PCRE2 match limit; default 1000000 */
    unsigned regex_depth_limit;  /**< PCRE2 depth limit; default 10000 */
    unsigned regex_heap_limit_kib; /**< PCRE2 heap limit in KiB; default 20000 */
    pacta_allocator allocator;   /**< default: the C library's malloc */
} pacta_options;

/** Fills opts with the defaults listed above. */
PACTA_EXPORT void pacta_options_init(pacta_options *opts);

/* --------------------------------------------------------------- rulebase */

/** The law: instruments, provisions, party records, rules, vocabulary. */
typedef struct pacta_rulebase pacta_rulebase;

/**
 * Loads every *.yaml file below dir (recursively, in byte order of their
 * paths), links and validates them, and compiles every indicator regex.
 * opts may be NULL for the defaults; the rulebase keeps a copy.
 */
PACTA_EXPORT pacta_status pacta_rulebase_load_dir(pacta_rulebase **out, const char *dir,
                                                  const pacta_options *opts, pacta_error *err);

/**
 * Building a rulebase from files or buffers one at a time:
 * pacta_rulebase_new(), any number of pacta_rulebase_add_*(), then
 * pacta_rulebase_finish(), after which the rulebase is immutable and the
 * add functions fail with PACTA_EUSAGE. A rulebase that has not been
 * finished cannot be used to load scenarios.
 */
PACTA_EXPORT pacta_status pacta_rulebase_new(pacta_rulebase **out, const pacta_options *opts,
                                             pacta_error *err);
PACTA_EXPORT pacta_status pacta_rulebase_add_file(pacta_rulebase *rb, const char *path,
                                                  pacta_error *err);
/** name is used in error messages and in the digest; data need not be NUL-terminated. */
PACTA_EXPORT pacta_status pacta_rulebase_add_buffer(pacta_rulebase *rb, const char *name,
                                                    const char *data, size_t len,
                                                    pacta_error *err);
PACTA_EXPORT pacta_status pacta_rulebase_finish(pacta_rulebase *rb, pacta_error *err);

PACTA_EXPORT void pacta_rulebase_free(pacta_rulebase *rb);

/** SHA-256, in lower-case hex, over the names and bytes of the loaded rule files. */
PACTA_EXPORT const char *pacta_rulebase_digest(const pacta_rulebase *rb);
/** Number of rule files loaded. */
PACTA_EXPORT size_t pacta_rulebase_file_count(const pacta_rulebase *rb);
/** Number of rules (single-event and sequence) loaded. */
PACTA_EXPORT size_t pacta_rulebase_rule_count(const pacta_rulebase *rb);

/* --------------------------------------------------------------- scenario */

/** One scenario: persons, conditions, events and expectations. */
typedef struct pacta_scenario pacta_scenario;

/**
 * Parses exactly one scenario document and validates it against rb (state
 * codes, actions and facts must be known to the rulebase). name is used in
 * error messages and reports. A buffer holding several documents is an error;
 * use a pacta_scenario_stream for those.
 */
PACTA_EXPORT pacta_status pacta_scenario_load_buffer(pacta_scenario **out, const pacta_rulebase *rb,
                                                     const char *name, const char *data,
                                                     size_t len, pacta_error *err);
PACTA_EXPORT pacta_status pacta_scenario_load_file(pacta_scenario **out, const pacta_rulebase *rb,
                                                   const char *path, pacta_error *err);
PACTA_EXPORT void pacta_scenario_free(pacta_scenario *sc);

PACTA_EXPORT const char *pacta_scenario_name(const pacta_scenario *sc);
PACTA_EXPORT const char *pacta_scenario_title(const pacta_scenario *sc);

/**
 * A stream of scenario documents ("---"-separated YAML) in one buffer. The
 * stream copies the buffer. Each call to next yields the next scenario
 * (PACTA_OK), PACTA_DONE at the end, or an error for that document. After a
 * validation error the stream goes on with the next document; after a YAML
 * syntax error it cannot, and next returns PACTA_DONE from then on.
 */
typedef struct pacta_scenario_stream pacta_scenario_stream;

PACTA_EXPORT pacta_status pacta_scenario_stream_new(pacta_scenario_stream **out,
                                                    const pacta_rulebase *rb, const char *name,
                                                    const char *data, size_t len,
                                                    pacta_error *err);
PACTA_EXPORT pacta_status pacta_scenario_stream_next(pacta_scenario_stream *st,
                                                     pacta_scenario **out, pacta_error *err);
PACTA_EXPORT void pacta_scenario_stream_free(pacta_scenario_stream *st);

/* ----------------------------------------------------------------- checks */

typedef enum pacta_verdict {
    PACTA_VIOLATION = 0,      /**< bound, every element established, no exception */
    PACTA_NO_VIOLATION = 1,   /**< bound, an element absent or an exception established */
    PACTA_UNDETERMINED = 2,   /**< a fact that decides it is unknown */
    PACTA_NOT_APPLICABLE = 3  /**< the actor was not bound by the provision that day */
} pacta_verdict;
#define PACTA_VERDICT_COUNT 4

/** "violation", "no_violation", "undetermined", "not_applicable". */
PACTA_EXPORT const char *pacta_verdict_name(pacta_verdict v);

/** Three-valued truth, as used for elements and facts. */
typedef enum pacta_truth { PACTA_FALSE = 0, PACTA_TRUE = 1, PACTA_UNKNOWN = 2 } pacta_truth;
/** "false", "true", "unknown". */
PACTA_EXPORT const char *pacta_truth_name(pacta_truth t);

/** The findings for one scenario. */
typedef struct pacta_report pacta_report;
/** One provision weighed against one event (or sequence) of one actor. */
typedef struct pacta_finding pacta_finding;

/**
 * Evaluates every rule whose trigger matches an event of sc. rb must be the
 * rulebase sc was loaded against. The report does not borrow from sc or rb:
 * either may be freed before the report.
 */
PACTA_EXPORT pacta_status pacta_check(pacta_report **out, const pacta_rulebase *rb,
                                      const pacta_scenario *sc, pacta_error *err);
PACTA_EXPORT void pacta_report_free(pacta_report *rep);

PACTA_EXPORT size_t pacta_report_finding_count(const pacta_report *rep);
/**
 * The i-th finding, in a stable order (by date, then event, then rule); NULL
 * past the end. Every pacta_finding_* accessor returns NULL, 0 or a zeroed
 * view for a NULL finding or an index out of range.
 */
PACTA_EXPORT const pacta_finding *pacta_report_finding(const pacta_report *rep, size_t i);
/** How many findings have verdict v. */
PACTA_EXPORT size_t pacta_report_count(const pacta_report *rep, pacta_verdict v);

PACTA_EXPORT pacta_verdict pacta_finding_verdict(const pacta_finding *f);
/** "instrument/rule-id", e.g. "refugee-convention/return-to-risk". */
PACTA_EXPORT const char *pacta_finding_rule(const pacta_finding *f);
PACTA_EXPORT const char *pacta_finding_actor(const pacta_finding *f);
/** The date of the (last) event: "2023-10-09", "2013-05" or "1992". */
PACTA_EXPORT const char *pacta_finding_date(const pacta_finding *f);
/** The instrument the finding is reported under (the Protocol for Protocol-only parties). */
PACTA_EXPORT const char *pacta_finding_instrument(const pacta_finding *f);
/** Akoma Ntoso eId, e.g. "art_33__para_1". */
PACTA_EXPORT const char *pacta_finding_provision(const pacta_finding *f);
/** The rule's title, e.g. "Return of a refugee ... to a threat to life or freedom". */
PACTA_EXPORT const char *pacta_finding_rule_title(const pacta_finding *f);
/** The provision as cited in prose: "Refugee Convention art. 33(1)". */
PACTA_EXPORT const char *pacta_finding_provision_label(const pacta_finding *f);
/** The verbatim text of the rule's provision, or NULL when the rules give none. */
PACTA_EXPORT const char *pacta_finding_provision_text(const pacta_finding *f);
/** "treaty", "customary", "domestic" or "bilateral". */
PACTA_EXPORT const char *pacta_finding_basis(const pacta_finding *f);

PACTA_EXPORT size_t pacta_finding_event_count(const pacta_finding *f);
PACTA_EXPORT const char *pacta_finding_event(const pacta_finding *f, size_t i);

/**
 * Why the actor was (or was not) bound. Fields the finding lacks are NULL:
 * consent and in_force are absent for customary law, for instance.
 */
typedef struct pacta_binding_view {
    const char *consent;       /**< date of the consent, e.g. "1982-09-24" */
    const char *consent_type;  /**< ratification, accession, succession, ... */
    const char *in_force;      /**< date (or range "A..B") it bound the actor */
    const char *clause;        /**< the provision that computes in_force, e.g. "art. 43(2)" */
    const char *via;           /**< the instrument that binds, if not the rule's own */
} pacta_binding_view;
PACTA_EXPORT pacta_binding_view pacta_finding_binding(const pacta_finding *f);

/** Free-text lists: reasons (the argument, in order), caveats, and missing facts. */
PACTA_EXPORT size_t pacta_finding_reason_count(const pacta_finding *f);
PACTA_EXPORT const char *pacta_finding_reason(const pacta_finding *f, size_t i);
PACTA_EXPORT size_t pacta_finding_caveat_count(const pacta_finding *f);
PACTA_EXPORT const char *pacta_finding_caveat(const pacta_finding *f, size_t i);
/** Facts in scenario terms ("KP.torture_on_return", "e2.individual_assessment"). */
PACTA_EXPORT size_t pacta_finding_missing_count(const pacta_finding *f);
PACTA_EXPORT const char *pacta_finding_missing(const pacta_finding *f, size_t i);

typedef struct pacta_citation_view {
    const char *instrument;
    const char *provision;     /**< NULL when the citation is to a whole document */
    const char *label;         /**< "Convention relating to the Status of Refugees, art. 33(1)" */
    const char *source;        /**< "189 UNTS 137" */
    const char *url;           /**< may be NULL */
} pacta_citation_view;
PACTA_EXPORT size_t pacta_finding_citation_count(const pacta_finding *f);
PACTA_EXPORT pacta_citation_view pacta_finding_citation(const pacta_finding *f, size_t i);

/** Where a fact came from. */
typedef enum pacta_provenance {
    PACTA_FROM_EVENT = 0,      /**< an event field or the event's facts: */
    PACTA_FROM_PERSON = 1,     /**< the person's status or facts: */
    PACTA_FROM_CONDITION = 2,  /**< a scenario condition on a state */
    PACTA_FROM_RULE = 3,       /**< derived by a rulebase definition */
    PACTA_FROM_TEXT = 4,       /**< inferred from narrative text by an indicator */
    PACTA_FROM_NOWHERE = 5     /**< not stated anywhere: unknown */
} pacta_provenance;
/** "event", "person", "condition", "rule", "text", "none". */
PACTA_EXPORT const char *pacta_provenance_name(pacta_provenance p);

typedef struct pacta_fact_view {
    const char *ref;           /**< "KP.torture_on_return", "e2.individual_assessment" */
    pacta_truth value;
    pacta_provenance from;
    const char *detail;        /**< "e2.facts.individual_assessment", "conditions[1]", indicator id */
    const char *source;        /**< source id cited by the scenario, or NULL */
    const char *text;          /**< for PACTA_FROM_TEXT: the matched text; else NULL */
    size_t span_start;         /**< for PACTA_FROM_TEXT: byte offsets in the description */
    size_t span_end;
} pacta_fact_view;
/** The facts the finding used, each once, in the order first used. */
PACTA_EXPORT size_t pacta_finding_fact_count(const pacta_finding *f);
PACTA_EXPORT pacta_fact_view pacta_finding_fact(const pacta_finding *f, size_t i);

/** Kinds of analysis step, in the order a finding lists them. */
typedef enum pacta_step_kind {
    PACTA_STEP_BINDING = 0,       /**< was the actor bound on the date */
    PACTA_STEP_ELEMENT = 1,       /**< an element of the rule */
    PACTA_STEP_EXCEPTION = 2,     /**< an exception that could defeat it */
    PACTA_STEP_CONSIDERATION = 3  /**< a relevant consideration that decides nothing alone */
} pacta_step_kind;
/** "binding", "element", "exception", "consideration". */
PACTA_EXPORT const char *pacta_step_kind_name(pacta_step_kind k);

typedef struct pacta_step_view {
    pacta_step_kind kind;
    const char *id;            /**< element or exception id from the rule file */
    const char *label;         /**< what must be shown, in words */
    const char *provision;     /**< the provision it comes from, or NULL */
    pacta_truth value;
    size_t fact_count;         /**< facts this step used: indexes into the finding's facts */
    const size_t *facts;
} pacta_step_view;
PACTA_EXPORT size_t pacta_finding_step_count(const pacta_finding *f);
PACTA_EXPORT pacta_step_view pacta_finding_step(const pacta_finding *f, size_t i);

/* ---------------------------------------------------------- expectations */

/** One entry of a scenario's expect: block, compared with a report. */
typedef struct pacta_expectation_view {
    const char *event;
    const char *instrument;
    const char *provision;
    const char *rule;          /**< optional: pins one rule when several match; may be NULL */
    pacta_verdict expected;
    int matched;               /**< 1 if the report has the expected verdict */
    size_t found;              /**< how many findings the entry selected */
    pacta_verdict actual;      /**< the first selected verdict that differs, else the first; not_applicable when found == 0 */
    unsigned line;             /**< where the entry stands in the scenario file */
} pacta_expectation_view;
PACTA_EXPORT size_t pacta_scenario_expectation_count(const pacta_scenario *sc);
/**
 * Compares expectation i with rep. An entry selects the findings whose events
 * include its event and whose instrument and provision (and rule, if given)
 * are the same; it is matched when it selects at least one and all of them
 * have the expected verdict.
 */
PACTA_EXPORT pacta_expectation_view pacta_expectation_check(const pacta_scenario *sc, size_t i,
                                                            const pacta_report *rep);

/* -------------------------------------------------------------- rendering */

typedef enum pacta_format {
    PACTA_FORMAT_TEXT = 0,
    PACTA_FORMAT_JSON = 1
} pacta_format;

/** Rendering flags, or-ed together. */
#define PACTA_RENDER_ALL 0x1u     /**< text: include not_applicable findings (JSON always does) */

/** Receives rendered bytes; returns 0 on success, nonzero to stop rendering. */
typedef int (*pacta_write_fn)(void *ctx, const char *data, size_t len);

/**
 * Renders the report of one scenario. JSON is one object with no trailing
 * newline; text ends with a newline. Returns PACTA_EIO if write returned
 * nonzero, PACTA_ENOMEM if an allocation failed.
 */
PACTA_EXPORT pacta_status pacta_render(const pacta_report *rep, const pacta_rulebase *rb,
                                       pacta_format format, unsigned flags,
                                       pacta_write_fn write, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* PACTA_H */
