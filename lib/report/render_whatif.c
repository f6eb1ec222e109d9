/*
 * render_whatif.c: the what-if parts of a report, for the renderers that
 * show them (text, the --explain analysis, JSON): the assumptions under the
 * header, the "changed: BEFORE -> AFTER" mark of a finding, its "What would
 * change it" section, and their JSON members. Each piece writes nothing when
 * the report carries no what-if data, so the renderers call them
 * unconditionally.
 */
#include <string.h>

#include "report/audit.h"
#include "report/explain.h"
#include "report/render_whatif.h"

#define ARROW_TEXT " -> "

/* ------------------------------------------------------------ text */

int whatif_changed(const pacta_finding *f)
{
    return pacta_finding_baseline(f).changed;
}

void whatif_text_assumptions(writer *w, const pacta_report *rep)
{
    size_t n = pacta_report_assumption_count(rep);
    phrase p;
    if (n == 0)
        return;
    phrase_clear(&p);
    for (size_t i = 0; i < n; i++) {
        pacta_change_view a = pacta_report_assumption(rep, i);
        phrase_add(&p, "%s%s=%s", i ? ", " : "", a.fact, a.value);
    }
    text_item(w, 2, "assuming: ", p.buf);
}

void whatif_text_changed(writer *w, size_t indent, const pacta_finding *f)
{
    pacta_baseline_view b = pacta_finding_baseline(f);
    phrase p;
    if (!b.changed)
        return;
    phrase_clear(&p);
    phrase_add(&p, "%s" ARROW_TEXT "%s (by the assumptions)",
               b.found ? pacta_verdict_name(b.verdict) : "no finding",
               pacta_verdict_name(pacta_finding_verdict(f)));
    text_item(w, indent, "changed: ", p.buf);
}

/* " (exception danger-to-security, art. 33(2): true)" */
static void turned_steps(phrase *p, const pacta_counterfactual_view *c)
{
    for (size_t i = 0; i < c->step_count; i++) {
        const pacta_turned_step_view *s = &c->steps[i];
        phrase_add(p, "%s%s", i ? "; " : " (", pacta_step_kind_name(s->kind));
        if (s->kind != PACTA_STEP_BINDING)
            phrase_add(p, " %s", s->id);
        if (s->provision)
            phrase_add(p, ", %s", s->provision);
        phrase_add(p, ": %s", pacta_truth_name(s->value));
    }
    if (c->step_count)
        phrase_add(p, ")");
}

static void changes(phrase *p, const pacta_counterfactual_view *c, const char *verb)
{
    for (size_t i = 0; i < c->change_count; i++)
        phrase_add(p, "%s%s %s %s", i ? " and " : "if ", c->changes[i].fact, verb,
                   c->changes[i].value);
}

int whatif_searched(const pacta_finding *f)
{
    return f && f->whatif && f->whatif->searched;
}

size_t whatif_counterfactual_line(const pacta_finding *f, size_t i, phrase *p)
{
    size_t n = pacta_finding_counterfactual_count(f);
    const char *verb = pacta_finding_verdict(f) == PACTA_UNDETERMINED ? "is" : "were";
    pacta_counterfactual_view c = pacta_finding_counterfactual(f, i);
    phrase_clear(p);
    changes(p, &c, verb);
    phrase_add(p, ": %s", pacta_verdict_name(c.verdict));
    turned_steps(p, &c);
    /* a fact set alone is listed for each of its values: one line per fact */
    while (c.single && i + 1 < n) {
        pacta_counterfactual_view next = pacta_finding_counterfactual(f, i + 1);
        if (!next.single || next.change_count != 1 ||
            strcmp(next.changes[0].fact, c.changes[0].fact) != 0)
            break;
        phrase_add(p, "; if %s: %s", next.changes[0].value, pacta_verdict_name(next.verdict));
        turned_steps(p, &next);
        i++;
    }
    return i + 1;
}

const char *whatif_counterfactual_note(const pacta_finding *f)
{
    if (!whatif_searched(f))
        return NULL;
    if (f->whatif->truncated)
        return "the search stopped at its budget: larger sets of changes were not examined";
    if (pacta_finding_counterfactual_count(f) > 0)
        return NULL;
    return pacta_finding_verdict(f) == PACTA_UNDETERMINED
               ? "no value of the missing facts decides it"
               : "no change of one or two of the facts it used defeats it";
}

void whatif_text_counterfactuals(writer *w, size_t indent, const pacta_finding *f)
{
    if (!whatif_searched(f))
        return;
    text_item(w, indent, "What would change it:", "");
    phrase p;
    for (size_t i = 0, n = pacta_finding_counterfactual_count(f); i < n;) {
        i = whatif_counterfactual_line(f, i, &p);
        text_item(w, indent + 2, "- ", p.buf);
    }
    const char *note = whatif_counterfactual_note(f);
    if (note)
        text_item(w, indent + 2, "- ", note);
}

void whatif_text_summary(writer *w, const pacta_report *rep)
{
    size_t changed = pacta_report_changed_count(rep), dropped = pacta_report_dropped_count(rep);
    if (pacta_report_assumption_count(rep) == 0)
        return;
    writer_printf(w, "%zu verdict%s changed by the assumptions\n", changed,
                  changed == 1 ? "" : "s");
    for (size_t i = 0; i < dropped; i++)
        text_item(w, 2, "no longer found: ", pacta_report_dropped(rep, i));
}

/* ------------------------------------------------------------ JSON */

static void json_change(writer *w, const pacta_change_view *c)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "fact", c->fact);
    json_member_string(w, &n, "value", c->value);
    writer_char(w, '}');
}

void whatif_json_report(writer *w, int *members, const pacta_report *rep)
{
    size_t n = pacta_report_assumption_count(rep);
    if (n == 0)
        return;
    json_key(w, members, "assumptions");
    writer_char(w, '[');
    for (size_t i = 0; i < n; i++) {
        pacta_change_view a = pacta_report_assumption(rep, i);
        if (i)
            writer_char(w, ',');
        json_change(w, &a);
    }
    writer_char(w, ']');
    json_member_size(w, members, "changed", pacta_report_changed_count(rep));
    json_member_strings(w, members, "dropped", rep->whatif->dropped.count,
                        rep->whatif->dropped.items);
}

static void json_counterfactual(writer *w, const pacta_counterfactual_view *c)
{
    int n = 0;
    writer_char(w, '{');
    json_key(w, &n, "changes");
    writer_char(w, '[');
    for (size_t i = 0; i < c->change_count; i++) {
        if (i)
            writer_char(w, ',');
        json_change(w, &c->changes[i]);
    }
    writer_char(w, ']');
    json_member_string(w, &n, "verdict", pacta_verdict_name(c->verdict));
    json_key(w, &n, "steps");
    writer_char(w, '[');
    for (size_t i = 0; i < c->step_count; i++) {
        const pacta_turned_step_view *s = &c->steps[i];
        int m = 0;
        writer_str(w, i ? ",{" : "{");
        json_member_string(w, &m, "kind", pacta_step_kind_name(s->kind));
        json_member_string(w, &m, "id", s->id);
        json_member_opt(w, &m, "provision", s->provision);
        json_member_string(w, &m, "value", pacta_truth_name(s->value));
        writer_char(w, '}');
    }
    writer_char(w, ']');
    json_member_bool(w, &n, "single", c->single);
    writer_char(w, '}');
}

void whatif_json_finding(writer *w, int *members, const pacta_finding *f)
{
    const rp_whatif *wi = f ? f->whatif : NULL;
    pacta_baseline_view b = pacta_finding_baseline(f);
    if (!wi)
        return;
    if (b.assumed) {
        json_key(w, members, "baseline_verdict");
        if (b.found)
            writer_json_string(w, pacta_verdict_name(b.verdict));
        else
            writer_str(w, "null");
        json_member_bool(w, members, "changed", b.changed);
    }
    if (!wi->searched)
        return;
    json_key(w, members, "counterfactuals");
    writer_char(w, '[');
    for (size_t i = 0; i < pacta_finding_counterfactual_count(f); i++) {
        pacta_counterfactual_view c = pacta_finding_counterfactual(f, i);
        if (i)
            writer_char(w, ',');
        json_counterfactual(w, &c);
    }
    writer_char(w, ']');
    if (wi->truncated)
        json_member_bool(w, members, "counterfactuals_truncated", 1);
}
