/*
 * fuzz_check.c: the whole pipeline on a fuzzed scenario: load against the
 * real rulebase, check, read every finding through the accessors, compare
 * the expectations, and render to text, to JSON (both shapes, and the
 * analysis) and to HTML. Rendering must succeed (the sink never fails), text must end in
 * a newline and JSON must be one balanced object.
 */
#include <stdint.h>

#include "fuzz_common.h"

static void read_findings(const pacta_report *rep)
{
    size_t n = pacta_report_finding_count(rep), by_verdict = 0;
    for (int v = 0; v < PACTA_VERDICT_COUNT; v++)
        by_verdict += pacta_report_count(rep, (pacta_verdict)v);
    if (by_verdict != n)
        abort();
    for (size_t i = 0; i < n; i++) {
        const pacta_finding *f = pacta_report_finding(rep, i);
        if (!f || !pacta_finding_rule(f) || !pacta_finding_actor(f) || !pacta_finding_date(f))
            abort();
        size_t facts = pacta_finding_fact_count(f);
        for (size_t j = 0; j < facts; j++) {
            pacta_fact_view fv = pacta_finding_fact(f, j);
            if (!fv.ref || fv.span_start > fv.span_end)
                abort();
        }
        for (size_t j = 0; j < pacta_finding_step_count(f); j++) {
            pacta_step_view sv = pacta_finding_step(f, j);
            for (size_t k = 0; k < sv.fact_count; k++)
                if (sv.facts[k] >= facts)
                    abort();
        }
        for (size_t j = 0; j < pacta_finding_event_count(f); j++)
            if (!pacta_finding_event(f, j))
                abort();
        /* a chain starts at a removal and has a link for every onward state, each with its reason */
        for (size_t j = 0; j < pacta_finding_chain_count(f); j++) {
            pacta_chain_view cv = pacta_finding_chain(f, j);
            if (!cv.event || !cv.actor || !cv.to || cv.link_count == 0)
                abort();
            for (size_t k = 0; k < cv.link_count; k++) {
                pacta_chain_link_view lv = pacta_finding_chain_link(f, j, k);
                if (!lv.from || !lv.to || !lv.condition || !lv.stated)
                    abort();
            }
        }
    }
    if (pacta_report_finding(rep, n) != NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pacta_rulebase *rb = fuzz_rulebase();
    pacta_scenario *sc = NULL;
    pacta_report *rep = NULL;
    pacta_error err;
    pacta_status st = pacta_scenario_load_buffer(&sc, rb, "fuzz.yaml", (const char *)data, size,
                                                 &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        return 0;
    }
    st = pacta_check(&rep, rb, sc, &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        pacta_scenario_free(sc);
        return 0;
    }
    read_findings(rep);
    for (size_t i = 0; i < pacta_scenario_expectation_count(sc); i++)
        (void)pacta_expectation_check(sc, i, rep);

    fuzz_output text = {0}, all = {0}, json = {0}, full = {0}, v1 = {0}, page = {0};
    if (pacta_render(rep, rb, PACTA_FORMAT_TEXT, 0, fuzz_collect, &text) != PACTA_OK ||
        pacta_render(rep, rb, PACTA_FORMAT_TEXT, PACTA_RENDER_ALL, fuzz_collect, &all) != PACTA_OK ||
        pacta_render(rep, rb, PACTA_FORMAT_JSON, 0, fuzz_collect, &json) != PACTA_OK ||
        pacta_render(rep, rb, PACTA_FORMAT_JSON, PACTA_RENDER_EXPLAIN, fuzz_collect, &full) != PACTA_OK ||
        pacta_render(rep, rb, PACTA_FORMAT_JSON, PACTA_RENDER_JSON_V1, fuzz_collect, &v1) != PACTA_OK ||
        pacta_render(rep, rb, PACTA_FORMAT_HTML, PACTA_RENDER_ALL, fuzz_collect, &page) != PACTA_OK)
        abort();
    for (size_t i = 0; i < page.len; i++) /* no markup or control character from the scenario */
        if ((unsigned char)page.data[i] < 0x20 && page.data[i] != '\n')
            abort();
    if (text.len == 0 || text.data[text.len - 1] != '\n' || all.len < text.len)
        abort();
    fuzz_check_json(&json);
    fuzz_check_json(&full); /* format 2 with the steps and the facts table */
    fuzz_check_json(&v1);   /* format 1, kept for one version */
    free(text.data);
    free(all.data);
    free(json.data);
    free(full.data);
    free(v1.data);
    free(page.data);
    pacta_report_free(rep);
    pacta_scenario_free(sc);
    return 0;
}
