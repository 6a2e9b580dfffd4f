/*
 * Reading the CMOS real-time clock (interface in <arch/rtc.h>).
 *
 * The RTC's registers sit behind index port 0x70 and data port 0x71.  While it updates (about
 * once a second for 2 ms) its registers may be inconsistent, so the time is read after the
 * update-in-progress flag clears, and read again until two reads agree.  Status register B says
 * whether the values are BCD or binary and whether hours are 12-hour (bit 7 of the hour then
 * means PM).  Years are taken to be 2000..2099: the century register's place is the firmware's
 * choice (ACPI's FADT names it), and no PC made before 2000 runs this kernel.
 */
#include <stdbool.h>
#include <kernel/errno.h>
#include <lib/calendar.h>
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

/* An update lasts 2 ms: a clock still updating after this many polls (far more) is broken. */
#define RTC_MAX_POLLS 1000000
#define RTC_MAX_READS 10

static uint8_t cmos_read(uint8_t reg)
{
	outb(CMOS_INDEX, NMI_OFF | reg);
	return inb(CMOS_DATA);
}

/* Read the time registers once no update is in progress: 0, or -EIO if one never ends. */
static int read_registers(struct rtc_registers *regs)
{
	int polls = 0;

	while (cmos_read(RTC_STATUS_A) & STATUS_A_UPDATING)
		if (++polls == RTC_MAX_POLLS)
			return -EIO;
	regs->seconds = cmos_read(RTC_SECONDS);
	regs->minutes = cmos_read(RTC_MINUTES);
	regs->hours = cmos_read(RTC_HOURS);
	regs->day = cmos_read(RTC_DAY);
	regs->month = cmos_read(RTC_MONTH);
	regs->year = cmos_read(RTC_YEAR);
	regs->status_b = cmos_read(RTC_STATUS_B);
	return 0;
}

static bool same_registers(const struct rtc_registers *a, const struct rtc_registers *b)
{
	return a->seconds == b->seconds && a->minutes == b->minutes && a->hours == b->hours &&
	       a->day == b->day && a->month == b->month && a->year == b->year;
}

/* A register's value: binary as it is, or two BCD digits; -1 for a digit above 9. */
static int field(uint8_t value, bool binary)
{
	if (binary)
		return value;
	if ((value & 0x0f) > 9 || (value >> 4) > 9)
		return -1;
	return (value >> 4) * 10 + (value & 0x0f);
}

/* The hour, 0..23, from the hours register: 12-hour clocks say 12 AM for 0 and 12 PM for 12. */
static int hour_of_day(uint8_t hours, uint8_t status_b)
{
	int hour = field(hours & ~HOURS_PM, status_b & STATUS_B_BINARY);

	if (status_b & STATUS_B_24_HOUR)
		return hours & HOURS_PM ? -1 : hour;
	if (hour < 1 || hour > 12)
		return -1;
	return hour % 12 + (hours & HOURS_PM ? 12 : 0);
}

int rtc_decode(const struct rtc_registers *regs, int64_t *seconds)
{
	bool binary = regs->status_b & STATUS_B_BINARY;
	int year = field(regs->year, binary);
	struct calendar_time t = {
		.year = 2000 + year,
		.month = field(regs->month, binary),
		.day = field(regs->day, binary),
		.hour = hour_of_day(regs->hours, regs->status_b),
		.minute = field(regs->minutes, binary),
		.second = field(regs->seconds, binary),
	};

	if (year < 0 || year > 99 || !calendar_valid(&t))
		return -EINVAL;
	*seconds = calendar_to_epoch(&t);
	return 0;
}

int rtc_read_epoch_seconds(int64_t *seconds)
{
	struct rtc_registers first, second;
	int err = read_registers(&second);

	for (int reads = 0; !err && reads < RTC_MAX_READS; reads++) {
		first = second;
		err = read_registers(&second);
		if (!err && same_registers(&first, &second))
			return rtc_decode(&second, seconds);
	}
	return err ? err : -EIO;
}
