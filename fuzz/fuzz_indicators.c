/*
 * fuzz_indicators.c: every narrative indicator of the real rulebase over
 * arbitrary bytes taken as an event's description (not valid UTF-8, NULs
 * and all, which the scenario loader would reject before the regexes saw
 * them). A scan must end in a match list with spans inside the text, or in
 * a limit error; never a crash or a runaway match.
 */
#include <stdint.h>

#include "base/arena.h"
#include "fuzz_common.h"
#include "load/indicators.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pacta_rulebase *rb = fuzz_rulebase();
    arena *ar = arena_new(NULL);
    if (!ar)
        abort();
    char *text = arena_strndup(ar, (const char *)data, size);
    if (!text)
        abort();
    sc_event e;
    memset(&e, 0, sizeof e);
    e.description = text;
    e.description_len = size;
    pacta_error err;
    pacta_status st = indicators_scan(rb, ar, &e, "fuzz.yaml", 1, 1, &err);
    if (st != PACTA_OK) {
        if (st != PACTA_ELIMIT && st != PACTA_EINPUT)
            abort();
        fuzz_check_error(st, &err);
    } else {
        if (e.text_fact_count > rb->indicator_count)
            abort();
        for (size_t i = 0; i < e.text_fact_count; i++)
            if (e.text_facts[i].start > e.text_facts[i].end || e.text_facts[i].end > size)
                abort();
    }
    arena_free(ar);
    return 0;
}
