/*
 * whatif.c: the public read-only views of what a report carries when it
 * was checked under assumptions or with counterfactuals (model/whatif.h).
 */
#include "model/whatif.h"

#include <string.h>

size_t pacta_report_assumption_count(const pacta_report *rep)
{
    return rep && rep->whatif ? rep->whatif->assumption_count : 0;
}

pacta_change_view pacta_report_assumption(const pacta_report *rep, size_t i)
{
    pacta_change_view v = {NULL, NULL};
    if (i < pacta_report_assumption_count(rep))
        v = rep->whatif->assumptions[i];
    return v;
}

size_t pacta_report_changed_count(const pacta_report *rep)
{
    return rep && rep->whatif ? rep->whatif->changed : 0;
}

size_t pacta_report_dropped_count(const pacta_report *rep)
{
    return rep && rep->whatif ? rep->whatif->dropped.count : 0;
}

const char *pacta_report_dropped(const pacta_report *rep, size_t i)
{
    return i < pacta_report_dropped_count(rep) ? rep->whatif->dropped.items[i] : NULL;
}

pacta_baseline_view pacta_finding_baseline(const pacta_finding *f)
{
    pacta_baseline_view v = {0, 0, PACTA_NOT_APPLICABLE, 0};
    if (!f || !f->whatif || !f->whatif->assumed)
        return v;
    v.assumed = 1;
    v.found = f->whatif->baseline_found;
    v.verdict = f->whatif->baseline;
    v.changed = !v.found || v.verdict != f->verdict;
    return v;
}

size_t pacta_finding_counterfactual_count(const pacta_finding *f)
{
    return f && f->whatif ? f->whatif->count : 0;
}

pacta_counterfactual_view pacta_finding_counterfactual(const pacta_finding *f, size_t i)
{
    pacta_counterfactual_view v;
    memset(&v, 0, sizeof v);
    if (i >= pacta_finding_counterfactual_count(f))
        return v;
    const rp_counterfactual *c = &f->whatif->items[i];
    v.change_count = c->change_count;
    v.changes = c->changes;
    v.verdict = c->verdict;
    v.step_count = c->step_count;
    v.steps = c->steps;
    v.single = c->single;
    return v;
}

int pacta_finding_counterfactuals_truncated(const pacta_finding *f)
{
    return f && f->whatif ? f->whatif->truncated : 0;
}
