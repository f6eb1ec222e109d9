/*
 * model.h: the in-memory model shared by the loaders, the evaluator and the
 * renderers. Three families of structs, each owned by one arena:
 *
 *   rulebase  the law, as loaded from rules/ (immutable once finished)
 *   scenario  the facts of one scenario file
 *   report    the findings of one check
 *
 * Nothing here is public: include/pacta.h exposes only opaque handles and
 * views built from these structs.
 */
#ifndef PACTA_MODEL_H
#define PACTA_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/arena.h"
#include "base/date.h"
#include "pacta.h"
#include "base/ytree.h"

/* The format versions this library reads: "pacta-rules: 1" and "pacta: 1". */
#define RULES_FORMAT_VERSION 1
#define SCENARIO_FORMAT_VERSION 1

/* Where a definition stands in its rule file, for errors and lint. */
typedef struct origin {
    const char *file;
    unsigned line;
    unsigned column;
} origin;

/* ------------------------------------------------------------ rulebase */

/*
 * A source. `url` is the official record an analyst cites (the depositary,
 * the treaty body's database, the court's); `read_at` is where the text was
 * actually read when that was a copy: provenance, never the citation. The
 * identifiers (a UN document symbol, a treaty series reference, a case
 * number, a publication reference) are what lint looks for to tell a source
 * that can be cited from one that cannot.
 */
typedef struct source_def {
    const char *id;
    const char *title;
    const char *cite;   /* short form for citations, e.g. "189 UNTS 137"; may be NULL */
    const char *url;    /* may be NULL */
    const char *read_at;   /* where the text was read, when a copy; may be NULL */
    const char *symbol;    /* UN document symbol: "CAT/C/GC/4"; may be NULL */
    const char *series;    /* treaty series reference: "189 UNTS 137", "ETS No. 5"; may be NULL */
    const char *case_no;   /* case, application or communication number; may be NULL */
    const char *published; /* publication reference of a book or article; may be NULL */
    int cited;          /* set at load when anything in the rules names it (lint reports the rest) */
    origin at;
    origin url_at;      /* where `url` is written (line 0 when absent) */
} source_def;

/* A web host the rules know: the official record of some body, or a mirror that copies others' texts. */
typedef enum host_kind { HOST_OFFICIAL, HOST_MIRROR } host_kind;

typedef struct host_def {
    const char *host;   /* "treaties.un.org", "docslib.org" (matches its subdomains too) */
    host_kind kind;
    const char *owner;  /* whose record it is (official hosts) or what it copies (mirrors) */
    origin at;
} host_def;

typedef struct state_def {
    const char *code;   /* ISO 3166-1 alpha-2 */
    const char *name;
    const char *source;
    origin at;
} state_def;

/* Where a fact may be stated, as a bit set. */
enum {
    FACT_ON_STATE = 1u << 0,   /* a scenario condition about a state */
    FACT_ON_PERSON = 1u << 1,  /* a person's facts: */
    FACT_ON_EVENT = 1u << 2    /* an event's facts: */
};

struct expr;

/* An event field whose values establish a fact ("basis: categorical" -> categorical = true). */
typedef struct field_map {
    const char *field;          /* "basis", "as", "outcome" */
    size_t count;
    const char **values;
    pacta_truth *truths;
} field_map;

typedef struct fact_def {
    const char *name;
    const char *label;
    unsigned where;             /* FACT_ON_* */
    int justification;          /* 1: a ground that could justify removal (Art. 33(2) and the like) */
    int names_onward;           /* 1: a condition stating it may name the onward state (`onward_to:`) */
    const struct expr *derived; /* non-NULL: computed from other facts when not stated */
    const char *derived_source; /* source id for the derivation */
    field_map field;            /* field.field NULL when no event field maps to it */
    size_t index;
    origin at;
} fact_def;

/* Which event fields an action takes (bit set). */
enum {
    AF_TO = 1u << 0,
    AF_AS = 1u << 1,
    AF_BASIS = 1u << 2,
    AF_OUTCOME = 1u << 3,
    AF_TO_BODY = 1u << 4
};

typedef struct action_def {
    const char *name;
    const char *label;
    const char *verb;           /* past tense for prose: "returned", "classified" */
    int removal;                /* 1: "expel or return in any manner whatsoever" */
    unsigned fields;            /* AF_* allowed */
    unsigned required;          /* AF_* required */
    size_t index;               /* bit position in action masks (< 64) */
    origin at;
} action_def;

#define MAX_ACTIONS 64
typedef uint64_t action_mask;

typedef struct indicator_def {
    const char *id;
    const char *label;
    const fact_def *fact;
    pacta_truth value;
    const char *pattern;
    pcre2_code *code;
    origin at;
} indicator_def;

/* The kinds of cue the drafter reads (rules/draft.yaml, lib/tools/draft.c). */
typedef enum draft_cue_kind {
    CUE_ACT,                /* an act: action, as, to_body */
    CUE_FACT,               /* a fact with its value, on the event or the person */
    CUE_NEGATION_BEFORE,    /* words before a cue that deny it */
    CUE_HEDGE,              /* anywhere in the sentence: the facts become unknown */
    CUE_THREAT_BEFORE,      /* words before an act that make it a threatened one */
    CUE_RETRACTION,         /* the sentence reports what the text itself withdraws */
    CUE_DESTINATION_BEFORE, /* words before a state: where someone was sent */
    CUE_AGENT_BEFORE,       /* words before a state: who acted ("by") */
    CUE_ORIGIN_BEFORE,      /* words before a state: "from" */
    CUE_LOCATION_BEFORE,    /* words before a state: "in" */
    CUE_AGENT_AFTER,        /* words after a state: "authorities" */
    CUE_PEOPLE_AFTER,       /* words after a state: "defectors" */
    CUE_DEMONYM_PEOPLE_AFTER, /* what follows a demonym that names people by it alone ("Koreans were") */
    CUE_NATIONALITY_BEFORE, /* words before a state: "refugees from" */
    CUE_OBLIQUE_BEFORE,     /* words before a state that make it no subject: "of" */
    CUE_PLACE_AFTER,        /* words after a state that make it a place: "border" */
    CUE_BYSTANDER_AFTER,    /* words after a state asked to prevent the act, not doing it */
    CUE_COUNT,              /* groups n | lo, hi | word */
    CUE_COUNT_VAGUE,        /* "hundreds of": no number */
    CUE_DATE,               /* groups day, month, year, part, weekday; or relative */
    CUE_NOT_DATE_BEFORE,    /* words before a date that make it no event's date ("since") */
    CUE_DATELINE,           /* the article's own date */
    CUE_URL,
    CUE_PUBLISHER,          /* group name */
    CUE_ABBREVIATION_BEFORE /* the word before a full stop that ends no sentence ("Rep.") */
} draft_cue_kind;

typedef struct draft_cue {
    const char *id;
    draft_cue_kind kind;
    const char *pattern;
    pcre2_code *code;
    const struct action_def *action;    /* CUE_ACT */
    const char *as;                     /* CUE_ACT, classify */
    const char *to_body;                /* CUE_ACT, deny_access */
    int to_own_state;                   /* CUE_ACT: sends people to their own state ("repatriate") */
    const struct action_def *else_action; /* CUE_ACT with to_own_state: the action when they are sent elsewhere */
    const fact_def *fact;               /* CUE_FACT */
    int on_person;                      /* CUE_FACT: a person fact, else an event fact */
    pacta_truth value;                  /* CUE_FACT */
    const char *relative;               /* CUE_DATE: today, yesterday, weekday, last-week ... */
    origin at;
} draft_cue;

/* The other names a report gives a state. */
typedef enum draft_name_form { NAME_STATE, NAME_DEMONYM, NAME_CAPITAL } draft_name_form;

typedef struct draft_name {
    const char *text;
    const state_def *state;
    draft_name_form form;
} draft_name;

typedef struct provision_def {
    const char *id;             /* Akoma Ntoso eId: art_33__para_1 */
    const char *label;          /* "art. 33(1)" */
    const char *text;           /* excerpt, verbatim */
    const char *source;         /* source id of the text */
    struct instrument_def *instrument;
    origin at;
} provision_def;

typedef enum binding_kind { BIND_TREATY, BIND_CUSTOMARY, BIND_DOMESTIC, BIND_BILATERAL } binding_kind;

typedef struct dated {
    pdate_range when;
    const char *text;           /* as written: "1982-09-24", "1992" */
    const char *source;         /* source id, required for every date in rules/ */
    int set;
} dated;

typedef struct reservation_def {
    size_t count;
    const char **provisions;    /* eId prefixes reserved: "art_14", "art_16__para_3" */
    const char *text;           /* summary or wording; may be NULL */
    const char *source;
    dated withdrawn;            /* set: no effect from that date */
    origin at;
} reservation_def;

/*
 * A declaration a treaty allows a party to make that narrows whom its
 * obligations reach (the Refugee Convention's art. 1B(1)(a): "events
 * occurring in Europe"), as the instrument defines it: where `excludes`
 * holds for a finding's person and event, the declaring party is not bound.
 */
typedef struct declaration_def {
    const char *id;                   /* "europe-only" */
    const struct provision_def *provision; /* the clause that allows it */
    const char *label;
    const struct expr *excludes;
    const char *source;
    origin at;
} declaration_def;

/* One party's declaration of one of its instrument's kinds, while not withdrawn. */
typedef struct party_declaration {
    const declaration_def *kind;
    const char *text;                 /* its wording or a summary; may be NULL */
    const char *source;
    dated withdrawn;                  /* set: no effect from that date */
    origin at;
} party_declaration;

typedef struct party_def {
    const state_def *state;
    struct instrument_def *instrument;
    dated signature;
    dated consent;
    const char *consent_type;   /* ratification, accession, succession, acceptance, approval */
    dated succession_effective; /* for successions: the date the record says it took effect */
    dated denunciation;         /* the date the notification was received */
    const char *denunciation_note;
    dated ceased;               /* the first day it was no longer a party, as the depositary
                                   records it (loss of membership, say); set: no denunciation */
    const char *ceased_note;
    size_t reservation_count;
    reservation_def *reservations;
    size_t declaration_count;
    party_declaration *declarations;
    const char *note;
    const struct party_def *next; /* the same state's later period of participation, or NULL */
    origin at;
} party_def;

typedef struct instrument_def {
    const char *id;
    const char *title;
    const char *short_title;
    binding_kind kind;
    const char *cite;           /* "189 UNTS 137" */
    const char *cite_source;
    const char *url;
    origin url_at;              /* where the citation's url is written (line 0 when absent) */
    /* structured citation, for the citation styles (pacta_cite); 0 / NULL when the rules give none */
    unsigned unts_volume;       /* United Nations Treaty Series volume and first page, from cite_source */
    unsigned unts_page;
    const char *place;          /* where it was adopted or opened for signature: "Geneva" */
    const char *place_source;
    dated adopted;
    dated in_force;             /* general entry into force */
    /* treaties: entry into force for a later party */
    pduration eif_delay;
    const char *eif_clause;     /* provision id: "art_43__para_2" */
    const char *eif_source;
    /* treaties: denunciation */
    int denounceable;           /* 0: no denunciation clause */
    pduration denunciation_delay;
    const char *denunciation_clause;
    const char *denunciation_source; /* the clause's source, or the authority for "cannot be denounced" */
    /* treaties: provisions that admit no reservation (eId prefixes) */
    size_t non_reservable_count;
    const char **non_reservable;
    const char *non_reservable_clause;
    /* incorporation: this instrument applies provisions of another */
    struct instrument_def *incorporates;
    const char *incorporates_id;
    size_t incorporated_count;
    const char **incorporated;  /* eId prefixes of the other instrument it applies */
    const char *incorporating_provision; /* reported provision: "art_1__para_1" */
    struct instrument_def *incorporated_by; /* reverse link */
    /* customary: authorities for the custom, and from when the rule file says it binds */
    size_t authority_count;
    const char **authorities;
    dated binds_from;
    /* domestic: the state; bilateral: the parties */
    size_t state_count;
    const state_def **states;
    /* parts */
    size_t provision_count;
    provision_def *provisions;
    int provisions_complete;    /* 1: `provisions` lists every provision (lint checks reservations against it) */
    size_t declaration_count;   /* the declarations its parties may make that narrow its reach */
    declaration_def *declarations;
    size_t party_count;
    party_def **parties;        /* sorted by state code after finish; one per state, the first
                                   period of participation (later ones follow `next`) */
    /* non-NULL: the party table is known to be incomplete, so a state with no record may be a
     * party (this source says where the full table is); NULL: no record means not a party */
    const char *parties_incomplete;
    const char *parties_incomplete_note;
    size_t unrecorded_count;    /* with parties_incomplete: the states that may be parties with */
    const state_def **unrecorded; /* no record here; 0: any state with no record may be one */
    origin at;
} instrument_def;

/* ------------------------------------------------------------ expressions */

typedef enum expr_kind {
    EX_ALL,       /* Kleene and over kids */
    EX_ANY,       /* Kleene or over kids */
    EX_NOT,       /* Kleene not of kids[0] */
    EX_FACT,      /* a fact, resolved with precedence */
    EX_STATUS,    /* the person's status is one of status_mask */
    EX_NONE_BETWEEN, /* no event of action_mask between two steps satisfies kids[0] (or any, if none) */
    EX_TO_PARTY,  /* the destination is one of the states the rule's instrument names */
    EX_TO_NATIONALITY, /* the destination is the person's state of nationality */
    EX_ONWARD     /* the `via` fact at the destination, and kids[0] read at the onward state */
} expr_kind;

/* Which state a state fact is about. */
typedef enum state_ref { REF_DESTINATION, REF_NATIONALITY, REF_ACTOR } state_ref;

/* Person status values, as bits. */
enum {
    ST_REFUGEE = 1u << 0,
    ST_ASYLUM_SEEKER = 1u << 1,
    ST_UNDETERMINED = 1u << 2,
    ST_MIGRANT = 1u << 3,
    ST_NATIONAL = 1u << 4
};

typedef struct expr {
    expr_kind kind;
    size_t count;
    struct expr **kids;
    const fact_def *fact;       /* EX_FACT */
    state_ref of;               /* EX_FACT about a state */
    int unstated_false;         /* EX_FACT: a fact stated nowhere reads false (an optional refinement) */
    int step;                   /* EX_FACT, EX_STATUS: sequence step index, -1 = the finding's main event */
    unsigned status_mask;       /* EX_STATUS */
    action_mask actions;        /* EX_NONE_BETWEEN */
    int from_step, to_step;     /* EX_NONE_BETWEEN */
    const struct instrument_def *instrument; /* EX_TO_PARTY: whose states */
    size_t authority_count;     /* EX_ONWARD: cited by a finding that follows the chain */
    const char **authorities;
    origin at;
} expr;

typedef enum step_role { ROLE_ELEMENT, ROLE_EXCEPTION, ROLE_CONSIDERATION } step_role;

typedef struct element_def {
    step_role role;
    const char *id;
    const char *label;
    const provision_def *provision; /* may be NULL: the rule's provision */
    const expr *test;
    /* exceptions: what must hold besides the test for the exception to be
     * established (a danger found in an individual procedure, say); a test
     * that holds without it leaves the finding undetermined. NULL: nothing */
    const expr *requires;
    const char *requires_label;
    size_t authority_count;
    const char **authorities;   /* source ids */
    origin at;
} element_def;

typedef struct seq_step {
    const char *name;
    action_mask actions;
} seq_step;

/*
 * What a rule is. An obligation can be breached; a permission ("may grant
 * asylum") binds no one and is reported as such; a no-excuse rule produces no
 * finding of its own but tells every finding on the same event that the
 * obligation it describes (a bilateral duty to return, say) excuses nothing.
 */
typedef enum rule_nature { NATURE_OBLIGATION, NATURE_PERMISSION, NATURE_NO_EXCUSE } rule_nature;

typedef struct rule_def {
    const char *id;             /* "refugee-convention/return-to-risk" */
    const char *title;
    instrument_def *instrument;
    const provision_def *provision;
    action_mask trigger;        /* single-event rules: the actions that trigger it */
    size_t step_count;          /* 0: single-event rule; else a sequence */
    seq_step *steps;
    size_t element_count;
    element_def *elements;      /* elements, then exceptions, then considerations, in file order per role */
    rule_nature nature;
    int absolute;               /* admits no exception */
    const char *absolute_source;
    size_t authority_count;
    const char **authorities;
    size_t index;
    origin at;
} rule_def;

typedef struct rule_list {
    size_t count;
    const rule_def **rules;
} rule_list;

/* A dated country condition kept in the rules (the country-conditions library). */
typedef struct rb_condition {
    const state_def *state;
    const fact_def *fact;
    pacta_truth value;
    dated from;                 /* set: inclusive start */
    dated until;                /* set: inclusive end */
    const char *source;         /* source id (required) */
    const char *note;
    const state_def *onward_to; /* the onward state, for a fact that names_onward; NULL: the default */
    const char *rel_file;       /* its file relative to the rules folder: findings name no build path */
    size_t national_count;      /* > 0: it concerns only persons of these nationalities */
    const state_def **nationals;
    origin at;
} rb_condition;

struct pacta_rulebase {
    pacta_options opts;
    arena *ar;
    int finished;
    /* files as added, kept until finish */
    size_t file_count;
    ptrvec docs;                /* ynode* roots */
    ptrvec doc_names;           /* const char*: the paths read, for errors */
    ptrvec doc_rel_names;       /* const char*: the same, relative to the rules folder, for findings */
    void *digest_ctx;           /* running SHA-256 until finish */
    char digest[65];
    /* definitions, sorted by key after finish for bsearch */
    size_t source_count;   source_def **sources;
    size_t state_count;    state_def **states;
    size_t fact_count;     fact_def **facts;
    size_t action_count;   action_def **actions;
    size_t indicator_count; indicator_def **indicators;
    /* the drafter's cues and state names (rules/draft.yaml); mentions matches any name */
    size_t draft_cue_count; draft_cue **draft_cues;
    size_t draft_name_count; draft_name *draft_names;
    pcre2_code *draft_mentions;
    size_t instrument_count; instrument_def **instruments;
    size_t rule_count;     rule_def **rules;
    size_t condition_count; rb_condition *conditions;
    size_t host_count;     host_def **hosts;
    /* rules by the action of the event that completes them */
    rule_list by_action[MAX_ACTIONS];
    pcre2_match_context *match_ctx;
    pcre2_general_context *general_ctx;
};

const source_def *rb_source(const pacta_rulebase *rb, const char *id);
/* The host the rules list for url's host name (or a parent domain of it); NULL when none. */
const host_def *rb_url_host(const pacta_rulebase *rb, const char *url);
/* What a source is cited as in findings: its `cite`, else NULL (never its internal id). */
const char *source_short_cite(const source_def *s);
/* How reasons name source id in brackets: its `cite`, else its title; the id only if undefined. */
const char *rb_source_cited_as(const pacta_rulebase *rb, const char *id);
const state_def *rb_state(const pacta_rulebase *rb, const char *code);
/* A state by its code or its name in any ASCII case ("cn", "China"), for
 * what people type; files name states by exact code (rb_state). */
const state_def *rb_state_loosely(const pacta_rulebase *rb, const char *text);
/* The state someone probably meant by an unknown `text`: one named loosely,
 * or one whose name is a near misspelling. Never a code close by edit
 * distance: a two-letter code is one letter away from dozens of others. */
const state_def *rb_state_meant(const pacta_rulebase *rb, const char *text);
/* The hint for an unknown state when there is no state to suggest. */
#define STATE_CODE_HINT "a state is an ISO 3166-1 alpha-2 code that the rules define (states.yaml)"
const fact_def *rb_fact(const pacta_rulebase *rb, const char *name);
const action_def *rb_action(const pacta_rulebase *rb, const char *name);
const instrument_def *rb_instrument(const pacta_rulebase *rb, const char *id);
/* A rule by its full id ("cat/return-to-torture"); rules stay in file order, so this scans. */
const rule_def *rb_rule(const pacta_rulebase *rb, const char *id);
const provision_def *instrument_provision(const instrument_def *inst, const char *id);
const party_def *instrument_party(const instrument_def *inst, const char *state_code);
/* 1 when inst's party table is marked incomplete and may omit state s, so that
 * no record for s means "unknown", not "not a party". */
int instrument_may_omit(const instrument_def *inst, const state_def *s);

/* ------------------------------------------------------------ scenario */

typedef struct sc_fact {
    const fact_def *fact;
    pacta_truth value;
    unsigned line, column;
    const char *assumed;            /* set by what-if: the assumption ("e2.voluntary=true") */
} sc_fact;

typedef struct sc_fact_list {
    size_t count;
    sc_fact *items;
} sc_fact_list;

typedef struct sc_source {
    const char *id;
    const char *title;
    const char *url;
    const char *date;
} sc_source;

typedef struct sc_person {
    const char *id;
    const state_def *nationality;   /* may be NULL */
    long long count;                /* 0 when not given */
    unsigned status;                /* one ST_* bit; ST_UNDETERMINED by default */
    int status_given;
    sc_fact_list facts;
    size_t index;
} sc_person;

typedef struct sc_condition {
    const state_def *state;
    const fact_def *fact;
    pacta_truth value;
    int has_from, has_until;
    pdate_range from, until;
    const char *source;             /* source id or NULL */
    size_t person_count;            /* 0: everyone */
    const sc_person **persons;
    size_t index;
    unsigned line, column;
    const char *assumed;            /* set by what-if: the assumption ("KP.torture_on_return=false") */
    const state_def *onward_to;     /* the onward state, for a fact that names_onward; NULL: the default */
} sc_condition;

/* A fact an indicator found in an event's description. */
typedef struct sc_text_fact {
    const indicator_def *indicator;
    size_t start, end;              /* byte span in the description */
    pacta_truth value;              /* the indicator's value, reversed by a negation, unknown when hedged */
    const char *qualifier;          /* "negated" or "hedged", or NULL */
    size_t qualifier_start, qualifier_end; /* the words that negate or hedge it */
} sc_text_fact;

typedef struct sc_event {
    const char *id;
    pdate_range date;
    const char *date_text;
    const state_def *actor;
    const action_def *action;
    const sc_person *subject;
    const state_def *to;            /* removal destination */
    const state_def *onward_to;     /* removals: where the destination would send the person on */
    /* A hop of chain refoulement (reason/onward.c) is an event read at the
     * onward state: `to` is that state, and what the scenario states on the
     * event and the person is about the first destination, not this one. */
    const struct sc_event *onward_from; /* the event (or hop) it continues; NULL for a real event */
    unsigned hops;                  /* 0 for a real event */
    const char *onward_ref;         /* a hop: the fact that sends the person on ("CN.onward_removal_risk") */
    const char *onward_stated;      /* a hop: where that fact was stated ("rules' country conditions, ...") */
    const char *as;                 /* classify: the class */
    const char *basis;              /* categorical | individual */
    const char *outcome;            /* status_determination */
    const char *to_body;            /* deny_access */
    const char *source;
    const char *description;
    size_t description_len;
    sc_fact_list facts;
    size_t text_fact_count;
    sc_text_fact *text_facts;
    size_t index;                   /* position after sorting by date */
    size_t input_index;             /* position in the file */
    unsigned line, column;
} sc_event;

typedef struct sc_expect {
    const char *event;
    const char *instrument;
    const char *provision;
    const char *rule;
    pacta_verdict verdict;
    unsigned line;
} sc_expect;

struct pacta_scenario {
    arena *ar;
    int borrows_arena;      /* 1: ar belongs to the caller (a batch slot), pacta_scenario_free leaves it */
    const pacta_rulebase *rb;
    const char *name;
    const char *title;
    const char *summary;
    size_t source_count;    sc_source *sources;
    size_t person_count;    sc_person *persons;
    size_t condition_count; sc_condition *conditions;
    size_t event_count;     sc_event **events;   /* sorted by date, then input order */
    size_t expect_count;    sc_expect *expects;
};

/** qsort order of pacta_scenario.events (sc_event *): by date, then input order (scenario.c). */
int sc_event_compare(const void *a, const void *b);

/* ------------------------------------------------------------ report */

typedef struct rp_strings {
    size_t count;
    const char **items;
} rp_strings;

typedef struct rp_fact {
    const char *ref;
    /* what a reader reads instead of "ref = value", for the facts that are
     * tests on the record ("the escapees' refugee status: not determined",
     * "e2 removed them to: KP, their own state"); NULL: "ref = value" */
    const char *display;
    pacta_truth value;
    pacta_provenance from;
    const char *detail;
    const char *source;
    const char *text;
    size_t span_start, span_end;
} rp_fact;

/* Whether a and b read the same to a person: two tests on the record can
 * say one thing ("refugee status: not determined"); findings.c. */
int rp_fact_reads_as(const rp_fact *a, const rp_fact *b);

typedef struct rp_step {
    pacta_step_kind kind;
    const char *id;
    const char *label;
    const char *provision;
    const char *provision_label;    /* "art. 33(2)"; NULL when provision is */
    pacta_truth value;
    size_t fact_count;
    size_t *facts;
    rp_strings reasons;             /* the sentences of the finding's reasons this step accounts for */
} rp_step;

/* One link of a chain of onward removal: `from` would send the person on to `to`. */
typedef struct rp_chain_link {
    const char *from;
    const char *to;
    const char *condition;          /* the fact that carried the risk: "CN.onward_removal_risk" */
    const char *stated;             /* where it was stated: "rules' country conditions, conditions/cn.yaml:18" */
} rp_chain_link;

/* A chain of refoulement a finding followed: the removal `event` by the
 * actor to the first destination, then each onward link in order. */
typedef struct rp_chain {
    const char *event;
    const char *actor;
    const char *to;                 /* the first destination */
    size_t link_count;
    rp_chain_link *links;
} rp_chain;

typedef struct rp_citation {
    const char *id;                 /* the source's id in the rules; NULL for a provision's citation */
    const char *instrument;
    const char *provision;
    const char *label;
    const char *source;
    const char *url;
} rp_citation;

/* Whether c cites what a citation with this id (may be NULL) and label
 * would: a finding cites each source once; findings.c. */
int rp_citation_cites(const rp_citation *c, const char *id, const char *label);

struct pacta_finding {
    pacta_verdict verdict;
    const char *rule;
    const char *rule_title;
    const char *actor;
    const char *date;
    const char *instrument;
    const char *provision;
    const char *provision_label;    /* "Refugee Convention art. 33(1)" */
    const char *provision_text;
    const char *basis;
    pacta_binding_view binding;
    rp_strings events;
    rp_strings acts;                /* what the actor did in each event: its action's verb ("returned") */
    rp_strings narrative;           /* one sentence per event, what the actor did (also the first reasons) */
    rp_strings reasons;
    rp_strings caveats;
    rp_strings missing;
    size_t citation_count;  rp_citation *citations;
    size_t fact_count;      rp_fact *facts;
    size_t step_count;      rp_step *steps;
    size_t chain_count;     rp_chain *chains;
    const struct rp_whatif *whatif; /* what-if (whatif.h); NULL unless checked with assumptions or counterfactuals */
};

struct pacta_report {
    arena *ar;
    int borrows_arena;      /* 1: ar belongs to the caller (a batch slot), pacta_report_free leaves it */
    const char *scenario_name;
    const char *scenario_title;
    size_t finding_count;
    pacta_finding **findings;
    char digest[65];
    rp_strings actors;              /* state codes of the scenario's acting states, in order of first event */
    size_t silent_count;            /* no-excuse rules' evaluations: no finding of their own, kept for coverage */
    pacta_finding **silent;
    struct rp_report_whatif *whatif; /* what-if (whatif.h); NULL unless checked with assumptions or counterfactuals */
};

#endif
