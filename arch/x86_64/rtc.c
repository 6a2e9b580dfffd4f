/*
 * Reading the CMOS real-time clock (interface in <arch/rtc.h>).
 *
 * The RTC's registers sit behind index port 0x70 and data port 0x71.  While it updates (about
 * once a second for 2 ms) its registers may be inconsistent, so the time is read twice, after
 * the update-in-progress flag clears, until two reads agree.  Status register B says whether
 * the values are BCD or binary and whether hours are 12-hour.  Years are taken to be 2000..2099.
 */
#include <stdbool.h>
#include <arch/rtc.h>
#include <arch/x86.h>

#define CMOS_INDEX 0x70
#define CMOS_DATA  0x71
#define NMI_OFF	   0x80 /* keep NMIs masked while selecting a register, as firmware does */

#define RTC_SECONDS  0x00
#define RTC_MINUTES  0x02
#define RTC_HOURS    0x04
#define RTC_DAY	     0x07
#define RTC_MONTH    0x08
#define RTC_YEAR     0x09
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b

#define STATUS_A_UPDATING 0x80
#define STATUS_B_24_HOUR  0x02
#define STATUS_B_BINARY	  0x04
#define HOURS_PM	  0x80

struct rtc_time {
	int sec, min, hour, day, month, year;
};

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	return inb(CMOS_DATA);
}

static void read_raw(struct rtc_time *t)
{
	while (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING)
		;
	t->sec = cmos_read(RTC_SECONDS);
	t->min = cmos_read(RTC_MINUTES);
	t->hour = cmos_read(RTC_HOURS);
	t->day = cmos_read(RTC_DAY);
	t->month = cmos_read(RTC_MONTH);
	t->year = cmos_read(RTC_YEAR);
}

static bool same_time(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->month == b->month && a->year == b->year;
}

static int from_bcd(int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

/* Turn the raw registers into binary, 24-hour values, with a full year. */
static void normalize(struct rtc_time *t, uint8_t status_b)
{
	bool pm = t->hour & HOURS_PM;

	t->hour &= ~HOURS_PM;
	if (!(status_b & STATUS_B_BINARY)) {
		t->sec = from_bcd(t->sec);
		t->min = from_bcd(t->min);
		t->hour = from_bcd(t->hour);
		t->day = from_bcd(t->day);
		t->month = from_bcd(t->month);
		t->year = from_bcd(t->year);
	}
	if (!(status_b & STATUS_B_24_HOUR))
		t->hour = t->hour % 12 + (pm ? 12 : 0);
	t->year += 2000;
}

/* Days from 1970-01-01 to the given date (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t rtc_read_epoch_seconds(void)
{
	struct rtc_time a, b;

	read_raw(&b);
	do {
		a = b;
		read_raw(&b);
	} while (!same_time(&a, &b));
	normalize(&b, cmos_read(RTC_STATUS_B));
	return days_from_civil(b.year, b.month, b.day) * 86400 + b.hour * 3600 + b.min * 60 + b.sec;
}
