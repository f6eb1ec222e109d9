/*
 * onward.c: the links of chain refoulement (see onward.h). A hop is a copy
 * of the removal with the onward state as its destination, the same date
 * (the onward state's conditions are read on their own windows for that
 * date) and nothing of what the scenario stated on the event, the person or
 * the narrative, which is about the first destination.
 */
#include "reason/onward.h"

#include <string.h>

static const sc_event *first_event(const sc_event *at)
{
    while (at->onward_from)
        at = at->onward_from;
    return at;
}

/* Whether the chain up to `at` has already reached state s (the actor included). */
static int already_reached(const sc_event *at, const state_def *s)
{
    for (const sc_event *e = at; e; e = e->onward_from)
        if (e->to == s)
            return 1;
    return first_event(at)->actor == s;
}

int onward_next(arena *ar, const sc_event *at, const fact_answer *via, onward_step *step,
                sc_event **hop)
{
    *hop = NULL;
    const state_def *next = !at->onward_from && at->onward_to ? at->onward_to
                            : via->onward_to                  ? via->onward_to
                            : at->subject                     ? at->subject->nationality
                                                              : NULL;
    if (at->hops >= ONWARD_MAX_HOPS) {
        *step = ONWARD_TOO_FAR;
        return 0;
    }
    if (!next) {
        *step = ONWARD_UNKNOWN;
        return 0;
    }
    if (already_reached(at, next)) {
        *step = ONWARD_NONE;
        return 0;
    }
    sc_event *h = arena_alloc(ar, sizeof *h);
    if (!h)
        return -1;
    const sc_event *root = first_event(at);
    h->id = arena_join(ar, root->id, " onward to ", next->code);
    /* for the chain's sentence and data; a check without prose reads no ref */
    h->onward_ref = via->ref ? via->ref : "";
    h->onward_stated = via->detail ? via->detail : "stated";
    if (!h->id)
        return -1;
    h->date = at->date;
    h->date_text = at->date_text;
    h->actor = root->actor;
    h->action = at->action;
    h->subject = at->subject;
    h->to = next;
    h->source = via->source;
    h->index = at->index;
    h->input_index = at->input_index;
    h->line = at->line;
    h->column = at->column;
    h->onward_from = at;
    h->hops = at->hops + 1;
    *step = ONWARD_HOP;
    *hop = h;
    return 0;
}

/* The links of the chain that ends at hop, first link first; returns their number. */
static size_t chain_links(const sc_event *hop, const sc_event *links[ONWARD_MAX_HOPS])
{
    size_t n = 0;
    for (const sc_event *e = hop; e->onward_from && n < ONWARD_MAX_HOPS; e = e->onward_from)
        n++;
    size_t k = n;
    for (const sc_event *e = hop; k > 0; e = e->onward_from)
        links[--k] = e;
    return n;
}

int onward_same_chain(const sc_event *a, const sc_event *b)
{
    for (; a->onward_from && b->onward_from; a = a->onward_from, b = b->onward_from)
        if (a->to != b->to || strcmp(a->onward_ref, b->onward_ref) != 0 ||
            strcmp(a->onward_stated, b->onward_stated) != 0)
            return 0;
    return a == b;
}

const char *onward_describe(arena *ar, const sc_event *hop)
{
    const sc_event *links[ONWARD_MAX_HOPS];
    size_t n = chain_links(hop, links);
    const sc_event *root = first_event(hop);
    const char *path = arena_printf(ar, "%s to %s", root->actor->code, root->to->code);
    const char *why = "";
    for (size_t k = 0; k < n && path && why; k++) {
        path = arena_printf(ar, "%s, then on to %s", path, links[k]->to->code);
        why = arena_printf(ar, "%s%s%s is likely to send the person on to %s: %s (%s)", why,
                           *why ? "; " : "", links[k]->onward_from->to->code, links[k]->to->code,
                           links[k]->onward_ref, links[k]->onward_stated);
    }
    if (!path || !why)
        return NULL;
    return arena_printf(ar,
                        "Chain refoulement followed for %s: %s. %s. The risks in each onward "
                        "state are weighed on that state's own conditions for %s.",
                        root->id, path, why, root->date_text);
}

int onward_chain(arena *ar, const sc_event *hop, rp_chain *out)
{
    const sc_event *links[ONWARD_MAX_HOPS];
    size_t n = chain_links(hop, links);
    const sc_event *root = first_event(hop);
    out->event = root->id;
    out->actor = root->actor->code;
    out->to = root->to->code;
    out->link_count = n;
    out->links = arena_array(ar, n ? n : 1, sizeof *out->links);
    if (!out->links)
        return -1;
    for (size_t k = 0; k < n; k++) {
        rp_chain_link *l = &out->links[k];
        l->from = links[k]->onward_from->to->code;
        l->to = links[k]->to->code;
        l->condition = links[k]->onward_ref;
        l->stated = links[k]->onward_stated;
    }
    return 0;
}
