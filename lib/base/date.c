/*
 * date.c: calendar arithmetic for treaty dates. Dates are day numbers in the
 * proleptic Gregorian calendar (Howard Hinnant's days_from_civil and
 * civil_from_days), so comparing and adding days is integer arithmetic. A
 * date known only to the month or year ("1992-12", "1992") is the range of
 * days it covers, never a guessed day. Parsing is strict because a rule file
 * that says "1982-9-24" or "24/09/1982" is more likely wrong than creative.
 */
#include "base/date.h"

#include <stdio.h>
#include <string.h>

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const unsigned char days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

/* Floor division: the month and era arithmetic must round toward -inf. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static pdate clamp_day(int64_t day)
{
    if (day < PDATE_MIN)
        return PDATE_MIN;
    if (day > PDATE_MAX)
        return PDATE_MAX;
    return (pdate)day;
}

/* Hinnant's days_from_civil for a valid month (1..12) and day 1. */
static int64_t days_from_civil(int64_t y, int m, int64_t d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                                 /* [0, 399] */
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1; /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;                                     /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);              /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                                   /* [0, 11] */
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = era * 400 + yoe + (*m <= 2);
}

/* Months out of 1..12 and days out of the month roll over, as mktime does:
 * (2023, 13, 1) is 2024-01-01 and (2024, 2, 30) is 2024-03-01. */
static int64_t days_from_ymd64(int64_t y, int64_t m, int64_t d)
{
    int64_t months = y * 12 + (m - 1);
    int64_t year = floor_div(months, 12);
    int month = (int)(months - year * 12) + 1;
    return days_from_civil(year, month, 1) + (d - 1);
}

pdate pdate_from_ymd(int y, int m, int d)
{
    return clamp_day(days_from_ymd64(y, m, d));
}

void pdate_to_ymd(pdate day, int *y, int *m, int *d)
{
    int64_t year;
    int month, dom;
    civil_from_days(day, &year, &month, &dom);
    if (y)
        *y = (int)year;
    if (m)
        *m = month;
    if (d)
        *d = dom;
}

/* Reads exactly n ASCII digits (isdigit would depend on the locale). */
static int read_digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

pdate_parse_result pdate_parse(const char *s, size_t len, pdate_range *out)
{
    int y, m = 0, d = 0;
    if (!s || (len != 4 && len != 7 && len != 10))
        return PDATE_SYNTAX;
    if (read_digits(s, 4, &y) != 0 || y < 1000)
        return PDATE_SYNTAX;
    if (len >= 7 && (s[4] != '-' || read_digits(s + 5, 2, &m) != 0))
        return PDATE_SYNTAX;
    if (len == 10 && (s[7] != '-' || read_digits(s + 8, 2, &d) != 0))
        return PDATE_SYNTAX;

    pdate_range r;
    if (len == 4) {
        r.lo = (pdate)days_from_civil(y, 1, 1);
        r.hi = (pdate)days_from_civil(y, 12, 31);
    } else {
        if (m < 1 || m > 12)
            return PDATE_IMPOSSIBLE;
        int last = days_in_month(y, m);
        if (len == 7) {
            r.lo = (pdate)days_from_civil(y, m, 1);
            r.hi = (pdate)days_from_civil(y, m, last);
        } else {
            if (d < 1 || d > last)
                return PDATE_IMPOSSIBLE;
            r.lo = r.hi = (pdate)days_from_civil(y, m, d);
        }
    }
    if (out)
        *out = r;
    return PDATE_OK;
}

/* Writes v as exactly n decimal digits (v < 10^n). */
static void put_digits(char *p, unsigned v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        p[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

void pdate_format(pdate day, char buf[11])
{
    int y, m, d;
    pdate_to_ymd(day, &y, &m, &d);
    if (y < 0 || y > 9999) {
        /* Such years cannot come from pdate_parse, only from adding
         * centuries; "YYYY-MM-DD" cannot hold them in 11 bytes, so write the
         * signed year alone (at most 8 characters for any pdate). */
        unsigned v = y < 0 ? 0u - (unsigned)y : (unsigned)y;
        int n = 1;
        for (unsigned t = v; t >= 10; t /= 10)
            n++;
        buf[0] = y < 0 ? '-' : '+';
        put_digits(buf + 1, v, n);
        buf[n + 1] = '\0';
        return;
    }
    put_digits(buf, (unsigned)y, 4);
    buf[4] = '-';
    put_digits(buf + 5, (unsigned)m, 2);
    buf[7] = '-';
    put_digits(buf + 8, (unsigned)d, 2);
    buf[10] = '\0';
}

void pdate_range_format(pdate_range r, char buf[23])
{
    pdate_format(r.lo, buf);
    if (r.hi != r.lo) {
        size_t n = strlen(buf);
        buf[n] = '.';
        buf[n + 1] = '.';
        pdate_format(r.hi, buf + n + 2);
    }
}

int pduration_parse(const char *s, size_t len, pduration *out)
{
    static const struct {
        const char *name;
        pduration_unit unit;
    } units[] = {
        {"day", PDUR_DAYS}, {"days", PDUR_DAYS},   {"month", PDUR_MONTHS},
        {"months", PDUR_MONTHS}, {"year", PDUR_YEARS}, {"years", PDUR_YEARS},
    };
    if (!s)
        return -1;
    size_t i = 0;
    int amount = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9') {
        amount = amount * 10 + (s[i] - '0');
        i++;
        if (amount > 10000)
            return -1;
    }
    /* one to five digits, no sign, and no leading zero ("07 days") */
    if (i == 0 || (i > 1 && s[0] == '0'))
        return -1;
    if (i >= len || s[i] != ' ')
        return -1;
    i++;
    const char *word = s + i;
    size_t word_len = len - i;
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        if (strlen(units[u].name) == word_len && memcmp(units[u].name, word, word_len) == 0) {
            if (out) {
                out->amount = amount;
                out->unit = units[u].unit;
            }
            return 0;
        }
    }
    return -1;
}

pdate pdate_add(pdate day, pduration dur)
{
    int64_t months;
    switch (dur.unit) {
    case PDUR_DAYS:
        return clamp_day((int64_t)day + dur.amount);
    case PDUR_MONTHS:
        months = dur.amount;
        break;
    case PDUR_YEARS:
        months = (int64_t)dur.amount * 12;
        break;
    default:
        return day;
    }
    int64_t y;
    int m, d;
    civil_from_days(day, &y, &m, &d);
    int64_t total = y * 12 + (m - 1) + months;
    int64_t year = floor_div(total, 12);
    int month = (int)(total - year * 12) + 1;
    /* "one month from 31 January" is the last day of February */
    int last = days_in_month(year, month);
    return clamp_day(days_from_civil(year, month, d < last ? d : last));
}

void pduration_format(pduration dur, char buf[32])
{
    const char *unit = dur.unit == PDUR_DAYS ? "day" : dur.unit == PDUR_MONTHS ? "month" : "year";
    snprintf(buf, 32, "%d %s%s", dur.amount, unit, dur.amount == 1 ? "" : "s");
}
