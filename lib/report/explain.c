/*
 * explain.c: the words of an IRAC analysis (see explain.h). Every sentence
 * is built from the finding (its steps, facts and reasons) and, for the
 * rule's terms, from the rule definition; nothing here knows a treaty.
 */
#include "report/explain.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/writer.h"

#define ELLIPSIS "\xE2\x80\xA6"

void phrase_clear(phrase *p)
{
    p->len = 0;
    p->cut = 0;
    p->buf[0] = '\0';
}

void phrase_add(phrase *p, const char *fmt, ...)
{
    if (p->cut)
        return;
    size_t room = sizeof p->buf - p->len;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(p->buf + p->len, room, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < room) {
        p->len += (size_t)n;
        return;
    }
    /* too long: keep whole characters and mark the cut */
    size_t keep = 0, limit = sizeof p->buf - 1 - strlen(ELLIPSIS);
    while (keep < limit) {
        uint32_t cp;
        size_t step = utf8_decode(p->buf + keep, sizeof p->buf - 1 - keep, &cp);
        if (keep + step > limit)
            break;
        keep += step;
    }
    memcpy(p->buf + keep, ELLIPSIS, strlen(ELLIPSIS) + 1);
    p->len = keep + strlen(ELLIPSIS);
    p->cut = 1;
}

void explain_question(phrase *p, const pacta_finding *f)
{
    phrase_add(p, "Did %s breach %s by %s?", f->actor, f->provision_label,
               f->events.count > 1 ? "this sequence of acts" : "this act");
}

void explain_rule_terms(phrase *p, const pacta_finding *f, const rule_def *rule,
                        const pacta_rulebase *rb)
{
    if (rule && rule->nature == NATURE_PERMISSION) {
        phrase_add(p, "It is a permission: it allows %s to act and obliges it to nothing, so it "
                      "cannot be breached.", f->actor);
        return;
    }
    if (f->basis && strcmp(f->basis, "customary") == 0)
        phrase_add(p, "As customary law it binds every state that the custom binds on %s.",
                   f->date);
    else
        phrase_add(p, "It applies only if %s was bound by it on %s.", f->actor, f->date);
    phrase_add(p, " It is breached when every element below is established and no exception "
                  "is; considerations are weighed but decide nothing alone.");
    if (rule && rule->absolute)
        phrase_add(p, " The prohibition is absolute [%s]: no exception or justification can "
                      "defeat it.",
                   rule->absolute_source ? rb_source_cited_as(rb, rule->absolute_source) : "");
}

char explain_letter(size_t k)
{
    return (char)('a' + (k % 26));
}

static const char *kind_word(pacta_step_kind k)
{
    switch (k) {
    case PACTA_STEP_BINDING: return "Binding";
    case PACTA_STEP_ELEMENT: return "Element";
    case PACTA_STEP_EXCEPTION: return "Exception";
    case PACTA_STEP_CONSIDERATION: return "Consideration";
    }
    return "Step";
}

void explain_step_name(phrase *p, const rp_step *s, char letter)
{
    if (s->kind == PACTA_STEP_BINDING) {
        phrase_add(p, "Binding");
        return;
    }
    phrase_add(p, "%s (%c) %s", kind_word(s->kind), letter, s->id ? s->id : "");
    if (s->provision_label)
        phrase_add(p, " (%s)", s->provision_label);
}

int explain_rule_step(phrase *name, const char **label, const pacta_finding *f,
                      const rule_def *rule, size_t k)
{
    int weighed = 0;
    size_t seen = 0;
    for (size_t i = 0; i < f->step_count; i++) {
        const rp_step *s = &f->steps[i];
        if (s->kind == PACTA_STEP_BINDING)
            continue;
        weighed = 1;
        if (seen++ == k) {
            phrase_clear(name);
            explain_step_name(name, s, explain_letter(k));
            *label = s->label;
            return 1;
        }
    }
    if (weighed || !rule || k >= rule->element_count)
        return 0;
    const element_def *el = &rule->elements[k];
    rp_step s = {0};
    s.kind = el->role == ROLE_ELEMENT     ? PACTA_STEP_ELEMENT
             : el->role == ROLE_EXCEPTION ? PACTA_STEP_EXCEPTION
                                          : PACTA_STEP_CONSIDERATION;
    s.id = el->id;
    s.provision_label = el->provision ? el->provision->label : NULL;
    phrase_clear(name);
    explain_step_name(name, &s, explain_letter(k));
    *label = el->label;
    return 1;
}

const char *explain_outcome(const rp_step *s, pacta_verdict verdict)
{
    switch (s->kind) {
    case PACTA_STEP_BINDING:
        return s->value == PACTA_TRUE    ? "bound: the rule applies."
               : s->value == PACTA_FALSE ? "not bound: the rule does not apply, and the analysis "
                                           "stops here."
                                         : "unknown: the dates leave open whether the actor was "
                                           "bound that day.";
    case PACTA_STEP_ELEMENT:
        return s->value == PACTA_TRUE    ? "established."
               : s->value == PACTA_FALSE ? "not established: without it there is no violation."
                                         : "left open: the facts neither establish nor negate it.";
    case PACTA_STEP_EXCEPTION:
        if (s->value == PACTA_TRUE)
            return "established: it defeats the rule.";
        if (s->value == PACTA_FALSE)
            return "not established: it does not defeat the rule.";
        return verdict == PACTA_VIOLATION
                   ? "left open: not established on these facts, so it does not defeat the rule "
                     "(it would if it were established; see the caveats)."
                   : "left open: not established on these facts, so it does not defeat the "
                     "rule.";
    case PACTA_STEP_CONSIDERATION:
        return s->value == PACTA_TRUE    ? "present: it weighs in the assessment but decides "
                                           "nothing alone."
               : s->value == PACTA_FALSE ? "absent."
                                         : "unknown.";
    }
    return "";
}

void explain_binding_summary(phrase *p, const pacta_finding *f)
{
    const pacta_binding_view *b = &f->binding;
    const char *sep = "(";
    if (b->consent) {
        phrase_add(p, "%sconsent: %s%s%s", sep, b->consent_type ? b->consent_type : "",
                   b->consent_type ? " " : "", b->consent);
        sep = "; ";
    }
    if (b->in_force) {
        phrase_add(p, "%sin force for %s: %s%s%s", sep, f->actor, b->in_force,
                   b->clause ? " under " : "", b->clause ? b->clause : "");
        sep = "; ";
    }
    if (b->via) {
        phrase_add(p, "%sthrough the %s", sep, b->via);
        sep = "; ";
    }
    if (*sep == ';')
        phrase_add(p, ")");
}

const char *explain_fact_relation(const rp_step *s)
{
    return s->value == PACTA_TRUE    ? "Established by"
           : s->value == PACTA_FALSE ? "Negated by"
                                     : "Left open by";
}

#define MATCHED_TEXT_MAX 80

void explain_fact(phrase *p, const rp_fact *x)
{
    if (x->display)
        phrase_add(p, "%s (%s), which counts as %s here", x->display, x->ref,
                   pacta_truth_name(x->value));
    else
        phrase_add(p, "%s is %s", x->ref, pacta_truth_name(x->value));
    switch (x->from) {
    case PACTA_FROM_EVENT:
        phrase_add(p, ": stated by the event (%s)", x->detail ? x->detail : "");
        break;
    case PACTA_FROM_PERSON:
        if (!x->display || (x->detail && strcmp(x->detail, x->ref) != 0)) /* not the ref again */
            phrase_add(p, ": stated for the person (%s)", x->detail ? x->detail : "");
        break;
    case PACTA_FROM_CONDITION:
        phrase_add(p, ": stated by a condition of the scenario (%s)", x->detail ? x->detail : "");
        break;
    case PACTA_FROM_RULE:
        phrase_add(p, ": derived by the rules (%s)", x->detail ? x->detail : "");
        break;
    case PACTA_FROM_TEXT: {
        phrase_add(p, ": inferred from narrative text (%s", x->detail ? x->detail : "");
        if (x->text) {
            size_t n = text_prefix_bytes(x->text, MATCHED_TEXT_MAX);
            phrase_add(p, "; matched \"%.*s%s\" at bytes %zu-%zu", (int)n, x->text,
                       x->text[n] ? ELLIPSIS : "", x->span_start, x->span_end);
        }
        phrase_add(p, ")");
        break;
    }
    case PACTA_FROM_NOWHERE:
        phrase_add(p, ": not stated anywhere");
        break;
    }
    if (x->source)
        phrase_add(p, ", source %s", x->source);
}

#define CONCLUSION_PREFIX "Conclusion: "

const char *explain_conclusion(const pacta_finding *f)
{
    for (size_t i = f->reasons.count; i-- > 0;)
        if (strncmp(f->reasons.items[i], CONCLUSION_PREFIX, strlen(CONCLUSION_PREFIX)) == 0)
            return f->reasons.items[i] + strlen(CONCLUSION_PREFIX);
    return NULL;
}

int explain_reason_told(const pacta_finding *f, size_t i)
{
    const char *r = f->reasons.items[i];
    if (strncmp(r, CONCLUSION_PREFIX, strlen(CONCLUSION_PREFIX)) == 0)
        return 1;
    for (size_t k = 0; k < f->narrative.count; k++)
        if (f->narrative.items[k] == r)
            return 1;
    for (size_t s = 0; s < f->step_count; s++)
        for (size_t k = 0; k < f->steps[s].reasons.count; k++)
            if (f->steps[s].reasons.items[k] == r)
                return 1;
    return 0;
}

const char *explain_verdict_word(pacta_verdict v)
{
    switch (v) {
    case PACTA_VIOLATION: return "Violation";
    case PACTA_NO_VIOLATION: return "No violation";
    case PACTA_UNDETERMINED: return "Undetermined";
    case PACTA_NOT_APPLICABLE: return "Not applicable";
    }
    return "Invalid";
}

const char *explain_conclusion_rest(const pacta_finding *f)
{
    const char *text = explain_conclusion(f);
    const char *dot = text ? strstr(text, ". ") : NULL; /* "violation. CN was bound ..." */
    return dot ? dot + 2 : text;
}

const char *explain_verdict_tag(pacta_verdict v)
{
    switch (v) {
    case PACTA_VIOLATION: return "VIOLATION";
    case PACTA_NO_VIOLATION: return "NO VIOLATION";
    case PACTA_UNDETERMINED: return "UNDETERMINED";
    case PACTA_NOT_APPLICABLE: return "NOT APPLICABLE";
    }
    return "INVALID";
}

void explain_binding_short(phrase *p, const pacta_finding *f)
{
    const pacta_binding_view *b = &f->binding;
    size_t start = p->len;
    if (b->consent)
        phrase_add(p, "%s %s", b->consent_type ? b->consent_type : "consent", b->consent);
    if (b->in_force)
        phrase_add(p, "%sin force %s", p->len > start ? "; " : "", b->in_force);
    if (b->clause)
        phrase_add(p, " under %s", b->clause);
    if (b->via)
        phrase_add(p, "%svia %s", p->len > start ? "; " : "", b->via);
    if (p->len == start)
        phrase_add(p, "%s law", f->basis ? f->basis : "");
}

const char *explain_step_word(const rp_step *s)
{
    if (s->value == PACTA_UNKNOWN)
        return "open";
    if (s->kind == PACTA_STEP_EXCEPTION)
        return s->value == PACTA_TRUE ? "established" : "not established";
    return s->value == PACTA_TRUE ? "established" : "absent";
}

void explain_fact_short(phrase *p, const rp_fact *x)
{
    if (x->display) /* a test on the record reads as what it says */
        phrase_add(p, "%s", x->display);
    else if (x->from == PACTA_FROM_PERSON && x->detail && strncmp(x->detail, "status ", 7) == 0)
        phrase_add(p, "%s: %s", x->ref, x->detail + 7);
    else
        phrase_add(p, "%s = %s", x->ref, pacta_truth_name(x->value));
}
