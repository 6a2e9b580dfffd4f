/*
 * What getrusage(2), wait4(2) and times(2) report, with Linux's x86_64 values and layouts:
 * getrusage's who, struct rusage, and times's struct tms in USER_HZ clock ticks.
 */
#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include <stdint.h>
#include <kernel/types.h>

/* getrusage()'s who */
#define RUSAGE_SELF	0    /* the caller */
#define RUSAGE_CHILDREN (-1) /* its children that it has reaped, and theirs */
#define RUSAGE_THREAD	1    /* the calling thread: the process, as processes have one */

/* struct rusage: the CPU time in user mode and in the kernel, then 14 counts Corral keeps 0. */
struct rusage_user {
	struct timeval64 ru_utime;
	struct timeval64 ru_stime;
	int64_t ru_counts[14]; /* maxrss, ixrss, idrss, isrss, minflt, majflt, nswap, inblock,
				  oublock, msgsnd, msgrcv, nsignals, nvcsw, nivcsw */
};
_Static_assert(sizeof(struct rusage_user) == 144, "struct rusage must match Linux x86_64");

/* times(): CPU times and the clock it returns count clock ticks of USER_HZ a second. */
#define USER_HZ 100

struct tms_user {
	int64_t tms_utime;  /* user time */
	int64_t tms_stime;  /* system time */
	int64_t tms_cutime; /* user time of the reaped children, and theirs */
	int64_t tms_cstime; /* system time of the same */
};

#endif
