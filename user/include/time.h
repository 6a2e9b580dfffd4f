/*
 * <time.h> for Corral programs: newlib's, with the clock ids of Linux.
 *
 * clock_gettime() passes its clock id to the kernel unchanged, so the ids must be Linux's
 * (CLOCK_MONOTONIC is 1 there, 4 in newlib).  newlib's library code never uses them, so they
 * are corrected here rather than in the headers newlib is built with.
 */
#ifndef _CORRAL_TIME_H
#define _CORRAL_TIME_H

#include_next <time.h>

#undef CLOCK_REALTIME
#undef CLOCK_MONOTONIC
#undef CLOCK_PROCESS_CPUTIME_ID
#undef CLOCK_THREAD_CPUTIME_ID
#undef CLOCK_MONOTONIC_RAW
#undef CLOCK_REALTIME_COARSE
#undef CLOCK_MONOTONIC_COARSE
#undef CLOCK_BOOTTIME
#undef CLOCK_REALTIME_ALARM
#undef CLOCK_BOOTTIME_ALARM
#undef TIMER_ABSTIME

#define CLOCK_REALTIME		 ((clockid_t)0) /* Wall-clock time, settable */
#define CLOCK_MONOTONIC		 ((clockid_t)1) /* Time since boot, never goes back */
#define CLOCK_PROCESS_CPUTIME_ID ((clockid_t)2) /* CPU time of this process */
#define CLOCK_THREAD_CPUTIME_ID	 ((clockid_t)3) /* CPU time of this thread */
#if __GNU_VISIBLE
#define CLOCK_MONOTONIC_RAW    ((clockid_t)4)
#define CLOCK_REALTIME_COARSE  ((clockid_t)5)
#define CLOCK_MONOTONIC_COARSE ((clockid_t)6)
#define CLOCK_BOOTTIME	       ((clockid_t)7)
#define CLOCK_REALTIME_ALARM   ((clockid_t)8)
#define CLOCK_BOOTTIME_ALARM   ((clockid_t)9)
#endif

#define TIMER_ABSTIME 1 /* clock_nanosleep(): the time is absolute */

#endif /* _CORRAL_TIME_H */
