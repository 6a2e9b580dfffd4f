/*
 * Dates: seconds since the epoch (1970-01-01 00:00:00 UTC, as time(2) counts them) to and from
 * the year, month, day and time of day, in the Gregorian calendar extended backwards
 * (proleptic), with no leap seconds: every day has 86400 seconds, as POSIX's time does.
 *
 * The RTC gives the kernel a date (arch/x86_64/rtc.c), the kernel logs the boot's date, and
 * the host tests check both directions against the C library's gmtime() and timegm()
 * (tests/host/calendar_test.c).  The code is lib/calendar.c.
 */
#ifndef LIB_CALENDAR_H
#define LIB_CALENDAR_H

#include <stdbool.h>
#include <stdint.h>

#define SECS_PER_DAY 86400

/* A moment in UTC. */
struct calendar_time {
	int64_t year; /* 2025; 0 is 1 BC, as in ISO 8601 */
	int month;    /* 1..12 */
	int day;      /* 1..31 */
	int hour;     /* 0..23 */
	int minute;   /* 0..59 */
	int second;   /* 0..59 */
	int weekday;  /* 0..6, Sunday 0: filled by epoch_to_calendar(), ignored by the others */
};

/* Days in month (1..12) of year: 28 to 31. */
int days_in_month(int64_t year, int month);

/* Whether each field of t is in its range, the day within its month (the weekday aside). */
bool calendar_valid(const struct calendar_time *t);

/* Seconds since the epoch of a valid t (negative before 1970), for any year whose seconds fit. */
int64_t calendar_to_epoch(const struct calendar_time *t);

/* The calendar time of seconds since the epoch. */
void epoch_to_calendar(int64_t seconds, struct calendar_time *t);

#endif /* LIB_CALENDAR_H */
