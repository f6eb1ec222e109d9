/*
 * fuzz_scenario.c: the scenario loader over fuzzed bytes, against the real
 * rulebase loaded once: the input as one document, then as a stream of
 * documents read to its end. Every document must load or fail cleanly, and
 * a stream must end.
 */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const pacta_rulebase *rb = fuzz_rulebase();
    pacta_scenario *sc = NULL;
    pacta_error err;
    pacta_status st = pacta_scenario_load_buffer(&sc, rb, "fuzz.yaml", (const char *)data, size,
                                                 &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        if (sc)
            abort();
    } else {
        if (!pacta_scenario_name(sc))
            abort();
        pacta_scenario_free(sc);
    }

    pacta_scenario_stream *stream = NULL;
    st = pacta_scenario_stream_new(&stream, rb, "fuzz.yaml", (const char *)data, size, &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        return 0;
    }
    /* Each round consumes a document or ends the stream, so size + 2 rounds must reach the end. */
    for (size_t round = 0;; round++) {
        if (round > size + 2)
            abort();
        sc = NULL;
        st = pacta_scenario_stream_next(stream, &sc, &err);
        if (st == PACTA_DONE)
            break;
        if (st == PACTA_OK)
            pacta_scenario_free(sc);
        else
            fuzz_check_error(st, &err);
    }
    pacta_scenario_stream_free(stream);
    return 0;
}
