/*
 * fuzz_grade.c: a fuzzed answer file graded against the real rulebase. The
 * file is named as if it stood in examples/exercises/answers/, so that its
 * scenario: line can reach the real exercises; whatever it names, grading
 * succeeds or fails cleanly. A grade must add up (passed + failed answers,
 * points within the possible) and render to text and to one JSON object.
 */
#include <stdint.h>

#include "fuzz_common.h"

static void check_grade(const pacta_grade *g)
{
    size_t n = pacta_grade_answer_count(g), points = 0, possible = 0, passed = 0;
    if (pacta_grade_passed(g) + pacta_grade_failed(g) != n)
        abort();
    for (size_t i = 0; i < n; i++) {
        pacta_answer_view a = pacta_grade_answer(g, i);
        /* an answer passes only when it earns every point it is worth */
        if (!a.event || !a.instrument || !a.provision || a.line == 0 || a.points > a.possible ||
            (a.passed && a.points != a.possible))
            abort();
        points += a.points;
        possible += a.possible;
        passed += a.passed != 0;
    }
    if (points != pacta_grade_points(g) || possible != pacta_grade_possible(g) ||
        passed != pacta_grade_passed(g))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char name[1200];
    if (!name[0])
        snprintf(name, sizeof name, "%s/../examples/exercises/answers/fuzz.yaml", fuzz_rules_dir());
    const pacta_rulebase *rb = fuzz_rulebase();
    pacta_grade *g = NULL;
    pacta_error err;
    pacta_status st = pacta_grade_buffer(&g, rb, name, (const char *)data, size, &err);
    if (st != PACTA_OK) {
        fuzz_check_error(st, &err);
        if (g)
            abort();
        return 0;
    }
    check_grade(g);
    fuzz_output text = {0}, json = {0};
    if (pacta_grade_render(g, PACTA_FORMAT_TEXT, fuzz_collect, &text) != PACTA_OK ||
        pacta_grade_render(g, PACTA_FORMAT_JSON, fuzz_collect, &json) != PACTA_OK)
        abort();
    if (text.len == 0 || text.data[text.len - 1] != '\n')
        abort();
    fuzz_check_json(&json);
    free(text.data);
    free(json.data);
    pacta_grade_free(g);
    return 0;
}
