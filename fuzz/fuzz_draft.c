/*
 * fuzz_draft.c: arbitrary bytes drafted as a report with the real rules'
 * cues, with and without an article date. Drafting must end in a draft or
 * in a clean error (bad text, a regex limit); a draft's extractions must lie
 * inside the text, its explanation must render, and the scenario it renders
 * must load as it stands: the promise `pacta draft` makes to analysts.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pacta_rulebase *rb = fuzz_rulebase();
    /* the first byte chooses whether the article has a date from outside */
    const char *date = size > 0 && (data[0] & 1) ? "2023-10-11" : NULL;
    pacta_draft *d = NULL;
    pacta_error err;
    pacta_status st = pacta_draft_new(&d, rb, "fuzz.txt", (const char *)data, size, date, &err);
    if (st != PACTA_OK) {
        if (d || (st != PACTA_EINPUT && st != PACTA_ELIMIT))
            abort();
        fuzz_check_error(st, &err);
        return 0;
    }
    for (size_t i = 0; i < pacta_draft_extraction_count(d); i++) {
        pacta_extraction_view x = pacta_draft_extraction(d, i);
        if (!x.kind || !x.cue || !x.meaning || x.start > x.end || x.end > size || x.line == 0 ||
            x.column == 0 || x.length != x.end - x.start)
            abort();
    }
    fuzz_output draft = {0}, explanation = {0};
    if (pacta_draft_render(d, 0, fuzz_collect, &draft) != PACTA_OK ||
        pacta_draft_render(d, 1, fuzz_collect, &explanation) != PACTA_OK)
        abort();
    if (draft.len == 0 || explanation.len == 0 || explanation.data[explanation.len - 1] != '\n')
        abort();
    pacta_scenario *sc = NULL;
    if (pacta_scenario_load_buffer(&sc, rb, "draft.yaml", draft.data, draft.len, &err) != PACTA_OK) {
        fprintf(stderr, "fuzz_draft: the draft does not load: %s:%u:%u: %s\n%.*s\n", err.file,
                err.line, err.column, err.message, (int)draft.len, draft.data);
        abort();
    }
    pacta_scenario_free(sc);
    free(draft.data);
    free(explanation.data);
    pacta_draft_free(d);
    return 0;
}
