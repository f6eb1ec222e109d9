/*
 * grade.c: grading a student's answer file (docs/answers-format.md)
 * against the engine's own analysis of the exercise.
 *
 * The answer file is read like a scenario: a YAML tree whose every value is
 * checked where it stands, so a malformed answer is an error at its
 * file:line:column and nothing is graded. Then the scenario it names is
 * checked, each answer is matched to one finding (as an expect: entry
 * selects findings), and every value the answer gives, the verdict and each
 * element, exception and consideration, earns a point when it is the
 * engine's. A lost point keeps the steps that decide it, for the renderer
 * to explain.
 */
#include <string.h>

#include "base/error.h"
#include "base/fileio.h"
#include "tools/grade.h"
#include "load/loader.h"

static const char *const VERDICTS[] = {"violation", "no_violation", "undetermined",
                                       "not_applicable", NULL};

/* The three lists of an answer, in the order they are graded. */
static const struct {
    const char *key;
    pacta_step_kind kind;
    step_role role;
} LISTS[] = {
    {"elements", PACTA_STEP_ELEMENT, ROLE_ELEMENT},
    {"exceptions", PACTA_STEP_EXCEPTION, ROLE_EXCEPTION},
    {"considerations", PACTA_STEP_CONSIDERATION, ROLE_CONSIDERATION},
};
#define LIST_COUNT (sizeof LISTS / sizeof LISTS[0])

typedef struct grader {
    const pacta_rulebase *rb;
    pacta_grade *g;
    load_ctx lc;
} grader;

static pacta_status oom(const grader *c)
{
    return error_set(c->lc.err, PACTA_ENOMEM, c->lc.file, 0, 0, "out of memory");
}

static const char *list_key(step_role role)
{
    for (size_t i = 0; i < LIST_COUNT; i++)
        if (LISTS[i].role == role)
            return LISTS[i].key;
    return "elements";
}

/* ------------------------------------------------------------ names */

/* As an expect: entry may: the rule in full or by its id within the instrument. */
static int rule_matches(const char *wanted, const char *rule)
{
    if (!wanted)
        return 1;
    if (strcmp(wanted, rule) == 0)
        return 1;
    const char *slash = strrchr(rule, '/');
    return !strchr(wanted, '/') && slash && strcmp(wanted, slash + 1) == 0;
}

/*
 * The rules an answer may be about: the one it names, else those that weigh
 * its provision (directly, or through the instrument that incorporates the
 * rule's, as the Protocol does).
 */
static size_t candidate_rules(const pacta_rulebase *rb, const instrument_def *inst,
                              const char *provision, const char *rule, const rule_def **out)
{
    size_t n = 0;
    for (size_t i = 0; i < rb->rule_count; i++) {
        const rule_def *r = rb->rules[i];
        if (rule) {
            if (rule_matches(rule, r->id))
                out[n++] = r;
            continue;
        }
        int direct = r->instrument == inst && strcmp(r->provision->id, provision) == 0;
        int incorporated = inst->incorporates == r->instrument && inst->incorporating_provision &&
                           strcmp(inst->incorporating_provision, provision) == 0;
        if (direct || incorporated)
            out[n++] = r;
    }
    return n;
}

static const element_def *rule_step(const rule_def *r, const char *id, step_role *role)
{
    for (size_t i = 0; i < r->element_count; i++)
        if (strcmp(r->elements[i].id, id) == 0) {
            *role = r->elements[i].role;
            return &r->elements[i];
        }
    return NULL;
}

static const char *instrument_id_at(const void *list, size_t i)
{
    return ((const instrument_def *const *)list)[i]->id;
}

static const char *provision_id_at(const void *list, size_t i)
{
    return ((const provision_def *)list)[i].id;
}

static const char *event_id_at(const void *list, size_t i)
{
    return ((const sc_event *const *)list)[i]->id;
}

/* Checks an element, exception or consideration id against the rules the answer may be about. */
static pacta_status check_step_id(const grader *c, const ynode *key, step_role role,
                                  const rule_def *const *rules, size_t n, const char *what)
{
    step_role found_role = role;
    for (size_t i = 0; i < n; i++) {
        step_role r;
        if (rule_step(rules[i], key->str, &r)) {
            if (r == role)
                return PACTA_OK;
            found_role = r;
        }
    }
    if (found_role != role) {
        pacta_status st = load_error(&c->lc, key, "'%s' is not one of the %s of %s", key->str,
                                     list_key(role), what);
        error_hint(c->lc.err, "it is listed in the rules' %s: put it under '%s:'",
                   list_key(found_role), list_key(found_role));
        return st;
    }
    pacta_status st = load_error(&c->lc, key, "no rule of %s has %s '%s'", what,
                                 role == ROLE_ELEMENT     ? "an element"
                                 : role == ROLE_EXCEPTION ? "an exception"
                                                          : "a consideration",
                                 key->str);
    const char *best = NULL;
    for (size_t i = 0; i < n && !best; i++) {
        const char *ids[64];
        size_t k = 0;
        for (size_t e = 0; e < rules[i]->element_count && k + 1 < 64; e++)
            if (rules[i]->elements[e].role == role)
                ids[k++] = rules[i]->elements[e].id;
        ids[k] = NULL;
        best = suggest_from_list(key->str, ids);
    }
    if (best)
        error_hint(c->lc.err, "did you mean '%s'?", best);
    else if (n == 0)
        error_hint(c->lc.err, "no rule weighs this provision; give the verdict only");
    else
        error_hint(c->lc.err, "`pacta check --format json` lists each finding's steps with their ids");
    return st;
}

/* ------------------------------------------------------------ reading */

static pacta_status read_steps(const grader *c, const ynode *map, graded_answer *a,
                               const rule_def *const *rules, size_t n, const char *what)
{
    size_t total = 0;
    for (size_t l = 0; l < LIST_COUNT; l++) {
        const ynode *list = ymap_get(map, LISTS[l].key);
        if (!list)
            continue;
        if (list->kind != YNODE_MAP)
            return load_error(&c->lc, list,
                              "'%s' must be a mapping of ids to true, false or unknown",
                              LISTS[l].key);
        total += list->count;
    }
    a->steps = arena_array(c->lc.ar, total ? total : 1, sizeof *a->steps);
    if (!a->steps)
        return oom(c);
    for (size_t l = 0; l < LIST_COUNT; l++) {
        const ynode *list = ymap_get(map, LISTS[l].key);
        for (size_t i = 0; list && i < list->count; i++) {
            const ynode *key = ymap_key(list, i);
            graded_step *s = &a->steps[a->step_count++];
            s->kind = LISTS[l].kind;
            s->id = key->str;
            s->line = key->line;
            pacta_status st = check_step_id(c, key, LISTS[l].role, rules, n, what);
            if (st == PACTA_OK)
                st = load_truth_node(&c->lc, ymap_value(list, i), &s->answered);
            if (st != PACTA_OK)
                return st;
        }
    }
    return PACTA_OK;
}

static pacta_status read_verdict(const grader *c, const ynode *map, pacta_verdict *out)
{
    const char *verdict;
    pacta_status st = load_ident(&c->lc, map, "verdict", 1, &verdict);
    if (st != PACTA_OK)
        return st;
    for (size_t k = 0; VERDICTS[k]; k++)
        if (strcmp(VERDICTS[k], verdict) == 0) {
            *out = (pacta_verdict)k;
            return PACTA_OK;
        }
    st = load_error(&c->lc, ymap_get(map, "verdict"), "unknown verdict '%s'", verdict);
    const char *near = suggest_from_list(verdict, VERDICTS);
    error_hint(c->lc.err, near ? "did you mean '%s'?" : "%s",
               near ? near : "violation, no_violation, undetermined or not_applicable");
    return st;
}

static pacta_status read_answer(const grader *c, const ynode *n, graded_answer *a)
{
    static const char *const keys[] = {"event", "instrument", "provision", "rule", "verdict",
                                       "elements", "exceptions", "considerations", "note", NULL};
    const pacta_scenario *sc = c->g->sc;
    const pacta_rulebase *rb = c->rb;
    const instrument_def *inst = NULL;
    a->line = n->line;
    pacta_status st = load_check_map(&c->lc, n, "an answer", keys);
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "event", 1, &a->event);
    if (st == PACTA_OK) {
        size_t i = 0;
        while (i < sc->event_count && strcmp(sc->events[i]->id, a->event) != 0)
            i++;
        if (i == sc->event_count) {
            st = load_error(&c->lc, ymap_get(n, "event"), "the scenario has no event '%s'",
                            a->event);
            const char *near = suggest_name(a->event, sc->events, sc->event_count, event_id_at);
            if (near)
                error_hint(c->lc.err, "did you mean '%s'?", near);
        }
    }
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "instrument", 1, &a->instrument);
    if (st == PACTA_OK && !(inst = rb_instrument(rb, a->instrument))) {
        st = load_error(&c->lc, ymap_get(n, "instrument"), "unknown instrument '%s'",
                        a->instrument);
        const char *near = suggest_name(a->instrument, rb->instruments, rb->instrument_count,
                                        instrument_id_at);
        if (near)
            error_hint(c->lc.err, "did you mean '%s'?", near);
    }
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "provision", 1, &a->provision);
    if (st == PACTA_OK && !instrument_provision(inst, a->provision)) {
        st = load_error(&c->lc, ymap_get(n, "provision"), "instrument '%s' has no provision '%s'",
                        a->instrument, a->provision);
        const char *near = suggest_name(a->provision, inst->provisions, inst->provision_count,
                                        provision_id_at);
        if (near)
            error_hint(c->lc.err, "did you mean '%s'?", near);
    }
    if (st == PACTA_OK)
        st = load_string(&c->lc, n, "rule", 0, &a->rule);
    const rule_def **rules = NULL;
    size_t rule_count = 0;
    if (st == PACTA_OK) {
        rules = arena_array(c->lc.ar, rb->rule_count ? rb->rule_count : 1, sizeof *rules);
        if (!rules)
            return oom(c);
        rule_count = candidate_rules(rb, inst, a->provision, a->rule, rules);
        if (a->rule && rule_count == 0)
            st = load_error(&c->lc, ymap_get(n, "rule"), "unknown rule '%s'", a->rule);
    }
    if (st == PACTA_OK)
        st = read_verdict(c, n, &a->answered);
    if (st == PACTA_OK) {
        const char *what = a->rule ? arena_printf(c->lc.ar, "rule %s", a->rule)
                                   : arena_printf(c->lc.ar, "%s %s", a->instrument, a->provision);
        st = what ? read_steps(c, n, a, rules, rule_count, what) : oom(c);
    }
    return st;
}

/* Loads the scenario the answers are about, named relative to the answer file. */
static pacta_status load_scenario(grader *c, const ynode *root)
{
    const char *path;
    pacta_status st = load_string(&c->lc, root, "scenario", 1, &path);
    if (st != PACTA_OK)
        return st;
    const char *slash = strrchr(c->lc.file, '/');
    if (path[0] != '/' && slash)
        path = arena_printf(c->lc.ar, "%.*s/%s", (int)(slash - c->lc.file), c->lc.file, path);
    if (!path)
        return oom(c);
    c->g->scenario = path;
    st = pacta_scenario_load_file(&c->g->sc, c->rb, path, c->lc.err);
    if (st == PACTA_EIO) {
        /* the answer file is what is wrong: point at its scenario: line */
        char why[PACTA_ERROR_MESSAGE_MAX];
        memcpy(why, c->lc.err->message, sizeof why);
        why[sizeof why - 1] = '\0';
        st = load_error(&c->lc, ymap_get(root, "scenario"), "cannot read the scenario '%s': %s",
                        path, why);
    }
    return st;
}

static pacta_status read_answers(grader *c, const ynode *root)
{
    static const char *const keys[] = {"pacta-answers", "scenario", "student", "title", "note",
                                       "findings", NULL};
    pacta_status st = load_check_map(&c->lc, root, "an answer file", keys);
    if (st != PACTA_OK)
        return st;
    const ynode *version = ymap_get(root, "pacta-answers");
    if (!version)
        return load_error(&c->lc, root,
                          "an answer file starts with 'pacta-answers: 1' (the format version)");
    if (!yscalar_is(version, "1"))
        return load_error(&c->lc, version,
                          "unsupported answer format version; this pacta reads 1");
    st = load_string(&c->lc, root, "student", 0, &c->g->student);
    if (st == PACTA_OK && !ymap_get(root, "findings"))
        st = load_error(&c->lc, root, "an answer file needs 'findings:', the answers to grade");
    if (st == PACTA_OK)
        st = load_check_seq(&c->lc, ymap_get(root, "findings"), "'findings'");
    if (st == PACTA_OK)
        st = load_scenario(c, root);
    if (st != PACTA_OK)
        return st;
    const ynode *list = ymap_get(root, "findings");
    c->g->answers = arena_array(c->lc.ar, list->count ? list->count : 1, sizeof *c->g->answers);
    if (!c->g->answers)
        return oom(c);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        st = read_answer(c, list->items[i], &c->g->answers[i]);
        c->g->answer_count = i + 1;
    }
    return st;
}

/* ------------------------------------------------------------ grading */

static int selects(const graded_answer *a, const pacta_finding *f)
{
    int has_event = 0;
    for (size_t i = 0; i < f->events.count; i++)
        has_event |= strcmp(f->events.items[i], a->event) == 0;
    return has_event && strcmp(f->instrument, a->instrument) == 0 &&
           strcmp(f->provision, a->provision) == 0 && rule_matches(a->rule, f->rule);
}

static const rp_step *finding_step(const pacta_finding *f, pacta_step_kind kind, const char *id)
{
    for (size_t i = 0; f && i < f->step_count; i++)
        if (f->steps[i].kind == kind && strcmp(f->steps[i].id, id) == 0)
            return &f->steps[i];
    return NULL;
}

/* Of the selected findings: the one with the most of the answer's steps, then its verdict. */
static const pacta_finding *choose(const pacta_report *rep, const graded_answer *a)
{
    const pacta_finding *best = NULL;
    size_t best_score = 0;
    for (size_t i = 0; i < rep->finding_count; i++) {
        const pacta_finding *f = rep->findings[i];
        if (!selects(a, f))
            continue;
        size_t score = 1 + (f->verdict == a->answered);
        for (size_t k = 0; k < a->step_count; k++)
            score += 2 * (finding_step(f, a->steps[k].kind, a->steps[k].id) != NULL);
        if (score > best_score) {
            best = f;
            best_score = score;
        }
    }
    return best;
}

/* The steps that decide the verdict the answer missed, as docs/answers-format.md lists them. */
static int deciding_steps(arena *ar, graded_answer *a)
{
    const pacta_finding *f = a->finding;
    if (!f || a->answered == f->verdict)
        return 0;
    a->deciding = arena_array(ar, f->step_count ? f->step_count : 1, sizeof *a->deciding);
    if (!a->deciding)
        return -1;
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        int decides = 0;
        switch (f->verdict) {
        case PACTA_NOT_APPLICABLE:
            decides = s->kind == PACTA_STEP_BINDING;
            break;
        case PACTA_NO_VIOLATION:
            decides = (s->kind == PACTA_STEP_ELEMENT && s->value == PACTA_FALSE) ||
                      (s->kind == PACTA_STEP_EXCEPTION && s->value == PACTA_TRUE);
            break;
        case PACTA_UNDETERMINED:
            decides = (s->kind == PACTA_STEP_BINDING || s->kind == PACTA_STEP_ELEMENT) &&
                      s->value == PACTA_UNKNOWN;
            break;
        case PACTA_VIOLATION:
            decides = a->answered == PACTA_NOT_APPLICABLE ? s->kind == PACTA_STEP_BINDING
                                                          : s->kind == PACTA_STEP_ELEMENT;
            break;
        }
        if (decides)
            a->deciding[a->deciding_count++] = s;
    }
    return 0;
}

static int weighed_anything(const pacta_finding *f)
{
    for (size_t i = 0; i < f->step_count; i++)
        if (f->steps[i].kind != PACTA_STEP_BINDING)
            return 1;
    return 0;
}

static int grade_answer(pacta_grade *g, graded_answer *a)
{
    a->finding = choose(g->rep, a);
    a->actual = a->finding ? a->finding->verdict : PACTA_NOT_APPLICABLE;
    a->possible = 1;
    a->points = a->answered == a->actual;
    if (deciding_steps(g->ar, a))
        return -1;
    for (size_t i = 0; i < a->step_count; i++) {
        graded_step *s = &a->steps[i];
        const pacta_finding *f = a->finding;
        if (!f) {
            s->note = "no finding is selected, so nothing was weighed";
            continue;
        }
        if (!weighed_anything(f)) {
            s->note = arena_printf(g->ar,
                                   "not weighed: the analysis of %s stops at the binding step "
                                   "(%s was not bound, or the rule binds no one)",
                                   f->rule, f->actor);
            if (!s->note)
                return -1;
            continue;
        }
        s->graded = 1;
        a->possible++;
        s->step = finding_step(f, s->kind, s->id);
        if (!s->step) {
            s->note = arena_printf(g->ar, "the finding's rule, %s, has no %s '%s'", f->rule,
                                   pacta_step_kind_name(s->kind), s->id);
            if (!s->note)
                return -1;
            continue;
        }
        s->correct = s->step->value == s->answered;
        a->points += (size_t)s->correct;
    }
    a->passed = a->points == a->possible;
    return 0;
}

static int grade_all(pacta_grade *g)
{
    for (size_t i = 0; i < g->answer_count; i++) {
        graded_answer *a = &g->answers[i];
        if (grade_answer(g, a))
            return -1;
        g->points += a->points;
        g->possible += a->possible;
        if (a->passed)
            g->passed++;
        else
            g->failed++;
    }
    g->not_answered = arena_array(g->ar, g->rep->finding_count ? g->rep->finding_count : 1,
                                  sizeof *g->not_answered);
    if (!g->not_answered)
        return -1;
    for (size_t k = 0; k < g->rep->finding_count; k++) {
        const pacta_finding *f = g->rep->findings[k];
        int answered = f->verdict == PACTA_NOT_APPLICABLE;
        for (size_t i = 0; !answered && i < g->answer_count; i++)
            answered = g->answers[i].finding == f;
        if (!answered)
            g->not_answered[g->not_answered_count++] = f;
    }
    return 0;
}

/* ------------------------------------------------------------ public */

void pacta_grade_free(pacta_grade *g)
{
    if (!g)
        return;
    pacta_report_free(g->rep);
    pacta_scenario_free(g->sc);
    arena_free(g->ar);
}

pacta_status pacta_grade_buffer(pacta_grade **out, const pacta_rulebase *rb, const char *name,
                                const char *data, size_t len, pacta_error *err)
{
    if (!out || !rb || !rb->finished || (!data && len))
        return error_set(err, PACTA_EUSAGE, name ? name : "", 0, 0,
                         "pacta_grade_buffer: invalid argument");
    *out = NULL;
    if (!name)
        name = "<buffer>";
    if (len > rb->opts.max_input_bytes)
        return error_set(err, PACTA_ELIMIT, name, 1, 1, "input is larger than the limit of %zu bytes",
                         rb->opts.max_input_bytes);
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_grade *g = ar ? arena_alloc(ar, sizeof *g) : NULL;
    char *copy = g ? arena_strndup(ar, data ? data : "", len) : NULL;
    const char *file = copy ? arena_strdup(ar, name) : NULL;
    yreader *reader = file ? yreader_new(file, copy, len, &rb->opts) : NULL;
    if (!reader) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    }
    g->ar = ar;
    g->file = file;
    stamp_rulebase(&g->stamp, rb);
    grader c = {rb, g, {ar, file, err}};
    ynode *root, *extra;
    pacta_status st = yreader_next(reader, ar, &root, err);
    if (st == PACTA_DONE)
        st = error_set(err, PACTA_EINPUT, file, 1, 1, "no answers: the input is empty");
    if (st == PACTA_OK && (st = yreader_next(reader, ar, &extra, err)) == PACTA_OK)
        st = load_error(&c.lc, extra, "an answer file holds one document; this is a second");
    else if (st == PACTA_DONE)
        st = read_answers(&c, root);
    yreader_free(reader);
    if (st == PACTA_OK)
        st = pacta_check(&g->rep, rb, g->sc, err);
    if (st == PACTA_OK && grade_all(g))
        st = error_set(err, PACTA_ENOMEM, file, 0, 0, "out of memory");
    if (st != PACTA_OK) {
        pacta_grade_free(g);
        return st;
    }
    *out = g;
    return PACTA_OK;
}

pacta_status pacta_grade_file(pacta_grade **out, const pacta_rulebase *rb, const char *path,
                              pacta_error *err)
{
    if (!out || !rb || !path)
        return error_set(err, PACTA_EUSAGE, path ? path : "", 0, 0,
                         "pacta_grade_file: invalid argument");
    *out = NULL;
    arena *scratch;
    char *data;
    size_t len;
    pacta_status st = read_file_scratch(&scratch, &rb->opts, path, &data, &len, err);
    if (st == PACTA_OK)
        st = pacta_grade_buffer(out, rb, path, data, len, err);
    arena_free(scratch);
    return st;
}

size_t pacta_grade_passed(const pacta_grade *g)
{
    return g ? g->passed : 0;
}

size_t pacta_grade_failed(const pacta_grade *g)
{
    return g ? g->failed : 0;
}

size_t pacta_grade_points(const pacta_grade *g)
{
    return g ? g->points : 0;
}

size_t pacta_grade_possible(const pacta_grade *g)
{
    return g ? g->possible : 0;
}

size_t pacta_grade_answer_count(const pacta_grade *g)
{
    return g ? g->answer_count : 0;
}

pacta_answer_view pacta_grade_answer(const pacta_grade *g, size_t i)
{
    pacta_answer_view v;
    memset(&v, 0, sizeof v);
    if (i >= pacta_grade_answer_count(g))
        return v;
    const graded_answer *a = &g->answers[i];
    v.line = a->line;
    v.event = a->event;
    v.instrument = a->instrument;
    v.provision = a->provision;
    v.rule = a->finding ? a->finding->rule : NULL;
    v.answered = a->answered;
    v.actual = a->actual;
    v.points = a->points;
    v.possible = a->possible;
    v.passed = a->passed;
    return v;
}

pacta_status pacta_grade_render(const pacta_grade *g, pacta_format format, pacta_write_fn write,
                                void *ctx)
{
    if (!g || !write || (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, arena_allocator(g->ar));
    if (format == PACTA_FORMAT_JSON)
        render_grade_json(&w, g);
    else
        render_grade_text(&w, g);
    return writer_finish(&w);
}
