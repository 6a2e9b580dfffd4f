/*
 * Time.  The monotonic clock counts nanoseconds since boot from the TSC, whose rate is
 * measured against the PIT at boot (arch/x86_64/timer.c); jiffies count timer ticks; the wall
 * clock is the RTC's date at boot plus the monotonic clock since (kernel/time.c).
 * Arithmetic on times saturates at TIME_NS_MAX (<lib/timeconv.h>), so no time overflows.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>
#include <lib/timeconv.h>

/* Nanoseconds since boot; 0 until the clock is calibrated.  Never goes backwards. */
uint64_t clock_monotonic_ns(void);

/*
 * Nanoseconds since boot by this CPU's own clock, without clock_monotonic_ns()'s step that
 * keeps all CPUs' readings in order: cheaper, and never backwards on one CPU, but a reading
 * on another CPU a moment later may be a little smaller.  Call it with interrupts off, so that
 * the task does not move to another CPU in the middle (the kernel event trace does).
 */
uint64_t clock_local_ns(void);

/*
 * When the kernel's first step ran, on the same clock (0 until it runs): what came before
 * was the firmware's and the boot loader's.
 */
uint64_t clock_kernel_start_ns(void);

/*
 * Read the RTC and set the wall clock by it, logging the date; called once by kmain(), after
 * the monotonic clock is calibrated and before a second CPU starts.  If the RTC cannot be read
 * (logged), the wall clock counts from 1970-01-01 00:00 UTC at boot.
 */
void realtime_init(void);

/* The wall clock: nanoseconds since 1970-01-01 00:00 UTC (CLOCK_REALTIME).  Never goes back. */
uint64_t clock_realtime_ns(void);

/* Busy-wait at least ns nanoseconds (with cpu_relax); for drivers before the scheduler. */
void udelay_ns(uint64_t ns);

/* Timer ticks since the periodic timer started, at TIMER_HZ per second. */
#define TIMER_HZ 100
#define TICK_NS	 (NSEC_PER_SEC / TIMER_HZ)
extern volatile uint64_t jiffies;

/*
 * The jiffies value by which ns nanoseconds from now have surely passed: whole ticks rounded
 * up, plus one since the current tick is partly over.  With ns at most TIME_NS_MAX that is
 * under 2^57 ticks, so the sum wraps only once jiffies passes 2^63: 2.9 billion years at
 * TIMER_HZ.
 */
static inline uint64_t jiffies_after_ns(uint64_t ns)
{
	return jiffies + ns_to_ticks(ns < TIME_NS_MAX ? ns : TIME_NS_MAX, TICK_NS) + 1;
}

#endif
