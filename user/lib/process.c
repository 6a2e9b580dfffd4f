/*
 * Processes: waiting for children, identities (pid; the real, effective and saved user and
 * group ids, the supplementary groups; sessions), scheduling (the CPUs a process may run on
 * and runs on) and resource limits.  fork(), execve(), getpid() and kill() are in
 * syscalls.c, because newlib calls them too; the exec*() family is in exec.c.
 */
#define _GNU_SOURCE /* sched_getaffinity() */
#include <errno.h>
#include <grp.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "syscall.h"

pid_t wait4(pid_t pid, int *status, int options, struct rusage *rusage)
{
	return syscall_return(syscall4(SYS_wait4, pid, (long)status, options, (long)rusage));
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	return wait4(pid, status, options, NULL);
}

pid_t getppid(void)
{
	return syscall0(SYS_getppid);
}

uid_t getuid(void)
{
	return syscall0(SYS_getuid);
}

uid_t geteuid(void)
{
	return syscall0(SYS_geteuid);
}

gid_t getgid(void)
{
	return syscall0(SYS_getgid);
}

gid_t getegid(void)
{
	return syscall0(SYS_getegid);
}

int setuid(uid_t uid)
{
	return syscall_return(syscall1(SYS_setuid, uid));
}

int setgid(gid_t gid)
{
	return syscall_return(syscall1(SYS_setgid, gid));
}

int setreuid(uid_t ruid, uid_t euid)
{
	return syscall_return(syscall2(SYS_setreuid, ruid, euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return syscall_return(syscall2(SYS_setregid, rgid, egid));
}

int setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	return syscall_return(syscall3(SYS_setresuid, ruid, euid, suid));
}

int setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	return syscall_return(syscall3(SYS_setresgid, rgid, egid, sgid));
}

int getresuid(uid_t *ruid, uid_t *euid, uid_t *suid)
{
	return syscall_return(syscall3(SYS_getresuid, (long)ruid, (long)euid, (long)suid));
}

int getresgid(gid_t *rgid, gid_t *egid, gid_t *sgid)
{
	return syscall_return(syscall3(SYS_getresgid, (long)rgid, (long)egid, (long)sgid));
}

/* seteuid() and setegid() change the effective id alone, as the C library on Linux does. */
int seteuid(uid_t euid)
{
	if (euid == (uid_t)-1) {
		errno = EINVAL;
		return -1;
	}
	return setresuid(-1, euid, -1);
}

int setegid(gid_t egid)
{
	if (egid == (gid_t)-1) {
		errno = EINVAL;
		return -1;
	}
	return setresgid(-1, egid, -1);
}

int getgroups(int size, gid_t list[])
{
	return syscall_return(syscall2(SYS_getgroups, size, (long)list));
}

int setgroups(int size, const gid_t *list)
{
	return syscall_return(syscall2(SYS_setgroups, size, (long)list));
}

pid_t setsid(void)
{
	return syscall_return(syscall0(SYS_setsid));
}

int setpgid(pid_t pid, pid_t pgid)
{
	return syscall_return(syscall2(SYS_setpgid, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return syscall_return(syscall1(SYS_getpgid, pid));
}

pid_t getpgrp(void)
{
	return syscall0(SYS_getpgrp);
}

pid_t getsid(pid_t pid)
{
	return syscall_return(syscall1(SYS_getsid, pid));
}

int sched_yield(void)
{
	return syscall_return(syscall0(SYS_sched_yield));
}

/*
 * The kernel's call copies the CPU mask's bytes it has (8 for up to 64 CPUs) and returns their
 * count; the C library's returns 0, with the rest of the caller's set cleared.
 */
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set)
{
	long copied = syscall3(SYS_sched_getaffinity, pid, size, (long)set);

	if (syscall_failed(copied))
		return syscall_return(copied);
	memset((char *)set + copied, 0, size - copied);
	return 0;
}

int __sched_cpucount(size_t size, const cpu_set_t *set)
{
	int count = 0;

	for (size_t i = 0; i < size / sizeof(set->__bits[0]); i++)
		count += __builtin_popcountl(set->__bits[i]);
	return count;
}

int getcpu(unsigned int *cpu, unsigned int *node)
{
	return syscall_return(syscall3(SYS_getcpu, (long)cpu, (long)node, 0));
}

int sched_getcpu(void)
{
	unsigned int cpu;

	return getcpu(&cpu, NULL) < 0 ? -1 : (int)cpu;
}

/* alarm(2) cannot fail; a kernel without it reads as "no alarm was pending". */
unsigned alarm(unsigned seconds)
{
	long ret = syscall1(SYS_alarm, seconds);

	return syscall_failed(ret) ? 0 : ret;
}

int getrusage(int who, struct rusage *usage)
{
	return syscall_return(syscall2(SYS_getrusage, who, (long)usage));
}

int getrlimit(int resource, struct rlimit *rlim)
{
	return syscall_return(syscall2(SYS_getrlimit, resource, (long)rlim));
}

int setrlimit(int resource, const struct rlimit *rlim)
{
	return syscall_return(syscall2(SYS_setrlimit, resource, (long)rlim));
}

/* struct rlimit is Linux's struct rlimit64 on x86_64: prlimit64() takes it as it is. */
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit)
{
	return syscall_return(
	    syscall4(SYS_prlimit64, pid, resource, (long)new_limit, (long)old_limit));
}
