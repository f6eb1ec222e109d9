/*
 * date.h: calendar dates as day numbers, imprecise dates as ranges, and the
 * arithmetic treaties use to compute entry into force ("the ninetieth day
 * following", "three months after", "one year from").
 */
#ifndef PACTA_DATE_H
#define PACTA_DATE_H

#include <stddef.h>
#include <stdint.h>

/** Days since 1970-01-01 in the proleptic Gregorian calendar. */
typedef int32_t pdate;

#define PDATE_MIN ((pdate)INT32_MIN / 2)
#define PDATE_MAX ((pdate)INT32_MAX / 2)

/** An inclusive range of days: a precise date has lo == hi. */
typedef struct pdate_range {
    pdate lo;
    pdate hi;
} pdate_range;

typedef enum pdate_parse_result {
    PDATE_OK = 0,
    PDATE_SYNTAX = -1,     /* not YYYY, YYYY-MM or YYYY-MM-DD */
    PDATE_IMPOSSIBLE = -2  /* well-formed but no such day (2023-02-30) */
} pdate_parse_result;

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (years 1000..9999) into a range. */
pdate_parse_result pdate_parse(const char *s, size_t len, pdate_range *out);

pdate pdate_from_ymd(int y, int m, int d);
void pdate_to_ymd(pdate day, int *y, int *m, int *d);

/** Writes "YYYY-MM-DD" and a NUL into buf (11 bytes). */
void pdate_format(pdate day, char buf[11]);
/** "YYYY-MM-DD" for a precise range, "YYYY-MM-DD..YYYY-MM-DD" otherwise; buf of 23 bytes (22 + NUL). */
void pdate_range_format(pdate_range r, char buf[23]);

typedef enum pduration_unit { PDUR_DAYS, PDUR_MONTHS, PDUR_YEARS } pduration_unit;

/** A delay as treaties state it: "90 days", "3 months", "1 year". */
typedef struct pduration {
    int amount;
    pduration_unit unit;
} pduration;

/** Parses "N day(s)|month(s)|year(s)", N in 0..10000. Returns 0 or -1. */
int pduration_parse(const char *s, size_t len, pduration *out);

/**
 * day + d. Months and years keep the day of the month, clamped to the last
 * day of a shorter month (31 Jan + 1 month = 28/29 Feb).
 */
pdate pdate_add(pdate day, pduration d);

/** Formats a duration as "90 days", "3 months", "1 year"; buf of 32 bytes. */
void pduration_format(pduration d, char buf[32]);

#endif
