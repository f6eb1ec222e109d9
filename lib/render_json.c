/*
 * render_json.c: a report as one JSON object, the public contract of
 * /work/shared/spec/findings.md ("--format json").
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

#include "render.h"

#include "citation.h"
#include "whatif.h"

/* Writes the separator and the key of the next member of an object. */
static void key(writer *w, int *members, const char *name)
{
    if ((*members)++)
        writer_bytes(w, ", ", 2);
    writer_json_string(w, name);
    writer_bytes(w, ": ", 2);
}

static void member_string(writer *w, int *members, const char *name, const char *value)
{
    key(w, members, name);
    writer_json_string(w, value);
}

/* Omitted when value is NULL. */
static void member_opt_string(writer *w, int *members, const char *name, const char *value)
{
    if (value)
        member_string(w, members, name, value);
}

static void member_size(writer *w, int *members, const char *name, size_t value)
{
    key(w, members, name);
    writer_printf(w, "%zu", value);
}

static void member_strings(writer *w, int *members, const char *name, const rp_strings *s)
{
    key(w, members, name);
    writer_char(w, '[');
    for (size_t i = 0; i < s->count; i++) {
        if (i)
            writer_bytes(w, ", ", 2);
        writer_json_string(w, s->items[i]);
    }
    writer_char(w, ']');
}

/* Omitted when empty: the extensions that a report built elsewhere may lack. */
static void member_opt_strings(writer *w, int *members, const char *name, const rp_strings *s)
{
    if (s->count > 0)
        member_strings(w, members, name, s);
}

static void render_rulebase(writer *w, int *members, const pacta_rulebase *rb)
{
    int n = 0;
    key(w, members, "rulebase");
    writer_char(w, '{');
    member_string(w, &n, "pacta", PACTA_VERSION_STRING);
    key(w, &n, "format");
    writer_printf(w, "%d", RULES_FORMAT_VERSION);
    member_string(w, &n, "sha256", pacta_rulebase_digest(rb));
    member_size(w, &n, "files", pacta_rulebase_file_count(rb));
    writer_char(w, '}');
}

static void render_scenario(writer *w, int *members, const pacta_report *rep)
{
    int n = 0;
    key(w, members, "scenario");
    writer_char(w, '{');
    member_string(w, &n, "file", rep->scenario_name);
    member_opt_string(w, &n, "title", rep->scenario_title);
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
    const pacta_binding_view *b = &f->binding;
    int n = 0;
    if (!has_binding(f))
        return;
    key(w, members, "binding");
    writer_char(w, '{');
    member_opt_string(w, &n, "consent", b->consent);
    member_opt_string(w, &n, "consent_type", b->consent_type);
    member_opt_string(w, &n, "in_force", b->in_force);
    member_opt_string(w, &n, "clause", b->clause);
    member_opt_string(w, &n, "via", b->via);
    writer_char(w, '}');
}

static void render_citations(writer *w, int *members, const pacta_finding *f,
                             const pacta_rulebase *rb, unsigned flags)
{
    char formatted[1024];
    key(w, members, "citations");
    writer_char(w, '[');
    for (size_t i = 0; i < f->citation_count; i++) {
        const rp_citation *c = &f->citations[i];
        int n = 0;
        writer_bytes(w, i ? ", {" : "{", i ? 3 : 1);
        member_opt_string(w, &n, "instrument", c->instrument);
        member_opt_string(w, &n, "provision", c->provision);
        member_opt_string(w, &n, "label", c->label);
        member_opt_string(w, &n, "source", c->source);
        member_opt_string(w, &n, "url", c->url);
        if (citation_style(flags) != PACTA_CITE_LABEL) {
            const char *text = render_cite(c, rb, flags, formatted, sizeof formatted);
            member_string(w, &n, "formatted", text ? text : c->label);
        }
        writer_char(w, '}');
    }
    writer_char(w, ']');
}

static void render_steps(writer *w, int *members, const pacta_finding *f)
{
    key(w, members, "steps");
    writer_char(w, '[');
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        int n = 0;
        writer_bytes(w, i ? ", {" : "{", i ? 3 : 1);
        member_string(w, &n, "kind", pacta_step_kind_name(s->kind));
        member_opt_string(w, &n, "id", s->id);
        member_opt_string(w, &n, "label", s->label);
        member_opt_string(w, &n, "provision", s->provision);
        member_opt_string(w, &n, "provision_label", s->provision_label);
        member_string(w, &n, "value", pacta_truth_name(s->value));
        key(w, &n, "facts");
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
    key(w, members, "facts");
    writer_char(w, '[');
    for (size_t i = 0; i < f->fact_count; i++) {
        const rp_fact *x = &f->facts[i];
        int n = 0;
        writer_bytes(w, i ? ", {" : "{", i ? 3 : 1);
        member_string(w, &n, "ref", x->ref);
        member_string(w, &n, "value", pacta_truth_name(x->value));
        member_string(w, &n, "from", pacta_provenance_name(x->from));
        member_opt_string(w, &n, "detail", x->detail);
        member_opt_string(w, &n, "source", x->source);
        member_opt_string(w, &n, "text", x->text);
        if (x->from == PACTA_FROM_TEXT) {
            key(w, &n, "span");
            writer_printf(w, "[%zu, %zu]", x->span_start, x->span_end);
        }
        writer_char(w, '}');
    }
    writer_char(w, ']');
}

static void render_finding(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                           unsigned flags)
{
    int n = 0;
    writer_char(w, '{');
    member_string(w, &n, "rule", f->rule);
    member_string(w, &n, "verdict", pacta_verdict_name(f->verdict));
    member_string(w, &n, "actor", f->actor);
    member_strings(w, &n, "events", &f->events);
    member_string(w, &n, "date", f->date);
    member_string(w, &n, "instrument", f->instrument);
    member_string(w, &n, "provision", f->provision);
    member_string(w, &n, "basis", f->basis);
    render_binding(w, &n, f);
    member_strings(w, &n, "reasons", &f->reasons);
    member_strings(w, &n, "missing", &f->missing);
    member_strings(w, &n, "caveats", &f->caveats);
    render_citations(w, &n, f, rb, flags);
    member_opt_string(w, &n, "provision_label", f->provision_label);
    member_opt_string(w, &n, "provision_text", f->provision_text);
    member_opt_strings(w, &n, "narrative", &f->narrative);
    render_steps(w, &n, f);
    render_facts(w, &n, f);
    whatif_json_finding(w, &n, f);
    writer_char(w, '}');
}

static void render_summary(writer *w, int *members, const pacta_report *rep)
{
    int n = 0;
    key(w, members, "summary");
    writer_char(w, '{');
    for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
        member_size(w, &n, pacta_verdict_name((pacta_verdict)v),
                    pacta_report_count(rep, (pacta_verdict)v));
    writer_char(w, '}');
}

void render_json(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    int n = 0;
    writer_char(w, '{');
    member_string(w, &n, "pacta", PACTA_VERSION_STRING);
    if (rb)
        render_rulebase(w, &n, rb);
    render_scenario(w, &n, rep);
    whatif_json_report(w, &n, rep);
    key(w, &n, "findings");
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
