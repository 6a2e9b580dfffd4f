/*
 * Saturating conversions of time (the rules are in include/lib/timeconv.h).
 *
 * Each function checks before it computes, so no intermediate result can wrap: a product is
 * compared with the cap by division, a sum by subtraction.
 */
#include <lib/timeconv.h>

uint64_t ns_add(uint64_t a, uint64_t b)
{
	if (a >= TIME_NS_MAX || b >= TIME_NS_MAX - a)
		return TIME_NS_MAX;
	return a + b;
}

uint64_t ns_from_units(uint64_t count, uint64_t unit_ns)
{
	if (unit_ns != 0 && count > TIME_NS_MAX / unit_ns)
		return TIME_NS_MAX;
	return count * unit_ns;
}

bool timespec_valid(int64_t tv_sec, int64_t tv_nsec)
{
	return tv_sec >= 0 && tv_nsec >= 0 && tv_nsec < (int64_t)NSEC_PER_SEC;
}

uint64_t timespec_to_ns(int64_t tv_sec, int64_t tv_nsec)
{
	return ns_add(ns_from_units((uint64_t)tv_sec, NSEC_PER_SEC), (uint64_t)tv_nsec);
}

uint64_t ns_to_ticks(uint64_t ns, uint64_t tick_ns)
{
	return ns / tick_ns + (ns % tick_ns != 0);
}
