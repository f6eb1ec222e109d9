/*
 * render_json.c: a report as one JSON object, the public contract of
 * docs/findings.md ("--format json").
 *
 * The object is written on one line, with "," and ":" as separators and no
 * spaces, so that several reports make valid JSON Lines. Members the contract requires are
 * always present (null only if the model lacks the value, which the
 * evaluator never does); optional members are omitted rather than null.
 *
 * Two shapes. Format 2 (the default, "format": 2 in the object) says each
 * thing once: every citation is an id into the top-level "sources" table
 * (the rules' source id, or "instrument/provision" for a provision of an
 * instrument), the provisions' words are in the top-level "provisions"
 * table under the same "instrument/provision" keys, the sentence saying
 * what the state did in an event is in the top-level "events" table under
 * the event's id (so a finding's "reasons" start after those sentences),
 * and the analysis of PACTA_RENDER_EXPLAIN cites facts by index into the
 * top-level "facts" table and reasons by index into its finding's
 * "reasons". Format 1 (PACTA_RENDER_JSON_V1, kept for one version) repeats
 * the citation objects, the provision text, the event sentences, the steps
 * and the facts inside every finding.
 *
 * Members beyond the contract (provision_label, provision_text, narrative,
 * steps, facts, the scenario's actors, a citation's "formatted" text under a
 * citation style) are extensions a consumer may ignore. The steps carry the
 * whole analysis, so that a program can render it its own way: each step's
 * kind (its role), id, label, provision and its label, value, the facts it
 * used (with their provenance) and the sentences of the reasons it accounts
 * for (for the binding step: consent, entry into force and its clause,
 * reservations, denunciation).
 */
#include <string.h>

#include "report/render.h"

#include "report/audit.h"
#include "report/citation.h"
#include "report/render_whatif.h"

/* The shape of the object, in its "format" member (format 1 had none). */
#define JSON_FORMAT_VERSION 2

/* Omitted when empty: the extensions that a report built elsewhere may lack. */
static void member_opt_strings(writer *w, int *members, const char *name, const rp_strings *s)
{
    if (s->count > 0)
        json_member_strings(w, members, name, s->count, s->items);
}

static void render_rulebase(writer *w, int *members, const pacta_rulebase *rb)
{
    int n = 0;
    json_key(w, members, "rulebase");
    writer_char(w, '{');
    json_member_string(w, &n, "pacta", PACTA_VERSION_STRING);
    json_key(w, &n, "format");
    writer_printf(w, "%d", RULES_FORMAT_VERSION);
    json_member_string(w, &n, "sha256", pacta_rulebase_digest(rb));
    json_member_size(w, &n, "files", pacta_rulebase_file_count(rb));
    writer_char(w, '}');
}

static void render_scenario(writer *w, int *members, const pacta_report *rep)
{
    int n = 0;
    json_key(w, members, "scenario");
    writer_char(w, '{');
    json_member_string(w, &n, "file", rep->scenario_name);
    json_member_opt(w, &n, "title", rep->scenario_title);
    member_opt_strings(w, &n, "actors", &rep->actors);
    writer_char(w, '}');
}

/* Customary law binds without consent, so the contract leaves binding out. */
static int has_binding(const pacta_finding *f)
{
    const pacta_binding_view *b = &f->binding;
    if (f->basis && strcmp(f->basis, "customary") == 0)
        return 0;
    return b->consent || b->consent_type || b->in_force || b->clause || b->via;
}

static void render_binding(writer *w, int *members, const pacta_finding *f)
{
    if (!has_binding(f))
        return;
    json_key(w, members, "binding");
    json_binding(w, &f->binding);
}

/* {"instrument", "provision", "label", "source", "url", "formatted"}, absent members omitted. */
static void render_citation(writer *w, const rp_citation *c, const pacta_rulebase *rb,
                            unsigned flags)
{
    char formatted[1024];
    int n = 0;
    writer_char(w, '{');
    json_member_opt(w, &n, "instrument", c->instrument);
    json_member_opt(w, &n, "provision", c->provision);
    json_member_opt(w, &n, "label", c->label);
    json_member_opt(w, &n, "source", c->source);
    json_member_opt(w, &n, "url", c->url);
    if (citation_style(flags) != PACTA_CITE_LABEL) {
        const char *text = render_cite(c, rb, flags, formatted, sizeof formatted);
        json_member_string(w, &n, "formatted", text ? text : c->label);
    }
    writer_char(w, '}');
}

static void render_citations(writer *w, int *members, const pacta_finding *f,
                             const pacta_rulebase *rb, unsigned flags)
{
    json_key(w, members, "citations");
    writer_char(w, '[');
    for (size_t i = 0; i < f->citation_count; i++) {
        if (i)
            writer_char(w, ',');
        render_citation(w, &f->citations[i], rb, flags);
    }
    writer_char(w, ']');
}

static void render_steps(writer *w, int *members, const pacta_finding *f)
{
    json_key(w, members, "steps");
    writer_char(w, '[');
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        int n = 0;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_step_head(w, &n, s);
        json_key(w, &n, "facts");
        writer_char(w, '[');
        for (size_t k = 0; k < s->fact_count; k++)
            writer_printf(w, k ? ",%zu" : "%zu", s->facts[k]);
        writer_char(w, ']');
        member_opt_strings(w, &n, "reasons", &s->reasons);
        writer_char(w, '}');
    }
    writer_char(w, ']');
}

static void render_facts(writer *w, int *members, const pacta_finding *f)
{
    json_key(w, members, "facts");
    writer_char(w, '[');
    for (size_t i = 0; i < f->fact_count; i++) {
        if (i)
            writer_char(w, ',');
        json_fact(w, &f->facts[i], 1);
    }
    writer_char(w, ']');
}

/* {"event", "states": the path, actor first, "links": why each onward step}; only when followed. */
static void render_chains(writer *w, int *members, const pacta_finding *f)
{
    if (!f->chain_count)
        return;
    json_key(w, members, "chains");
    writer_char(w, '[');
    for (size_t i = 0; i < f->chain_count; i++) {
        const rp_chain *c = &f->chains[i];
        int n = 0;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_member_string(w, &n, "event", c->event);
        json_key(w, &n, "states");
        writer_char(w, '[');
        writer_json_string(w, c->actor);
        writer_char(w, ',');
        writer_json_string(w, c->to);
        for (size_t k = 0; k < c->link_count; k++) {
            writer_char(w, ',');
            writer_json_string(w, c->links[k].to);
        }
        writer_char(w, ']');
        json_key(w, &n, "links");
        writer_char(w, '[');
        for (size_t k = 0; k < c->link_count; k++) {
            int m = 0;
            writer_bytes(w, k ? ",{" : "{", k ? 2 : 1);
            json_member_string(w, &m, "from", c->links[k].from);
            json_member_string(w, &m, "to", c->links[k].to);
            json_member_string(w, &m, "condition", c->links[k].condition);
            json_member_string(w, &m, "stated", c->links[k].stated);
            writer_char(w, '}');
        }
        writer_bytes(w, "]}", 2);
    }
    writer_char(w, ']');
}

/* The members the findings contract requires, but the citations: alike in both shapes
 * but for the reasons, of which format 2 leaves out the first skip (its events' sentences). */
static void contract_members(writer *w, int *n, const pacta_finding *f, size_t skip)
{
    json_member_string(w, n, "rule", f->rule);
    json_member_string(w, n, "verdict", pacta_verdict_name(f->verdict));
    json_member_string(w, n, "actor", f->actor);
    json_member_strings(w, n, "events", f->events.count, f->events.items);
    json_member_string(w, n, "date", f->date);
    json_member_string(w, n, "instrument", f->instrument);
    json_member_string(w, n, "provision", f->provision);
    json_member_string(w, n, "basis", f->basis);
    render_binding(w, n, f);
    /* an empty list's items may be NULL, and NULL + 0 is undefined */
    json_member_strings(w, n, "reasons", f->reasons.count - skip,
                        skip ? f->reasons.items + skip : f->reasons.items);
    json_member_strings(w, n, "missing", f->missing.count, f->missing.items);
    json_member_strings(w, n, "caveats", f->caveats.count, f->caveats.items);
    render_chains(w, n, f);
}

static void render_finding(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                           unsigned flags)
{
    int n = 0;
    writer_char(w, '{');
    contract_members(w, &n, f, 0);
    render_citations(w, &n, f, rb, flags);
    json_member_opt(w, &n, "provision_label", f->provision_label);
    json_member_opt(w, &n, "provision_text", f->provision_text);
    member_opt_strings(w, &n, "narrative", &f->narrative);
    render_steps(w, &n, f);
    render_facts(w, &n, f);
    whatif_json_finding(w, &n, f);
    writer_char(w, '}');
}

/* ------------------------------------------------------------ format 2: each thing once */

/* What format 2 lists once at the top; built before anything is written. */
typedef struct tables {
    arena *ar;
    ptrvec keys;       /* const char *: the "sources" ids, in order of first citation */
    ptrvec sources;    /* const rp_citation *, one per key */
    ptrvec provisions; /* const pacta_finding *: the first with each instrument/provision's text */
    ptrvec facts;      /* const rp_fact *, each distinct fact once (PACTA_RENDER_EXPLAIN) */
    ptrvec events;     /* const char *: the ids of the events the findings concern, in order */
    ptrvec acts;       /* const char *: for each of events, the sentence saying what was done */
    int oom;
} tables;

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* "instrument/provision", or the instrument's id when the citation names no provision. */
static const char *provision_key(tables *t, const char *instrument, const char *provision)
{
    const char *key = provision ? arena_printf(t->ar, "%s/%s", instrument ? instrument : "",
                                               provision)
                                : instrument;
    if (!key)
        t->oom = 1;
    return key;
}

/* A citation's id in "sources": the rules' source id, else its provision's key. */
static const char *citation_key(tables *t, const rp_citation *c)
{
    if (c->id)
        return c->id;
    if (c->instrument)
        return provision_key(t, c->instrument, c->provision);
    return c->label; /* a citation built without the rules (never by pacta_check) */
}

static size_t find_key(const ptrvec *keys, const char *key)
{
    for (size_t i = 0; i < keys->count; i++)
        if (same(keys->items[i], key))
            return i;
    return keys->count;
}

static int same_fact(const rp_fact *a, const rp_fact *b)
{
    return same(a->ref, b->ref) && a->value == b->value && a->from == b->from &&
           same(a->detail, b->detail) && same(a->source, b->source) && same(a->text, b->text) &&
           a->span_start == b->span_start && a->span_end == b->span_end;
}

static size_t find_fact(const tables *t, const rp_fact *x)
{
    for (size_t i = 0; i < t->facts.count; i++)
        if (same_fact(t->facts.items[i], x))
            return i;
    return t->facts.count;
}

static void push(tables *t, ptrvec *v, const void *p)
{
    if (ptrvec_push(t->ar, v, (void *)p))
        t->oom = 1;
}

/*
 * How many of f's reasons the "events" table says for it: the leading
 * reasons that are its events' sentences, as the table has them. The
 * evaluator opens every finding's reasons with them; a finding built
 * otherwise keeps in "reasons" whatever the table does not say.
 */
static size_t told_by_events(const tables *t, const pacta_finding *f)
{
    size_t i = 0;
    while (i < f->narrative.count && i < f->events.count && i < f->reasons.count) {
        const char *sentence = f->narrative.items[i];
        size_t at = find_key(&t->events, f->events.items[i]);
        if (!same(f->reasons.items[i], sentence) || at == t->events.count ||
            !same(t->acts.items[at], sentence))
            break;
        i++;
    }
    return i;
}

static void collect(tables *t, const pacta_finding *f, unsigned flags)
{
    for (size_t i = 0; i < f->citation_count; i++) {
        const char *key = citation_key(t, &f->citations[i]);
        if (key && find_key(&t->keys, key) == t->keys.count) {
            push(t, &t->keys, key);
            push(t, &t->sources, &f->citations[i]);
        }
    }
    if (f->provision_text) {
        const char *key = provision_key(t, f->instrument, f->provision);
        size_t k = 0;
        while (key && k < t->provisions.count) {
            const pacta_finding *g = t->provisions.items[k];
            if (same(g->instrument, f->instrument) && same(g->provision, f->provision))
                break;
            k++;
        }
        if (key && k == t->provisions.count)
            push(t, &t->provisions, f);
    }
    if (flags & PACTA_RENDER_EXPLAIN)
        for (size_t i = 0; i < f->fact_count; i++)
            if (find_fact(t, &f->facts[i]) == t->facts.count)
                push(t, &t->facts, &f->facts[i]);
    for (size_t i = 0; i < f->narrative.count && i < f->events.count; i++)
        if (find_key(&t->events, f->events.items[i]) == t->events.count) {
            push(t, &t->events, f->events.items[i]);
            push(t, &t->acts, f->narrative.items[i]);
        }
}

static void render_sources(writer *w, int *members, const tables *t, const pacta_rulebase *rb,
                           unsigned flags)
{
    json_key(w, members, "sources");
    writer_char(w, '{');
    for (size_t i = 0; i < t->keys.count; i++) {
        if (i)
            writer_char(w, ',');
        writer_json_string(w, t->keys.items[i]);
        writer_char(w, ':');
        render_citation(w, t->sources.items[i], rb, flags);
    }
    writer_char(w, '}');
}

static void render_provisions(writer *w, int *members, tables *t)
{
    json_key(w, members, "provisions");
    writer_char(w, '{');
    for (size_t i = 0; i < t->provisions.count; i++) {
        const pacta_finding *f = t->provisions.items[i];
        int n = 0;
        if (i)
            writer_char(w, ',');
        writer_json_string(w, provision_key(t, f->instrument, f->provision));
        writer_bytes(w, ":{", 2);
        json_member_opt(w, &n, "label", f->provision_label);
        json_member_string(w, &n, "text", f->provision_text);
        writer_char(w, '}');
    }
    writer_char(w, '}');
}

static void render_event_table(writer *w, int *members, const tables *t)
{
    json_key(w, members, "events");
    writer_char(w, '{');
    for (size_t i = 0; i < t->events.count; i++) {
        if (i)
            writer_char(w, ',');
        writer_json_string(w, t->events.items[i]);
        writer_char(w, ':');
        writer_json_string(w, t->acts.items[i]);
    }
    writer_char(w, '}');
}

static void render_fact_table(writer *w, int *members, const tables *t)
{
    json_key(w, members, "facts");
    writer_char(w, '[');
    for (size_t i = 0; i < t->facts.count; i++) {
        if (i)
            writer_char(w, ',');
        json_fact(w, t->facts.items[i], 1);
    }
    writer_char(w, ']');
}

static void render_citation_ids(writer *w, int *members, tables *t, const pacta_finding *f)
{
    json_key(w, members, "citations");
    writer_char(w, '[');
    for (size_t i = 0; i < f->citation_count; i++) {
        if (i)
            writer_char(w, ',');
        writer_json_string(w, citation_key(t, &f->citations[i]));
    }
    writer_char(w, ']');
}

/*
 * Where sentence stands in the finding's reasons as written, which leave
 * out the first skip (a step's reasons are some of them); reasons.count
 * for a sentence the reasons as written do not hold.
 */
static size_t reason_index(const pacta_finding *f, size_t skip, const char *sentence)
{
    for (size_t i = 0; i < f->reasons.count; i++)
        if (f->reasons.items[i] == sentence)
            return i < skip ? f->reasons.count : i - skip;
    for (size_t i = skip; i < f->reasons.count; i++)
        if (strcmp(f->reasons.items[i], sentence) == 0)
            return i - skip;
    return f->reasons.count;
}

static void render_indexed_steps(writer *w, int *members, const tables *t, const pacta_finding *f,
                                 size_t skip)
{
    json_key(w, members, "steps");
    writer_char(w, '[');
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        int n = 0, k0 = 1;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_step_head(w, &n, s);
        json_key(w, &n, "facts");
        writer_char(w, '[');
        for (size_t k = 0; k < s->fact_count; k++)
            if (s->facts[k] < f->fact_count)
                writer_printf(w, k ? ",%zu" : "%zu", find_fact(t, &f->facts[s->facts[k]]));
        writer_char(w, ']');
        json_key(w, &n, "reasons");
        writer_char(w, '[');
        for (size_t k = 0; k < s->reasons.count; k++) {
            size_t at = reason_index(f, skip, s->reasons.items[k]);
            if (at < f->reasons.count) {
                writer_printf(w, k0 ? "%zu" : ",%zu", at);
                k0 = 0;
            }
        }
        writer_bytes(w, "]}", 2);
    }
    writer_char(w, ']');
    json_key(w, members, "facts");
    writer_char(w, '[');
    for (size_t i = 0; i < f->fact_count; i++)
        writer_printf(w, i ? ",%zu" : "%zu", find_fact(t, &f->facts[i]));
    writer_char(w, ']');
}

static void render_finding_v2(writer *w, tables *t, const pacta_finding *f, unsigned flags)
{
    int n = 0;
    size_t skip = told_by_events(t, f);
    writer_char(w, '{');
    contract_members(w, &n, f, skip);
    render_citation_ids(w, &n, t, f);
    /* The provision's label is in "provisions": said again only in the
     * analysis that --explain asks for. The events' sentences are in "events". */
    if (flags & PACTA_RENDER_EXPLAIN) {
        json_member_opt(w, &n, "provision_label", f->provision_label);
        render_indexed_steps(w, &n, t, f, skip);
    }
    whatif_json_finding(w, &n, f);
    writer_char(w, '}');
}

static void render_summary(writer *w, int *members, const pacta_report *rep)
{
    int n = 0;
    json_key(w, members, "summary");
    writer_char(w, '{');
    for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
        json_member_size(w, &n, pacta_verdict_name((pacta_verdict)v),
                         pacta_report_count(rep, (pacta_verdict)v));
    writer_char(w, '}');
}

/* Format 1: every finding carries its citations, text, steps and facts in full. */
static void render_v1(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "pacta", PACTA_VERSION_STRING);
    if (rb)
        render_rulebase(w, &n, rb);
    render_scenario(w, &n, rep);
    whatif_json_report(w, &n, rep);
    json_key(w, &n, "findings");
    writer_char(w, '[');
    for (size_t i = 0; i < rep->finding_count; i++) {
        if (i)
            writer_char(w, ',');
        render_finding(w, rep->findings[i], rb, flags);
    }
    writer_char(w, ']');
    render_summary(w, &n, rep);
    writer_char(w, '}');
}

/* The summary stays the last member: bench/run.py reads it from the end of each line. */
void render_json(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    if (flags & PACTA_RENDER_JSON_V1) {
        render_v1(w, rep, rb, flags);
        return;
    }
    tables t = {.ar = arena_new(w->alloc)};
    if (!t.ar) {
        w->status = PACTA_ENOMEM;
        return;
    }
    for (size_t i = 0; i < rep->finding_count; i++)
        collect(&t, rep->findings[i], flags);
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "pacta", PACTA_VERSION_STRING);
    json_key(w, &n, "format");
    writer_printf(w, "%d", JSON_FORMAT_VERSION);
    if (rb)
        render_rulebase(w, &n, rb);
    render_scenario(w, &n, rep);
    whatif_json_report(w, &n, rep);
    render_sources(w, &n, &t, rb, flags);
    render_provisions(w, &n, &t);
    if (flags & PACTA_RENDER_EXPLAIN)
        render_fact_table(w, &n, &t);
    render_event_table(w, &n, &t);
    json_key(w, &n, "findings");
    writer_char(w, '[');
    for (size_t i = 0; i < rep->finding_count; i++) {
        if (i)
            writer_char(w, ',');
        render_finding_v2(w, &t, rep->findings[i], flags);
    }
    writer_char(w, ']');
    render_summary(w, &n, rep);
    writer_char(w, '}');
    if (t.oom && w->status == PACTA_OK)
        w->status = PACTA_ENOMEM;
    arena_free(t.ar);
}
