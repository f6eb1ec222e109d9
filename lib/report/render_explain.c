/*
 * render_explain.c: a report as numbered legal analyses, for people who
 * must check the reasoning (`pacta check --explain`). Each finding is set
 * out in the order lawyers are taught, IRAC:
 *
 *   Issue        what the actor did, and the question it raises;
 *   Rule         the provision's words and citation, when it binds, and
 *                the elements, exceptions and considerations it weighs;
 *   Application  numbered paragraphs: whether the actor was bound (consent,
 *                the clause that sets entry into force, reservations,
 *                denunciation), then each element, exception and
 *                consideration with the facts that establish, negate or
 *                leave it open and where each fact came from;
 *   Conclusion   the verdict, caveats, and the facts that would decide an
 *                undetermined finding.
 *
 * The sentences come from explain.c; this file lays them out as wrapped
 * text (writer.h's text_item), every string passing writer_text().
 */
#include <stdio.h>
#include <string.h>

#include "report/audit.h"
#include "report/explain.h"
#include "report/render.h"
#include "report/render_whatif.h"

#define EM_DASH "\xE2\x80\x94"
#define ARROW "\xE2\x86\x92"

static void header(writer *w, const pacta_report *rep, const pacta_rulebase *rb)
{
    const char *title = rep->scenario_title;
    text_item(w, 0, "", title && *title ? title : rep->scenario_name);
    text_item(w, 2, "file: ", rep->scenario_name);
    if (rb)
        writer_printf(w, "  rulebase: %zu files, sha256 %s\n", pacta_rulebase_file_count(rb),
                      pacta_rulebase_digest(rb));
    writer_str(w, "  pacta " PACTA_VERSION_STRING ", analysis in IRAC order (Issue, Rule, "
                  "Application, Conclusion)\n");
}

/* "1. VIOLATION  Refugee Convention art. 33(1) — CN, e1 → e2 (2023-10-09)" */
static void title(writer *w, size_t number, const pacta_finding *f)
{
    phrase p;
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%zu. ", number);
    phrase_clear(&p);
    phrase_add(&p, "%s %s " EM_DASH " %s", explain_verdict_tag(f->verdict), f->provision_label,
               f->actor);
    for (size_t i = 0; i < f->events.count; i++)
        phrase_add(&p, "%s%s", i ? " " ARROW " " : ", ", f->events.items[i]);
    phrase_add(&p, " (%s)", f->date);
    writer_char(w, '\n');
    text_item(w, 0, prefix, p.buf);
    text_item(w, 3, "rule: ", f->rule);
}

static void issue(writer *w, const pacta_finding *f)
{
    phrase p;
    phrase_clear(&p);
    explain_question(&p, f);
    text_item(w, 3, "Issue", "");
    text_item(w, 5, "", p.buf);
    for (size_t i = 0; i < f->narrative.count; i++)
        text_item(w, 7, "- ", f->narrative.items[i]);
}

/* The weighed steps, lettered in rule order (explain_rule_step). */
static void rule_steps(writer *w, const pacta_finding *f, const rule_def *rule)
{
    phrase name, p;
    const char *label;
    for (size_t k = 0; explain_rule_step(&name, &label, f, rule, k); k++) {
        phrase_clear(&p);
        phrase_add(&p, "%s: %s", name.buf, label ? label : "");
        text_item(w, 7, "", p.buf);
    }
}

static void citation_line(writer *w, const rp_citation *c, const pacta_rulebase *rb, unsigned flags)
{
    char styled[1024];
    phrase p;
    phrase_clear(&p);
    const char *formatted = render_cite(c, rb, flags, styled, sizeof styled);
    const char *short_cite = formatted ? NULL : render_short_cite(c);
    if (formatted)
        phrase_add(&p, "%s", formatted);
    else
        phrase_add(&p, "%s%s%s", c->label, short_cite ? "; " : "", short_cite ? short_cite : "");
    if (c->url)
        phrase_add(&p, "; %s", c->url);
    text_item(w, 7, "- ", p.buf);
}

static void rule_section(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                         unsigned flags)
{
    const rule_def *rule = rb ? rb_rule(rb, f->rule) : NULL;
    phrase p;
    text_item(w, 3, "Rule", "");
    phrase_clear(&p);
    phrase_add(&p, "%s", f->provision_label);
    if (f->provision_text)
        phrase_add(&p, ": \"%s\"", f->provision_text);
    text_item(w, 5, "", p.buf);
    if (f->rule_title) {
        phrase_clear(&p);
        phrase_add(&p, "The rule weighed: %s.", f->rule_title);
        text_item(w, 5, "", p.buf);
    }
    if (f->basis) {
        phrase_clear(&p);
        phrase_add(&p, "Its basis: %s law.", f->basis);
        text_item(w, 5, "", p.buf);
    }
    phrase_clear(&p);
    explain_rule_terms(&p, f, rule, rb);
    text_item(w, 5, "", p.buf);
    rule_steps(w, f, rule);
    if (f->citation_count > 0) {
        text_item(w, 5, "Sources of the rule:", "");
        for (size_t i = 0; i < f->citation_count; i++)
            citation_line(w, &f->citations[i], rb, flags);
    }
}

static void step_paragraph(writer *w, const pacta_finding *f, const rp_step *s, size_t number,
                           char letter)
{
    phrase p;
    char prefix[32];
    snprintf(prefix, sizeof prefix, "%zu. ", number);
    phrase_clear(&p);
    explain_step_name(&p, s, letter);
    phrase_add(&p, ": %s", explain_outcome(s, f->verdict));
    text_item(w, 5, prefix, p.buf);
    size_t indent = 5 + strlen(prefix);
    if (s->kind == PACTA_STEP_BINDING) {
        for (size_t k = 0; k < s->reasons.count; k++)
            text_item(w, indent, "", s->reasons.items[k]);
        phrase_clear(&p);
        explain_binding_summary(&p, f);
        if (p.len)
            text_item(w, indent, "", p.buf);
        /* the facts a declaration's test read, where the party made one */
        for (size_t k = 0; k < s->fact_count; k++) {
            if (s->facts[k] >= f->fact_count)
                continue;
            phrase_clear(&p);
            explain_fact(&p, &f->facts[s->facts[k]]);
            text_item(w, indent + 2, "- ", p.buf);
        }
        return;
    }
    if (s->label) {
        phrase_clear(&p);
        phrase_add(&p, "What must be shown: %s.", s->label);
        text_item(w, indent, "", p.buf);
    }
    if (s->fact_count == 0) {
        text_item(w, indent, "", "No fact is needed: the test is decided by the scenario's "
                                 "structure (the events between the steps of the sequence).");
        return;
    }
    phrase_clear(&p);
    phrase_add(&p, "%s:", explain_fact_relation(s));
    text_item(w, indent, "", p.buf);
    for (size_t k = 0; k < s->fact_count; k++) {
        if (s->facts[k] >= f->fact_count)
            continue;
        phrase_clear(&p);
        explain_fact(&p, &f->facts[s->facts[k]]);
        text_item(w, indent + 2, "- ", p.buf);
    }
}

static void application(writer *w, const pacta_finding *f)
{
    size_t number = 0, letter = 0;
    text_item(w, 3, "Application", "");
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        step_paragraph(w, f, s, ++number,
                       s->kind == PACTA_STEP_BINDING ? ' ' : explain_letter(letter++));
    }
    for (size_t i = 0; i < f->reasons.count; i++) {
        if (explain_reason_told(f, i))
            continue;
        char prefix[32];
        snprintf(prefix, sizeof prefix, "%zu. ", ++number);
        text_item(w, 5, prefix, f->reasons.items[i]);
    }
}

static void conclusion(writer *w, const pacta_finding *f)
{
    phrase p;
    phrase_clear(&p);
    phrase_add(&p, "%s.", explain_verdict_word(f->verdict));
    if (explain_conclusion_rest(f))
        phrase_add(&p, " %s", explain_conclusion_rest(f));
    text_item(w, 3, "Conclusion", "");
    text_item(w, 5, "", p.buf);
    for (size_t i = 0; i < f->caveats.count; i++)
        text_item(w, 5, "Caveat: ", f->caveats.items[i]);
    if (f->missing.count > 0) {
        phrase_clear(&p);
        for (size_t i = 0; i < f->missing.count; i++)
            phrase_add(&p, "%s%s", i ? ", " : "", f->missing.items[i]);
        text_item(w, 5, "The facts that would decide it: ", p.buf);
    }
    whatif_text_counterfactuals(w, 5, f);
}

void render_explain(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    size_t shown = 0;
    header(w, rep, rb);
    whatif_text_assumptions(w, rep);
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        if (!render_text_shows(f, flags))
            continue;
        title(w, ++shown, f);
        whatif_text_changed(w, 3, f);
        issue(w, f);
        rule_section(w, f, rb, flags);
        application(w, f);
        conclusion(w, f);
    }
    render_text_summary(w, rep, flags, shown);
}
