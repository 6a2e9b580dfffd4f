/*
 * The PC's battery-backed real-time clock (CMOS RTC, arch/x86_64/rtc.c): the date and time of
 * day, which the kernel reads once at boot to set the wall clock (kernel/time.c).
 */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <stdint.h>

/*
 * The RTC's time in seconds since 1970-01-01 00:00 UTC (the RTC is taken to keep UTC, as QEMU's
 * does by default) into *seconds: 0, or -EIO if the clock never finished an update, or -EINVAL
 * if its registers hold no valid date.
 */
int rtc_read_epoch_seconds(int64_t *seconds);

/* The time registers as read, and status register B, which says how they are coded. */
struct rtc_registers {
	uint8_t seconds, minutes, hours, day, month, year;
	uint8_t status_b;
};

/*
 * What the registers say, in seconds since the epoch: BCD or binary, 12- or 24-hour, as
 * status_b says; the year is 2000 + the register.  -EINVAL if a field is no valid value.  (The
 * reading without the port I/O, so that the tests can give it fixed registers.)
 */
int rtc_decode(const struct rtc_registers *regs, int64_t *seconds);

#endif
