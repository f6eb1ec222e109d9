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

/*
 * Contents, by task (each part opens with a double rule, each section
 * with a single one):
 *
 *   1. Basics: version, errors, the bounds on input
 *        sections: version, errors, options
 *   2. Loading: the law (a rulebase) and the facts (a scenario)
 *        sections: rulebase, scenario
 *   3. Checking: reports, findings, expectations, what-if
 *        sections: checks, expectations, what-if
 *   4. Writing reports: formats, explanations, citations, batches
 *        sections: rendering, explanations and citations, batches
 *   5. Auditing the law: lint, timelines, provisions, coverage
 *        sections: auditing the law, lint, timeline, show, coverage
 *   6. Teaching: grading answer files
 *        sections: grading
 *   7. Drafting: from a report to a scenario
 *        sections: drafting
 */

/* ======== 1. BASICS =============================================== */

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
    PACTA_EIO = -4,     /**< a file could not be read, or is not a regular file */
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

/* ======== 2. LOADING ============================================== */

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
/**
 * Every function that takes a path reads a regular file only: a directory,
 * a device, a FIFO or a socket is PACTA_EIO before anything is read, since
 * a FIFO without a writer would block for ever. Read a pipe yourself and
 * pass its bytes to the matching _buffer function.
 */
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

/* ======== 3. CHECKING ============================================= */

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
 * rulebase sc was loaded against. The report copies what it needs from sc,
 * which may be freed before the report; it borrows labels, provision texts
 * and citations from rb, which must outlive the report (a rulebase is meant
 * to be loaded once and kept).
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
    const char *clause;        /**< what computes in_force: a provision ("art. 43(2)"), "general
                                    entry into force" for a consent before it, NULL for a succession */
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

/**
 * Chain refoulement: a removal to a state likely to send the person on is
 * judged by the risks in the onward state. A finding that followed such a
 * chain lists it: the removal, then each onward link in order (LA to CN,
 * then CN on to KP), each with the fact that carried the risk of onward
 * removal and where that fact was stated. Only a report built with prose
 * lists chains (pacta_check(), not a compact batch record).
 */
typedef struct pacta_chain_view {
    const char *event;         /**< the removal the chain starts from: "e2" */
    const char *actor;         /**< the removing state: "LA" */
    const char *to;            /**< its destination: "CN" */
    size_t link_count;         /**< the onward links: pacta_finding_chain_link() */
} pacta_chain_view;
typedef struct pacta_chain_link_view {
    const char *from;          /**< the state that would send the person on: "CN" */
    const char *to;            /**< the onward state: "KP" */
    const char *condition;     /**< the fact that carried the risk: "CN.onward_removal_risk" */
    const char *stated;        /**< where: "rules' country conditions, conditions/cn.yaml:18" */
} pacta_chain_link_view;
PACTA_EXPORT size_t pacta_finding_chain_count(const pacta_finding *f);
PACTA_EXPORT pacta_chain_view pacta_finding_chain(const pacta_finding *f, size_t i);
/** Link k (first link first) of chain i; a zeroed view past the end. */
PACTA_EXPORT pacta_chain_link_view pacta_finding_chain_link(const pacta_finding *f, size_t i,
                                                            size_t k);

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

/* ---------------------------------------------------------------- what-if */

/*
 * What-if: checking a scenario under assumed facts, and asking which facts
 * would turn a finding. Neither changes the scenario: the assumptions are
 * applied to a private copy.
 *
 * An assumption is written "FACT=VALUE", FACT in the scenario terms a
 * finding's missing facts use:
 *
 *   STATE.fact=true|false|unknown    a condition on that state for the whole
 *                                    timeline, replacing the scenario's (and
 *                                    the rules' country) conditions on that
 *                                    state and fact
 *   EVENT.fact=true|false|unknown    a fact of that event
 *   PERSON.fact=true|false|unknown   a fact of that person
 *   PERSON.status=refugee|asylum_seeker|undetermined|migrant|national
 *   EVENT.date=YYYY[-MM[-DD]]        the event's date (events are re-sorted)
 *
 * A name is an event id, else a person id, else a state code. An assumption
 * wins over every statement of its fact that would be read first: STATE.fact
 * over that fact stated on events to that state or on their persons,
 * PERSON.fact over the fact stated on that person's events. A later
 * assumption about the same fact wins over an earlier one. A fact read from
 * an assumption keeps the provenance of the level it replaces (condition,
 * person or event), with the detail "assumed: FACT=VALUE".
 */
typedef struct pacta_assumptions pacta_assumptions;

/** An empty set of assumptions for scenarios loaded against rb. */
PACTA_EXPORT pacta_status pacta_assumptions_new(pacta_assumptions **out, const pacta_rulebase *rb,
                                                pacta_error *err);
/**
 * Adds one "FACT=VALUE", checking its syntax, the fact's name against the
 * rulebase and the value; the names of events, persons and states are checked
 * against each scenario when it is checked. Errors name the file "--assume"
 * and carry the closest known name as a hint.
 */
PACTA_EXPORT pacta_status pacta_assumptions_add(pacta_assumptions *as, const char *text,
                                                pacta_error *err);
PACTA_EXPORT size_t pacta_assumptions_count(const pacta_assumptions *as);
PACTA_EXPORT void pacta_assumptions_free(pacta_assumptions *as);

/** A fact and the value given to it: an assumption, or one change of a counterfactual. */
typedef struct pacta_change_view {
    const char *fact;          /**< "KP.torture_on_return", "e2.date", "escapees.status" */
    const char *value;         /**< "false", "1982-12-22", "migrant" */
} pacta_change_view;

/** pacta_check_assuming() flag: also search every finding's counterfactuals. */
#define PACTA_WHATIF_COUNTERFACTUALS 0x1u

/**
 * pacta_check() with the assumptions applied (as may be NULL or empty). Each
 * finding then also carries its verdict without them
 * (pacta_finding_baseline()), matched by rule and events. A name that sc
 * does not have is an error (PACTA_EINPUT, file: sc's name, no position,
 * hint: the closest name it has). With PACTA_WHATIF_COUNTERFACTUALS, every
 * violation and undetermined finding also gets its counterfactuals, searched
 * from the rules by re-weighing the finding's rule alone under changed facts,
 * with the assumptions still applied:
 *
 * - undetermined: each missing fact set alone to each value (true and false;
 *   a missing date to the first and the last day it may be), whatever the
 *   verdict then; and, when at most four facts are missing, every smallest
 *   combination of them that decides the finding;
 * - violation: the smallest sets of at most two changes that defeat it
 *   (verdict no_violation or not_applicable): each fact its elements and
 *   exceptions used, set to the other value (a status to each other
 *   status), and the event moved to the day before the treaty bound the
 *   actor. A set is listed only if no smaller one inside it defeats it.
 *
 * Each evaluation weighs only the finding's rule, on a copy of the events
 * of the same actor and subject. The search for one finding stops after 256
 * evaluations, and a report's after 20000 (later findings are then not
 * searched); either is reported by pacta_finding_counterfactuals_truncated().
 */
PACTA_EXPORT pacta_status pacta_check_assuming(pacta_report **out, const pacta_rulebase *rb,
                                               const pacta_scenario *sc,
                                               const pacta_assumptions *as, unsigned flags,
                                               pacta_error *err);

/** The assumptions a report was checked under, in the order given. */
PACTA_EXPORT size_t pacta_report_assumption_count(const pacta_report *rep);
PACTA_EXPORT pacta_change_view pacta_report_assumption(const pacta_report *rep, size_t i);
/** How many findings the assumptions changed (another verdict, or no finding without them). */
PACTA_EXPORT size_t pacta_report_changed_count(const pacta_report *rep);
/**
 * Findings made without the assumptions that have no counterpart with them
 * (a moved date can undo a sequence), as "RULE (EVENTS): VERDICT".
 */
PACTA_EXPORT size_t pacta_report_dropped_count(const pacta_report *rep);
PACTA_EXPORT const char *pacta_report_dropped(const pacta_report *rep, size_t i);

typedef struct pacta_baseline_view {
    int assumed;               /**< 1: the report was checked under assumptions */
    int found;                 /**< 1: without them there is a finding for the same rule and events */
    pacta_verdict verdict;     /**< its verdict, when found */
    int changed;               /**< 1: assumed, and not found or found with another verdict */
} pacta_baseline_view;
PACTA_EXPORT pacta_baseline_view pacta_finding_baseline(const pacta_finding *f);

/** A step of the analysis that a counterfactual turns, with its new value. */
typedef struct pacta_turned_step_view {
    pacta_step_kind kind;
    const char *id;            /**< element or exception id; "binding" */
    const char *provision;     /**< as cited, "art. 33(2)"; NULL when the step names none */
    pacta_truth value;
} pacta_turned_step_view;

typedef struct pacta_counterfactual_view {
    size_t change_count;
    const pacta_change_view *changes;
    pacta_verdict verdict;     /**< the finding's verdict with the changes */
    size_t step_count;
    const pacta_turned_step_view *steps;
    int single;                /**< 1: one missing fact set alone (listed whatever the verdict) */
} pacta_counterfactual_view;
/** Counterfactuals of f, in the order searched; 0 unless checked with PACTA_WHATIF_COUNTERFACTUALS. */
PACTA_EXPORT size_t pacta_finding_counterfactual_count(const pacta_finding *f);
PACTA_EXPORT pacta_counterfactual_view pacta_finding_counterfactual(const pacta_finding *f,
                                                                    size_t i);
/** 1 when the search for f stopped at its budget: larger sets may be missing. */
PACTA_EXPORT int pacta_finding_counterfactuals_truncated(const pacta_finding *f);

/*
 * pacta_render() shows what a report carries: text lists the assumptions
 * under the header, marks each changed finding "changed: BEFORE -> AFTER"
 * (and shows it even when not_applicable), adds a "What would change it"
 * section to findings with counterfactuals and a count of changed verdicts
 * after the summary. JSON adds "assumptions": [{"fact", "value"}],
 * "changed": N and "dropped": [...] to the object, "baseline_verdict"
 * (null: no finding without the assumptions) and "changed" to each finding,
 * and "counterfactuals": [{"changes": [{"fact", "value"}], "verdict",
 * "steps": [{"kind", "id", "provision", "value"}], "single"}] (with
 * "counterfactuals_truncated": true when the search stopped) to each finding
 * searched.
 */

/* ======== 4. WRITING REPORTS ====================================== */

/* -------------------------------------------------------------- rendering */

typedef enum pacta_format {
    PACTA_FORMAT_TEXT = 0,
    PACTA_FORMAT_JSON = 1,
    PACTA_FORMAT_MARKDOWN = 2, /**< a memo: summary table, findings, footnotes, binding timeline */
    PACTA_FORMAT_HTML = 3,     /**< one self-contained page: summary table, findings with their
                                    reasoning folded, citations as links, an SVG binding timeline
                                    per acting state */
    PACTA_FORMAT_SVG = 4       /**< an SVG image; only pacta_timeline_render() writes it */
} pacta_format;

/** Rendering flags, or-ed together. */
#define PACTA_RENDER_ALL 0x1u     /**< text, HTML: include not_applicable findings (JSON always does) */
/**
 * JSON: the format 1 shape, kept for one version (pacta 0.1): each finding
 * repeats its citation objects, its provision's text, and its steps and
 * facts. Without it, format 2: "format": 2, citations as ids into a
 * top-level "sources" table, provision texts in a top-level "provisions"
 * table, and steps and facts only with PACTA_RENDER_EXPLAIN.
 */
#define PACTA_RENDER_JSON_V1 0x4u
/** Text: ANSI colour for a terminal (the caller decides; the library never looks). */
#define PACTA_RENDER_COLOR 0x8u

/** Receives rendered bytes; returns 0 on success, nonzero to stop rendering. */
typedef int (*pacta_write_fn)(void *ctx, const char *data, size_t len);

/**
 * Renders the report of one scenario. JSON is one object with no trailing
 * newline; text ends with a newline, and so does HTML, a whole page that
 * loads nothing (one page per report). PACTA_FORMAT_SVG is not a report's
 * format (PACTA_EUSAGE). Returns PACTA_EIO if write returned nonzero,
 * PACTA_ENOMEM if an allocation failed.
 */
PACTA_EXPORT pacta_status pacta_render(const pacta_report *rep, const pacta_rulebase *rb,
                                       pacta_format format, unsigned flags,
                                       pacta_write_fn write, void *ctx);

/* ------------------------------------------- explanations and citations */

/*
 * Reports written for people who must check the reasoning: pacta_render()
 * with PACTA_RENDER_EXPLAIN writes each finding as a numbered legal
 * analysis in the order lawyers are taught (Issue, Rule, Application,
 * Conclusion); PACTA_FORMAT_MARKDOWN writes a memo an analyst can paste
 * (summary table, one section per finding in the same order, footnoted
 * citations, and a binding timeline of every acting state of the scenario
 * under every instrument of the rulebase). A citation style formats treaty
 * citations as legal writing does, in text, markdown and JSON (where each
 * citation gains a "formatted" member), from the instrument data in the
 * rules: title, date of adoption, general entry into force, United Nations
 * Treaty Series volume and page, and the pinpoint.
 *
 * A markdown report is one memo: its footnotes are numbered from [^1], so
 * memos of several scenarios belong in separate documents (the CLI
 * separates them with a thematic break).
 *
 * Rendering flags use these bits: 0x1 PACTA_RENDER_ALL, 0x2
 * PACTA_RENDER_EXPLAIN, 0x4 PACTA_RENDER_JSON_V1, 0x8 PACTA_RENDER_COLOR,
 * 0xF00 the citation style (PACTA_RENDER_CITE()).
 */
#define PACTA_RENDER_EXPLAIN 0x2u /**< text: each finding as a numbered IRAC analysis; JSON: steps and facts */

typedef enum pacta_cite_style {
    PACTA_CITE_LABEL = 0,    /**< as the findings label it: "Convention relating to the Status of Refugees, art. 33(1)" */
    PACTA_CITE_PLAIN = 1,    /**< "Convention relating to the Status of Refugees (Geneva, 28 July 1951), art. 33(1), 189 UNTS 137" */
    PACTA_CITE_BLUEBOOK = 2, /**< "Convention Relating to the Status of Refugees art. 33(1), July 28, 1951, 189 U.N.T.S. 137." */
    PACTA_CITE_OSCOLA = 3    /**< "Convention Relating to the Status of Refugees (adopted 28 July 1951, entered into
                                  force 22 April 1954) 189 UNTS 137, art 33(1)" */
} pacta_cite_style;
#define PACTA_CITE_STYLE_COUNT 4
/** The rendering flag that selects a citation style. */
#define PACTA_RENDER_CITE(style) (((unsigned)(style) & 0xFu) << 8)
/** "label", "plain", "bluebook", "oscola". */
PACTA_EXPORT const char *pacta_cite_style_name(pacta_cite_style style);

/**
 * Formats the citation of provision (an eId such as "art_33__para_1", or
 * NULL for the whole instrument) of instrument in style, into buf, always
 * NUL-terminated when size > 0. Returns the length the full text needs,
 * like snprintf, or 0 when rb does not define the instrument. Parts the rules
 * do not give are left out (a treaty without UNTS data is cited by its
 * `cite:` string); instruments that are not treaties are cited by their
 * title and provision label in every style.
 */
PACTA_EXPORT size_t pacta_cite(const pacta_rulebase *rb, const char *instrument,
                               const char *provision, pacta_cite_style style, char *buf,
                               size_t size);

/** The label of step i's provision ("art. 33(2)"), or NULL when it names none. */
PACTA_EXPORT const char *pacta_finding_step_provision_label(const pacta_finding *f, size_t i);
/**
 * The sentences of the finding's reasons that step i accounts for: for the
 * binding step, consent, entry into force and its clause, reservations and
 * denunciation; for an element, exception or consideration, its finding
 * with the facts that decided it.
 */
PACTA_EXPORT size_t pacta_finding_step_reason_count(const pacta_finding *f, size_t i);
PACTA_EXPORT const char *pacta_finding_step_reason(const pacta_finding *f, size_t i, size_t k);
/** One sentence per event of the finding: what the actor did (the issue). */
PACTA_EXPORT size_t pacta_finding_narrative_count(const pacta_finding *f);
PACTA_EXPORT const char *pacta_finding_narrative(const pacta_finding *f, size_t i);
/** The scenario's acting states, each once, in the order of their first event. */
PACTA_EXPORT size_t pacta_report_actor_count(const pacta_report *rep);
PACTA_EXPORT const char *pacta_report_actor(const pacta_report *rep, size_t i);

/* ---------------------------------------------------------------- batches */

/*
 * Checking many scenarios, one after another or from several threads.
 *
 * What a check costs: everything that does not depend on the scenario is
 * done once, by pacta_rulebase_load_dir() or pacta_rulebase_finish(): rule
 * files are read and linked, indicator regexes compiled (and JIT-compiled),
 * rules indexed by the action that triggers them, party records sorted for
 * lookup. Loading a scenario parses it, validates it and runs the indicators
 * over its narrative text; pacta_check() then only evaluates. Neither reads
 * a file, compiles a pattern, re-indexes anything or writes to the rulebase,
 * so one loaded rulebase serves any number of threads at once, each loading,
 * checking and rendering its own scenarios, with no lock.
 *
 * pacta_batch (below) is that loop, threads included: it reads JSON Lines
 * with pacta_scenario_load_line() or a YAML stream of any length with
 * pacta_scenario_stream_new_reader(), frees each scenario and report as soon
 * as it is written, and answers a bad scenario with an error record before
 * going on to the next, so memory does not grow with the batch.
 */

/**
 * Parses exactly one scenario written as JSON that stands at line `line`
 * (1-based) of a larger input called name, such as one line of a JSON Lines
 * file. json-c reads it; the scenario is then validated exactly as a YAML
 * one, with the same messages. Every position, in errors and in the
 * report, counts from that line (columns in characters), so it points into
 * the larger input. Bounds: max_input_bytes, max_depth (nesting),
 * max_string_bytes, max_events and max_persons of the rulebase's options.
 * data is read in place and need not be NUL-terminated. Otherwise as
 * pacta_scenario_load_buffer().
 */
PACTA_EXPORT pacta_status pacta_scenario_load_line(pacta_scenario **out, const pacta_rulebase *rb,
                                                   const char *name, unsigned line,
                                                   const char *data, size_t len, pacta_error *err);

/**
 * Supplies input: copies at most size bytes into buf, sets *got to the
 * number copied (0 at the end of the input) and returns 0; returns nonzero
 * on a read error.
 */
typedef int (*pacta_read_fn)(void *ctx, char *buf, size_t size, size_t *got);

/**
 * A scenario stream, as pacta_scenario_stream_new(), that pulls its input
 * through read(ctx, ...) while it parses instead of holding it whole: memory
 * is bounded by the largest document, whatever the length of the stream.
 * max_input_bytes limits each document rather than the whole input. A read
 * error ends the stream with PACTA_EIO. ctx must outlive the stream.
 */
PACTA_EXPORT pacta_status pacta_scenario_stream_new_reader(pacta_scenario_stream **out,
                                                           const pacta_rulebase *rb,
                                                           const char *name, pacta_read_fn read,
                                                           void *ctx, pacta_error *err);

/**
 * Renders an error the way pacta_render() renders a report, so that a batch
 * can put a bad scenario's error where its report would have been. JSON is
 * one object with no trailing newline:
 *
 *     {"pacta": "0.1.0", "error": {"file": "cases.jsonl", "line": 3,
 *      "column": 17, "message": "unknown state 'XX'", "hint": null}}
 *
 * line and column are 0 when the error has no position; hint is null when
 * empty. Text is the line pacta_error_format() writes, with a newline.
 * Returns PACTA_EIO if write returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_render_error(const pacta_error *err, pacta_format format,
                                             pacta_write_fn write, void *ctx);

/*
 * A batch: the whole loop above in one handle. It reads a stream of
 * scenarios through a read callback (JSON Lines when the first non-blank
 * byte is '{', else a YAML stream of '---'-separated documents), checks
 * each against one rulebase and writes one JSON line per scenario through
 * a write callback, in input order, whatever the number of threads. A
 * scenario that does not load gets an error record in its place and the
 * batch goes on; its error also reaches the notify callback as a value.
 * Memory stays flat: a fixed window of scenarios is in flight, each freed
 * as soon as its line is written. docs/batch.md describes both records.
 */
typedef struct pacta_batch pacta_batch;

typedef enum pacta_batch_detail {
    PACTA_DETAIL_COMPACT = 0, /**< a header line, then per scenario its index, title and per
                                   finding rule, verdict, events, instrument, provision, basis,
                                   missing facts */
    PACTA_DETAIL_FULL = 1     /**< per scenario the object pacta_render() writes in JSON */
} pacta_batch_detail;

/** What a batch has answered so far. */
typedef struct pacta_batch_counts {
    size_t scenarios;  /**< lines written, error records included */
    size_t errors;     /**< scenarios answered with an error */
    size_t violations; /**< scenarios with at least one violation */
} pacta_batch_counts;

/**
 * Called on the thread that runs the batch after each scenario's line is
 * written, in input order; err is that scenario's error, NULL when it was
 * checked. Returns 0 to go on, nonzero to stop the batch.
 */
typedef int (*pacta_batch_notify_fn)(void *ctx, const pacta_batch_counts *counts,
                                     const pacta_error *err);

typedef struct pacta_batch_options {
    unsigned jobs;               /**< threads that load, check and render: the caller's and jobs - 1
                                      more; 0 or 1: the caller's alone */
    pacta_batch_detail detail;   /**< default PACTA_DETAIL_COMPACT */
    unsigned render_flags;       /**< full: the flags pacta_render() gets (a citation style, say); default 0 */
    size_t max_line_bytes;       /**< one line of JSON Lines; default 4 MiB; a longer line gets an error record */
    pacta_write_fn header_write; /**< compact: where the header line goes (a receipt); NULL: first in the output */
    void *header_ctx;
    pacta_batch_notify_fn notify; /**< may be NULL */
    void *notify_ctx;
} pacta_batch_options;

/** Fills opts with the defaults listed above. */
PACTA_EXPORT void pacta_batch_options_init(pacta_batch_options *opts);

/**
 * A batch over rb (which must outlive it) that reads through read(read_ctx,
 * ...) and writes through write(write_ctx, ...); name names the input in
 * errors ("cases.jsonl"). opts may be NULL for the defaults.
 */
PACTA_EXPORT pacta_status pacta_batch_new(pacta_batch **out, const pacta_rulebase *rb,
                                          const char *name, const pacta_batch_options *opts,
                                          pacta_read_fn read, void *read_ctx,
                                          pacta_write_fn write, void *write_ctx,
                                          pacta_error *err);

/**
 * Runs the batch to the end of its input (once per handle). PACTA_OK when
 * every scenario was answered, even those answered with an error (count
 * them with pacta_batch_result()); PACTA_EINPUT when the input holds no
 * scenario (nothing is written); PACTA_EIO when reading or writing failed
 * or notify stopped the batch; PACTA_ENOMEM. Threads are joined before it
 * returns.
 */
PACTA_EXPORT pacta_status pacta_batch_run(pacta_batch *b, pacta_error *err);

/** The counts after (or, from notify, during) pacta_batch_run(). */
PACTA_EXPORT pacta_batch_counts pacta_batch_result(const pacta_batch *b);

PACTA_EXPORT void pacta_batch_free(pacta_batch *b);

/* ======== 5. AUDITING THE LAW ===================================== */

/* ------------------------------------------------------- auditing the law */

/*
 * Three tools for the analyst who audits the law itself rather than a
 * scenario: lint (problems in the rule files), a state's binding timeline
 * (what it signed, consented to, reserved and denounced, and what bound it
 * on a given day), and show (an instrument or one provision: its words, its
 * citation, the rules that use it and the authorities they rely on).
 *
 * Each builds a handle from a finished rulebase; the handle borrows nothing
 * (the rulebase may be freed first), is immutable, and renders as text or as
 * JSON. JSON is one object on one line with no trailing newline, starting
 * with "pacta" (the library version); the member names listed with each
 * tool are stable. Optional members are omitted rather than null.
 */

/** A source of the rules (rules/sources.yaml); members NULL when absent. */
typedef struct pacta_source_view {
    const char *id;            /**< "untc-rc" */
    const char *title;
    const char *cite;          /**< short citation, e.g. "189 UNTS 137" */
    const char *url;           /**< the official record */
    const char *read_at;       /**< where the text was read when that was a copy (provenance, not a citation), or NULL */
} pacta_source_view;

/* ------------------------------------------------------------------ lint */

typedef enum pacta_severity {
    PACTA_SEVERITY_ERROR = 0,   /**< the rules are wrong or cannot be loaded */
    PACTA_SEVERITY_WARNING = 1, /**< probably a mistake, or a gap in the audit trail */
    PACTA_SEVERITY_NOTE = 2     /**< a check that could not be made, and why */
} pacta_severity;
#define PACTA_SEVERITY_COUNT 3
/** "error", "warning", "note". */
PACTA_EXPORT const char *pacta_severity_name(pacta_severity s);

/** One problem, positioned like a pacta_error. */
typedef struct pacta_problem_view {
    pacta_severity severity;
    const char *check;         /**< the check's stable name, e.g. "uncited-source" */
    const char *file;          /**< "" when the problem has no file */
    unsigned line;             /**< 1-based; 0 when unknown */
    unsigned column;
    const char *message;
    const char *hint;          /**< NULL when none */
} pacta_problem_view;

/** What lint is given besides the rulebase. Zero it, then fill what applies. */
typedef struct pacta_lint_input {
    /**
     * What the example scenarios exercise (see "coverage" below), built
     * from reports of scenarios checked against the same rulebase. Non-NULL
     * turns the coverage checks on: every rule, element, exception,
     * consideration and provision that is a coverage item must have been
     * exercised. NULL: no coverage checks.
     */
    const struct pacta_coverage *coverage;
    /**
     * Problems found before lint could run, reported as errors with the
     * check name "load": the error that stopped the rulebase loading (then
     * pass rb NULL), or examples that would not load.
     */
    const pacta_error *errors;
    size_t error_count;
} pacta_lint_input;

/** The problems lint found, sorted by file, line and column. */
typedef struct pacta_lint_result pacta_lint_result;

/**
 * Checks a finished rulebase for what loading alone does not refuse. The
 * loader already refuses, as errors at their position: unknown keys, a date
 * or a provision text without a source, unknown sources, states, facts and
 * provisions (a rule citing a provision its instrument lacks), duplicate
 * definitions and party records, regexes that do not compile, a consent
 * before the instrument's adoption and a denunciation before the consent.
 * Lint adds (check names in quotes):
 *
 * errors:
 *   "reservation-non-reservable"  a reservation to a provision the instrument
 *                                 declares non-reservable
 *   "reservation-unknown-provision" a reservation to an eId that is not an
 *                                 eId, or that matches no provision of an
 *                                 instrument with `provisions_complete: true`
 *   "record-dates"                a party record whose dates contradict each
 *                                 other or the instrument: a signature before
 *                                 adoption, a consent before the signature, a
 *                                 succession effective before the treaty's
 *                                 general entry into force, a reservation
 *                                 withdrawn before the consent
 *   "instrument-dates"            entry into force before adoption
 * warnings:
 *   "reservation-partly-non-reservable" a reservation to a provision part of
 *                                 which is non-reservable (ignored there)
 *   "uncited-source"              a source nothing in the rules cites
 *   "empty-match"                 an indicator whose pattern can match the
 *                                 empty string
 *   "unexercised-rule", "unexercised-element", "unexercised-provision"
 *                                 a coverage item no example exercises
 *                                 (only with a coverage; "element" covers
 *                                 exceptions and considerations too)
 * notes:
 *   "reservation-unchecked"       a reservation to a provision the rules do
 *                                 not list, on an instrument whose list is
 *                                 not complete: existence cannot be checked
 *   "unused-provision"            a provision no rule, element, clause or
 *                                 incorporation refers to: no finding can
 *                                 rely on it (kept, say, for its text)
 *
 * rb may be NULL when in->errors says why it did not load; in may be NULL.
 * in->coverage must have been made from rb.
 */
PACTA_EXPORT pacta_status pacta_lint(pacta_lint_result **out, const pacta_rulebase *rb,
                                     const pacta_lint_input *in, pacta_error *err);
PACTA_EXPORT void pacta_lint_result_free(pacta_lint_result *res);

PACTA_EXPORT size_t pacta_lint_problem_count(const pacta_lint_result *res);
/** The i-th problem; a zeroed view (message NULL) past the end. */
PACTA_EXPORT pacta_problem_view pacta_lint_problem(const pacta_lint_result *res, size_t i);
/** How many problems have severity s. */
PACTA_EXPORT size_t pacta_lint_count(const pacta_lint_result *res, pacta_severity s);

/**
 * Text: one line per problem, "file:line:column: severity: message (hint:
 * ...)", notes only with PACTA_RENDER_ALL, then a summary line "N errors, N
 * warnings, N notes". JSON:
 *
 *     {"pacta": "0.1.0", "rulebase": {"sha256": ..., "files": N, "rules": N},
 *      "examples": N, "problems": [{"severity": "error", "check": "...",
 *      "file": "...", "line": N, "column": N, "message": "...", "hint": "..."}],
 *      "summary": {"error": N, "warning": N, "note": N}}
 *
 * "rulebase" is absent when the rulebase did not load, "examples" when no
 * coverage was checked, "hint" when there is none; line and column are 0
 * when unknown. Returns PACTA_EIO if write returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_lint_render(const pacta_lint_result *res, pacta_format format,
                                            unsigned flags, pacta_write_fn write, void *ctx);

/* -------------------------------------------------------------- timeline */

/** A state's record under every instrument of a rulebase, and optionally what bound it on a day. */
typedef struct pacta_timeline pacta_timeline;

typedef enum pacta_timeline_kind {
    PACTA_TL_SIGNATURE = 0,    /**< signed (binds nothing by itself) */
    PACTA_TL_CONSENT = 1,      /**< ratification, accession, succession, ... */
    PACTA_TL_IN_FORCE = 2,     /**< in force for the state: computed with the clause, never typed */
    PACTA_TL_THROUGH = 3,      /**< bound to the instrument's articles only through another one */
    PACTA_TL_RESERVATION = 4,  /**< a reservation: effective = 0 when ignored (non-reservable) */
    PACTA_TL_WITHDRAWAL = 5,   /**< a reservation or declaration withdrawn */
    PACTA_TL_DENUNCIATION = 6, /**< notice of denunciation: effective = 0 when the instrument cannot be denounced */
    PACTA_TL_CEASED = 7,       /**< the day a denunciation took effect, or the state ceased to be a party */
    PACTA_TL_NOT_BOUND = 8,    /**< signed but never consented, or no record at all */
    PACTA_TL_BINDS_ALL = 9,    /**< customary law: binds every state */
    PACTA_TL_DECLARATION = 10, /**< a declaration that narrows whom the obligations reach (art. 1B(1)(a)) */
    PACTA_TL_UNKNOWN = 11      /**< no record in a party table the rules mark incomplete */
} pacta_timeline_kind;
/** "signature", "consent", "in_force", "through", "reservation", "withdrawal",
 *  "denunciation", "ceased", "not_bound", "binds_all", "declaration", "unknown". */
PACTA_EXPORT const char *pacta_timeline_kind_name(pacta_timeline_kind k);

/** One line of a state's timeline under one instrument. */
typedef struct pacta_timeline_entry_view {
    pacta_timeline_kind kind;
    const char *date;          /**< "1982-09-24", "1997-08", a computed range "A..B", or NULL */
    const char *text;          /**< the line in words */
    const char *consent_type;  /**< PACTA_TL_CONSENT: its type, or NULL when not recorded */
    const char *clause;        /**< the clause that computes the date ("art. 43(2)"), or NULL */
    int effective;             /**< 1, or 0 for an ignored reservation or an ineffective denunciation */
    size_t provision_count;    /**< PACTA_TL_RESERVATION: the eId prefixes reserved */
    const char *const *provisions;
    size_t source_count;       /**< the citation: the sources the line rests on */
    const pacta_source_view *sources;
} pacta_timeline_entry_view;

/**
 * With a date: whether the state was bound by one provision that day, and
 * why, as pacta_check() would decide it for an event of that day.
 */
typedef struct pacta_timeline_answer_view {
    const char *provision;     /**< the eId weighed (a rule's provision), or NULL: the instrument as a whole */
    const char *label;         /**< "art. 33(1)" */
    pacta_truth bound;
    pacta_binding_view binding;/**< consent, in force, clause, via (as in findings) */
    size_t rule_count;         /**< the rules that weigh this provision */
    const char *const *rules;
    size_t reason_count;
    const char *const *reasons;
    size_t caveat_count;
    const char *const *caveats;
} pacta_timeline_answer_view;

typedef struct pacta_timeline_instrument_view {
    const char *instrument;    /**< id */
    const char *title;
    const char *short_title;
    const char *basis;         /**< "treaty", "customary", "domestic", "bilateral" */
    const char *cite;          /**< "189 UNTS 137", or NULL */
    const char *url;
    size_t entry_count;
    const pacta_timeline_entry_view *entries;
    size_t answer_count;       /**< 0 without a date */
    const pacta_timeline_answer_view *answers;
} pacta_timeline_instrument_view;

/**
 * The timeline of state (a code the rulebase defines, e.g. "CN") under
 * every treaty and customary instrument, and every domestic or bilateral
 * instrument that names it, in the rulebase's order of instrument ids. on is
 * NULL, or a date ("2023-10-09"; "2023-10" or "2023" for the range of days)
 * on which to answer what bound the state and why. An unknown state is
 * PACTA_EINPUT with the closest known code as hint; a malformed date too.
 */
PACTA_EXPORT pacta_status pacta_timeline_new(pacta_timeline **out, const pacta_rulebase *rb,
                                             const char *state, const char *on,
                                             pacta_error *err);
PACTA_EXPORT void pacta_timeline_free(pacta_timeline *tl);

PACTA_EXPORT const char *pacta_timeline_state(const pacta_timeline *tl);      /**< "CN" */
PACTA_EXPORT const char *pacta_timeline_state_name(const pacta_timeline *tl); /**< "China" */
/** The date given, as written, or NULL. */
PACTA_EXPORT const char *pacta_timeline_date(const pacta_timeline *tl);
PACTA_EXPORT size_t pacta_timeline_instrument_count(const pacta_timeline *tl);
/** The i-th instrument; a zeroed view (instrument NULL) past the end. */
PACTA_EXPORT pacta_timeline_instrument_view pacta_timeline_instrument(const pacta_timeline *tl,
                                                                      size_t i);

/**
 * Text: per instrument a heading, then one line per entry (date, words)
 * each followed by its citation ("[id] title, url"), then with a date the
 * answer per provision and its reasons. JSON:
 *
 *     {"pacta": ..., "rulebase": {...}, "state": "CN", "name": "China",
 *      "date": "2023-10-09",
 *      "instruments": [{"instrument": "refugee-convention", "title": ...,
 *        "short_title": ..., "basis": "treaty", "cite": ..., "url": ...,
 *        "entries": [{"kind": "consent", "date": "1982-09-24", "text": ...,
 *          "consent_type": "accession", "clause": ..., "effective": true,
 *          "provisions": [...], "sources": [{"id", "title", "cite", "url"}]}],
 *        "answers": [{"provision": "art_33__para_1", "label": "art. 33(1)",
 *          "bound": "true", "binding": {"consent", "consent_type",
 *          "in_force", "clause", "via"}, "rules": [...], "reasons": [...],
 *          "caveats": [...]}]}]}
 *
 * "date" and "answers" only with a date; "provisions" only on reservations;
 * "effective" on every entry. PACTA_FORMAT_SVG draws the record: one
 * <svg> element, with a lane per instrument, a bar for the days it bound
 * the state, and a line at the date given (no trailing newline; no
 * stylesheet, script or external reference). Returns PACTA_EIO if write
 * returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_timeline_render(const pacta_timeline *tl, pacta_format format,
                                                unsigned flags, pacta_write_fn write, void *ctx);

/* ------------------------------------------------------------------ show */

/** An instrument, or one of its provisions, as the rules state it. */
typedef struct pacta_show pacta_show;

/** A dated value of the rules and the source it was read in. */
typedef struct pacta_dated_view {
    const char *date;          /**< as written; NULL when the rules give none */
    pacta_source_view source;
} pacta_dated_view;

typedef struct pacta_instrument_view {
    const char *id;
    const char *title;
    const char *short_title;
    const char *basis;         /**< "treaty", "customary", "domestic", "bilateral" */
    const char *cite;          /**< "189 UNTS 137", or NULL */
    const char *url;
    pacta_source_view cite_source;
    pacta_dated_view adopted;
    pacta_dated_view in_force; /**< general entry into force (domestic, bilateral: effective date) */
    const char *eif_delay;     /**< treaties: "90 days" */
    const char *eif_clause;    /**< the clause's label, "art. 43(2)" */
    pacta_source_view eif_source;
    int denounceable;          /**< treaties: 0 when there is no denunciation clause */
    const char *denunciation_delay;
    const char *denunciation_clause;
    pacta_source_view denunciation_source; /**< or the authority for "cannot be denounced" */
    size_t non_reservable_count; /**< eId prefixes no reservation may exclude */
    const char *const *non_reservable;
    const char *non_reservable_clause;
    const char *incorporates;  /**< id of the instrument whose provisions it applies, or NULL */
    size_t incorporated_count;
    const char *const *incorporated;
    const char *incorporated_by; /**< id of the instrument that applies this one's, or NULL */
    size_t authority_count;    /**< customary law: the authorities that attest it */
    const pacta_source_view *authorities;
    pacta_dated_view binds_from; /**< customary law, when the rules say from when it binds */
    size_t state_count;        /**< domestic and bilateral: the states bound */
    const char *const *states;
    size_t party_count;        /**< party records with a consent */
    size_t signatory_count;    /**< party records with a signature and no consent */
    int provisions_complete;   /**< 1 when the rules list every provision */
    pacta_source_view parties_incomplete; /**< treaties whose party table the rules mark
                                               incomplete: where the full table is; id NULL
                                               when it is complete (no record = not a party) */
} pacta_instrument_view;

typedef struct pacta_provision_view {
    const char *id;            /**< Akoma Ntoso eId: "art_33__para_1" */
    const char *label;         /**< "art. 33(1)" */
    const char *text;          /**< verbatim, or NULL when the rules give none */
    pacta_source_view source;  /**< where the text was read */
    const char *citation;      /**< "Convention relating to the Status of Refugees, art. 33(1)" */
    int non_reservable;        /**< 1 when the instrument admits no reservation to it */
} pacta_provision_view;

/** One use of a provision by a rule, and the authorities that use relies on. */
typedef struct pacta_use_view {
    const char *provision;     /**< the eId used */
    const char *rule;          /**< "refugee-convention/return-to-risk" */
    const char *rule_title;
    const char *role;          /**< "rule" (the rule's own provision), "element", "exception",
                                    "consideration"; "clause" (the instrument's entry-into-force,
                                    denunciation or reservations clause; rule NULL);
                                    "incorporated" (another instrument applies it; rule NULL,
                                    id that instrument); "through" (this incorporating provision
                                    applies the rule of the other instrument) */
    const char *id;            /**< element, exception or consideration id; NULL for a rule */
    const char *label;         /**< what it requires, in words; the rule title for a rule */
    size_t authority_count;    /**< the interpretations attached: the rule's or step's authorities */
    const pacta_source_view *authorities;
} pacta_use_view;

/**
 * what is "INSTRUMENT" (its metadata and every provision) or
 * "INSTRUMENT/PROVISION" (e.g. "refugee-convention/art_33__para_1"). An
 * unknown instrument or provision is PACTA_EINPUT with the closest known
 * name as hint.
 */
PACTA_EXPORT pacta_status pacta_show_new(pacta_show **out, const pacta_rulebase *rb,
                                         const char *what, pacta_error *err);
PACTA_EXPORT void pacta_show_free(pacta_show *sh);

PACTA_EXPORT pacta_instrument_view pacta_show_instrument(const pacta_show *sh);
/** 1 when a provision was asked for; else every provision of the instrument. */
PACTA_EXPORT size_t pacta_show_provision_count(const pacta_show *sh);
PACTA_EXPORT pacta_provision_view pacta_show_provision(const pacta_show *sh, size_t i);
/** The uses of the provision(s) shown, in rule order. */
PACTA_EXPORT size_t pacta_show_use_count(const pacta_show *sh);
PACTA_EXPORT pacta_use_view pacta_show_use(const pacta_show *sh, size_t i);

/**
 * Text: the citation, the provision's words, the rules that use it and the
 * interpretations attached; for an instrument, its metadata and provision
 * list. JSON:
 *
 *     {"pacta": ..., "rulebase": {...},
 *      "instrument": {"id", "title", "short_title", "basis", "cite", "url",
 *        "cite_source", "adopted": {"date", "source"}, "in_force",
 *        "entry_into_force": {"delay", "clause", "source"},
 *        "denunciation": {"delay", "clause", "source"} or {"none": true, "source"},
 *        "non_reservable": {"provisions", "clause"}, "incorporates":
 *        {"instrument", "provisions"}, "incorporated_by", "authorities",
 *        "binds_from", "states", "parties", "signatories",
 *        "parties_incomplete" (a source, when the party table is incomplete),
 *        "provisions_complete"},
 *      "provisions": [{"id", "label", "text", "source", "citation",
 *        "non_reservable"}],
 *      "uses": [{"provision", "rule", "rule_title", "role", "id", "label",
 *        "authorities": [{"id", "title", "cite", "url"}]}]}
 *
 * Sources are objects {"id", "title", "cite", "url"}. Returns PACTA_EIO if
 * write returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_show_render(const pacta_show *sh, pacta_format format,
                                            unsigned flags, pacta_write_fn write, void *ctx);

/* --------------------------------------------------------------- coverage */

/*
 * Which parts of the law a set of scenarios exercises: `pacta test
 * --coverage`, and lint's coverage checks. Items are every rule; every
 * element, exception and consideration; and every provision a rule or
 * element relies on (the rule's provision, the provision an element or
 * exception is written in, and the provision a finding is reported under
 * through an incorporating instrument). Provisions that only serve as
 * clauses (entry into force, denunciation, reservations) are not items.
 *
 * A rule is exercised by a finding that reached its elements (any verdict
 * but not_applicable; for a permission, any finding; for a no-excuse rule,
 * its evaluation on an event). An element, exception or consideration is
 * exercised when some such finding evaluated it, and the coverage counts
 * the values it took (a permission's elements, never weighed, are exercised
 * with its finding and take no value); a provision when a finding that
 * reached its elements relied on it.
 */
typedef struct pacta_coverage pacta_coverage;

typedef enum pacta_coverage_kind {
    PACTA_COVER_RULE = 0,
    PACTA_COVER_ELEMENT = 1,
    PACTA_COVER_EXCEPTION = 2,
    PACTA_COVER_CONSIDERATION = 3,
    PACTA_COVER_PROVISION = 4
} pacta_coverage_kind;
#define PACTA_COVER_KIND_COUNT 5
/** "rule", "element", "exception", "consideration", "provision". */
PACTA_EXPORT const char *pacta_coverage_kind_name(pacta_coverage_kind k);

typedef struct pacta_coverage_item_view {
    pacta_coverage_kind kind;
    const char *instrument;    /**< instrument id */
    const char *rule;          /**< "refugee-convention/return-to-risk"; NULL for a provision */
    const char *id;            /**< element id, or provision eId; for a rule, its id as rule */
    const char *label;         /**< rule title, element label, or "Refugee Convention art. 33(1)" */
    const char *file;          /**< where the rules define it */
    unsigned line;
    unsigned column;
    size_t exercised;          /**< how many findings (or evaluations) exercised it; 0: none */
    size_t values[3];          /**< elements: times it was false, true, unknown (index: pacta_truth) */
    size_t verdicts[PACTA_VERDICT_COUNT]; /**< rules: findings per verdict, not_applicable included */
} pacta_coverage_item_view;

/**
 * An empty coverage of rb's rules, in the rulebase's order (rules by id,
 * each followed by its elements, exceptions and considerations in file
 * order; then provisions by instrument and eId). The handle copies what it
 * needs and borrows nothing.
 */
PACTA_EXPORT pacta_status pacta_coverage_new(pacta_coverage **out, const pacta_rulebase *rb,
                                             pacta_error *err);
/**
 * Counts what rep exercised. rep must come from a scenario loaded against
 * the same rules (the same digest); otherwise PACTA_EUSAGE.
 */
PACTA_EXPORT pacta_status pacta_coverage_add(pacta_coverage *cov, const pacta_report *rep,
                                             pacta_error *err);
PACTA_EXPORT void pacta_coverage_free(pacta_coverage *cov);

/** Reports added so far. */
PACTA_EXPORT size_t pacta_coverage_report_count(const pacta_coverage *cov);
PACTA_EXPORT size_t pacta_coverage_item_count(const pacta_coverage *cov);
/** The i-th item; a zeroed view (id NULL) past the end. */
PACTA_EXPORT pacta_coverage_item_view pacta_coverage_item(const pacta_coverage *cov, size_t i);
/** How many items of kind k no report exercised. */
PACTA_EXPORT size_t pacta_coverage_unexercised(const pacta_coverage *cov, pacta_coverage_kind k);

/**
 * Text: per rule its verdict counts, then each element with the values it
 * took, the provisions, and a list of what nothing exercised; ends with one
 * line per kind "rules: N of N exercised". JSON (one object, no trailing
 * newline):
 *
 *     {"pacta": "0.1.0", "rulebase": {"sha256": ..., "files": N, "rules": N},
 *      "reports": N,
 *      "items": [{"kind": "rule", "instrument": "cat", "rule": "cat/return-to-torture",
 *        "id": "return-to-torture", "label": ..., "file": ..., "line": N,
 *        "exercised": N, "verdicts": {"violation": N, ...}},
 *       {"kind": "element", ..., "values": {"true": N, "false": N, "unknown": N}},
 *       {"kind": "provision", "instrument": ..., "id": "art_33__para_1", ...}],
 *      "unexercised": [{"kind": ..., "rule": ..., "id": ...}],
 *      "summary": {"rule": {"total": N, "exercised": N}, "element": {...}, ...}}
 *
 * Returns PACTA_EIO if write returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_coverage_render(const pacta_coverage *cov, pacta_format format,
                                                unsigned flags, pacta_write_fn write, void *ctx);

/* ======== 6. TEACHING ============================================= */

/* ---------------------------------------------------------------- grading */

/*
 * Grading a student's answers to an exercise against the engine's own
 * analysis. The answer file format and the scoring are documented in
 * docs/answers-format.md: for each answered finding, one point for the
 * verdict and one for each element, exception and consideration the answer
 * gives a value; an answer passes when it earns every point it is worth.
 */
typedef struct pacta_grade pacta_grade;

/**
 * Reads an answer file, loads and checks the scenario it names (relative to
 * the answer file's folder) and grades every answer. Malformed answers are
 * errors at their file:line:column, as is a scenario that does not load.
 */
PACTA_EXPORT pacta_status pacta_grade_file(pacta_grade **out, const pacta_rulebase *rb,
                                           const char *path, pacta_error *err);
/** The same for an answer file in memory; name locates the scenario as path does. */
PACTA_EXPORT pacta_status pacta_grade_buffer(pacta_grade **out, const pacta_rulebase *rb,
                                             const char *name, const char *data, size_t len,
                                             pacta_error *err);
PACTA_EXPORT void pacta_grade_free(pacta_grade *g);

/** Answers that earned every point, and the others. */
PACTA_EXPORT size_t pacta_grade_passed(const pacta_grade *g);
PACTA_EXPORT size_t pacta_grade_failed(const pacta_grade *g);
/** Partial credit over all answers: points earned and points possible. */
PACTA_EXPORT size_t pacta_grade_points(const pacta_grade *g);
PACTA_EXPORT size_t pacta_grade_possible(const pacta_grade *g);

typedef struct pacta_answer_view {
    unsigned line;             /**< where the answer stands in the answer file */
    const char *event;
    const char *instrument;
    const char *provision;
    const char *rule;          /**< the rule of the finding graded against; NULL when none is selected */
    pacta_verdict answered;
    pacta_verdict actual;      /**< not_applicable when no finding is selected */
    size_t points;
    size_t possible;
    int passed;
} pacta_answer_view;
PACTA_EXPORT size_t pacta_grade_answer_count(const pacta_grade *g);
PACTA_EXPORT pacta_answer_view pacta_grade_answer(const pacta_grade *g, size_t i);

/**
 * Text: one block per answer (PASS or FAIL, points), each lost point with
 * the step of the analysis that decides it (kind, id, label, value, and
 * every fact it used with its provenance), the findings no answer selects,
 * "Score: P/Q points" and, last, "N passed, N failed". JSON: one object, no
 * trailing newline, as docs/answers-format.md shows. Returns PACTA_EIO if
 * write returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_grade_render(const pacta_grade *g, pacta_format format,
                                             pacta_write_fn write, void *ctx);

/* ======== 7. DRAFTING ============================================= */

/* --------------------------------------------------------------- drafting */

/*
 * Reading a report (a news article, an NGO statement, a UN briefing) into
 * a draft scenario, with the cues of the rules' `draft:` section
 * (rules/draft.yaml, docs/draft.md): acting states, acts, destinations,
 * people and counts, dates, facts with negation and hedging, and the
 * article's title, address and date. Every drafted value keeps the span of
 * text it was read from; what the text does not give is left out, never
 * guessed.
 */
typedef struct pacta_draft pacta_draft;

/**
 * Drafts from text[0..len) (UTF-8; need not be NUL-terminated). name is
 * used in messages and in the draft's header. date, when not NULL, is the
 * article's date (YYYY-MM-DD) that relative dates ("on Monday", "last
 * week") are read against; without it the text's dateline is used, if it
 * has one. An empty text, a binary one (NUL or control bytes), invalid
 * UTF-8 and a text over max_input_bytes are errors with the position of
 * the first bad byte; rules without a `draft:` section are PACTA_EINPUT.
 */
PACTA_EXPORT pacta_status pacta_draft_new(pacta_draft **out, const pacta_rulebase *rb,
                                          const char *name, const char *text, size_t len,
                                          const char *date, pacta_error *err);
PACTA_EXPORT void pacta_draft_free(pacta_draft *d);

/** Events drafted with every field the scenario format requires. */
PACTA_EXPORT size_t pacta_draft_event_count(const pacta_draft *d);

/** One thing the drafter read, in reading order: what, where and what it meant. */
typedef struct pacta_extraction_view {
    const char *kind;      /**< title, url, publisher, dateline, act, state, date, count, fact, negation, hedge, retraction */
    const char *cue;       /**< the id of the cue in the rules' draft section */
    unsigned line;         /**< 1-based line of the span's start */
    unsigned column;       /**< 1-based byte column of the span's start */
    size_t start, end;     /**< byte offsets of the span in the text */
    const char *text;      /**< the span's first byte, in the draft's copy of the text */
    size_t length;         /**< the span's length in bytes (text is not NUL-terminated there) */
    const char *meaning;   /**< what it was read as: "action return", "CN (demonym), acting" */
} pacta_extraction_view;
PACTA_EXPORT size_t pacta_draft_extraction_count(const pacta_draft *d);
PACTA_EXPORT pacta_extraction_view pacta_draft_extraction(const pacta_draft *d, size_t i);

/**
 * explanation 0: the draft as a scenario document (YAML) that
 * pacta_scenario_load_buffer() accepts: each value with a comment quoting
 * its words and line, "?" comments for what is missing, and each event
 * that lacks a required field written as comments. explanation 1: one
 * line per extraction (line:column, kind, cue, quoted span, meaning) and a
 * count of the events. Returns PACTA_EIO if write returned nonzero.
 */
PACTA_EXPORT pacta_status pacta_draft_render(const pacta_draft *d, int explanation,
                                             pacta_write_fn write, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* PACTA_H */
