/*
 * explain.h: the sentences of a legal analysis in IRAC order (Issue, Rule,
 * Application, Conclusion), shared by the two renderers that write one:
 * render_explain.c (text, --explain) and render_markdown.c (a memo). The
 * words are composed here once; each renderer lays them out and escapes
 * them for its format.
 */
#ifndef PACTA_EXPLAIN_H
#define PACTA_EXPLAIN_H

#include <stddef.h>

#include "model/model.h"

/* A sentence being composed, bounded; a sentence too long is cut at a character and marked. */
typedef struct phrase {
    char buf[2048];
    size_t len;
    int cut;
} phrase;

void phrase_clear(phrase *p);
void phrase_add(phrase *p, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/** "Did CN breach Refugee Convention art. 33(1) by this act?" (or "this sequence of acts"). */
void explain_question(phrase *p, const pacta_finding *f);

/** "It applies only if CN was bound by it on 2023-10-09; it is breached when ..." */
void explain_rule_terms(phrase *p, const pacta_finding *f, const rule_def *rule,
                        const pacta_rulebase *rb);

/** "Element (a) refugee (art. 1A(2))", "Exception (c) danger-to-security", "Binding". */
void explain_step_name(phrase *p, const rp_step *s, char letter);

/**
 * The k-th step the rule weighs, lettered in rule order: the finding's own
 * steps when it weighed any, else the rule's elements, exceptions and
 * considerations. Composes its name in *name (cleared first), sets *label
 * to what must be shown (NULL when nothing says) and returns 1; 0 past the
 * last.
 */
int explain_rule_step(phrase *name, const char **label, const pacta_finding *f,
                      const rule_def *rule, size_t k);

/**
 * What the step's value means for the rule: "established", "not established,
 * so it does not defeat the rule", "left open: ...".
 */
const char *explain_outcome(const rp_step *s, pacta_verdict verdict);

/** "Established by", "Negated by", "Left open by": the heading of the step's facts. */
const char *explain_fact_relation(const rp_step *s);

/** "(consent: accession 1982-09-24; in force for CN: 1982-12-23 under art. 43(2))", or nothing. */
void explain_binding_summary(phrase *p, const pacta_finding *f);

/** "KP.torture_on_return is true: stated by a condition of the scenario (...), source coi-2014". */
void explain_fact(phrase *p, const rp_fact *x);

/** The letter that names the k-th weighed step in the rule and application ('a', 'b', ...). */
char explain_letter(size_t k);

/** The finding's conclusion sentence without its "Conclusion: " prefix, or NULL. */
const char *explain_conclusion(const pacta_finding *f);

/**
 * 1 when reason i is told elsewhere in the analysis (an event's narrative,
 * a step's reasons, the conclusion); the rest are further notes.
 */
int explain_reason_told(const pacta_finding *f, size_t i);

/** "ratification 1988-10-04; in force 1988-11-03 under art. 27(2)", or "customary law": the short answer's binding. */
void explain_binding_short(phrase *p, const pacta_finding *f);

/** "KP.torture_on_return = true", or for a person's status "escapees.status: undetermined". */
void explain_fact_short(phrase *p, const rp_fact *x);

/** A step's value in one word or two: "established", "absent", "not established", "open". */
const char *explain_step_word(const rp_step *s);

/** "VIOLATION", "NO VIOLATION", ... */
const char *explain_verdict_tag(pacta_verdict v);
/** "Violation", "No violation", "Undetermined", "Not applicable". */
const char *explain_verdict_word(pacta_verdict v);

/** The conclusion after its verdict word: "CN was bound by ... and no exception is." */
const char *explain_conclusion_rest(const pacta_finding *f);

#endif
