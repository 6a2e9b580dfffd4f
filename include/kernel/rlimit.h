/*
 * Resource limits (kernel/rlimit.c): getrlimit(2), setrlimit(2) and prlimit64(2) with Linux's
 * numbers, layout and errors, and the two limits on the number of processes that stop a fork
 * bomb before memory runs out:
 *
 *   threads-max   processes on the whole machine, computed from memory at boot
 *                 (/proc/sys/kernel/threads-max); nobody passes it, root neither
 *   RLIMIT_NPROC  processes of one real user; a fork by a caller whose real uid already has
 *                 that many fails with EAGAIN, unless its real or effective uid is 0
 *
 * Every process has its own limits (struct proc's rlim), copied by fork() and kept by
 * execve().  Corral enforces RLIMIT_NPROC and RLIMIT_NOFILE (a descriptor table has
 * FDTABLE_SIZE slots, which is also the highest RLIMIT_NOFILE may be set to); the others are
 * kept and reported, RLIM_INFINITY unless a program set them, and enforce nothing.
 */
#ifndef KERNEL_RLIMIT_H
#define KERNEL_RLIMIT_H

#include <stdint.h>

#define RLIMIT_CPU     0
#define RLIMIT_FSIZE   1
#define RLIMIT_DATA    2
#define RLIMIT_STACK   3
#define RLIMIT_CORE    4
#define RLIMIT_RSS     5
#define RLIMIT_NPROC   6
#define RLIMIT_NOFILE  7
#define RLIMIT_MEMLOCK 8
#define RLIMIT_AS      9
#define RLIM_NLIMITS   16 /* Linux's count; 10 .. 15 are kept and reported like the rest */

#define RLIM_INFINITY (~0ULL)

/* Linux's struct rlimit on x86_64, which is also its struct rlimit64 (prlimit64()). */
struct rlimit_user {
	uint64_t rlim_cur; /* the limit in force */
	uint64_t rlim_max; /* the highest rlim_cur may be raised to; only root raises it */
};

struct proc;

/* The most processes the machine runs (threads-max), set by rlimit_init(); constant after. */
extern int procs_max;

/* Kernel stacks left for kernel threads beyond procs_max processes. */
#define KTHREAD_STACKS 64

/* At boot, once the page allocator knows the memory: compute procs_max. */
void rlimit_init(void);

/* p's limits: a copy of parent's, or without a parent (init, a helper) the boot defaults. */
void rlimit_init_proc(struct proc *p, const struct proc *parent);

/*
 * May parent fork one more process?  0, or -EAGAIN when the machine has procs_max processes,
 * or the parent's real user already has its RLIMIT_NPROC (unless root).  Caller holds
 * proc_lock, and links the child under the same hold for the answer to stay true.
 */
int rlimit_may_fork(const struct proc *parent);

/* The limit in force of resource for the current process (RLIM_INFINITY in a kernel thread). */
uint64_t rlimit_current(int resource);

#endif
