/*
 * The PC's battery-backed real-time clock (CMOS RTC, arch/x86_64/rtc.c): the wall-clock time
 * at boot, which CLOCK_REALTIME adds the monotonic clock to.
 */
#ifndef ARCH_RTC_H
#define ARCH_RTC_H

#include <stdint.h>

/* Seconds since 1970-01-01 00:00 UTC as the RTC reads now (the RTC is taken to keep UTC). */
int64_t rtc_read_epoch_seconds(void);

#endif
