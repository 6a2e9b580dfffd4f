/*
 * Tests of the wall clock (kernel/time.c) and of the date conversions it and the RTC use
 * (lib/calendar.c; the host tests check those against the C library as well).
 */
#include <kernel/fs.h>
#include <kernel/ktest.h>
#include <kernel/time.h>
#include <lib/calendar.h>

#define JAN_1_2024_NS (1704067200ULL * NSEC_PER_SEC)

KTEST(realtime_after_2024, "time: the wall clock reads a date after 2024")
{
	KTEST_EXPECT(clock_realtime_ns() >= JAN_1_2024_NS);
}

KTEST(realtime_runs_with_monotonic, "time: the wall clock advances as the monotonic clock does")
{
	uint64_t wall = clock_realtime_ns(), mono = clock_monotonic_ns();
	uint64_t wall_later, mono_later;

	udelay_ns(3 * NSEC_PER_MSEC);
	wall_later = clock_realtime_ns();
	mono_later = clock_monotonic_ns();
	KTEST_EXPECT(wall_later - wall >= 3 * NSEC_PER_MSEC);
	/* the same offset: the two differences agree to the time between the two readings */
	KTEST_EXPECT(wall - mono <= (wall_later - mono_later) + NSEC_PER_MSEC);
	KTEST_EXPECT(wall_later - mono_later <= (wall - mono) + NSEC_PER_MSEC);
}

KTEST(vfs_now_is_wall_clock, "time: files are stamped with the wall clock (vfs_now)")
{
	struct timespec64 now = vfs_now();
	uint64_t wall = clock_realtime_ns() / NSEC_PER_SEC;

	KTEST_EXPECT(now.tv_sec >= (int64_t)(JAN_1_2024_NS / NSEC_PER_SEC));
	KTEST_EXPECT((uint64_t)now.tv_sec <= wall && (uint64_t)now.tv_sec + 1 >= wall);
}

KTEST(calendar_round_trip, "calendar: 2024-02-29 13:45:30 is 1709214330 s, and back (a Thursday)")
{
	struct calendar_time date = {
		.year = 2024, .month = 2, .day = 29, .hour = 13, .minute = 45, .second = 30
	};
	struct calendar_time back;

	KTEST_EXPECT(calendar_to_epoch(&date) == 1709214330);
	epoch_to_calendar(1709214330, &back);
	KTEST_EXPECT(back.year == 2024 && back.month == 2 && back.day == 29);
	KTEST_EXPECT(back.hour == 13 && back.minute == 45 && back.second == 30);
	KTEST_EXPECT(back.weekday == 4);
}

KTEST(calendar_edges, "calendar: the epoch, the second before it, and the end of 2099")
{
	struct calendar_time d;

	epoch_to_calendar(0, &d);
	KTEST_EXPECT(d.year == 1970 && d.month == 1 && d.day == 1 && d.hour == 0);
	epoch_to_calendar(-1, &d);
	KTEST_EXPECT(d.year == 1969 && d.month == 12 && d.day == 31 && d.second == 59);
	epoch_to_calendar(4102444799, &d);
	KTEST_EXPECT(d.year == 2099 && d.month == 12 && d.day == 31 && d.hour == 23);
	KTEST_EXPECT(days_in_month(2100, 2) == 28 && days_in_month(2000, 2) == 29);
}
