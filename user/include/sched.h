/*
 * <sched.h> for Corral programs: newlib's, plus sched_yield(), which Linux declares
 * unconditionally and newlib only with the POSIX thread or priority-scheduling options, and
 * what Linux's C library adds for _GNU_SOURCE: the CPUs a process may run on
 * (sched_getaffinity(), cpu_set_t and its CPU_* macros) and the one it runs on (sched_getcpu(),
 * getcpu()).
 */
#ifndef _CORRAL_SCHED_H
#define _CORRAL_SCHED_H

#include_next <sched.h>

#ifdef __cplusplus
extern "C" {
#endif

int sched_yield(void);

#if __GNU_VISIBLE
#include <sys/types.h>

#define CPU_SETSIZE 1024 /* CPUs a cpu_set_t can name */

typedef struct {
	unsigned long __bits[CPU_SETSIZE / (8 * sizeof(unsigned long))];
} cpu_set_t;

#define __CPU_WORD(cpu) ((cpu) / (8 * sizeof(unsigned long)))
#define __CPU_BIT(cpu)	(1UL << ((cpu) % (8 * sizeof(unsigned long))))
#define CPU_ZERO(set)	__builtin_memset((set), 0, sizeof(cpu_set_t))
#define CPU_SET(cpu, set)                                                                          \
	((void)((cpu) < CPU_SETSIZE ? ((set)->__bits[__CPU_WORD(cpu)] |= __CPU_BIT(cpu)) : 0))
#define CPU_CLR(cpu, set)                                                                          \
	((void)((cpu) < CPU_SETSIZE ? ((set)->__bits[__CPU_WORD(cpu)] &= ~__CPU_BIT(cpu)) : 0))
#define CPU_ISSET(cpu, set)                                                                        \
	((cpu) < CPU_SETSIZE && ((set)->__bits[__CPU_WORD(cpu)] & __CPU_BIT(cpu)) != 0)
#define CPU_COUNT(set) __sched_cpucount(sizeof(cpu_set_t), (set))

int __sched_cpucount(size_t __setsize, const cpu_set_t *__set);
int sched_getaffinity(pid_t __pid, size_t __cpusetsize, cpu_set_t *__cpuset);
int sched_getcpu(void);
int getcpu(unsigned int *__cpu, unsigned int *__node);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _CORRAL_SCHED_H */
