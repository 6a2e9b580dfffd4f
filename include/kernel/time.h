/*
 * Time.  The monotonic clock counts nanoseconds since boot from the TSC, whose rate is
 * measured against the PIT at boot (arch/x86_64/timer.c); jiffies count timer ticks.
 */
#ifndef KERNEL_TIME_H
#define KERNEL_TIME_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

/* Nanoseconds since boot; 0 until the clock is calibrated.  Never goes backwards. */
uint64_t clock_monotonic_ns(void);

/* Busy-wait at least ns nanoseconds (with cpu_relax); for drivers before the scheduler. */
void udelay_ns(uint64_t ns);

/* Timer ticks since the periodic timer started, at TIMER_HZ per second. */
#define TIMER_HZ 100
extern volatile uint64_t jiffies;

#endif
