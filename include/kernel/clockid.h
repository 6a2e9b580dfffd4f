/*
 * The clocks clock_gettime(2) reads, by their clockid_t, with Linux's x86_64 values.
 */
#ifndef KERNEL_CLOCKID_H
#define KERNEL_CLOCKID_H

#define CLOCK_REALTIME		 0 /* wall-clock time, seconds since 1970-01-01 00:00 UTC */
#define CLOCK_MONOTONIC		 1 /* time since boot; never goes backwards */
#define CLOCK_PROCESS_CPUTIME_ID 2 /* the CPU time the calling process has used */
#define CLOCK_THREAD_CPUTIME_ID	 3 /* the CPU time the calling thread has used */
#define CLOCK_MONOTONIC_RAW	 4
#define CLOCK_REALTIME_COARSE	 5
#define CLOCK_MONOTONIC_COARSE	 6
#define CLOCK_BOOTTIME		 7 /* time since boot, suspended time included */

#endif
