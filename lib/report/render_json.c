/*
 * render_json.c: a report as one JSON object, the public contract of
 * docs/findings.md ("--format json").
 *
 * The object is written on one line (", " and ": " as separators) so that
 * several reports make valid JSON Lines. Members the contract requires are
 * always present (null only if the model lacks the value, which the
 * evaluator never does); optional members are omitted rather than null.
 * Members beyond the contract (provision_label, provision_text, narrative,
 * steps, facts, the scenario's actors, a citation's "formatted" text under a
 * citation style) are extensions a consumer may ignore. The steps carry the
 * whole analysis, so that a program can render it its own way: each step's
 * kind (its role), id, label, provision and its label, value, the facts it
 * used (indexes into "facts", each with its provenance) and the sentences
 * of the reasons it accounts for (for the binding step: consent, entry into
 * force and its clause, reservations, denunciation).
 */
#include <string.h>

#include "report/render.h"

#include "report/audit.h"
#include "report/citation.h"
#include "report/render_whatif.h"

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

static void render_citations(writer *w, int *members, const pacta_finding *f,
                             const pacta_rulebase *rb, unsigned flags)
{
    char formatted[1024];
    json_key(w, members, "citations");
    writer_char(w, '[');
    for (size_t i = 0; i < f->citation_count; i++) {
        const rp_citation *c = &f->citations[i];
        int n = 0;
        writer_bytes(w, i ? ", {" : "{", i ? 3 : 1);
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
    writer_char(w, ']');
}

static void render_steps(writer *w, int *members, const pacta_finding *f)
{
    json_key(w, members, "steps");
    writer_char(w, '[');
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        int n = 0;
        writer_bytes(w, i ? ", {" : "{", i ? 3 : 1);
        json_step_head(w, &n, s);
        json_key(w, &n, "facts");
        writer_char(w, '[');
        for (size_t k = 0; k < s->fact_count; k++)
            writer_printf(w, k ? ", %zu" : "%zu", s->facts[k]);
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
            writer_bytes(w, ", ", 2);
        json_fact(w, &f->facts[i], 1);
    }
    writer_char(w, ']');
}

static void render_finding(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                           unsigned flags)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "rule", f->rule);
    json_member_string(w, &n, "verdict", pacta_verdict_name(f->verdict));
    json_member_string(w, &n, "actor", f->actor);
    json_member_strings(w, &n, "events", f->events.count, f->events.items);
    json_member_string(w, &n, "date", f->date);
    json_member_string(w, &n, "instrument", f->instrument);
    json_member_string(w, &n, "provision", f->provision);
    json_member_string(w, &n, "basis", f->basis);
    render_binding(w, &n, f);
    json_member_strings(w, &n, "reasons", f->reasons.count, f->reasons.items);
    json_member_strings(w, &n, "missing", f->missing.count, f->missing.items);
    json_member_strings(w, &n, "caveats", f->caveats.count, f->caveats.items);
    render_citations(w, &n, f, rb, flags);
    json_member_opt(w, &n, "provision_label", f->provision_label);
    json_member_opt(w, &n, "provision_text", f->provision_text);
    member_opt_strings(w, &n, "narrative", &f->narrative);
    render_steps(w, &n, f);
    render_facts(w, &n, f);
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

void render_json(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
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
            writer_bytes(w, ", ", 2);
        render_finding(w, rep->findings[i], rb, flags);
    }
    writer_char(w, ']');
    render_summary(w, &n, rep);
    writer_char(w, '}');
}
