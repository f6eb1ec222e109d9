/*
 * citation.c: treaty citations in the styles of legal writing, from the
 * instrument's data (title, `adopted`, general `in_force`, the structured
 * `citation:` parts, the provision's label). Nothing here is written per
 * treaty: a treaty added to rules/ is cited in every style at once.
 *
 * The conventions followed, as checked for this module:
 *
 * - Bluebook rule 21.4 (multilateral treaty, United States not necessarily
 *   a party): name, pinpoint, date of signing, treaty series, e.g.
 *   "Vienna Convention on the Law of Treaties art. 32, opened for signature
 *   May 23, 1969, 1155 U.N.T.S. 331." (Brooklyn Law School, Treaty Research
 *   Guide: Rule 21.4 of Bluebook, guides.brooklaw.edu/treaty). The date is
 *   the instrument's `adopted` date, written with the month abbreviations of
 *   table T12. Titles are capitalised as rule 8(a) requires: every word
 *   except articles, conjunctions and prepositions of four or fewer letters,
 *   unless first (proofthatblog.com, "Headings by the (Blue)Book", quoting
 *   rule 8). No U.S.T. parallel citation: the rules carry none.
 * - OSCOLA (4th ed., international treaties): title (adopted date, entered
 *   into force date) treaty series, pinpoint, e.g. "Convention Relating to
 *   the Status of Refugees (adopted 28 July 1951, entered into force 22
 *   April 1954) 189 UNTS 137 (Refugee Convention) art 33" (University of
 *   West London, OSCOLA guide, uwl.libguides.com/oscola/int). OSCOLA uses no
 *   full stops in abbreviations ("UNTS", "art 33(1)"). Without the optional
 *   informal name in brackets, the pinpoint follows the series reference
 *   after a comma. Major words are capitalised; prepositions of any length
 *   are kept in lower case ("Convention against Torture").
 * - plain: the title as the rules write it, place and date of adoption,
 *   pinpoint and series, with no style-specific abbreviation.
 */
#include "report/citation.h"

#include <stdio.h>
#include <string.h>

#include "model/rulebase.h"

/* Bounded output with snprintf's contract: len counts everything, buf gets what fits. */
typedef struct out {
    char *buf;
    size_t size;
    size_t len;
} out;

static void put(out *o, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++, o->len++)
        if (o->len + 1 < o->size)
            o->buf[o->len] = s[i];
}

static void put_str(out *o, const char *s)
{
    if (s)
        put(o, s, strlen(s));
}

static void putu(out *o, unsigned v)
{
    char num[16];
    int n = snprintf(num, sizeof num, "%u", v);
    put(o, num, (size_t)n);
}

static size_t finish(out *o)
{
    if (o->size > 0)
        o->buf[o->len < o->size ? o->len : o->size - 1] = '\0';
    return o->len;
}

/* ------------------------------------------------------------ dates */

static const char *const MONTHS[12] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
/* Bluebook table T12 */
static const char *const MONTHS_BLUEBOOK[12] = {"Jan.", "Feb.", "Mar.",  "Apr.", "May",  "June",
                                                "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."};

/* "1951-07-28", "1951-07" or "1951" into its parts; day and month 0 when absent. */
static int parse_date(const char *text, unsigned *year, unsigned *month, unsigned *day)
{
    *year = *month = *day = 0;
    if (!text)
        return 0;
    char tail;
    int n = sscanf(text, "%4u-%2u-%2u%c", year, month, day, &tail);
    if (n < 1 || n > 3 || (n >= 2 && (*month < 1 || *month > 12)) || (n == 3 && *day < 1))
        return 0;
    return 1;
}

/* "28 July 1951" (OSCOLA and plain) or "July 28, 1951" (Bluebook); nothing for a bad date. */
static void put_date(out *o, const dated *d, int bluebook)
{
    unsigned y, m, day;
    if (!d->set || !parse_date(d->text, &y, &m, &day))
        return;
    if (bluebook) {
        if (m) {
            put_str(o, MONTHS_BLUEBOOK[m - 1]);
            put(o, " ", 1);
        }
        if (day) {
            putu(o, day);
            put(o, ", ", 2);
        }
        putu(o, y);
        return;
    }
    if (day) {
        putu(o, day);
        put(o, " ", 1);
    }
    if (m) {
        put_str(o, MONTHS[m - 1]);
        put(o, " ", 1);
    }
    putu(o, y);
}

/* ------------------------------------------------------------ titles */

/* Bluebook rule 8(a): articles, conjunctions, prepositions of four or fewer letters. */
static const char *const MINOR_SHORT[] = {
    "a",  "an", "and",  "as",   "at",  "but", "by",   "for", "from", "in", "into", "nor", "of",
    "off", "on", "onto", "or",  "out", "over", "per", "so",  "the",  "to", "up",   "upon", "via",
    "with", "yet", NULL};
/* OSCOLA keeps longer prepositions in lower case as well. */
static const char *const MINOR_LONG[] = {
    "about",  "above",  "across", "after",  "against", "along",   "among",  "around", "before",
    "behind", "below",  "beneath", "beside", "between", "beyond", "during", "except", "inside",
    "outside", "through", "throughout", "toward", "towards", "under", "until", "within",
    "without", NULL};

static int in_list(const char *const *list, const char *word, size_t n)
{
    for (size_t i = 0; list[i]; i++)
        if (strlen(list[i]) == n && strncmp(list[i], word, n) == 0)
            return 1;
    return 0;
}

/*
 * Writes title with major words capitalised. Only a lower-case ASCII
 * initial is raised; nothing is lowered, so acronyms and official
 * capitals survive.
 */
static void put_title_case(out *o, const char *title, int prepositions_lower)
{
    size_t len = strlen(title), i = 0;
    int first = 1, after_colon = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && title[i] != ' ')
            i++;
        size_t n = i - start;
        const char *word = title + start;
        size_t core = n;
        while (core > 0 && (word[core - 1] < 'a' || word[core - 1] > 'z'))
            core--; /* trailing punctuation: "Cruel," */
        int minor = in_list(MINOR_SHORT, word, core) ||
                    (prepositions_lower && in_list(MINOR_LONG, word, core));
        if ((first || after_colon || !minor) && word[0] >= 'a' && word[0] <= 'z') {
            char up = (char)(word[0] - 'a' + 'A');
            put(o, &up, 1);
            put(o, word + 1, n - 1);
        } else {
            put(o, word, n);
        }
        after_colon = n > 0 && word[n - 1] == ':';
        first = 0;
        while (i < len && title[i] == ' ')
            put(o, title + i++, 1);
    }
}

/* ------------------------------------------------------------ pinpoints */

/* OSCOLA writes abbreviations without full stops: "art. 33(1)" -> "art 33(1)". */
static void put_pinpoint_oscola(out *o, const char *label)
{
    size_t len = strlen(label);
    for (size_t i = 0; i < len; i++) {
        int letter_before = i > 0 && ((label[i - 1] >= 'a' && label[i - 1] <= 'z') ||
                                      (label[i - 1] >= 'A' && label[i - 1] <= 'Z'));
        if (label[i] == '.' && letter_before && (i + 1 == len || label[i + 1] == ' '))
            continue;
        put(o, label + i, 1);
    }
}

static const char *pinpoint(const instrument_def *inst, const char *provision)
{
    if (!provision)
        return NULL;
    const provision_def *p = instrument_provision(inst, provision);
    return p ? p->label : provision;
}

/* ------------------------------------------------------------ styles */

/* "Convention relating to the Status of Refugees, art. 33(1)", as findings label citations. */
static void label_style(out *o, const instrument_def *inst, const char *pin)
{
    put_str(o, inst->title);
    if (pin) {
        put(o, ", ", 2);
        put_str(o, pin);
    }
}

static void put_series(out *o, const instrument_def *inst, const char *abbreviation)
{
    if (inst->unts_volume) {
        putu(o, inst->unts_volume);
        put(o, " ", 1);
        put_str(o, abbreviation);
        put(o, " ", 1);
        putu(o, inst->unts_page);
    } else {
        put_str(o, inst->cite);
    }
}

static int has_series(const instrument_def *inst)
{
    return inst->unts_volume || inst->cite;
}

static void bluebook(out *o, const instrument_def *inst, const char *pin)
{
    put_title_case(o, inst->title, 0);
    if (pin) {
        put(o, " ", 1);
        put_str(o, pin);
    }
    if (inst->adopted.set) {
        put(o, ", ", 2);
        put_date(o, &inst->adopted, 1);
    }
    if (has_series(inst)) {
        put(o, ", ", 2);
        put_series(o, inst, "U.N.T.S.");
    }
    put(o, ".", 1);
}

static void oscola(out *o, const instrument_def *inst, const char *pin)
{
    put_title_case(o, inst->title, 1);
    if (inst->adopted.set || inst->in_force.set) {
        put(o, " (", 2);
        if (inst->adopted.set) {
            put_str(o, "adopted ");
            put_date(o, &inst->adopted, 0);
        }
        if (inst->in_force.set) {
            put_str(o, inst->adopted.set ? ", entered into force " : "entered into force ");
            put_date(o, &inst->in_force, 0);
        }
        put(o, ")", 1);
    }
    if (has_series(inst)) {
        put(o, " ", 1);
        put_series(o, inst, "UNTS");
    }
    if (pin) {
        put(o, ", ", 2);
        put_pinpoint_oscola(o, pin);
    }
}

static void plain(out *o, const instrument_def *inst, const char *pin)
{
    put_str(o, inst->title);
    if (inst->place || inst->adopted.set) {
        put(o, " (", 2);
        put_str(o, inst->place);
        if (inst->place && inst->adopted.set)
            put(o, ", ", 2);
        put_date(o, &inst->adopted, 0);
        put(o, ")", 1);
    }
    if (pin) {
        put(o, ", ", 2);
        put_str(o, pin);
    }
    if (has_series(inst)) {
        put(o, ", ", 2);
        put_series(o, inst, "UNTS");
    }
}

size_t citation_format(const instrument_def *inst, const char *provision, pacta_cite_style style,
                       char *buf, size_t size)
{
    out o = {buf, size, 0};
    const char *pin = pinpoint(inst, provision);
    if (inst->kind != BIND_TREATY || style == PACTA_CITE_LABEL)
        label_style(&o, inst, pin);
    else if (style == PACTA_CITE_BLUEBOOK)
        bluebook(&o, inst, pin);
    else if (style == PACTA_CITE_OSCOLA)
        oscola(&o, inst, pin);
    else
        plain(&o, inst, pin);
    return finish(&o);
}

pacta_cite_style citation_style(unsigned flags)
{
    unsigned s = (flags >> 8) & 0xFu;
    return s < PACTA_CITE_STYLE_COUNT ? (pacta_cite_style)s : PACTA_CITE_LABEL;
}

const char *pacta_cite_style_name(pacta_cite_style style)
{
    switch (style) {
    case PACTA_CITE_LABEL: return "label";
    case PACTA_CITE_PLAIN: return "plain";
    case PACTA_CITE_BLUEBOOK: return "bluebook";
    case PACTA_CITE_OSCOLA: return "oscola";
    }
    return "invalid";
}

size_t pacta_cite(const pacta_rulebase *rb, const char *instrument, const char *provision,
                  pacta_cite_style style, char *buf, size_t size)
{
    const instrument_def *inst = rb && instrument ? rb_instrument(rb, instrument) : NULL;
    if (size > 0)
        buf[0] = '\0';
    if (!inst || (unsigned)style >= PACTA_CITE_STYLE_COUNT)
        return 0;
    return citation_format(inst, provision, style, buf, size);
}
