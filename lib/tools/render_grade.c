/*
 * render_grade.c: a graded answer file for the student (text) and for
 * programs (JSON). Every lost point is shown with the step of the engine's
 * analysis that decides it: the step's kind, id and provision, what must be
 * shown, its value, and each fact it used with where the fact came from;
 * for the binding step, the sentences that establish (or deny) it.
 */
#include <stdio.h>
#include <string.h>

#include "report/explain.h"
#include "tools/grade.h"

/* ------------------------------------------------------------ text */

/* "KP.torture_on_return = true (from condition: conditions[1] (line 57), source coi-2014)" */
static void fact_phrase(phrase *p, const rp_fact *x)
{
    if (x->display)
        phrase_add(p, "%s", x->display);
    else
        phrase_add(p, "%s = %s", x->ref, pacta_truth_name(x->value));
    if (x->from == PACTA_FROM_NOWHERE) {
        phrase_add(p, " (not stated)");
        return;
    }
    phrase_add(p, " (from %s", pacta_provenance_name(x->from));
    if (x->detail)
        phrase_add(p, ": %s", x->detail);
    if (x->source)
        phrase_add(p, ", source %s", x->source);
    if (x->text)
        phrase_add(p, ", text \"%.80s\"", x->text);
    phrase_add(p, ")");
}

static void step_heading(phrase *p, const rp_step *s)
{
    phrase_add(p, "%s", pacta_step_kind_name(s->kind));
    if (s->kind != PACTA_STEP_BINDING)
        phrase_add(p, " %s", s->id);
    if (s->provision_label)
        phrase_add(p, " (%s)", s->provision_label);
    phrase_add(p, ": %s", pacta_truth_name(s->value));
}

static void text_step(writer *w, size_t indent, const char *prefix, const pacta_finding *f,
                      const rp_step *s)
{
    phrase p;
    phrase_clear(&p);
    step_heading(&p, s);
    text_item(w, indent, prefix, p.buf);
    if (s->label)
        text_item(w, indent + 2, "", s->label);
    for (size_t k = 0; k < s->fact_count; k++) {
        if (s->facts[k] >= f->fact_count)
            continue;
        phrase_clear(&p);
        fact_phrase(&p, &f->facts[s->facts[k]]);
        text_item(w, indent + 2, "- ", p.buf);
    }
    if (s->kind == PACTA_STEP_BINDING)
        for (size_t k = 0; k < s->reasons.count; k++)
            text_item(w, indent + 2, "- ", s->reasons.items[k]);
}

static int shown_above(const graded_answer *a, const rp_step *s)
{
    for (size_t i = 0; i < a->deciding_count; i++)
        if (a->deciding[i] == s)
            return 1;
    return 0;
}

static void text_answer(writer *w, const graded_answer *a)
{
    phrase p;
    phrase_clear(&p);
    phrase_add(&p, "line %u: %s %s %s", a->line, a->event, a->instrument, a->provision);
    if (a->rule)
        phrase_add(&p, " [%s]", a->rule);
    phrase_add(&p, ": %zu/%zu point%s", a->points, a->possible, a->possible == 1 ? "" : "s");
    writer_char(w, '\n');
    text_item(w, 0, a->passed ? "PASS  " : "FAIL  ", p.buf);
    if (a->finding) {
        phrase_clear(&p);
        phrase_add(&p, "%s, whose verdict is %s", a->finding->rule,
                   pacta_verdict_name(a->finding->verdict));
        text_item(w, 2, "graded against ", p.buf);
    } else {
        text_item(w, 2, "",
                  "no finding matches this event, instrument and provision: no rule of it "
                  "applies to the event, which counts as not_applicable");
    }
    phrase_clear(&p);
    if (a->answered == a->actual) {
        phrase_add(&p, "verdict %s", pacta_verdict_name(a->answered));
        text_item(w, 2, "ok: ", p.buf);
    } else {
        phrase_add(&p, "verdict: answered %s; pacta finds %s", pacta_verdict_name(a->answered),
                   pacta_verdict_name(a->actual));
        text_item(w, 2, "wrong: ", p.buf);
        for (size_t i = 0; i < a->deciding_count; i++)
            text_step(w, 4, "decided by ", a->finding, a->deciding[i]);
    }
    for (size_t i = 0; i < a->step_count; i++) {
        const graded_step *s = &a->steps[i];
        phrase_clear(&p);
        phrase_add(&p, "%s %s: answered %s", pacta_step_kind_name(s->kind), s->id,
                   pacta_truth_name(s->answered));
        if (!s->graded) {
            phrase_add(&p, " (%s)", s->note);
            text_item(w, 2, "not graded: ", p.buf);
        } else if (s->correct) {
            text_item(w, 2, "ok: ", p.buf);
        } else if (!s->step) {
            phrase_add(&p, "; %s", s->note);
            text_item(w, 2, "wrong: ", p.buf);
        } else {
            phrase_add(&p, "; pacta finds %s", pacta_truth_name(s->step->value));
            text_item(w, 2, "wrong: ", p.buf);
            if (shown_above(a, s->step)) {
                phrase_clear(&p);
                step_heading(&p, s->step);
                phrase_add(&p, ", shown above");
                text_item(w, 4, "decided by ", p.buf);
            } else {
                text_step(w, 4, "decided by ", a->finding, s->step);
            }
        }
    }
}

void render_grade_text(writer *w, const pacta_grade *g)
{
    phrase p;
    phrase_clear(&p);
    phrase_add(&p, "%s against %s", g->file, g->scenario);
    text_item(w, 0, "Grading ", p.buf);
    if (g->student)
        text_item(w, 2, "student: ", g->student);
    if (g->stamp.set)
        writer_printf(w, "  rulebase: %zu files, sha256 %.16s\xE2\x80\xA6\n", g->stamp.files,
                      g->stamp.digest);
    writer_str(w, "  pacta " PACTA_VERSION_STRING "\n");
    for (size_t i = 0; i < g->answer_count; i++)
        text_answer(w, &g->answers[i]);
    if (g->not_answered_count) {
        writer_char(w, '\n');
        text_item(w, 0, "Not answered (findings no answer is graded against; they cost nothing):",
                  "");
        for (size_t i = 0; i < g->not_answered_count; i++) {
            const pacta_finding *f = g->not_answered[i];
            phrase_clear(&p);
            phrase_add(&p, "%s %s %s [%s] (", pacta_verdict_name(f->verdict), f->instrument,
                       f->provision, f->rule);
            for (size_t k = 0; k < f->events.count; k++)
                phrase_add(&p, "%s%s", k ? ", " : "", f->events.items[k]);
            phrase_add(&p, ")");
            text_item(w, 2, "- ", p.buf);
        }
    }
    writer_printf(w, "\nScore: %zu/%zu points\n%zu passed, %zu failed\n", g->points, g->possible,
                  g->passed, g->failed);
}

/* ------------------------------------------------------------ JSON */

static void json_step(writer *w, const pacta_finding *f, const rp_step *s)
{
    int n = 0;
    writer_char(w, '{');
    json_step_head(w, &n, s);
    json_key(w, &n, "facts");
    writer_char(w, '[');
    for (size_t k = 0, shown = 0; k < s->fact_count; k++) {
        if (s->facts[k] >= f->fact_count)
            continue;
        if (shown++)
            writer_char(w, ',');
        json_fact(w, &f->facts[s->facts[k]], 0);
    }
    writer_char(w, ']');
    json_member_strings(w, &n, "reasons", s->reasons.count, s->reasons.items);
    writer_char(w, '}');
}

static void json_answer(writer *w, const graded_answer *a)
{
    int n = 0, m = 0;
    writer_char(w, '{');
    json_key(w, &n, "line");
    writer_printf(w, "%u", a->line);
    json_member_string(w, &n, "event", a->event);
    json_member_string(w, &n, "instrument", a->instrument);
    json_member_string(w, &n, "provision", a->provision);
    json_member_opt(w, &n, "rule_answered", a->rule);
    json_key(w, &n, "rule");
    if (a->finding)
        writer_json_string(w, a->finding->rule);
    else
        writer_str(w, "null");
    json_member_bool(w, &n, "passed", a->passed);
    json_member_size(w, &n, "points", a->points);
    json_member_size(w, &n, "possible", a->possible);
    json_key(w, &n, "verdict");
    writer_char(w, '{');
    json_member_string(w, &m, "answered", pacta_verdict_name(a->answered));
    json_member_string(w, &m, "actual", pacta_verdict_name(a->actual));
    json_member_bool(w, &m, "correct", a->answered == a->actual);
    json_key(w, &m, "deciding_steps");
    writer_char(w, '[');
    for (size_t i = 0; i < a->deciding_count; i++) {
        if (i)
            writer_char(w, ',');
        json_step(w, a->finding, a->deciding[i]);
    }
    writer_str(w, "]}");
    json_key(w, &n, "steps");
    writer_char(w, '[');
    for (size_t i = 0; i < a->step_count; i++) {
        const graded_step *s = &a->steps[i];
        int k = 0;
        writer_str(w, i ? ",{" : "{");
        json_member_string(w, &k, "kind", pacta_step_kind_name(s->kind));
        json_member_string(w, &k, "id", s->id);
        json_key(w, &k, "line");
        writer_printf(w, "%u", s->line);
        json_member_string(w, &k, "answered", pacta_truth_name(s->answered));
        json_key(w, &k, "actual");
        if (s->step)
            writer_json_string(w, pacta_truth_name(s->step->value));
        else
            writer_str(w, "null");
        json_member_bool(w, &k, "graded", s->graded);
        json_member_bool(w, &k, "correct", s->correct);
        json_member_opt(w, &k, "note", s->note);
        if (s->step) {
            json_key(w, &k, "step");
            json_step(w, a->finding, s->step);
        }
        writer_char(w, '}');
    }
    writer_str(w, "]}");
}

void render_grade_json(writer *w, const pacta_grade *g)
{
    int n = 0, m = 0;
    writer_char(w, '{');
    json_head(w, &n, &g->stamp);
    json_member_string(w, &n, "answers", g->file);
    json_member_string(w, &n, "scenario", g->scenario);
    json_member_opt(w, &n, "student", g->student);
    json_key(w, &n, "results");
    writer_char(w, '[');
    for (size_t i = 0; i < g->answer_count; i++) {
        if (i)
            writer_char(w, ',');
        json_answer(w, &g->answers[i]);
    }
    writer_char(w, ']');
    json_key(w, &n, "not_answered");
    writer_char(w, '[');
    for (size_t i = 0; i < g->not_answered_count; i++) {
        const pacta_finding *f = g->not_answered[i];
        int k = 0;
        writer_str(w, i ? ",{" : "{");
        json_member_string(w, &k, "rule", f->rule);
        json_member_strings(w, &k, "events", f->events.count, f->events.items);
        json_member_string(w, &k, "instrument", f->instrument);
        json_member_string(w, &k, "provision", f->provision);
        json_member_string(w, &k, "verdict", pacta_verdict_name(f->verdict));
        writer_char(w, '}');
    }
    writer_char(w, ']');
    json_key(w, &n, "score");
    writer_char(w, '{');
    json_member_size(w, &m, "points", g->points);
    json_member_size(w, &m, "possible", g->possible);
    writer_char(w, '}');
    m = 0;
    json_key(w, &n, "summary");
    writer_char(w, '{');
    json_member_size(w, &m, "passed", g->passed);
    json_member_size(w, &m, "failed", g->failed);
    writer_char(w, '}');
    writer_char(w, '}');
}
