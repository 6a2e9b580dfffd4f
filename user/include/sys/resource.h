/*
 * <sys/resource.h> for Corral programs, in place of newlib's: struct rusage with the layout of
 * Linux on x86_64 (144 bytes; newlib's holds only the two times, and wait4() or getrusage()
 * would write past it), resource limits and their calls.
 */
#ifndef _SYS_RESOURCE_H_
#define _SYS_RESOURCE_H_

#include <sys/types.h>
#include <sys/time.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RUSAGE_SELF	0    /* The calling process */
#define RUSAGE_CHILDREN (-1) /* Its children that have been waited for */
#if __GNU_VISIBLE
#define RUSAGE_THREAD 1 /* The calling thread */
#endif

struct rusage {
	struct timeval ru_utime; /* User time used */
	struct timeval ru_stime; /* System time used */
	long ru_maxrss;		 /* Largest resident set, in KiB */
	long ru_ixrss;
	long ru_idrss;
	long ru_isrss;
	long ru_minflt; /* Page faults served without I/O */
	long ru_majflt; /* Page faults that needed I/O */
	long ru_nswap;
	long ru_inblock; /* Blocks read */
	long ru_oublock; /* Blocks written */
	long ru_msgsnd;
	long ru_msgrcv;
	long ru_nsignals;
	long ru_nvcsw;	/* Voluntary context switches */
	long ru_nivcsw; /* Involuntary context switches */
};

typedef unsigned long rlim_t;

#define RLIM_INFINITY (~0UL)

struct rlimit {
	rlim_t rlim_cur; /* The limit in force */
	rlim_t rlim_max; /* The highest rlim_cur may be raised to */
};

#define RLIMIT_CPU     0 /* CPU time, in seconds */
#define RLIMIT_FSIZE   1 /* File size */
#define RLIMIT_DATA    2 /* Data segment (brk) size */
#define RLIMIT_STACK   3 /* Stack size */
#define RLIMIT_CORE    4 /* Core file size */
#define RLIMIT_RSS     5 /* Resident set size */
#define RLIMIT_NPROC   6 /* Processes of the real user */
#define RLIMIT_NOFILE  7 /* Open files */
#define RLIMIT_MEMLOCK 8 /* Locked memory */
#define RLIMIT_AS      9 /* Address-space size */
#define RLIM_NLIMITS   16

int getrusage(int, struct rusage *);
int getrlimit(int, struct rlimit *);
int setrlimit(int, const struct rlimit *);
#if __GNU_VISIBLE
/* Another process's limit (pid 0: the caller's): read into *old, set to *new; either may be NULL. */
int prlimit(pid_t, int, const struct rlimit *, struct rlimit *);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _SYS_RESOURCE_H_ */
