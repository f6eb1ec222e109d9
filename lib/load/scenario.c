/*
 * scenario.c: reading scenario documents (format: the scenario spec,
 * version 1) into the scenario model and checking them against the
 * rulebase: every id unique, every reference defined, every date a real
 * day, every state, action and fact known (with the closest known name
 * suggested). Narrative indicators run here, once per description, so a
 * check only reads their results.
 */
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/fileio.h"
#include "base/jtree.h"
#include "load/indicators.h"
#include "load/loader.h"
#include "load/scenario.h"
#include "model/model.h"

/*
 * The ids of one list (sources, persons or events) sorted, so that checking
 * that they are unique and resolving references to them cost n log n, not
 * n squared: a scan per item would make 100000 events cost 5e9 string
 * comparisons. Sorting, unlike hashing, cannot be made slow by ids chosen
 * to collide.
 */
typedef struct id_entry {
    const char *id;
    size_t index;        /* position in the list, for "first at line" */
    const void *item;
} id_entry;

typedef struct id_index {
    size_t count;
    id_entry *entries;   /* filled in list order, then sorted by id and index */
} id_index;

enum { IDS_SOURCES, IDS_PERSONS, IDS_EVENTS, IDS_LISTS };

typedef struct sc_ctx {
    const pacta_rulebase *rb;
    pacta_scenario *sc;
    load_ctx lc;
    id_index *ids;       /* IDS_LISTS of them */
} sc_ctx;

static pacta_status oom(const sc_ctx *c)
{
    return error_set(c->lc.err, PACTA_ENOMEM, c->lc.file, 0, 0, "out of memory");
}

static const char *fact_name_at(const void *list, size_t i)
{
    return ((const fact_def *const *)list)[i]->name;
}
static const char *action_name_at(const void *list, size_t i)
{
    return ((const action_def *const *)list)[i]->name;
}

static pacta_status load_state(const sc_ctx *c, const ynode *map, const char *key, int required,
                               const state_def **out)
{
    const char *code;
    pacta_status st = load_string(&c->lc, map, key, required, &code);
    *out = NULL;
    if (st != PACTA_OK || !code)
        return st;
    *out = rb_state(c->rb, code);
    if (*out)
        return PACTA_OK;
    st = load_error(&c->lc, ymap_get(map, key), "unknown state '%s'", code);
    const state_def *meant = rb_state_meant(c->rb, code);
    if (meant)
        error_hint(c->lc.err, "did you mean '%s' (%s)?", meant->code, meant->name);
    else
        error_hint(c->lc.err, "%s", STATE_CODE_HINT);
    return st;
}

static pacta_status unknown_fact(const sc_ctx *c, const ynode *at, const char *name)
{
    pacta_status st = load_error(&c->lc, at, "unknown fact '%s'", name);
    const char *near = suggest_name(name, c->rb->facts, c->rb->fact_count, fact_name_at);
    if (near)
        error_hint(c->lc.err, "did you mean '%s'?", near);
    return st;
}

/* A facts: mapping; `allowed` is the FACT_ON_* set a fact must share to be stated here. */
static pacta_status load_facts(const sc_ctx *c, const ynode *map, unsigned allowed,
                               const char *where, sc_fact_list *out)
{
    const ynode *n = ymap_get(map, "facts");
    out->count = 0;
    if (!n)
        return PACTA_OK;
    if (n->kind != YNODE_MAP)
        return load_error(&c->lc, n, "'facts' must be a mapping of fact names to true, false or unknown");
    out->items = arena_array(c->lc.ar, n->count ? n->count : 1, sizeof *out->items);
    if (!out->items)
        return oom(c);
    for (size_t i = 0; i < n->count; i++) {
        const ynode *key = ymap_key(n, i);
        sc_fact *f = &out->items[out->count++];
        f->fact = rb_fact(c->rb, key->str);
        f->line = key->line;
        f->column = key->column;
        if (!f->fact)
            return unknown_fact(c, key, key->str);
        if (!(f->fact->where & allowed) && !f->fact->derived) {
            pacta_status st = load_error(&c->lc, key, "fact '%s' cannot be stated on %s",
                                         key->str, where);
            error_hint(c->lc.err, "'%s' is stated on %s%s%s", key->str,
                       f->fact->where & FACT_ON_STATE ? "a state (conditions) " : "",
                       f->fact->where & FACT_ON_PERSON ? "persons " : "",
                       f->fact->where & FACT_ON_EVENT ? "events" : "");
            return st;
        }
        pacta_status st = load_truth_node(&c->lc, ymap_value(n, i), &f->value);
        if (st != PACTA_OK)
            return st;
    }
    return PACTA_OK;
}

static int compare_id_entries(const void *a, const void *b)
{
    const id_entry *x = a, *y = b;
    int order = strcmp(x->id, y->id);
    if (order)
        return order;
    return x->index < y->index ? -1 : x->index > y->index;
}

static int compare_id_key(const void *key, const void *entry)
{
    return strcmp(key, ((const id_entry *)entry)->id);
}

static const void *id_lookup(const id_index *x, const char *id)
{
    if (!x->count)
        return NULL;
    const id_entry *e = bsearch(id, x->entries, x->count, sizeof *x->entries, compare_id_key);
    return e ? e->item : NULL;
}

/* Room for the ids of a list of count items; 0, or -1 when out of memory. */
static int id_index_init(const sc_ctx *c, id_index *x, size_t count)
{
    x->count = 0;
    x->entries = arena_array(c->lc.ar, count ? count : 1, sizeof *x->entries);
    return x->entries ? 0 : -1;
}

static void id_index_add(id_index *x, const char *id, size_t index, const void *item)
{
    id_entry e = {id, index, item};
    x->entries[x->count++] = e;
}

/*
 * Sorts the ids of a list whose loading ended with st and reports the
 * first item, in list order, whose id an earlier item has, unless the
 * list failed earlier than that: the error the list would have given had
 * each item been compared with those before it the moment it was read.
 */
static pacta_status id_index_finish(const sc_ctx *c, id_index *x, const ynode *list,
                                    const char *what, pacta_status st)
{
    size_t stopped = x->count; /* items before a failing one each added their id */
    qsort(x->entries, x->count, sizeof *x->entries, compare_id_entries);
    const id_entry *dup = NULL, *first = NULL;
    for (size_t i = 1; i < x->count; i++) {
        const id_entry *e = &x->entries[i];
        /* the second of a run of equal ids is the first repeat of that id */
        if (strcmp(e->id, x->entries[i - 1].id) == 0 &&
            (i < 2 || strcmp(e->id, x->entries[i - 2].id) != 0) && (!dup || e->index < dup->index)) {
            dup = e;
            first = &x->entries[i - 1];
        }
    }
    if (dup && (st == PACTA_OK || dup->index < stopped))
        return load_error(&c->lc, ymap_get(list->items[dup->index], "id"),
                          "duplicate %s id '%s' (first at line %u)", what, dup->id,
                          list->items[first->index]->line);
    return st;
}

static const sc_source *find_source(const sc_ctx *c, const char *id)
{
    return id_lookup(&c->ids[IDS_SOURCES], id);
}

static const sc_person *find_person(const sc_ctx *c, const char *id)
{
    return id_lookup(&c->ids[IDS_PERSONS], id);
}

static pacta_status load_source_ref(const sc_ctx *c, const ynode *map, const char **out)
{
    pacta_status st = load_ident(&c->lc, map, "source", 0, out);
    if (st == PACTA_OK && *out && !find_source(c, *out)) {
        st = load_error(&c->lc, ymap_get(map, "source"), "undefined source '%s'", *out);
        error_hint(c->lc.err, "list it under 'sources:' with an id");
    }
    return st;
}

static pacta_status load_sources(const sc_ctx *c, const ynode *list)
{
    static const char *const keys[] = {"id", "title", "url", "date", NULL};
    pacta_status st = load_check_seq(&c->lc, list, "'sources'");
    if (st != PACTA_OK)
        return st;
    c->sc->sources = arena_array(c->lc.ar, list->count ? list->count : 1, sizeof *c->sc->sources);
    if (!c->sc->sources || id_index_init(c, &c->ids[IDS_SOURCES], list->count))
        return oom(c);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        sc_source *s = &c->sc->sources[i];
        st = load_check_map(&c->lc, n, "a source", keys);
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "id", 1, &s->id);
        if (st == PACTA_OK)
            st = load_string(&c->lc, n, "title", 0, &s->title);
        if (st == PACTA_OK)
            st = load_string(&c->lc, n, "url", 0, &s->url);
        if (st == PACTA_OK && ymap_get(n, "date")) {
            pdate_range ignored;
            st = load_date_node(&c->lc, ymap_get(n, "date"), &ignored, &s->date);
        }
        if (st == PACTA_OK)
            id_index_add(&c->ids[IDS_SOURCES], s->id, i, s);
        c->sc->source_count = i + 1;
    }
    return id_index_finish(c, &c->ids[IDS_SOURCES], list, "source", st);
}

static pacta_status load_status(const sc_ctx *c, const ynode *map, sc_person *p)
{
    static const char *const names[] = {"refugee", "asylum_seeker", "undetermined", "migrant",
                                        "national", NULL};
    const char *status;
    pacta_status st = load_string(&c->lc, map, "status", 0, &status);
    p->status = ST_UNDETERMINED;
    if (st != PACTA_OK || !status)
        return st;
    for (size_t k = 0; names[k]; k++) {
        if (strcmp(names[k], status) == 0) {
            p->status = 1u << k;
            p->status_given = 1;
            return PACTA_OK;
        }
    }
    st = load_error(&c->lc, ymap_get(map, "status"), "unknown status '%s'", status);
    const char *near = suggest_from_list(status, names);
    if (near)
        error_hint(c->lc.err, "did you mean '%s'?", near);
    else
        error_hint(c->lc.err, "refugee, asylum_seeker, undetermined, migrant or national");
    return st;
}

static pacta_status load_persons(const sc_ctx *c, const ynode *list)
{
    static const char *const keys[] = {"id", "name", "nationality", "count", "status", "facts",
                                       "note", NULL};
    pacta_status st = load_check_seq(&c->lc, list, "'persons'");
    if (st != PACTA_OK)
        return st;
    if (list->count > c->rb->opts.max_persons)
        return error_set(c->lc.err, PACTA_ELIMIT, c->lc.file, list->line, list->column,
                         "more than %zu persons", c->rb->opts.max_persons);
    c->sc->persons = arena_array(c->lc.ar, list->count ? list->count : 1, sizeof *c->sc->persons);
    if (!c->sc->persons || id_index_init(c, &c->ids[IDS_PERSONS], list->count))
        return oom(c);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        sc_person *p = &c->sc->persons[i];
        p->index = i;
        const char *ignored_name;
        st = load_check_map(&c->lc, n, "a person", keys);
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "id", 1, &p->id);
        if (st == PACTA_OK)
            st = load_string(&c->lc, n, "name", 0, &ignored_name);
        if (st == PACTA_OK)
            st = load_state(c, n, "nationality", 0, &p->nationality);
        if (st == PACTA_OK)
            st = load_count(&c->lc, n, "count", &p->count);
        if (st == PACTA_OK)
            st = load_status(c, n, p);
        if (st == PACTA_OK)
            st = load_facts(c, n, FACT_ON_PERSON | FACT_ON_STATE, "persons", &p->facts);
        if (st == PACTA_OK)
            id_index_add(&c->ids[IDS_PERSONS], p->id, i, p);
        c->sc->person_count = i + 1;
    }
    return id_index_finish(c, &c->ids[IDS_PERSONS], list, "person", st);
}

static pacta_status load_conditions(const sc_ctx *c, const ynode *list)
{
    static const char *const keys[] = {"state", "fact", "value", "from", "until", "source",
                                       "persons", "onward_to", "note", NULL};
    pacta_status st = load_check_seq(&c->lc, list, "'conditions'");
    if (st != PACTA_OK)
        return st;
    c->sc->conditions = arena_array(c->lc.ar, list->count ? list->count : 1,
                                    sizeof *c->sc->conditions);
    if (!c->sc->conditions)
        return oom(c);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        sc_condition *cd = &c->sc->conditions[i];
        cd->index = i;
        cd->line = n->line;
        cd->column = n->column;
        const char *fact;
        st = load_check_map(&c->lc, n, "a condition", keys);
        if (st == PACTA_OK)
            st = load_state(c, n, "state", 1, &cd->state);
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "fact", 1, &fact);
        if (st == PACTA_OK && !(cd->fact = rb_fact(c->rb, fact)))
            st = unknown_fact(c, ymap_get(n, "fact"), fact);
        if (st == PACTA_OK && !(cd->fact->where & FACT_ON_STATE) && !cd->fact->derived) {
            st = load_error(&c->lc, ymap_get(n, "fact"),
                            "'%s' is not a fact about a state, so it cannot be a condition", fact);
            error_hint(c->lc.err, "state it under the person's or the event's 'facts:'");
        }
        cd->value = PACTA_TRUE;
        if (st == PACTA_OK && ymap_get(n, "value"))
            st = load_truth_node(&c->lc, ymap_get(n, "value"), &cd->value);
        if (st == PACTA_OK && ymap_get(n, "from")) {
            cd->has_from = 1;
            st = load_date_node(&c->lc, ymap_get(n, "from"), &cd->from, NULL);
        }
        if (st == PACTA_OK && ymap_get(n, "until")) {
            cd->has_until = 1;
            st = load_date_node(&c->lc, ymap_get(n, "until"), &cd->until, NULL);
        }
        if (st == PACTA_OK && cd->has_from && cd->has_until && cd->until.hi < cd->from.lo)
            st = load_error(&c->lc, ymap_get(n, "until"), "'until' is before 'from'");
        if (st == PACTA_OK)
            st = load_source_ref(c, n, &cd->source);
        if (st == PACTA_OK)
            st = load_state(c, n, "onward_to", 0, &cd->onward_to);
        if (st == PACTA_OK && cd->onward_to && !cd->fact->names_onward)
            st = load_error(&c->lc, ymap_get(n, "onward_to"),
                            "'onward_to' names an onward state, which fact '%s' does not carry", fact);
        size_t count = 0;
        const char **ids = NULL;
        if (st == PACTA_OK)
            st = load_string_list(&c->lc, n, "persons", &count, &ids);
        if (st == PACTA_OK && count) {
            cd->persons = arena_array(c->lc.ar, count, sizeof *cd->persons);
            if (!cd->persons)
                return oom(c);
            cd->person_count = count;
            for (size_t k = 0; st == PACTA_OK && k < count; k++)
                if (!(cd->persons[k] = find_person(c, ids[k])))
                    st = load_error(&c->lc, ymap_get(n, "persons"), "undefined person '%s'", ids[k]);
        }
        c->sc->condition_count = i + 1;
    }
    return st;
}

static const char *const EVENT_FIELDS[] = {"to", "as", "basis", "outcome", "to_body", NULL};

static pacta_status load_event_fields(const sc_ctx *c, const ynode *n, sc_event *e)
{
    const action_def *a = e->action;
    pacta_status st = PACTA_OK;
    for (size_t f = 0; st == PACTA_OK && EVENT_FIELDS[f]; f++) {
        const ynode *v = ymap_get(n, EVENT_FIELDS[f]);
        unsigned bit = 1u << f;
        if (v && !(a->fields & bit))
            return load_error(&c->lc, ymap_get(n, EVENT_FIELDS[f]) ? v : n,
                              "action '%s' takes no '%s'", a->name, EVENT_FIELDS[f]);
        if (!v && (a->required & bit)) {
            st = load_error(&c->lc, n, "a '%s' event needs '%s'", a->name, EVENT_FIELDS[f]);
            if (bit == AF_TO)
                error_hint(c->lc.err, "give the destination state, e.g. 'to: KP'");
            return st;
        }
    }
    if (a->fields & AF_TO)
        st = load_state(c, n, "to", 0, &e->to);
    if (st == PACTA_OK && ymap_get(n, "onward_to") && !a->removal)
        return load_error(&c->lc, ymap_get(n, "onward_to"),
                          "'onward_to' belongs on a removal; '%s' is not one", a->name);
    if (st == PACTA_OK)
        st = load_state(c, n, "onward_to", 0, &e->onward_to);
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "as", 0, &e->as);
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "basis", 0, &e->basis);
    if (st == PACTA_OK && e->basis && strcmp(e->basis, "categorical") != 0 &&
        strcmp(e->basis, "individual") != 0)
        st = load_error(&c->lc, ymap_get(n, "basis"), "basis is categorical or individual, not '%s'",
                        e->basis);
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "outcome", 0, &e->outcome);
    if (st == PACTA_OK && e->outcome && strcmp(e->outcome, "recognized") != 0 &&
        strcmp(e->outcome, "rejected") != 0 && strcmp(e->outcome, "pending") != 0)
        st = load_error(&c->lc, ymap_get(n, "outcome"),
                        "outcome is recognized, rejected or pending, not '%s'", e->outcome);
    if (st == PACTA_OK)
        st = load_string(&c->lc, n, "to_body", 0, &e->to_body);
    return st;
}

static pacta_status load_event(const sc_ctx *c, const ynode *n, sc_event *e)
{
    static const char *const keys[] = {"id", "date", "actor", "action", "subject", "to", "as",
                                       "basis", "outcome", "to_body", "onward_to", "source",
                                       "description", "facts", "note", NULL};
    const char *action, *subject;
    e->line = n->line;
    e->column = n->column;
    pacta_status st = load_check_map(&c->lc, n, "an event", keys);
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "id", 1, &e->id);
    if (st == PACTA_OK && !ymap_get(n, "date"))
        st = load_error(&c->lc, n, "event '%s' needs a 'date'", e->id);
    if (st == PACTA_OK)
        st = load_date_node(&c->lc, ymap_get(n, "date"), &e->date, &e->date_text);
    if (st == PACTA_OK)
        st = load_state(c, n, "actor", 1, &e->actor);
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "action", 1, &action);
    if (st == PACTA_OK && !(e->action = rb_action(c->rb, action))) {
        st = load_error(&c->lc, ymap_get(n, "action"), "unknown action '%s'", action);
        const char *near = suggest_name(action, c->rb->actions, c->rb->action_count, action_name_at);
        if (near)
            error_hint(c->lc.err, "did you mean '%s'?", near);
    }
    if (st == PACTA_OK)
        st = load_ident(&c->lc, n, "subject", 1, &subject);
    if (st == PACTA_OK && !(e->subject = find_person(c, subject))) {
        st = load_error(&c->lc, ymap_get(n, "subject"), "undefined person '%s'", subject);
        error_hint(c->lc.err, "define it under 'persons:'");
    }
    if (st == PACTA_OK)
        st = load_event_fields(c, n, e);
    if (st == PACTA_OK)
        st = load_source_ref(c, n, &e->source);
    if (st == PACTA_OK)
        st = load_string(&c->lc, n, "description", 0, &e->description);
    if (st == PACTA_OK && e->description)
        e->description_len = ymap_get(n, "description")->len;
    if (st == PACTA_OK)
        st = load_facts(c, n, FACT_ON_EVENT | FACT_ON_PERSON | FACT_ON_STATE, "events", &e->facts);
    return st;
}

int sc_event_compare(const void *a, const void *b)
{
    const sc_event *x = *(const sc_event *const *)a, *y = *(const sc_event *const *)b;
    if (x->date.lo != y->date.lo)
        return x->date.lo < y->date.lo ? -1 : 1;
    if (x->date.hi != y->date.hi)
        return x->date.hi < y->date.hi ? -1 : 1;
    return x->input_index < y->input_index ? -1 : x->input_index > y->input_index;
}

static pacta_status load_events(const sc_ctx *c, const ynode *list)
{
    pacta_status st = load_check_seq(&c->lc, list, "'events'");
    if (st != PACTA_OK)
        return st;
    if (list->count > c->rb->opts.max_events)
        return error_set(c->lc.err, PACTA_ELIMIT, c->lc.file, list->line, list->column,
                         "more than %zu events", c->rb->opts.max_events);
    c->sc->events = arena_array(c->lc.ar, list->count ? list->count : 1, sizeof *c->sc->events);
    if (!c->sc->events || id_index_init(c, &c->ids[IDS_EVENTS], list->count))
        return oom(c);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        sc_event *e = arena_alloc(c->lc.ar, sizeof *e);
        if (!e)
            return oom(c);
        e->input_index = i;
        c->sc->events[i] = e;
        c->sc->event_count = i + 1;
        st = load_event(c, list->items[i], e);
        if (st == PACTA_OK)
            id_index_add(&c->ids[IDS_EVENTS], e->id, i, e);
    }
    st = id_index_finish(c, &c->ids[IDS_EVENTS], list, "event", st);
    if (st != PACTA_OK)
        return st;
    qsort(c->sc->events, c->sc->event_count, sizeof *c->sc->events, sc_event_compare);
    for (size_t i = 0; i < c->sc->event_count; i++)
        c->sc->events[i]->index = i;
    return PACTA_OK;
}

static pacta_status load_expects(const sc_ctx *c, const ynode *list)
{
    static const char *const keys[] = {"event", "instrument", "provision", "rule", "verdict",
                                       "note", NULL};
    static const char *const verdicts[] = {"violation", "no_violation", "undetermined",
                                           "not_applicable", NULL};
    pacta_status st = load_check_seq(&c->lc, list, "'expect'");
    if (st != PACTA_OK)
        return st;
    c->sc->expects = arena_array(c->lc.ar, list->count ? list->count : 1, sizeof *c->sc->expects);
    if (!c->sc->expects)
        return oom(c);
    for (size_t i = 0; st == PACTA_OK && i < list->count; i++) {
        const ynode *n = list->items[i];
        sc_expect *x = &c->sc->expects[i];
        x->line = n->line;
        const char *verdict;
        const instrument_def *inst = NULL;
        st = load_check_map(&c->lc, n, "an expectation", keys);
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "event", 1, &x->event);
        if (st == PACTA_OK && !id_lookup(&c->ids[IDS_EVENTS], x->event))
            st = load_error(&c->lc, ymap_get(n, "event"), "undefined event '%s'", x->event);
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "instrument", 1, &x->instrument);
        if (st == PACTA_OK && !(inst = rb_instrument(c->rb, x->instrument)))
            st = load_error(&c->lc, ymap_get(n, "instrument"), "unknown instrument '%s'",
                            x->instrument);
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "provision", 1, &x->provision);
        if (st == PACTA_OK && !instrument_provision(inst, x->provision))
            st = load_error(&c->lc, ymap_get(n, "provision"), "instrument '%s' has no provision '%s'",
                            x->instrument, x->provision);
        if (st == PACTA_OK)
            st = load_string(&c->lc, n, "rule", 0, &x->rule);
        if (st == PACTA_OK && x->rule) {
            size_t r = 0;
            while (r < c->rb->rule_count && strcmp(c->rb->rules[r]->id, x->rule) != 0)
                r++;
            if (r == c->rb->rule_count)
                st = load_error(&c->lc, ymap_get(n, "rule"), "unknown rule '%s'", x->rule);
        }
        if (st == PACTA_OK)
            st = load_ident(&c->lc, n, "verdict", 1, &verdict);
        if (st == PACTA_OK) {
            size_t k = 0;
            while (verdicts[k] && strcmp(verdicts[k], verdict) != 0)
                k++;
            if (!verdicts[k]) {
                st = load_error(&c->lc, ymap_get(n, "verdict"), "unknown verdict '%s'", verdict);
                const char *near = suggest_from_list(verdict, verdicts);
                error_hint(c->lc.err, near ? "did you mean '%s'?" : "%s",
                           near ? near : "violation, no_violation, undetermined or not_applicable");
            }
            x->verdict = (pacta_verdict)k;
        }
        c->sc->expect_count = i + 1;
    }
    return st;
}

static pacta_status load_document(const sc_ctx *c, const ynode *root)
{
    static const char *const keys[] = {"pacta", "title", "summary", "sources", "persons",
                                       "conditions", "events", "expect", NULL};
    pacta_status st = load_check_map(&c->lc, root, "a scenario", keys);
    if (st != PACTA_OK)
        return st;
    const ynode *version = ymap_get(root, "pacta");
    if (!version) {
        st = load_error(&c->lc, root, "a scenario starts with 'pacta: 1' (the format version)");
        return st;
    }
    if (!yscalar_is(version, "1"))
        return load_error(&c->lc, version, "unsupported scenario format version; this pacta reads 1");
    st = load_string(&c->lc, root, "title", 0, &c->sc->title);
    if (st == PACTA_OK)
        st = load_string(&c->lc, root, "summary", 0, &c->sc->summary);
    const ynode *n;
    if (st == PACTA_OK && (n = ymap_get(root, "sources")))
        st = load_sources(c, n);
    if (st == PACTA_OK && (n = ymap_get(root, "persons")))
        st = load_persons(c, n);
    if (st == PACTA_OK && (n = ymap_get(root, "conditions")))
        st = load_conditions(c, n);
    if (st == PACTA_OK && (n = ymap_get(root, "events")))
        st = load_events(c, n);
    if (st == PACTA_OK && (n = ymap_get(root, "expect")))
        st = load_expects(c, n);
    for (size_t i = 0; st == PACTA_OK && i < c->sc->event_count; i++) {
        sc_event *e = c->sc->events[i];
        const ynode *desc = NULL;
        if (e->description) {
            /* positions of the description for limit errors */
            const ynode *list = ymap_get(root, "events");
            desc = ymap_get(list->items[e->input_index], "description");
        }
        st = indicators_scan(c->rb, c->lc.ar, e, c->lc.file, desc ? desc->line : e->line,
                             desc ? desc->column : e->column, c->lc.err);
    }
    if (!c->sc->title)
        c->sc->title = "";
    return st;
}

/* --------------------------------------------------------------- public */

struct pacta_scenario_stream {
    arena *ar;          /* holds the copy of the input */
    const pacta_rulebase *rb;
    const char *name;
    yreader *reader;
    int failed;
};

/* Frees the scenario's arena unless the caller lent it. */
static void drop_scenario(pacta_scenario *sc)
{
    if (!sc->borrows_arena)
        arena_free(sc->ar);
}

/* An empty scenario named name, in the arena lent (NULL: one of its own);
 * NULL when out of memory. */
static pacta_scenario *new_scenario(const pacta_rulebase *rb, const char *name, arena *lent)
{
    arena *ar = lent ? lent : arena_new(&rb->opts.allocator);
    pacta_scenario *sc = ar ? arena_alloc(ar, sizeof *sc) : NULL;
    if (sc) {
        sc->ar = ar;
        sc->borrows_arena = lent != NULL;
        sc->rb = rb;
        sc->name = arena_strdup(ar, name);
    }
    if (!sc || !sc->name) {
        if (!lent)
            arena_free(ar);
        return NULL;
    }
    return sc;
}

/* Reads the scenario of the tree root (when parsed is PACTA_OK) into sc and
 * hands it out, or frees sc and returns the error. */
static pacta_status load_root(pacta_scenario *sc, pacta_status parsed, const ynode *root,
                              pacta_scenario **out, pacta_error *err)
{
    if (parsed == PACTA_OK) {
        id_index ids[IDS_LISTS] = {{0, NULL}};
        sc_ctx c = {sc->rb, sc, {sc->ar, sc->name, err}, ids};
        parsed = load_document(&c, root);
    }
    if (parsed != PACTA_OK) {
        drop_scenario(sc);
        return parsed;
    }
    *out = sc;
    return PACTA_OK;
}

static pacta_status parse_next(pacta_scenario_stream *st, pacta_scenario **out, pacta_error *err)
{
    *out = NULL;
    if (st->failed)
        return PACTA_DONE;
    pacta_scenario *sc = new_scenario(st->rb, st->name, NULL);
    if (!sc)
        return error_set(err, PACTA_ENOMEM, st->name, 0, 0, "out of memory");
    ynode *root = NULL;
    pacta_status status = yreader_next(st->reader, sc->ar, &root, err);
    if (status != PACTA_OK && status != PACTA_DONE)
        st->failed = 1; /* a YAML syntax error leaves the parser where it cannot resume */
    return load_root(sc, status, root, out, err);
}

pacta_status pacta_scenario_stream_new(pacta_scenario_stream **out, const pacta_rulebase *rb,
                                       const char *name, const char *data, size_t len,
                                       pacta_error *err)
{
    if (!out || !rb || (!data && len))
        return error_set(err, PACTA_EUSAGE, name ? name : "", 0, 0,
                         "pacta_scenario_stream_new: invalid argument");
    *out = NULL;
    if (!name)
        name = "<buffer>";
    if (!rb->finished)
        return error_set(err, PACTA_EUSAGE, name, 0, 0, "the rulebase is not finished");
    if (len > rb->opts.max_input_bytes)
        return error_set(err, PACTA_ELIMIT, name, 1, 1, "input is larger than the limit of %zu bytes",
                         rb->opts.max_input_bytes);
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_scenario_stream *st = ar ? arena_alloc(ar, sizeof *st) : NULL;
    char *copy = st ? arena_strndup(ar, data ? data : "", len) : NULL;
    st = copy ? st : NULL;
    if (st) {
        st->ar = ar;
        st->rb = rb;
        st->name = arena_strdup(ar, name);
        st->reader = st->name ? yreader_new(st->name, copy, len, &rb->opts) : NULL;
    }
    if (!st || !st->reader) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    }
    *out = st;
    return PACTA_OK;
}

pacta_status pacta_scenario_stream_next(pacta_scenario_stream *st, pacta_scenario **out,
                                        pacta_error *err)
{
    if (!st || !out)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_scenario_stream_next: invalid argument");
    return parse_next(st, out, err);
}

void pacta_scenario_stream_free(pacta_scenario_stream *st)
{
    if (!st)
        return;
    yreader_free(st->reader);
    arena_free(st->ar);
}

pacta_status pacta_scenario_stream_new_reader(pacta_scenario_stream **out,
                                              const pacta_rulebase *rb, const char *name,
                                              pacta_read_fn read, void *ctx, pacta_error *err)
{
    if (!out || !rb || !read)
        return error_set(err, PACTA_EUSAGE, name ? name : "", 0, 0,
                         "pacta_scenario_stream_new_reader: invalid argument");
    *out = NULL;
    if (!name)
        name = "<stream>";
    if (!rb->finished)
        return error_set(err, PACTA_EUSAGE, name, 0, 0, "the rulebase is not finished");
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_scenario_stream *st = ar ? arena_alloc(ar, sizeof *st) : NULL;
    if (st) {
        st->ar = ar;
        st->rb = rb;
        st->name = arena_strdup(ar, name);
        st->reader = st->name ? yreader_new_fn(st->name, read, ctx, &rb->opts) : NULL;
    }
    if (!st || !st->reader) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    }
    *out = st;
    return PACTA_OK;
}

/* Exactly one scenario from data, read in place (the reader copies nothing
 * and the scenario copies what it keeps), its lines counted from first_line. */
static pacta_status load_one(pacta_scenario **out, const pacta_rulebase *rb, const char *name,
                             unsigned first_line, const char *data, size_t len, pacta_error *err)
{
    if (!out)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_scenario_load_buffer: out is NULL");
    *out = NULL;
    if (!rb || (!data && len))
        return error_set(err, PACTA_EUSAGE, name ? name : "", 0, 0,
                         "pacta_scenario_load_buffer: invalid argument");
    if (!name)
        name = "<buffer>";
    if (!rb->finished)
        return error_set(err, PACTA_EUSAGE, name, 0, 0, "the rulebase is not finished");
    if (len > rb->opts.max_input_bytes)
        return error_set(err, PACTA_ELIMIT, name, first_line, 1,
                         "input is larger than the limit of %zu bytes", rb->opts.max_input_bytes);
    pacta_scenario_stream st = {NULL, rb, name, yreader_new(name, data ? data : "", len, &rb->opts), 0};
    if (!st.reader)
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    yreader_set_first_line(st.reader, first_line);
    pacta_scenario *sc;
    pacta_status status = parse_next(&st, &sc, err);
    if (status == PACTA_DONE)
        status = error_set(err, PACTA_EINPUT, name, first_line, 1, "no scenario: the input is empty");
    if (status == PACTA_OK) {
        pacta_scenario *extra;
        pacta_status more = parse_next(&st, &extra, err);
        if (more == PACTA_OK) {
            status = error_set(err, PACTA_EINPUT, name, 0, 0,
                               "the input holds more than one scenario");
            pacta_scenario_free(extra);
        } else if (more != PACTA_DONE) {
            status = more;
        }
        if (status != PACTA_OK)
            pacta_scenario_free(sc);
        else
            *out = sc;
    }
    yreader_free(st.reader);
    return status;
}

pacta_status pacta_scenario_load_buffer(pacta_scenario **out, const pacta_rulebase *rb,
                                        const char *name, const char *data, size_t len,
                                        pacta_error *err)
{
    return load_one(out, rb, name, 1, data, len, err);
}

/* One line of JSON Lines: json-c parses it (base/jtree.h) into the tree the
 * YAML reader would have built, and the same loader reads the scenario. */
pacta_status pacta_scenario_load_line(pacta_scenario **out, const pacta_rulebase *rb,
                                      const char *name, unsigned line, const char *data,
                                      size_t len, pacta_error *err)
{
    return scenario_load_line_in(NULL, NULL, out, rb, name, line, data, len, err);
}

pacta_status scenario_load_line_in(arena *lent, jtree_parser *parser, pacta_scenario **out,
                                   const pacta_rulebase *rb, const char *name, unsigned line,
                                   const char *data, size_t len, pacta_error *err)
{
    if (!out || !rb || (!data && len))
        return error_set(err, PACTA_EUSAGE, name ? name : "", 0, 0,
                         "pacta_scenario_load_line: invalid argument");
    *out = NULL;
    if (!name)
        name = "<buffer>";
    if (!rb->finished)
        return error_set(err, PACTA_EUSAGE, name, 0, 0, "the rulebase is not finished");
    pacta_scenario *sc = new_scenario(rb, name, lent);
    if (!sc)
        return error_set(err, PACTA_ENOMEM, name, 0, 0, "out of memory");
    ynode *root = NULL;
    pacta_status st = jtree_parse_with(parser, sc->name, line ? line : 1, data ? data : "", len,
                                       &rb->opts, sc->ar, &root, err);
    return load_root(sc, st, root, out, err);
}

pacta_status pacta_scenario_load_file(pacta_scenario **out, const pacta_rulebase *rb,
                                      const char *path, pacta_error *err)
{
    if (!out || !rb || !path)
        return error_set(err, PACTA_EUSAGE, path ? path : "", 0, 0,
                         "pacta_scenario_load_file: invalid argument");
    *out = NULL;
    arena *scratch;
    char *data;
    size_t len;
    pacta_status st = read_file_scratch(&scratch, &rb->opts, path, &data, &len, err);
    if (st == PACTA_OK)
        st = pacta_scenario_load_buffer(out, rb, path, data, len, err);
    arena_free(scratch);
    return st;
}

void pacta_scenario_free(pacta_scenario *sc)
{
    if (sc)
        drop_scenario(sc);
}

const char *pacta_scenario_name(const pacta_scenario *sc)
{
    return sc ? sc->name : "";
}

const char *pacta_scenario_title(const pacta_scenario *sc)
{
    return sc ? sc->title : "";
}
