/*
 * draft.c: pacta_draft_new(), reading a report (a news article, an NGO
 * statement, a UN briefing) into the pieces of a scenario: who acted, what
 * they did, to whom, where to and when, and the facts the text states, each
 * with the span it was read from.
 *
 * Every word it looks for is a cue of the rules (rules/draft.yaml): this
 * file only knows what a kind of cue is for. The text is cut into
 * sentences; in each, the acts are found, then the states it names and the
 * role the words around each name give it (sent "to" it, its "authorities"
 * acted, its "nationals" were the people), the counts, the dates and the
 * facts. A sentence's acts take their actor, destination, people and date
 * from that sentence, else from the text before it; what no sentence gives
 * stays unknown, and an event that lacks a required field is reported but
 * not drafted as a valid event. Negation ("did not") and hedging
 * ("reportedly") are read in the words before a cue and in its sentence.
 *
 * Every match runs under the rulebase's PCRE2 limits; a pattern that hits
 * one is an error at the sentence, never a silently missed fact.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/date.h"
#include "base/error.h"
#include "base/writer.h"
#include "tools/draft.h"

#define WINDOW_BEFORE 60    /* bytes of context read before a cue or a name */
#define WINDOW_AFTER 80     /* bytes read after a name */
#define MAX_MENTIONS 64     /* state names read per sentence */
#define DESTINATION_BYTES 120 /* the furthest after an act its destination is looked for */
#define SUBJECT_BYTES 100   /* the furthest before an act a state is read as its subject */
/* A draft is for one report an analyst reviews line by line: beyond these,
 * the text is a corpus to cut into reports, and the draft says so. */
#define MAX_EVENTS 1000
#define MAX_EXTRACTS 100000

typedef struct reader {
    pacta_draft *d;
    const pacta_rulebase *rb;
    pcre2_match_data *md;
    pacta_error *err;
    pacta_status st;
    /* the article's own date, for relative dates */
    int ref_set;
    pdate ref;
    int ref_precision;      /* 3: day, 2: month, 1: year */
    /* carried from sentence to sentence */
    devent *last_event;
    devent *last_removal;
    dperson *last_person;
    size_t paragraph;       /* index of the current paragraph */
    size_t last_event_paragraph;
} reader;

typedef struct mention {
    dspan at;
    dspan with_words;       /* the name and the words that gave its role ("Chinese authorities") */
    const draft_name *name;
    unsigned roles;         /* ROLE_* */
} mention;

enum {
    ROLE_TO = 1u << 0,
    ROLE_BY = 1u << 1,
    ROLE_FROM = 1u << 2,
    ROLE_IN = 1u << 3,
    ROLE_AGENT = 1u << 4,
    ROLE_PEOPLE = 1u << 5,
    ROLE_NATIONALITY = 1u << 6,
    ROLE_OBLIQUE = 1u << 7,
    ROLE_PLACE = 1u << 8
};

/* ------------------------------------------------------------ positions */

static size_t line_index(const pacta_draft *d, size_t pos)
{
    size_t lo = 0, hi = d->line_count;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->line_starts[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

unsigned draft_column(const pacta_draft *d, const dspan *s)
{
    return (unsigned)(s->start - d->line_starts[line_index(d, s->start)] + 1);
}

static dspan span_of(const pacta_draft *d, size_t start, size_t end)
{
    dspan s = {start, end, (unsigned)line_index(d, start) + 1, 1};
    return s;
}

/* ------------------------------------------------------------ matching */

static int oom(reader *r)
{
    if (r->st == PACTA_OK)
        r->st = error_set(r->err, PACTA_ENOMEM, r->d->name, 0, 0, "out of memory");
    return -1;
}

/*
 * Matches code against text[start..end) from offset from. Returns 1 with
 * *m the match, 0 when there is none, -1 on an error (set in r).
 */
static int match(reader *r, const pcre2_code *code, const char *id, size_t start, size_t end,
                 size_t from, dspan *m)
{
    if (r->st != PACTA_OK)
        return -1;
    if (from > end)
        return 0; /* past an empty match at the very end */
    int rc = pcre2_match(code, (PCRE2_SPTR)(r->d->text + start), end - start, from - start, 0,
                         r->md, r->rb->match_ctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc == PCRE2_ERROR_NOMEMORY)
        return oom(r);
    if (rc < 0) {
        PCRE2_UCHAR message[160];
        pcre2_get_error_message(rc, message, sizeof message);
        int limit = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
        dspan at = span_of(r->d, from, from);
        r->st = error_set(r->err, limit ? PACTA_ELIMIT : PACTA_EINPUT, r->d->name, at.line,
                          draft_column(r->d, &at), "cue '%s' could not be matched here: %s", id,
                          (const char *)message);
        if (limit)
            error_hint(r->err, "the text makes the pattern work too hard; shorten it or raise the regex limits");
        return -1;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    *m = span_of(r->d, start + ov[0], start + ov[1]);
    return 1;
}

/* A named group of the last match, copied into buf; 0 when it is unset or absent. */
static int group(reader *r, const char *name, char *buf, size_t size)
{
    PCRE2_SIZE len = size;
    int rc = pcre2_substring_copy_byname(r->md, (PCRE2_SPTR)name, (PCRE2_UCHAR *)buf, &len);
    return rc == 0 && len > 0;
}

/* Does any cue of this kind match within text[start..end)? */
static int any_of_kind(reader *r, draft_cue_kind kind, size_t start, size_t end, dspan *m)
{
    for (size_t i = 0; i < r->rb->draft_cue_count; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        int got = c->kind == kind ? match(r, c->code, c->id, start, end, start, m) : 0;
        if (got != 0)
            return got;
    }
    return 0;
}

/* ... in the words just before pos (within the sentence): "-before" kinds end in $ */
static int before(reader *r, draft_cue_kind kind, size_t sentence_start, size_t pos, dspan *m)
{
    size_t start = pos > sentence_start + WINDOW_BEFORE ? pos - WINDOW_BEFORE : sentence_start;
    return any_of_kind(r, kind, start, pos, m);
}

/* ... in the words just after pos: "-after" kinds start with ^ */
static int after(reader *r, draft_cue_kind kind, size_t pos, size_t sentence_end, dspan *m)
{
    size_t end = pos + WINDOW_AFTER < sentence_end ? pos + WINDOW_AFTER : sentence_end;
    return any_of_kind(r, kind, pos, end, m);
}

/* The first match in the sentence of any cue of this kind. */
static int first_of_kind(reader *r, draft_cue_kind kind, const dspan *s, dspan *m,
                         const draft_cue **which)
{
    int found = 0;
    for (size_t i = 0; i < r->rb->draft_cue_count; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        dspan here;
        if (c->kind != kind)
            continue;
        int got = match(r, c->code, c->id, s->start, s->end, s->start, &here);
        if (got < 0)
            return -1;
        if (got && (!found || here.start < m->start)) {
            *m = here;
            if (which)
                *which = c;
            found = 1;
        }
    }
    /* the match data must hold the chosen match, for its groups */
    const draft_cue *chosen = which ? *which : NULL;
    if (found && chosen && match(r, chosen->code, chosen->id, s->start, s->end, m->start, m) < 0)
        return -1;
    return found;
}

/* ------------------------------------------------------------ the record */

static void limit(reader *r, dspan at, const char *fmt, int n)
{
    r->st = error_set(r->err, PACTA_ELIMIT, r->d->name, at.line, draft_column(r->d, &at), fmt, n);
    error_hint(r->err, "a draft is for one report; cut the text into the reports it holds");
}

static void note(reader *r, const char *kind, const char *cue, dspan at, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void note(reader *r, const char *kind, const char *cue, dspan at, const char *fmt, ...)
{
    if (r->st != PACTA_OK)
        return;
    if (r->d->extracts.count == MAX_EXTRACTS) {
        limit(r, at, "more than %d extractions", MAX_EXTRACTS);
        return;
    }
    dextract *x = arena_alloc(r->d->ar, sizeof *x);
    va_list ap;
    va_start(ap, fmt);
    const char *meaning = arena_vprintf(r->d->ar, fmt, ap);
    va_end(ap);
    if (!x || !meaning || ptrvec_push(r->d->ar, &r->d->extracts, x)) {
        oom(r);
        return;
    }
    x->kind = kind;
    x->cue = cue;
    x->at = at;
    x->meaning = meaning;
}

static const char *form_name(draft_name_form f)
{
    return f == NAME_DEMONYM ? "demonym" : f == NAME_CAPITAL ? "capital" : "name";
}

/* ------------------------------------------------------------ dates */

static int month_number(const char *s)
{
    static const char *const names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                        "jul", "aug", "sep", "oct", "nov", "dec"};
    if (s[0] >= '0' && s[0] <= '9')
        return atoi(s);
    for (int m = 0; m < 12; m++) {
        int same = 1;
        for (int k = 0; k < 3 && same; k++)
            same = s[k] && (s[k] | 0x20) == names[m][k];
        if (same)
            return m + 1;
    }
    return 0;
}

static int weekday_number(const char *s) /* Monday 0 */
{
    static const char *const names[] = {"mo", "tu", "we", "th", "fr", "sa", "su"};
    for (int w = 0; w < 7; w++)
        if (s[0] && s[1] && (s[0] | 0x20) == names[w][0] && (s[1] | 0x20) == names[w][1])
            return w;
    return -1;
}

static int weekday_of(pdate day)
{
    return (int)(((day % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
}

static int valid_ymd(int y, int m, int d)
{
    char buf[11];
    pdate_range ignored;
    if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
        return 0;
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return pdate_parse(buf, 10, &ignored) == PDATE_OK;
}

/* The date the last match of cue c means, as text, or NULL; *how explains a computed one. */
static const char *read_date(reader *r, const draft_cue *c, const char **how)
{
    char day[8], month[16], year[8], weekday[16];
    int has_day = group(r, "day", day, sizeof day), has_month = group(r, "month", month, sizeof month);
    int has_year = group(r, "year", year, sizeof year);
    int ry = 0, rm = 0, rd = 0;
    *how = NULL;
    if (r->ref_set)
        pdate_to_ymd(r->ref, &ry, &rm, &rd);
    if (c->relative) {
        const char *rel = c->relative;
        int needs_day = strcmp(rel, "today") == 0 || strcmp(rel, "yesterday") == 0 ||
                        strcmp(rel, "weekday") == 0 || strcmp(rel, "last-week") == 0;
        int needs_month = needs_day || strcmp(rel, "last-month") == 0 || strcmp(rel, "this-month") == 0;
        if (!r->ref_set || (needs_day && r->ref_precision < 3) || (needs_month && r->ref_precision < 2)) {
            *how = "relative to the article's date, which the text does not give precisely enough (give --date)";
            return NULL;
        }
        char buf[23];
        if (strcmp(rel, "today") == 0 || strcmp(rel, "yesterday") == 0) {
            pdate_format(r->ref - (rel[0] == 'y'), buf);
            *how = rel[0] == 'y' ? "the day before the article's date" : "the article's date";
            return arena_strdup(r->d->ar, buf);
        }
        if (strcmp(rel, "weekday") == 0) {
            int w = group(r, "weekday", weekday, sizeof weekday) ? weekday_number(weekday) : -1;
            if (w < 0)
                return NULL;
            pdate that = r->ref - ((weekday_of(r->ref) - w + 7) % 7);
            pdate_format(that, buf);
            *how = arena_printf(r->d->ar, "that weekday on or before the article's date, %s",
                                r->d->article_date);
            return arena_strdup(r->d->ar, buf);
        }
        if (strcmp(rel, "last-week") == 0) {
            pdate monday = r->ref - weekday_of(r->ref) - 7, sunday = monday + 6;
            int y1, m1, d1, y2, m2, d2;
            pdate_to_ymd(monday, &y1, &m1, &d1);
            pdate_to_ymd(sunday, &y2, &m2, &d2);
            *how = "the week before the article's date, to the month or year it falls in";
            if (y1 == y2 && m1 == m2)
                return arena_printf(r->d->ar, "%04d-%02d", y1, m1);
            return y1 == y2 ? arena_printf(r->d->ar, "%04d", y1) : NULL;
        }
        if (strcmp(rel, "last-month") == 0 || strcmp(rel, "this-month") == 0) {
            int y = ry, m = rm - (rel[0] == 'l');
            if (m == 0) {
                m = 12;
                y--;
            }
            *how = rel[0] == 'l' ? "the month before the article's date" : "the month of the article's date";
            return arena_printf(r->d->ar, "%04d-%02d", y, m);
        }
        *how = rel[0] == 'l' ? "the year before the article's date" : "the year of the article's date";
        return arena_printf(r->d->ar, "%04d", ry - (rel[0] == 'l'));
    }
    int m = has_month ? month_number(month) : 0;
    int y = has_year ? atoi(year) : 0;
    if (has_month && (m < 1 || m > 12))
        return NULL;
    if (has_month && !has_year) {
        /* a month (and day) without a year: the latest one not after the article */
        if (!r->ref_set) {
            *how = "no year in the text and no article date (give --date)";
            return NULL;
        }
        y = ry;
        int d = has_day ? atoi(day) : 1;
        if (r->ref_precision >= 2 && (m > rm || (m == rm && has_day && r->ref_precision == 3 && d > rd)))
            y--;
        *how = "the year taken from the article's date";
    }
    if (has_day && has_month)
        return valid_ymd(y, m, atoi(day)) ? arena_printf(r->d->ar, "%04d-%02d-%02d", y, m, atoi(day))
                                          : NULL;
    if (has_month)
        return y >= 1000 && y <= 9999 ? arena_printf(r->d->ar, "%04d-%02d", y, m) : NULL;
    if (has_year)
        return y >= 1000 && y <= 9999 ? arena_printf(r->d->ar, "%04d", y) : NULL;
    return NULL;
}

static void set_reference(reader *r, const char *date)
{
    pdate_range range;
    if (!date || pdate_parse(date, strlen(date), &range) != PDATE_OK)
        return;
    r->ref_set = 1;
    r->ref = range.hi;
    r->ref_precision = strlen(date) == 10 ? 3 : strlen(date) == 7 ? 2 : 1;
}

/* ------------------------------------------------------------ the article */

static int has_words(const char *s, size_t len)
{
    size_t letters = 0, words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        int letter = (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
                     (unsigned char)s[i] >= 0x80;
        letters += letter;
        if (letter && !in_word)
            words++;
        in_word = letter;
    }
    return words >= 2 && letters >= 6;
}

static void read_article(reader *r, const char *date_option)
{
    pacta_draft *d = r->d;
    /* the title: the first line with words, if it is short enough for one */
    for (size_t i = 0; i < d->line_count; i++) {
        size_t start = d->line_starts[i];
        size_t end = i + 1 < d->line_count ? d->line_starts[i + 1] : d->len;
        while (end > start && (d->text[end - 1] == '\n' || d->text[end - 1] == '\r' ||
                               d->text[end - 1] == ' ' || d->text[end - 1] == '\t'))
            end--;
        while (start < end && (d->text[start] == ' ' || d->text[start] == '\t'))
            start++;
        if (end > start && has_words(d->text + start, end - start)) {
            /* a headline: short, and no full stop (a first sentence has one) */
            if (end - start <= 200 && d->text[end - 1] != '.') {
                d->title.at = span_of(d, start, end);
                note(r, "title", "first-line", d->title.at, "the article's title");
            }
            break;
        }
    }
    dspan whole = span_of(d, 0, d->len), m;
    const draft_cue *c = NULL;
    if (first_of_kind(r, CUE_URL, &whole, &m, &c) > 0) {
        d->url.at = m;
        note(r, "url", c->id, m, "the article's address");
    }
    if (first_of_kind(r, CUE_PUBLISHER, &whole, &m, &c) > 0) {
        char name[128];
        if (group(r, "name", name, sizeof name)) {
            d->publisher.at = m;
            d->publisher_name = arena_strdup(d->ar, name);
            note(r, "publisher", c->id, m, "published by %s", name);
        }
    }
    if (date_option) {
        d->article_date = arena_strdup(d->ar, date_option);
        d->article_date_why.note = "given with --date";
    } else if (first_of_kind(r, CUE_DATELINE, &whole, &m, &c) > 0) {
        const char *how;
        /* a dateline without a year cannot anchor anything */
        const char *date = read_date(r, c, &how);
        if (date) {
            d->article_date = date;
            d->article_date_why.at = m;
            d->article_date_why.note = "the dateline";
            note(r, "dateline", c->id, m, "the article's date: %s", date);
        }
    }
    set_reference(r, d->article_date);
}

/* ------------------------------------------------------------ sentences */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

/* Does a full stop (or ! ?) at i end a sentence? */
static int ends_sentence(reader *r, size_t start, size_t i)
{
    const char *t = r->d->text;
    size_t j = i + 1;
    while (j < r->d->len && (t[j] == '"' || t[j] == '\'' || t[j] == ')' ||
                             (j + 2 < r->d->len && (unsigned char)t[j] == 0xE2 &&
                              (unsigned char)t[j + 1] == 0x80 &&
                              ((unsigned char)t[j + 2] == 0x9D || (unsigned char)t[j + 2] == 0x99) &&
                              (j += 2))))
        j++;
    if (j >= r->d->len)
        return 1;
    if (!is_space(t[j]))
        return 0;
    int newline = 0;
    while (j < r->d->len && is_space(t[j]))
        newline |= t[j++] == '\n';
    /* "e.g. the", "approx. ten": a small letter goes on, unless the line ended */
    if (j < r->d->len && t[j] >= 'a' && t[j] <= 'z' && !newline)
        return 0;
    if (t[i] != '.')
        return 1;
    dspan m;
    return before(r, CUE_ABBREVIATION_BEFORE, start, i, &m) == 0;
}

/*
 * Does the line break at i end the sentence? Reports come hard-wrapped
 * (wire copy at 70 columns, text taken from a PDF with a blank line after
 * every line), so a long line that stops without punctuation goes on in
 * the next one; a short one is a heading, a dateline or a list item.
 */
#define WRAPPED_LINE_BYTES 50

static int line_ends_sentence(const char *t, size_t n, size_t sentence_start, size_t i)
{
    size_t line_start = i;
    while (line_start > sentence_start && t[line_start - 1] != '\n')
        line_start--;
    size_t end = i;
    while (end > line_start && is_space(t[end - 1]))
        end--;
    size_t next = i;
    while (next < n && is_space(t[next]))
        next++;
    if (next >= n || end == line_start)
        return 1;
    if (t[next] >= 'a' && t[next] <= 'z')
        return 0;
    if (!memchr(t + line_start, ' ', end - line_start))
        return 1; /* one word alone on its line: an address, a heading */
    unsigned char last = (unsigned char)t[end - 1];
    int punctuated = strchr(".!?:;|)\"'", last) != NULL || last >= 0x80; /* closing quotes too */
    return punctuated || end - line_start < WRAPPED_LINE_BYTES || t[next] == '-' || t[next] == '*';
}

/* The sentence starting at *pos (after blanks); returns 0 at the end. *breaks counts paragraph breaks crossed. */
static int next_sentence(reader *r, size_t *pos, dspan *s, int *paragraph_break)
{
    const char *t = r->d->text;
    size_t n = r->d->len, i = *pos, newlines = 0;
    *paragraph_break = 0;
    while (i < n && is_space(t[i])) {
        newlines += t[i] == '\n';
        i++;
    }
    if (newlines >= 2)
        *paragraph_break = 1;
    if (i >= n)
        return 0;
    size_t start = i;
    for (; i < n && r->st == PACTA_OK; i++) {
        if (t[i] == '\n') {
            if (line_ends_sentence(t, n, start, i))
                break;
            while (i + 1 < n && is_space(t[i + 1]))
                i++; /* the blank lines of a wrapped sentence */
            continue;
        }
        if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && ends_sentence(r, start, i)) {
            i++;
            break;
        }
    }
    size_t end = i;
    while (end > start && is_space(t[end - 1]))
        end--;
    *s = span_of(r->d, start, end);
    *pos = i;
    return 1;
}

/* ------------------------------------------------------------ states named */

static size_t find_mentions(reader *r, const dspan *s, mention *out)
{
    size_t count = 0, from = s->start;
    const pacta_rulebase *rb = r->rb;
    while (count < MAX_MENTIONS && from < s->end) {
        dspan m;
        if (match(r, rb->draft_mentions, "state-names", s->start, s->end, from, &m) <= 0)
            break;
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
        uint32_t groups = pcre2_get_ovector_count(r->md);
        const draft_name *name = NULL;
        for (uint32_t g = 1; g < groups && (size_t)(g - 1) < rb->draft_name_count; g++)
            if (ov[2 * g] != PCRE2_UNSET) {
                name = &rb->draft_names[g - 1];
                break;
            }
        from = m.end > m.start ? m.end : m.end + 1;
        if (!name)
            continue;
        mention *x = &out[count++];
        x->at = m;
        x->name = name;
        x->roles = 0;
        dspan c;
        static const struct {
            draft_cue_kind kind;
            unsigned role;
        } befores[] = {{CUE_DESTINATION_BEFORE, ROLE_TO}, {CUE_AGENT_BEFORE, ROLE_BY},
                       {CUE_ORIGIN_BEFORE, ROLE_FROM},     {CUE_LOCATION_BEFORE, ROLE_IN},
                       {CUE_NATIONALITY_BEFORE, ROLE_NATIONALITY}, {CUE_OBLIQUE_BEFORE, ROLE_OBLIQUE}};
        for (size_t k = 0; k < sizeof befores / sizeof befores[0]; k++)
            if (before(r, befores[k].kind, s->start, m.start, &c) > 0)
                x->roles |= befores[k].role;
        x->with_words = m;
        if (after(r, CUE_PLACE_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_PLACE;
        else if (after(r, CUE_AGENT_AFTER, m.end, s->end, &c) > 0) {
            x->roles |= ROLE_AGENT;
            x->with_words = span_of(r->d, m.start, c.end);
        }
        if (after(r, CUE_PEOPLE_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_PEOPLE;
        if (name->form == NAME_DEMONYM && !(x->roles & (ROLE_AGENT | ROLE_PEOPLE)) &&
            after(r, CUE_DEMONYM_PEOPLE_AFTER, m.end, s->end, &c) > 0)
            x->roles |= ROLE_PEOPLE;
        /* "refugees from Syria": the people's state, not where anyone acted from */
        if (x->roles & ROLE_NATIONALITY)
            x->roles &= ~ROLE_FROM;
        note(r, "state", "state-names", m, "%s (%s)%s%s%s%s%s%s", name->state->code,
             form_name(name->form), x->roles & ROLE_AGENT ? ", acting" : "",
             x->roles & ROLE_TO ? ", destination" : "", x->roles & ROLE_BY ? ", agent" : "",
             x->roles & ROLE_FROM ? ", origin" : "", x->roles & ROLE_IN ? ", place" : "",
             x->roles & (ROLE_PEOPLE | ROLE_NATIONALITY) ? ", the people's state" : "");
    }
    return r->st == PACTA_OK ? count : 0;
}

/* ------------------------------------------------------------ persons */

static dperson *person_for(reader *r, const state_def *nationality)
{
    for (size_t i = 0; i < r->d->persons.count; i++) {
        dperson *p = r->d->persons.items[i];
        if (p->nationality == nationality)
            return p;
    }
    dperson *p = arena_alloc(r->d->ar, sizeof *p);
    if (!p || ptrvec_push(r->d->ar, &r->d->persons, p)) {
        oom(r);
        return NULL;
    }
    p->nationality = nationality;
    p->count = -1;
    if (nationality) {
        char code[8];
        snprintf(code, sizeof code, "%s", nationality->code);
        for (char *c = code; *c; c++)
            *c = (char)(*c >= 'A' && *c <= 'Z' ? *c + ('a' - 'A') : *c);
        p->id = arena_printf(r->d->ar, "%s-nationals", code);
    } else {
        p->id = arena_printf(r->d->ar, "persons-%zu", r->d->persons.count);
    }
    if (!p->id)
        oom(r);
    return p;
}

static long long parse_number(const char *s)
{
    long long v = 0;
    for (; *s; s++) {
        if (*s == ',')
            continue;
        if (*s < '0' || *s > '9' || v > 100000000LL)
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

static long long number_word(const char *s)
{
    static const char *const words[] = {"two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "eleven", "twelve"};
    char lower[16];
    size_t i = 0;
    for (; s[i] && i + 1 < sizeof lower; i++)
        lower[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
    lower[i] = '\0';
    if (strncmp(lower, "a ", 2) == 0 || strncmp(lower, "a\t", 2) == 0)
        return 12; /* "a dozen" */
    for (size_t w = 0; w < sizeof words / sizeof words[0]; w++)
        if (strcmp(lower, words[w]) == 0)
            return (long long)w + 2;
    return -1;
}

/* The first count in the sentence that no negation denies ("40, not 60"). */
static void read_count(reader *r, const dspan *s, dperson *p)
{
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        if (c->kind != CUE_COUNT && c->kind != CUE_COUNT_VAGUE)
            continue;
        dspan m, neg;
        size_t from = s->start;
        while (match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            char n[32], lo[32], hi[32], word[16];
            long long value = -1;
            const char *how = NULL;
            if (c->kind == CUE_COUNT_VAGUE) {
                note(r, "count", c->id, m, "a size without a number");
                if (!p->vague.set && p->count < 0)
                    p->vague = m;
                continue;
            }
            if (group(r, "n", n, sizeof n))
                value = parse_number(n);
            else if (group(r, "lo", lo, sizeof lo) && group(r, "hi", hi, sizeof hi)) {
                value = parse_number(lo);
                how = arena_printf(r->d->ar, "a range, %s to %s: the lower bound drafted", lo, hi);
            } else if (group(r, "word", word, sizeof word))
                value = number_word(word);
            if (value < 0)
                continue;
            if (before(r, CUE_NEGATION_BEFORE, s->start, m.start, &neg) > 0) {
                note(r, "count", c->id, m, "%lld, denied by the words before it", value);
                continue;
            }
            note(r, "count", c->id, m, "%lld%s%s", value, how ? ": " : "", how ? how : "");
            if (p->count < 0) {
                p->count = value;
                p->count_why.at = m;
                p->count_why.note = how;
            }
            return;
        }
    }
}

/* ------------------------------------------------------------ events */

static const mention *pick(const mention *ms, size_t n, unsigned want, unsigned refuse,
                           const state_def *not_state, size_t near, int only_names)
{
    const mention *best = NULL;
    size_t best_distance = 0;
    for (size_t i = 0; i < n; i++) {
        const mention *m = &ms[i];
        if ((want && !(m->roles & want)) || (m->roles & refuse) || m->name->state == not_state)
            continue;
        if (only_names && m->name->form == NAME_DEMONYM)
            continue;
        size_t distance = m->at.start > near ? m->at.start - near : near - m->at.start;
        if (!best || distance < best_distance) {
            best = m;
            best_distance = distance;
        }
    }
    return best;
}

/* The state that acted: its authorities, "by" it, a name as the subject, "from" it, "in" it. */
static const mention *find_actor(const mention *ms, size_t n, const dspan *act,
                                 const state_def *destination, const char **how)
{
    const mention *m;
    if ((m = pick(ms, n, ROLE_AGENT, ROLE_TO | ROLE_PEOPLE | ROLE_NATIONALITY, destination, act->start, 0)))
        *how = NULL;
    else if ((m = pick(ms, n, ROLE_BY, ROLE_TO, destination, act->start, 0)))
        *how = "named as the one who acted (\"by\")";
    else {
        /* a state's name or capital before the act, with no preposition: the subject */
        const mention *subject = NULL;
        for (size_t i = 0; i < n; i++)
            if (ms[i].at.end <= act->start && act->start - ms[i].at.end <= SUBJECT_BYTES &&
                ms[i].name->form != NAME_DEMONYM &&
                !(ms[i].roles & (ROLE_TO | ROLE_FROM | ROLE_IN | ROLE_PEOPLE | ROLE_NATIONALITY |
                                 ROLE_OBLIQUE | ROLE_PLACE)) &&
                ms[i].name->state != destination)
                subject = &ms[i];
        if ((m = subject))
            *how = "the subject of the sentence";
        else if ((m = pick(ms, n, ROLE_FROM, ROLE_TO, destination, act->end, 0)) && m->at.start >= act->end)
            *how = "the state the people were sent from";
        else if ((m = pick(ms, n, ROLE_IN, ROLE_TO, destination, act->start, 0)))
            *how = "the state where it happened";
        else
            m = NULL;
    }
    return m;
}

static void add_fact(dfact *facts, size_t *count, const draft_cue *c, dspan at,
                     pacta_truth value, dspan hedge, const char *how)
{
    for (size_t i = 0; i < *count; i++) {
        if (facts[i].fact != c->fact)
            continue;
        if (facts[i].value != value && !facts[i].hedge.set && !hedge.set)
            facts[i].conflict = 1;
        return;
    }
    if (*count == DRAFT_MAX_FACTS)
        return;
    dfact *f = &facts[(*count)++];
    f->fact = c->fact;
    f->value = value;
    f->why.at = at;
    f->why.note = how;
    f->hedge = hedge;
}

/* Two reports of the same act (same action, actor, destination, people, date) are one event. */
static devent *same_event(reader *r, const devent *e)
{
    for (size_t i = 0; i < r->d->events.count; i++) {
        devent *o = r->d->events.items[i];
        if (o->action == e->action && o->actor == e->actor && o->to == e->to &&
            o->subject == e->subject && o->threat.set == e->threat.set &&
            ((!o->date && !e->date) || (o->date && e->date && strcmp(o->date, e->date) == 0)))
            return o;
    }
    return NULL;
}

static void complete(devent *e)
{
    e->complete = e->actor && e->date && e->subject && (!(e->action->required & AF_TO) || e->to) &&
                  (!(e->action->required & AF_AS) || e->as) &&
                  (!(e->action->required & AF_TO_BODY) || e->to_body);
}

/* One act of a sentence, drafted as an event (or merged into an equal one). */
static devent *read_act(reader *r, const dspan *s, const draft_cue *c, dspan act, const mention *ms,
                        size_t n, dspan hedge, const char *date, dwhy date_why)
{
    devent *e = arena_alloc(r->d->ar, sizeof *e);
    if (!e)
        return oom(r), NULL;
    e->action = c->action;
    e->as = c->as;
    e->to_body = c->to_body;
    e->action_why.at = act;
    e->sentence = *s;
    e->hedge = hedge;
    dspan m;
    if (before(r, CUE_THREAT_BEFORE, s->start, act.start, &m) > 0)
        e->threat = m;
    /* where to: a state named after the act with "to" */
    const mention *to = NULL;
    for (size_t i = 0; (c->action->fields & AF_TO) && i < n && !to; i++)
        if ((ms[i].roles & ROLE_TO) && !(ms[i].roles & ROLE_PLACE) && ms[i].at.start >= act.end &&
            ms[i].at.start - act.end <= DESTINATION_BYTES &&
            (ms[i].name->form != NAME_DEMONYM || (ms[i].roles & ROLE_AGENT)))
            to = &ms[i]; /* named after the act, close to it: "to Laos", "to Lao authorities" */
    /* the people: named with a people word or "from" a state; for a
     * repatriation, the state they are sent to; else those of the sentence before */
    const mention *people = pick(ms, n, ROLE_PEOPLE | ROLE_NATIONALITY, ROLE_AGENT | ROLE_PLACE, NULL, act.start, 0);
    const state_def *nationality = NULL;
    dwhy nationality_why = {{0}, NULL};
    if (people) {
        nationality = people->name->state;
        nationality_why.at = people->at;
    } else if (c->to_own_state && to) {
        nationality = to->name->state;
        nationality_why.at = to->at;
        nationality_why.note = "repatriated there: their own state";
    } else if (r->last_person) {
        nationality = r->last_person->nationality;
        nationality_why.note = "the people of an earlier sentence";
    }
    e->subject = person_for(r, nationality);
    if (!e->subject)
        return NULL;
    if (nationality && !e->subject->nationality_why.at.set && !e->subject->nationality_why.note)
        e->subject->nationality_why = nationality_why;
    read_count(r, s, e->subject);
    r->last_person = e->subject;
    if (to) {
        e->to = to->name->state;
        e->to_why.at = to->at;
    } else if (c->to_own_state && nationality && (c->action->fields & AF_TO)) {
        e->to = nationality;
        e->to_why.at = people ? people->at : act;
        e->to_why.note = "a repatriation goes to the people's own state";
    }
    if (e->to && c->to_own_state && nationality && e->to != nationality && c->else_action) {
        e->action = c->else_action;
        e->action_why.note = "sent to a state not their own";
    }
    const char *how = NULL;
    const mention *actor = find_actor(ms, n, &act, e->to, &how);
    if (actor) {
        e->actor = actor->name->state;
        e->actor_why.at = actor->with_words;
        e->actor_why.note = how;
    } else if (r->last_event && r->last_event->actor && r->last_event->actor != e->to) {
        e->actor = r->last_event->actor;
        e->actor_why = r->last_event->actor_why;
        e->actor_why.note = "named in an earlier sentence";
    }
    e->date = date;
    e->date_why = date_why;
    if (!e->date && r->last_event && r->last_event->date &&
        r->last_event_paragraph == r->paragraph) {
        e->date = r->last_event->date;
        e->date_why = r->last_event->date_why;
        e->date_why.note = "the date of the act reported just before, in the same paragraph";
    }
    if (!e->date && r->d->article_date) {
        e->date = arena_strndup(r->d->ar, r->d->article_date, 4);
        e->date_why = r->d->article_date_why;
        e->date_why.note = "no date in the text for this act: the year of the article's date; check it";
    }
    complete(e);
    note(r, "act", c->id, act, "action %s%s%s%s", e->action->name, e->threat.set ? " (threatened)" : "",
         e->hedge.set ? " (reported with reserve)" : "", e->complete ? "" : " (incomplete)");
    devent *same = same_event(r, e);
    if (same)
        return same;
    if (r->d->events.count == MAX_EVENTS) {
        limit(r, act, "the text reports more than %d acts", MAX_EVENTS);
        return NULL;
    }
    e->id = arena_printf(r->d->ar, "e%zu", r->d->events.count + 1);
    if (!e->id || ptrvec_push(r->d->ar, &r->d->events, e))
        return oom(r), NULL;
    r->last_event = e;
    if (e->action->removal)
        r->last_removal = e;
    r->last_event_paragraph = r->paragraph;
    return e;
}

static void skip_act(reader *r, dspan act, dspan because, const char *reason)
{
    dskipped *k = arena_alloc(r->d->ar, sizeof *k);
    if (!k || ptrvec_push(r->d->ar, &r->d->skipped, k)) {
        oom(r);
        return;
    }
    k->act = act;
    k->because = because;
    k->reason = reason;
}

/* The first event date of the sentence that is no "since ..." or "until ...". */
static const char *sentence_date(reader *r, const dspan *s, dwhy *why)
{
    const char *best = NULL;
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        if (c->kind != CUE_DATE)
            continue;
        dspan m, not_date;
        size_t from = s->start;
        while (match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            const char *how;
            const char *date = read_date(r, c, &how);
            const dspan *dateline = &r->d->article_date_why.at;
            if (dateline->set && m.start < dateline->end && dateline->start < m.end)
                continue; /* the article's own date */
            if (before(r, CUE_NOT_DATE_BEFORE, s->start, m.start, &not_date) > 0) {
                note(r, "date", c->id, m, "%s: not the date of an act", date ? date : "a date");
                continue;
            }
            note(r, "date", c->id, m, "%s%s%s", date ? date : "no date", how ? ": " : "",
                 how ? how : "");
            if (date && (!best || m.start < why->at.start)) {
                best = date;
                why->at = m;
                why->note = how;
            }
        }
    }
    return best;
}

typedef struct act_match {
    const draft_cue *cue;
    dspan at;
} act_match;

static int by_position(const void *a, const void *b)
{
    const act_match *x = a, *y = b;
    return x->at.start < y->at.start ? -1 : x->at.start > y->at.start;
}

#define MAX_ACTS 16

/* Is m part of an address ("…/malaysia-deports-150")? Words there tell nothing. */
static int inside_url(reader *r, const dspan *s, const dspan *m)
{
    for (size_t i = 0; i < r->rb->draft_cue_count; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        dspan u;
        size_t from = s->start;
        while (c->kind == CUE_URL && match(r, c->code, c->id, s->start, s->end, from, &u) > 0) {
            if (u.start <= m->start && m->end <= u.end)
                return 1;
            from = u.end > u.start ? u.end : u.end + 1;
        }
    }
    return 0;
}

static void read_sentence(reader *r, const dspan *s)
{
    dspan m, hedge = {0}, retraction = {0};
    const draft_cue *which = NULL;
    if (first_of_kind(r, CUE_RETRACTION, s, &retraction, &which) > 0)
        note(r, "retraction", which->id, retraction, "the text withdraws what this sentence reports");
    if (first_of_kind(r, CUE_HEDGE, s, &hedge, &which) > 0)
        note(r, "hedge", which->id, hedge, "reported with reserve: its facts are unknown");
    /* the acts, in order, none overlapping another */
    act_match acts[MAX_ACTS];
    size_t act_count = 0;
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        size_t from = s->start;
        while (c->kind == CUE_ACT && act_count < MAX_ACTS &&
               match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            int overlaps = inside_url(r, s, &m);
            for (size_t k = 0; k < act_count && !overlaps; k++)
                overlaps = m.start < acts[k].at.end && acts[k].at.start < m.end;
            if (!overlaps) {
                acts[act_count].cue = c;
                acts[act_count++].at = m;
            }
        }
    }
    if (r->st != PACTA_OK)
        return;
    qsort(acts, act_count, sizeof *acts, by_position);
    mention ms[MAX_MENTIONS];
    size_t n = act_count ? find_mentions(r, s, ms) : 0;
    dwhy date_why = {{0}, NULL};
    const char *date = act_count ? sentence_date(r, s, &date_why) : NULL;
    devent *events[MAX_ACTS];
    size_t event_count = 0;
    for (size_t a = 0; a < act_count && r->st == PACTA_OK; a++) {
        dspan neg;
        if (retraction.set) {
            skip_act(r, acts[a].at, retraction, "the text withdraws this report");
            continue;
        }
        if (before(r, CUE_NEGATION_BEFORE, s->start, acts[a].at.start, &neg) > 0) {
            note(r, "negation", "negation", neg, "denies the act that follows");
            skip_act(r, acts[a].at, neg, "the text denies it");
            continue;
        }
        devent *e = read_act(r, s, acts[a].cue, acts[a].at, ms, n, hedge, date, date_why);
        if (e)
            events[event_count++] = e;
    }
    if (r->st != PACTA_OK || retraction.set)
        return;
    /* the facts, on this sentence's events (else the last one) and their people */
    for (size_t i = 0; i < r->rb->draft_cue_count && r->st == PACTA_OK; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        if (c->kind != CUE_FACT)
            continue;
        size_t from = s->start;
        while (match(r, c->code, c->id, s->start, s->end, from, &m) > 0) {
            from = m.end > m.start ? m.end : m.end + 1;
            pacta_truth value = c->value;
            const char *how = NULL;
            dspan neg;
            if (before(r, CUE_NEGATION_BEFORE, s->start, m.start, &neg) > 0 && value != PACTA_UNKNOWN) {
                value = value == PACTA_TRUE ? PACTA_FALSE : PACTA_TRUE;
                how = arena_printf(r->d->ar, "negated");
            }
            note(r, "fact", c->id, m, "%s: %s%s", c->fact->name,
                 hedge.set ? "unknown" : value == PACTA_TRUE ? "true" : "false",
                 hedge.set ? " (hedged)" : how ? " (negated)" : "");
            pacta_truth drafted = hedge.set ? PACTA_UNKNOWN : value;
            if (c->on_person) {
                dperson *p = event_count ? events[0]->subject : r->last_person;
                if (p)
                    add_fact(p->facts, &p->fact_count, c, m, drafted, hedge, how);
                continue;
            }
            /* an event fact is about this sentence's acts, and about the removal
             * the text told of last when this sentence tells of none */
            int removal = 0;
            for (size_t k = 0; k < event_count; k++) {
                add_fact(events[k]->facts, &events[k]->fact_count, c, m, drafted, hedge, how);
                removal |= events[k]->action->removal;
            }
            devent *last = r->last_removal ? r->last_removal : r->last_event;
            if (!removal && last && (event_count == 0 || last != events[0]))
                add_fact(last->facts, &last->fact_count, c, m, drafted, hedge, how);
        }
    }
}

/* ------------------------------------------------------------ input checks */

static pacta_status check_text(pacta_draft *d, const pacta_options *opts, pacta_error *err)
{
    if (d->len > opts->max_input_bytes)
        return error_set(err, PACTA_ELIMIT, d->name, 0, 0,
                         "the text is larger than the input limit of %zu bytes", opts->max_input_bytes);
    size_t i = 0;
    while (i < d->len && is_space(d->text[i]))
        i++;
    if (i == d->len) {
        pacta_status st = error_set(err, PACTA_EINPUT, d->name, 0, 0, "no text to draft from: the input is empty");
        error_hint(err, "give the report as plain UTF-8 text");
        return st;
    }
    unsigned line = 1, column = 1;
    for (i = 0; i < d->len;) {
        uint32_t cp;
        size_t n = utf8_decode(d->text + i, d->len - i, &cp);
        int control = cp < 0x20 && !is_space((char)cp);
        if (control || cp == UTF8_INVALID) {
            pacta_status st = error_set(err, PACTA_EINPUT, d->name, line, column,
                                        control ? "a control byte (0x%02X): this is binary data, not a text"
                                                : "invalid UTF-8 (byte 0x%02X)",
                                        (unsigned)(unsigned char)d->text[i]);
            error_hint(err, "pacta draft reads plain UTF-8 text; convert the report first (iconv, pdftotext)");
            return st;
        }
        if (cp == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        i += n;
    }
    return PACTA_OK;
}

static pacta_status index_lines(pacta_draft *d, pacta_error *err)
{
    size_t count = 1;
    for (size_t i = 0; i < d->len; i++)
        count += d->text[i] == '\n';
    d->line_starts = arena_array(d->ar, count, sizeof *d->line_starts);
    if (!d->line_starts)
        return error_set(err, PACTA_ENOMEM, d->name, 0, 0, "out of memory");
    d->line_count = 0;
    d->line_starts[d->line_count++] = 0;
    for (size_t i = 0; i < d->len; i++)
        if (d->text[i] == '\n' && d->line_count < count)
            d->line_starts[d->line_count++] = i + 1;
    return PACTA_OK;
}

/* ------------------------------------------------------------ public */

pacta_status pacta_draft_new(pacta_draft **out, const pacta_rulebase *rb, const char *name,
                             const char *text, size_t len, const char *date, pacta_error *err)
{
    if (!out || !rb || (!text && len) || !rb->finished)
        return error_set(err, PACTA_EUSAGE, "", 0, 0,
                         "pacta_draft_new needs an output, a finished rulebase and a text");
    *out = NULL;
    if (!rb->draft_mentions) {
        pacta_status st = error_set(err, PACTA_EINPUT, name ? name : "", 0, 0,
                                    "these rules have no 'draft:' section to read a report with");
        error_hint(err, "rules/draft.yaml holds the drafter's cues");
        return st;
    }
    pdate_range ignored;
    if (date && pdate_parse(date, strlen(date), &ignored) != PDATE_OK)
        return error_set(err, PACTA_EUSAGE, "", 0, 0,
                         "the article's date '%s' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)", date);
    pacta_draft *d = NULL;
    arena *ar = arena_new(&rb->opts.allocator);
    if (ar)
        d = arena_alloc(ar, sizeof *d);
    if (!d) {
        arena_free(ar);
        return error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    }
    d->ar = ar;
    d->name = arena_strdup(ar, name ? name : "<text>");
    /* a UTF-8 byte order mark is no part of the text */
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        text += 3;
        len -= 3;
    }
    d->len = len;
    d->text = len <= rb->opts.max_input_bytes ? arena_strndup(ar, text ? text : "", len) : "";
    pacta_status st = d->name && d->text ? PACTA_OK : error_set(err, PACTA_ENOMEM, "", 0, 0, "out of memory");
    if (st == PACTA_OK)
        st = check_text(d, &rb->opts, err);
    if (st == PACTA_OK)
        st = index_lines(d, err);
    reader r = {d, rb, NULL, err, st, 0, 0, 0, NULL, NULL, NULL, 0, 0};
    if (st == PACTA_OK) {
        r.md = pcre2_match_data_create_from_pattern(rb->draft_mentions, rb->general_ctx);
        if (!r.md)
            oom(&r);
    }
    if (r.st == PACTA_OK)
        read_article(&r, date);
    size_t pos = 0;
    dspan s;
    int paragraph_break;
    while (r.st == PACTA_OK && next_sentence(&r, &pos, &s, &paragraph_break)) {
        r.paragraph += paragraph_break;
        /* a headline repeats the story; the sentences tell it */
        if (!(d->title.at.set && s.start >= d->title.at.start && s.end <= d->title.at.end))
            read_sentence(&r, &s);
    }
    pcre2_match_data_free(r.md);
    if (r.st != PACTA_OK) {
        arena_free(ar);
        return r.st;
    }
    *out = d;
    return PACTA_OK;
}

void pacta_draft_free(pacta_draft *d)
{
    if (d)
        arena_free(d->ar);
}

size_t pacta_draft_event_count(const pacta_draft *d)
{
    size_t n = 0;
    for (size_t i = 0; d && i < d->events.count; i++)
        n += ((const devent *)d->events.items[i])->complete;
    return n;
}

size_t pacta_draft_extraction_count(const pacta_draft *d)
{
    return d ? d->extracts.count : 0;
}

pacta_extraction_view pacta_draft_extraction(const pacta_draft *d, size_t i)
{
    pacta_extraction_view v;
    memset(&v, 0, sizeof v);
    if (!d || i >= d->extracts.count)
        return v;
    const dextract *x = d->extracts.items[i];
    v.kind = x->kind;
    v.cue = x->cue;
    v.line = x->at.line;
    v.column = draft_column(d, &x->at);
    v.start = x->at.start;
    v.end = x->at.end;
    v.text = d->text + x->at.start;
    v.length = x->at.end - x->at.start;
    v.meaning = x->meaning;
    return v;
}
