/*
 * Conversions between units of time that saturate instead of overflowing.
 *
 * Times are unsigned 64-bit counts of nanoseconds, capped at TIME_NS_MAX: a sum or a product
 * that would pass the cap gives the cap.  So a user's 2^57-second sleep becomes "about 292
 * years", which is forever for a kernel, never a wrapped number that has already passed.  The
 * cap is 2^63 - 1 like Linux's KTIME_MAX, so the time left of such a sleep still fits a
 * timespec's signed seconds.  Every conversion of a user's time goes through these functions
 * (lib/timeconv.c); the host tests check them at their edges (tests/host/timeconv_test.c).
 */
#ifndef LIB_TIMECONV_H
#define LIB_TIMECONV_H

#include <stdbool.h>
#include <stdint.h>

#define NSEC_PER_SEC  1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

/* The longest time in nanoseconds: 2^63 - 1, about 292 years. */
#define TIME_NS_MAX ((uint64_t)INT64_MAX)

/* a + b, or TIME_NS_MAX if that is more. */
uint64_t ns_add(uint64_t a, uint64_t b);

/* count units of unit_ns nanoseconds each (NSEC_PER_SEC for seconds), or TIME_NS_MAX. */
uint64_t ns_from_units(uint64_t count, uint64_t unit_ns);

/* Whether a timespec is a valid duration: tv_sec >= 0 and 0 <= tv_nsec < NSEC_PER_SEC. */
bool timespec_valid(int64_t tv_sec, int64_t tv_nsec);

/* A valid timespec in nanoseconds, or TIME_NS_MAX if that is more. */
uint64_t timespec_to_ns(int64_t tv_sec, int64_t tv_nsec);

/* ns in whole ticks of tick_ns (> 0) nanoseconds each, rounded up. */
uint64_t ns_to_ticks(uint64_t ns, uint64_t tick_ns);

#endif /* LIB_TIMECONV_H */
