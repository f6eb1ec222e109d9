/*
 * draft_read.c: the drafter's reading of a report's text (draft_read.h):
 * where a byte offset stands, cue matches, dates absolute and relative to
 * the article's own, the article's title, dateline, URL and publisher, the
 * cut into sentences, and the record of every extraction for --explain.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "tools/draft_read.h"

#define WINDOW_BEFORE 60    /* bytes of context read before a cue or a name */
#define WINDOW_AFTER 120    /* bytes read after a name */
#define MAX_EXTRACTS 100000

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

dspan reader_span(const pacta_draft *d, size_t start, size_t end)
{
    dspan s = {start, end, (unsigned)line_index(d, start) + 1, 1};
    return s;
}

/* ------------------------------------------------------------ matching */

int reader_oom(reader *r)
{
    if (r->st == PACTA_OK)
        r->st = error_set(r->err, PACTA_ENOMEM, r->d->name, 0, 0, "out of memory");
    return -1;
}

/*
 * Matches code against text[start..end) from offset from. Returns 1 with
 * *m the match, 0 when there is none, -1 on an error (set in r).
 */
int reader_match(reader *r, const pcre2_code *code, const char *id, size_t start, size_t end,
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
        return reader_oom(r);
    if (rc < 0) {
        PCRE2_UCHAR message[160];
        pcre2_get_error_message(rc, message, sizeof message);
        int limit = rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT ||
                    rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
        dspan at = reader_span(r->d, from, from);
        r->st = error_set(r->err, limit ? PACTA_ELIMIT : PACTA_EINPUT, r->d->name, at.line,
                          draft_column(r->d, &at), "cue '%s' could not be matched here: %s", id,
                          (const char *)message);
        if (limit)
            error_hint(r->err, "the text makes the pattern work too hard; shorten it or raise the regex limits");
        return -1;
    }
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    *m = reader_span(r->d, start + ov[0], start + ov[1]);
    return 1;
}

/* A named group of the last match, copied into buf; 0 when it is unset or absent. */
int reader_group(reader *r, const char *name, char *buf, size_t size)
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
        int got = c->kind == kind ? reader_match(r, c->code, c->id, start, end, start, m) : 0;
        if (got != 0)
            return got;
    }
    return 0;
}

/* ... in the words just before pos (within the sentence): "-before" kinds end in $ */
int reader_before(reader *r, draft_cue_kind kind, size_t sentence_start, size_t pos, dspan *m)
{
    size_t start = pos > sentence_start + WINDOW_BEFORE ? pos - WINDOW_BEFORE : sentence_start;
    return any_of_kind(r, kind, start, pos, m);
}

/* ... in the words just after pos: "-after" kinds start with ^ */
int reader_after(reader *r, draft_cue_kind kind, size_t pos, size_t sentence_end, dspan *m)
{
    size_t end = pos + WINDOW_AFTER < sentence_end ? pos + WINDOW_AFTER : sentence_end;
    return any_of_kind(r, kind, pos, end, m);
}

/* The first match in the sentence of any cue of this kind. */
int reader_first_of_kind(reader *r, draft_cue_kind kind, const dspan *s, dspan *m,
                         const draft_cue **which)
{
    int found = 0;
    for (size_t i = 0; i < r->rb->draft_cue_count; i++) {
        const draft_cue *c = r->rb->draft_cues[i];
        dspan here;
        if (c->kind != kind)
            continue;
        int got = reader_match(r, c->code, c->id, s->start, s->end, s->start, &here);
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
    if (found && chosen && reader_match(r, chosen->code, chosen->id, s->start, s->end, m->start, m) < 0)
        return -1;
    return found;
}

/* ------------------------------------------------------------ the record */

void reader_limit(reader *r, dspan at, const char *fmt, int n)
{
    r->st = error_set(r->err, PACTA_ELIMIT, r->d->name, at.line, draft_column(r->d, &at), fmt, n);
    error_hint(r->err, "a draft is for one report; cut the text into the reports it holds");
}

void reader_note(reader *r, const char *kind, const char *cue, dspan at, const char *fmt, ...)
{
    if (r->st != PACTA_OK)
        return;
    if (r->d->extracts.count == MAX_EXTRACTS) {
        reader_limit(r, at, "more than %d extractions", MAX_EXTRACTS);
        return;
    }
    dextract *x = arena_alloc(r->d->ar, sizeof *x);
    va_list ap;
    va_start(ap, fmt);
    const char *meaning = arena_vprintf(r->d->ar, fmt, ap);
    va_end(ap);
    if (!x || !meaning || ptrvec_push(r->d->ar, &r->d->extracts, x)) {
        reader_oom(r);
        return;
    }
    x->kind = kind;
    x->cue = cue;
    x->at = at;
    x->meaning = meaning;
}

const char *draft_form_name(draft_name_form f)
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
const char *reader_date(reader *r, const draft_cue *c, const char **how)
{
    char day[8], month[16], year[8], weekday[16];
    int has_day = reader_group(r, "day", day, sizeof day), has_month = reader_group(r, "month", month, sizeof month);
    int has_year = reader_group(r, "year", year, sizeof year);
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
            int w = reader_group(r, "weekday", weekday, sizeof weekday) ? weekday_number(weekday) : -1;
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

void reader_article(reader *r, const char *date_option)
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
                d->title.at = reader_span(d, start, end);
                reader_note(r, "title", "first-line", d->title.at, "the article's title");
            }
            break;
        }
    }
    dspan whole = reader_span(d, 0, d->len), m;
    const draft_cue *c = NULL;
    if (reader_first_of_kind(r, CUE_URL, &whole, &m, &c) > 0) {
        d->url.at = m;
        reader_note(r, "url", c->id, m, "the article's address");
    }
    if (reader_first_of_kind(r, CUE_PUBLISHER, &whole, &m, &c) > 0) {
        char name[128];
        if (reader_group(r, "name", name, sizeof name)) {
            d->publisher.at = m;
            d->publisher_name = arena_strdup(d->ar, name);
            reader_note(r, "publisher", c->id, m, "published by %s", name);
        }
    }
    if (date_option) {
        d->article_date = arena_strdup(d->ar, date_option);
        d->article_date_why.note = "given with --date";
    } else if (reader_first_of_kind(r, CUE_DATELINE, &whole, &m, &c) > 0) {
        const char *how;
        /* a dateline without a year cannot anchor anything */
        const char *date = reader_date(r, c, &how);
        if (date) {
            d->article_date = date;
            d->article_date_why.at = m;
            d->article_date_why.note = "the dateline";
            reader_note(r, "dateline", c->id, m, "the article's date: %s", date);
        }
    }
    set_reference(r, d->article_date);
}

/* ------------------------------------------------------------ sentences */

int draft_is_space(char c)
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
    if (!draft_is_space(t[j]))
        return 0;
    int newline = 0;
    while (j < r->d->len && draft_is_space(t[j]))
        newline |= t[j++] == '\n';
    /* "e.g. the", "approx. ten": a small letter goes on, unless the line ended */
    if (j < r->d->len && t[j] >= 'a' && t[j] <= 'z' && !newline)
        return 0;
    if (t[i] != '.')
        return 1;
    dspan m;
    return reader_before(r, CUE_ABBREVIATION_BEFORE, start, i, &m) == 0;
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
    while (end > line_start && draft_is_space(t[end - 1]))
        end--;
    size_t next = i;
    while (next < n && draft_is_space(t[next]))
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
int reader_next_sentence(reader *r, size_t *pos, dspan *s, int *paragraph_break)
{
    const char *t = r->d->text;
    size_t n = r->d->len, i = *pos, newlines = 0;
    *paragraph_break = 0;
    while (i < n && draft_is_space(t[i])) {
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
            while (i + 1 < n && draft_is_space(t[i + 1]))
                i++; /* the blank lines of a wrapped sentence */
            continue;
        }
        if ((t[i] == '.' || t[i] == '!' || t[i] == '?') && ends_sentence(r, start, i)) {
            i++;
            break;
        }
    }
    size_t end = i;
    while (end > start && draft_is_space(t[end - 1]))
        end--;
    *s = reader_span(r->d, start, end);
    *pos = i;
    return 1;
}
