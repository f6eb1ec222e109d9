/*
 * render_html.c: a report as one self-contained web page (`--format html`),
 * to open in a browser, project, print or send:
 *
 *   the summary table, one row per finding (event, actor, act, date,
 *   instrument, verdict), each row linking to its finding;
 *   per finding, the short answer (rule, binding, the facts that decided
 *   it, the exceptions weighed, what is missing, the citation), and its
 *   full IRAC analysis (explain.c's sentences) folded in a <details>;
 *   per acting state, an SVG timeline of when each instrument bound it and
 *   where the events fall (timeline_svg.c).
 *
 * Self-contained: the stylesheet is inline, the pictures are inline SVG, and
 * the page loads nothing; the one script opens the folded analyses before
 * printing. Links go only to the URLs the rules carry, and only http(s)
 * ones. Every string from a scenario or the rules passes writer_html().
 * The summary rows carry data-* attributes (rule, verdict, actor, events,
 * date, instrument, provision) so that a program can read the page back.
 */
#include <stdio.h>
#include <string.h>

#include "report/explain.h"
#include "report/render.h"
#include "report/render_whatif.h"
#include "report/timeline_svg.h"
#include "model/rulebase.h"

#define EM_DASH "\xE2\x80\x94"
#define ARROW " \xE2\x86\x92 "

static const char STYLE[] =
    ":root{--ink:#1a202c;--muted:#5a6472;--line:#d5dbe3;--bg:#fff;--soft:#f3f5f8;"
    "--violation:#b91c1c;--no_violation:#15803d;--undetermined:#a16207;--not_applicable:#5a6472}"
    "*{box-sizing:border-box}"
    "body{margin:0;background:var(--bg);color:var(--ink);"
    "font:16px/1.5 Georgia,'Times New Roman',serif}"
    "main{max-width:60rem;margin:0 auto;padding:1.5rem 1rem 3rem}"
    "h1,h2,h3,h4,summary,th,.verdict,.meta,figcaption{font-family:Helvetica,Arial,sans-serif}"
    "h1{font-size:1.6rem;line-height:1.25;margin:0 0 .4rem}"
    "h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:1px solid var(--line)}"
    "h3{font-size:1.05rem;margin:0 0 .5rem}"
    "h4{font-size:.95rem;margin:1rem 0 .3rem}"
    ".meta{color:var(--muted);font-size:.85rem;margin:0}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem}"
    "th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid "
    "var(--line)}"
    "th{background:var(--soft);font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}"
    "td.num{text-align:right}"
    ".verdict{font-weight:bold;white-space:nowrap}"
    ".v-violation{color:var(--violation)}.v-no_violation{color:var(--no_violation)}"
    ".v-undetermined{color:var(--undetermined)}.v-not_applicable{color:var(--not_applicable)}"
    "article{border:1px solid var(--line);border-left:5px solid var(--line);border-radius:4px;"
    "padding:.8rem 1rem;margin:1rem 0;break-inside:avoid-page}"
    "article.f-violation{border-left-color:var(--violation)}"
    "article.f-no_violation{border-left-color:var(--no_violation)}"
    "article.f-undetermined{border-left-color:var(--undetermined)}"
    "dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem .8rem;margin:.4rem 0}"
    "dt{font-weight:bold;font-family:Helvetica,Arial,sans-serif;font-size:.85rem;"
    "padding-top:.15rem}"
    "dd{margin:0}"
    "details{margin-top:.6rem}"
    "summary{cursor:pointer;color:#1d4ed8;font-size:.9rem}"
    "blockquote{margin:.4rem 0;padding:.2rem .8rem;border-left:3px solid var(--line);"
    "color:#2d3748}"
    "a{color:#1d4ed8;overflow-wrap:anywhere}"
    "ol,ul{padding-left:1.4rem}li{margin:.2rem 0}"
    "code{font-size:.85em;overflow-wrap:anywhere}"
    "figure{margin:1rem 0}figcaption{font-size:.85rem;color:var(--muted)}"
    "footer{margin-top:2rem;font-size:.8rem;color:var(--muted)}"
    "@media (max-width:40rem){"
    "body{font-size:15px}main{padding:1rem .6rem 2rem}"
    "table.summary thead{display:none}"
    "table.summary tr{display:block;border:1px solid var(--line);border-radius:4px;"
    "margin:.5rem 0;padding:.3rem}"
    "table.summary td{display:flex;gap:.6rem;border:0;padding:.1rem .3rem}"
    "table.summary td::before{content:attr(data-label);min-width:6.5rem;font-weight:bold;"
    "font-family:Helvetica,Arial,sans-serif;font-size:.8rem;color:var(--muted)}"
    "table.summary td.num{text-align:left}"
    "dl{grid-template-columns:1fr}dt{padding-top:.4rem}}"
    "@media print{body{font-size:11pt}main{max-width:none;padding:0}"
    "a{color:inherit}a[href^=\"http\"]::after{content:\" <\" attr(href) \">\";font-size:.8em}"
    "summary{display:none}details{margin:0}"
    "details::details-content{content-visibility:visible;display:block}"
    "article{border-left-width:3px}h2{break-after:avoid}figure{break-inside:avoid}}";

/* Opens every folded analysis before printing, so that paper shows the reasoning. */
static const char SCRIPT[] =
    "addEventListener('beforeprint',function(){"
    "document.querySelectorAll('details').forEach(function(d){d.open=true})})";

/* ------------------------------------------------------------ pieces */

/* A link when url is an http(s) URL, else nothing: a page links only to what the rules give. */
static int link_open(writer *w, const char *url)
{
    if (!url || (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0))
        return 0;
    writer_str(w, "<a href=\"");
    writer_html(w, url);
    writer_str(w, "\">");
    return 1;
}

static void verdict_span(writer *w, pacta_verdict v)
{
    writer_printf(w, "<span class=\"verdict v-%s\">%s</span>", pacta_verdict_name(v),
                  explain_verdict_word(v));
}

static void joined(writer *w, const rp_strings *s)
{
    for (size_t i = 0; i < s->count; i++) {
        if (i)
            writer_str(w, ARROW);
        writer_html(w, s->items[i]);
    }
}

/* The label of the provision the binding step weighed ("art. 33(1)"), or NULL. */
static const char *provision_label(const pacta_finding *f)
{
    for (size_t i = 0; i < f->step_count; i++)
        if (f->steps[i].kind == PACTA_STEP_BINDING)
            return f->steps[i].provision_label;
    return NULL;
}

/* A citation: the style's text or the label, its short citation, linked to its record. */
static void citation(writer *w, const rp_citation *c, const pacta_rulebase *rb, unsigned flags)
{
    char styled[1024];
    const char *formatted = render_cite(c, rb, flags, styled, sizeof styled);
    int linked = link_open(w, c->url);
    writer_html(w, formatted ? formatted : c->label);
    if (linked)
        writer_str(w, "</a>");
    const char *short_cite = formatted ? NULL : render_short_cite(c);
    if (short_cite) {
        writer_str(w, ", ");
        writer_html(w, short_cite);
    }
}

/* ------------------------------------------------------------ summary */

static void cell(writer *w, const char *label, const char *cls)
{
    writer_printf(w, "<td data-label=\"%s\"%s%s%s>", label, cls ? " class=\"" : "", cls ? cls : "",
                  cls ? "\"" : "");
}

static void summary_row(writer *w, const pacta_finding *f, size_t number)
{
    writer_printf(w, "<tr id=\"row-%zu\" data-rule=\"", number);
    writer_html(w, f->rule);
    writer_printf(w, "\" data-verdict=\"%s\" data-actor=\"", pacta_verdict_name(f->verdict));
    writer_html(w, f->actor);
    writer_str(w, "\" data-events=\"");
    for (size_t i = 0; i < f->events.count; i++) {
        writer_str(w, i ? " " : "");
        writer_html(w, f->events.items[i]);
    }
    writer_str(w, "\" data-date=\"");
    writer_html(w, f->date);
    writer_str(w, "\" data-instrument=\"");
    writer_html(w, f->instrument);
    writer_str(w, "\" data-provision=\"");
    writer_html(w, f->provision);
    writer_str(w, "\">");
    cell(w, "#", "num");
    writer_printf(w, "<a href=\"#finding-%zu\">%zu</a></td>", number, number);
    cell(w, "Event", NULL);
    joined(w, &f->events);
    writer_str(w, "</td>");
    cell(w, "Actor", NULL);
    writer_html(w, f->actor);
    writer_str(w, "</td>");
    cell(w, "Act", NULL);
    joined(w, &f->acts);
    writer_str(w, "</td>");
    cell(w, "Date", NULL);
    writer_html(w, f->date);
    writer_str(w, "</td>");
    cell(w, "Instrument", NULL);
    writer_html(w, f->provision_label);
    writer_str(w, "</td>");
    cell(w, "Verdict", NULL);
    verdict_span(w, f->verdict);
    writer_str(w, "</td></tr>\n");
}

static void summary(writer *w, const pacta_report *rep, unsigned flags)
{
    size_t number = 0;
    writer_str(w, "<section id=\"summary\"><h2>Summary</h2>\n"
                  "<table class=\"summary\"><thead><tr><th>#</th><th>Event</th><th>Actor</th>"
                  "<th>Act</th><th>Date</th><th>Instrument</th><th>Verdict</th></tr></thead>"
                  "<tbody>\n");
    for (size_t i = 0; i < rep->finding_count; i++)
        if (render_text_shows(rep->findings[i], flags))
            summary_row(w, rep->findings[i], ++number);
    writer_str(w, "</tbody></table>\n<p class=\"meta\">");
    if (number == 0)
        writer_str(w, rep->finding_count ? "No findings to show. " : "No findings. ");
    render_verdict_counts(w, rep);
    if (pacta_report_count(rep, PACTA_NOT_APPLICABLE) > 0 && !(flags & PACTA_RENDER_ALL))
        writer_str(w, " (not_applicable findings are not shown; --all shows them)");
    writer_str(w, ".</p></section>\n");
}

/* ------------------------------------------------------------ the short answer */

static void binding_dd(writer *w, const pacta_finding *f)
{
    phrase p;
    phrase_clear(&p);
    explain_binding_short(&p, f);
    writer_str(w, f->verdict == PACTA_NOT_APPLICABLE ? "<dt>Binding</dt><dd>" : "<dt>Bound</dt><dd>");
    writer_html(w, p.buf);
    writer_str(w, "</dd>");
}

/* "torture-risk established (KP.torture_on_return = true; …)" per step of the kind. */
static void steps_dd(writer *w, const pacta_finding *f, pacta_step_kind kind, const char *term)
{
    int any = 0;
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        int facts = 0;
        if (s->kind != kind)
            continue;
        writer_str(w, any++ ? "; " : "<dt>");
        if (any == 1) {
            writer_str(w, term);
            writer_str(w, "</dt><dd>");
        }
        writer_str(w, "<strong>");
        writer_html(w, s->id ? s->id : pacta_step_kind_name(s->kind));
        writer_str(w, "</strong> ");
        writer_str(w, explain_step_word(s));
        for (size_t k = 0; k < s->fact_count; k++) {
            const rp_fact *x;
            if (s->facts[k] >= f->fact_count ||
                (x = &f->facts[s->facts[k]])->value == PACTA_UNKNOWN)
                continue;
            phrase fact;
            phrase_clear(&fact);
            explain_fact_short(&fact, x);
            writer_str(w, facts++ ? "; " : " (");
            writer_html(w, fact.buf);
        }
        if (facts)
            writer_char(w, ')');
    }
    if (any)
        writer_str(w, "</dd>");
}

static void answer(writer *w, const pacta_finding *f, const pacta_rulebase *rb, unsigned flags)
{
    writer_str(w, "<dl><dt>Rule</dt><dd>");
    writer_html(w, f->rule_title ? f->rule_title : f->rule);
    writer_str(w, " (<code>");
    writer_html(w, f->rule);
    writer_str(w, "</code>)</dd>");
    binding_dd(w, f);
    steps_dd(w, f, PACTA_STEP_ELEMENT, "Decided by");
    steps_dd(w, f, PACTA_STEP_EXCEPTION, "Exceptions");
    if (f->missing.count) {
        writer_str(w, "<dt>Missing</dt><dd>");
        for (size_t i = 0; i < f->missing.count; i++) {
            writer_str(w, i ? ", <code>" : "<code>");
            writer_html(w, f->missing.items[i]);
            writer_str(w, "</code>");
        }
        writer_str(w, "</dd>");
    }
    if (f->citation_count) {
        writer_str(w, "<dt>Cite</dt><dd>");
        citation(w, &f->citations[0], rb, flags);
        writer_str(w, "</dd>");
    }
    writer_str(w, "</dl>\n");
}

/* ------------------------------------------------------------ the analysis */

static void issue(writer *w, const pacta_finding *f)
{
    phrase p;
    phrase_clear(&p);
    explain_question(&p, f);
    writer_str(w, "<h4>Issue</h4><p>");
    writer_html(w, p.buf);
    writer_str(w, "</p><ul>");
    for (size_t i = 0; i < f->narrative.count; i++) {
        writer_str(w, "<li>");
        writer_html(w, f->narrative.items[i]);
        writer_str(w, "</li>");
    }
    writer_str(w, "</ul>\n");
}

static void rule_section(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                         unsigned flags)
{
    const rule_def *rule = rb ? rb_rule(rb, f->rule) : NULL;
    phrase name, p;
    const char *label;
    writer_str(w, "<h4>Rule</h4><p>");
    writer_html(w, f->provision_label);
    writer_str(w, f->provision_text ? ":</p><blockquote>" : "</p>");
    if (f->provision_text) {
        writer_html(w, f->provision_text);
        writer_str(w, "</blockquote>");
    }
    if (f->rule_title) {
        writer_str(w, "<p>The rule weighed: ");
        writer_html(w, f->rule_title);
        writer_str(w, ". Its basis: ");
        writer_html(w, f->basis);
        writer_str(w, " law.</p>");
    }
    phrase_clear(&p);
    explain_rule_terms(&p, f, rule, rb);
    writer_str(w, "<p>");
    writer_html(w, p.buf);
    writer_str(w, "</p><ul>");
    for (size_t k = 0; explain_rule_step(&name, &label, f, rule, k); k++) {
        writer_str(w, "<li><strong>");
        writer_html(w, name.buf);
        writer_str(w, "</strong>: ");
        writer_html(w, label);
        writer_str(w, "</li>");
    }
    writer_str(w, "</ul>");
    if (f->citation_count) {
        writer_str(w, "<p>Sources of the rule:</p><ul>");
        for (size_t i = 0; i < f->citation_count; i++) {
            writer_str(w, "<li>");
            citation(w, &f->citations[i], rb, flags);
            writer_str(w, "</li>");
        }
        writer_str(w, "</ul>");
    }
    writer_char(w, '\n');
}

static void step_item(writer *w, const pacta_finding *f, const rp_step *s, char letter)
{
    phrase p;
    phrase_clear(&p);
    explain_step_name(&p, s, letter);
    writer_str(w, "<li><strong>");
    writer_html(w, p.buf);
    writer_str(w, "</strong>: ");
    writer_html(w, explain_outcome(s, f->verdict));
    if (s->kind == PACTA_STEP_BINDING) {
        for (size_t k = 0; k < s->reasons.count; k++) {
            writer_str(w, "<br>");
            writer_html(w, s->reasons.items[k]);
        }
        phrase_clear(&p);
        explain_binding_summary(&p, f);
        if (p.len) {
            writer_str(w, "<br>");
            writer_html(w, p.buf);
        }
        writer_str(w, "</li>");
        return;
    }
    if (s->label) {
        writer_str(w, "<br>What must be shown: ");
        writer_html(w, s->label);
        writer_char(w, '.');
    }
    if (s->fact_count == 0) {
        writer_str(w, "<br>No fact is needed: the test is decided by the scenario's structure (the "
                      "events between the steps of the sequence).</li>");
        return;
    }
    writer_str(w, "<br>");
    writer_html(w, explain_fact_relation(s));
    writer_str(w, ":<ul>");
    for (size_t k = 0; k < s->fact_count; k++) {
        if (s->facts[k] >= f->fact_count)
            continue;
        phrase_clear(&p);
        explain_fact(&p, &f->facts[s->facts[k]]);
        writer_str(w, "<li>");
        writer_html(w, p.buf);
        writer_str(w, "</li>");
    }
    writer_str(w, "</ul></li>");
}

static void application(writer *w, const pacta_finding *f)
{
    size_t letter = 0;
    writer_str(w, "<h4>Application</h4><ol>");
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        step_item(w, f, s, s->kind == PACTA_STEP_BINDING ? ' ' : explain_letter(letter++));
    }
    for (size_t i = 0; i < f->reasons.count; i++) {
        if (explain_reason_told(f, i))
            continue;
        writer_str(w, "<li>");
        writer_html(w, f->reasons.items[i]);
        writer_str(w, "</li>");
    }
    writer_str(w, "</ol>\n");
}

static void conclusion(writer *w, const pacta_finding *f)
{
    writer_str(w, "<h4>Conclusion</h4><p><strong>");
    writer_html(w, explain_verdict_word(f->verdict));
    writer_str(w, ".</strong> ");
    writer_html(w, explain_conclusion_rest(f));
    writer_str(w, "</p>");
    if (f->caveats.count || f->missing.count) {
        writer_str(w, "<ul>");
        for (size_t i = 0; i < f->caveats.count; i++) {
            writer_str(w, "<li>Caveat: ");
            writer_html(w, f->caveats.items[i]);
            writer_str(w, "</li>");
        }
        if (f->missing.count) {
            writer_str(w, "<li>The facts that would decide it: ");
            for (size_t i = 0; i < f->missing.count; i++) {
                writer_str(w, i ? ", <code>" : "<code>");
                writer_html(w, f->missing.items[i]);
                writer_str(w, "</code>");
            }
            writer_str(w, "</li>");
        }
        writer_str(w, "</ul>");
    }
    writer_char(w, '\n');
}

/* What would change the verdict, as --explain says it, when it was searched. */
static void counterfactuals(writer *w, const pacta_finding *f)
{
    if (!whatif_searched(f))
        return;
    writer_str(w, "<h4>What would change it</h4><ul class=\"cf\">");
    phrase p;
    for (size_t i = 0, n = pacta_finding_counterfactual_count(f); i < n;) {
        i = whatif_counterfactual_line(f, i, &p);
        writer_str(w, "<li>");
        writer_html(w, p.buf);
        writer_str(w, "</li>");
    }
    const char *note = whatif_counterfactual_note(f);
    if (note) {
        writer_str(w, "<li>");
        writer_html(w, note);
        writer_str(w, "</li>");
    }
    writer_str(w, "</ul>\n");
}

static void finding(writer *w, const pacta_finding *f, size_t number, const pacta_rulebase *rb,
                    unsigned flags)
{
    const char *label = provision_label(f);
    writer_printf(w, "<article id=\"finding-%zu\" class=\"f-%s\"><h3>%zu. ", number,
                  pacta_verdict_name(f->verdict), number);
    verdict_span(w, f->verdict);
    writer_str(w, " ");
    writer_html(w, f->provision_label ? f->provision_label : label);
    writer_str(w, " " EM_DASH " ");
    writer_html(w, f->actor);
    writer_str(w, ", ");
    joined(w, &f->events);
    writer_str(w, " (");
    writer_html(w, f->date);
    writer_str(w, ")</h3>\n");
    pacta_baseline_view before = pacta_finding_baseline(f);
    if (before.changed)
        writer_printf(w, "<p class=\"meta\">Changed by the assumptions: %s \xE2\x86\x92 %s</p>\n",
                      before.found ? pacta_verdict_name(before.verdict) : "no finding",
                      pacta_verdict_name(f->verdict));
    answer(w, f, rb, flags);
    writer_str(w, "<details><summary>The reasoning: issue, rule, application, conclusion"
                  "</summary>\n");
    issue(w, f);
    rule_section(w, f, rb, flags);
    application(w, f);
    conclusion(w, f);
    counterfactuals(w, f);
    writer_str(w, "</details></article>\n");
}

/* ------------------------------------------------------------ timelines */

/* Each acting state's binding timeline, with the events it took part in. */
static void timelines(writer *w, const pacta_report *rep, const pacta_rulebase *rb)
{
    keeper k = {arena_new(w->alloc), 0};
    if (!k.ar) {
        w->status = PACTA_ENOMEM;
        return;
    }
    writer_str(w, "<section id=\"timeline\"><h2>When each instrument bound each acting state"
                  "</h2>\n");
    for (size_t a = 0; a < rep->actors.count; a++) {
        const state_def *st = rb_state(rb, rep->actors.items[a]);
        svg_timeline t;
        if (!st)
            continue;
        memset(&t, 0, sizeof t);
        svg_timeline_lanes(&k, rb, st, &t);
        /* the events: one mark per event of this state, once, at its date */
        t.marks = keeper_array(&k, rep->finding_count * 2 + 1, sizeof *t.marks);
        for (size_t i = 0; t.marks && i < rep->finding_count; i++) {
            const pacta_finding *f = rep->findings[i];
            pdate_range day;
            const char *id = f->events.count ? f->events.items[f->events.count - 1] : NULL;
            size_t m = 0;
            if (!id || strcmp(f->actor, st->code) != 0 || !f->date ||
                pdate_parse(f->date, strlen(f->date), &day) != PDATE_OK)
                continue;
            while (m < t.mark_count && strcmp(t.marks[m].label, id) != 0)
                m++;
            if (m == t.mark_count && m < rep->finding_count * 2 + 1) {
                t.marks[t.mark_count].label = id;
                t.marks[t.mark_count++].day = day.lo;
            }
        }
        writer_str(w, "<figure>");
        svg_timeline_write(w, &t);
        writer_str(w, "<figcaption>");
        writer_html(w, st->name);
        writer_str(w, " (");
        writer_html(w, st->code);
        writer_str(w, "): the days each instrument of the rules bound it, computed from its "
                      "consent and the instrument's entry-into-force clause, and the date of "
                      "each event (red).</figcaption></figure>\n");
    }
    writer_str(w, "</section>\n");
    if (k.oom && w->status == PACTA_OK)
        w->status = PACTA_ENOMEM;
    arena_free(k.ar);
}

/* ------------------------------------------------------------ page */

void render_html(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    const char *title = rep->scenario_title && *rep->scenario_title ? rep->scenario_title
                                                                    : rep->scenario_name;
    size_t number = 0;
    writer_str(w, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<meta name=\"generator\" content=\"pacta " PACTA_VERSION_STRING "\"><title>");
    writer_html(w, title);
    writer_str(w, " " EM_DASH " pacta</title>\n<style>");
    writer_str(w, STYLE);
    writer_str(w, "</style>\n<script>");
    writer_str(w, SCRIPT);
    writer_str(w, "</script></head>\n<body><main>\n<header><h1>");
    writer_html(w, title);
    writer_str(w, "</h1><p class=\"meta\">Scenario file <code>");
    writer_html(w, rep->scenario_name);
    writer_str(w, "</code>");
    if (rb)
        writer_printf(w, " &middot; rules of %zu files, SHA-256 <code>%s</code>",
                      pacta_rulebase_file_count(rb), pacta_rulebase_digest(rb));
    writer_str(w, " &middot; pacta " PACTA_VERSION_STRING "</p>");
    for (size_t i = 0; i < pacta_report_assumption_count(rep); i++) {
        pacta_change_view a = pacta_report_assumption(rep, i);
        writer_str(w, i ? ", <code>" : "<p class=\"meta\">Checked assuming <code>");
        writer_html(w, a.fact);
        writer_char(w, '=');
        writer_html(w, a.value);
        writer_str(w, "</code>");
    }
    writer_str(w, pacta_report_assumption_count(rep) ? "</p></header>\n" : "</header>\n");
    summary(w, rep, flags);
    writer_str(w, "<section id=\"findings\"><h2>Findings</h2>\n");
    for (size_t i = 0; i < rep->finding_count; i++)
        if (render_text_shows(rep->findings[i], flags))
            finding(w, rep->findings[i], ++number, rb, flags);
    writer_str(w, "</section>\n");
    if (rb)
        timelines(w, rep, rb);
    writer_str(w, "<footer>Each finding weighs one provision against what one state did, with the "
                  "law that bound it on the day. Links go to the records the rules cite.</footer>\n"
                  "</main></body></html>\n");
}
