/*
 * export.c: writes a loaded rulebase as one JSON document, the fact tables
 * from which the benchmark's other encodings (json-rules-engine, SWI-Prolog)
 * are generated, so that they weigh the same rules, party records, dates and
 * vocabulary as pacta and cannot drift from rules/.
 *
 *     export RULES_DIR > tables.json
 *
 * It reads the library's internal model (lib/model/model.h): the benchmark is
 * built with the library, never installed with it. Dates are day numbers
 * (days since 1970-01-01) and ranges [lo, hi]; what the party records say
 * is exported as it is (consent, its type, the instrument's delay), not the
 * dates pacta computes from them: each encoding computes entry into force
 * itself. A rule test of a kind this exporter does not know stops it, so a
 * new kind of test cannot silently fall out of the comparison.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/model.h"
#include "pacta.h"

static void str(const char *s)
{
    if (!s) {
        fputs("null", stdout);
        return;
    }
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            printf("\\%c", *p);
        else if (*p < 0x20)
            printf("\\u%04x", *p);
        else
            putchar(*p);
    }
    putchar('"');
}

static void range(const dated *d)
{
    if (!d->set)
        fputs("null", stdout);
    else
        printf("[%d, %d]", (int)d->when.lo, (int)d->when.hi);
}

static void duration(pduration d)
{
    static const char *const unit[] = {"days", "months", "years"};
    printf("{\"amount\": %d, \"unit\": \"%s\"}", d.amount, unit[d.unit]);
}

static void strings(size_t n, const char *const *s)
{
    putchar('[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", stdout);
        str(s[i]);
    }
    putchar(']');
}

static void actions(const pacta_rulebase *rb, action_mask mask)
{
    int first = 1;
    putchar('[');
    for (size_t i = 0; i < rb->action_count; i++)
        if (mask & ((action_mask)1 << rb->actions[i]->index)) {
            fputs(first ? "" : ", ", stdout);
            str(rb->actions[i]->name);
            first = 0;
        }
    putchar(']');
}

static const char *const STATUS[] = {"refugee", "asylum_seeker", "undetermined", "migrant",
                                     "national"};
static const char *const OF[] = {"destination", "nationality", "actor"};

static void test(const pacta_rulebase *rb, const expr *e)
{
    switch (e->kind) {
    case EX_ALL:
    case EX_ANY:
        printf("{\"%s\": [", e->kind == EX_ALL ? "all" : "any");
        for (size_t i = 0; i < e->count; i++) {
            if (i)
                fputs(", ", stdout);
            test(rb, e->kids[i]);
        }
        fputs("]}", stdout);
        return;
    case EX_NOT:
        fputs("{\"not\": ", stdout);
        test(rb, e->kids[0]);
        putchar('}');
        return;
    case EX_FACT:
        fputs("{\"fact\": ", stdout);
        str(e->fact->name);
        printf(", \"of\": \"%s\", \"at\": %d}", OF[e->of], e->step);
        return;
    case EX_STATUS: {
        int first = 1;
        fputs("{\"status\": [", stdout);
        for (unsigned k = 0; k < 5; k++)
            if (e->status_mask & (1u << k)) {
                printf("%s\"%s\"", first ? "" : ", ", STATUS[k]);
                first = 0;
            }
        printf("], \"at\": %d}", e->step);
        return;
    }
    case EX_NONE_BETWEEN:
        printf("{\"none_between\": [%d, %d], \"on\": ", e->from_step, e->to_step);
        actions(rb, e->actions);
        fputs(", \"where\": ", stdout);
        if (e->count)
            test(rb, e->kids[0]);
        else
            fputs("null", stdout);
        putchar('}');
        return;
    case EX_TO_PARTY:
        fputs("{\"to_party\": ", stdout);
        str(e->instrument->id);
        printf(", \"at\": %d}", e->step);
        return;
    case EX_TO_NATIONALITY:
        printf("{\"to_nationality\": true, \"at\": %d}", e->step);
        return;
    }
    fprintf(stderr, "export: a test of a kind this exporter does not know (%d)\n", (int)e->kind);
    exit(2);
}

static void facts(const pacta_rulebase *rb)
{
    fputs("  \"facts\": [\n", stdout);
    for (size_t i = 0; i < rb->fact_count; i++) {
        const fact_def *f = rb->facts[i];
        fputs(i ? ",\n    {\"name\": " : "    {\"name\": ", stdout);
        str(f->name);
        printf(", \"state\": %s, \"person\": %s, \"event\": %s, \"justification\": %s",
               f->where & FACT_ON_STATE ? "true" : "false",
               f->where & FACT_ON_PERSON ? "true" : "false",
               f->where & FACT_ON_EVENT ? "true" : "false", f->justification ? "true" : "false");
        fputs(", \"derived\": ", stdout);
        if (f->derived)
            test(rb, f->derived);
        else
            fputs("null", stdout);
        fputs(", \"field\": ", stdout);
        if (f->field.field) {
            fputs("{\"name\": ", stdout);
            str(f->field.field);
            fputs(", \"values\": {", stdout);
            for (size_t k = 0; k < f->field.count; k++) {
                if (k)
                    fputs(", ", stdout);
                str(f->field.values[k]);
                printf(": \"%s\"", pacta_truth_name(f->field.truths[k]));
            }
            fputs("}}", stdout);
        } else {
            fputs("null", stdout);
        }
        putchar('}');
    }
    fputs("\n  ],\n", stdout);
}

static void party(const party_def *p)
{
    fputs("{\"state\": ", stdout);
    str(p->state->code);
    fputs(", \"consent\": ", stdout);
    range(&p->consent);
    fputs(", \"type\": ", stdout);
    str(p->consent_type);
    fputs(", \"effective\": ", stdout);
    range(&p->succession_effective);
    fputs(", \"denunciation\": ", stdout);
    range(&p->denunciation);
    fputs(", \"reservations\": [", stdout);
    for (size_t i = 0; i < p->reservation_count; i++) {
        const reservation_def *r = &p->reservations[i];
        fputs(i ? ", {\"provisions\": " : "{\"provisions\": ", stdout);
        strings(r->count, r->provisions);
        fputs(", \"withdrawn\": ", stdout);
        range(&r->withdrawn);
        putchar('}');
    }
    fputs("]}", stdout);
}

static void instruments(const pacta_rulebase *rb)
{
    static const char *const kind[] = {"treaty", "customary", "domestic", "bilateral"};
    fputs("  \"instruments\": [\n", stdout);
    for (size_t i = 0; i < rb->instrument_count; i++) {
        const instrument_def *in = rb->instruments[i];
        fputs(i ? ",\n    {\"id\": " : "    {\"id\": ", stdout);
        str(in->id);
        printf(", \"kind\": \"%s\", \"in_force\": ", kind[in->kind]);
        range(&in->in_force);
        fputs(", \"binds_from\": ", stdout);
        range(&in->binds_from);
        fputs(", \"eif_delay\": ", stdout);
        duration(in->eif_delay);
        printf(", \"denounceable\": %s, \"denunciation_delay\": ",
               in->denounceable ? "true" : "false");
        duration(in->denunciation_delay);
        fputs(", \"non_reservable\": ", stdout);
        strings(in->non_reservable_count, in->non_reservable);
        fputs(", \"incorporated_by\": ", stdout);
        str(in->incorporated_by ? in->incorporated_by->id : NULL);
        fputs(", \"incorporated\": ", stdout);
        strings(in->incorporated_count, in->incorporated);
        fputs(", \"incorporating_provision\": ", stdout);
        str(in->incorporating_provision);
        fputs(", \"states\": [", stdout);
        for (size_t k = 0; k < in->state_count; k++) {
            if (k)
                fputs(", ", stdout);
            str(in->states[k]->code);
        }
        fputs("],\n     \"parties\": [", stdout);
        for (size_t k = 0; k < in->party_count; k++) {
            fputs(k ? ",\n       " : "\n       ", stdout);
            party(in->parties[k]);
        }
        fputs("]}", stdout);
    }
    fputs("\n  ],\n", stdout);
}

static void rules(const pacta_rulebase *rb)
{
    static const char *const role[] = {"element", "exception", "consideration"};
    fputs("  \"rules\": [\n", stdout);
    for (size_t i = 0; i < rb->rule_count; i++) {
        const rule_def *r = rb->rules[i];
        fputs(i ? ",\n    {\"id\": " : "    {\"id\": ", stdout);
        str(r->id);
        fputs(", \"instrument\": ", stdout);
        str(r->instrument->id);
        fputs(", \"provision\": ", stdout);
        str(r->provision->id);
        fputs(", \"on\": ", stdout);
        actions(rb, r->trigger);
        fputs(", \"steps\": [", stdout);
        for (size_t k = 0; k < r->step_count; k++) {
            fputs(k ? ", {\"name\": " : "{\"name\": ", stdout);
            str(r->steps[k].name);
            fputs(", \"on\": ", stdout);
            actions(rb, r->steps[k].actions);
            putchar('}');
        }
        static const char *const nature[] = {"obligation", "permission", "no_excuse"};
        printf("], \"absolute\": %s, \"nature\": \"%s\",\n     \"tests\": [",
               r->absolute ? "true" : "false", nature[r->nature]);
        for (size_t k = 0; k < r->element_count; k++) {
            const element_def *el = &r->elements[k];
            fputs(k ? ",\n       {\"role\": " : "\n       {\"role\": ", stdout);
            printf("\"%s\", \"id\": ", role[el->role]);
            str(el->id);
            fputs(", \"test\": ", stdout);
            test(rb, el->test);
            putchar('}');
        }
        fputs("]}", stdout);
    }
    fputs("\n  ]\n", stdout);
}

int main(int argc, char **argv)
{
    pacta_rulebase *rb;
    pacta_error err;
    char msg[1024];
    if (argc != 2) {
        fputs("usage: export RULES_DIR > tables.json\n", stderr);
        return 2;
    }
    if (pacta_rulebase_load_dir(&rb, argv[1], NULL, &err) != PACTA_OK) {
        pacta_error_format(&err, msg, sizeof msg);
        fprintf(stderr, "%s\n", msg);
        return 2;
    }
    printf("{\n  \"digest\": \"%s\",\n  \"actions\": [", pacta_rulebase_digest(rb));
    for (size_t i = 0; i < rb->action_count; i++) {
        fputs(i ? ", " : "", stdout);
        printf("{\"name\": \"%s\", \"removal\": %s, \"to\": %s}", rb->actions[i]->name,
               rb->actions[i]->removal ? "true" : "false",
               rb->actions[i]->fields & AF_TO ? "true" : "false");
    }
    fputs("],\n  \"states\": [", stdout);
    for (size_t i = 0; i < rb->state_count; i++) {
        fputs(i ? ", " : "", stdout);
        str(rb->states[i]->code);
    }
    fputs("],\n", stdout);
    facts(rb);
    fputs("  \"indicators\": [\n", stdout);
    for (size_t i = 0; i < rb->indicator_count; i++) {
        const indicator_def *d = rb->indicators[i];
        fputs(i ? ",\n    {\"id\": " : "    {\"id\": ", stdout);
        str(d->id);
        fputs(", \"fact\": ", stdout);
        str(d->fact->name);
        printf(", \"value\": \"%s\", \"pattern\": ", pacta_truth_name(d->value));
        str(d->pattern);
        putchar('}');
    }
    fputs("\n  ],\n", stdout);
    fputs("  \"conditions\": [", stdout);
    for (size_t i = 0; i < rb->condition_count; i++) {
        const rb_condition *c = &rb->conditions[i];
        fputs(i ? ",\n    {\"state\": " : "\n    {\"state\": ", stdout);
        str(c->state->code);
        fputs(", \"fact\": ", stdout);
        str(c->fact->name);
        printf(", \"value\": \"%s\", \"from\": ", pacta_truth_name(c->value));
        range(&c->from);
        fputs(", \"until\": ", stdout);
        range(&c->until);
        putchar('}');
    }
    fputs("\n  ],\n", stdout);
    instruments(rb);
    rules(rb);
    fputs("}\n", stdout);
    pacta_rulebase_free(rb);
    return fflush(stdout) == 0 ? 0 : 2;
}
