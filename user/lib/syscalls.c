/*
 * The system calls newlib itself needs.
 *
 * newlib's portable code reaches the operating system through a fixed list of functions
 * (its "syscall stubs"): stdio calls read() and write(), malloc() calls sbrk(), exit() calls
 * _exit(), and so on.  newlib is built for Corral without its own stubs and with the plain
 * POSIX names (MISSING_SYSCALL_NAMES), so each function here is both what newlib calls and what
 * a program calls.  Every one is a Linux system call, or a thin layer over one; a failure sets
 * errno to the kernel's code (the same numbers: see user/newlib/sys/errno.h) and returns -1.
 */
#define _GNU_SOURCE /* O_TMPFILE */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "syscall.h"

void _exit(int status)
{
	for (;;)
		syscall1(SYS_exit_group, status);
}

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & (O_CREAT | O_TMPFILE)) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return syscall_return(syscall3(SYS_open, (long)path, flags, mode));
}

int close(int fd)
{
	return syscall_return(syscall1(SYS_close, fd));
}

ssize_t read(int fd, void *buf, size_t count)
{
	return syscall_return(syscall3(SYS_read, fd, (long)buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return syscall_return(syscall3(SYS_write, fd, (long)buf, count));
}

off_t lseek(int fd, off_t offset, int whence)
{
	return syscall_return(syscall3(SYS_lseek, fd, offset, whence));
}

int fstat(int fd, struct stat *st)
{
	return syscall_return(syscall2(SYS_fstat, fd, (long)st));
}

int stat(const char *path, struct stat *st)
{
	return syscall_return(syscall2(SYS_stat, (long)path, (long)st));
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	long arg;

	va_start(ap, cmd);
	arg = va_arg(ap, long);
	va_end(ap);
	return syscall_return(syscall3(SYS_fcntl, fd, cmd, arg));
}

int link(const char *oldpath, const char *newpath)
{
	return syscall_return(syscall2(SYS_link, (long)oldpath, (long)newpath));
}

int unlink(const char *path)
{
	return syscall_return(syscall1(SYS_unlink, (long)path));
}

int mkdir(const char *path, mode_t mode)
{
	return syscall_return(syscall2(SYS_mkdir, (long)path, mode));
}

/* A terminal is what answers TCGETS; isatty() sets errno (ENOTTY) when the answer is no. */
int isatty(int fd)
{
	unsigned char termios[64]; /* the kernel's struct termios is 36 bytes */

	return syscall_return(syscall3(SYS_ioctl, fd, TCGETS, (long)termios)) == 0;
}

pid_t getpid(void)
{
	return syscall0(SYS_getpid);
}

int kill(pid_t pid, int sig)
{
	return syscall_return(syscall2(SYS_kill, pid, sig));
}

pid_t fork(void)
{
	return syscall_return(syscall0(SYS_fork));
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return syscall_return(syscall3(SYS_execve, (long)path, (long)argv, (long)envp));
}

pid_t wait(int *status)
{
	return wait4(-1, status, 0, NULL);
}

clock_t times(struct tms *buf)
{
	return syscall_return(syscall1(SYS_times, (long)buf));
}

/* The wall clock in microseconds; the kernel keeps no time zone, so *tz reads as UTC. */
int gettimeofday(struct timeval *tv, void *tz)
{
	return syscall_return(syscall2(SYS_gettimeofday, (long)tv, (long)tz));
}

/*
 * sbrk() over brk(2).  Linux's brk(addr) moves the end of the data segment to addr and returns
 * the new end, or the unchanged old end when it cannot; brk(0) asks where the end is.
 */
static uintptr_t current_break;

void *sbrk(ptrdiff_t increment)
{
	uintptr_t old, want;

	if (current_break == 0)
		current_break = syscall1(SYS_brk, 0);
	old = current_break;
	want = old + increment;
	if (increment != 0 && (uintptr_t)syscall1(SYS_brk, want) != want) {
		errno = ENOMEM;
		return (void *)-1;
	}
	current_break = want;
	return (void *)old;
}
