/*
 * test_date.c: calendar arithmetic. The dates that matter most are the ones
 * treaties compute: the entry-into-force checks below are real (China, the
 * DPRK, the Republic of Korea), so a regression here would misdate who was
 * bound when.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "base/date.h"

/* Parses a complete date that must be precise. */
static pdate day_of(const char *s)
{
    pdate_range r;
    assert_int_equal(pdate_parse(s, strlen(s), &r), PDATE_OK);
    assert_int_equal(r.lo, r.hi);
    return r.lo;
}

static void assert_day(pdate day, const char *expected)
{
    char buf[11];
    pdate_format(day, buf);
    assert_string_equal(buf, expected);
}

static pduration duration_of(const char *s)
{
    pduration d;
    assert_int_equal(pduration_parse(s, strlen(s), &d), 0);
    return d;
}

static void assert_added(const char *from, const char *delay, const char *expected)
{
    assert_day(pdate_add(day_of(from), duration_of(delay)), expected);
}

static void test_epoch_and_known_day_numbers(void **state)
{
    (void)state;
    assert_int_equal(pdate_from_ymd(1970, 1, 1), 0);
    assert_int_equal(pdate_from_ymd(1970, 1, 2), 1);
    assert_int_equal(pdate_from_ymd(1969, 12, 31), -1);
    assert_int_equal(pdate_from_ymd(2000, 3, 1), 11017);
    assert_int_equal(pdate_from_ymd(1951, 7, 28), -6732);
    assert_int_equal(day_of("1951-07-28"), -6732);
    /* the year 1000 and 9999 ends of the parseable range */
    assert_int_equal(pdate_from_ymd(1000, 1, 1), -354285);
    assert_int_equal(pdate_from_ymd(9999, 12, 31), 2932896);
}

static void test_round_trip_every_day(void **state)
{
    (void)state;
    /* every day from 1600 to 2400 converts back to itself, one after another */
    pdate first = pdate_from_ymd(1600, 1, 1);
    pdate last = pdate_from_ymd(2400, 12, 31);
    int py, pm, pd;
    pdate_to_ymd(first - 1, &py, &pm, &pd);
    assert_int_equal(py, 1599);
    assert_int_equal(pm, 12);
    assert_int_equal(pd, 31);
    for (pdate day = first; day <= last; day++) {
        int y, m, d;
        pdate_to_ymd(day, &y, &m, &d);
        assert_int_equal(pdate_from_ymd(y, m, d), day);
        if (d == 1) {
            assert_true(pd >= 28);
            assert_int_equal(m, pm % 12 + 1);
        } else {
            assert_int_equal(d, pd + 1);
        }
        py = y, pm = m, pd = d;
    }
}

static void test_from_ymd_normalises_overflowing_fields(void **state)
{
    (void)state;
    assert_int_equal(pdate_from_ymd(2023, 13, 1), pdate_from_ymd(2024, 1, 1));
    assert_int_equal(pdate_from_ymd(2024, 2, 30), pdate_from_ymd(2024, 3, 1));
    assert_int_equal(pdate_from_ymd(2024, 0, 1), pdate_from_ymd(2023, 12, 1));
    assert_int_equal(pdate_from_ymd(2024, 3, 0), pdate_from_ymd(2024, 2, 29));
    /* absurd years clamp instead of overflowing */
    assert_int_equal(pdate_from_ymd(2000000000, 1, 1), PDATE_MAX);
    assert_int_equal(pdate_from_ymd(-2000000000, 1, 1), PDATE_MIN);
}

static void test_parse_precise_dates(void **state)
{
    (void)state;
    pdate_range r;
    assert_int_equal(pdate_parse("1982-09-24", 10, &r), PDATE_OK);
    assert_int_equal(r.lo, pdate_from_ymd(1982, 9, 24));
    assert_int_equal(r.hi, r.lo);
    /* the length is what counts, not a terminating NUL */
    assert_int_equal(pdate_parse("2023-10-09T12:00", 10, &r), PDATE_OK);
    assert_int_equal(r.lo, pdate_from_ymd(2023, 10, 9));
    assert_int_equal(pdate_parse("1000-01-01", 10, &r), PDATE_OK);
    assert_int_equal(pdate_parse("9999-12-31", 10, &r), PDATE_OK);
    assert_int_equal(r.lo, pdate_from_ymd(9999, 12, 31));
}

static void test_partial_dates_are_ranges(void **state)
{
    (void)state;
    pdate_range r;
    char buf[23];

    assert_int_equal(pdate_parse("1992", 4, &r), PDATE_OK);
    assert_int_equal(r.lo, pdate_from_ymd(1992, 1, 1));
    assert_int_equal(r.hi, pdate_from_ymd(1992, 12, 31));
    pdate_range_format(r, buf);
    assert_string_equal(buf, "1992-01-01..1992-12-31");

    assert_int_equal(pdate_parse("2013-05", 7, &r), PDATE_OK);
    pdate_range_format(r, buf);
    assert_string_equal(buf, "2013-05-01..2013-05-31");

    assert_int_equal(pdate_parse("2024-02", 7, &r), PDATE_OK);
    assert_int_equal(r.hi - r.lo, 28);
    pdate_range_format(r, buf);
    assert_string_equal(buf, "2024-02-01..2024-02-29");

    assert_int_equal(pdate_parse("2023-02", 7, &r), PDATE_OK);
    pdate_range_format(r, buf);
    assert_string_equal(buf, "2023-02-01..2023-02-28");

    assert_int_equal(pdate_parse("1900-02", 7, &r), PDATE_OK);
    assert_int_equal(r.hi - r.lo, 27);

    /* a precise range formats as one date */
    assert_int_equal(pdate_parse("2023-10-09", 10, &r), PDATE_OK);
    pdate_range_format(r, buf);
    assert_string_equal(buf, "2023-10-09");
}

static void test_impossible_dates(void **state)
{
    (void)state;
    pdate_range r = {123, 456};
    static const char *const impossible[] = {
        "2023-02-29", "2023-02-30", "2024-02-30", "2024-13-01", "2024-13",
        "2024-00",    "2024-01-00", "2024-04-31", "2024-01-32", "1900-02-29",
    };
    for (size_t i = 0; i < sizeof impossible / sizeof impossible[0]; i++)
        assert_int_equal(pdate_parse(impossible[i], strlen(impossible[i]), &r), PDATE_IMPOSSIBLE);
    /* a failed parse leaves the output alone */
    assert_int_equal(r.lo, 123);
    assert_int_equal(r.hi, 456);
}

static void test_leap_years(void **state)
{
    (void)state;
    pdate_range r;
    assert_int_equal(pdate_parse("2024-02-29", 10, &r), PDATE_OK);
    assert_int_equal(pdate_parse("2000-02-29", 10, &r), PDATE_OK); /* divisible by 400 */
    assert_int_equal(pdate_parse("1900-02-29", 10, &r), PDATE_IMPOSSIBLE); /* by 100 only */
    assert_int_equal(pdate_parse("2100-02-29", 10, &r), PDATE_IMPOSSIBLE);
    assert_int_equal(pdate_parse("1996-02-29", 10, &r), PDATE_OK);
    assert_int_equal(pdate_parse("2023-02-29", 10, &r), PDATE_IMPOSSIBLE);

    assert_int_equal(pdate_parse("2024", 4, &r), PDATE_OK);
    assert_int_equal(r.hi - r.lo + 1, 366);
    assert_int_equal(pdate_parse("2023", 4, &r), PDATE_OK);
    assert_int_equal(r.hi - r.lo + 1, 365);
    assert_int_equal(pdate_parse("2000", 4, &r), PDATE_OK);
    assert_int_equal(r.hi - r.lo + 1, 366);
    assert_int_equal(pdate_parse("1900", 4, &r), PDATE_OK);
    assert_int_equal(r.hi - r.lo + 1, 365);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    pdate_range r;
    static const char *const bad[] = {
        "",           "199",         "19922",      "1992-1",      "1992-1-01", "1992-01-1",
        "1982-9-24",  "24/09/1982",  "1982/09/24", "1982-09-24 ", " 1982",     "1982-09-24Z",
        "0999",       "0999-12-31",  "+1992",      "-992",        "1992-0a",   "1992-01-0x",
        "1992_01_01", "1992-01-01-", "12345-01-01", "abcd",       "1992 ",     "99-01-01",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pdate_parse_result res = pdate_parse(bad[i], strlen(bad[i]), &r);
        if (res != PDATE_SYNTAX)
            fail_msg("'%s' parsed as %d, expected a syntax error", bad[i], (int)res);
    }
    assert_int_equal(pdate_parse(NULL, 0, &r), PDATE_SYNTAX);
    /* an embedded NUL is not a short string */
    assert_int_equal(pdate_parse("1992\0-01", 7, &r), PDATE_SYNTAX);
}

static void test_format(void **state)
{
    (void)state;
    assert_day(0, "1970-01-01");
    assert_day(pdate_from_ymd(1000, 1, 1), "1000-01-01");
    assert_day(pdate_from_ymd(9999, 12, 31), "9999-12-31");
    assert_day(pdate_from_ymd(2024, 2, 29), "2024-02-29");
    assert_day(pdate_from_ymd(476, 9, 4), "0476-09-04");

    pdate_range r = {pdate_from_ymd(1951, 7, 28), pdate_from_ymd(1954, 4, 22)};
    char buf[23];
    memset(buf, 'x', sizeof buf);
    pdate_range_format(r, buf);
    assert_string_equal(buf, "1951-07-28..1954-04-22");
    assert_int_equal(strlen(buf), 22);
}

static void test_duration_parse(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int amount;
        pduration_unit unit;
    } good[] = {
        {"90 days", 90, PDUR_DAYS},     {"1 day", 1, PDUR_DAYS},
        {"0 days", 0, PDUR_DAYS},       {"1 days", 1, PDUR_DAYS},
        {"30 day", 30, PDUR_DAYS},      {"3 months", 3, PDUR_MONTHS},
        {"1 month", 1, PDUR_MONTHS},    {"1 year", 1, PDUR_YEARS},
        {"2 years", 2, PDUR_YEARS},     {"10000 days", 10000, PDUR_DAYS},
        {"12 months", 12, PDUR_MONTHS},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        pduration d = {-1, PDUR_YEARS};
        if (pduration_parse(good[i].text, strlen(good[i].text), &d) != 0)
            fail_msg("'%s' did not parse", good[i].text);
        assert_int_equal(d.amount, good[i].amount);
        assert_int_equal(d.unit, good[i].unit);
    }

    static const char *const bad[] = {
        "",          "days",       "90",        "90days",     "90  days",   " 90 days",
        "90 days ",  "-1 day",     "+1 day",    "10001 days", "99999999999 days",
        "1 week",    "1 Day",      "1 dayss",   "1.5 years",  "090 days",   "00 days",
        "90\tdays",  "three months",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        pduration d;
        if (pduration_parse(bad[i], strlen(bad[i]), &d) != -1)
            fail_msg("'%s' parsed but should not", bad[i]);
    }
    pduration d;
    assert_int_equal(pduration_parse("90 days and more", 7, &d), 0);
    assert_int_equal(d.amount, 90);
    assert_int_equal(pduration_parse(NULL, 0, &d), -1);
}

static void test_duration_format(void **state)
{
    (void)state;
    char buf[32];
    pduration_format((pduration){90, PDUR_DAYS}, buf);
    assert_string_equal(buf, "90 days");
    pduration_format((pduration){1, PDUR_DAYS}, buf);
    assert_string_equal(buf, "1 day");
    pduration_format((pduration){0, PDUR_DAYS}, buf);
    assert_string_equal(buf, "0 days");
    pduration_format((pduration){3, PDUR_MONTHS}, buf);
    assert_string_equal(buf, "3 months");
    pduration_format((pduration){1, PDUR_MONTHS}, buf);
    assert_string_equal(buf, "1 month");
    pduration_format((pduration){1, PDUR_YEARS}, buf);
    assert_string_equal(buf, "1 year");
    pduration_format((pduration){10000, PDUR_YEARS}, buf);
    assert_string_equal(buf, "10000 years");
    /* formatting and parsing agree */
    pduration d = duration_of("12 months");
    pduration_format(d, buf);
    assert_string_equal(buf, "12 months");
}

static void test_treaty_entry_into_force(void **state)
{
    (void)state;
    /* China acceded to the Refugee Convention on 24 Sep 1982; art. 43(2):
     * in force on the ninetieth day following. */
    assert_added("1982-09-24", "90 days", "1982-12-23");
    /* China ratified CAT on 4 Oct 1988; art. 27(2): thirtieth day after. */
    assert_added("1988-10-04", "30 days", "1988-11-03");
    /* The DPRK acceded to the ICCPR on 14 Sep 1981; art. 49(2): three
     * months after. */
    assert_added("1981-09-14", "3 months", "1981-12-14");
    /* The Republic of Korea acceded to CAT on 9 Jan 1995. */
    assert_added("1995-01-09", "30 days", "1995-02-08");
}

static void test_add_days(void **state)
{
    (void)state;
    assert_added("2023-12-31", "1 day", "2024-01-01");
    assert_added("2024-02-28", "1 day", "2024-02-29");
    assert_added("2023-02-28", "1 day", "2023-03-01");
    assert_added("2024-03-01", "0 days", "2024-03-01");
    assert_added("2000-01-01", "366 days", "2001-01-01");
    assert_added("1999-01-01", "10000 days", "2026-05-19");
    /* negative amounts are not parseable but pdate_add handles them */
    assert_day(pdate_add(day_of("2024-03-01"), (pduration){-1, PDUR_DAYS}), "2024-02-29");
    assert_day(pdate_add(day_of("2024-03-31"), (pduration){-1, PDUR_MONTHS}), "2024-02-29");
}

static void test_add_months_clamps(void **state)
{
    (void)state;
    assert_added("2024-01-31", "1 month", "2024-02-29");
    assert_added("2023-01-31", "1 month", "2023-02-28");
    assert_added("2024-03-31", "1 month", "2024-04-30");
    assert_added("2024-01-30", "1 month", "2024-02-29");
    assert_added("2024-01-15", "1 month", "2024-02-15");
    assert_added("2024-11-30", "3 months", "2025-02-28");
    assert_added("2024-12-31", "1 month", "2025-01-31");
    assert_added("2024-08-31", "12 months", "2025-08-31");
    assert_added("2024-01-31", "0 months", "2024-01-31");
    /* clamping does not accumulate: months are added at once, not one by one */
    assert_added("2024-01-31", "2 months", "2024-03-31");
}

static void test_add_years_clamps(void **state)
{
    (void)state;
    assert_added("2024-02-29", "1 year", "2025-02-28");
    assert_added("2024-02-29", "4 years", "2028-02-29");
    assert_added("2023-06-15", "1 year", "2024-06-15");
    assert_added("1999-12-31", "1 year", "2000-12-31");
    assert_added("2000-02-29", "100 years", "2100-02-28");
    assert_added("9999-01-01", "0 years", "9999-01-01");
    /* far beyond 9999 the result is still a correct day number */
    pdate far = pdate_add(day_of("9999-12-31"), (pduration){10000, PDUR_YEARS});
    int y, m, d;
    pdate_to_ymd(far, &y, &m, &d);
    assert_int_equal(y, 19999);
    assert_int_equal(m, 12);
    assert_int_equal(d, 31);
    /* which pdate_format cannot fit in "YYYY-MM-DD": it writes the year */
    assert_day(far, "+19999");
    assert_day(PDATE_MIN, "-2937836");
    assert_day(pdate_from_ymd(-1, 12, 31), "-1");
    /* and saturates rather than overflowing */
    assert_int_equal(pdate_add(PDATE_MAX, (pduration){10000, PDUR_DAYS}), PDATE_MAX);
    assert_int_equal(pdate_add(PDATE_MIN, (pduration){-10000, PDUR_DAYS}), PDATE_MIN);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_epoch_and_known_day_numbers),
        cmocka_unit_test(test_round_trip_every_day),
        cmocka_unit_test(test_from_ymd_normalises_overflowing_fields),
        cmocka_unit_test(test_parse_precise_dates),
        cmocka_unit_test(test_partial_dates_are_ranges),
        cmocka_unit_test(test_impossible_dates),
        cmocka_unit_test(test_leap_years),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_duration_parse),
        cmocka_unit_test(test_duration_format),
        cmocka_unit_test(test_treaty_entry_into_force),
        cmocka_unit_test(test_add_days),
        cmocka_unit_test(test_add_months_clamps),
        cmocka_unit_test(test_add_years_clamps),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
