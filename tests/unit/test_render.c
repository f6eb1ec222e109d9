/*
 * test_render.c: the report accessors, the expectation check, the writer's
 * escaping, and both renderers, over reports built by hand (no rulebase, no
 * scenario file), so the JSON contract can be asserted byte for byte.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "model/model.h"
#include "sink.h"
#include "test_helpers.h"
#include "base/writer.h"

/* ------------------------------------------------------------ building reports */

static pacta_report *report_new(const char *name, const char *title)
{
    arena *ar = arena_new(NULL);
    assert_non_null(ar);
    pacta_report *rep = arena_alloc(ar, sizeof *rep);
    assert_non_null(rep);
    rep->ar = ar;
    rep->scenario_name = name;
    rep->scenario_title = title;
    return rep;
}

static void set_strings(arena *ar, rp_strings *s, size_t n, const char *const *items)
{
    s->count = n;
    s->items = arena_array(ar, n ? n : 1, sizeof *s->items);
    assert_non_null(s->items);
    for (size_t i = 0; i < n; i++)
        s->items[i] = items[i];
}

/* A finding with the members every finding has; lists empty. */
static pacta_finding *finding_add(pacta_report *rep, pacta_verdict v, const char *rule,
                                  const char *event, const char *basis)
{
    pacta_finding **all = arena_array(rep->ar, rep->finding_count + 1, sizeof *all);
    pacta_finding *f = arena_alloc(rep->ar, sizeof *f);
    assert_non_null(all);
    assert_non_null(f);
    for (size_t i = 0; i < rep->finding_count; i++)
        all[i] = rep->findings[i];
    all[rep->finding_count++] = f;
    rep->findings = all;
    f->verdict = v;
    f->rule = rule;
    f->actor = "CN";
    f->date = "2023-10-09";
    f->instrument = "refugee-convention";
    f->provision = "art_33__para_1";
    f->basis = basis;
    set_strings(rep->ar, &f->events, 1, &event);
    return f;
}

/* The finding of docs/findings.md, with steps and facts. */
static pacta_finding *full_finding(pacta_report *rep)
{
    static const char *const events[] = {"e1", "e2"};
    static const char *const reasons[] = {"CN returned \"escapees\" to KP on 2023-10-09",
                                          "CN was bound by the Refugee Convention"};
    static const char *const caveats[] = {"Art. 33(2) exception not established"};
    pacta_finding *f = finding_add(rep, PACTA_VIOLATION, "refugee-convention/return-to-risk",
                                   "e2", "treaty");
    arena *ar = rep->ar;
    set_strings(ar, &f->events, 2, events);
    set_strings(ar, &f->reasons, 2, reasons);
    set_strings(ar, &f->caveats, 1, caveats);
    f->rule_title = "Return of a refugee to where life or freedom is threatened";
    f->binding.consent = "1982-09-24";
    f->binding.consent_type = "accession";
    f->binding.in_force = "1982-12-23";
    f->provision_label = "Refugee Convention art. 33(1)";
    f->provision_text = "No Contracting State shall expel or return (\"refouler\") a refugee";

    f->citation_count = 1;
    f->citations = arena_array(ar, 1, sizeof *f->citations);
    f->citations[0].instrument = "refugee-convention";
    f->citations[0].provision = "art_33__para_1";
    f->citations[0].label = "Convention relating to the Status of Refugees, art. 33(1)";
    f->citations[0].source = "189 UNTS 137";

    f->fact_count = 2;
    f->facts = arena_array(ar, 2, sizeof *f->facts);
    f->facts[0].ref = "KP.persecution_on_return";
    f->facts[0].value = PACTA_TRUE;
    f->facts[0].from = PACTA_FROM_CONDITION;
    f->facts[0].detail = "conditions[1]";
    f->facts[0].source = "coi-2014";
    f->facts[1].ref = "e2.voluntary";
    f->facts[1].value = PACTA_FALSE;
    f->facts[1].from = PACTA_FROM_TEXT;
    f->facts[1].detail = "forcible-removal";
    f->facts[1].text = "forcibly repatriated";
    f->facts[1].span_start = 6;
    f->facts[1].span_end = 26;

    f->step_count = 2;
    f->steps = arena_array(ar, 2, sizeof *f->steps);
    f->steps[0].kind = PACTA_STEP_ELEMENT;
    f->steps[0].id = "refugee";
    f->steps[0].label = "the person is a refugee";
    f->steps[0].value = PACTA_TRUE;
    f->steps[0].fact_count = 2;
    f->steps[0].facts = arena_array(ar, 2, sizeof(size_t));
    f->steps[0].facts[0] = 0;
    f->steps[0].facts[1] = 1;
    f->steps[1].kind = PACTA_STEP_EXCEPTION;
    f->steps[1].id = "danger-to-security";
    f->steps[1].label = "a danger to security";
    f->steps[1].provision = "art_33__para_2";
    f->steps[1].value = PACTA_UNKNOWN;
    return f;
}

static pacta_status render(const pacta_report *rep, pacta_format format, unsigned flags, sink *out)
{
    sink_reset(out);
    pacta_status st = pacta_render(rep, NULL, format, flags, sink_write, out);
    if (!out->data)
        sink_write(out, "", 0);
    return st;
}

/* ------------------------------------------------------------ writer */

static char *json_of(const char *s, size_t len, sink *out)
{
    writer w;
    sink_reset(out);
    writer_init(&w, sink_write, out, NULL);
    writer_json_stringn(&w, s, len);
    assert_int_equal(writer_finish(&w), PACTA_OK);
    return out->data;
}

static void test_json_escapes(void **state)
{
    (void)state;
    sink out = {0};
    static const char in[] = "q\"b\\s/\b\f\n\r\t\x01\x1f\x7f end";
    assert_string_equal(json_of(in, sizeof in - 1, &out),
                        "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0001\\u001f\x7f end\"");
    static const char nul[] = "a\0b";
    assert_string_equal(json_of(nul, 3, &out), "\"a\\u0000b\"");
    sink_reset(&out);
}

static void test_json_utf8(void **state)
{
    (void)state;
    sink out = {0};
    /* valid: passed through */
    assert_string_equal(json_of("北朝鮮 é 😀", strlen("北朝鮮 é 😀"), &out), "\"北朝鮮 é 😀\"");
    /* U+2028 and U+2029 escaped for JavaScript */
    assert_string_equal(json_of("a\xE2\x80\xA8\xE2\x80\xA9", 7, &out), "\"a\\u2028\\u2029\"");
    /* a lone continuation byte, a truncated sequence, an overlong, a surrogate, > U+10FFFF */
    assert_string_equal(json_of("\x80", 1, &out), "\"\xEF\xBF\xBD\"");
    assert_string_equal(json_of("\xE2\x82x", 3, &out), "\"\xEF\xBF\xBDx\"");
    assert_string_equal(json_of("\xC0\xAF", 2, &out), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
    assert_string_equal(json_of("\xED\xA0\x80", 3, &out),
                        "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    assert_string_equal(json_of("\xF4\x90\x80\x80", 4, &out),
                        "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
    /* a 4-byte sequence cut after 3 bytes is one bad subsequence, then the rest */
    assert_string_equal(json_of("\xF0\x9F\x98" "a", 4, &out), "\"\xEF\xBF\xBD" "a\"");
    /* at the very end of the input */
    assert_string_equal(json_of("ab\xE5\x8C", 4, &out), "\"ab\xEF\xBF\xBD\"");
    /* a real U+FFFD stays one */
    assert_string_equal(json_of("\xEF\xBF\xBD", 3, &out), "\"\xEF\xBF\xBD\"");
    sink_reset(&out);
}

static void test_utf8_decode(void **state)
{
    (void)state;
    uint32_t cp;
    assert_int_equal(utf8_decode("A", 1, &cp), 1);
    assert_int_equal(cp, 'A');
    assert_int_equal(utf8_decode("\xC3\xA9", 2, &cp), 2);
    assert_int_equal(cp, 0xE9);
    assert_int_equal(utf8_decode("\xE5\x8C\x97", 3, &cp), 3);
    assert_int_equal(cp, 0x5317);
    assert_int_equal(utf8_decode("\xF0\x9F\x98\x80", 4, &cp), 4);
    assert_int_equal(cp, 0x1F600);
    assert_int_equal(utf8_decode("\xF0\x9F\x98", 3, &cp), 3);
    assert_int_equal(cp, UTF8_INVALID);
    assert_int_equal(utf8_decode("\xFF", 1, &cp), 1);
    assert_int_equal(cp, UTF8_INVALID);
}

static void test_text_sanitizes(void **state)
{
    (void)state;
    sink out = {0};
    writer w;
    writer_init(&w, sink_write, &out, NULL);
    writer_text(&w, "a\tb\nc\x1b[31md\x7f\xC2\x9B\xFF é");
    assert_int_equal(writer_finish(&w), PACTA_OK);
    assert_string_equal(out.data,
                        "a b c\xEF\xBF\xBD[31md\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD é");
    sink_reset(&out);
}

static void test_writer_large_and_printf(void **state)
{
    (void)state;
    sink out = {0};
    writer w;
    char big[3 * WRITER_BUFSIZE];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    writer_init(&w, sink_write, &out, NULL);
    writer_str(&w, "<");
    writer_printf(&w, "%s", big);
    writer_str(&w, big);
    writer_printf(&w, "%d>", 42);
    assert_int_equal(writer_finish(&w), PACTA_OK);
    assert_int_equal(out.len, 1 + 2 * (sizeof big - 1) + 3);
    assert_int_equal(out.data[0], '<');
    assert_string_equal(out.data + out.len - 3, "42>");
    sink_reset(&out);
}

static void test_writer_out_of_memory(void **state)
{
    (void)state;
    sink out = {0};
    counting_alloc counts;
    pacta_allocator alloc = counting_allocator(&counts);
    char big[2 * WRITER_BUFSIZE];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    writer w;
    counts.fail_after = 0;
    writer_init(&w, sink_write, &out, &alloc);
    writer_str(&w, "kept");
    writer_printf(&w, "%s", big); /* longer than the buffer: needs an allocation */
    writer_str(&w, "dropped");
    assert_int_equal(writer_finish(&w), PACTA_ENOMEM);
    assert_string_equal(out.data, "kept");
    counts.fail_after = SIZE_MAX;
    sink_reset(&out);
    writer_init(&w, sink_write, &out, &alloc);
    writer_printf(&w, "%s", big);
    assert_int_equal(writer_finish(&w), PACTA_OK);
    assert_int_equal(out.len, sizeof big - 1);
    assert_int_equal(counts.mallocs, counts.frees);
    sink_reset(&out);
}

static void test_writer_sticky_error(void **state)
{
    (void)state;
    sink out = {0};
    out.fail_after = 1;
    writer w;
    writer_init(&w, sink_write, &out, NULL);
    for (int i = 0; i < 3 * WRITER_BUFSIZE; i++)
        writer_char(&w, 'x');
    assert_int_equal(writer_finish(&w), PACTA_EIO);
    assert_int_equal(out.calls, 2); /* one success, one failure, then nothing */
    assert_int_equal(writer_finish(&w), PACTA_EIO);
    assert_int_equal(out.calls, 2);
    sink_reset(&out);
}

/* ------------------------------------------------------------ JSON */

static void test_json_empty_report(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("s.yaml", "T");
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, 0, &out), PACTA_OK);
    assert_string_equal(out.data,
                        "{\"pacta\":\"" PACTA_VERSION_STRING "\",\"format\":2,"
                        "\"scenario\":{\"file\":\"s.yaml\",\"title\":\"T\"},"
                        "\"sources\":{},\"provisions\":{},\"events\":{},"
                        "\"findings\":[],"
                        "\"summary\":{\"violation\":0,\"no_violation\":0,"
                        "\"undetermined\":0,\"not_applicable\":0}}");
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, PACTA_RENDER_JSON_V1, &out), PACTA_OK);
    assert_string_equal(out.data,
                        "{\"pacta\":\"" PACTA_VERSION_STRING "\","
                        "\"scenario\":{\"file\":\"s.yaml\",\"title\":\"T\"},"
                        "\"findings\":[],"
                        "\"summary\":{\"violation\":0,\"no_violation\":0,"
                        "\"undetermined\":0,\"not_applicable\":0}}");
    rep->scenario_title = NULL; /* an untitled scenario: the member is left out */
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, 0, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\"scenario\":{\"file\":\"s.yaml\"},"));
    pacta_report_free(rep);
    sink_reset(&out);
}

static void test_json_tricky_title(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("dir/\"q\".yaml", "He said \"no\" \\ tab\there \x01 北朝鮮 é \xFF!");
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, 0, &out), PACTA_OK);
    assert_non_null(strstr(out.data,
                           "\"scenario\":{\"file\":\"dir/\\\"q\\\".yaml\","
                           "\"title\":\"He said \\\"no\\\" \\\\ tab\\there \\u0001 北朝鮮 é "
                           "\xEF\xBF\xBD!\"}"));
    pacta_report_free(rep);
    sink_reset(&out);
}

static void test_json_full_finding(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("examples/prc-2023.yaml", "PRC 2023");
    full_finding(rep);
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, PACTA_RENDER_JSON_V1, &out), PACTA_OK);
    assert_string_equal(
        out.data,
        "{\"pacta\":\"" PACTA_VERSION_STRING "\","
        "\"scenario\":{\"file\":\"examples/prc-2023.yaml\",\"title\":\"PRC 2023\"},"
        "\"findings\":[{"
        "\"rule\":\"refugee-convention/return-to-risk\",\"verdict\":\"violation\","
        "\"actor\":\"CN\",\"events\":[\"e1\",\"e2\"],\"date\":\"2023-10-09\","
        "\"instrument\":\"refugee-convention\",\"provision\":\"art_33__para_1\","
        "\"basis\":\"treaty\","
        "\"binding\":{\"consent\":\"1982-09-24\",\"consent_type\":\"accession\","
        "\"in_force\":\"1982-12-23\"},"
        "\"reasons\":[\"CN returned \\\"escapees\\\" to KP on 2023-10-09\","
        "\"CN was bound by the Refugee Convention\"],"
        "\"missing\":[],"
        "\"caveats\":[\"Art. 33(2) exception not established\"],"
        "\"citations\":[{\"instrument\":\"refugee-convention\",\"provision\":"
        "\"art_33__para_1\",\"label\":\"Convention relating to the Status of Refugees, "
        "art. 33(1)\",\"source\":\"189 UNTS 137\"}],"
        "\"provision_label\":\"Refugee Convention art. 33(1)\","
        "\"provision_text\":\"No Contracting State shall expel or return (\\\"refouler\\\") "
        "a refugee\","
        "\"steps\":[{\"kind\":\"element\",\"id\":\"refugee\",\"label\":\"the person is "
        "a refugee\",\"value\":\"true\",\"facts\":[0,1]},"
        "{\"kind\":\"exception\",\"id\":\"danger-to-security\",\"label\":\"a danger to "
        "security\",\"provision\":\"art_33__para_2\",\"value\":\"unknown\","
        "\"facts\":[]}],"
        "\"facts\":[{\"ref\":\"KP.persecution_on_return\",\"value\":\"true\","
        "\"from\":\"condition\",\"detail\":\"conditions[1]\",\"source\":\"coi-2014\"},"
        "{\"ref\":\"e2.voluntary\",\"value\":\"false\",\"from\":\"text\","
        "\"detail\":\"forcible-removal\",\"text\":\"forcibly repatriated\","
        "\"span\":[6,26]}]"
        "}],"
        "\"summary\":{\"violation\":1,\"no_violation\":0,\"undetermined\":0,"
        "\"not_applicable\":0}}");
    pacta_report_free(rep);
    sink_reset(&out);
}

/* Format 2: the citation and the provision's words once at the top, cited by key. */
static void test_json_v2_tables(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("examples/prc-2023.yaml", "PRC 2023");
    full_finding(rep);
    full_finding(rep)->citations[0].id = NULL; /* the same citation twice: listed once */
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, PACTA_RENDER_EXPLAIN, &out), PACTA_OK);
    const char *t = out.data;
    assert_non_null(strstr(t, "\"format\":2,"));
    assert_non_null(strstr(t, "\"sources\":{\"refugee-convention/art_33__para_1\":"
                              "{\"instrument\":\"refugee-convention\",\"provision\":"
                              "\"art_33__para_1\",\"label\":\"Convention relating to the "
                              "Status of Refugees, art. 33(1)\",\"source\":\"189 UNTS 137\"}},"));
    assert_non_null(strstr(t, "\"provisions\":{\"refugee-convention/art_33__para_1\":"
                              "{\"label\":\"Refugee Convention art. 33(1)\","
                              "\"text\":\"No Contracting State shall expel or return "
                              "(\\\"refouler\\\") a refugee\"}},"));
    assert_non_null(strstr(t, "\"facts\":[{\"ref\":\"KP.persecution_on_return\","));
    assert_non_null(strstr(t, "\"citations\":[\"refugee-convention/art_33__para_1\"],"));
    assert_non_null(strstr(t, "\"facts\":[0,1],\"reasons\":[]},{\"kind\":\"exception\""));
    assert_null(strstr(t, "provision_text"));
    /* the second finding cites the same facts: the table holds them once */
    const char *table = strstr(t, "\"facts\":[{");
    assert_null(strstr(table + 1, "\"facts\":[{"));
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, 0, &out), PACTA_OK);
    assert_null(strstr(out.data, "\"steps\""));
    assert_null(strstr(out.data, "\"facts\""));
    pacta_report_free(rep);
    sink_reset(&out);
}

/* Format 2: what the state did in each event, said once in "events"; reasons start after it. */
static void test_json_v2_events(void **state)
{
    (void)state;
    static const char *const events[] = {"e1", "e2"};
    static const char *const acts[] = {"e1 (2023-08-29): CN classified escapees.",
                                       "e2 (2023-10-09): CN returned escapees to KP."};
    static const char *const reasons[] = {"e1 (2023-08-29): CN classified escapees.",
                                          "e2 (2023-10-09): CN returned escapees to KP.",
                                          "CN was bound.", "Conclusion: violation."};
    static char conclusion[] = "Conclusion: violation."; /* the same words, not the same string */
    static char again[] = "e2 (2023-10-09): CN returned escapees to KP.";
    const char *bound[] = {acts[1], reasons[2]}, *concluded[] = {conclusion};
    sink out = {0};
    pacta_report *rep = report_new("s.yaml", "T");
    pacta_finding *a = finding_add(rep, PACTA_VIOLATION, "r/a", "e2", "treaty");
    set_strings(rep->ar, &a->events, 2, events);
    set_strings(rep->ar, &a->narrative, 2, acts);
    set_strings(rep->ar, &a->reasons, 4, reasons);
    a->step_count = 2;
    a->steps = arena_array(rep->ar, 2, sizeof *a->steps);
    memset(a->steps, 0, 2 * sizeof *a->steps);
    a->steps[0].kind = PACTA_STEP_BINDING;
    a->steps[0].value = PACTA_TRUE;
    set_strings(rep->ar, &a->steps[0].reasons, 2, bound); /* an event's sentence and a reason */
    a->steps[1].kind = PACTA_STEP_ELEMENT;
    a->steps[1].value = PACTA_TRUE;
    set_strings(rep->ar, &a->steps[1].reasons, 1, concluded);
    /* a second finding on e2: its sentence is the table's, in another string */
    const char *b_reasons[] = {again, "Only the second."}, *b_acts[] = {again};
    pacta_finding *b = finding_add(rep, PACTA_UNDETERMINED, "r/b", "e2", "treaty");
    set_strings(rep->ar, &b->narrative, 1, b_acts);
    set_strings(rep->ar, &b->reasons, 2, b_reasons);
    /* a finding whose reasons do not open with its event's sentence keeps them all */
    const char *c_acts[] = {"e3 (2023-11-01): CN returned others."}, *c_reasons[] = {"Other."};
    pacta_finding *c = finding_add(rep, PACTA_NOT_APPLICABLE, "r/c", "e3", "treaty");
    set_strings(rep->ar, &c->narrative, 1, c_acts);
    set_strings(rep->ar, &c->reasons, 1, c_reasons);

    assert_int_equal(render(rep, PACTA_FORMAT_JSON, PACTA_RENDER_EXPLAIN, &out), PACTA_OK);
    const char *t = out.data;
    const char *table = strstr(t, "\"provisions\":{},\"facts\":[],\"events\":{"
                                  "\"e1\":\"e1 (2023-08-29): CN classified escapees.\","
                                  "\"e2\":\"e2 (2023-10-09): CN returned escapees to KP.\","
                                  "\"e3\":\"e3 (2023-11-01): CN returned others.\"},"
                                  "\"findings\":[");
    assert_non_null(table);
    const char *findings = strstr(table, "\"findings\":[");
    assert_null(strstr(findings, "CN classified"));
    assert_null(strstr(findings, "CN returned escapees"));
    assert_non_null(strstr(t, "\"reasons\":[\"CN was bound.\",\"Conclusion: violation.\"],"));
    /* the step's indexes count the reasons as written; the event's sentence is not indexed */
    assert_non_null(strstr(t, "\"kind\":\"binding\",\"value\":\"true\",\"facts\":[],"
                              "\"reasons\":[0]},"));
    assert_non_null(strstr(t, "\"kind\":\"element\",\"value\":\"true\",\"facts\":[],"
                              "\"reasons\":[1]}"));
    assert_non_null(strstr(t, "\"reasons\":[\"Only the second.\"],"));
    assert_non_null(strstr(t, "\"reasons\":[\"Other.\"],"));
    assert_null(strstr(t, "\"narrative\""));

    assert_int_equal(render(rep, PACTA_FORMAT_JSON, 0, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\"provisions\":{},\"events\":{\"e1\":"));
    /* format 1 is as it was: every finding opens its reasons with its events' sentences */
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, PACTA_RENDER_JSON_V1 | PACTA_RENDER_EXPLAIN,
                            &out),
                     PACTA_OK);
    assert_null(strstr(out.data, "\"events\":{"));
    assert_non_null(strstr(out.data, "\"reasons\":[\"e1 (2023-08-29): CN classified escapees.\","));
    assert_non_null(strstr(out.data, "\"narrative\":[\"e1 (2023-08-29)"));
    assert_non_null(strstr(out.data, "\"reasons\":[\"e2 (2023-10-09): CN returned escapees to KP.\","
                                     "\"CN was bound.\"]}"));
    pacta_report_free(rep);
    sink_reset(&out);
}

static void test_json_customary_and_not_applicable(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("s.yaml", "T");
    pacta_finding *c = finding_add(rep, PACTA_UNDETERMINED, "customary/non-refoulement", "e2",
                                   "customary");
    c->binding.in_force = "1977"; /* even if set: customary law has no binding member */
    finding_add(rep, PACTA_NOT_APPLICABLE, "cat/article-3", "e2", "treaty");
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, 0, &out), PACTA_OK);
    assert_null(strstr(out.data, "\"binding\""));
    assert_non_null(strstr(out.data, "\"verdict\":\"not_applicable\""));
    assert_non_null(strstr(out.data, "\"summary\":{\"violation\":0,\"no_violation\":0,"
                                     "\"undetermined\":1,\"not_applicable\":1}}"));
    pacta_report_free(rep);
    sink_reset(&out);
}

static void test_json_long_text(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("s.yaml", NULL);
    pacta_finding *f = finding_add(rep, PACTA_VIOLATION, "r/x", "e1", "treaty");
    char *text = arena_alloc(rep->ar, 20001);
    for (int i = 0; i < 20000; i++)
        text[i] = "ab\"\n"[i % 4];
    f->provision_text = text;
    assert_int_equal(render(rep, PACTA_FORMAT_JSON, PACTA_RENDER_JSON_V1, &out), PACTA_OK);
    const char *p = strstr(out.data, "\"provision_text\":\"ab\\\"\\nab\\\"\\n");
    assert_non_null(p);
    assert_non_null(strstr(p, "ab\\\"\\n\",\"steps\""));
    assert_int_equal(out.data[out.len - 1], '}'); /* no trailing newline */
    pacta_report_free(rep);
    sink_reset(&out);
}

static void test_render_write_failure(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("s.yaml", "T");
    out.fail_after = 1;
    for (int i = 0; i < 200; i++)
        full_finding(rep); /* more than one buffer of output */
    assert_int_equal(pacta_render(rep, NULL, PACTA_FORMAT_JSON, 0, sink_write, &out), PACTA_EIO);
    assert_int_equal(out.calls, 2);
    sink_reset(&out);
    assert_int_equal(pacta_render(NULL, NULL, PACTA_FORMAT_JSON, 0, sink_write, &out),
                     PACTA_EUSAGE);
    assert_int_equal(pacta_render(rep, NULL, (pacta_format)7, 0, sink_write, &out), PACTA_EUSAGE);
    assert_int_equal(pacta_render(rep, NULL, PACTA_FORMAT_SVG, 0, sink_write, &out), PACTA_EUSAGE);
    assert_int_equal(pacta_render(rep, NULL, PACTA_FORMAT_TEXT, 0, NULL, NULL), PACTA_EUSAGE);
    pacta_report_free(rep);
}

/* ------------------------------------------------------------ text */

static void test_text_answer_first(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("examples/prc-2023.yaml", "Forced return \x01 of escapees");
    full_finding(rep);
    pacta_finding *na = finding_add(rep, PACTA_NOT_APPLICABLE, "cat/article-3", "e2", "treaty");
    na->provision_label = "CAT art. 3(1)";
    assert_int_equal(render(rep, PACTA_FORMAT_TEXT, 0, &out), PACTA_OK);
    const char *t = out.data;
    /* the summary table comes first */
    assert_true(strncmp(t, "#  Verdict    Event    Actor  Act  Date        Instrument\n"
                           "1  VIOLATION  e1 \xE2\x86\x92 e2  CN          2023-10-09  "
                           "refugee-convention\n\n",
                        strlen("#  Verdict    Event    Actor  Act  Date        Instrument\n"
                               "1  VIOLATION  e1 \xE2\x86\x92 e2  CN          2023-10-09  "
                               "refugee-convention\n\n")) == 0);
    assert_non_null(
        strstr(t, "\n[1] VIOLATION  Refugee Convention art. 33(1) \xE2\x80\x94 CN, e1 \xE2\x86\x92 "
                  "e2 (2023-10-09)\n"));
    assert_non_null(strstr(t, "    Rule: Return of a refugee to where life or freedom is "
                              "threatened\n      (refugee-convention/return-to-risk)\n"));
    assert_non_null(strstr(t, "    Bound: accession 1982-09-24; in force 1982-12-23\n"));
    /* the facts that decided each element, and the exceptions weighed */
    assert_non_null(strstr(t, "    Decided by: refugee established (KP.persecution_on_return = "
                              "true;\n      e2.voluntary = false)\n"));
    assert_non_null(strstr(t, "    Exceptions: danger-to-security open\n"));
    assert_non_null(strstr(t, "    Cite: Convention relating to the Status of Refugees, art. "
                              "33(1); 189 UNTS\n      137\n"));
    assert_null(strstr(t, "NOT APPLICABLE"));
    assert_null(strstr(t, "\x1b"));
    assert_non_null(strstr(t, "\n1 violation, 0 no_violation, 0 undetermined, 1 not_applicable "
                              "(not_applicable hidden; use --all)\n"));
    assert_non_null(strstr(t, "\nScenario: Forced return \xEF\xBF\xBD of escapees \xE2\x80\x94 "
                              "examples/prc-2023.yaml\n"));
    assert_int_equal(t[out.len - 1], '\n');
    for (size_t i = 0; i < out.len; i++) /* nothing but newlines below 0x20 */
        assert_true((unsigned char)t[i] >= 0x20 || t[i] == '\n');

    assert_int_equal(render(rep, PACTA_FORMAT_TEXT, PACTA_RENDER_ALL, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\n2  NOT APPLICABLE  e2 "));
    assert_non_null(strstr(out.data, "\n[2] NOT APPLICABLE  CAT art. 3(1) \xE2\x80\x94 CN, e2"));
    assert_null(strstr(out.data, "hidden"));

    /* colour only when asked: the verdict in red, the headings in bold */
    assert_int_equal(render(rep, PACTA_FORMAT_TEXT, PACTA_RENDER_COLOR, &out), PACTA_OK);
    assert_non_null(strstr(out.data, "\x1b[1;31mVIOLATION\x1b[0m"));
    assert_non_null(strstr(out.data, "\x1b[1m#\x1b[0m"));
    pacta_report_free(rep);
    sink_reset(&out);
}

static void test_text_wraps(void **state)
{
    (void)state;
    sink out = {0};
    pacta_report *rep = report_new("s.yaml", "T");
    pacta_finding *f = finding_add(rep, PACTA_UNDETERMINED, "r/x", "e1", "treaty");
    static const char *const missing[] = {"KP.torture_on_return"};
    set_strings(rep->ar, &f->missing, 1, missing);
    char *text = arena_alloc(rep->ar, 2000);
    for (int i = 0; i < 1999; i++)
        text[i] = i % 10 == 9 ? ' ' : 'w';
    f->rule_title = text;
    f->instrument = "an-instrument-with-a-very-long-identifier-that-cannot-fit-in-its-column";
    assert_int_equal(render(rep, PACTA_FORMAT_TEXT, 0, &out), PACTA_OK);
    for (const char *p = out.data; *p;) { /* every line within the width */
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        assert_true(nl - p <= 80);
        p = nl + 1;
    }
    /* an id wider than its column breaks after a hyphen, never inside a word */
    static const char *const parts[] = {"instrument-", "with-", "very-", "long-", "identifier-",
                                        "that-", "cannot-", "fit-", "its-", "column\n"};
    for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
        assert_non_null(strstr(out.data, parts[i]));
    assert_non_null(strstr(out.data, "-\n"));
    assert_non_null(strstr(out.data, "\n[1] UNDETERMINED  "));
    assert_non_null(strstr(out.data, "    Missing: KP.torture_on_return\n"));
    pacta_report_free(rep);
    sink_reset(&out);
}

/* ------------------------------------------------------------ HTML */

static void test_html_escapes(void **state)
{
    (void)state;
    sink out = {0};
    writer w;
    writer_init(&w, sink_write, &out, NULL);
    writer_html(&w, "<a href='x'>&\"\t\x01\xFF é</a>");
    assert_int_equal(writer_finish(&w), PACTA_OK);
    assert_string_equal(out.data, "&lt;a href=&#39;x&#39;&gt;&amp;&quot; \xEF\xBF\xBD\xEF\xBF\xBD "
                                  "é&lt;/a&gt;");
    sink_reset(&out);

    pacta_report *rep = report_new("<s>.yaml", "<script>alert(1)</script> & \"q\"");
    pacta_finding *f = full_finding(rep);
    f->citations[0].url = "javascript:alert(1)"; /* not a link a page may carry */
    f->actor = "C<N";
    assert_int_equal(render(rep, PACTA_FORMAT_HTML, 0, &out), PACTA_OK);
    const char *t = out.data;
    assert_true(strncmp(t, "<!DOCTYPE html>\n", 16) == 0);
    assert_null(strstr(t, "<script>alert"));
    assert_non_null(strstr(t, "<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</h1>"));
    assert_non_null(strstr(t, "data-actor=\"C&lt;N\""));
    assert_null(strstr(t, "javascript:"));
    assert_non_null(strstr(t, "<tr id=\"row-1\" data-rule=\"refugee-convention/return-to-risk\" "
                              "data-verdict=\"violation\""));
    assert_non_null(strstr(t, "<details><summary>"));
    assert_int_equal(t[out.len - 1], '\n');
    assert_non_null(strstr(t, "</html>\n"));
    pacta_report_free(rep);
    sink_reset(&out);
}

/* ------------------------------------------------------------ accessors */

static void test_accessors(void **state)
{
    (void)state;
    pacta_report *rep = report_new("s.yaml", "T");
    full_finding(rep);
    assert_int_equal(pacta_report_finding_count(rep), 1);
    const pacta_finding *f = pacta_report_finding(rep, 0);
    assert_non_null(f);
    assert_null(pacta_report_finding(rep, 1));
    assert_int_equal(pacta_report_count(rep, PACTA_VIOLATION), 1);
    assert_int_equal(pacta_report_count(rep, PACTA_UNDETERMINED), 0);
    assert_int_equal(pacta_finding_verdict(f), PACTA_VIOLATION);
    assert_string_equal(pacta_finding_rule(f), "refugee-convention/return-to-risk");
    assert_string_equal(pacta_finding_actor(f), "CN");
    assert_string_equal(pacta_finding_date(f), "2023-10-09");
    assert_string_equal(pacta_finding_instrument(f), "refugee-convention");
    assert_string_equal(pacta_finding_provision(f), "art_33__para_1");
    assert_string_equal(pacta_finding_basis(f), "treaty");
    assert_int_equal(pacta_finding_event_count(f), 2);
    assert_string_equal(pacta_finding_event(f, 1), "e2");
    assert_null(pacta_finding_event(f, 2));
    assert_string_equal(pacta_finding_binding(f).consent_type, "accession");
    assert_null(pacta_finding_binding(f).via);
    assert_int_equal(pacta_finding_reason_count(f), 2);
    assert_null(pacta_finding_reason(f, 2));
    assert_int_equal(pacta_finding_caveat_count(f), 1);
    assert_int_equal(pacta_finding_missing_count(f), 0);
    assert_null(pacta_finding_missing(f, 0));
    assert_string_equal(pacta_finding_citation(f, 0).source, "189 UNTS 137");
    assert_null(pacta_finding_citation(f, 1).label);
    pacta_fact_view fv = pacta_finding_fact(f, 1);
    assert_int_equal(fv.from, PACTA_FROM_TEXT);
    assert_int_equal(fv.span_end, 26);
    assert_null(pacta_finding_fact(f, 2).ref);
    pacta_step_view sv = pacta_finding_step(f, 0);
    assert_int_equal(sv.fact_count, 2);
    assert_int_equal(sv.facts[1], 1);
    assert_null(pacta_finding_step(f, 2).id);

    /* NULL handles */
    assert_int_equal(pacta_report_finding_count(NULL), 0);
    assert_null(pacta_report_finding(NULL, 0));
    assert_int_equal(pacta_report_count(NULL, PACTA_VIOLATION), 0);
    assert_int_equal(pacta_finding_verdict(NULL), PACTA_UNDETERMINED);
    assert_null(pacta_finding_rule(NULL));
    assert_int_equal(pacta_finding_event_count(NULL), 0);
    assert_null(pacta_finding_binding(NULL).consent);
    assert_int_equal(pacta_finding_step_count(NULL), 0);
    pacta_report_free(NULL);

    assert_string_equal(pacta_verdict_name(PACTA_NO_VIOLATION), "no_violation");
    assert_string_equal(pacta_verdict_name((pacta_verdict)9), "invalid");
    assert_string_equal(pacta_truth_name(PACTA_UNKNOWN), "unknown");
    assert_string_equal(pacta_provenance_name(PACTA_FROM_NOWHERE), "none");
    assert_string_equal(pacta_step_kind_name(PACTA_STEP_CONSIDERATION), "consideration");
    pacta_report_free(rep);
}

static void test_expectations(void **state)
{
    (void)state;
    pacta_report *rep = report_new("s.yaml", "T");
    full_finding(rep); /* e1, e2; refugee-convention art_33__para_1; violation */
    finding_add(rep, PACTA_NO_VIOLATION, "refugee-convention/other", "e2", "treaty");
    finding_add(rep, PACTA_UNDETERMINED, "cat/article-3", "e3", "treaty")->instrument = "cat";

    pacta_scenario sc;
    memset(&sc, 0, sizeof sc);
    sc_expect ex[] = {
        {"e2", "refugee-convention", "art_33__para_1", "return-to-risk", PACTA_VIOLATION, 10},
        {"e2", "refugee-convention", "art_33__para_1", NULL, PACTA_VIOLATION, 14},
        {"e9", "refugee-convention", "art_33__para_1", NULL, PACTA_VIOLATION, 18},
        {"e3", "cat", "art_33__para_1", "cat/article-3", PACTA_UNDETERMINED, 22},
        {"e1", "refugee-convention", "art_33__para_1", "refugee-convention/other",
         PACTA_VIOLATION, 26},
    };
    sc.expect_count = sizeof ex / sizeof ex[0];
    sc.expects = ex;
    assert_int_equal(pacta_scenario_expectation_count(&sc), 5);

    pacta_expectation_view v = pacta_expectation_check(&sc, 0, rep);
    assert_true(v.matched);
    assert_int_equal(v.found, 1);
    assert_int_equal(v.actual, PACTA_VIOLATION);
    assert_int_equal(v.line, 10);

    v = pacta_expectation_check(&sc, 1, rep); /* two selected, one differs */
    assert_false(v.matched);
    assert_int_equal(v.found, 2);
    assert_int_equal(v.actual, PACTA_NO_VIOLATION);

    v = pacta_expectation_check(&sc, 2, rep);
    assert_false(v.matched);
    assert_int_equal(v.found, 0);

    v = pacta_expectation_check(&sc, 3, rep);
    assert_true(v.matched);
    assert_string_equal(v.instrument, "cat");

    v = pacta_expectation_check(&sc, 4, rep); /* the rule exists, but not for e1 */
    assert_false(v.matched);
    assert_int_equal(v.found, 0);

    v = pacta_expectation_check(&sc, 5, rep);
    assert_null(v.event);
    v = pacta_expectation_check(NULL, 0, rep);
    assert_null(v.event);
    assert_int_equal(pacta_scenario_expectation_count(NULL), 0);
    v = pacta_expectation_check(&sc, 0, NULL);
    assert_false(v.matched);
    pacta_report_free(rep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_json_utf8),
        cmocka_unit_test(test_utf8_decode),
        cmocka_unit_test(test_text_sanitizes),
        cmocka_unit_test(test_writer_large_and_printf),
        cmocka_unit_test(test_writer_out_of_memory),
        cmocka_unit_test(test_writer_sticky_error),
        cmocka_unit_test(test_json_empty_report),
        cmocka_unit_test(test_json_tricky_title),
        cmocka_unit_test(test_json_full_finding),
        cmocka_unit_test(test_json_v2_tables),
        cmocka_unit_test(test_json_v2_events),
        cmocka_unit_test(test_json_customary_and_not_applicable),
        cmocka_unit_test(test_json_long_text),
        cmocka_unit_test(test_render_write_failure),
        cmocka_unit_test(test_text_answer_first),
        cmocka_unit_test(test_text_wraps),
        cmocka_unit_test(test_html_escapes),
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_expectations),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
