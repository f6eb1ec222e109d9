/*
 * findings.c: the public read-only views of a report (pacta_report_*,
 * pacta_finding_*), the names of the public enums, and the comparison of a
 * scenario's expect: entries with a report.
 *
 * Every accessor tolerates a NULL handle and an index past the end, and
 * answers with NULL, 0 or a zeroed view, so a caller iterating with a stale
 * count cannot read out of bounds.
 */
#include <string.h>

#include "model/model.h"
#include "model/whatif.h"

/* ------------------------------------------------------------ names */

const char *pacta_verdict_name(pacta_verdict v)
{
    switch (v) {
    case PACTA_VIOLATION: return "violation";
    case PACTA_NO_VIOLATION: return "no_violation";
    case PACTA_UNDETERMINED: return "undetermined";
    case PACTA_NOT_APPLICABLE: return "not_applicable";
    }
    return "invalid";
}

const char *pacta_truth_name(pacta_truth t)
{
    switch (t) {
    case PACTA_FALSE: return "false";
    case PACTA_TRUE: return "true";
    case PACTA_UNKNOWN: return "unknown";
    }
    return "invalid";
}

const char *pacta_provenance_name(pacta_provenance p)
{
    switch (p) {
    case PACTA_FROM_EVENT: return "event";
    case PACTA_FROM_PERSON: return "person";
    case PACTA_FROM_CONDITION: return "condition";
    case PACTA_FROM_RULE: return "rule";
    case PACTA_FROM_TEXT: return "text";
    case PACTA_FROM_NOWHERE: return "none";
    }
    return "invalid";
}

const char *pacta_step_kind_name(pacta_step_kind k)
{
    switch (k) {
    case PACTA_STEP_BINDING: return "binding";
    case PACTA_STEP_ELEMENT: return "element";
    case PACTA_STEP_EXCEPTION: return "exception";
    case PACTA_STEP_CONSIDERATION: return "consideration";
    }
    return "invalid";
}

/* ------------------------------------------------------------ report */

void pacta_report_free(pacta_report *rep)
{
    if (!rep)
        return;
    arena *whatif = rep->whatif ? rep->whatif->ar : NULL; /* what-if data and the assumed scenario */
    if (rep->ar && !rep->borrows_arena)
        arena_free(rep->ar); /* the report itself lives in its arena */
    arena_free(whatif);
}

size_t pacta_report_finding_count(const pacta_report *rep)
{
    return rep ? rep->finding_count : 0;
}

const pacta_finding *pacta_report_finding(const pacta_report *rep, size_t i)
{
    if (!rep || i >= rep->finding_count)
        return NULL;
    return rep->findings[i];
}

/* Counted from the findings, so the summary can never disagree with the list. */
size_t pacta_report_count(const pacta_report *rep, pacta_verdict v)
{
    size_t n = 0;
    for (size_t i = 0; rep && i < rep->finding_count; i++)
        if (rep->findings[i]->verdict == v)
            n++;
    return n;
}

/* ------------------------------------------------------------ finding */

/* A NULL finding has no verdict; "undetermined" is the one answer that
 * claims nothing. */
pacta_verdict pacta_finding_verdict(const pacta_finding *f)
{
    return f ? f->verdict : PACTA_UNDETERMINED;
}

const char *pacta_finding_rule(const pacta_finding *f)
{
    return f ? f->rule : NULL;
}

const char *pacta_finding_actor(const pacta_finding *f)
{
    return f ? f->actor : NULL;
}

const char *pacta_finding_date(const pacta_finding *f)
{
    return f ? f->date : NULL;
}

const char *pacta_finding_instrument(const pacta_finding *f)
{
    return f ? f->instrument : NULL;
}

const char *pacta_finding_provision(const pacta_finding *f)
{
    return f ? f->provision : NULL;
}

const char *pacta_finding_rule_title(const pacta_finding *f)
{
    return f ? f->rule_title : NULL;
}

const char *pacta_finding_provision_label(const pacta_finding *f)
{
    return f ? f->provision_label : NULL;
}

const char *pacta_finding_provision_text(const pacta_finding *f)
{
    return f ? f->provision_text : NULL;
}

const char *pacta_finding_basis(const pacta_finding *f)
{
    return f ? f->basis : NULL;
}

static const char *strings_get(const rp_strings *s, size_t i)
{
    return i < s->count ? s->items[i] : NULL;
}

size_t pacta_finding_event_count(const pacta_finding *f)
{
    return f ? f->events.count : 0;
}

const char *pacta_finding_event(const pacta_finding *f, size_t i)
{
    return f ? strings_get(&f->events, i) : NULL;
}

pacta_binding_view pacta_finding_binding(const pacta_finding *f)
{
    pacta_binding_view none = {0};
    return f ? f->binding : none;
}

size_t pacta_finding_reason_count(const pacta_finding *f)
{
    return f ? f->reasons.count : 0;
}

const char *pacta_finding_reason(const pacta_finding *f, size_t i)
{
    return f ? strings_get(&f->reasons, i) : NULL;
}

size_t pacta_finding_caveat_count(const pacta_finding *f)
{
    return f ? f->caveats.count : 0;
}

const char *pacta_finding_caveat(const pacta_finding *f, size_t i)
{
    return f ? strings_get(&f->caveats, i) : NULL;
}

size_t pacta_finding_missing_count(const pacta_finding *f)
{
    return f ? f->missing.count : 0;
}

const char *pacta_finding_missing(const pacta_finding *f, size_t i)
{
    return f ? strings_get(&f->missing, i) : NULL;
}

size_t pacta_finding_citation_count(const pacta_finding *f)
{
    return f ? f->citation_count : 0;
}

pacta_citation_view pacta_finding_citation(const pacta_finding *f, size_t i)
{
    pacta_citation_view v = {0};
    if (f && i < f->citation_count) {
        const rp_citation *c = &f->citations[i];
        v.instrument = c->instrument;
        v.provision = c->provision;
        v.label = c->label;
        v.source = c->source;
        v.url = c->url;
    }
    return v;
}

size_t pacta_finding_chain_count(const pacta_finding *f)
{
    return f ? f->chain_count : 0;
}

pacta_chain_view pacta_finding_chain(const pacta_finding *f, size_t i)
{
    pacta_chain_view v = {0};
    if (f && i < f->chain_count) {
        const rp_chain *c = &f->chains[i];
        v.event = c->event;
        v.actor = c->actor;
        v.to = c->to;
        v.link_count = c->link_count;
    }
    return v;
}

pacta_chain_link_view pacta_finding_chain_link(const pacta_finding *f, size_t i, size_t k)
{
    pacta_chain_link_view v = {0};
    if (f && i < f->chain_count && k < f->chains[i].link_count) {
        const rp_chain_link *l = &f->chains[i].links[k];
        v.from = l->from;
        v.to = l->to;
        v.condition = l->condition;
        v.stated = l->stated;
    }
    return v;
}

size_t pacta_finding_fact_count(const pacta_finding *f)
{
    return f ? f->fact_count : 0;
}

pacta_fact_view pacta_finding_fact(const pacta_finding *f, size_t i)
{
    pacta_fact_view v = {0};
    v.value = PACTA_UNKNOWN;
    v.from = PACTA_FROM_NOWHERE;
    if (f && i < f->fact_count) {
        const rp_fact *x = &f->facts[i];
        v.ref = x->ref;
        v.value = x->value;
        v.from = x->from;
        v.detail = x->detail;
        v.source = x->source;
        v.text = x->text;
        v.span_start = x->span_start;
        v.span_end = x->span_end;
    }
    return v;
}

size_t pacta_finding_step_count(const pacta_finding *f)
{
    return f ? f->step_count : 0;
}

const char *pacta_finding_step_provision_label(const pacta_finding *f, size_t i)
{
    return f && i < f->step_count ? f->steps[i].provision_label : NULL;
}

size_t pacta_finding_step_reason_count(const pacta_finding *f, size_t i)
{
    return f && i < f->step_count ? f->steps[i].reasons.count : 0;
}

const char *pacta_finding_step_reason(const pacta_finding *f, size_t i, size_t k)
{
    if (!f || i >= f->step_count || k >= f->steps[i].reasons.count)
        return NULL;
    return f->steps[i].reasons.items[k];
}

size_t pacta_finding_narrative_count(const pacta_finding *f)
{
    return f ? f->narrative.count : 0;
}

const char *pacta_finding_narrative(const pacta_finding *f, size_t i)
{
    return f && i < f->narrative.count ? f->narrative.items[i] : NULL;
}

size_t pacta_report_actor_count(const pacta_report *rep)
{
    return rep ? rep->actors.count : 0;
}

const char *pacta_report_actor(const pacta_report *rep, size_t i)
{
    return rep && i < rep->actors.count ? rep->actors.items[i] : NULL;
}

pacta_step_view pacta_finding_step(const pacta_finding *f, size_t i)
{
    pacta_step_view v = {0};
    v.value = PACTA_UNKNOWN;
    if (f && i < f->step_count) {
        const rp_step *s = &f->steps[i];
        v.kind = s->kind;
        v.id = s->id;
        v.label = s->label;
        v.provision = s->provision;
        v.value = s->value;
        v.fact_count = s->fact_count;
        v.facts = s->facts;
    }
    return v;
}

/* ------------------------------------------------------------ expectations */

size_t pacta_scenario_expectation_count(const pacta_scenario *sc)
{
    return sc ? sc->expect_count : 0;
}

static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* The expectation may name the rule in full ("refugee-convention/return-to-risk")
 * or by its id within the instrument ("return-to-risk"). */
static int rule_matches(const char *wanted, const char *rule)
{
    if (!wanted)
        return 1;
    if (!rule)
        return 0;
    if (strcmp(wanted, rule) == 0)
        return 1;
    const char *slash = strrchr(rule, '/');
    return !strchr(wanted, '/') && slash && strcmp(wanted, slash + 1) == 0;
}

static int has_event(const pacta_finding *f, const char *event)
{
    for (size_t i = 0; i < f->events.count; i++)
        if (same(f->events.items[i], event))
            return 1;
    return 0;
}

static int selects(const sc_expect *e, const pacta_finding *f)
{
    return has_event(f, e->event) && same(f->instrument, e->instrument) &&
           same(f->provision, e->provision) && rule_matches(e->rule, f->rule);
}

pacta_expectation_view pacta_expectation_check(const pacta_scenario *sc, size_t i,
                                               const pacta_report *rep)
{
    pacta_expectation_view v = {0};
    if (!sc || i >= sc->expect_count)
        return v;
    const sc_expect *e = &sc->expects[i];
    v.event = e->event;
    v.instrument = e->instrument;
    v.provision = e->provision;
    v.rule = e->rule;
    v.expected = e->verdict;
    v.line = e->line;
    v.actual = PACTA_NOT_APPLICABLE; /* no finding at all: nothing applied */

    const pacta_finding *first = NULL, *differing = NULL;
    for (size_t k = 0; rep && k < rep->finding_count; k++) {
        const pacta_finding *f = rep->findings[k];
        if (!selects(e, f))
            continue;
        v.found++;
        if (!first)
            first = f;
        if (!differing && f->verdict != e->verdict)
            differing = f;
    }
    if (differing)
        v.actual = differing->verdict;
    else if (first)
        v.actual = first->verdict;
    v.matched = v.found > 0 && !differing;
    return v;
}

int rp_fact_reads_as(const rp_fact *a, const rp_fact *b)
{
    return a->display ? b->display && strcmp(a->display, b->display) == 0
                      : !b->display && a->value == b->value && strcmp(a->ref, b->ref) == 0;
}

int rp_citation_cites(const rp_citation *c, const char *id, const char *label)
{
    return strcmp(c->label, label) == 0 || (id && c->id && strcmp(c->id, id) == 0);
}
