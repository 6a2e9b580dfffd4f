/*
 * Host tests of lib/timeconv.c: the saturating conversions of time, at their edges.
 *
 * The cap is written out here (2^63 - 1 ns) rather than taken from the header, and so are the
 * points where each conversion first overflows: the expected values are worked out by hand.
 */
#include <stdint.h>
#include <stdio.h>

#include "lib_host.h"
#include "tap.h"

#define CAP	UINT64_C(9223372036854775807) /* 2^63 - 1 */
#define SEC	UINT64_C(1000000000)
#define TICK_NS UINT64_C(10000000) /* 100 Hz */
#define TWO_62	(UINT64_C(1) << 62)
#define TWO_57	(UINT64_C(1) << 57)
/* The largest whole seconds whose nanoseconds fit the cap: 9223372036 s = 9.223372036e18 ns. */
#define CAP_SECS UINT64_C(9223372036)

static void check_u64(uint64_t got, uint64_t want, const char *what)
{
	if (!tap_ok(got == want, "%s", what))
		printf("# got %llu expected %llu\n", (unsigned long long)got,
		       (unsigned long long)want);
}

static void check_ns_add(void)
{
	check_u64(corral_ns_add(0, 0), 0, "ns_add: 0 + 0 is 0");
	check_u64(corral_ns_add(1, 0), 1, "ns_add: 1 + 0 is 1");
	check_u64(corral_ns_add(CAP - 1, 0), CAP - 1, "ns_add: cap - 1 + 0 is cap - 1");
	check_u64(corral_ns_add(CAP - 1, 1), CAP, "ns_add: cap - 1 + 1 is the cap");
	check_u64(corral_ns_add(CAP - 2, 1), CAP - 1, "ns_add: cap - 2 + 1 is cap - 1");
	check_u64(corral_ns_add(CAP, 1), CAP, "ns_add: cap + 1 stays at the cap");
	check_u64(corral_ns_add(1, CAP), CAP, "ns_add: 1 + cap stays at the cap");
	check_u64(corral_ns_add(TWO_62, TWO_62 - 2), CAP - 1, "ns_add: 2^62 + 2^62 - 2 is cap - 1");
	check_u64(corral_ns_add(TWO_62, TWO_62), CAP, "ns_add: 2^62 + 2^62 saturates");
	check_u64(corral_ns_add(UINT64_MAX, UINT64_MAX), CAP,
		  "ns_add: UINT64_MAX + UINT64_MAX saturates, no wrap");
	check_u64(corral_ns_add(UINT64_MAX, 0), CAP, "ns_add: UINT64_MAX + 0 is capped");
}

static void check_ns_from_units(void)
{
	check_u64(corral_ns_from_units(0, SEC), 0, "ns_from_units: 0 s is 0 ns");
	check_u64(corral_ns_from_units(1, SEC), SEC, "ns_from_units: 1 s is 1e9 ns");
	check_u64(corral_ns_from_units(CAP_SECS, SEC), CAP_SECS * SEC,
		  "ns_from_units: 9223372036 s, the last whole second below the cap, is exact");
	check_u64(corral_ns_from_units(CAP_SECS + 1, SEC), CAP,
		  "ns_from_units: 9223372037 s saturates");
	check_u64(corral_ns_from_units(UINT64_C(18446744074), SEC), CAP,
		  "ns_from_units: 18446744074 s (past 2^64 ns) saturates, no wrap");
	check_u64(corral_ns_from_units(TWO_57, SEC), CAP, "ns_from_units: 2^57 s saturates");
	check_u64(corral_ns_from_units(CAP, SEC), CAP, "ns_from_units: INT64_MAX s saturates");
	check_u64(corral_ns_from_units(UINT64_MAX, SEC), CAP,
		  "ns_from_units: UINT64_MAX s saturates");
	check_u64(corral_ns_from_units(CAP, 1), CAP, "ns_from_units: INT64_MAX ns is the cap");
	check_u64(corral_ns_from_units(CAP - 1, 1), CAP - 1, "ns_from_units: cap - 1 ns is exact");
	check_u64(corral_ns_from_units(UINT64_MAX, 1), CAP,
		  "ns_from_units: UINT64_MAX ns is capped");
	check_u64(corral_ns_from_units(UINT64_MAX, 0), 0, "ns_from_units: any count of 0 ns is 0");
	check_u64(corral_ns_from_units(TWO_62, 2), CAP, "ns_from_units: 2^62 times 2 saturates");
	check_u64(corral_ns_from_units(TWO_62 - 1, 2), CAP - 1,
		  "ns_from_units: (2^62 - 1) times 2 is cap - 1");
}

static void check_timespec_valid(void)
{
	tap_ok(corral_timespec_valid(0, 0), "timespec_valid: {0, 0}");
	tap_ok(corral_timespec_valid(0, 999999999), "timespec_valid: {0, 999999999}");
	tap_ok(corral_timespec_valid(INT64_MAX, 999999999),
	       "timespec_valid: {INT64_MAX, 999999999}");
	tap_ok(!corral_timespec_valid(0, 1000000000), "timespec_valid: not {0, 1000000000}");
	tap_ok(!corral_timespec_valid(0, -1), "timespec_valid: not {0, -1}");
	tap_ok(!corral_timespec_valid(-1, 0), "timespec_valid: not {-1, 0}");
	tap_ok(!corral_timespec_valid(INT64_MIN, 0), "timespec_valid: not {INT64_MIN, 0}");
	tap_ok(!corral_timespec_valid(1, INT64_MAX), "timespec_valid: not {1, INT64_MAX}");
}

static void check_timespec_to_ns(void)
{
	check_u64(corral_timespec_to_ns(0, 0), 0, "timespec_to_ns: {0, 0} is 0");
	check_u64(corral_timespec_to_ns(0, 1), 1, "timespec_to_ns: {0, 1} is 1");
	check_u64(corral_timespec_to_ns(1, 0), SEC, "timespec_to_ns: {1, 0} is 1e9");
	check_u64(corral_timespec_to_ns(1, 999999999), 2 * SEC - 1,
		  "timespec_to_ns: {1, 999999999} is 2e9 - 1");
	check_u64(corral_timespec_to_ns(CAP_SECS, 854775806), CAP - 1,
		  "timespec_to_ns: {9223372036, 854775806} is cap - 1");
	check_u64(corral_timespec_to_ns(CAP_SECS, 854775807), CAP,
		  "timespec_to_ns: {9223372036, 854775807} is exactly the cap");
	check_u64(corral_timespec_to_ns(CAP_SECS, 854775808), CAP,
		  "timespec_to_ns: {9223372036, 854775808} saturates");
	check_u64(corral_timespec_to_ns(CAP_SECS + 1, 0), CAP,
		  "timespec_to_ns: {9223372037, 0} saturates");
	check_u64(corral_timespec_to_ns(INT64_C(18446744073), 709551615), CAP,
		  "timespec_to_ns: {18446744073, 709551615}, 2^64 - 1 ns, saturates");
	check_u64(corral_timespec_to_ns(INT64_C(18446744074), 0), CAP,
		  "timespec_to_ns: {18446744074, 0}, past 2^64 ns, saturates, no wrap");
	check_u64(corral_timespec_to_ns((int64_t)TWO_57, 0), CAP,
		  "timespec_to_ns: {2^57, 0} saturates");
	check_u64(corral_timespec_to_ns(INT64_MAX, 999999999), CAP,
		  "timespec_to_ns: {INT64_MAX, 999999999} saturates");
}

static void check_ns_to_ticks(void)
{
	check_u64(corral_ns_to_ticks(0, TICK_NS), 0, "ns_to_ticks: 0 ns is 0 ticks");
	check_u64(corral_ns_to_ticks(1, TICK_NS), 1, "ns_to_ticks: 1 ns rounds up to 1 tick");
	check_u64(corral_ns_to_ticks(TICK_NS, TICK_NS), 1, "ns_to_ticks: one tick's ns is 1 tick");
	check_u64(corral_ns_to_ticks(TICK_NS + 1, TICK_NS), 2,
		  "ns_to_ticks: one tick's ns + 1 rounds up to 2");
	check_u64(corral_ns_to_ticks(CAP, TICK_NS), UINT64_C(922337203686),
		  "ns_to_ticks: the cap is 922337203686 ticks (rounded up)");
	check_u64(corral_ns_to_ticks(UINT64_MAX - 1, TICK_NS), UINT64_C(1844674407371),
		  "ns_to_ticks: UINT64_MAX - 1 ns rounds up without wrapping");
	check_u64(corral_ns_to_ticks(UINT64_MAX, TICK_NS), UINT64_C(1844674407371),
		  "ns_to_ticks: UINT64_MAX ns rounds up without wrapping");
	check_u64(corral_ns_to_ticks(UINT64_MAX, 1), UINT64_MAX,
		  "ns_to_ticks: UINT64_MAX ns in 1 ns ticks is UINT64_MAX");
}

int main(void)
{
	check_ns_add();
	check_ns_from_units();
	check_timespec_valid();
	check_timespec_to_ns();
	check_ns_to_ticks();
	return tap_done();
}
