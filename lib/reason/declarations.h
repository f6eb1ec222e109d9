/*
 * declarations.h: whether a declaration of the actor's party record (one the
 * treaty allows, such as the Refugee Convention's art. 1B(1)(a) limitation
 * to "events occurring in Europe") takes the finding's case outside what the
 * actor agreed to be bound by. It is part of the binding question: a case a
 * declaration in effect excludes is not_applicable, the declaration cited;
 * one it may exclude is undetermined, with the facts that would decide.
 */
#ifndef PACTA_DECLARATIONS_H
#define PACTA_DECLARATIONS_H

#include "reason/binding.h"
#include "reason/evaluation.h"

/**
 * Weighs the declarations of e->actor's record for b->instrument (the
 * instrument the finding binds under) at e's date, reading their tests in
 * env (facts recorded in ev). Appends its reasons to b->reasons, lowers
 * b->bound (false: a declaration in effect excludes the case; unknown: one
 * may), and adds the facts that would decide to *missing. *decisive is the
 * declaration that excluded or may exclude the case (to cite), else NULL.
 * Returns 0, or -1 when out of memory.
 */
int declarations_weigh(evaluation *ev, const expr_env *env, const sc_event *e,
                       binding_result *b, ptrvec *missing, const party_declaration **decisive);

#endif
