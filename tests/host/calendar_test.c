/*
 * Host tests of lib/calendar.c: dates to and from seconds since the epoch, checked against the
 * host C library's gmtime_r() and timegm() over six centuries, day by day, and at the dates
 * where calendars go wrong (leap days, century years, before 1970).
 */
#define _GNU_SOURCE /* timegm() */
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <lib/calendar.h>

#include "lib_host.h"
#include "tap.h"

static struct calendar_time date(int64_t year, int month, int day, int hour, int minute, int second)
{
	return (struct calendar_time){ year, month, day, hour, minute, second, 0 };
}

static bool same_as_libc(int64_t seconds, const struct calendar_time *t)
{
	time_t when = (time_t)seconds;
	struct tm tm;

	gmtime_r(&when, &tm);
	return t->year == tm.tm_year + 1900 && t->month == tm.tm_mon + 1 && t->day == tm.tm_mday &&
	       t->hour == tm.tm_hour && t->minute == tm.tm_min && t->second == tm.tm_sec &&
	       t->weekday == tm.tm_wday;
}

static void check_known_dates(void)
{
	struct calendar_time t = date(1970, 1, 1, 0, 0, 0);

	tap_ok(corral_calendar_to_epoch(&t) == 0, "calendar_to_epoch: 1970-01-01 00:00:00 is 0");
	t = date(2000, 2, 29, 12, 0, 0);
	tap_ok(corral_calendar_to_epoch(&t) == 951825600,
	       "calendar_to_epoch: 2000-02-29 12:00:00 is 951825600");
	t = date(1969, 12, 31, 23, 59, 59);
	tap_ok(corral_calendar_to_epoch(&t) == -1, "calendar_to_epoch: 1969-12-31 23:59:59 is -1");
	t = date(2038, 1, 19, 3, 14, 8);
	tap_ok(corral_calendar_to_epoch(&t) == INT64_C(2147483648),
	       "calendar_to_epoch: 2038-01-19 03:14:08 is 2^31");
	corral_epoch_to_calendar(0, &t);
	tap_ok(t.year == 1970 && t.month == 1 && t.day == 1 && t.weekday == 4,
	       "epoch_to_calendar: 0 is Thursday 1970-01-01");
	corral_epoch_to_calendar(-1, &t);
	tap_ok(t.year == 1969 && t.month == 12 && t.day == 31 && t.hour == 23 && t.minute == 59 &&
		   t.second == 59 && t.weekday == 3,
	       "epoch_to_calendar: -1 is Wednesday 1969-12-31 23:59:59");
	corral_epoch_to_calendar(1735689600, &t);
	tap_ok(t.year == 2025 && t.month == 1 && t.day == 1 && t.weekday == 3,
	       "epoch_to_calendar: 1735689600 is Wednesday 2025-01-01");
}

/* A moment a day (and 7 seconds) apart from 1700 to 2300, both ways against the C library. */
static void check_every_day(void)
{
	int64_t first = -8520336000, last = 10413792000; /* 1700-01-01, 2300-01-01 */
	long wrong_to = 0, wrong_from = 0, days = 0;

	for (int64_t s = first; s < last; s += SECS_PER_DAY + 7) {
		struct calendar_time t;
		struct tm tm;
		time_t when = (time_t)s;

		corral_epoch_to_calendar(s, &t);
		wrong_from += !same_as_libc(s, &t);
		gmtime_r(&when, &tm);
		wrong_to += corral_calendar_to_epoch(&t) != timegm(&tm);
		days++;
	}
	tap_ok(wrong_from == 0,
	       "epoch_to_calendar: agrees with gmtime_r() at %ld moments a day apart, 1700..2300",
	       days);
	tap_ok(wrong_to == 0, "calendar_to_epoch: agrees with timegm() at the same %ld moments",
	       days);
}

static void check_months(void)
{
	tap_ok(corral_days_in_month(2024, 2) == 29, "days_in_month: February 2024 has 29 days");
	tap_ok(corral_days_in_month(2023, 2) == 28, "days_in_month: February 2023 has 28 days");
	tap_ok(corral_days_in_month(1900, 2) == 28,
	       "days_in_month: February 1900 has 28 (century)");
	tap_ok(corral_days_in_month(2000, 2) == 29,
	       "days_in_month: February 2000 has 29 (400 years)");
	tap_ok(corral_days_in_month(2100, 2) == 28, "days_in_month: February 2100 has 28");
	tap_ok(corral_days_in_month(2025, 4) == 30 && corral_days_in_month(2025, 12) == 31,
	       "days_in_month: April has 30 days, December 31");
}

static void check_valid(void)
{
	struct calendar_time ok = date(2024, 2, 29, 23, 59, 59);
	struct calendar_time bad[] = {
		date(2023, 2, 29, 0, 0, 0), date(2024, 0, 1, 0, 0, 0),	date(2024, 13, 1, 0, 0, 0),
		date(2024, 4, 31, 0, 0, 0), date(2024, 1, 0, 0, 0, 0),	date(2024, 1, 1, 24, 0, 0),
		date(2024, 1, 1, 0, 60, 0), date(2024, 1, 1, 0, 0, 60), date(2024, 1, 1, -1, 0, 0),
	};
	int refused = 0;

	tap_ok(corral_calendar_valid(&ok), "calendar_valid: 2024-02-29 23:59:59 is a time");
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		refused += !corral_calendar_valid(&bad[i]);
	tap_ok(refused == sizeof(bad) / sizeof(bad[0]),
	       "calendar_valid: refuses Feb 29 of 2023, month 0 and 13, April 31, day 0, hour 24, "
	       "minute 60, second 60, hour -1");
}

int main(void)
{
	check_known_dates();
	check_every_day();
	check_months();
	check_valid();
	return tap_done();
}
