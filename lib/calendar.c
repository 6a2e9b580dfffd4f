/*
 * Dates to and from seconds since the epoch (the rules are in include/lib/calendar.h).
 *
 * The two day counts are Howard Hinnant's days_from_civil() and civil_from_days(), which shift
 * the year to start on 1 March, so that the leap day is the last day of its year, and count
 * whole 400-year eras of 146097 days: no table, no loop, right for any year an int64_t day
 * count can hold.
 */
#include <lib/calendar.h>

#define DAYS_PER_ERA 146097 /* 400 years */
#define EPOCH_DAY    719468 /* days from 0000-03-01 to 1970-01-01 */

static bool is_leap_year(int64_t year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int days_in_month(int64_t year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return month == 2 && is_leap_year(year) ? 29 : days[month - 1];
}

bool calendar_valid(const struct calendar_time *t)
{
	return t->month >= 1 && t->month <= 12 && t->day >= 1 &&
	       t->day <= days_in_month(t->year, t->month) && t->hour >= 0 && t->hour <= 23 &&
	       t->minute >= 0 && t->minute <= 59 && t->second >= 0 && t->second <= 59;
}

/* Floor division: -1 / 400 is -1, not 0. */
static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Days from 1970-01-01 to year-month-day. */
static int64_t days_from_civil(int64_t year, int month, int day)
{
	int64_t y = year - (month <= 2);
	int64_t era = floor_div(y, 400);
	int64_t year_of_era = y - era * 400;						/* 0..399 */
	int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1; /* 0..365 */
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;

	return era * DAYS_PER_ERA + day_of_era - EPOCH_DAY;
}

/* The date of days since 1970-01-01, into t's year, month and day. */
static void civil_from_days(int64_t days, struct calendar_time *t)
{
	int64_t z = days + EPOCH_DAY;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t day_of_era = z - era * DAYS_PER_ERA; /* 0..146096 */
	int64_t year_of_era =
	    (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
	int64_t day_of_year =
	    day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
	int64_t month_from_march = (5 * day_of_year + 2) / 153; /* 0..11, March is 0 */

	t->day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
	t->month = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
	t->year = year_of_era + era * 400 + (t->month <= 2);
}

int64_t calendar_to_epoch(const struct calendar_time *t)
{
	return days_from_civil(t->year, t->month, t->day) * SECS_PER_DAY + t->hour * 3600 +
	       t->minute * 60 + t->second;
}

void epoch_to_calendar(int64_t seconds, struct calendar_time *t)
{
	int64_t days = floor_div(seconds, SECS_PER_DAY);
	int64_t rest = seconds - days * SECS_PER_DAY; /* 0..86399 */

	civil_from_days(days, t);
	t->hour = (int)(rest / 3600);
	t->minute = (int)(rest / 60 % 60);
	t->second = (int)(rest % 60);
	t->weekday = (int)(((days + 4) % 7 + 7) % 7); /* 1970-01-01 was a Thursday (4) */
}
