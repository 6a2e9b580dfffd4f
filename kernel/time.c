/*
 * The wall clock: the time of day that CLOCK_REALTIME reads and vfs_now() stamps on files.
 *
 * The battery-backed clock (the RTC, <arch/rtc.h>) is read once, at boot, by realtime_init():
 * the wall clock is then that time plus what the monotonic clock has counted since, kept as one
 * offset.  The offset is written before a second CPU or any task runs and never changes after,
 * so it is read without a lock; the wall clock never jumps, and drifts only as the monotonic
 * clock does.  Nothing sets it after boot (there is no settimeofday or clock_settime).
 */
#include <kernel/printk.h>
#include <kernel/time.h>
#include <lib/calendar.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <arch/rtc.h>

/* Nanoseconds since the epoch at clock_monotonic_ns() 0; set by realtime_init(), then constant. */
static uint64_t realtime_offset_ns;

/* "2025-01-31 23:59:59" for seconds since the epoch. */
static void format_date(int64_t seconds, char *buf, size_t size)
{
	struct calendar_time t;

	epoch_to_calendar(seconds, &t);
	snprintf(buf, size, "%04ld-%02d-%02d %02d:%02d:%02d", (long)t.year, t.month, t.day, t.hour,
		 t.minute, t.second);
}

void realtime_init(void)
{
	int64_t seconds = 0;
	int err = rtc_read_epoch_seconds(&seconds);
	uint64_t epoch_ns;
	char date[32];

	if (err || seconds < 0) {
		pr_warn("time: cannot read the RTC (error %d); the wall clock starts at 1970\n",
			err);
		return;
	}
	epoch_ns = ns_from_units((uint64_t)seconds, NSEC_PER_SEC);
	realtime_offset_ns = epoch_ns - MIN(epoch_ns, clock_monotonic_ns());
	format_date(seconds, date, sizeof(date));
	pr_info("time: %s UTC from the RTC (%ld s since 1970)\n", date, (long)seconds);
}

uint64_t clock_realtime_ns(void)
{
	return ns_add(clock_monotonic_ns(), realtime_offset_ns);
}
