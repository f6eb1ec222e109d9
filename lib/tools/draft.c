/*
 * draft.c: pacta_draft_new(), reading a report (a news article, an NGO
 * statement, a UN briefing) into the pieces of a scenario: who acted, what
 * they did, to whom, where to and when, and the facts the text states, each
 * with the span it was read from.
 *
 * Every word it looks for is a cue of the rules (rules/draft.yaml): this
 * file only knows what a kind of cue is for. The text is cut into
 * sentences; in each, the acts are found, then the states it names and the
 * role the words around each name give it (sent "to" it, its "authorities"
 * acted, its "nationals" were the people), the counts, the dates and the
 * facts. A sentence's acts take their actor, destination, people and date
 * from that sentence, else from the text before it; what no sentence gives
 * stays unknown, and an event that lacks a required field is reported but
 * not drafted as a valid event. Negation ("did not") and hedging
 * ("reportedly") are read in the words before a cue and in its sentence.
 *
 * Every match runs under the rulebase's PCRE2 limits; a pattern that hits
 * one is an error at the sentence, never a silently missed fact. Reading
 * the text itself (sentences, matches, dates) is in draft_read.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "base/writer.h"
#include "tools/draft_read.h"

#define MAX_MENTIONS 64     /* state names read per sentence */
#define DESTINATION_BYTES 120 /* the furthest after an act its destination is looked for */
#define SUBJECT_BYTES 100   /* the furthest before an act a state is read as its subject */
/* A draft is for one report an analyst reviews line by line: beyond this
 * (and draft_read.c's bound on extractions), the text is a corpus to cut
 * into reports, and the draft says so. */
#define MAX_EVENTS 1000

typedef struct mention {
    dspan at;
    dspan with_words;       /* the name and the words that gave its role ("Chinese authorities") */
    const draft_name *name;
    unsigned roles;         /* ROLE_* */
} mention;

enum {
    ROLE_TO = 1u << 0,
    ROLE_BY = 1u << 1,
    ROLE_FROM = 1u << 2,
    ROLE_IN = 1u << 3,
    ROLE_AGENT = 1u << 4,
    ROLE_PEOPLE = 1u << 5,
    ROLE_NATIONALITY = 1u << 6,
    ROLE_OBLIQUE = 1u << 7,
    ROLE_PLACE = 1u << 8,
    ROLE_BYSTANDER = 1u << 9 /* asked to prevent the act: never its actor */
};

/* ------------------------------------------------------------ states named */

static size_t find_mentions(reader *r, const dspan *s, mention *out)
{
    size_t count = 0, from = s->start;
    const pacta_rulebase *rb = r->rb;
    while (count < MAX_MENTIONS && from < s->end) {
        dspan m;
        if (reader_match(r, rb->draft_mentions, "state-names", s->start, s->end, from, &m) <= 0)
            break;
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        uint32_t groups = pcre2_get_ovector_count(r->md);
        const draft_name *name = NULL;
        for (uint32_t g = 1; g < groups && (size_t)(g - 1) < rb->draft_name_count; g++)
            if (ov[2 * g] != PCRE2_UNSET) {
                name = &rb->draft_names[g - 1];
                break;
            }
        from = m.end > m.start ? m.end : m.end + 1;
        if (!name)
            continue;
        mention *x = &out[count++];
        x->at = m;
        x->name = name;
        x->roles = 0;
        dspan c;
        static const struct {
            draft_cue_kind kind;
            unsigned role;
        } befores[] = {{CUE_DESTINATION_BEFORE, ROLE_TO}, {CUE_AGENT_BEFORE, ROLE_BY},
                       {CUE_ORIGIN_BEFORE, ROLE_FROM},     {CUE_LOCATION_BEFORE, ROLE_IN},
                       {CUE_NATIONALITY_BEFORE, ROLE_NATIONALITY}, {CUE_OBLIQUE_BEFORE, ROLE_OBLIQUE}};
        for (size_t k = 0; k < sizeof befores / sizeof befores[0]; k++)
            if (reader_before(r, befores[k].kind, s->start, m.start, &c) > 0)
                x->roles |= befores[k].role;
        x->with_words = m;
        if (reader_after(r, CUE_PLACE_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_PLACE;
        else if (reader_after(r, CUE_AGENT_AFTER, m.end, s->end, &c) > 0) {
            x->roles |= ROLE_AGENT;
            x->with_words = reader_span(r->d, m.start, c.end);
        }
        if (reader_after(r, CUE_PEOPLE_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_PEOPLE;
        if (reader_after(r, CUE_BYSTANDER_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_BYSTANDER;
        if (name->form == NAME_DEMONYM && !(x->roles & (ROLE_AGENT | ROLE_PEOPLE)) &&
            reader_after(r, CUE_DEMONYM_PEOPLE_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_PEOPLE;
        /* "refugees from Syria": the people's state, not where anyone acted from */
        if (x->roles & ROLE_NATIONALITY)
            x->roles &= ~ROLE_FROM;
        reader_note(r, "state", "state-names", m, "%s (%s)%s%s%s%s%s%s%s", name->state->code,
             draft_form_name(name->form), x->roles & ROLE_AGENT ? ", acting" : "",
             x->roles & ROLE_BYSTANDER ? ", asked to prevent it" : "",
             x->roles & ROLE_TO ? ", destination" : "", x->roles & ROLE_BY ? ", agent" : "",
             x->roles & ROLE_FROM ? ", origin" : "", x->roles & ROLE_IN ? ", place" : "",
             x->roles & (ROLE_PEOPLE | ROLE_NATIONALITY) ? ", the people's state" : "");
    }
    return r->st == PACTA_OK ? count : 0;
}

/* ------------------------------------------------------------ persons */

static dperson *person_for(reader *r, const state_def *nationality)
{
    for (size_t i = 0; i < r->d->persons.count; i++) {
        dperson *p = r->d->persons.items[i];
        if (p->nationality == nationality)
            return p;
    }
    dperson *p = arena_alloc(r->d->ar, sizeof *p);
    if (!p || ptrvec_push(r->d->ar, &r->d->persons, p)) {
        reader_oom(r);
        return NULL;
    }
    p->nationality = nationality;
    p->count = -1;
    if (nationality) {
        char code[8];
        snprintf(code, sizeof code, "%s", nationality->code);
        for (char *c = code; *c; c++)
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + ('a' - 'A') : *c);
        p->id = arena_printf(r->d->ar, "%s-nationals", code);
    } else {
        p->id = arena_printf(r->d->ar, "persons-%zu", r->d->persons.count);
    }
    if (!p->id)
        reader_oom(r);
    return p;
}

static long long parse_number(const char *s)
{
    long long v = 0;
    for (; *s; s++) {
        if (*s == ',')
            continue;
        if (*s < '0' || *s > '9' || v > 100000000LL)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

static long long number_word(const char *s)
{
    static const char *const words[] = {"two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve"};
    char lower[16];
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof lower; i++)
        lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
    lower[i] = '\0';
    if (strncmp(lower, "a ", 2) == 0 || strncmp(lower, "a\t", 2) == 0)
        return 12; /* "a dozen" */
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        if (strcmp(lower, words[w]) == 0)
            return (long long)w + 2;
    return -1;
}

/* The first count in the sentence that no negation denies ("40, not 60"). */
static void read_count(reader *r, const dspan *s, dperson *p)
{
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        if (c->kind != CUE_COUNT && c->kind != CUE_COUNT_VAGUE)
            continue;
        dspan m, neg;
        size_t from = s->start;
        while (reader_match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            char n[32], lo[32], hi[32], word[16];
            long long value = -1;
            const char *how = NULL;
            if (c->kind == CUE_COUNT_VAGUE) {
                reader_note(r, "count", c->id, m, "a size without a number");
                if (!p->vague.set && p->count < 0)
                    p->vague = m;
                continue;
            }
            if (reader_group(r, "n", n, sizeof n))
                value = parse_number(n);
            else if (reader_group(r, "lo", lo, sizeof lo) && reader_group(r, "hi", hi, sizeof hi)) {
                value = parse_number(lo);
                how = arena_printf(r->d->ar, "a range, %s to %s: the lower bound drafted", lo, hi);
            } else if (reader_group(r, "word", word, sizeof word))
                value = number_word(word);
            if (value < 0)
                continue;
            if (reader_before(r, CUE_NEGATION_BEFORE, s->start, m.start, &neg) > 0) {
                reader_note(r, "count", c->id, m, "%lld, denied by the words before it", value);
                continue;
            }
            reader_note(r, "count", c->id, m, "%lld%s%s", value, how ? ": " : "", how ? how : "");
            if (p->count < 0) {
                p->count = value;
                p->count_why.at = m;
                p->count_why.note = how;
            }
            return;
        }
    }
}

/* ------------------------------------------------------------ events */

static const mention *pick(const mention *ms, size_t n, unsigned want, unsigned refuse,
                           const state_def *not_state, size_t near, int only_names)
{
    const mention *best = NULL;
    size_t best_distance = 0;
    for (size_t i = 0; i < n; i++) {
        const mention *m = &ms[i];
        if ((want && !(m->roles & want)) || (m->roles & refuse) || m->name->state == not_state)
            continue;
        if (only_names && m->name->form == NAME_DEMONYM)
            continue;
        size_t distance = m->at.start > near ? m->at.start - near : near - m->at.start;
        if (!best || distance < best_distance) {
            best = m;
            best_distance = distance;
        }
    }
    return best;
}

/* The state that acted: its authorities, "by" it, a name as the subject, "from" it, "in" it. */
static const mention *find_actor(const mention *ms, size_t n, const dspan *act,
                                 const state_def *destination, const char **how)
{
    const mention *m;
    if ((m = pick(ms, n, ROLE_AGENT, ROLE_TO | ROLE_PEOPLE | ROLE_NATIONALITY | ROLE_BYSTANDER, destination,
                  act->start, 0)))
        *how = NULL;
    else if ((m = pick(ms, n, ROLE_BY, ROLE_TO | ROLE_BYSTANDER, destination, act->start, 0)))
        *how = "named as the one who acted (\"by\")";
    else {
        /* a state's name or capital before the act, with no preposition: the subject */
        const mention *subject = NULL;
        for (size_t i = 0; i < n; i++)
            if (ms[i].at.end <= act->start && act->start - ms[i].at.end <= SUBJECT_BYTES &&
                ms[i].name->form != NAME_DEMONYM &&
                !(ms[i].roles & (ROLE_TO | ROLE_FROM | ROLE_IN | ROLE_PEOPLE | ROLE_NATIONALITY |
                                 ROLE_OBLIQUE | ROLE_PLACE | ROLE_BYSTANDER)) &&
                ms[i].name->state != destination)
                subject = &ms[i];
        if ((m = subject))
            *how = "the subject of the sentence";
        else if ((m = pick(ms, n, ROLE_FROM, ROLE_TO | ROLE_BYSTANDER, destination, act->end, 0)) && m->at.start >= act->end)
            *how = "the state the people were sent from";
        else if ((m = pick(ms, n, ROLE_IN, ROLE_TO | ROLE_BYSTANDER, destination, act->start, 0)))
            *how = "the state where it happened";
        else
            m = NULL;
    }
    return m;
}

static void add_fact(dfact *facts, size_t *count, const draft_cue *c, dspan at,
                     pacta_truth value, dspan hedge, const char *how)
{
    for (size_t i = 0; i < *count; i++) {
        if (facts[i].fact != c->fact)
            continue;
        if (facts[i].value != value && !facts[i].hedge.set && !hedge.set)
            facts[i].conflict = 1;
        return;
    }
    if (*count == DRAFT_MAX_FACTS)
        return;
    dfact *f = &facts[(*count)++];
    f->fact = c->fact;
    f->value = value;
    f->why.at = at;
    f->why.note = how;
    f->hedge = hedge;
}

/* Two reports of the same act (same action, actor, destination, people, date) are one event. */
static devent *same_event(reader *r, const devent *e)
{
    for (size_t i = 0; i < r->d->events.count; i++) {
        devent *o = r->d->events.items[i];
        if (o->action == e->action && o->actor == e->actor && o->to == e->to &&
            o->subject == e->subject && o->threat.set == e->threat.set &&
            ((!o->date && !e->date) || (o->date && e->date && strcmp(o->date, e->date) == 0)))
            return o;
    }
    return NULL;
}

static void complete(devent *e)
{
    e->complete = e->actor && e->date && e->subject && (!(e->action->required & AF_TO) || e->to) &&
                  (!(e->action->required & AF_AS) || e->as) &&
                  (!(e->action->required & AF_TO_BODY) || e->to_body);
}

/* One act of a sentence, drafted as an event (or merged into an equal one). */
static devent *read_act(reader *r, const dspan *s, const draft_cue *c, dspan act, const mention *ms,
                        size_t n, dspan hedge, const char *date, dwhy date_why)
{
    devent *e = arena_alloc(r->d->ar, sizeof *e);
    if (!e)
        return reader_oom(r), NULL;
    e->action = c->action;
    e->as = c->as;
    e->to_body = c->to_body;
    e->action_why.at = act;
    e->sentence = *s;
    e->hedge = hedge;
    dspan m;
    if (reader_before(r, CUE_THREAT_BEFORE, s->start, act.start, &m) > 0)
        e->threat = m;
    /* where to: a state named after the act with "to" */
    const mention *to = NULL;
    for (size_t i = 0; (c->action->fields & AF_TO) && i < n && !to; i++)
        if ((ms[i].roles & ROLE_TO) && !(ms[i].roles & ROLE_PLACE) && ms[i].at.start >= act.end &&
            ms[i].at.start - act.end <= DESTINATION_BYTES &&
            (ms[i].name->form != NAME_DEMONYM || (ms[i].roles & ROLE_AGENT)))
            to = &ms[i]; /* named after the act, close to it: "to Laos", "to Lao authorities" */
    /* the people: named with a people word or "from" a state; for a
     * repatriation, the state they are sent to; else those of the sentence before */
    const mention *people = pick(ms, n, ROLE_PEOPLE | ROLE_NATIONALITY, ROLE_AGENT | ROLE_PLACE, NULL, act.start, 0);
    const state_def *nationality = NULL;
    dwhy nationality_why = {{0}, NULL};
    if (people) {
        nationality = people->name->state;
        nationality_why.at = people->at;
    } else if (c->to_own_state && to) {
        nationality = to->name->state;
        nationality_why.at = to->at;
        nationality_why.note = "repatriated there: their own state";
    } else if (r->last_person) {
        nationality = r->last_person->nationality;
        nationality_why.note = "the people of an earlier sentence";
    }
    e->subject = person_for(r, nationality);
    if (!e->subject)
        return NULL;
    if (nationality && !e->subject->nationality_why.at.set && !e->subject->nationality_why.note)
        e->subject->nationality_why = nationality_why;
    read_count(r, s, e->subject);
    r->last_person = e->subject;
    if (to) {
        e->to = to->name->state;
        e->to_why.at = to->at;
    } else if (c->to_own_state && nationality && (c->action->fields & AF_TO)) {
        e->to = nationality;
        e->to_why.at = people ? people->at : act;
        e->to_why.note = "a repatriation goes to the people's own state";
    }
    if (e->to && c->to_own_state && nationality && e->to != nationality && c->else_action) {
        e->action = c->else_action;
        e->action_why.note = "sent to a state not their own";
    }
    const char *how = NULL;
    const mention *actor = find_actor(ms, n, &act, e->to, &how);
    if (actor) {
        e->actor = actor->name->state;
        e->actor_why.at = actor->with_words;
        e->actor_why.note = how;
    } else if (r->last_event && r->last_event->actor && r->last_event->actor != e->to) {
        e->actor = r->last_event->actor;
        e->actor_why = r->last_event->actor_why;
        e->actor_why.note = "named in an earlier sentence";
    }
    e->date = date;
    e->date_why = date_why;
    if (!e->date && r->last_event && r->last_event->date &&
        r->last_event_paragraph == r->paragraph) {
        e->date = r->last_event->date;
        e->date_why = r->last_event->date_why;
        e->date_why.note = "the date of the act reported just before, in the same paragraph";
    }
    if (!e->date && r->d->article_date) {
        e->date = arena_strndup(r->d->ar, r->d->article_date, 4);
        e->date_why = r->d->article_date_why;
        e->date_why.note = "no date in the text for this act: the year of the article's date; check it";
    }
    complete(e);
    reader_note(r, "act", c->id, act, "action %s%s%s%s", e->action->name, e->threat.set ? " (threatened)" : "",
         e->hedge.set ? " (reported with reserve)" : "", e->complete ? "" : " (incomplete)");
    devent *same = same_event(r, e);
    if (same)
        return same;
    if (r->d->events.count == MAX_EVENTS) {
        reader_limit(r, act, "the text reports more than %d acts", MAX_EVENTS);
        return NULL;
    }
    e->id = arena_printf(r->d->ar, "e%zu", r->d->events.count + 1);
    if (!e->id || ptrvec_push(r->d->ar, &r->d->events, e))
        return reader_oom(r), NULL;
    r->last_event = e;
    if (e->action->removal)
        r->last_removal = e;
    r->last_event_paragraph = r->paragraph;
    return e;
}

static void skip_act(reader *r, dspan act, dspan because, const char *reason)
{
    dskipped *k = arena_alloc(r->d->ar, sizeof *k);
    if (!k || ptrvec_push(r->d->ar, &r->d->skipped, k)) {
        reader_oom(r);
        return;
    }
    k->act = act;
    k->because = because;
    k->reason = reason;
}

/* The first event date of the sentence that is no "since ..." or "until ...". */
static const char *sentence_date(reader *r, const dspan *s, dwhy *why)
{
    const char *best = NULL;
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        if (c->kind != CUE_DATE)
            continue;
        dspan m, not_date;
        size_t from = s->start;
        while (reader_match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            const char *how;
            const char *date = reader_date(r, c, &how);
            const dspan *dateline = &r->d->article_date_why.at;
            if (dateline->set && m.start < dateline->end && dateline->start < m.end)
                continue; /* the article's own date */
            if (reader_before(r, CUE_NOT_DATE_BEFORE, s->start, m.start, &not_date) > 0) {
                reader_note(r, "date", c->id, m, "%s: not the date of an act", date ? date : "a date");
                continue;
            }
            reader_note(r, "date", c->id, m, "%s%s%s", date ? date : "no date", how ? ": " : "",
                 how ? how : "");
            if (date && (!best || m.start < why->at.start)) {
                best = date;
                why->at = m;
                why->note = how;
            }
        }
    }
    return best;
}

typedef struct act_match {
    const draft_cue *cue;
    dspan at;
} act_match;

static int by_position(const void *a, const void *b)
{
    const act_match *x = a, *y = b;
    return x->at.start < y->at.start ? -1 : x->at.start > y->at.start;
}

#define MAX_ACTS 16

/* Is m part of an address ("…/malaysia-deports-150")? Words there tell nothing. */
static int inside_url(reader *r, const dspan *s, const dspan *m)
{
    for (size_t i = 0; i < r->rb->draft_cue_count; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        dspan u;
        size_t from = s->start;
        while (c->kind == CUE_URL && reader_match(r, c->code, c->id, s->start, s->end, from, &u) > 0) {
            if (u.start <= m->start && m->end <= u.end)
                return 1;
            from = u.end > u.start ? u.end : u.end + 1;
        }
    }
    return 0;
}

static void read_sentence(reader *r, const dspan *s)
{
    dspan m, hedge = {0}, retraction = {0};
    const draft_cue *which = NULL;
    if (reader_first_of_kind(r, CUE_RETRACTION, s, &retraction, &which) > 0)
        reader_note(r, "retraction", which->id, retraction, "the text withdraws what this sentence reports");
    if (reader_first_of_kind(r, CUE_HEDGE, s, &hedge, &which) > 0)
        reader_note(r, "hedge", which->id, hedge, "reported with reserve: its facts are unknown");
    /* the acts, in order, none overlapping another */
    act_match acts[MAX_ACTS];
    size_t act_count = 0;
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        size_t from = s->start;
        while (c->kind == CUE_ACT && act_count < MAX_ACTS &&
               reader_match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            int overlaps = inside_url(r, s, &m);
            for (size_t k = 0; k < act_count && !overlaps; k++)
                overlaps = m.start < acts[k].at.end && acts[k].at.start < m.end;
            if (!overlaps) {
                acts[act_count].cue = c;
                acts[act_count++].at = m;
            }
        }
    }
    if (r->st != PACTA_OK)
        return;
    qsort(acts, act_count, sizeof *acts, by_position);
    mention ms[MAX_MENTIONS];
    size_t n = act_count ? find_mentions(r, s, ms) : 0;
    dwhy date_why = {{0}, NULL};
    const char *date = act_count ? sentence_date(r, s, &date_why) : NULL;
    devent *events[MAX_ACTS];
    size_t event_count = 0;
    for (size_t a = 0; a < act_count && r->st == PACTA_OK; a++) {
        dspan neg;
        if (retraction.set) {
            skip_act(r, acts[a].at, retraction, "the text withdraws this report");
            continue;
        }
        if (reader_before(r, CUE_NEGATION_BEFORE, s->start, acts[a].at.start, &neg) > 0) {
            reader_note(r, "negation", "negation", neg, "denies the act that follows");
            skip_act(r, acts[a].at, neg, "the text denies it");
            continue;
        }
        devent *e = read_act(r, s, acts[a].cue, acts[a].at, ms, n, hedge, date, date_why);
        if (e)
            events[event_count++] = e;
    }
    if (r->st != PACTA_OK || retraction.set)
        return;
    /* the facts, on this sentence's events (else the last one) and their people */
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        if (c->kind != CUE_FACT)
            continue;
        size_t from = s->start;
        while (reader_match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            pacta_truth value = c->value;
            const char *how = NULL;
            dspan neg;
            if (reader_before(r, CUE_NEGATION_BEFORE, s->start, m.start, &neg) > 0 && value != PACTA_UNKNOWN) {
                value = value == PACTA_TRUE ? PACTA_FALSE : PACTA_TRUE;
                how = arena_printf(r->d->ar, "negated");
            }
            reader_note(r, "fact", c->id, m, "%s: %s%s", c->fact->name,
                 hedge.set ? "unknown" : value == PACTA_TRUE ? "true" : "false",
                 hedge.set ? " (hedged)" : how ? " (negated)" : "");
            pacta_truth drafted = hedge.set ? PACTA_UNKNOWN : value;
            if (c->on_person) {
                dperson *p = event_count ? events[0]->subject : r->last_person;
                if (p)
                    add_fact(p->facts, &p->fact_count, c, m, drafted, hedge, how);
                continue;
            }
            /* an event fact is about this sentence's acts, and about the removal
             * the text told of last when this sentence tells of none */
            int removal = 0;
            for (size_t k = 0; k < event_count; k++) {
                add_fact(events[k]->facts, &events[k]->fact_count, c, m, drafted, hedge, how);
                removal |= events[k]->action->removal;
            }
            devent *last = r->last_removal ? r->last_removal : r->last_event;
            if (!removal && last && (event_count == 0 || last != events[0]))
                add_fact(last->facts, &last->fact_count, c, m, drafted, hedge, how);
        }
    }
}

/* ------------------------------------------------------------ input checks */

static pacta_status check_text(pacta_draft *d, const pacta_options *opts, pacta_error *err)
{
    if (d->len > opts->max_input_bytes)
        return error_set(err, PACTA_ELIMIT, d->name, 0, 0,
                         "the text is larger than the input limit of %zu bytes", opts->max_input_bytes);
    size_t i = 0;
    while (i < d->len && draft_is_space(d->text[i]))
        i++;
    if (i == d->len) {
        pacta_status st = error_set(err, PACTA_EINPUT, d->name, 0, 0, "no text to draft from: the input is empty");
        error_hint(err, "give the report as plain UTF-8 text");
        return st;
    }
    unsigned line = 1, column = 1;
    for (i = 0; i < d->len;) {
        uint32_t cp;
        size_t n = utf8_decode(d->text + i, d->len - i, &cp);
        int control = cp < 0x20 && !draft_is_space((char)cp);
        if (control || cp == UTF8_INVALID) {
            pacta_status st = error_set(err, PACTA_EINPUT, d->name, line, column,
                                        control ? "a control byte (0x%02X): this is binary data, not a text"
                                                : "invalid UTF-8 (byte 0x%02X)",
                                        (unsigned)(unsigned char)d->text[i]);
            error_hint(err, "pacta draft reads plain UTF-8 text; convert the report first (iconv, pdftotext)");
            return st;
        }
        if (cp == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        i += n;
    }
    return PACTA_OK;
}

static pacta_status index_lines(pacta_draft *d, pacta_error *err)
{
    size_t count = 1;
    for (size_t i = 0; i < d->len; i++)
        count += d->text[i] == '\n';
    d->line_starts = arena_array(d->ar, count, sizeof *d->line_starts);
    if (!d->line_starts)
        return error_set(err, PACTA_ENOMEM, d->name, 0, 0, "out of memory");
    d->line_count = 0;
    d->line_starts[d->line_count++] = 0;
    for (size_t i = 0; i < d->len; i++)
        if (d->text[i] == '\n' && d->line_count < count)
            d->line_starts[d->line_count++] = i + 1;
    return PACTA_OK;
}

/* ------------------------------------------------------------ public */

pacta_status pacta_draft_new(pacta_draft **out, const pacta_rulebase *rb, const char *name,
                             const char *text, size_t len, const char *date, pacta_error *err)
{
    if (!out || !rb || (!text && len) || !rb->finished)
        return error_set(err, PACTA_EUSAGE, "", 0, 0,
                         "pacta_draft_new needs an output, a finished rulebase and a text");
    *out = NULL;
    if (!rb->draft_mentions) {
        pacta_status st = error_set(err, PACTA_EINPUT, name ? name : "", 0, 0,
                                    "these rules have no 'draft:' section to read a report with");
        error_hint(err, "rules/draft.yaml holds the drafter's cues");
        return st;
    }
    pdate_range ignored;
    if (date && pdate_parse(date, strlen(date), &ignored) != PDATE_OK)
        return error_set(err, PACTA_EUSAGE, "", 0, 0,
                         "the article's date '%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", date);
    pacta_draft *d = NULL;
    arena *ar = arena_new(&rb->opts.allocator);
    if (ar)
        d = arena_alloc(ar, sizeof *d);
    if (!d) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    d->ar = ar;
    d->name = arena_strdup(ar, name ? name : "<text>");
    /* a UTF-8 byte order mark is no part of the text */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    d->len = len;
    d->text = len <= rb->opts.max_input_bytes ? arena_strndup(ar, text ? text : "", len) : "";
    pacta_status st = d->name && d->text ? PACTA_OK : error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    if (st == PACTA_OK)
        st = check_text(d, &rb->opts, err);
    if (st == PACTA_OK)
        st = index_lines(d, err);
    reader r = {d, rb, NULL, err, st, 0, 0, 0, NULL, NULL, NULL, 0, 0};
    if (st == PACTA_OK) {
        r.md = pcre2_match_data_create_from_pattern(rb->draft_mentions, rb->general_ctx);
        if (!r.md)
            reader_oom(&r);
    }
    if (r.st == PACTA_OK)
        reader_article(&r, date);
    size_t pos = 0;
    dspan s;
    int paragraph_break;
    while (r.st == PACTA_OK && reader_next_sentence(&r, &pos, &s, &paragraph_break)) {
        r.paragraph += paragraph_break;
        /* a headline repeats the story; the sentences tell it */
        if (!(d->title.at.set && s.start >= d->title.at.start && s.end <= d->title.at.end))
            read_sentence(&r, &s);
    }
    pcre2_match_data_free(r.md);
    if (r.st != PACTA_OK) {
        arena_free(ar);
        return r.st;
    }
    *out = d;
    return PACTA_OK;
}

void pacta_draft_free(pacta_draft *d)
{
    if (d)
        arena_free(d->ar);
}

size_t pacta_draft_event_count(const pacta_draft *d)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->events.count; i++)
        n += ((const devent *)d->events.items[i])->complete;
    return n;
}

size_t pacta_draft_extraction_count(const pacta_draft *d)
{
    return d ? d->extracts.count : 0;
}

pacta_extraction_view pacta_draft_extraction(const pacta_draft *d, size_t i)
{
    pacta_extraction_view v;
    memset(&v, 0, sizeof v);
    if (!d || i >= d->extracts.count)
        return v;
    const dextract *x = d->extracts.items[i];
    v.kind = x->kind;
    v.cue = x->cue;
    v.line = x->at.line;
    v.column = draft_column(d, &x->at);
    v.start = x->at.start;
    v.end = x->at.end;
    v.text = d->text + x->at.start;
    v.length = x->at.end - x->at.start;
    v.meaning = x->meaning;
    return v;
}
