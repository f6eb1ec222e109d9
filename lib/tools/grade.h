/*
 * grade.h: a graded answer file, as grade.c builds it and render_grade.c
 * writes it. The grade keeps the scenario and the report it was graded
 * against, so the steps it points to stay valid as long as it does.
 */
#ifndef PACTA_GRADE_H
#define PACTA_GRADE_H

#include "report/audit.h"
#include "model/model.h"

/* One element, exception or consideration an answer gives a value. */
typedef struct graded_step {
    pacta_step_kind kind;
    const char *id;
    pacta_truth answered;
    unsigned line;
    int graded;                 /* 0: the engine did not weigh it; worth nothing */
    int correct;
    const rp_step *step;        /* the engine's step; NULL when the finding has none of that id */
    const char *note;           /* why it is not graded, or why the step is missing */
} graded_step;

typedef struct graded_answer {
    unsigned line;
    const char *event;
    const char *instrument;
    const char *provision;
    const char *rule;           /* as the answer gives it; may be NULL */
    pacta_verdict answered;
    const pacta_finding *finding; /* graded against; NULL when the answer selects none */
    pacta_verdict actual;       /* not_applicable when no finding is selected */
    size_t deciding_count;      /* the steps that decide the actual verdict */
    const rp_step **deciding;
    size_t step_count;
    graded_step *steps;
    size_t points;
    size_t possible;
    int passed;
} graded_answer;

struct pacta_grade {
    arena *ar;
    pacta_scenario *sc;
    pacta_report *rep;
    rulebase_stamp stamp;
    const char *file;           /* the answer file */
    const char *scenario;       /* the scenario file, as loaded */
    const char *student;        /* may be NULL */
    size_t answer_count;
    graded_answer *answers;
    size_t not_answered_count;  /* findings no answer was graded against (not_applicable ones left out) */
    const pacta_finding **not_answered;
    size_t passed, failed, points, possible;
};

/** The text worksheet and the JSON object of pacta_grade_render(). */
void render_grade_text(writer *w, const pacta_grade *g);
void render_grade_json(writer *w, const pacta_grade *g);

#endif
