/*
 * draft_rules.c: the `draft:` section of the rules. Cues are PCRE2 patterns
 * compiled like the indicators (load_pattern()); a cue's kind says how the
 * drafter uses a match, and its other keys what it means (an action, a
 * fact and its value, a kind of relative date). State names are matched by
 * one pattern built from all of them, each name its own capture group, so
 * that one pass over a sentence finds every state it names and which.
 */
#include "load/draft_rules.h"

#include <stdlib.h>
#include <string.h>

#include "base/error.h"

static const struct {
    const char *name;
    draft_cue_kind kind;
} KINDS[] = {
    {"act", CUE_ACT},
    {"fact", CUE_FACT},
    {"negation-before", CUE_NEGATION_BEFORE},
    {"hedge", CUE_HEDGE},
    {"threat-before", CUE_THREAT_BEFORE},
    {"retraction", CUE_RETRACTION},
    {"destination-before", CUE_DESTINATION_BEFORE},
    {"agent-before", CUE_AGENT_BEFORE},
    {"origin-before", CUE_ORIGIN_BEFORE},
    {"location-before", CUE_LOCATION_BEFORE},
    {"agent-after", CUE_AGENT_AFTER},
    {"people-after", CUE_PEOPLE_AFTER},
    {"demonym-people-after", CUE_DEMONYM_PEOPLE_AFTER},
    {"nationality-before", CUE_NATIONALITY_BEFORE},
    {"oblique-before", CUE_OBLIQUE_BEFORE},
    {"place-after", CUE_PLACE_AFTER},
    {"bystander-after", CUE_BYSTANDER_AFTER},
    {"count", CUE_COUNT},
    {"count-vague", CUE_COUNT_VAGUE},
    {"date", CUE_DATE},
    {"not-date-before", CUE_NOT_DATE_BEFORE},
    {"dateline", CUE_DATELINE},
    {"url", CUE_URL},
    {"publisher", CUE_PUBLISHER},
    {"abbreviation-before", CUE_ABBREVIATION_BEFORE},
};

static const char *const RELATIVE[] = {"today",     "yesterday",  "weekday",   "last-week",
                                       "last-month", "this-month", "last-year", "this-year",
                                       NULL};

static pacta_status oom(const load_ctx *lc)
{
    return error_set(lc->err, PACTA_ENOMEM, lc->file, 0, 0, "out of memory");
}

static pacta_status read_kind(const load_ctx *lc, const ynode *n, draft_cue *cue)
{
    const char *kind;
    pacta_status st = load_ident(lc, n, "kind", 1, &kind);
    if (st != PACTA_OK)
        return st;
    for (size_t k = 0; k < sizeof KINDS / sizeof KINDS[0]; k++) {
        if (strcmp(KINDS[k].name, kind) == 0) {
            cue->kind = KINDS[k].kind;
            return PACTA_OK;
        }
    }
    st = load_error(lc, ymap_get(n, "kind"), "unknown kind of cue '%s'", kind);
    error_hint(lc->err, "rules/draft.yaml lists the kinds");
    return st;
}

/* What an act or a fact cue means, checked against the vocabulary. */
static pacta_status read_meaning(const pacta_rulebase *rb, const load_ctx *lc, const ynode *n,
                                 draft_cue *cue)
{
    pacta_status st = PACTA_OK;
    const char *name = NULL, *on = NULL;
    if (cue->kind == CUE_ACT) {
        st = load_ident(lc, n, "action", 1, &name);
        if (st == PACTA_OK && !(cue->action = rb_action(rb, name)))
            return load_error(lc, ymap_get(n, "action"), "unknown action '%s'", name);
        if (st == PACTA_OK)
            st = load_ident(lc, n, "as", 0, &cue->as);
        if (st == PACTA_OK)
            st = load_string(lc, n, "to_body", 0, &cue->to_body);
        if (st == PACTA_OK)
            st = load_bool(lc, n, "to_own_state", &cue->to_own_state);
        if (st == PACTA_OK)
            st = load_ident(lc, n, "else_action", 0, &name);
        if (st == PACTA_OK && ymap_get(n, "else_action") &&
            !(cue->else_action = rb_action(rb, name)))
            return load_error(lc, ymap_get(n, "else_action"), "unknown action '%s'", name);
        if (st == PACTA_OK)
            name = cue->action->name;
        if (st == PACTA_OK && ((cue->as && !(cue->action->fields & AF_AS)) ||
                               (cue->to_body && !(cue->action->fields & AF_TO_BODY))))
            st = load_error(lc, n, "action '%s' takes no '%s'", name, cue->as ? "as" : "to_body");
        return st;
    }
    if (cue->kind == CUE_FACT) {
        st = load_ident(lc, n, "fact", 1, &name);
        if (st == PACTA_OK && !(cue->fact = rb_fact(rb, name)))
            return load_error(lc, ymap_get(n, "fact"), "unknown fact '%s'", name);
        if (st == PACTA_OK)
            st = load_ident(lc, n, "on", 0, &on);
        if (st == PACTA_OK && on && strcmp(on, "person") != 0 && strcmp(on, "event") != 0)
            return load_error(lc, ymap_get(n, "on"), "'on' is person or event, not '%s'", on);
        cue->on_person = on && strcmp(on, "person") == 0;
        unsigned where = cue->on_person ? FACT_ON_PERSON : FACT_ON_EVENT;
        if (st == PACTA_OK && !(cue->fact->where & where))
            return load_error(lc, ymap_get(n, "fact"), "fact '%s' is not stated on %s", name,
                              cue->on_person ? "persons" : "events");
        cue->value = PACTA_TRUE;
        if (st == PACTA_OK && ymap_get(n, "value"))
            st = load_truth_node(lc, ymap_get(n, "value"), &cue->value);
        return st;
    }
    static const char *const only[] = {"action", "as", "to_body", "to_own_state", "else_action",
                                       "fact", "on", "value"};
    for (size_t i = 0; i < sizeof only / sizeof only[0]; i++)
        if (ymap_get(n, only[i]))
            return load_error(lc, ymap_get(n, only[i]), "'%s' is for act and fact cues", only[i]);
    return PACTA_OK;
}

static pacta_status read_cue(pacta_rulebase *rb, const load_ctx *lc, const ynode *n, ptrvec *cues)
{
    static const char *const keys[] = {"id",    "kind",     "action",  "as",   "to_body",
                                       "to_own_state", "else_action", "fact", "on", "value",
                                       "relative", "pattern", "note", NULL};
    draft_cue *cue = arena_alloc(lc->ar, sizeof *cue);
    if (!cue)
        return oom(lc);
    cue->at.file = lc->file;
    cue->at.line = n->line;
    cue->at.column = n->column;
    pacta_status st = load_check_map(lc, n, "a cue", keys);
    if (st == PACTA_OK)
        st = load_ident(lc, n, "id", 1, &cue->id);
    if (st == PACTA_OK)
        st = read_kind(lc, n, cue);
    if (st == PACTA_OK)
        st = read_meaning(rb, lc, n, cue);
    if (st == PACTA_OK)
        st = load_ident(lc, n, "relative", 0, &cue->relative);
    if (st == PACTA_OK && cue->relative) {
        size_t k = 0;
        while (RELATIVE[k] && strcmp(RELATIVE[k], cue->relative) != 0)
            k++;
        if (!RELATIVE[k] || cue->kind != CUE_DATE)
            return load_error(lc, ymap_get(n, "relative"),
                              "'relative' (on date cues) is today, yesterday, weekday, last-week, "
                              "last-month, this-month, last-year or this-year");
    }
    for (size_t i = 0; st == PACTA_OK && i < cues->count; i++)
        if (strcmp(((draft_cue *)cues->items[i])->id, cue->id) == 0)
            return load_error(lc, ymap_get(n, "id"), "duplicate cue '%s'", cue->id);
    if (st == PACTA_OK)
        st = load_pattern(lc, n, "pattern", rb->general_ctx, &cue->pattern, &cue->code);
    if (st != PACTA_OK)
        return st;
    if (ptrvec_push(lc->ar, cues, cue)) {
        pcre2_code_free(cue->code);
        return oom(lc);
    }
    rb->draft_cues = (draft_cue **)cues->items;
    rb->draft_cue_count = cues->count;
    return PACTA_OK;
}

static pacta_status push_name(const load_ctx *lc, ptrvec *names, const char *text,
                              const state_def *state, draft_name_form form)
{
    draft_name *dn = arena_alloc(lc->ar, sizeof *dn);
    if (!dn || ptrvec_push(lc->ar, names, dn))
        return oom(lc);
    dn->text = text;
    dn->state = state;
    dn->form = form;
    return PACTA_OK;
}

static pacta_status read_state_names(const pacta_rulebase *rb, const load_ctx *lc, const ynode *n,
                                     ptrvec *names)
{
    static const char *const keys[] = {"state", "names", "demonyms", "capitals", "source", "note",
                                       NULL};
    static const struct {
        const char *key;
        draft_name_form form;
    } lists[] = {{"names", NAME_STATE}, {"demonyms", NAME_DEMONYM}, {"capitals", NAME_CAPITAL}};
    const char *code, **sources;
    size_t source_count = 0;
    const state_def *state;
    pacta_status st = load_check_map(lc, n, "a state's names", keys);
    if (st == PACTA_OK)
        st = load_ident(lc, n, "state", 1, &code);
    if (st == PACTA_OK && !(state = rb_state(rb, code)))
        return load_error(lc, ymap_get(n, "state"), "unknown state '%s'", code);
    /* the sources the names were read in: one id or a list */
    if (st == PACTA_OK)
        st = load_string_list(lc, n, "source", &source_count, &sources);
    if (st == PACTA_OK && source_count == 0)
        return load_error(lc, n, "a state's names need the source they were read in");
    for (size_t i = 0; st == PACTA_OK && i < source_count; i++) {
        source_def *s = (source_def *)rb_source(rb, sources[i]);
        if (!s)
            return load_error(lc, ymap_get(n, "source"), "unknown source '%s'", sources[i]);
        s->cited = 1;
    }
    for (size_t l = 0; st == PACTA_OK && l < sizeof lists / sizeof lists[0]; l++) {
        size_t count;
        const char **texts;
        st = load_string_list(lc, n, lists[l].key, &count, &texts);
        for (size_t i = 0; st == PACTA_OK && i < count; i++)
            st = push_name(lc, names, texts[i], state, lists[l].form);
    }
    return st;
}

pacta_status draft_rules_read(pacta_rulebase *rb, const load_ctx *lc, const ynode *section,
                              ptrvec *cues, ptrvec *names)
{
    static const char *const keys[] = {"states", "cues", NULL};
    pacta_status st = load_check_map(lc, section, "'draft'", keys);
    const ynode *states = st == PACTA_OK ? ymap_get(section, "states") : NULL;
    const ynode *list = st == PACTA_OK ? ymap_get(section, "cues") : NULL;
    if (states)
        st = load_check_seq(lc, states, "'states'");
    for (size_t i = 0; st == PACTA_OK && states && i < states->count; i++)
        st = read_state_names(rb, lc, states->items[i], names);
    if (st == PACTA_OK && list)
        st = load_check_seq(lc, list, "'cues'");
    for (size_t i = 0; st == PACTA_OK && list && i < list->count; i++)
        st = read_cue(rb, lc, list->items[i], cues);
    return st;
}

/* -------------------------------------------------------- the names pattern */

static int longer_first(const void *a, const void *b)
{
    const draft_name *x = a, *y = b;
    size_t lx = strlen(x->text), ly = strlen(y->text);
    if (lx != ly)
        return lx > ly ? -1 : 1;
    return strcmp(x->text, y->text);
}

/* name as a pattern: letters as they are, a space as any short run of
 * blanks, an apostrophe as either apostrophe, other ASCII punctuation escaped. */
static void append_name(char *out, size_t *len, const char *name)
{
    for (const char *p = name; *p; p++) {
        unsigned char c = (unsigned char)*p;
        const char *piece = NULL;
        char one[3] = {0};
        if (c == ' ')
            piece = "\\s{1,3}";
        else if (c == '\'')
            piece = "(?:'|\xE2\x80\x99)";
        else if (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
            one[0] = '\\';
            one[1] = (char)c;
            piece = one;
        } else {
            one[0] = (char)c;
            piece = one;
        }
        size_t n = strlen(piece);
        memcpy(out + *len, piece, n);
        *len += n;
    }
}

pacta_status draft_rules_finish(pacta_rulebase *rb, const load_ctx *lc, ptrvec *names)
{
    if (rb->draft_cue_count == 0 && names->count == 0)
        return PACTA_OK; /* rules without a draft section: the drafter is not available */
    for (size_t i = 0; i < rb->state_count; i++) {
        int known = 0;
        for (size_t j = 0; j < names->count && !known; j++)
            known = strcmp(((draft_name *)names->items[j])->text, rb->states[i]->name) == 0;
        if (!known && push_name(lc, names, rb->states[i]->name, rb->states[i], NAME_STATE))
            return oom(lc);
    }
    rb->draft_names = arena_array(lc->ar, names->count ? names->count : 1, sizeof *rb->draft_names);
    if (!rb->draft_names)
        return oom(lc);
    size_t bytes = 64;
    for (size_t i = 0; i < names->count; i++) {
        rb->draft_names[i] = *(draft_name *)names->items[i];
        bytes += 12 * strlen(rb->draft_names[i].text) + 8;
    }
    rb->draft_name_count = names->count;
    qsort(rb->draft_names, names->count, sizeof *rb->draft_names, longer_first);
    for (size_t i = 1; i < names->count; i++) {
        const draft_name *a = &rb->draft_names[i - 1], *b = &rb->draft_names[i];
        if (strcmp(a->text, b->text) == 0 && a->state != b->state)
            return error_set(lc->err, PACTA_EINPUT, lc->file, 0, 0,
                             "the name '%s' is given to two states, %s and %s", a->text,
                             a->state->code, b->state->code);
    }
    /* (?<!\w)(?:(name1)|(name2)|...)(?!\w): group i+1 is name i */
    char *pattern = arena_alloc(lc->ar, bytes);
    if (!pattern)
        return oom(lc);
    size_t len = 0;
    memcpy(pattern, "(?<![\\w'])(?:", 13);
    len = 13;
    for (size_t i = 0; i < names->count; i++) {
        pattern[len++] = i ? '|' : '(';
        if (i)
            pattern[len++] = '(';
        append_name(pattern, &len, rb->draft_names[i].text);
        pattern[len++] = ')';
    }
    memcpy(pattern + len, ")(?!\\w)", 8);
    int rc;
    PCRE2_SIZE offset;
    pcre2_compile_context *cc = pcre2_compile_context_create(rb->general_ctx);
    if (!cc)
        return oom(lc);
    rb->draft_mentions = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                       PCRE2_UTF | PCRE2_MATCH_INVALID_UTF, &rc, &offset, cc);
    pcre2_compile_context_free(cc);
    if (!rb->draft_mentions) {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message(rc, message, sizeof message);
        return error_set(lc->err, rc == PCRE2_ERROR_HEAP_FAILED ? PACTA_ENOMEM : PACTA_EINPUT,
                         lc->file, 0, 0, "the states' names make no pattern: %s",
                         (const char *)message);
    }
    (void)pcre2_jit_compile(rb->draft_mentions, PCRE2_JIT_COMPLETE);
    return PACTA_OK;
}
