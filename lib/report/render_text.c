/*
 * render_text.c: a report for people, answer first (`pacta check`).
 *
 * First a table with one row per finding shown (event, actor, act, date,
 * instrument, verdict), then one short paragraph per finding: the rule,
 * whether and how the actor was bound, the facts that decided each element,
 * the exceptions weighed, what is missing, and the citation of the
 * provision. The whole reasoning, every step with every fact and where it
 * came from, is render_explain.c's (--explain).
 *
 * With PACTA_RENDER_COLOR the verdicts and headings carry ANSI colours; the
 * caller decides (a terminal, no NO_COLOR), the library never looks. Free
 * text is wrapped at TEXT_WIDTH columns (writer.h) and everything from the
 * scenario passes writer_text(), so no control character reaches the
 * terminal.
 */
#include <stdio.h>
#include <string.h>

#include "report/explain.h"
#include "report/render.h"
#include "report/render_whatif.h"

#define ELLIPSIS "\xE2\x80\xA6"
#define EM_DASH "\xE2\x80\x94"
#define ARROW " \xE2\x86\x92 "

/* ------------------------------------------------------------ colour */

#define SGR_BOLD "1"
#define SGR_DIM "2"

static const char *verdict_colour(pacta_verdict v)
{
    switch (v) {
    case PACTA_VIOLATION:
        return "1;31";
    case PACTA_NO_VIOLATION:
        return "32";
    case PACTA_UNDETERMINED:
        return "33";
    default:
        return SGR_DIM;
    }
}

/* s (trusted: the renderer's own words) in colour sgr when the flags ask for colour. */
static void paint(writer *w, unsigned flags, const char *sgr, const char *s)
{
    if (flags & PACTA_RENDER_COLOR)
        writer_printf(w, "\x1b[%sm%s\x1b[0m", sgr, s);
    else
        writer_str(w, s);
}

/* ------------------------------------------------------------ summary table */

enum { COL_NUMBER, COL_VERDICT, COL_EVENT, COL_ACTOR, COL_ACT, COL_DATE, COL_INSTRUMENT, COLS };

static const char *const HEADINGS[COLS] = {"#", "Verdict", "Event", "Actor", "Act", "Date",
                                           "Instrument"};
/* The widest a column may grow; the instrument takes what the others leave of TEXT_WIDTH. */
static const size_t MAX_WIDTH[COLS] = {4, 14, 10, 5, 12, 10, 0};
#define GAP 2 /* spaces between columns */

typedef struct cell {
    char buf[160];
    size_t len;
} cell;

static void cell_add(cell *c, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    if (n > sizeof c->buf - 1 - c->len)
        n = sizeof c->buf - 1 - c->len;
    memcpy(c->buf + c->len, s, n);
    c->len += n;
    c->buf[c->len] = '\0';
}

static void cell_join(cell *c, const rp_strings *s)
{
    for (size_t i = 0; i < s->count; i++) {
        if (i)
            cell_add(c, ARROW);
        cell_add(c, s->items[i]);
    }
}

static void row_cells(cell row[COLS], size_t number, const pacta_finding *f)
{
    memset(row, 0, COLS * sizeof *row);
    snprintf(row[COL_NUMBER].buf, sizeof row[COL_NUMBER].buf, "%zu", number);
    row[COL_NUMBER].len = strlen(row[COL_NUMBER].buf);
    cell_add(&row[COL_VERDICT], explain_verdict_tag(f->verdict));
    cell_join(&row[COL_EVENT], &f->events);
    cell_add(&row[COL_ACTOR], f->actor);
    cell_join(&row[COL_ACT], &f->acts);
    cell_add(&row[COL_DATE], f->date);
    /* "cat art. 3(1)": the id `pacta show` takes, and the provision's label from the binding step */
    cell_add(&row[COL_INSTRUMENT], f->instrument);
    for (size_t i = 0; i < f->step_count; i++)
        if (f->steps[i].kind == PACTA_STEP_BINDING && f->steps[i].provision_label) {
            cell_add(&row[COL_INSTRUMENT], " ");
            cell_add(&row[COL_INSTRUMENT], f->steps[i].provision_label);
            break;
        }
}

/*
 * Bytes of c's text, from *at, that fit on one line of width columns: whole
 * words (split at spaces), or a word cut when it alone is wider: after its
 * last hyphen that fits ("oau-refugee-" / "convention"), else at a
 * character. Moves *at past the line and the spaces after it.
 */
static size_t cell_line(const cell *c, size_t *at, size_t width)
{
    size_t start = *at, end = start, fit = start;
    while (end < c->len) {
        size_t word = end;
        while (word < c->len && c->buf[word] != ' ')
            word++;
        if (text_columns(c->buf + start, word - start) > width)
            break;
        fit = word;
        end = word;
        while (end < c->len && c->buf[end] == ' ')
            end++;
    }
    if (fit == start && start < c->len) { /* one word wider than the column */
        size_t n = text_prefix_bytes(c->buf + start, width ? width : 1);
        size_t hyphen = n;
        while (hyphen > 1 && c->buf[start + hyphen - 1] != '-')
            hyphen--;
        fit = start + (hyphen > 1 ? hyphen : n ? n : 1);
        end = fit;
    }
    *at = end;
    return fit - start;
}

/*
 * Writes one table row, its cells wrapped within their columns onto as many
 * lines as they need; column sgr_col (every column when negative) in colour sgr.
 */
static void write_row(writer *w, const cell row[COLS], const size_t width[COLS], const char *sgr,
                      int sgr_col, unsigned flags)
{
    size_t at[COLS] = {0};
    for (int more = 1; more;) {
        size_t pending = 0; /* spaces owed before the next cell's text */
        more = 0;
        for (int c = 0; c < COLS; c++) {
            size_t start = at[c], n = cell_line(&row[c], &at[c], width[c]);
            if (n > 0) {
                text_spaces(w, pending);
                pending = 0;
                int coloured = (sgr_col < 0 || c == sgr_col) && (flags & PACTA_RENDER_COLOR);
                if (coloured)
                    writer_printf(w, "\x1b[%sm", sgr);
                writer_textn(w, row[c].buf + start, n);
                if (coloured)
                    writer_str(w, "\x1b[0m");
            }
            pending += width[c] + GAP - text_columns(row[c].buf + start, n);
            more |= at[c] < row[c].len;
        }
        writer_char(w, '\n');
    }
}

static void summary_table(writer *w, const pacta_report *rep, unsigned flags)
{
    size_t width[COLS], used = 0, number = 0;
    cell row[COLS];
    for (int c = 0; c < COLS; c++)
        width[c] = strlen(HEADINGS[c]);
    for (size_t i = 0; i < rep->finding_count; i++) {
        if (!render_text_shows(rep->findings[i], flags))
            continue;
        row_cells(row, ++number, rep->findings[i]);
        for (int c = 0; c < COLS; c++) {
            size_t cols = text_columns(row[c].buf, row[c].len);
            if (cols > width[c])
                width[c] = cols;
        }
    }
    for (int c = 0; c + 1 < COLS; c++) {
        if (width[c] > MAX_WIDTH[c])
            width[c] = MAX_WIDTH[c];
        used += width[c] + GAP;
    }
    size_t room = used + 12 < TEXT_WIDTH ? TEXT_WIDTH - used : 12;
    if (width[COL_INSTRUMENT] > room)
        width[COL_INSTRUMENT] = room;
    for (int c = 0; c < COLS; c++) {
        memset(&row[c], 0, sizeof row[c]);
        cell_add(&row[c], HEADINGS[c]);
    }
    write_row(w, row, width, SGR_BOLD, -1, flags);
    number = 0;
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        if (!render_text_shows(f, flags))
            continue;
        row_cells(row, ++number, f);
        write_row(w, row, width, verdict_colour(f->verdict), COL_VERDICT, flags);
    }
}

/* ------------------------------------------------------------ one finding */

/* "[1] VIOLATION  Convention against Torture art. 3(1) — CN, e2 (2023-10-09)" */
static void finding_title(writer *w, size_t number, const pacta_finding *f, unsigned flags)
{
    phrase p;
    char prefix[32];
    const char *tag = explain_verdict_tag(f->verdict);
    snprintf(prefix, sizeof prefix, "[%zu] ", number);
    writer_str(w, prefix);
    paint(w, flags, verdict_colour(f->verdict), tag);
    writer_str(w, "  ");
    phrase_clear(&p);
    phrase_add(&p, "%s " EM_DASH " %s", f->provision_label ? f->provision_label : f->provision,
               f->actor);
    for (size_t i = 0; i < f->events.count; i++)
        phrase_add(&p, "%s%s", i ? ARROW : ", ", f->events.items[i]);
    if (f->date)
        phrase_add(&p, " (%s)", f->date);
    text_wrap(w, strlen(prefix) + strlen(tag) + 2, 4, p.buf);
    writer_char(w, '\n');
}

/* "Label: text", the label in bold, text wrapped under it at column 4 + label. */
static void item(writer *w, unsigned flags, const char *label, const char *text)
{
    writer_str(w, "    ");
    paint(w, flags, SGR_BOLD, label);
    writer_char(w, ' ');
    text_wrap(w, 5 + strlen(label), 6, text);
    writer_char(w, '\n');
}

static void rule_line(writer *w, const pacta_finding *f, unsigned flags)
{
    phrase p;
    phrase_clear(&p);
    if (f->rule_title)
        phrase_add(&p, "%s (%s)", f->rule_title, f->rule);
    else
        phrase_add(&p, "%s", f->rule);
    item(w, flags, "Rule:", p.buf);
}

/* "ratification 1988-10-04; in force 1988-11-03 under art. 27(2)", or nothing for customary law. */
static void binding_line(writer *w, const pacta_finding *f, unsigned flags)
{
    phrase p;
    phrase_clear(&p);
    explain_binding_short(&p, f);
    item(w, flags, f->verdict == PACTA_NOT_APPLICABLE ? "Binding:" : "Bound:", p.buf);
}

/* "torture-risk established (KP.torture_on_return = true; e2.to = true)", facts left open left out. */
/* Whether fact x reads the same as one of the first n facts of step s (two
 * tests on the record can say the same thing: "refugee status: not determined"). */
static int said_before(const pacta_finding *f, const rp_step *s, size_t n, const rp_fact *x)
{
    for (size_t k = 0; k < n; k++)
        if (s->facts[k] < f->fact_count && rp_fact_reads_as(x, &f->facts[s->facts[k]]))
            return 1;
    return 0;
}

static void step_phrase(phrase *p, const pacta_finding *f, const rp_step *s)
{
    int facts = 0;
    phrase_add(p, "%s %s", s->id ? s->id : pacta_step_kind_name(s->kind), explain_step_word(s));
    for (size_t k = 0; k < s->fact_count; k++) {
        /* Only what the record says decides: facts left open, and defaults
         * no one stated (an optional refinement read as false), are in
         * --explain. */
        const rp_fact *x;
        if (s->facts[k] >= f->fact_count || (x = &f->facts[s->facts[k]])->value == PACTA_UNKNOWN ||
            x->from == PACTA_FROM_NOWHERE || said_before(f, s, k, x))
            continue;
        phrase_add(p, "%s", facts++ ? "; " : " (");
        explain_fact_short(p, x);
    }
    if (facts)
        phrase_add(p, ")");
}

/* The elements, then the exceptions: each with the facts that decided it. */
static void steps_line(writer *w, const pacta_finding *f, pacta_step_kind kind, const char *label,
                       unsigned flags)
{
    phrase p;
    phrase_clear(&p);
    for (size_t i = 0; i < f->step_count; i++) {
        if (f->steps[i].kind != kind)
            continue;
        if (p.len)
            phrase_add(&p, "; ");
        step_phrase(&p, f, &f->steps[i]);
    }
    if (p.len)
        item(w, flags, label, p.buf);
}

static void missing_line(writer *w, const pacta_finding *f, unsigned flags)
{
    phrase p;
    phrase_clear(&p);
    for (size_t i = 0; i < f->missing.count; i++)
        phrase_add(&p, "%s%s", i ? ", " : "", f->missing.items[i]);
    if (p.len)
        item(w, flags, "Missing:", p.buf);
}

/* The citation of the finding's own provision (its first), in the style asked for. */
static void citation_line(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                          unsigned flags)
{
    char styled[1024];
    phrase p;
    if (f->citation_count == 0)
        return;
    const rp_citation *c = &f->citations[0];
    const char *formatted = render_cite(c, rb, flags, styled, sizeof styled);
    phrase_clear(&p);
    if (formatted)
        phrase_add(&p, "%s", formatted);
    else
        phrase_add(&p, "%s%s%s", c->label ? c->label : c->instrument, render_short_cite(c) ? "; " : "",
                   render_short_cite(c) ? render_short_cite(c) : "");
    if (c->url)
        phrase_add(&p, "; %s", c->url);
    item(w, flags, "Cite:", p.buf);
}

static void finding_paragraph(writer *w, size_t number, const pacta_finding *f,
                              const pacta_rulebase *rb, unsigned flags)
{
    writer_char(w, '\n');
    finding_title(w, number, f, flags);
    whatif_text_changed(w, 4, f);
    rule_line(w, f, flags);
    binding_line(w, f, flags);
    steps_line(w, f, PACTA_STEP_ELEMENT, "Decided by:", flags);
    steps_line(w, f, PACTA_STEP_EXCEPTION, "Exceptions:", flags);
    missing_line(w, f, flags);
    whatif_text_counterfactuals(w, 4, f);
    citation_line(w, f, rb, flags);
}

/* ------------------------------------------------------------ report */

static void render_footer(writer *w, const pacta_report *rep, const pacta_rulebase *rb)
{
    const char *title = rep->scenario_title;
    phrase p;
    phrase_clear(&p);
    if (title && *title)
        phrase_add(&p, "%s " EM_DASH " ", title);
    phrase_add(&p, "%s", rep->scenario_name);
    text_item(w, 0, "Scenario: ", p.buf);
    phrase_clear(&p);
    if (rb) {
        const char *digest = pacta_rulebase_digest(rb);
        phrase_add(&p, "%zu files, sha256 %.12s" ELLIPSIS "; ", pacta_rulebase_file_count(rb),
                   digest ? digest : "");
    }
    phrase_add(&p, "pacta " PACTA_VERSION_STRING "; the reasoning: --explain");
    text_item(w, 0, "Rules: ", p.buf);
}

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
    summary_table(w, rep, flags);
    whatif_text_assumptions(w, rep);
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        if (!render_text_shows(f, flags))
            continue;
        finding_paragraph(w, ++shown, f, rb, flags);
    }
    render_text_summary(w, rep, flags, shown);
    render_footer(w, rep, rb);
}
