/*
 * show.c: pacta_show_new(), an instrument or one of its provisions as the
 * rules state it: the words and where they were read, the citation, what
 * the instrument says about its own entry into force, denunciation and
 * reservations, every rule and step that relies on the provision, and the
 * interpretive authorities attached to them. It answers the auditor's
 * question "where does pacta use this article, and on whose reading?".
 */
#include <stdio.h>
#include <string.h>

#include "report/audit.h"
#include "base/error.h"
#include "model/rulebase.h"

struct pacta_show {
    arena *ar;
    rulebase_stamp stamp;
    int one;                    /* a single provision was asked for */
    pacta_instrument_view inst;
    size_t provision_count;
    pacta_provision_view *provisions;
    size_t use_count;
    pacta_use_view *uses;
};

typedef struct builder {
    keeper k;
    const pacta_rulebase *rb;
    ptrvec uses;                /* pacta_use_view* */
} builder;

/* ------------------------------------------------------------ the instrument */

static pacta_dated_view keep_dated(builder *b, const dated *d)
{
    pacta_dated_view v = {0};
    if (!d->set)
        return v;
    v.date = keeper_str(&b->k, d->text);
    v.source = keeper_source(&b->k, b->rb, d->source);
    return v;
}

static const char *const *keep_strings(builder *b, size_t n, const char *const *items)
{
    const char **out = keeper_array(&b->k, n, sizeof *out);
    for (size_t i = 0; out && i < n; i++)
        out[i] = keeper_str(&b->k, items[i]);
    return out;
}

static const pacta_source_view *keep_sources(builder *b, size_t n, const char *const *ids)
{
    pacta_source_view *out = keeper_array(&b->k, n, sizeof *out);
    for (size_t i = 0; out && i < n; i++)
        out[i] = keeper_source(&b->k, b->rb, ids[i]);
    return out;
}

static const char *duration(builder *b, pduration d)
{
    char buf[32];
    pduration_format(d, buf);
    return keeper_str(&b->k, buf);
}

static void describe_instrument(builder *b, const instrument_def *inst, pacta_instrument_view *v)
{
    v->id = keeper_str(&b->k, inst->id);
    v->title = keeper_str(&b->k, inst->title);
    v->short_title = keeper_str(&b->k, inst->short_title);
    v->basis = basis_name(inst->kind);
    v->cite = keeper_str(&b->k, inst->cite);
    v->url = keeper_str(&b->k, inst->url);
    v->cite_source = keeper_source(&b->k, b->rb, inst->cite_source);
    v->adopted = keep_dated(b, &inst->adopted);
    v->in_force = keep_dated(b, &inst->in_force);
    if (inst->kind == BIND_TREATY) {
        v->eif_delay = duration(b, inst->eif_delay);
        v->eif_clause = keeper_str(&b->k, eid_label(inst, inst->eif_clause));
        v->eif_source = keeper_source(&b->k, b->rb, inst->eif_source);
        v->denounceable = inst->denounceable;
        if (inst->denounceable) {
            v->denunciation_delay = duration(b, inst->denunciation_delay);
            v->denunciation_clause = keeper_str(&b->k, eid_label(inst, inst->denunciation_clause));
        }
        v->denunciation_source = keeper_source(&b->k, b->rb, inst->denunciation_source);
    }
    v->non_reservable_count = inst->non_reservable_count;
    v->non_reservable = keep_strings(b, inst->non_reservable_count,
                                     (const char *const *)inst->non_reservable);
    v->non_reservable_clause = keeper_str(&b->k, eid_label(inst, inst->non_reservable_clause));
    v->incorporates = inst->incorporates ? keeper_str(&b->k, inst->incorporates->id) : NULL;
    v->incorporated_count = inst->incorporated_count;
    v->incorporated = keep_strings(b, inst->incorporated_count,
                                   (const char *const *)inst->incorporated);
    v->incorporated_by = inst->incorporated_by ? keeper_str(&b->k, inst->incorporated_by->id) : NULL;
    v->authority_count = inst->authority_count;
    v->authorities = keep_sources(b, inst->authority_count, (const char *const *)inst->authorities);
    v->binds_from = keep_dated(b, &inst->binds_from);
    const char **states = keeper_array(&b->k, inst->state_count, sizeof *states);
    for (size_t i = 0; states && i < inst->state_count; i++)
        states[i] = keeper_str(&b->k, inst->states[i]->code);
    v->states = states;
    v->state_count = inst->state_count;
    for (size_t i = 0; i < inst->party_count; i++) {
        if (inst->parties[i]->consent.set)
            v->party_count++;
        else
            v->signatory_count++;
    }
    v->provisions_complete = inst->provisions_complete;
    if (inst->parties_incomplete)
        v->parties_incomplete = keeper_source(&b->k, b->rb, inst->parties_incomplete);
}

/* ------------------------------------------------------------ provisions and uses */

static void describe_provision(builder *b, const instrument_def *inst, const provision_def *p,
                               pacta_provision_view *v)
{
    v->id = keeper_str(&b->k, p->id);
    v->label = keeper_str(&b->k, p->label);
    v->text = keeper_str(&b->k, p->text);
    v->source = keeper_source(&b->k, b->rb, p->source);
    v->citation = keeper_printf(&b->k, "%s, %s", inst->title, p->label);
    v->non_reservable = instrument_non_reservable(inst, p->id);
}

static pacta_use_view *use(builder *b, const char *provision, const rule_def *rule,
                           const char *role, const char *id, const char *label, size_t n,
                           const char *const *authorities)
{
    pacta_use_view *u = arena_alloc(b->k.ar, sizeof *u);
    if (!u || ptrvec_push(b->k.ar, &b->uses, u)) {
        b->k.oom = 1;
        return NULL;
    }
    u->provision = keeper_str(&b->k, provision);
    u->rule = rule ? keeper_str(&b->k, rule->id) : NULL;
    u->rule_title = rule ? keeper_str(&b->k, rule->title) : NULL;
    u->role = role;
    u->id = keeper_str(&b->k, id);
    u->label = keeper_str(&b->k, label);
    u->authority_count = n;
    u->authorities = keep_sources(b, n, authorities);
    return u;
}

static const char *role_name(step_role role)
{
    return role == ROLE_ELEMENT ? "element" : role == ROLE_EXCEPTION ? "exception" : "consideration";
}

/* The rule's own authorities, and the source for its being absolute. */
static void rule_use(builder *b, const provision_def *p, const rule_def *rule)
{
    const char **ids = keeper_array(&b->k, rule->authority_count + 1, sizeof *ids);
    if (!ids)
        return;
    size_t n = 0;
    for (size_t i = 0; i < rule->authority_count; i++)
        ids[n++] = rule->authorities[i];
    if (rule->absolute_source)
        ids[n++] = rule->absolute_source;
    use(b, p->id, rule, "rule", NULL, rule->title, n, ids);
}

static void clause_uses(builder *b, const instrument_def *inst, const provision_def *p)
{
    char delay[32];
    if (inst->eif_clause && strcmp(inst->eif_clause, p->id) == 0) {
        pduration_format(inst->eif_delay, delay);
        use(b, p->id, NULL, "clause", NULL,
            keeper_printf(&b->k, "computes the entry into force for a later party: %s",
                          inst->eif_delay.amount == 0
                              ? "on the date of its deposit"
                              : keeper_printf(&b->k, "%s after its deposit", delay)),
            0, NULL);
    }
    if (inst->denunciation_clause && strcmp(inst->denunciation_clause, p->id) == 0) {
        pduration_format(inst->denunciation_delay, delay);
        use(b, p->id, NULL, "clause", NULL,
            keeper_printf(&b->k, "a denunciation takes effect %s after its notification", delay), 0,
            NULL);
    }
    if (inst->non_reservable_clause && strcmp(inst->non_reservable_clause, p->id) == 0)
        use(b, p->id, NULL, "clause", NULL,
            "lists the provisions no reservation may exclude: pacta ignores a reservation to them",
            0, NULL);
}

static void collect_uses(builder *b, const instrument_def *inst, const provision_def *p)
{
    const pacta_rulebase *rb = b->rb;
    for (size_t r = 0; r < rb->rule_count; r++) {
        const rule_def *rule = rb->rules[r];
        if (rule->instrument != inst)
            continue;
        if (rule->provision == p)
            rule_use(b, p, rule);
        for (size_t e = 0; e < rule->element_count; e++) {
            const element_def *el = &rule->elements[e];
            if (el->provision == p)
                use(b, p->id, rule, role_name(el->role), el->id, el->label, el->authority_count,
                    (const char *const *)el->authorities);
        }
    }
    clause_uses(b, inst, p);
    const instrument_def *inc = inst->incorporated_by;
    if (inc && instrument_incorporates(inc, p->id))
        use(b, p->id, NULL, "incorporated", inc->id,
            keeper_printf(&b->k,
                          "applied through the %s (%s) to a state bound by it but not by the %s "
                          "on the day",
                          inc->short_title, eid_label(inc, inc->incorporating_provision),
                          inst->short_title),
            0, NULL);
    const instrument_def *other = inst->incorporates;
    if (other && inst->incorporating_provision && strcmp(inst->incorporating_provision, p->id) == 0)
        for (size_t r = 0; r < rb->rule_count; r++) {
            const rule_def *rule = rb->rules[r];
            if (rule->instrument == other && instrument_incorporates(inst, rule->provision->id))
                use(b, p->id, rule, "through", NULL,
                    keeper_printf(&b->k, "%s (%s %s, applied through this provision)", rule->title,
                                  other->short_title, rule->provision->label),
                    rule->authority_count, (const char *const *)rule->authorities);
        }
}

/* ------------------------------------------------------------ building */

static const char *instrument_id_at(const void *list, size_t i)
{
    return ((const instrument_def *const *)list)[i]->id;
}

static const char *provision_id_at(const void *list, size_t i)
{
    return ((const provision_def *)list)[i].id;
}

static pacta_status not_found(pacta_error *err, const char *what, const char *name,
                              const char *near, const char *otherwise)
{
    pacta_status st = error_set(err, PACTA_EINPUT, "", 0, 0, "%s", what);
    if (near)
        error_hint(err, "did you mean '%s'?", near);
    else
        error_hint(err, "%s", otherwise);
    (void)name;
    return st;
}

/* An article asked for by its number when the rules list its paragraphs: name them. */
static int under(const instrument_def *inst, const char *id, pacta_error *err)
{
    char list[PACTA_ERROR_HINT_MAX] = "";
    size_t n = 0, used = 0;
    for (size_t i = 0; i < inst->provision_count; i++) {
        if (!provision_covered(id, inst->provisions[i].id))
            continue;
        int w = snprintf(list + used, sizeof list - used, "%s'%s'", n++ ? ", " : "",
                         inst->provisions[i].id);
        if (w > 0 && (size_t)w < sizeof list - used)
            used += (size_t)w;
    }
    if (n == 0)
        return 0;
    error_set(err, PACTA_EINPUT, "", 0, 0, "the %s has no provision '%s' in the rules, only parts of it",
              inst->short_title, id);
    error_hint(err, "did you mean %s?", list);
    return 1;
}

/* Finds "INSTRUMENT" or "INSTRUMENT/PROVISION"; *p stays NULL for a whole instrument. */
static pacta_status resolve(const pacta_rulebase *rb, const char *what,
                            const instrument_def **inst, const provision_def **p, pacta_error *err)
{
    char id[256];
    const char *slash = strchr(what, '/');
    size_t n = slash ? (size_t)(slash - what) : strlen(what);
    if (n >= sizeof id)
        n = sizeof id - 1;
    memcpy(id, what, n);
    id[n] = '\0';
    *p = NULL;
    *inst = rb_instrument(rb, id);
    if (!*inst) {
        char message[PACTA_ERROR_MESSAGE_MAX];
        snprintf(message, sizeof message, "unknown instrument '%s'", id);
        return not_found(err, message, id,
                         suggest_name(id, rb->instruments, rb->instrument_count, instrument_id_at),
                         "the instruments are the ids in rules/instruments/*.yaml");
    }
    if (!slash)
        return PACTA_OK;
    *p = instrument_provision(*inst, slash + 1);
    if (!*p && under(*inst, slash + 1, err))
        return PACTA_EINPUT;
    if (!*p) {
        char message[PACTA_ERROR_MESSAGE_MAX];
        snprintf(message, sizeof message, "the %s has no provision '%s' in the rules",
                 (*inst)->short_title, slash + 1);
        return not_found(err, message, slash + 1,
                         suggest_name(slash + 1, (*inst)->provisions, (*inst)->provision_count,
                                      provision_id_at),
                         "provisions are Akoma Ntoso eIds such as art_33__para_1; 'pacta show "
                         "INSTRUMENT' lists them");
    }
    return PACTA_OK;
}

pacta_status pacta_show_new(pacta_show **out, const pacta_rulebase *rb, const char *what,
                            pacta_error *err)
{
    if (!out || !rb || !rb->finished || !what)
        return error_set(err, PACTA_EUSAGE, "", 0, 0, "pacta_show_new: invalid argument");
    *out = NULL;
    const instrument_def *inst;
    const provision_def *one;
    pacta_status st = resolve(rb, what, &inst, &one, err);
    if (st != PACTA_OK)
        return st;
    arena *ar = arena_new(&rb->opts.allocator);
    pacta_show *sh = ar ? arena_alloc(ar, sizeof *sh) : NULL;
    if (!sh) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    sh->ar = ar;
    stamp_rulebase(&sh->stamp, rb);
    builder b = {{ar, 0}, rb, {0}};
    describe_instrument(&b, inst, &sh->inst);
    sh->one = one != NULL;
    sh->provision_count = one ? 1 : inst->provision_count;
    sh->provisions = keeper_array(&b.k, sh->provision_count, sizeof *sh->provisions);
    for (size_t i = 0; !b.k.oom && i < sh->provision_count; i++) {
        const provision_def *p = one ? one : &inst->provisions[i];
        describe_provision(&b, inst, p, &sh->provisions[i]);
        collect_uses(&b, inst, p);
    }
    sh->uses = keeper_array(&b.k, b.uses.count, sizeof *sh->uses);
    if (b.k.oom) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    for (size_t i = 0; i < b.uses.count; i++)
        sh->uses[i] = *(pacta_use_view *)b.uses.items[i];
    sh->use_count = b.uses.count;
    *out = sh;
    return PACTA_OK;
}

void pacta_show_free(pacta_show *sh)
{
    if (sh)
        arena_free(sh->ar);
}

pacta_instrument_view pacta_show_instrument(const pacta_show *sh)
{
    pacta_instrument_view none = {0};
    return sh ? sh->inst : none;
}

size_t pacta_show_provision_count(const pacta_show *sh)
{
    return sh ? sh->provision_count : 0;
}

pacta_provision_view pacta_show_provision(const pacta_show *sh, size_t i)
{
    pacta_provision_view none = {0};
    return sh && i < sh->provision_count ? sh->provisions[i] : none;
}

size_t pacta_show_use_count(const pacta_show *sh)
{
    return sh ? sh->use_count : 0;
}

pacta_use_view pacta_show_use(const pacta_show *sh, size_t i)
{
    pacta_use_view none = {0};
    return sh && i < sh->use_count ? sh->uses[i] : none;
}

/* ------------------------------------------------------------ text */

static void field(writer *w, keeper *k, const char *name, const char *value,
                  const pacta_source_view *source)
{
    if (!value)
        return;
    const char *prefix = keeper_printf(k, "  %s: ", name);
    const char *cited = source && source->id ? keeper_printf(k, "%s [%s]", value, source->id) : value;
    text_item(w, 0, prefix ? prefix : "  ", cited ? cited : value);
}

static void text_instrument(writer *w, keeper *k, const pacta_instrument_view *v)
{
    const char *head = keeper_printf(k, "%s: %s [%s, %s]", v->short_title, v->title, v->id, v->basis);
    text_item(w, 0, "", head ? head : v->id);
    if (v->cite || v->url)
        field(w, k, "citation",
              keeper_printf(k, "%s%s%s", v->cite ? v->cite : "", v->cite && v->url ? ", " : "",
                            v->url ? v->url : ""),
              &v->cite_source);
    field(w, k, "adopted", v->adopted.date, &v->adopted.source);
    field(w, k, strcmp(v->basis, "treaty") == 0 ? "in force (general)" : "in force", v->in_force.date,
          &v->in_force.source);
    if (v->eif_delay)
        field(w, k, "entry into force for a later party",
              keeper_printf(k, "%s, under %s",
                            strncmp(v->eif_delay, "0 ", 2) == 0
                                ? "on the date of deposit"
                                : keeper_printf(k, "%s after the deposit", v->eif_delay),
                            v->eif_clause),
              &v->eif_source);
    if (v->eif_delay && v->denounceable)
        field(w, k, "denunciation",
              keeper_printf(k, "takes effect %s after its notification, under %s",
                            v->denunciation_delay, v->denunciation_clause),
              &v->denunciation_source);
    else if (v->eif_delay)
        field(w, k, "denunciation", "no clause: the instrument cannot be denounced",
              &v->denunciation_source);
    if (v->non_reservable_count) {
        const char *list = "";
        for (size_t i = 0; i < v->non_reservable_count; i++)
            list = keeper_join(k, list, ", ", v->non_reservable[i]);
        field(w, k, keeper_printf(k, "non-reservable (%s)", v->non_reservable_clause), list, NULL);
    }
    if (v->incorporates) {
        const char *list = "";
        for (size_t i = 0; i < v->incorporated_count; i++)
            list = keeper_join(k, list, ", ", v->incorporated[i]);
        field(w, k, "applies", keeper_printf(k, "%s: %s", v->incorporates, list), NULL);
    }
    field(w, k, "applied through", v->incorporated_by, NULL);
    for (size_t i = 0; i < v->authority_count; i++)
        text_item(w, 2, i ? "             " : "authorities: ", source_citation(k, &v->authorities[i]));
    field(w, k, "binds every state from", v->binds_from.date, &v->binds_from.source);
    if (v->state_count) {
        const char *list = "";
        for (size_t i = 0; i < v->state_count; i++)
            list = keeper_join(k, list, ", ", v->states[i]);
        field(w, k, "binds", list, NULL);
    }
    if (strcmp(v->basis, "treaty") == 0)
        field(w, k, "party records",
              keeper_printf(k, "%zu with a consent, %zu signatories only%s", v->party_count,
                            v->signatory_count,
                            v->parties_incomplete.id
                                ? "; the table is incomplete: a state with no record may be a "
                                  "party (bound: unknown)"
                                : ""),
              v->parties_incomplete.id ? &v->parties_incomplete : NULL);
}

/* The uses of provision id, one line each, with their authorities' ids. */
static void text_uses(writer *w, keeper *k, const pacta_show *sh, const char *id, size_t indent)
{
    for (size_t i = 0; i < sh->use_count; i++) {
        const pacta_use_view *u = &sh->uses[i];
        if (strcmp(u->provision, id) != 0)
            continue;
        const char *who = u->rule && u->id ? keeper_printf(k, "%s, %s '%s'", u->rule, u->role, u->id)
                          : u->rule        ? keeper_printf(k, "%s (%s)", u->rule, u->role)
                          : u->id          ? keeper_printf(k, "%s %s", u->role, u->id)
                                           : u->role;
        const char *line = keeper_printf(k, "%s: %s", who ? who : u->role, u->label);
        text_item(w, indent, "- ", line ? line : u->label);
        if (u->authority_count) {
            const char *ids = "";
            for (size_t a = 0; a < u->authority_count; a++)
                ids = keeper_join(k, ids, ", ", u->authorities[a].id);
            text_item(w, indent + 2, "relies on: ", ids);
        }
    }
}

/* Every authority the uses rely on, once, with its full citation. */
static void text_interpretations(writer *w, keeper *k, const pacta_show *sh)
{
    ptrvec seen = {0};
    for (size_t i = 0; i < sh->use_count; i++)
        for (size_t a = 0; a < sh->uses[i].authority_count; a++) {
            const pacta_source_view *s = &sh->uses[i].authorities[a];
            int dup = 0;
            for (size_t j = 0; j < seen.count && !dup; j++)
                dup = strcmp(((const pacta_source_view *)seen.items[j])->id, s->id) == 0;
            if (!dup && ptrvec_push(k->ar, &seen, (void *)s))
                k->oom = 1;
        }
    if (seen.count == 0)
        return;
    writer_str(w, "\nInterpretations attached:\n");
    for (size_t j = 0; j < seen.count; j++)
        text_hanging(w, 2, 2, source_citation(k, seen.items[j]));
}

static void text_provision(writer *w, keeper *k, const pacta_show *sh, const pacta_provision_view *p)
{
    const char *head = keeper_printf(k, "%s %s [%s/%s]", sh->inst.short_title, p->label,
                                     sh->inst.id, p->id);
    text_item(w, 0, "", head ? head : p->id);
    const char *cite = keeper_printf(k, "%s%s%s%s%s", p->citation, sh->inst.cite ? "; " : "",
                                     sh->inst.cite ? sh->inst.cite : "", sh->inst.url ? "; " : "",
                                     sh->inst.url ? sh->inst.url : "");
    text_item(w, 0, "Citation: ", cite ? cite : p->citation);
    if (p->non_reservable)
        text_item(w, 0, "Non-reservable: ",
                  keeper_printf(k, "under %s, no reservation may exclude it",
                                sh->inst.non_reservable_clause));
    if (p->text) {
        writer_char(w, '\n');
        const char *quoted = keeper_printf(k, "\"%s\"", p->text);
        text_item(w, 2, "", quoted ? quoted : p->text);
        text_item(w, 0, "Text read in: ", source_citation(k, &p->source));
    } else {
        writer_str(w, "\n  (the rules give no text for this provision)\n");
    }
    writer_str(w, "\nUsed by:\n");
    size_t before = 0;
    for (size_t i = 0; i < sh->use_count; i++)
        before += strcmp(sh->uses[i].provision, p->id) == 0;
    if (before == 0)
        writer_str(w, "  nothing in the rules\n");
    text_uses(w, k, sh, p->id, 2);
    text_interpretations(w, k, sh);
}

static void render_text(writer *w, const pacta_show *sh, keeper *k)
{
    if (sh->one) {
        text_provision(w, k, sh, &sh->provisions[0]);
        return;
    }
    text_instrument(w, k, &sh->inst);
    writer_str(w, "\nProvisions:\n");
    for (size_t i = 0; i < sh->provision_count; i++) {
        const pacta_provision_view *p = &sh->provisions[i];
        const char *line = keeper_printf(k, "%s (%s)%s%s", p->label, p->id,
                                         p->text ? "" : ": no text in the rules",
                                         p->non_reservable ? ", non-reservable" : "");
        text_item(w, 2, "", line ? line : p->id);
        text_uses(w, k, sh, p->id, 4);
    }
    text_interpretations(w, k, sh);
}

/* ------------------------------------------------------------ JSON */

static void json_dated(writer *w, int *n, const char *name, const pacta_dated_view *d)
{
    if (!d->date)
        return;
    int m = 0;
    json_key(w, n, name);
    writer_char(w, '{');
    json_member_string(w, &m, "date", d->date);
    json_member_source(w, &m, "source", &d->source);
    writer_char(w, '}');
}

static void json_instrument(writer *w, int *members, const pacta_instrument_view *v)
{
    int n = 0, m;
    json_key(w, members, "instrument");
    writer_char(w, '{');
    json_member_string(w, &n, "id", v->id);
    json_member_string(w, &n, "title", v->title);
    json_member_string(w, &n, "short_title", v->short_title);
    json_member_string(w, &n, "basis", v->basis);
    json_member_opt(w, &n, "cite", v->cite);
    json_member_opt(w, &n, "url", v->url);
    json_member_source(w, &n, "cite_source", &v->cite_source);
    json_dated(w, &n, "adopted", &v->adopted);
    json_dated(w, &n, "in_force", &v->in_force);
    if (v->eif_delay) {
        m = 0;
        json_key(w, &n, "entry_into_force");
        writer_char(w, '{');
        json_member_string(w, &m, "delay", v->eif_delay);
        json_member_string(w, &m, "clause", v->eif_clause);
        json_member_source(w, &m, "source", &v->eif_source);
        writer_char(w, '}');
        m = 0;
        json_key(w, &n, "denunciation");
        writer_char(w, '{');
        if (v->denounceable) {
            json_member_string(w, &m, "delay", v->denunciation_delay);
            json_member_string(w, &m, "clause", v->denunciation_clause);
        } else {
            json_member_bool(w, &m, "none", 1);
        }
        json_member_source(w, &m, "source", &v->denunciation_source);
        writer_char(w, '}');
    }
    if (v->non_reservable_count) {
        m = 0;
        json_key(w, &n, "non_reservable");
        writer_char(w, '{');
        json_member_strings(w, &m, "provisions", v->non_reservable_count, v->non_reservable);
        json_member_opt(w, &m, "clause", v->non_reservable_clause);
        writer_char(w, '}');
    }
    if (v->incorporates) {
        m = 0;
        json_key(w, &n, "incorporates");
        writer_char(w, '{');
        json_member_string(w, &m, "instrument", v->incorporates);
        json_member_strings(w, &m, "provisions", v->incorporated_count, v->incorporated);
        writer_char(w, '}');
    }
    json_member_opt(w, &n, "incorporated_by", v->incorporated_by);
    if (v->authority_count)
        json_member_sources(w, &n, "authorities", v->authority_count, v->authorities);
    json_dated(w, &n, "binds_from", &v->binds_from);
    if (v->state_count)
        json_member_strings(w, &n, "states", v->state_count, v->states);
    if (strcmp(v->basis, "treaty") == 0) {
        json_member_size(w, &n, "parties", v->party_count);
        json_member_size(w, &n, "signatories", v->signatory_count);
        json_member_source(w, &n, "parties_incomplete", &v->parties_incomplete);
    }
    json_member_bool(w, &n, "provisions_complete", v->provisions_complete);
    writer_char(w, '}');
}

static void render_json(writer *w, const pacta_show *sh)
{
    int n = 0;
    writer_char(w, '{');
    json_head(w, &n, &sh->stamp);
    json_instrument(w, &n, &sh->inst);
    json_key(w, &n, "provisions");
    writer_char(w, '[');
    for (size_t i = 0; i < sh->provision_count; i++) {
        const pacta_provision_view *p = &sh->provisions[i];
        int m = 0;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_member_string(w, &m, "id", p->id);
        json_member_string(w, &m, "label", p->label);
        json_member_opt(w, &m, "text", p->text);
        json_member_source(w, &m, "source", &p->source);
        json_member_string(w, &m, "citation", p->citation);
        json_member_bool(w, &m, "non_reservable", p->non_reservable);
        writer_char(w, '}');
    }
    writer_char(w, ']');
    json_key(w, &n, "uses");
    writer_char(w, '[');
    for (size_t i = 0; i < sh->use_count; i++) {
        const pacta_use_view *u = &sh->uses[i];
        int m = 0;
        writer_bytes(w, i ? ",{" : "{", i ? 2 : 1);
        json_member_string(w, &m, "provision", u->provision);
        json_member_opt(w, &m, "rule", u->rule);
        json_member_opt(w, &m, "rule_title", u->rule_title);
        json_member_string(w, &m, "role", u->role);
        json_member_opt(w, &m, "id", u->id);
        json_member_string(w, &m, "label", u->label);
        json_member_sources(w, &m, "authorities", u->authority_count, u->authorities);
        writer_char(w, '}');
    }
    writer_bytes(w, "]}", 2);
}

pacta_status pacta_show_render(const pacta_show *sh, pacta_format format, unsigned flags,
                               pacta_write_fn write, void *ctx)
{
    (void)flags;
    if (!sh || !write || (format != PACTA_FORMAT_TEXT && format != PACTA_FORMAT_JSON))
        return PACTA_EUSAGE;
    writer w;
    writer_init(&w, write, ctx, arena_allocator(sh->ar));
    if (format == PACTA_FORMAT_JSON) {
        render_json(&w, sh);
        return writer_finish(&w);
    }
    keeper scratch = {arena_new(arena_allocator(sh->ar)), 0};
    if (!scratch.ar)
        return PACTA_ENOMEM;
    render_text(&w, sh, &scratch);
    arena_free(scratch.ar);
    pacta_status st = writer_finish(&w);
    return st == PACTA_OK && scratch.oom ? PACTA_ENOMEM : st;
}
