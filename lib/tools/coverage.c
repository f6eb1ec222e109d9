/*
 * coverage.c: which parts of the law a set of scenarios exercises
 * (pacta_coverage_*): every rule, every element, exception and
 * consideration, and every provision a rule or element relies on, each with
 * the number of findings that exercised it, the verdicts a rule gave and
 * the values an element took. `pacta test --coverage` renders it; lint's
 * coverage checks can read the same items.
 *
 * What counts as exercised is decided from the report alone, so it means
 * what `pacta check` shows: a rule whose finding reached its elements (any
 * verdict but not_applicable); a permission, and its elements, by any
 * finding, since it is never weighed element by element (lint counts it
 * so too); a no-excuse rule by its evaluation on an
 * event, which the report keeps aside (it makes no finding of its own). The
 * handle copies what it needs from the rulebase and borrows nothing.
 */
#include <string.h>

#include "report/audit.h"
#include "base/error.h"
#include "model/model.h"
#include "model/rulebase.h"

typedef struct cover_item {
    pacta_coverage_item_view view;
    rule_nature nature;         /* rules */
    size_t first_step;          /* rules: the item index of its first element */
    size_t step_count;
    const char *provision;      /* rules and elements: the provision it relies on (eId), or NULL */
    const char *instrument;     /* ... of this instrument */
    size_t counted_in;          /* provisions: the finding that last counted it, so each counts once per finding */
} cover_item;

struct pacta_coverage {
    arena *ar;
    rulebase_stamp stamp;
    size_t reports;
    size_t count;
    cover_item *items;
    size_t rule_count;          /* rules are the items at rule_items[0..rule_count) */
    size_t *rule_items;
    size_t findings;            /* findings counted so far, numbering them from 1 */
};

const char *pacta_coverage_kind_name(pacta_coverage_kind k)
{
    switch (k) {
    case PACTA_COVER_RULE: return "rule";
    case PACTA_COVER_ELEMENT: return "element";
    case PACTA_COVER_EXCEPTION: return "exception";
    case PACTA_COVER_CONSIDERATION: return "consideration";
    case PACTA_COVER_PROVISION: return "provision";
    }
    return "invalid";
}

/* ------------------------------------------------------------ building */

static int relied_on(const pacta_rulebase *rb, const instrument_def *inst, const char *id)
{
    if (inst->incorporating_provision && strcmp(inst->incorporating_provision, id) == 0)
        return 1;
    return rules_rely_on(rb, inst, id);
}

/* Files are named relative to the rules folder: a report names no build path. */
static void set_origin(keeper *k, const pacta_rulebase *rb, pacta_coverage_item_view *v,
                       const origin *at)
{
    const char *file = rb_file_in_rules(rb, at->file);
    v->file = keeper_str(k, file ? file : "");
    v->line = at->line;
    v->column = at->column;
}

static size_t count_items(const pacta_rulebase *rb)
{
    size_t n = rb->rule_count;
    for (size_t r = 0; r < rb->rule_count; r++)
        n += rb->rules[r]->element_count;
    for (size_t i = 0; i < rb->instrument_count; i++)
        for (size_t p = 0; p < rb->instruments[i]->provision_count; p++)
            n += relied_on(rb, rb->instruments[i], rb->instruments[i]->provisions[p].id);
    return n;
}

static pacta_coverage_kind step_kind(step_role role)
{
    return role == ROLE_ELEMENT     ? PACTA_COVER_ELEMENT
           : role == ROLE_EXCEPTION ? PACTA_COVER_EXCEPTION
                                    : PACTA_COVER_CONSIDERATION;
}

static void build(pacta_coverage *cov, keeper *k, const pacta_rulebase *rb)
{
    size_t n = 0;
    for (size_t r = 0; r < rb->rule_count; r++) {
        const rule_def *rule = rb->rules[r];
        cover_item *it = &cov->items[n];
        cov->rule_items[r] = n++;
        it->view.kind = PACTA_COVER_RULE;
        it->view.instrument = keeper_str(k, rule->instrument->id);
        it->view.rule = keeper_str(k, rule->id);
        it->view.id = it->view.rule;
        it->view.label = keeper_str(k, rule->title);
        set_origin(k, rb, &it->view, &rule->at);
        it->nature = rule->nature;
        it->first_step = n;
        it->step_count = rule->element_count;
        it->instrument = it->view.instrument;
        it->provision = keeper_str(k, rule->provision->id);
        for (size_t e = 0; e < rule->element_count; e++) {
            const element_def *el = &rule->elements[e];
            cover_item *s = &cov->items[n++];
            s->view.kind = step_kind(el->role);
            s->view.instrument = it->view.instrument;
            s->view.rule = it->view.rule;
            s->view.id = keeper_str(k, el->id);
            s->view.label = keeper_str(k, el->label);
            set_origin(k, rb, &s->view, &el->at);
            s->instrument = it->view.instrument;
            s->provision = el->provision ? keeper_str(k, el->provision->id) : NULL;
        }
    }
    for (size_t i = 0; i < rb->instrument_count; i++) {
        const instrument_def *inst = rb->instruments[i];
        for (size_t p = 0; p < inst->provision_count; p++) {
            const provision_def *prov = &inst->provisions[p];
            if (!relied_on(rb, inst, prov->id))
                continue;
            cover_item *it = &cov->items[n++];
            it->view.kind = PACTA_COVER_PROVISION;
            it->view.instrument = keeper_str(k, inst->id);
            it->view.id = keeper_str(k, prov->id);
            it->view.label = keeper_printf(k, "%s %s", inst->short_title, prov->label);
            set_origin(k, rb, &it->view, &prov->at);
        }
    }
    cov->count = n;
}

pacta_status pacta_coverage_new(pacta_coverage **out, const pacta_rulebase *rb, pacta_error *err)
{
    if (!out || !rb || !rb->finished)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_coverage_new: needs a finished rulebase");
    *out = NULL;
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_coverage *cov = ar ? arena_alloc(ar, sizeof *cov) : NULL;
    keeper k = {ar, cov == NULL};
    if (cov) {
        cov->ar = ar;
        stamp_rulebase(&cov->stamp, rb);
        cov->items = keeper_array(&k, count_items(rb), sizeof *cov->items);
        cov->rule_items = keeper_array(&k, rb->rule_count, sizeof *cov->rule_items);
        cov->rule_count = rb->rule_count;
        if (!k.oom)
            build(cov, &k, rb);
    }
    if (k.oom) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    *out = cov;
    return PACTA_OK;
}

void pacta_coverage_free(pacta_coverage *cov)
{
    if (cov)
        arena_free(cov->ar);
}

/* ------------------------------------------------------------ counting */

static cover_item *find_rule(pacta_coverage *cov, const char *id)
{
    for (size_t r = 0; id && r < cov->rule_count; r++) {
        cover_item *it = &cov->items[cov->rule_items[r]];
        if (strcmp(it->view.rule, id) == 0)
            return it;
    }
    return NULL;
}

static void mark_provision(pacta_coverage *cov, const char *instrument, const char *provision)
{
    if (!instrument || !provision)
        return;
    for (size_t i = 0; i < cov->count; i++) {
        cover_item *it = &cov->items[i];
        if (it->view.kind == PACTA_COVER_PROVISION && strcmp(it->view.instrument, instrument) == 0 &&
            strcmp(it->view.id, provision) == 0) {
            if (it->counted_in != cov->findings)
                it->view.exercised++;
            it->counted_in = cov->findings;
            return;
        }
    }
}

/* One finding (or a no-excuse rule's evaluation) of rule item `rule`. */
static void count_finding(pacta_coverage *cov, cover_item *rule, const pacta_finding *f)
{
    int reached = rule->nature == NATURE_PERMISSION;
    cov->findings++;
    rule->view.verdicts[f->verdict]++;
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        if (s->kind == PACTA_STEP_BINDING || !s->id)
            continue;
        reached = 1;
        for (size_t e = 0; e < rule->step_count; e++) {
            cover_item *el = &cov->items[rule->first_step + e];
            if (strcmp(el->view.id, s->id) != 0)
                continue;
            el->view.exercised++;
            if ((unsigned)s->value < 3)
                el->view.values[s->value]++;
            mark_provision(cov, el->instrument, el->provision);
            break;
        }
    }
    if (!reached)
        return;
    if (rule->nature == NATURE_PERMISSION) /* never weighed element by element: its finding is all */
        for (size_t e = 0; e < rule->step_count; e++)
            cov->items[rule->first_step + e].view.exercised++;
    rule->view.exercised++;
    mark_provision(cov, rule->instrument, rule->provision);
    if (strcmp(f->instrument, rule->instrument) != 0 || strcmp(f->provision, rule->provision) != 0)
        mark_provision(cov, f->instrument, f->provision); /* reported through an incorporating instrument */
}

pacta_status pacta_coverage_add(pacta_coverage *cov, const pacta_report *rep, pacta_error *err)
{
    if (!cov || !rep || strcmp(cov->stamp.digest, rep->digest) != 0)
        return error_set(err, PACTA_EUSAGE, rep && rep->scenario_name ? rep->scenario_name : "", 0,
                         0, "pacta_coverage_add: the report was not checked against the rules "
                            "of this coverage");
    for (size_t i = 0; i < rep->finding_count; i++) {
        cover_item *rule = find_rule(cov, rep->findings[i]->rule);
        if (rule)
            count_finding(cov, rule, rep->findings[i]);
    }
    for (size_t i = 0; i < rep->silent_count; i++) {
        cover_item *rule = find_rule(cov, rep->silent[i]->rule);
        if (rule)
            count_finding(cov, rule, rep->silent[i]);
    }
    cov->reports++;
    return PACTA_OK;
}

/* ------------------------------------------------------------ reading */

size_t pacta_coverage_report_count(const pacta_coverage *cov)
{
    return cov ? cov->reports : 0;
}

size_t pacta_coverage_item_count(const pacta_coverage *cov)
{
    return cov ? cov->count : 0;
}

pacta_coverage_item_view pacta_coverage_item(const pacta_coverage *cov, size_t i)
{
    pacta_coverage_item_view v = {0};
    if (cov && i < cov->count)
        v = cov->items[i].view;
    return v;
}

static size_t count_kind(const pacta_coverage *cov, pacta_coverage_kind k, int exercised_only)
{
    size_t n = 0;
    for (size_t i = 0; cov && i < cov->count; i++)
        if (cov->items[i].view.kind == k && (!exercised_only || cov->items[i].view.exercised))
            n++;
    return n;
}

size_t pacta_coverage_unexercised(const pacta_coverage *cov, pacta_coverage_kind k)
{
    return count_kind(cov, k, 0) - count_kind(cov, k, 1);
}

/* ------------------------------------------------------------ text */

static void text_counts(writer *w, const pacta_coverage_item_view *v)
{
    int first = 1;
    if (v->kind == PACTA_COVER_RULE) {
        for (int k = 0; k < PACTA_VERDICT_COUNT; k++)
            if (v->verdicts[k]) {
                writer_printf(w, "%s%s %zu", first ? " (" : ", ", pacta_verdict_name((pacta_verdict)k),
                              v->verdicts[k]);
                first = 0;
            }
    } else if (v->kind != PACTA_COVER_PROVISION) {
        static const pacta_truth order[3] = {PACTA_TRUE, PACTA_FALSE, PACTA_UNKNOWN};
        for (int k = 0; k < 3; k++)
            if (v->values[order[k]]) {
                writer_printf(w, "%s%s %zu", first ? " (" : ", ", pacta_truth_name(order[k]),
                              v->values[order[k]]);
                first = 0;
            }
    }
    if (!first)
        writer_char(w, ')');
}

static void text_item_line(writer *w, size_t indent, const pacta_coverage_item_view *v)
{
    for (size_t s = 0; s < indent; s++)
        writer_char(w, ' ');
    writer_str(w, pacta_coverage_kind_name(v->kind));
    writer_char(w, ' ');
    writer_text(w, v->kind == PACTA_COVER_PROVISION ? v->label : v->id);
    if (v->exercised)
        writer_printf(w, ": %zu", v->exercised);
    else
        writer_str(w, ": NOT EXERCISED");
    text_counts(w, v);
    writer_char(w, '\n');
}

static void render_text(writer *w, const pacta_coverage *cov)
{
    writer_printf(w, "Coverage of the rules by %zu scenario%s (rulebase sha256 %s)\n",
                  cov->reports, cov->reports == 1 ? "" : "s", cov->stamp.digest);
    writer_str(w, "Counts are findings: a rule with its verdicts, then each element, exception "
                  "and consideration with the values it took.\n\n");
    for (size_t i = 0; i < cov->count; i++) {
        const pacta_coverage_item_view *v = &cov->items[i].view;
        if (v->kind == PACTA_COVER_PROVISION)
            continue;
        text_item_line(w, v->kind == PACTA_COVER_RULE ? 0 : 4, v);
    }
    writer_str(w, "\nProvisions the rules rely on:\n");
    for (size_t i = 0; i < cov->count; i++)
        if (cov->items[i].view.kind == PACTA_COVER_PROVISION)
            text_item_line(w, 4, &cov->items[i].view);
    size_t missing = 0;
    for (size_t i = 0; i < cov->count; i++) {
        const pacta_coverage_item_view *v = &cov->items[i].view;
        if (v->exercised)
            continue;
        if (!missing++)
            writer_str(w, "\nExercised by no scenario:\n");
        writer_str(w, "    ");
        writer_str(w, pacta_coverage_kind_name(v->kind));
        writer_char(w, ' ');
        if (v->kind == PACTA_COVER_PROVISION) {
            writer_text(w, v->instrument);
            writer_char(w, '/');
        } else if (v->kind != PACTA_COVER_RULE) {
            writer_text(w, v->rule);
            writer_char(w, ' ');
        }
        writer_text(w, v->id);
        writer_printf(w, " (%s:%u)\n", v->file, v->line);
    }
    if (!missing)
        writer_str(w, "\nEvery rule, element, exception, consideration and provision is "
                      "exercised.\n");
    writer_char(w, '\n');
    for (int k = 0; k < PACTA_COVER_KIND_COUNT; k++)
        writer_printf(w, "%s%ss: %zu of %zu exercised", k ? "; " : "",
                      pacta_coverage_kind_name((pacta_coverage_kind)k),
                      count_kind(cov, (pacta_coverage_kind)k, 1),
                      count_kind(cov, (pacta_coverage_kind)k, 0));
    writer_char(w, '\n');
}

/* ------------------------------------------------------------ JSON */

static void json_item(writer *w, const pacta_coverage_item_view *v)
{
    int n = 0;
    writer_char(w, '{');
    json_member_string(w, &n, "kind", pacta_coverage_kind_name(v->kind));
    json_member_string(w, &n, "instrument", v->instrument);
    json_member_opt(w, &n, "rule", v->rule);
    json_member_string(w, &n, "id", v->id);
    json_member_opt(w, &n, "label", v->label);
    json_member_string(w, &n, "file", v->file);
    json_member_size(w, &n, "line", v->line);
    json_member_size(w, &n, "exercised", v->exercised);
    if (v->kind == PACTA_COVER_RULE) {
        int m = 0;
        json_key(w, &n, "verdicts");
        writer_char(w, '{');
        for (int k = 0; k < PACTA_VERDICT_COUNT; k++)
            json_member_size(w, &m, pacta_verdict_name((pacta_verdict)k), v->verdicts[k]);
        writer_char(w, '}');
    } else if (v->kind != PACTA_COVER_PROVISION) {
        int m = 0;
        json_key(w, &n, "values");
        writer_char(w, '{');
        json_member_size(w, &m, "true", v->values[PACTA_TRUE]);
        json_member_size(w, &m, "false", v->values[PACTA_FALSE]);
        json_member_size(w, &m, "unknown", v->values[PACTA_UNKNOWN]);
        writer_char(w, '}');
    }
    writer_char(w, '}');
}

static void render_json(writer *w, const pacta_coverage *cov)
{
    int n = 0, first = 1;
    writer_char(w, '{');
    json_head(w, &n, &cov->stamp);
    json_member_size(w, &n, "reports", cov->reports);
    json_key(w, &n, "items");
    writer_char(w, '[');
    for (size_t i = 0; i < cov->count; i++) {
        writer_str(w, i ? "," : "");
        json_item(w, &cov->items[i].view);
    }
    writer_char(w, ']');
    json_key(w, &n, "unexercised");
    writer_char(w, '[');
    for (size_t i = 0; i < cov->count; i++) {
        const pacta_coverage_item_view *v = &cov->items[i].view;
        int m = 0;
        if (v->exercised)
            continue;
        writer_str(w, first ? "{" : ",{");
        first = 0;
        json_member_string(w, &m, "kind", pacta_coverage_kind_name(v->kind));
        json_member_string(w, &m, "instrument", v->instrument);
        json_member_opt(w, &m, "rule", v->rule);
        json_member_string(w, &m, "id", v->id);
        writer_char(w, '}');
    }
    writer_char(w, ']');
    json_key(w, &n, "summary");
    writer_char(w, '{');
    int s = 0;
    for (int k = 0; k < PACTA_COVER_KIND_COUNT; k++) {
        int m = 0;
        json_key(w, &s, pacta_coverage_kind_name((pacta_coverage_kind)k));
        writer_char(w, '{');
        json_member_size(w, &m, "total", count_kind(cov, (pacta_coverage_kind)k, 0));
        json_member_size(w, &m, "exercised", count_kind(cov, (pacta_coverage_kind)k, 1));
        writer_char(w, '}');
    }
    writer_str(w, "}}");
}

pacta_status pacta_coverage_render(const pacta_coverage *cov, pacta_format format,
                                   unsigned flags, pacta_write_fn write, void *ctx)
{
    (void)flags;
    if (!cov || !write || (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, arena_allocator(cov->ar));
    if (format == PACTA_FORMAT_JSON)
        render_json(&w, cov);
    else
        render_text(&w, cov);
    return writer_finish(&w);
}
