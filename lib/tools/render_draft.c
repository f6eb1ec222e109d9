/*
 * render_draft.c: pacta_draft_render(), the drafted scenario as YAML that
 * `pacta check` reads unchanged, every value followed by a comment quoting
 * the words it was read from and their line; or, for teaching, the list of
 * every extraction with its span.
 *
 * What the text did not give is a comment ("# to: ?  ..."), never a value.
 * An event that lacks a field the scenario format requires is written
 * whole as comments, so the document stays valid and the analyst sees what
 * to complete.
 */
#include <stdint.h>
#include <string.h>

#include "base/writer.h"
#include "tools/draft.h"

#define QUOTE_COLUMNS 60    /* longest quotation in a comment, in characters */
#define DESCRIPTION_BYTES 1000     /* a longer sentence is cut ... */
#define DESCRIPTION_CHARACTERS 400 /* ... to this many characters, and an ellipsis */

typedef struct out {
    writer w;
    const pacta_draft *d;
    const char *prefix;     /* "" or "# " for an event written as comments */
} out;

/* Characters YAML does not print or reads as line breaks (NEL, U+2028, U+2029), or a BOM. */
static int yaml_unsafe(uint32_t cp)
{
    return (cp < 0x20 && cp != '\t') || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
           cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF || cp == UTF8_INVALID;
}

/*
 * text[0..len) on one line, runs of whitespace as one space. In a YAML
 * string (yaml_escape) '"' and '\' are escaped and an unsafe character is
 * written as \uXXXX; in a comment it becomes '?'.
 */
static void one_line(writer *w, const char *text, size_t len, int yaml_escape)
{
    int space = 0;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = utf8_decode(text + i, len - i, &cp);
        if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v') {
            space = 1;
            i += n;
            continue;
        }
        if (space)
            writer_char(w, ' ');
        space = 0;
        if (yaml_unsafe(cp)) {
            if (yaml_escape && cp != UTF8_INVALID)
                writer_printf(w, "\\u%04X", (unsigned)cp);
            else
                writer_char(w, '?');
        } else {
            if (yaml_escape && (cp == '"' || cp == '\\'))
                writer_char(w, '\\');
            writer_bytes(w, text + i, n);
        }
        i += n;
    }
}

/* The words of a span, at most QUOTE_COLUMNS characters, in double quotes. */
static void quotation(out *o, const dspan *s)
{
    const char *t = o->d->text + s->start;
    size_t len = s->end - s->start;
    size_t cut = text_prefix_bytes(t, QUOTE_COLUMNS);
    writer_char(&o->w, '"');
    one_line(&o->w, t, cut < len ? cut : len, 0);
    writer_str(&o->w, cut < len ? "…\"" : "\"");
}

/* "  # "words" line N: note" after a value, or nothing. */
static void why(out *o, const dwhy *y)
{
    if (!y->at.set && !y->note)
        return;
    writer_str(&o->w, "  # ");
    if (y->at.set) {
        quotation(o, &y->at);
        writer_printf(&o->w, " line %u", y->at.line);
    }
    if (y->note)
        writer_printf(&o->w, "%s%s", y->at.set ? ": " : "", y->note);
}

static void line_start(out *o, const char *indent)
{
    writer_str(&o->w, o->prefix);
    writer_str(&o->w, indent);
}

static void yaml_string(out *o, const char *text, size_t len)
{
    writer_char(&o->w, '"');
    one_line(&o->w, text, len, 1);
    writer_char(&o->w, '"');
}

static const char *truth_name(pacta_truth t)
{
    return t == PACTA_TRUE ? "true" : t == PACTA_FALSE ? "false" : "unknown";
}

static void facts(out *o, const char *indent, const dfact *fs, size_t count)
{
    if (count == 0)
        return;
    line_start(o, indent);
    writer_str(&o->w, "facts:\n");
    for (size_t i = 0; i < count; i++) {
        const dfact *f = &fs[i];
        line_start(o, indent);
        writer_printf(&o->w, "  %s: %s", f->fact->name,
                      truth_name(f->conflict ? PACTA_UNKNOWN : f->value));
        why(o, &f->why);
        if (f->hedge.set) {
            writer_str(&o->w, "; hedged by ");
            quotation(o, &f->hedge);
        }
        if (f->conflict)
            writer_str(&o->w, "; the text also says the opposite");
        writer_char(&o->w, '\n');
    }
}

static void person(out *o, const dperson *p)
{
    writer_printf(&o->w, "  - id: %s\n", p->id);
    if (p->nationality) {
        writer_printf(&o->w, "    nationality: %s", p->nationality->code);
        why(o, &p->nationality_why);
        writer_char(&o->w, '\n');
    } else {
        writer_str(&o->w, "    # nationality: ?  the text names no nationality for them\n");
    }
    if (p->count >= 0) {
        writer_printf(&o->w, "    count: %lld", p->count);
        why(o, &p->count_why);
        writer_char(&o->w, '\n');
    } else if (p->vague.set) {
        writer_str(&o->w, "    # count: ?  ");
        quotation(o, &p->vague);
        writer_printf(&o->w, " line %u: a size without a number\n", p->vague.line);
    } else {
        writer_str(&o->w, "    # count: ?  no number of people found\n");
    }
    facts(o, "    ", p->facts, p->fact_count);
}

static void missing(out *o, const char *field, const char *what)
{
    line_start(o, "    ");
    writer_printf(&o->w, "%s%s: ?  %s\n", o->prefix[0] ? "" : "# ", field, what);
}

static void event(out *o, const devent *e)
{
    o->prefix = e->complete ? "" : "  # ";
    if (!e->complete)
        writer_printf(&o->w, "  # %s is not drafted as an event: the text does not give all it needs\n",
                      e->id);
    line_start(o, "  ");
    writer_printf(&o->w, "- id: %s\n", e->id);
    if (e->date) {
        line_start(o, "    ");
        writer_printf(&o->w, "date: %s", e->date);
        why(o, &e->date_why);
        writer_char(&o->w, '\n');
    } else {
        missing(o, "date", e->date_why.note ? e->date_why.note : "no date found (give the article's date with --date)");
    }
    if (e->actor) {
        line_start(o, "    ");
        writer_printf(&o->w, "actor: %s", e->actor->code);
        why(o, &e->actor_why);
        writer_char(&o->w, '\n');
    } else {
        missing(o, "actor", "no acting state found");
    }
    line_start(o, "    ");
    writer_printf(&o->w, "action: %s", e->action->name);
    why(o, &e->action_why);
    writer_char(&o->w, '\n');
    line_start(o, "    ");
    writer_printf(&o->w, "subject: %s\n", e->subject->id);
    if (e->to) {
        line_start(o, "    ");
        writer_printf(&o->w, "to: %s", e->to->code);
        why(o, &e->to_why);
        writer_char(&o->w, '\n');
    } else if (e->action->fields & AF_TO) {
        missing(o, "to", "no destination found");
    }
    if (e->as) {
        line_start(o, "    ");
        writer_printf(&o->w, "as: %s\n", e->as);
    }
    if (e->to_body) {
        line_start(o, "    ");
        writer_printf(&o->w, "to_body: %s\n", e->to_body);
    }
    line_start(o, "    ");
    writer_str(&o->w, "source: article\n");
    facts(o, "    ", e->facts, e->fact_count);
    if (e->threat.set) {
        line_start(o, "    ");
        writer_str(&o->w, "# threatened, not reported as done: ");
        quotation(o, &e->threat);
        writer_printf(&o->w, " line %u\n", e->threat.line);
    }
    if (e->hedge.set) {
        line_start(o, "    ");
        writer_str(&o->w, "# reported with reserve: ");
        quotation(o, &e->hedge);
        writer_printf(&o->w, " line %u\n", e->hedge.line);
    }
    line_start(o, "    ");
    writer_printf(&o->w, "description: ");
    size_t len = e->sentence.end - e->sentence.start;
    const char *t = o->d->text + e->sentence.start;
    size_t cut = len > DESCRIPTION_BYTES ? text_prefix_bytes(t, DESCRIPTION_CHARACTERS) : len;
    if (cut > len)
        cut = len;
    writer_char(&o->w, '"');
    one_line(&o->w, t, cut, 1);
    writer_str(&o->w, cut < len ? "…\"" : "\"");
    writer_printf(&o->w, "  # line %u\n", e->sentence.line);
    o->prefix = "";
}

static void scenario(out *o)
{
    const pacta_draft *d = o->d;
    writer_str(&o->w, "# A scenario drafted by `pacta draft` from ");
    one_line(&o->w, d->name, strlen(d->name), 0);
    writer_str(&o->w, ". Review every line against the\n"
                      "# text: each value quotes the words it was read from, and '?' marks what the\n"
                      "# text did not give.\n"
                      "pacta: 1\n");
    if (d->title.at.set) {
        writer_str(&o->w, "title: ");
        yaml_string(o, d->text + d->title.at.start, d->title.at.end - d->title.at.start);
        writer_printf(&o->w, "  # line %u\n", d->title.at.line);
    } else {
        writer_str(&o->w, "# title: ?  no title line found\n");
    }
    writer_str(&o->w, "sources:\n  - id: article\n");
    if (d->title.at.set) {
        writer_str(&o->w, "    title: ");
        yaml_string(o, d->text + d->title.at.start, d->title.at.end - d->title.at.start);
        writer_char(&o->w, '\n');
    }
    if (d->url.at.set) {
        writer_str(&o->w, "    url: ");
        yaml_string(o, d->text + d->url.at.start, d->url.at.end - d->url.at.start);
        writer_printf(&o->w, "  # line %u\n", d->url.at.line);
    } else {
        writer_str(&o->w, "    # url: ?  no address in the text\n");
    }
    if (d->article_date) {
        writer_printf(&o->w, "    date: %s", d->article_date);
        why(o, &d->article_date_why);
        writer_char(&o->w, '\n');
    } else {
        writer_str(&o->w, "    # date: ?  no dateline found (give --date)\n");
    }
    if (d->publisher_name) {
        writer_str(&o->w, "    # publisher: ");
        one_line(&o->w, d->publisher_name, strlen(d->publisher_name), 0);
        writer_printf(&o->w, " (line %u; the format has no field for it)\n", d->publisher.at.line);
    }
    if (d->persons.count) {
        writer_str(&o->w, "persons:\n");
        for (size_t i = 0; i < d->persons.count; i++)
            person(o, d->persons.items[i]);
    }
    size_t complete = 0;
    for (size_t i = 0; i < d->events.count; i++)
        complete += ((const devent *)d->events.items[i])->complete;
    if (d->events.count == 0)
        writer_str(&o->w, "# events: ?  the text reports no act of a state that the cues know\n");
    else if (complete)
        writer_str(&o->w, "events:\n");
    else
        writer_str(&o->w, "# events: none complete; what was found:\n");
    for (size_t i = 0; i < d->events.count; i++)
        event(o, d->events.items[i]);
    if (d->skipped.count)
        writer_str(&o->w, "# Acts the text reports but the draft leaves out:\n");
    for (size_t i = 0; i < d->skipped.count; i++) {
        const dskipped *k = d->skipped.items[i];
        writer_str(&o->w, "#   ");
        quotation(o, &k->act);
        writer_printf(&o->w, " line %u: %s (", k->act.line, k->reason);
        quotation(o, &k->because);
        writer_str(&o->w, ")\n");
    }
}

static void explain(out *o)
{
    const pacta_draft *d = o->d;
    writer_printf(&o->w, "Extractions from ");
    writer_text(&o->w, d->name);
    writer_printf(&o->w, ", in the order they were read (line:column, kind, cue, span, meaning):\n");
    for (size_t i = 0; i < d->extracts.count; i++) {
        const dextract *x = d->extracts.items[i];
        writer_printf(&o->w, "%u:%u\t%s\t%s\t", x->at.line, draft_column(d, &x->at), x->kind,
                      x->cue);
        quotation(o, &x->at);
        writer_str(&o->w, "\t");
        writer_text(&o->w, x->meaning);
        writer_char(&o->w, '\n');
    }
    size_t complete = 0;
    for (size_t i = 0; i < d->events.count; i++)
        complete += ((const devent *)d->events.items[i])->complete;
    writer_printf(&o->w, "%zu event(s) drafted, %zu incomplete, %zu act(s) left out.\n", complete,
                  d->events.count - complete, d->skipped.count);
}

pacta_status pacta_draft_render(const pacta_draft *d, int explanation, pacta_write_fn write, void *ctx)
{
    if (!d || !write)
        return PACTA_EUSAGE;
    out o;
    writer_init(&o.w, write, ctx, NULL);
    o.d = d;
    o.prefix = "";
    if (explanation)
        explain(&o);
    else
        scenario(&o);
    return writer_finish(&o.w);
}
