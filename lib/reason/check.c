/*
 * check.c: weighing a scenario against the rules. For each event, in date
 * order, the rules its action can complete (the rulebase's index) are
 * evaluated: sequences are matched backwards from the completing event,
 * binding is decided, then elements, exceptions and considerations, each
 * fact recorded with where it came from. The verdict follows the table in
 * the semantics spec; the finding keeps every step so that a reader can
 * audit it line by line.
 */
#include <string.h>

#include "reason/binding.h"
#include "reason/check.h"
#include "reason/declarations.h"
#include "reason/evaluation.h"
#include "base/error.h"
#include "load/expr.h"
#include "reason/facts.h"
#include "reason/onward.h"
#include "model/model.h"

/* ------------------------------------------------------------ sequences */

/* An event's position, keyed by its pair (subject, actor), to chain each pair's events. */
typedef struct pair_key {
    uintptr_t subject, actor;
    size_t index;
} pair_key;

static int compare_pair_keys(const void *a, const void *b)
{
    const pair_key *x = a, *y = b;
    if (x->subject != y->subject)
        return x->subject < y->subject ? -1 : 1;
    if (x->actor != y->actor)
        return x->actor < y->actor ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

/*
 * prev[i] is the position of the nearest earlier event with the same actor
 * and subject as event i, or SIZE_MAX: sequences walk only their own pair's
 * events, so matching them is linear in the scenario, not quadratic.
 */
static size_t *link_pairs(arena *ar, const pacta_scenario *sc)
{
    size_t n = sc->event_count;
    size_t *prev = arena_array(ar, n ? n : 1, sizeof *prev);
    pair_key *keys = arena_array(ar, n ? n : 1, sizeof *keys);
    if (!prev || !keys)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        keys[i].subject = (uintptr_t)sc->events[i]->subject;
        keys[i].actor = (uintptr_t)sc->events[i]->actor;
        keys[i].index = i;
    }
    qsort(keys, n, sizeof *keys, compare_pair_keys);
    for (size_t i = 0; i < n; i++)
        prev[keys[i].index] = i > 0 && keys[i - 1].subject == keys[i].subject &&
                                      keys[i - 1].actor == keys[i].actor
                                  ? keys[i - 1].index
                                  : SIZE_MAX;
    return prev;
}

/*
 * prev as link_pairs makes it, but only along last's own chain, which is all
 * match_sequence reads when it completes a sequence at last: one linear
 * pass instead of sorting the whole scenario, for the what-if search, which
 * weighs one rule at one event many times.
 */
static size_t *link_chain_of(arena *ar, const pacta_scenario *sc, const sc_event *last)
{
    size_t *prev = arena_array(ar, last->index + 1, sizeof *prev);
    if (!prev)
        return NULL;
    size_t before = SIZE_MAX;
    for (size_t i = 0; i <= last->index; i++) {
        const sc_event *e = sc->events[i];
        if (e->actor == last->actor && e->subject == last->subject) {
            prev[i] = before;
            before = i;
        }
    }
    return prev;
}

/*
 * Each earlier step is the nearest earlier event of the same actor and
 * subject with a matching action (found along prev, see link_pairs). Returns
 * 1 and fills steps when every step is found; *work counts the events
 * examined, against the options' budget.
 */
static int match_sequence(const pacta_scenario *sc, const size_t *prev, const rule_def *rule,
                          const sc_event *last, const sc_event **steps, size_t *work)
{
    steps[rule->step_count - 1] = last;
    size_t at = last->index;
    for (size_t k = rule->step_count - 1; k-- > 0;) {
        const sc_event *found = NULL;
        while ((at = prev[at]) != SIZE_MAX) {
            const sc_event *e = sc->events[at];
            (*work)++;
            if (rule->steps[k].actions & ((action_mask)1 << e->action->index)) {
                found = e;
                break;
            }
        }
        if (!found)
            return 0;
        steps[k] = found;
    }
    return 1;
}

/* ------------------------------------------------------------ findings */

/* The scenario's source as a reader cites it: its title (and date), not its id. */
static const char *event_source(arena *ar, const pacta_scenario *sc, const char *id)
{
    for (size_t i = 0; i < sc->source_count; i++) {
        const sc_source *s = &sc->sources[i];
        if (strcmp(s->id, id) == 0 && s->title)
            return s->date && !strstr(s->title, s->date)
                       ? arena_printf(ar, "%s, %s", s->title, s->date)
                       : s->title;
    }
    return id;
}

static const char *describe_event(arena *ar, const pacta_scenario *sc, const sc_event *e)
{
    const sc_person *p = e->subject;
    const char *who = p->count > 0 && p->nationality
                          ? arena_printf(ar, "%s (%lld persons, nationality %s)", p->id, p->count,
                                         p->nationality->code)
                      : p->count > 0 ? arena_printf(ar, "%s (%lld persons)", p->id, p->count)
                      : p->nationality ? arena_printf(ar, "%s (nationality %s)", p->id,
                                                      p->nationality->code)
                                       : p->id;
    if (!who)
        return NULL;
    const char *what = "";
    if (e->to)
        what = arena_printf(ar, " to %s", e->to->code);
    else if (e->as)
        what = arena_printf(ar, " as %s%s%s", e->as, e->basis ? ", on a basis that was " : "",
                            e->basis ? e->basis : "");
    else if (e->outcome)
        what = arena_printf(ar, " (outcome: %s)", e->outcome);
    else if (e->to_body)
        what = arena_printf(ar, " to %s", e->to_body);
    const char *cited = e->source ? arena_printf(ar, " [%s]", event_source(ar, sc, e->source)) : "";
    if (!what || !cited)
        return NULL;
    return arena_printf(ar, "%s (%s): %s %s %s%s%s.", e->id, e->date_text, e->actor->code,
                        e->action->verb, who, what, cited);
}

static rp_strings to_strings(const ptrvec *v)
{
    rp_strings s = {v->count, (const char **)v->items};
    return s;
}

static const char *truth_word(pacta_truth t)
{
    return t == PACTA_TRUE ? "established" : t == PACTA_FALSE ? "not established" : "unknown";
}

typedef struct finding_state {
    evaluation ev;
    ptrvec reasons, caveats, missing, steps, citations;
    ptrvec open_exceptions; /* caveats on the exceptions left unknown: kept unless the rule is defeated */
    /* Without prose, naming the facts an unknown element lacks waits for the
     * verdict: only an undetermined finding lists them. (leaf, event) pairs. */
    ptrvec unnamed;
    ptrvec required;        /* the facts exception requirements lack, listed after the elements' */
} finding_state;

static rp_step *new_step(finding_state *fs, pacta_step_kind kind, const char *id, const char *label,
                         const char *provision, pacta_truth value)
{
    rp_step *s = arena_alloc(fs->ev.ar, sizeof *s);
    if (!s) {
        fs->ev.oom = 1;
        return NULL;
    }
    s->kind = kind;
    s->id = id;
    s->label = label;
    s->provision = provision;
    s->value = value;
    s->fact_count = fs->ev.step_facts.count;
    s->facts = arena_array(fs->ev.ar, s->fact_count ? s->fact_count : 1, sizeof *s->facts);
    if (!s->facts) {
        fs->ev.oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < s->fact_count; i++)
        s->facts[i] = (size_t)(uintptr_t)fs->ev.step_facts.items[i] - 1;
    evaluation_push(&fs->ev, &fs->steps, s);
    return s;
}

/* Gives step s the reasons it accounts for (a copy of items[0..count)), and its provision's label. */
static void step_account(finding_state *fs, rp_step *s, const char *provision_label,
                         void *const *items, size_t count)
{
    if (!s)
        return;
    s->provision_label = provision_label;
    if (!fs->ev.prose)
        return;
    const char **copy = arena_array(fs->ev.ar, count ? count : 1, sizeof *copy);
    if (!copy) {
        fs->ev.oom = 1;
        return;
    }
    for (size_t i = 0; i < count; i++)
        copy[i] = items[i];
    s->reasons.count = count;
    s->reasons.items = copy;
}

static void cite(finding_state *fs, const char *id, const char *instrument, const char *provision,
                 const char *label, const char *source, const char *url)
{
    if (!fs->ev.prose)
        return;
    if (!label) { /* the label's allocation failed */
        fs->ev.oom = 1;
        return;
    }
    for (size_t i = 0; i < fs->citations.count; i++)
        if (rp_citation_cites(fs->citations.items[i], id, label))
            return; /* one citation of a source per finding */
    rp_citation *c = arena_alloc(fs->ev.ar, sizeof *c);
    if (!c) {
        fs->ev.oom = 1;
        return;
    }
    c->id = id;
    c->instrument = instrument;
    c->provision = provision;
    c->label = label;
    c->source = source;
    c->url = url;
    evaluation_push(&fs->ev, &fs->citations, c);
}

static void cite_provision(finding_state *fs, const instrument_def *inst, const char *id)
{
    if (!fs->ev.prose)
        return;
    const provision_def *p = instrument_provision(inst, id);
    cite(fs, NULL, inst->id, id,
         arena_printf(fs->ev.ar, "%s, %s", inst->title, p ? p->label : id),
         inst->cite ? inst->cite : inst->cite_source, inst->url);
}

static void cite_sources(finding_state *fs, size_t count, const char *const *ids)
{
    for (size_t i = 0; fs->ev.prose && i < count; i++) {
        const source_def *s = rb_source(fs->ev.rb, ids[i]);
        if (s) /* cited by what it is: its title and short citation, never its internal id */
            cite(fs, s->id, NULL, NULL, s->title, source_short_cite(s), s->url);
    }
}

/* The i-th fact the step being weighed used. */
static const rp_fact *step_fact(const finding_state *fs, size_t i)
{
    return fs->ev.facts.items[(size_t)(uintptr_t)fs->ev.step_facts.items[i] - 1];
}

/* Whether f reads, to a person, as one of the step's first n facts. */
static int read_before(const finding_state *fs, size_t n, const rp_fact *f)
{
    for (size_t k = 0; k < n; k++)
        if (rp_fact_reads_as(f, step_fact(fs, k)))
            return 1;
    return 0;
}

/* " (KP.torture_on_return = true; e2 returned them to: KP, their own state)": the step's facts. */
static const char *step_facts_text(finding_state *fs)
{
    const char *facts = "";
    for (size_t i = 0, shown = 0; i < fs->ev.step_facts.count; i++) {
        const rp_fact *f = step_fact(fs, i);
        if (read_before(fs, i, f) || (f->from == PACTA_FROM_NOWHERE && f->value != PACTA_UNKNOWN))
            continue; /* two tests on the record can read the same; a default no one stated
                       * (an optional refinement read as false) is no evidence: the step
                       * keeps it for the analysis */
        facts = f->display ? arena_printf(fs->ev.ar, "%s%s%s", facts, shown++ ? "; " : " (", f->display)
                           : arena_printf(fs->ev.ar, "%s%s%s = %s", facts, shown++ ? "; " : " (",
                                          f->ref, pacta_truth_name(f->value));
        if (!facts) {
            fs->ev.oom = 1;
            return "";
        }
    }
    return *facts ? arena_printf(fs->ev.ar, "%s)", facts) : "";
}

/* The step's sentence among the reasons and, for an exception left unknown, its caveat. */
static void say_step(finding_state *fs, const element_def *el, pacta_step_kind kind, pacta_truth v,
                     rp_step *step, const char *where, const char *facts)
{
    const char *role = kind == PACTA_STEP_ELEMENT     ? "Element"
                       : kind == PACTA_STEP_EXCEPTION ? "Exception"
                                                      : "Consideration";
    /* an exception with a requirement is only stated until the requirement is weighed */
    const char *word = kind == PACTA_STEP_EXCEPTION && el->requires && v == PACTA_TRUE
                           ? "stated"
                           : truth_word(v);
    void *sentence = arena_printf(fs->ev.ar, "%s '%s'%s%s%s: %s%s.", role, el->label,
                                  where ? " (" : "", where ? where : "", where ? ")" : "",
                                  word, facts ? facts : "");
    evaluation_push(&fs->ev, &fs->reasons, sentence);
    step_account(fs, step, where, &sentence, 1);
    if (v == PACTA_UNKNOWN && kind == PACTA_STEP_EXCEPTION) {
        const char *which = "";
        for (size_t i = 0; which && i < fs->ev.unknown.count; i++)
            which = arena_printf(fs->ev.ar, "%s%s%s", which, i ? ", " : "",
                                 (const char *)fs->ev.unknown.items[i]);
        if (!which) {
            fs->ev.oom = 1;
            which = "";
        }
        evaluation_push(&fs->ev, &fs->open_exceptions,
             arena_printf(fs->ev.ar, "Exception %s%s%s%s not established%s%s.", el->id,
                          where ? " (" : "", where ? where : "", where ? ")" : "",
                          *which ? "; unknown: " : "", which));
    }
}

/* Evaluates one element, exception or consideration as a step of the analysis. */
static pacta_truth weigh(finding_state *fs, const element_def *el, const expr_env *env,
                         pacta_step_kind kind, const rule_def *rule)
{
    fs->ev.step_facts.count = 0;
    fs->ev.unknown.count = 0;
    fs->ev.undecided.count = 0;
    pacta_truth v = expr_eval_collect(el->test, env, fs->ev.ar, &fs->ev.undecided, &fs->ev.oom);
    rp_step *step = new_step(fs, kind, el->id, el->label, el->provision ? el->provision->id : NULL, v);
    const char *where = el->provision ? el->provision->label : NULL;
    if (!fs->ev.prose) {
        /* an exception's unknowns are named only in its caveat, which is words */
        for (size_t i = 0; v == PACTA_UNKNOWN && kind == PACTA_STEP_ELEMENT &&
                           i < fs->ev.undecided.count; i++)
            evaluation_push(&fs->ev, &fs->unnamed, fs->ev.undecided.items[i]);
        step_account(fs, step, where, NULL, 0);
    } else {
        /* the facts as the test read them, before naming the unknowns reads more */
        const char *facts = step_facts_text(fs);
        for (size_t i = 0; i + 1 < fs->ev.undecided.count; i += 2)
            evaluation_collect_unknown(&fs->ev, fs->ev.undecided.items[i],
                                       fs->ev.undecided.items[i + 1]);
        if (v == PACTA_UNKNOWN && kind == PACTA_STEP_ELEMENT)
            for (size_t i = 0; i < fs->ev.unknown.count; i++)
                evaluation_push_unique(&fs->ev, &fs->missing, fs->ev.unknown.items[i]);
        say_step(fs, el, kind, v, step, where, facts);
    }
    /* a consideration decides nothing: its authorities matter only where it holds */
    if (kind != PACTA_STEP_CONSIDERATION || v == PACTA_TRUE)
        cite_sources(fs, el->authority_count, el->authorities);
    if (el->provision && kind != PACTA_STEP_CONSIDERATION)
        cite_provision(fs, rule->instrument, el->provision->id);
    return v;
}

/* Each chain of onward removal the tests followed: a reason saying where it led, and its authorities. */
static void note_chains(finding_state *fs)
{
    for (size_t i = 0; i < fs->ev.chains.count; i++)
        evaluation_push(&fs->ev, &fs->reasons,
                        (void *)onward_describe(fs->ev.ar, fs->ev.chains.items[i]));
    for (size_t i = 0; i < fs->ev.chain_tests.count; i++) {
        const expr *onward = fs->ev.chain_tests.items[i];
        cite_sources(fs, onward->authority_count, onward->authorities);
    }
    cite_sources(fs, fs->ev.derived_sources.count, (const char *const *)fs->ev.derived_sources.items);
}

/*
 * An exception whose test holds is established only if its requirement
 * holds too. Returns the requirement's value; when it is not true, the
 * facts it read are missing (the finding cannot be decided without them).
 */
static pacta_truth weigh_requirement(finding_state *fs, const element_def *el, const expr_env *env)
{
    fs->ev.step_facts.count = 0;
    fs->ev.undecided.count = 0;
    fs->ev.keep_facts = 1; /* what it read is what the finding would lack */
    pacta_truth v = expr_eval_collect(el->requires, env, fs->ev.ar, &fs->ev.undecided, &fs->ev.oom);
    fs->ev.keep_facts = fs->ev.prose;
    const char *id = arena_printf(fs->ev.ar, "%s/requires", el->id);
    rp_step *step = new_step(fs, PACTA_STEP_EXCEPTION, id, el->requires_label, NULL, v);
    const char *facts = "";
    for (size_t i = 0; facts && i < fs->ev.step_facts.count; i++) {
        const rp_fact *f = step_fact(fs, i);
        if (fs->ev.prose)
            facts = f->display
                        ? arena_printf(fs->ev.ar, "%s%s%s", facts, i ? "; " : " (", f->display)
                        : arena_printf(fs->ev.ar, "%s%s%s = %s", facts, i ? "; " : " (", f->ref,
                                       pacta_truth_name(f->value));
        if (facts && v != PACTA_TRUE && f->value != PACTA_TRUE)
            evaluation_push_unique(&fs->ev, &fs->required, f->ref);
    }
    if (!fs->ev.prose) {
        step_account(fs, step, NULL, NULL, 0);
        return v;
    }
    void *sentence = facts ? arena_printf(fs->ev.ar,
                                          "Exception '%s' rests on a fact that is stated, but it "
                                          "is established only if %s: %s%s%s.",
                                          el->label, el->requires_label, truth_word(v), facts,
                                          *facts ? ")" : "")
                           : NULL;
    evaluation_push(&fs->ev, &fs->reasons, sentence);
    step_account(fs, step, NULL, &sentence, 1);
    return v;
}

/* An absolute rule admits no exception: say so for every justification the scenario states. */
static void note_irrelevant_justifications(finding_state *fs, const rule_def *rule,
                                           const sc_event *e)
{
    for (size_t i = 0; fs->ev.prose && i < fs->ev.rb->fact_count; i++) {
        const fact_def *f = fs->ev.rb->facts[i];
        if (!f->justification)
            continue;
        fact_answer a;
        if (facts_stated(fs->ev.ar, FACT_REF | FACT_DETAIL, fs->ev.sc, e, f, REF_DESTINATION, &a) !=
            0) {
            fs->ev.oom = 1;
            return;
        }
        if (a.value != PACTA_TRUE)
            continue;
        evaluation_push(&fs->ev, &fs->caveats,
             arena_printf(fs->ev.ar,
                          "%s is stated (%s) but irrelevant here: %s admits no exception [%s].",
                          a.ref, a.detail, rule->provision->label,
                          rb_source_cited_as(fs->ev.rb, rule->absolute_source)));
    }
}

/* why is, for no_violation, what defeated the rule ("element 'x' is not established"). */
static const char *conclusion(arena *ar, pacta_verdict v, const char *actor, const char *label,
                              const char *date, const char *why)
{
    switch (v) {
    case PACTA_VIOLATION:
        return arena_printf(ar,
                            "Conclusion: violation. %s was bound by %s on %s, every element is "
                            "established and no exception is.",
                            actor, label, date);
    case PACTA_NO_VIOLATION:
        return arena_printf(ar, "Conclusion: no violation. %s was bound by %s on %s, but %s.",
                            actor, label, date, why ? why : "the rule is defeated");
    case PACTA_UNDETERMINED:
        return arena_printf(ar,
                            "Conclusion: undetermined. The facts listed as missing would decide "
                            "whether %s breached %s on %s.",
                            actor, label, date);
    case PACTA_NOT_APPLICABLE:
        break;
    }
    return arena_printf(ar, "Conclusion: not applicable. %s was not bound by %s on %s.", actor,
                        label, date);
}

/* Completes an undetermined finding's missing facts: the elements' (named
 * now, without prose), then the exception requirements'. */
static void name_missing(finding_state *fs)
{
    fs->ev.unknown.count = 0;
    for (size_t i = 0; i + 1 < fs->unnamed.count; i += 2)
        evaluation_collect_unknown(&fs->ev, fs->unnamed.items[i], fs->unnamed.items[i + 1]);
    for (size_t i = 0; i < fs->ev.unknown.count; i++)
        evaluation_push_unique(&fs->ev, &fs->missing, fs->ev.unknown.items[i]);
    for (size_t i = 0; i < fs->required.count; i++)
        evaluation_push_unique(&fs->ev, &fs->missing, fs->required.items[i]);
}

/*
 * The finding for rule at the events steps[0..step_count). With prose 0 it
 * holds the verdict and its data (binding, events, steps with their values,
 * missing facts) and no sentence: reasons, caveats, narrative, citations and
 * the steps' facts stay empty and the labels NULL (check.h).
 */
static pacta_finding *evaluate_rule(const pacta_rulebase *rb, const pacta_scenario *sc, arena *ar,
                                    const rule_def *rule, const sc_event *const *steps,
                                    size_t step_count, int prose, unsigned char *memo, int *oom)
{
    const sc_event *e = steps[step_count - 1];
    finding_state fs;
    memset(&fs, 0, sizeof fs);
    fs.ev.ar = ar;
    fs.ev.rb = rb;
    fs.ev.sc = sc;
    fs.ev.prose = prose;
    fs.ev.keep_facts = prose;
    fs.ev.memo = memo;
    pacta_finding *f = arena_alloc(ar, sizeof *f);
    binding_result b;
    if (!f || binding_for_rule(ar, rb, rule, e, prose, &b) != 0) {
        *oom = 1;
        return NULL;
    }
    const instrument_def *reported = b.instrument;
    const provision_def *prov = instrument_provision(reported, b.provision);
    f->rule = rule->id;
    f->rule_title = rule->title;
    f->actor = e->actor->code;
    f->date = arena_strdup(ar, e->date_text);
    f->instrument = reported->id;
    f->provision = b.provision;
    f->provision_label = !prose ? NULL
                         : arena_printf(ar, "%s %s", reported->short_title,
                                        prov ? prov->label : b.provision);
    f->provision_text = rule->provision->text;
    f->basis = reported->kind == BIND_TREATY      ? "treaty"
               : reported->kind == BIND_CUSTOMARY ? "customary"
               : reported->kind == BIND_DOMESTIC  ? "domestic"
                                                  : "bilateral";
    f->binding = b.view;

    ptrvec events = {0}, acts = {0};
    for (size_t i = 0; i < step_count; i++) {
        evaluation_push(&fs.ev, &events, arena_strdup(ar, steps[i]->id));
        evaluation_push(&fs.ev, &acts, (void *)steps[i]->action->verb);
        if (prose)
            evaluation_push(&fs.ev, &fs.reasons, (void *)describe_event(ar, sc, steps[i]));
    }
    f->events = to_strings(&events);
    f->acts = to_strings(&acts);
    if (prose) {
        f->narrative.items = arena_array(ar, step_count, sizeof *f->narrative.items);
        if (f->narrative.items && fs.reasons.count == step_count) {
            f->narrative.count = step_count;
            memcpy(f->narrative.items, fs.reasons.items, step_count * sizeof *f->narrative.items);
        } else {
            fs.ev.oom = 1;
        }
    }
    /* a declaration the actor made may take the case outside what it accepted: part of "was it bound?" */
    const party_declaration *declared = NULL;
    if (b.bound != PACTA_FALSE && rule->nature != NATURE_PERMISSION) {
        expr_env denv = {sc, e, steps, step_count, evaluation_resolve_leaf, &fs.ev};
        fs.ev.step_facts.count = 0;
        if (declarations_weigh(&fs.ev, &denv, e, &b, &fs.missing, &declared) != 0) {
            *oom = 1;
            return NULL;
        }
    }
    for (size_t i = 0; i < b.reasons.count; i++)
        evaluation_push(&fs.ev, &fs.reasons, b.reasons.items[i]);
    for (size_t i = 0; i < b.caveats.count; i++)
        evaluation_push(&fs.ev, &fs.caveats, b.caveats.items[i]);
    rp_step *bound_step = new_step(
        &fs, PACTA_STEP_BINDING, "binding",
        !prose ? NULL
               : arena_printf(ar, "whether %s was bound by %s on %s", f->actor, f->provision_label,
                              f->date),
        b.provision, b.bound);
    step_account(&fs, bound_step, prov ? prov->label : NULL, b.reasons.items, b.reasons.count);
    cite_provision(&fs, reported, b.provision);
    if (b.via)
        cite_provision(&fs, rule->instrument, rule->provision->id);
    if (declared) {
        cite_provision(&fs, reported, declared->kind->provision->id);
        cite_sources(&fs, 1, &declared->source);
    }

    pacta_verdict verdict;
    const char *defeat = NULL;
    if (rule->nature == NATURE_PERMISSION) {
        /* a permission binds no one: there is nothing to breach, whatever the facts */
        verdict = PACTA_NOT_APPLICABLE;
        if (prose)
            evaluation_push(&fs.ev, &fs.reasons,
                 arena_printf(ar,
                              "%s is a permission, not an obligation: it allows %s to act but "
                              "does not require it to, so not acting on it breaches nothing.",
                              f->provision_label, f->actor));
    } else if (b.bound == PACTA_FALSE) {
        verdict = PACTA_NOT_APPLICABLE;
    } else {
        expr_env env = {sc, e, steps, step_count, evaluation_resolve_leaf, &fs.ev};
        pacta_truth elements = PACTA_TRUE;
        int exception = 0, unproven = 0;
        for (size_t i = 0; i < rule->element_count; i++) {
            const element_def *el = &rule->elements[i];
            pacta_step_kind kind = el->role == ROLE_ELEMENT     ? PACTA_STEP_ELEMENT
                                   : el->role == ROLE_EXCEPTION ? PACTA_STEP_EXCEPTION
                                                                : PACTA_STEP_CONSIDERATION;
            pacta_truth v = weigh(&fs, el, &env, kind, rule);
            if (kind == PACTA_STEP_EXCEPTION && v == PACTA_TRUE && el->requires &&
                weigh_requirement(&fs, el, &env) != PACTA_TRUE) {
                v = PACTA_UNKNOWN; /* asserted, not established: the finding waits for it */
                unproven = 1;
            }
            if (kind == PACTA_STEP_ELEMENT)
                elements = truth_and(elements, v);
            else if (kind == PACTA_STEP_EXCEPTION && v == PACTA_TRUE)
                exception = 1;
            /* the first thing that defeats the rule is what the conclusion names */
            if (prose && !defeat && v == (kind == PACTA_STEP_ELEMENT ? PACTA_FALSE : PACTA_TRUE) &&
                kind != PACTA_STEP_CONSIDERATION)
                defeat = arena_printf(ar, "%s '%s' %s", kind == PACTA_STEP_ELEMENT ? "the element"
                                                                                   : "the exception",
                                      el->label, kind == PACTA_STEP_ELEMENT ? "is not established"
                                                                            : "is established");
        }
        note_chains(&fs);
        if (b.bound == PACTA_TRUE && (elements == PACTA_FALSE || exception))
            verdict = PACTA_NO_VIOLATION;
        else if (b.bound == PACTA_TRUE && elements == PACTA_TRUE && !unproven)
            verdict = PACTA_VIOLATION;
        else
            verdict = PACTA_UNDETERMINED;
        if (verdict == PACTA_UNDETERMINED)
            name_missing(&fs);
        else
            fs.missing.count = 0;
        if (verdict == PACTA_UNDETERMINED && b.date_decides)
            evaluation_push_unique(&fs.ev, &fs.missing, arena_printf(ar, "%s.date", e->id));
        if (verdict == PACTA_UNDETERMINED && b.missing_record)
            evaluation_push_unique(&fs.ev, &fs.missing, b.missing_record);
        /* caveats about unknown exceptions matter only where the rule would otherwise be breached */
        for (size_t i = 0; verdict != PACTA_NO_VIOLATION && i < fs.open_exceptions.count; i++)
            evaluation_push(&fs.ev, &fs.caveats, fs.open_exceptions.items[i]);
        if (rule->absolute)
            note_irrelevant_justifications(&fs, rule, e);
    }
    /* The rule's authorities explain how it applies; where it does not (the
     * actor was not bound), the provision and the binding record say why. */
    if (verdict != PACTA_NOT_APPLICABLE) {
        cite_sources(&fs, rule->authority_count, rule->authorities);
        if (rule->absolute)
            cite_sources(&fs, 1, &rule->absolute_source);
    }
    if (reported->kind == BIND_CUSTOMARY)
        cite_sources(&fs, reported->authority_count, reported->authorities);
    if (prose)
        evaluation_push(&fs.ev, &fs.reasons,
                        (void *)conclusion(ar, verdict, f->actor, f->provision_label, f->date,
                                           defeat));

    f->verdict = verdict;
    f->reasons = to_strings(&fs.reasons);
    f->caveats = to_strings(&fs.caveats);
    f->missing = to_strings(&fs.missing);
    f->citation_count = fs.citations.count;
    f->citations = arena_array(ar, fs.citations.count ? fs.citations.count : 1, sizeof *f->citations);
    f->fact_count = fs.ev.facts.count;
    f->facts = arena_array(ar, fs.ev.facts.count ? fs.ev.facts.count : 1, sizeof *f->facts);
    f->step_count = fs.steps.count;
    f->steps = arena_array(ar, fs.steps.count ? fs.steps.count : 1, sizeof *f->steps);
    f->chain_count = fs.ev.chains.count;
    f->chains = f->chain_count ? arena_array(ar, f->chain_count, sizeof *f->chains) : NULL;
    for (size_t i = 0; f->chains && i < f->chain_count; i++)
        if (onward_chain(ar, fs.ev.chains.items[i], &f->chains[i]) != 0)
            fs.ev.oom = 1;
    if (!f->date || !f->citations || !f->facts || !f->steps || (f->chain_count && !f->chains) ||
        (prose && !f->provision_label) || fs.ev.oom) {
        *oom = 1;
        return NULL;
    }
    for (size_t i = 0; i < fs.citations.count; i++)
        f->citations[i] = *(rp_citation *)fs.citations.items[i];
    for (size_t i = 0; i < fs.ev.facts.count; i++)
        f->facts[i] = *(rp_fact *)fs.ev.facts.items[i];
    for (size_t i = 0; i < fs.steps.count; i++)
        f->steps[i] = *(rp_step *)fs.steps.items[i];
    return f;
}

/*
 * No-excuse rules whose elements hold (the obligation they describe was
 * engaged by the event) produce no finding: they tell each finding of the
 * same event that could be a breach that those obligations excuse nothing,
 * and add their citations. excuses[0..n) are the event's no-excuse findings;
 * each target finding is extended once, so the cost stays linear in the
 * number of rules. Returns 1 when out of memory.
 */
/* Whether c is among the first n citations: one citation of a source per finding. */
static int cited_in(const rp_citation *citations, size_t n, const rp_citation *c)
{
    for (size_t i = 0; i < n; i++)
        if (rp_citation_cites(&citations[i], c->id, c->label))
            return 1;
    return 0;
}

static int reject_excuses(arena *ar, const ptrvec *silent, size_t first_excuse,
                          const ptrvec *findings, size_t first)
{
    /* an index, not items + first_excuse: items is NULL while the list is empty */
    pacta_finding *const *excuses = (pacta_finding *const *)silent->items;
    size_t notes = 0, extra_citations = 0;
    for (size_t k = first_excuse; k < silent->count; k++) {
        if (excuses[k]->verdict != PACTA_VIOLATION)
            continue;
        notes++;
        extra_citations += excuses[k]->citation_count;
    }
    if (notes == 0)
        return 0;
    /* each note written once, then shared by every finding it annotates */
    const char **note = arena_array(ar, notes, sizeof *note);
    if (!note)
        return 1;
    for (size_t k = first_excuse, n = 0; k < silent->count; k++)
        if (excuses[k]->verdict == PACTA_VIOLATION &&
            !(note[n++] = arena_printf(ar, "Not an excuse: %s.", excuses[k]->rule_title)))
            return 1;
    for (size_t i = first; i < findings->count; i++) {
        pacta_finding *f = findings->items[i];
        if (f->verdict != PACTA_VIOLATION && f->verdict != PACTA_UNDETERMINED)
            continue;
        const char **caveats = arena_array(ar, f->caveats.count + notes, sizeof *caveats);
        rp_citation *citations =
            arena_array(ar, f->citation_count + extra_citations, sizeof *citations);
        if (!caveats || !citations)
            return 1;
        /* memcpy from an empty (NULL) list is undefined even for zero bytes */
        if (f->caveats.count)
            memcpy(caveats, f->caveats.items, f->caveats.count * sizeof *caveats);
        if (f->citation_count)
            memcpy(citations, f->citations, f->citation_count * sizeof *citations);
        memcpy(caveats + f->caveats.count, note, notes * sizeof *caveats);
        size_t c = f->caveats.count + notes, q = f->citation_count;
        for (size_t k = first_excuse; k < silent->count; k++) {
            const pacta_finding *x = excuses[k];
            if (x->verdict != PACTA_VIOLATION)
                continue;
            for (size_t n = 0; n < x->citation_count; n++)
                if (!cited_in(citations, q, &x->citations[n]))
                    citations[q++] = x->citations[n];
        }
        f->caveats.items = caveats;
        f->caveats.count = c;
        f->citations = citations;
        f->citation_count = q;
    }
    return 0;
}

/*
 * A domestic law or a bilateral agreement is weighed only against the acts
 * of the states it names (the rules give them): it says nothing about what
 * other states did. Treaties and custom are weighed against every actor, and
 * their binding decides.
 */
static int concerns_actor(const instrument_def *inst, const state_def *actor)
{
    if (inst->state_count == 0)
        return 1;
    for (size_t i = 0; i < inst->state_count; i++)
        if (inst->states[i] == actor)
            return 1;
    return 0;
}

/* The acting states of the scenario, each once, in the order of their first event (for timelines). */
static int report_actors(pacta_report *rep, const pacta_scenario *sc)
{
    ptrvec codes = {0};
    for (size_t i = 0; i < sc->event_count; i++) {
        const char *code = sc->events[i]->actor->code;
        size_t k = 0;
        while (k < codes.count && strcmp(codes.items[k], code) != 0)
            k++;
        if (k == codes.count && ptrvec_push(rep->ar, &codes, (void *)code))
            return -1;
    }
    rep->actors = to_strings(&codes);
    return 0;
}

pacta_status pacta_check(pacta_report **out, const pacta_rulebase *rb, const pacta_scenario *sc,
                         pacta_error *err)
{
    return check_scenario(out, rb, sc, 1, NULL, err);
}

/* Out of memory: frees the report's arena, unless the caller lent it. */
static pacta_status out_of_memory(arena *ar, const arena *lent, const pacta_scenario *sc,
                                  pacta_error *err)
{
    if (ar != lent)
        arena_free(ar);
    return error_set(err, PACTA_ENOMEM, sc->name, 0, 0, "out of memory");
}

pacta_status check_scenario(pacta_report **out, const pacta_rulebase *rb,
                            const pacta_scenario *sc, int prose, arena *lent, pacta_error *err)
{
    if (!out || !rb || !sc || sc->rb != rb)
        return error_set(err, PACTA_EUSAGE, sc ? sc->name : "", 0, 0,
                         "pacta_check: the scenario must have been loaded against this rulebase");
    *out = NULL;
    arena *ar = lent ? lent : arena_new(&rb->opts.allocator);
    pacta_report *rep = ar ? arena_alloc(ar, sizeof *rep) : NULL;
    const sc_event **steps = NULL;
    size_t max_steps = 1;
    for (size_t r = 0; r < rb->rule_count; r++)
        if (rb->rules[r]->step_count > max_steps)
            max_steps = rb->rules[r]->step_count;
    if (rep) {
        rep->ar = ar;
        rep->borrows_arena = lent != NULL;
        rep->scenario_name = arena_strdup(ar, sc->name);
        rep->scenario_title = arena_strdup(ar, sc->title);
        memcpy(rep->digest, rb->digest, sizeof rep->digest);
        steps = arena_array(ar, max_steps, sizeof *steps);
    }
    if (!steps || !rep->scenario_name || !rep->scenario_title || report_actors(rep, sc) != 0)
        return out_of_memory(ar, lent, sc, err);
    ptrvec findings = {0}, silent = {0};
    size_t work = 0;
    int oom = 0;
    const size_t *prev = link_pairs(ar, sc);
    unsigned char *memo = prose ? NULL : evaluation_memo_new(ar, rb, sc);
    if (!prev || (!prose && !memo))
        return out_of_memory(ar, lent, sc, err);
    for (size_t i = 0; i < sc->event_count && !oom; i++) {
        const sc_event *e = sc->events[i];
        const rule_list *rules = &rb->by_action[e->action->index];
        size_t first_of_event = findings.count, first_excuse = silent.count;
        /* two passes: obligations and permissions first, then the no-excuse
         * rules, which annotate what the first pass found */
        for (size_t pass = 0; pass < 2 * rules->count && !oom; pass++) {
            const rule_def *rule = rules->rules[pass % rules->count];
            if ((pass < rules->count) == (rule->nature == NATURE_NO_EXCUSE))
                continue;
            if (!concerns_actor(rule->instrument, e->actor))
                continue;
            size_t count = 1;
            steps[0] = e;
            if (rule->step_count) {
                if (!match_sequence(sc, prev, rule, e, steps, &work))
                    continue;
                count = rule->step_count;
            }
            if (work > rb->opts.max_sequence_steps) {
                if (ar != lent)
                    arena_free(ar);
                return error_set(err, PACTA_ELIMIT, sc->name, e->line, e->column,
                                 "matching sequences took more than %zu steps (max_sequence_steps)",
                                 rb->opts.max_sequence_steps);
            }
            pacta_finding *f = evaluate_rule(rb, sc, ar, rule, steps, count, prose, memo, &oom);
            if (f && ptrvec_push(ar, rule->nature == NATURE_NO_EXCUSE ? &silent : &findings, f))
                oom = 1;
        }
        if (!oom && prose) /* the notes and citations are words: nothing else changes */
            oom = reject_excuses(ar, &silent, first_excuse, &findings, first_of_event);
    }
    if (oom)
        return out_of_memory(ar, lent, sc, err);
    rep->finding_count = findings.count;
    rep->findings = (pacta_finding **)findings.items;
    rep->silent_count = silent.count;
    rep->silent = (pacta_finding **)silent.items;
    *out = rep;
    return PACTA_OK;
}

int check_rule_at(arena *ar, const pacta_rulebase *rb, const pacta_scenario *sc,
                  const rule_def *rule, const sc_event *e, int prose, pacta_finding **out)
{
    size_t count = rule->step_count ? rule->step_count : 1, work = 0;
    const sc_event **steps = arena_array(ar, count, sizeof *steps);
    int oom = 0;
    *out = NULL;
    if (!steps)
        return -1;
    steps[0] = e;
    if (rule->step_count) {
        const size_t *prev = link_chain_of(ar, sc, e);
        if (!prev)
            return -1;
        if (!match_sequence(sc, prev, rule, e, steps, &work))
            return 0;
    }
    *out = evaluate_rule(rb, sc, ar, rule, steps, count, prose, NULL, &oom);
    return oom ? -1 : 0;
}
