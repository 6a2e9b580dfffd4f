/*
 * The user-mode helper: the kernel starts a program of its own accord, as Linux's
 * call_usermodehelper() does (kernel/umh.c).  Any kernel code that may sleep can use it;
 * containers' release agent is the use planned for it.
 *
 * The helper is a new process with no parent (ppid 0): root's credentials, stdin, stdout and
 * stderr on /dev/console (not its controlling terminal), working directory "/", init's umask,
 * a session and process group of its own, signals default and none blocked, in every hierarchy's
 * top container.  The caller does not wait for it to finish; the kernel frees it when it exits
 * (proc_set_kernel_reaped()), so it needs no wait4() from init.  Its own children go to init, as
 * orphans do.
 */
#ifndef KERNEL_UMH_H
#define KERNEL_UMH_H

#include <stdint.h>

/*
 * Start path with argv and envp (NULL-terminated arrays of kernel strings) as a new process.
 * Returns its pid once its execve has succeeded, or the execve's negative errno (-ENOENT,
 * -EACCES, -ENOEXEC, ...) with nothing left behind.  Sleeps: process context only (a kernel
 * thread such as a work item's func, or a system call); argv and envp may be on the caller's
 * stack, and are not used after the return.
 */
int call_usermodehelper(const char *path, const char *const argv[], const char *const envp[]);

/* Helpers started, and calls that failed, since boot (for statistics). */
struct umh_stats {
	uint64_t started;
	uint64_t failed;
};

struct umh_stats umh_get_stats(void);

#endif
