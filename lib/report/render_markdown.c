/*
 * render_markdown.c: a report as a memo an analyst can paste
 * (`--format markdown`), in CommonMark with GitHub's tables and footnotes:
 *
 *   a summary table of every finding and the verdict counts;
 *   one section per finding, in IRAC order (the sentences of explain.c);
 *   a binding timeline: for each acting state of the scenario, its record
 *   under every instrument of the rulebase (signature, consent, entry into
 *   force computed with the instrument's clause, reservations,
 *   denunciation), each date footnoted to its source;
 *   the footnotes, numbered in order of first use, one per citation.
 *
 * Citations use the style the flags select, plain when none is. Every
 * string from a scenario or the rules is escaped (md_text), so a name or
 * narrative cannot open a link, a table cell or emphasis.
 */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "report/audit.h"
#include "reason/binding.h"
#include "report/citation.h"
#include "report/explain.h"
#include "report/render.h"
#include "model/rulebase.h"

#define EM_DASH "\xE2\x80\x94"
#define ARROW "\xE2\x86\x92"

/* Markdown's inline syntax characters, escaped with a backslash wherever text is written. */
static const char SPECIAL[] = "\\`*_[]<>|#~&{}";

static int is_alnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static void md_text(writer *w, const char *s)
{
    if (!s)
        return;
    size_t start = 0, i = 0;
    for (; s[i]; i++) {
        if (!strchr(SPECIAL, s[i]))
            continue;
        /* an underscore inside a word ("torture_on_return") cannot open or close emphasis */
        if (s[i] == '_' && i > 0 && is_alnum(s[i - 1]) && is_alnum(s[i + 1]))
            continue;
        writer_textn(w, s + start, i - start);
        writer_char(w, '\\');
        writer_char(w, s[i]);
        start = i + 1;
    }
    writer_textn(w, s + start, i - start);
}

/* ------------------------------------------------------------ footnotes */

/* A URL as an autolink when it can be one, else as escaped text. */
static void md_url(writer *w, const char *url)
{
    for (const char *p = url; *p; p++)
        if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' || *p == 0x7f) {
            md_text(w, url);
            return;
        }
    writer_char(w, '<');
    writer_text(w, url);
    writer_char(w, '>');
}

/* A footnote: the citation, and the URL where it can be read (NULL when none). */
typedef struct note {
    const char *text;
    const char *url;
} note;

typedef struct notes {
    arena *ar;
    ptrvec items;     /* note*, footnote i + 1 */
    int oom;
} notes;

static int same(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Refers to the footnote with this text and URL, added at the end when new. */
static void note_ref(writer *w, notes *n, const char *text, const char *url)
{
    size_t k = 0;
    if (!text) {
        n->oom = 1;
        return;
    }
    for (size_t i = 0; i < n->items.count && !k; i++) {
        const note *x = n->items.items[i];
        if (same(x->text, text) && same(x->url, url))
            k = i + 1;
    }
    if (!k) {
        note *x = arena_alloc(n->ar, sizeof *x);
        if (!x || !(x->text = arena_strdup(n->ar, text)) ||
            (url && !(x->url = arena_strdup(n->ar, url))) || ptrvec_push(n->ar, &n->items, x)) {
            n->oom = 1;
            return;
        }
        k = n->items.count;
    }
    writer_printf(w, "[^%zu]", k);
}

/*
 * A finding's citation: the treaty citation in the style, else the label and
 * the short citation (left out when it is only the source's id).
 */
static void cite_ref(writer *w, notes *n, const rp_citation *c, const pacta_rulebase *rb,
                     unsigned flags)
{
    char styled[1024];
    const char *formatted = render_cite(c, rb, flags, styled, sizeof styled);
    if (formatted) {
        note_ref(w, n, formatted, c->url);
        return;
    }
    const char *short_cite = render_short_cite(c);
    int show_source = short_cite && !(rb && rb_source(rb, short_cite));
    note_ref(w, n,
             arena_printf(n->ar, "%s%s%s", c->label ? c->label : "", show_source ? ", " : "",
                          show_source ? short_cite : ""),
             c->url);
}

/* A source id of the rules: "title, cite", or the id when the rules do not define it. */
static void source_ref(writer *w, notes *n, const pacta_rulebase *rb, const char *id)
{
    const source_def *s = rb_source(rb, id);
    if (!s) {
        note_ref(w, n, id, NULL);
        return;
    }
    note_ref(w, n,
             arena_printf(n->ar, "%s%s%s", s->title, s->cite ? ", " : "", s->cite ? s->cite : ""),
             s->url);
}

static void write_notes(writer *w, const notes *n)
{
    if (n->items.count == 0)
        return;
    writer_str(w, "\n## Notes\n\n");
    for (size_t i = 0; i < n->items.count; i++) {
        const note *x = n->items.items[i];
        writer_printf(w, "[^%zu]: ", i + 1);
        md_text(w, x->text);
        if (x->url) {
            writer_str(w, ", ");
            md_url(w, x->url);
        }
        writer_char(w, '\n');
    }
}

/* ------------------------------------------------------------ summary */

static void write_events(writer *w, const pacta_finding *f)
{
    for (size_t i = 0; i < f->events.count; i++) {
        writer_str(w, i ? " " ARROW " " : "");
        md_text(w, f->events.items[i]);
    }
}

static void summary(writer *w, const pacta_report *rep, unsigned flags)
{
    writer_str(w, "\n## Summary\n\n| # | Verdict | Provision | Actor | Events | Date | Rule |\n"
                  "|--:|---|---|---|---|---|---|\n");
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        writer_printf(w, "| %zu | %s | ", i + 1, explain_verdict_word(f->verdict));
        md_text(w, f->provision_label);
        writer_str(w, " | ");
        md_text(w, f->actor);
        writer_str(w, " | ");
        write_events(w, f);
        writer_str(w, " | ");
        md_text(w, f->date);
        writer_str(w, " | ");
        md_text(w, f->rule);
        writer_str(w, " |\n");
    }
    if (rep->finding_count == 0)
        writer_str(w, "| | No findings. | | | | | |\n");
    writer_char(w, '\n');
    render_verdict_counts(w, rep);
    writer_str(w, ".");
    if (pacta_report_count(rep, PACTA_NOT_APPLICABLE) > 0 && !(flags & PACTA_RENDER_ALL))
        writer_str(w, " Findings that do not apply are listed here but not set out below.");
    writer_char(w, '\n');
}

/* ------------------------------------------------------------ one finding */

static void phrase_line(writer *w, const char *indent, const char *prefix, const phrase *p)
{
    writer_str(w, indent);
    writer_str(w, prefix);
    md_text(w, p->buf);
    writer_char(w, '\n');
}

static void issue(writer *w, const pacta_finding *f)
{
    phrase p;
    phrase_clear(&p);
    explain_question(&p, f);
    writer_str(w, "\n#### Issue\n\n");
    phrase_line(w, "", "", &p);
    writer_char(w, '\n');
    for (size_t i = 0; i < f->narrative.count; i++) {
        writer_str(w, "- ");
        md_text(w, f->narrative.items[i]);
        writer_char(w, '\n');
    }
}

/* The finding's own provision is cited first: its citation is the one with the finding's instrument and provision. */
static const rp_citation *own_citation(const pacta_finding *f)
{
    for (size_t i = 0; i < f->citation_count; i++) {
        const rp_citation *c = &f->citations[i];
        if (c->instrument && c->provision && strcmp(c->instrument, f->instrument) == 0 &&
            strcmp(c->provision, f->provision) == 0)
            return c;
    }
    return NULL;
}

/* The weighed steps, lettered in rule order (explain_rule_step). */
static void rule_steps(writer *w, const pacta_finding *f, const rule_def *rule)
{
    phrase name;
    const char *label;
    writer_char(w, '\n');
    for (size_t k = 0; explain_rule_step(&name, &label, f, rule, k); k++) {
        writer_str(w, "- **");
        md_text(w, name.buf);
        writer_str(w, "**: ");
        md_text(w, label);
        writer_char(w, '\n');
    }
}

static void rule_section(writer *w, const pacta_finding *f, const pacta_rulebase *rb,
                         unsigned flags, notes *n)
{
    const rule_def *rule = rb ? rb_rule(rb, f->rule) : NULL;
    const rp_citation *own = own_citation(f);
    phrase p;
    writer_str(w, "\n#### Rule\n\n");
    md_text(w, f->provision_label);
    if (own)
        cite_ref(w, n, own, rb, flags);
    if (f->provision_text) {
        writer_str(w, ":\n\n> ");
        md_text(w, f->provision_text);
    }
    writer_str(w, "\n\n");
    if (f->rule_title) {
        writer_str(w, "The rule weighed (");
        md_text(w, f->rule);
        writer_str(w, "): ");
        md_text(w, f->rule_title);
        writer_str(w, ".\n\n");
    }
    phrase_clear(&p);
    explain_rule_terms(&p, f, rule, rb);
    phrase_line(w, "", "", &p);
    rule_steps(w, f, rule);
    int heading = 0;
    for (size_t i = 0; i < f->citation_count; i++) {
        const rp_citation *c = &f->citations[i];
        if (c == own)
            continue;
        if (!heading++)
            writer_str(w, "\nSources of the rule:\n\n");
        writer_str(w, "- ");
        md_text(w, c->label);
        cite_ref(w, n, c, rb, flags);
        writer_char(w, '\n');
    }
}

static void step_item(writer *w, const pacta_finding *f, const rp_step *s, size_t number,
                      char letter)
{
    char prefix[32], indent[32];
    phrase p;
    int width = snprintf(prefix, sizeof prefix, "%zu. ", number);
    snprintf(indent, sizeof indent, "%*s", width, "");
    phrase_clear(&p);
    explain_step_name(&p, s, letter);
    writer_str(w, prefix);
    writer_str(w, "**");
    md_text(w, p.buf);
    writer_str(w, "**: ");
    md_text(w, explain_outcome(s, f->verdict));
    writer_str(w, "\n\n");
    if (s->kind == PACTA_STEP_BINDING) {
        for (size_t k = 0; k < s->reasons.count; k++) {
            writer_str(w, indent);
            md_text(w, s->reasons.items[k]);
            writer_str(w, "\n\n");
        }
        phrase_clear(&p);
        explain_binding_summary(&p, f);
        if (p.len) {
            phrase_line(w, indent, "", &p);
            writer_char(w, '\n');
        }
        return;
    }
    if (s->label) {
        writer_str(w, indent);
        writer_str(w, "What must be shown: ");
        md_text(w, s->label);
        writer_str(w, "\n\n");
    }
    if (s->fact_count == 0) {
        writer_str(w, indent);
        writer_str(w, "No fact is needed: the test is decided by the scenario's structure (the "
                      "events between the steps of the sequence).\n\n");
        return;
    }
    writer_str(w, indent);
    md_text(w, explain_fact_relation(s));
    writer_str(w, ":\n\n");
    for (size_t k = 0; k < s->fact_count; k++) {
        if (s->facts[k] >= f->fact_count)
            continue;
        phrase_clear(&p);
        explain_fact(&p, &f->facts[s->facts[k]]);
        phrase_line(w, indent, "- ", &p);
    }
    writer_char(w, '\n');
}

static void application(writer *w, const pacta_finding *f)
{
    size_t number = 0, letter = 0;
    writer_str(w, "\n#### Application\n\n");
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        step_item(w, f, s, ++number,
                  s->kind == PACTA_STEP_BINDING ? ' ' : explain_letter(letter++));
    }
    for (size_t i = 0; i < f->reasons.count; i++) {
        if (explain_reason_told(f, i))
            continue;
        writer_printf(w, "%zu. ", ++number);
        md_text(w, f->reasons.items[i]);
        writer_str(w, "\n\n");
    }
}

static void conclusion(writer *w, const pacta_finding *f)
{
    writer_str(w, "#### Conclusion\n\n**");
    md_text(w, explain_verdict_word(f->verdict));
    writer_str(w, ".** ");
    md_text(w, explain_conclusion_rest(f));
    writer_char(w, '\n');
    if (f->caveats.count == 0 && f->missing.count == 0)
        return;
    writer_char(w, '\n');
    for (size_t i = 0; i < f->caveats.count; i++) {
        writer_str(w, "- Caveat: ");
        md_text(w, f->caveats.items[i]);
        writer_char(w, '\n');
    }
    if (f->missing.count > 0) {
        writer_str(w, "- The facts that would decide it: ");
        for (size_t i = 0; i < f->missing.count; i++) {
            writer_str(w, i ? ", " : "");
            md_text(w, f->missing.items[i]);
        }
        writer_char(w, '\n');
    }
}

static void finding_section(writer *w, const pacta_finding *f, size_t number,
                            const pacta_rulebase *rb, unsigned flags, notes *n)
{
    writer_printf(w, "\n### %zu. %s: ", number, explain_verdict_word(f->verdict));
    md_text(w, f->provision_label);
    writer_str(w, " " EM_DASH " ");
    md_text(w, f->actor);
    writer_str(w, ", ");
    write_events(w, f);
    writer_str(w, " (");
    md_text(w, f->date);
    writer_str(w, ")\n");
    issue(w, f);
    rule_section(w, f, rb, flags, n);
    application(w, f);
    conclusion(w, f);
}

/* ------------------------------------------------------------ timeline */

static void dated_cell(writer *w, notes *n, const pacta_rulebase *rb, const char *what,
                       const dated *d)
{
    if (what) {
        md_text(w, what);
        writer_char(w, ' ');
    }
    md_text(w, d->text);
    if (d->source)
        source_ref(w, n, rb, d->source);
}

static void range_cell(writer *w, pdate_range r)
{
    char buf[23];
    pdate_range_format(r, buf);
    md_text(w, buf);
}

/*
 * A provision for prose: its label when the rules list it, else the eId read
 * as Akoma Ntoso writes it ("art_30__para_1" is "art. 30(1)").
 */
static void eid_prose(writer *w, const instrument_def *inst, const char *eid)
{
    const provision_def *p = instrument_provision(inst, eid);
    if (p) {
        md_text(w, p->label);
        return;
    }
    if (strncmp(eid, "art_", 4) != 0) {
        md_text(w, eid);
        return;
    }
    char buf[128];
    size_t len = 0;
    const char *s = eid + 4;
    len += (size_t)snprintf(buf, sizeof buf, "art. ");
    while (*s && len + 8 < sizeof buf) {
        if (strncmp(s, "__para_", 7) == 0) {
            s += 7;
            buf[len++] = '(';
            while (*s && *s != '_' && len + 2 < sizeof buf)
                buf[len++] = *s++;
            buf[len++] = ')';
        } else if (*s == '_') {
            break; /* another subdivision: keep the eId rather than guess */
        } else {
            buf[len++] = *s++;
        }
    }
    buf[len] = '\0';
    md_text(w, *s ? eid : buf);
}

static void reservations_cell(writer *w, notes *n, const pacta_rulebase *rb,
                              const instrument_def *inst, const party_def *p)
{
    if (p->reservation_count == 0) {
        writer_str(w, "none");
        return;
    }
    for (size_t i = 0; i < p->reservation_count; i++) {
        const reservation_def *r = &p->reservations[i];
        int ignored = 0;
        writer_str(w, i ? "; " : "");
        for (size_t k = 0; k < r->count; k++) {
            writer_str(w, k ? ", " : "");
            eid_prose(w, inst, r->provisions[k]);
            ignored |= instrument_non_reservable(inst, r->provisions[k]);
        }
        if (r->source)
            source_ref(w, n, rb, r->source);
        if (r->withdrawn.set) {
            dated_cell(w, n, rb, " (withdrawn", &r->withdrawn);
            writer_char(w, ')');
        }
        if (ignored)
            writer_str(w, " (ignored: the provision admits no reservation)");
    }
}

static void denunciation_cell(writer *w, notes *n, const pacta_rulebase *rb,
                              const instrument_def *inst, const party_def *p)
{
    pdate_range effective;
    if (p->ceased.set) {
        dated_cell(w, n, rb, "ceased to be a party", &p->ceased);
        return;
    }
    if (!p->denunciation.set) {
        writer_str(w, "none");
        return;
    }
    dated_cell(w, n, rb, "notified", &p->denunciation);
    if (party_denunciation_effective(inst, p, &effective)) {
        writer_str(w, "; took effect ");
        range_cell(w, effective);
    } else {
        writer_str(w, "; ineffective: the instrument cannot be denounced");
        if (inst->denunciation_source)
            source_ref(w, n, rb, inst->denunciation_source);
    }
}

/* One period of participation p, or no record (p NULL). */
static void treaty_row(writer *w, notes *n, const pacta_rulebase *rb, const instrument_def *inst,
                       const state_def *state, const party_def *p)
{
    if (!p && instrument_may_omit(inst, state)) {
        writer_str(w, " | " EM_DASH " | " EM_DASH " | unknown: no record, and the rules' party "
                      "table is incomplete");
        source_ref(w, n, rb, inst->parties_incomplete);
        writer_str(w, " | " EM_DASH " | " EM_DASH " |\n");
        return;
    }
    if (!p) {
        writer_str(w, " | " EM_DASH " | " EM_DASH " | not a party (no record) | " EM_DASH " | " EM_DASH
                      " |\n");
        return;
    }
    writer_str(w, " | ");
    if (p->signature.set)
        dated_cell(w, n, rb, NULL, &p->signature);
    else
        writer_str(w, EM_DASH);
    writer_str(w, " | ");
    if (p->consent.set)
        dated_cell(w, n, rb, p->consent_type ? p->consent_type : "consent", &p->consent);
    else
        writer_str(w, "none: signature alone does not bind");
    writer_str(w, " | ");
    if (p->consent.set) {
        range_cell(w, party_in_force(inst, p));
        const provision_def *clause = inst->eif_clause ? instrument_provision(inst, inst->eif_clause)
                                                       : NULL;
        if (clause) {
            writer_str(w, " (");
            md_text(w, clause->label);
            writer_char(w, ')');
        }
    } else {
        writer_str(w, "not bound");
    }
    writer_str(w, " | ");
    reservations_cell(w, n, rb, inst, p);
    writer_str(w, " | ");
    denunciation_cell(w, n, rb, inst, p);
    writer_str(w, " |\n");
}

static int names_state(const instrument_def *inst, const char *state)
{
    for (size_t i = 0; i < inst->state_count; i++)
        if (strcmp(inst->states[i]->code, state) == 0)
            return 1;
    return 0;
}

static void other_row(writer *w, notes *n, const pacta_rulebase *rb, const instrument_def *inst,
                      const char *state)
{
    writer_str(w, " | " EM_DASH " | " EM_DASH " | ");
    if (inst->kind == BIND_CUSTOMARY) {
        writer_str(w, "binds every state");
        if (inst->binds_from.set)
            dated_cell(w, n, rb, " from", &inst->binds_from);
    } else if (names_state(inst, state)) {
        dated_cell(w, n, rb, "from", &inst->in_force);
    } else {
        writer_str(w, "does not bind this state");
    }
    writer_str(w, " | " EM_DASH " | " EM_DASH " |\n");
}

static void timeline(writer *w, const pacta_report *rep, const pacta_rulebase *rb, notes *n)
{
    writer_str(w, "\n## Binding timeline\n\n");
    if (!rb) {
        writer_str(w, "No rulebase was given to the renderer, so no timeline can be drawn.\n");
        return;
    }
    writer_str(w, "Each acting state's record under every instrument of the rules. The date "
                  "an instrument came into force for a state is computed from its consent and "
                  "the instrument's entry-into-force clause, never typed.\n");
    for (size_t a = 0; a < rep->actors.count; a++) {
        const char *code = rep->actors.items[a];
        const state_def *st = rb_state(rb, code);
        writer_str(w, "\n### ");
        md_text(w, code);
        if (st) {
            writer_str(w, " (");
            md_text(w, st->name);
            writer_char(w, ')');
        }
        writer_str(w, "\n\n| Instrument | Signature | Consent | In force for ");
        md_text(w, code);
        writer_str(w, " | Reservations | Denunciation |\n|---|---|---|---|---|---|\n");
        for (size_t i = 0; i < rb->instrument_count; i++) {
            const instrument_def *inst = rb->instruments[i];
            if ((inst->kind == BIND_DOMESTIC || inst->kind == BIND_BILATERAL) &&
                !names_state(inst, code))
                continue;
            const party_def *p = inst->kind == BIND_TREATY ? instrument_party(inst, code) : NULL;
            do { /* a row per period of participation */
                writer_str(w, "| ");
                md_text(w, inst->short_title);
                if (inst->kind == BIND_TREATY)
                    treaty_row(w, n, rb, inst, st, p);
                else
                    other_row(w, n, rb, inst, code);
            } while (p && (p = p->next));
        }
    }
}

/* ------------------------------------------------------------ report */

void render_markdown(writer *w, const pacta_report *rep, const pacta_rulebase *rb, unsigned flags)
{
    notes n = {arena_new(w->alloc), {0}, 0};
    if (!n.ar) {
        w->status = PACTA_ENOMEM;
        return;
    }
    if (citation_style(flags) == PACTA_CITE_LABEL)
        flags |= PACTA_RENDER_CITE(PACTA_CITE_PLAIN);
    const char *title = rep->scenario_title && *rep->scenario_title ? rep->scenario_title
                                                                    : rep->scenario_name;
    writer_str(w, "# ");
    md_text(w, title);
    writer_str(w, "\n\n- Scenario file: ");
    md_text(w, rep->scenario_name);
    if (rb)
        writer_printf(w, "\n- Rulebase: %zu files, SHA-256 %s", pacta_rulebase_file_count(rb),
                      pacta_rulebase_digest(rb));
    writer_str(w, "\n- pacta " PACTA_VERSION_STRING "; each finding is set out as Issue, Rule, "
                  "Application, Conclusion\n");
    summary(w, rep, flags);
    size_t shown = 0;
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        if (f->verdict == PACTA_NOT_APPLICABLE && !(flags & PACTA_RENDER_ALL))
            continue;
        if (!shown)
            writer_str(w, "\n## Findings\n");
        finding_section(w, f, i + 1, rb, flags, &n);
        shown++;
    }
    timeline(w, rep, rb, &n);
    write_notes(w, &n);
    if (n.oom && w->status == PACTA_OK)
        w->status = PACTA_ENOMEM;
    arena_free(n.ar);
}
