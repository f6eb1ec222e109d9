/*
 * audit.h: what the tools over the law (lint.c, timeline.c, show.c,
 * coverage.c, grade.c) and the renderers share beyond writer.h: copying
 * rulebase strings into a handle's arena (a handle borrows nothing), source
 * views, and the JSON objects and text lines they write from them.
 */
#ifndef PACTA_AUDIT_H
#define PACTA_AUDIT_H

#include "model/model.h"
#include "base/writer.h"

/* An arena being filled; oom is sticky, so builders check it once at the end. */
typedef struct keeper {
    arena *ar;
    int oom;
} keeper;

/** A copy of s in k's arena; NULL for NULL (and on failure, setting k->oom). */
const char *keeper_str(keeper *k, const char *s);
/** printf into k's arena; NULL and k->oom on failure. */
const char *keeper_printf(keeper *k, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/** list + sep + item (no sep while list is empty); never NULL (list unchanged on failure). */
const char *keeper_join(keeper *k, const char *list, const char *sep, const char *item);
/** n zeroed elements of size bytes (at least one, so never NULL unless k->oom). */
void *keeper_array(keeper *k, size_t n, size_t size);

/** The view of source id, copied; a view with only the id when rb does not define it; zeroed for NULL. */
pacta_source_view keeper_source(keeper *k, const pacta_rulebase *rb, const char *id);

/** A provision's label for prose ("art. 43(2)"), or the eId when the instrument does not list it. */
const char *eid_label(const instrument_def *inst, const char *id);

/** "treaty", "customary", "domestic", "bilateral". */
const char *basis_name(binding_kind kind);

/** What a JSON rendering says about the rulebase an answer came from, copied at build time. */
typedef struct rulebase_stamp {
    int set;
    char digest[65];
    size_t files;
    size_t rules;
} rulebase_stamp;

void stamp_rulebase(rulebase_stamp *stamp, const pacta_rulebase *rb);

/* JSON (writer.h has the members of plain values). */

/** {"id", "title", "cite", "url"}, absent members omitted. */
void json_source(writer *w, const pacta_source_view *s);
/** Omitted when s->id is NULL. */
void json_member_source(writer *w, int *members, const char *name, const pacta_source_view *s);
void json_member_sources(writer *w, int *members, const char *name, size_t count,
                         const pacta_source_view *items);
/** "pacta" and, when stamped, "rulebase": the opening members of every tool's object. */
void json_head(writer *w, int *members, const rulebase_stamp *stamp);
/** {"consent", "consent_type", "in_force", "clause", "via"}, absent members omitted. */
void json_binding(writer *w, const pacta_binding_view *b);
/**
 * {"ref", "value", "from", "detail", "source", "text"}, absent members
 * omitted, and with span the "span" of a fact read from narrative text.
 */
void json_fact(writer *w, const rp_fact *x, int span);
/**
 * The members a step's object opens with: "kind", "id", "label",
 * "provision", "provision_label" (those absent omitted) and "value".
 */
void json_step_head(writer *w, int *members, const rp_step *s);

/* Text (writer.h wraps it). */

/** "[id] title, cite, url": a source as cited on its own line. */
const char *source_citation(keeper *k, const pacta_source_view *s);

#endif
