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
    /* the words of the chain sentence; a check without prose reads no ref */
    h->onward_via = !via->ref ? ""
                    : arena_printf(ar, "%s (%s)", via->ref, via->detail ? via->detail : "stated");
    if (!h->id || !h->onward_via)
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

const char *onward_describe(arena *ar, const sc_event *hop)
{
    const sc_event *links[ONWARD_MAX_HOPS + 1];
    size_t n = 0;
    for (const sc_event *e = hop; e->onward_from && n < ONWARD_MAX_HOPS + 1; e = e->onward_from)
        links[n++] = e;
    const sc_event *root = first_event(hop);
    const char *path = arena_printf(ar, "%s to %s", root->actor->code, root->to->code);
    const char *why = "";
    for (size_t k = n; k-- > 0 && path && why;) {
        const sc_event *from = links[k]->onward_from;
        path = arena_printf(ar, "%s, then on to %s", path, links[k]->to->code);
        why = arena_printf(ar, "%s%s%s is likely to send the person on to %s: %s", why,
                           *why ? "; " : "", from->to->code, links[k]->to->code,
                           links[k]->onward_via);
    }
    if (!path || !why)
        return NULL;
    return arena_printf(ar,
                        "Chain refoulement followed for %s: %s. %s. The risks in each onward "
                        "state are weighed on that state's own conditions for %s.",
                        root->id, path, why, root->date_text);
}
