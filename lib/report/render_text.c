/*
 * render_text.c: a report as an analyst's worksheet, for people.
 *
 * Each finding is a block: the verdict and what it is about on one line,
 * then the rule, the provision's words, why the actor was bound, the
 * argument (reasons), the analysis step by step with the facts each step
 * used and where each fact came from, caveats, missing facts and citations.
 * Free text is wrapped at TEXT_WIDTH columns (writer.h) and everything from
 * the scenario is passed through writer_text(), so no control character
 * reaches the terminal.
 */
#include <stdio.h>
#include <string.h>

#include "report/explain.h"
#include "report/render.h"
#include "report/render_whatif.h"

#define PROVISION_TEXT_MAX 300 /* code points of provision text shown */
#define MATCHED_TEXT_MAX 60    /* code points of matched narrative shown */
#define ELLIPSIS "\xE2\x80\xA6"
#define EM_DASH "\xE2\x80\x94"
#define ARROW "\xE2\x86\x92"

/*
 * A line composed of several pieces, wrapped as one text. The buffer is
 * bounded; a line that does not fit is cut at a character boundary and
 * marked with an ellipsis (only narrative text can be that long, and it is
 * shortened before it gets here).
 */
typedef struct line {
    char buf[1024];
    size_t len;
    int cut;
} line;

static void line_add(line *l, const char *s)
{
    size_t room = sizeof l->buf - 1 - strlen(ELLIPSIS) - l->len;
    size_t n = s ? strlen(s) : 0;
    if (l->cut)
        return;
    if (n > room) {
        size_t keep = 0;
        while (keep < room) { /* whole characters only */
            uint32_t cp;
            size_t step = utf8_decode(s + keep, n - keep, &cp);
            if (keep + step > room)
                break;
            keep += step;
        }
        memcpy(l->buf + l->len, s, keep);
        l->len += keep;
        memcpy(l->buf + l->len, ELLIPSIS, strlen(ELLIPSIS));
        l->len += strlen(ELLIPSIS);
        l->cut = 1;
    } else {
        memcpy(l->buf + l->len, s, n);
        l->len += n;
    }
    l->buf[l->len] = '\0';
}

static void line_addn(line *l, const char *s, size_t n)
{
    char part[256];
    if (n >= sizeof part)
        n = sizeof part - 1;
    memcpy(part, s, n);
    part[n] = '\0';
    line_add(l, part);
}

/* ------------------------------------------------------------ header */

static void render_header(writer *w, const pacta_report *rep, const pacta_rulebase *rb)
{
    const char *title = rep->scenario_title;
    text_item(w, 0, "", title && *title ? title : rep->scenario_name);
    text_item(w, 2, "file: ", rep->scenario_name);
    if (rb) {
        const char *digest = pacta_rulebase_digest(rb);
        writer_printf(w, "  rulebase: %zu files, sha256 ", pacta_rulebase_file_count(rb));
        if (digest && strlen(digest) > 16) {
            writer_bytes(w, digest, 16);
            writer_str(w, ELLIPSIS);
        } else {
            writer_text(w, digest);
        }
        writer_char(w, '\n');
    }
    writer_str(w, "  pacta " PACTA_VERSION_STRING "\n");
}

/* ------------------------------------------------------------ finding */

/* "VIOLATION  Refugee Convention art. 33(1) — CN, e1 → e2 (2023-10-09)" */
static void render_title(writer *w, const pacta_finding *f)
{
    const char *tag = explain_verdict_tag(f->verdict);
    line l = {{0}, 0, 0};
    if (f->provision_label) {
        line_add(&l, f->provision_label);
    } else {
        line_add(&l, f->instrument);
        line_add(&l, " ");
        line_add(&l, f->provision);
    }
    line_add(&l, " " EM_DASH " ");
    line_add(&l, f->actor);
    for (size_t i = 0; i < f->events.count; i++) {
        line_add(&l, i ? " " ARROW " " : ", ");
        line_add(&l, f->events.items[i]);
    }
    if (f->date) {
        line_add(&l, " (");
        line_add(&l, f->date);
        line_add(&l, ")");
    }
    writer_str(w, tag);
    writer_str(w, "  "); /* two spaces set the verdict apart; text_wrap() would collapse them */
    text_wrap(w, strlen(tag) + 2, 4, l.buf);
    writer_char(w, '\n');
}

static void render_rule(writer *w, const pacta_finding *f)
{
    text_item(w, 2, "Rule: ", f->rule);
    if (f->rule_title)
        text_item(w, 8, "", f->rule_title);
}

static void render_provision_text(writer *w, const pacta_finding *f)
{
    if (!f->provision_text)
        return;
    writer_str(w, "  Text: \"");
    text_wrap_max(w, 9, 9, f->provision_text, PROVISION_TEXT_MAX);
    writer_str(w, "\"\n");
}

static void binding_part(line *l, const char *what, const char *value)
{
    if (!value)
        return;
    if (l->len)
        line_add(l, "; ");
    if (what)
        line_add(l, what);
    line_add(l, value);
}

/* "Bound: accession 1982-09-24; in force 1982-12-23 under art. 43(2); via refugee-protocol" */
static void render_binding(writer *w, const pacta_finding *f)
{
    const pacta_binding_view *b = &f->binding;
    line l = {{0}, 0, 0};
    if (b->consent) {
        line_add(&l, b->consent_type ? b->consent_type : "consent");
        line_add(&l, " ");
        line_add(&l, b->consent);
    } else if (b->consent_type) {
        line_add(&l, b->consent_type);
    }
    binding_part(&l, "in force ", b->in_force);
    if (b->clause) {
        line_add(&l, b->in_force ? " under " : "; under ");
        line_add(&l, b->clause);
    }
    binding_part(&l, "via ", b->via);
    if (f->basis)
        text_item(w, 2, "Basis: ", f->basis);
    if (l.len)
        text_item(w, 2, f->verdict == PACTA_NOT_APPLICABLE ? "Binding: " : "Bound: ", l.buf);
}

static void render_list(writer *w, const char *heading, const rp_strings *s, int numbered)
{
    if (s->count == 0)
        return;
    text_item(w, 2, heading, "");
    for (size_t i = 0; i < s->count; i++) {
        char prefix[32];
        if (numbered)
            snprintf(prefix, sizeof prefix, "%zu. ", i + 1);
        else
            snprintf(prefix, sizeof prefix, "- ");
        text_item(w, 4, prefix, s->items[i]);
    }
}

/* "KP.torture_on_return = true (from condition: conditions[1], source coi-2014)" */
static void render_fact(writer *w, size_t indent, const rp_fact *x)
{
    line l = {{0}, 0, 0};
    char span[64];
    if (x->display) { /* a test on the record reads as what it says */
        line_add(&l, x->display);
    } else {
        line_add(&l, x->ref);
        line_add(&l, " = ");
        line_add(&l, pacta_truth_name(x->value));
    }
    if (x->from == PACTA_FROM_NOWHERE) {
        line_add(&l, " (not stated)");
    } else {
        line_add(&l, " (from ");
        line_add(&l, pacta_provenance_name(x->from));
        if (x->detail) {
            line_add(&l, ": ");
            line_add(&l, x->detail);
        }
        if (x->source) {
            line_add(&l, ", source ");
            line_add(&l, x->source);
        }
        if (x->text) {
            size_t n = text_prefix_bytes(x->text, MATCHED_TEXT_MAX);
            line_add(&l, ", text \"");
            line_addn(&l, x->text, n);
            if (x->text[n])
                line_add(&l, ELLIPSIS);
            line_add(&l, "\"");
        }
        if (x->from == PACTA_FROM_TEXT) {
            snprintf(span, sizeof span, " at %zu-%zu", x->span_start, x->span_end);
            line_add(&l, span);
        }
        line_add(&l, ")");
    }
    text_item(w, indent, "- ", l.buf);
}

static void render_step(writer *w, const pacta_finding *f, const rp_step *s)
{
    line l = {{0}, 0, 0};
    const char *kind = pacta_step_kind_name(s->kind);
    line_add(&l, kind);
    if (s->id && strcmp(s->id, kind) != 0) { /* not "binding binding" */
        line_add(&l, " ");
        line_add(&l, s->id);
    }
    if (s->provision) {
        line_add(&l, " (");
        line_add(&l, s->provision);
        line_add(&l, ")");
    }
    line_add(&l, ": ");
    line_add(&l, pacta_truth_name(s->value));
    text_item(w, 4, "", l.buf);
    if (s->label)
        text_item(w, 6, "", s->label);
    for (size_t k = 0; k < s->fact_count; k++)
        if (s->facts[k] < f->fact_count)
            render_fact(w, 6, &f->facts[s->facts[k]]);
}

static int fact_in_a_step(const pacta_finding *f, size_t i)
{
    for (size_t s = 0; s < f->step_count; s++)
        for (size_t k = 0; k < f->steps[s].fact_count; k++)
            if (f->steps[s].facts[k] == i)
                return 1;
    return 0;
}

static void render_analysis(writer *w, const pacta_finding *f)
{
    if (f->step_count > 0) {
        text_item(w, 2, "Analysis:", "");
        for (size_t i = 0; i < f->step_count; i++)
            render_step(w, f, &f->steps[i]);
    }
    int heading = 0;
    for (size_t i = 0; i < f->fact_count; i++) {
        if (fact_in_a_step(f, i))
            continue;
        if (!heading++)
            text_item(w, 2, f->step_count ? "Other facts used:" : "Facts used:", "");
        render_fact(w, 4, &f->facts[i]);
    }
}

/*
 * "- Convention relating to the Status of Refugees, art. 33(1); 189 UNTS 137; https://...",
 * or with a citation style the treaty citation as the style writes it, then the URL.
 */
static void render_citations(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                             unsigned flags)
{
    char styled[1024];
    if (f->citation_count == 0)
        return;
    text_item(w, 2, "Citations:", "");
    for (size_t i = 0; i < f->citation_count; i++) {
        const rp_citation *c = &f->citations[i];
        const char *formatted = render_cite(c, rb, flags, styled, sizeof styled);
        line l = {{0}, 0, 0};
        if (formatted) {
            line_add(&l, formatted);
        } else if (c->label) {
            line_add(&l, c->label);
        } else {
            line_add(&l, c->instrument);
            if (c->provision) {
                line_add(&l, " ");
                line_add(&l, c->provision);
            }
        }
        if (c->source && !formatted) {
            line_add(&l, "; ");
            line_add(&l, c->source);
        }
        if (c->url) {
            line_add(&l, "; ");
            line_add(&l, c->url);
        }
        text_item(w, 4, "- ", l.buf);
    }
}

static void render_finding(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                           unsigned flags)
{
    writer_char(w, '\n');
    render_title(w, f);
    whatif_text_changed(w, 2, f);
    render_rule(w, f);
    render_provision_text(w, f);
    render_binding(w, f);
    render_list(w, "Reasons:", &f->reasons, 1);
    render_analysis(w, f);
    render_list(w, "Caveats:", &f->caveats, 0);
    render_list(w, "Missing:", &f->missing, 0);
    whatif_text_counterfactuals(w, 2, f);
    render_citations(w, f, rb, flags);
}

/* ------------------------------------------------------------ report */

int render_text_shows(const pacta_finding *f, unsigned flags)
{
    return f->verdict != PACTA_NOT_APPLICABLE || (flags & PACTA_RENDER_ALL) || whatif_changed(f);
}

void render_text_summary(writer *w, const pacta_report *rep, unsigned flags, size_t shown)
{
    if (shown == 0)
        writer_str(w, rep->finding_count ? "\nNo findings to show.\n" : "\nNo findings.\n");
    writer_char(w, '\n');
    render_verdict_counts(w, rep);
    if (pacta_report_count(rep, PACTA_NOT_APPLICABLE) > 0 && !(flags & PACTA_RENDER_ALL))
        writer_str(w, " (not_applicable hidden; use --all)");
    writer_char(w, '\n');
    whatif_text_summary(w, rep);
}

void render_text(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    size_t shown = 0;
    render_header(w, rep, rb);
    whatif_text_assumptions(w, rep);
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        if (!render_text_shows(f, flags))
            continue;
        render_finding(w, f, rb, flags);
        shown++;
    }
    render_text_summary(w, rep, flags, shown);
}
