/*
 * lint.c: pacta_lint(), the checks over a loaded rulebase that loading
 * alone does not make (the loader refuses malformed and unlinked rules;
 * lint looks at what is well-formed but wrong, or unaudited), and turning
 * a coverage of the example scenarios (pacta_coverage, the same count as
 * `pacta test --coverage`) into warnings at the definitions nothing
 * exercises.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "report/audit.h"
#include "base/error.h"
#include "model/rulebase.h"

struct pacta_lint_result {
    arena *ar;
    size_t count;
    pacta_problem_view *problems;
    size_t counts[PACTA_SEVERITY_COUNT];
    rulebase_stamp stamp;
    int coverage;           /* examples were given */
    size_t examples;
};

typedef struct linter {
    keeper k;
    const pacta_rulebase *rb;
    ptrvec found;           /* pacta_problem_view* */
} linter;

const char *pacta_severity_name(pacta_severity s)
{
    switch (s) {
    case PACTA_SEVERITY_ERROR:
        return "error";
    case PACTA_SEVERITY_WARNING:
        return "warning";
    case PACTA_SEVERITY_NOTE:
        break;
    }
    return "note";
}

#if defined(__GNUC__)
__attribute__((format(printf, 5, 6)))
#endif
static pacta_problem_view *problem(linter *l, pacta_severity severity, const char *check,
                                   const origin *at, const char *fmt, ...)
{
    pacta_problem_view *p = arena_alloc(l->k.ar, sizeof *p);
    va_list ap;
    va_start(ap, fmt);
    const char *message = arena_vprintf(l->k.ar, fmt, ap);
    va_end(ap);
    if (!p || !message || ptrvec_push(l->k.ar, &l->found, p)) {
        l->k.oom = 1;
        return NULL;
    }
    p->severity = severity;
    p->check = check;
    p->file = keeper_str(&l->k, at && at->file ? at->file : "");
    p->line = at ? at->line : 0;
    p->column = at ? at->column : 0;
    p->message = message;
    return p;
}

static void hint(linter *l, pacta_problem_view *p, const char *text)
{
    if (p)
        p->hint = keeper_str(&l->k, text);
}

/* ------------------------------------------------------------ reservations */

/* art_33, art_1A__para_2, art_1B__para_1__point_a: lower-case name, '_', number, joined by "__". */
static int is_eid(const char *id)
{
    const char *p = id;
    for (;;) {
        const char *name = p;
        while (*p >= 'a' && *p <= 'z')
            p++;
        if (p == name || *p != '_')
            return 0;
        const char *num = ++p;
        while ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
            p++;
        if (p == num)
            return 0;
        if (*p == '\0')
            return 1;
        if (p[0] != '_' || p[1] != '_')
            return 0;
        p += 2;
    }
}

/* Whether the instrument lists the provision reserved, or one inside it or around it. */
static int listed(const instrument_def *inst, const char *reserved)
{
    for (size_t i = 0; i < inst->provision_count; i++) {
        const char *id = inst->provisions[i].id;
        if (provision_covered(reserved, id) || provision_covered(id, reserved))
            return 1;
    }
    return 0;
}

static void check_reserved(linter *l, const instrument_def *inst, const party_def *p,
                           const reservation_def *r, const char *reserved)
{
    const char *state = p->state->code;
    if (!is_eid(reserved)) {
        hint(l, problem(l, PACTA_SEVERITY_ERROR, "reservation-unknown-provision", &r->at,
                        "%s's reservation names '%s', which is not a provision id", state,
                        reserved),
             "provision ids are Akoma Ntoso eIds: art_14, art_16__para_3, art_1B__para_1");
        return;
    }
    for (size_t i = 0; i < inst->non_reservable_count; i++) {
        const char *nr = inst->non_reservable[i];
        const char *clause = eid_label(inst, inst->non_reservable_clause);
        if (provision_covered(nr, reserved)) {
            hint(l,
                 problem(l, PACTA_SEVERITY_ERROR, "reservation-non-reservable", &r->at,
                         "%s's reservation to %s is to a provision the %s makes non-reservable "
                         "(%s, under %s)",
                         state, eid_label(inst, reserved), inst->short_title, nr, clause),
                 "pacta ignores it; check the record against its source");
            return;
        }
        if (provision_covered(reserved, nr))
            problem(l, PACTA_SEVERITY_WARNING, "reservation-partly-non-reservable", &r->at,
                    "%s's reservation to %s covers %s, which %s makes non-reservable: it is "
                    "ignored there",
                    state, eid_label(inst, reserved), eid_label(inst, nr), clause);
    }
    if (listed(inst, reserved))
        return;
    if (inst->provisions_complete)
        problem(l, PACTA_SEVERITY_ERROR, "reservation-unknown-provision", &r->at,
                "%s's reservation names %s, but the %s has no such provision", state, reserved,
                inst->short_title);
    else
        hint(l,
             problem(l, PACTA_SEVERITY_NOTE, "reservation-unchecked", &r->at,
                     "%s's reservation to %s cannot be checked: the rules list only some "
                     "provisions of the %s",
                     state, reserved, inst->short_title),
             "'provisions_complete: true' on the instrument, once it lists them all, turns "
             "this into a check");
}

/* ------------------------------------------------------------ dates */

/* a ends before b begins */
static int before(const dated *a, const dated *b)
{
    return a->set && b->set && a->when.hi < b->when.lo;
}

static void check_record(linter *l, const instrument_def *inst, const party_def *p)
{
    const char *state = p->state->code;
    if (before(&p->signature, &inst->adopted))
        problem(l, PACTA_SEVERITY_ERROR, "record-dates", &p->at,
                "%s's signature (%s) is dated before the %s was adopted (%s)", state,
                p->signature.text, inst->short_title, inst->adopted.text);
    if (before(&p->consent, &p->signature))
        problem(l, PACTA_SEVERITY_ERROR, "record-dates", &p->at,
                "%s's consent (%s) is dated before its signature (%s)", state, p->consent.text,
                p->signature.text);
    if (before(&p->succession_effective, &inst->in_force))
        hint(l,
             problem(l, PACTA_SEVERITY_ERROR, "record-dates", &p->at,
                     "%s's succession is effective %s, before the %s itself entered into force "
                     "(%s)",
                     state, p->succession_effective.text, inst->short_title, inst->in_force.text),
             "a succession cannot bind before the treaty binds anyone");
    if (p->denunciation.set && !p->consent.set)
        problem(l, PACTA_SEVERITY_ERROR, "record-dates", &p->at,
                "%s's record has a denunciation (%s) but no consent to denounce", state,
                p->denunciation.text);
    for (size_t i = 0; i < p->reservation_count; i++) {
        const reservation_def *r = &p->reservations[i];
        const dated *made = p->consent.set ? &p->consent : &p->signature;
        if (before(&r->withdrawn, made))
            problem(l, PACTA_SEVERITY_ERROR, "record-dates", &r->at,
                    "%s's reservation is withdrawn (%s) before the %s it was made with (%s)",
                    state, r->withdrawn.text, p->consent.set ? "consent" : "signature",
                    made->text);
        for (size_t k = 0; k < r->count; k++)
            check_reserved(l, inst, p, r, r->provisions[k]);
    }
}

static void check_instrument(linter *l, const instrument_def *inst)
{
    if (before(&inst->in_force, &inst->adopted))
        problem(l, PACTA_SEVERITY_ERROR, "instrument-dates", &inst->at,
                "the %s is in force from %s, before it was adopted (%s)", inst->short_title,
                inst->in_force.text, inst->adopted.text);
    for (size_t i = 0; i < inst->party_count; i++)
        for (const party_def *p = inst->parties[i]; p; p = p->next)
            check_record(l, inst, p);
    for (size_t i = 0; i < inst->unrecorded_count; i++) {
        const party_def *p = instrument_party(inst, inst->unrecorded[i]->code);
        if (p)
            hint(l,
                 problem(l, PACTA_SEVERITY_WARNING, "incomplete-lists-recorded", &p->at,
                         "%s has a record, yet the %s's party table lists it under "
                         "'incomplete: states' as a state it omits",
                         p->state->code, inst->short_title),
                 "remove the state from 'incomplete: states' now that its record is in");
    }
}

/* ------------------------------------------------------------ sources, indicators */

static void check_sources(linter *l)
{
    for (size_t i = 0; i < l->rb->source_count; i++) {
        const source_def *s = l->rb->sources[i];
        if (!s->cited)
            hint(l,
                 problem(l, PACTA_SEVERITY_WARNING, "uncited-source", &s->at,
                         "source '%s' is cited by nothing in the rules", s->id),
                 "cite it where the rules rely on it, or remove it");
    }
}

/* ------------------------------------------------------------ citations */

/* A link to a mirror: the citation must name the official record, the copy goes to read_at. */
static void check_link(linter *l, const char *what, const char *url, const origin *at)
{
    if (!what) { /* its name did not fit in memory */
        l->k.oom = 1;
        return;
    }
    const host_def *h = rb_url_host(l->rb, url);
    if (h && h->kind == HOST_MIRROR)
        hint(l,
             problem(l, PACTA_SEVERITY_WARNING, "mirror-link", at,
                     "%s links to a mirror, %s (%s), not to the official record", what, h->host,
                     h->owner),
             "link the depositary, treaty body, court or publisher, and keep the copy you read "
             "as 'read_at:'");
}

/* The identifiers an analyst can cite a source by, short of an official link. */
static int identified(const source_def *s)
{
    return s->symbol || s->series || s->case_no || s->published;
}

static void check_citable(linter *l, const source_def *s)
{
    if (!s->cited || identified(s))
        return;
    const host_def *h = rb_url_host(l->rb, s->url);
    if (h && h->kind == HOST_OFFICIAL)
        return;
    hint(l,
         problem(l, PACTA_SEVERITY_WARNING, "no-official-identifier", &s->at,
                 "source '%s' has no official identifier: no symbol, series, case number or "
                 "publication reference, and %s",
                 s->id,
                 !s->url                     ? "no link"
                 : h && h->kind == HOST_MIRROR ? "its link is a mirror"
                                               : "its link is not on a host the rules list as "
                                                 "official (hosts.yaml)"),
         "give 'symbol:', 'series:', 'case:' or 'published:', or link the official record");
}

/*
 * Two sources with the same short citation: a finding citing both would print
 * it twice. (Pinpoints of one document share its symbol, but each has a
 * short citation of its own: "CAT/C/GC/4, para. 12".)
 */
static void check_duplicate_cites(linter *l)
{
    for (size_t i = 0; i < l->rb->source_count; i++) {
        const source_def *s = l->rb->sources[i];
        for (size_t j = 0; s->cite && j < i; j++) {
            const source_def *t = l->rb->sources[j];
            if (t->cite && strcmp(t->cite, s->cite) == 0) {
                hint(l,
                     problem(l, PACTA_SEVERITY_WARNING, "duplicate-citation", &s->at,
                             "sources '%s' and '%s' are both cited as '%s'", t->id, s->id,
                             s->cite),
                     "merge them, or give each its own short citation");
                break;
            }
        }
    }
}

/* The same source twice in one list of authorities. */
static void check_authority_list(linter *l, const char *whose, const origin *at, size_t count,
                                 const char *const *ids)
{
    if (!whose) {
        l->k.oom = 1;
        return;
    }
    for (size_t i = 0; i < count; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(ids[i], ids[j]) == 0) {
                problem(l, PACTA_SEVERITY_WARNING, "duplicate-citation", at,
                        "%s cites source '%s' twice", whose, ids[i]);
                break;
            }
}

static void check_citations(linter *l)
{
    for (size_t i = 0; i < l->rb->source_count; i++) {
        const source_def *s = l->rb->sources[i];
        if (s->url)
            check_link(l, arena_printf(l->k.ar, "source '%s'", s->id), s->url,
                       s->url_at.line ? &s->url_at : &s->at);
        check_citable(l, s);
    }
    for (size_t i = 0; i < l->rb->instrument_count; i++) {
        const instrument_def *inst = l->rb->instruments[i];
        if (inst->url)
            check_link(l, arena_printf(l->k.ar, "the citation of the %s", inst->short_title),
                       inst->url, inst->url_at.line ? &inst->url_at : &inst->at);
        check_authority_list(l, inst->short_title, &inst->at, inst->authority_count,
                             inst->authorities);
    }
    for (size_t i = 0; i < l->rb->rule_count; i++) {
        const rule_def *r = l->rb->rules[i];
        check_authority_list(l, arena_printf(l->k.ar, "rule '%s'", r->id), &r->at,
                             r->authority_count, r->authorities);
        for (size_t k = 0; k < r->element_count; k++) {
            const element_def *el = &r->elements[k];
            check_authority_list(l, arena_printf(l->k.ar, "'%s' of rule '%s'", el->id, r->id),
                                 &el->at, el->authority_count, el->authorities);
        }
    }
    check_duplicate_cites(l);
}

static void check_indicators(linter *l)
{
    for (size_t i = 0; i < l->rb->indicator_count; i++) {
        const indicator_def *ind = l->rb->indicators[i];
        uint32_t min = 1;
        if (pcre2_pattern_info(ind->code, PCRE2_INFO_MINLENGTH, &min) == 0 && min == 0)
            hint(l,
                 problem(l, PACTA_SEVERITY_WARNING, "empty-match", &ind->at,
                         "indicator '%s' can match the empty string, setting '%s' on text that "
                         "says nothing",
                         ind->id, ind->fact->name),
                 "make every alternative of the pattern consume at least one character");
    }
    /* the drafter's cues that find something in a sentence (not the context ones,
     * which may look ahead without consuming) */
    for (size_t i = 0; i < l->rb->draft_cue_count; i++) {
        const draft_cue *c = l->rb->draft_cues[i];
        uint32_t min = 1;
        int finds = c->kind == CUE_ACT || c->kind == CUE_FACT || c->kind == CUE_HEDGE ||
                    c->kind == CUE_RETRACTION || c->kind == CUE_COUNT || c->kind == CUE_COUNT_VAGUE ||
                    c->kind == CUE_DATE || c->kind == CUE_DATELINE || c->kind == CUE_URL ||
                    c->kind == CUE_PUBLISHER;
        if (finds && pcre2_pattern_info(c->code, PCRE2_INFO_MINLENGTH, &min) == 0 && min == 0)
            hint(l,
                 problem(l, PACTA_SEVERITY_WARNING, "empty-match", &c->at,
                         "draft cue '%s' can match the empty string, finding something in text "
                         "that says nothing",
                         c->id),
                 "make every alternative of the pattern consume at least one character");
    }
}

/* ------------------------------------------------------------ provisions */

/* Whether anything in the rules refers to provision id of inst. */
static int referred_to(const pacta_rulebase *rb, const instrument_def *inst, const char *id)
{
    const char *clauses[] = {inst->eif_clause, inst->denunciation_clause,
                             inst->non_reservable_clause, inst->incorporating_provision};
    for (size_t i = 0; i < sizeof clauses / sizeof clauses[0]; i++)
        if (clauses[i] && strcmp(clauses[i], id) == 0)
            return 1;
    return rules_rely_on(rb, inst, id);
}

static void check_provisions(linter *l)
{
    for (size_t i = 0; i < l->rb->instrument_count; i++) {
        const instrument_def *inst = l->rb->instruments[i];
        for (size_t p = 0; p < inst->provision_count; p++)
            if (!referred_to(l->rb, inst, inst->provisions[p].id))
                hint(l,
                     problem(l, PACTA_SEVERITY_NOTE, "unused-provision", &inst->provisions[p].at,
                             "provision %s of the %s is used by no rule, element or clause: no "
                             "finding can rely on it",
                             inst->provisions[p].id, inst->short_title),
                     "cite it as the provision of a rule or element, or keep it for its text");
    }
}

/* ------------------------------------------------------------ coverage */

static void check_coverage(linter *l, const pacta_coverage *cov)
{
    size_t reports = pacta_coverage_report_count(cov);
    for (size_t i = 0; i < pacta_coverage_item_count(cov); i++) {
        pacta_coverage_item_view v = pacta_coverage_item(cov, i);
        if (v.exercised)
            continue;
        origin at = {v.file, v.line, v.column};
        switch (v.kind) {
        case PACTA_COVER_RULE:
            hint(l,
                 problem(l, PACTA_SEVERITY_WARNING, "unexercised-rule", &at,
                         "rule '%s' is exercised by no example: none of the %zu scenarios has a "
                         "finding that reached its elements",
                         v.rule, reports),
                 "add an example scenario, with an expect: block, in which the rule applies");
            break;
        case PACTA_COVER_PROVISION:
            problem(l, PACTA_SEVERITY_WARNING, "unexercised-provision", &at,
                    "%s (%s/%s) is relied on by no finding of the %zu example scenarios",
                    v.label, v.instrument, v.id, reports);
            break;
        case PACTA_COVER_ELEMENT:
        case PACTA_COVER_EXCEPTION:
        case PACTA_COVER_CONSIDERATION:
            problem(l, PACTA_SEVERITY_WARNING, "unexercised-element", &at,
                    "%s '%s' of rule '%s' is evaluated by none of the %zu example scenarios",
                    pacta_coverage_kind_name(v.kind), v.id, v.rule, reports);
            break;
        }
    }
}

/* ------------------------------------------------------------ the result */

static int compare_problems(const void *a, const void *b)
{
    const pacta_problem_view *x = *(const pacta_problem_view *const *)a;
    const pacta_problem_view *y = *(const pacta_problem_view *const *)b;
    int c = strcmp(x->file, y->file);
    if (c)
        return c;
    if (x->line != y->line)
        return x->line < y->line ? -1 : 1;
    if (x->column != y->column)
        return x->column < y->column ? -1 : 1;
    if (x->severity != y->severity)
        return x->severity < y->severity ? -1 : 1;
    c = strcmp(x->check, y->check);
    return c ? c : strcmp(x->message, y->message);
}

static void add_errors(linter *l, const pacta_lint_input *in)
{
    for (size_t i = 0; in && i < in->error_count; i++) {
        const pacta_error *e = &in->errors[i];
        origin at = {e->file, e->line, e->column};
        char message[PACTA_ERROR_MESSAGE_MAX + 1], hint_text[PACTA_ERROR_HINT_MAX + 1];
        memcpy(message, e->message, PACTA_ERROR_MESSAGE_MAX);
        message[PACTA_ERROR_MESSAGE_MAX] = '\0';
        memcpy(hint_text, e->hint, PACTA_ERROR_HINT_MAX);
        hint_text[PACTA_ERROR_HINT_MAX] = '\0';
        char file[PACTA_ERROR_FILE_MAX + 1];
        memcpy(file, e->file, PACTA_ERROR_FILE_MAX);
        file[PACTA_ERROR_FILE_MAX] = '\0';
        at.file = file;
        pacta_problem_view *p = problem(l, PACTA_SEVERITY_ERROR, "load", &at, "%s",
                                        *message ? message : pacta_status_name(e->status));
        if (*hint_text)
            hint(l, p, hint_text);
    }
}

pacta_status pacta_lint(pacta_lint_result **out, const pacta_rulebase *rb,
                        const pacta_lint_input *in, pacta_error *err)
{
    if (!out || (rb && !rb->finished) || (in && in->error_count && !in->errors))
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_lint: invalid argument");
    *out = NULL;
    arena *ar = arena_new(rb ? &rb->opts.allocator : NULL);
    pacta_lint_result *res = ar ? arena_alloc(ar, sizeof *res) : NULL;
    if (!res) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    res->ar = ar;
    stamp_rulebase(&res->stamp, rb);
    linter l = {{ar, 0}, rb, {0}};
    add_errors(&l, in);
    if (rb) {
        for (size_t i = 0; i < rb->instrument_count; i++)
            check_instrument(&l, rb->instruments[i]);
        check_sources(&l);
        check_citations(&l);
        check_indicators(&l);
        check_provisions(&l);
        if (in && in->coverage) {
            res->coverage = 1;
            res->examples = pacta_coverage_report_count(in->coverage);
            check_coverage(&l, in->coverage);
        }
    }
    if (l.k.oom) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    if (l.found.count > 1)
        qsort(l.found.items, l.found.count, sizeof *l.found.items, compare_problems);
    res->count = l.found.count;
    res->problems = keeper_array(&l.k, l.found.count, sizeof *res->problems);
    if (!res->problems) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    for (size_t i = 0; i < l.found.count; i++) {
        res->problems[i] = *(pacta_problem_view *)l.found.items[i];
        res->counts[res->problems[i].severity]++;
    }
    *out = res;
    return PACTA_OK;
}

void pacta_lint_result_free(pacta_lint_result *res)
{
    if (res)
        arena_free(res->ar);
}

size_t pacta_lint_problem_count(const pacta_lint_result *res)
{
    return res ? res->count : 0;
}

pacta_problem_view pacta_lint_problem(const pacta_lint_result *res, size_t i)
{
    pacta_problem_view none = {0};
    return res && i < res->count ? res->problems[i] : none;
}

size_t pacta_lint_count(const pacta_lint_result *res, pacta_severity s)
{
    return res && (unsigned)s < PACTA_SEVERITY_COUNT ? res->counts[s] : 0;
}

/* ------------------------------------------------------------ rendering */

static void render_text(writer *w, const pacta_lint_result *res, unsigned flags)
{
    for (size_t i = 0; i < res->count; i++) {
        const pacta_problem_view *p = &res->problems[i];
        if (p->severity == PACTA_SEVERITY_NOTE && !(flags & PACTA_RENDER_ALL))
            continue;
        if (*p->file)
            writer_text(w, p->file);
        if (*p->file && p->line)
            writer_printf(w, ":%u:%u", p->line, p->column);
        writer_str(w, *p->file ? ": " : "");
        writer_printf(w, "%s: ", pacta_severity_name(p->severity));
        writer_text(w, p->message);
        if (p->hint) {
            writer_str(w, " (hint: ");
            writer_text(w, p->hint);
            writer_char(w, ')');
        }
        writer_printf(w, " [%s]\n", p->check);
    }
    size_t e = res->counts[PACTA_SEVERITY_ERROR], wn = res->counts[PACTA_SEVERITY_WARNING],
           n = res->counts[PACTA_SEVERITY_NOTE];
    writer_printf(w, "%zu error%s, %zu warning%s, %zu note%s", e, e == 1 ? "" : "s", wn,
                  wn == 1 ? "" : "s", n, n == 1 ? "" : "s");
    if (res->stamp.set)
        writer_printf(w, " in %zu rule file%s", res->stamp.files, res->stamp.files == 1 ? "" : "s");
    if (res->coverage)
        writer_printf(w, ", coverage from %zu example scenario%s", res->examples,
                      res->examples == 1 ? "" : "s");
    writer_char(w, '\n');
}

static void render_json(writer *w, const pacta_lint_result *res)
{
    int n = 0;
    writer_char(w, '{');
    json_head(w, &n, &res->stamp);
    if (res->coverage)
        json_member_size(w, &n, "examples", res->examples);
    json_key(w, &n, "problems");
    writer_char(w, '[');
    for (size_t i = 0; i < res->count; i++) {
        const pacta_problem_view *p = &res->problems[i];
        int m = 0;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_member_string(w, &m, "severity", pacta_severity_name(p->severity));
        json_member_string(w, &m, "check", p->check);
        json_member_string(w, &m, "file", p->file);
        json_member_size(w, &m, "line", p->line);
        json_member_size(w, &m, "column", p->column);
        json_member_string(w, &m, "message", p->message);
        json_member_opt(w, &m, "hint", p->hint);
        writer_char(w, '}');
    }
    writer_char(w, ']');
    int s = 0;
    json_key(w, &n, "summary");
    writer_char(w, '{');
    for (int k = 0; k < PACTA_SEVERITY_COUNT; k++)
        json_member_size(w, &s, pacta_severity_name((pacta_severity)k), res->counts[k]);
    writer_bytes(w, "}}", 2);
}

pacta_status pacta_lint_render(const pacta_lint_result *res, pacta_format format, unsigned flags,
                               pacta_write_fn write, void *ctx)
{
    if (!res || !write || (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, arena_allocator(res->ar));
    if (format == PACTA_FORMAT_JSON)
        render_json(&w, res);
    else
        render_text(&w, res, flags);
    return writer_finish(&w);
}
