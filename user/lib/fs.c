/*
 * Files and directories, beyond the calls newlib needs (those are in syscalls.c): the *at()
 * calls, descriptors (dup, pipe, ioctl), the working directory, links, modes and times.
 * Each is the Linux system call of the same name, or a thin layer over one.
 */
#define _GNU_SOURCE /* eaccess, euidaccess, futimesat() */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>
#include <utime.h>

#include "syscall.h"

#define PATH_MAX_LINUX 4096 /* the longest path the kernel returns from getcwd() */

int openat(int dirfd, const char *path, int flags, ...)
{
	mode_t mode = 0;
	va_list ap;

	if (flags & O_CREAT) {
		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return syscall_return(syscall4(SYS_openat, dirfd, (long)path, flags, mode));
}

int creat(const char *path, mode_t mode)
{
	return open(path, O_CREAT | O_WRONLY | O_TRUNC, mode);
}

int lstat(const char *path, struct stat *st)
{
	return syscall_return(syscall2(SYS_lstat, (long)path, (long)st));
}

int fstatat(int dirfd, const char *path, struct stat *st, int flags)
{
	return syscall_return(syscall4(SYS_newfstatat, dirfd, (long)path, (long)st, flags));
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return syscall_return(syscall4(SYS_pread64, fd, (long)buf, count, offset));
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return syscall_return(syscall4(SYS_pwrite64, fd, (long)buf, count, offset));
}

int dup(int fd)
{
	return syscall_return(syscall1(SYS_dup, fd));
}

int dup2(int fd, int newfd)
{
	return syscall_return(syscall2(SYS_dup2, fd, newfd));
}

int dup3(int fd, int newfd, int flags)
{
	return syscall_return(syscall3(SYS_dup3, fd, newfd, flags));
}

int pipe(int fds[2])
{
	return syscall_return(syscall1(SYS_pipe, (long)fds));
}

int pipe2(int fds[2], int flags)
{
	return syscall_return(syscall2(SYS_pipe2, (long)fds, flags));
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	long arg;

	va_start(ap, request);
	arg = va_arg(ap, long);
	va_end(ap);
	return syscall_return(syscall3(SYS_ioctl, fd, request, arg));
}

int flock(int fd, int operation)
{
	return syscall_return(syscall2(SYS_flock, fd, operation));
}

int fsync(int fd)
{
	return syscall_return(syscall1(SYS_fsync, fd));
}

int ftruncate(int fd, off_t length)
{
	return syscall_return(syscall2(SYS_ftruncate, fd, length));
}

int truncate(const char *path, off_t length)
{
	return syscall_return(syscall2(SYS_truncate, (long)path, length));
}

/* access() and faccessat() check with the real ids; faccessat()'s AT_EACCESS, the effective. */
int access(const char *path, int mode)
{
	return syscall_return(syscall2(SYS_access, (long)path, mode));
}

/* faccessat(2) has no flags argument: faccessat2(2) (Linux 5.8) is the one that takes them. */
int faccessat(int dirfd, const char *path, int mode, int flags)
{
	if (flags == 0)
		return syscall_return(syscall3(SYS_faccessat, dirfd, (long)path, mode));
	return syscall_return(syscall4(SYS_faccessat2, dirfd, (long)path, mode, flags));
}

int eaccess(const char *path, int mode)
{
	return faccessat(AT_FDCWD, path, mode, AT_EACCESS);
}

int euidaccess(const char *path, int mode)
{
	return eaccess(path, mode);
}

int chdir(const char *path)
{
	return syscall_return(syscall1(SYS_chdir, (long)path));
}

int fchdir(int fd)
{
	return syscall_return(syscall1(SYS_fchdir, fd));
}

/* getcwd(NULL, size) allocates the buffer, as glibc's does (size 0: as large as needed). */
char *getcwd(char *buf, size_t size)
{
	char *path = buf;
	long ret;

	if (!buf) {
		if (size == 0)
			size = PATH_MAX_LINUX;
		path = malloc(size);
		if (!path)
			return NULL;
	}
	ret = syscall2(SYS_getcwd, (long)path, size);
	if (syscall_failed(ret)) {
		if (!buf)
			free(path);
		syscall_return(ret);
		return NULL;
	}
	return path;
}

int mkdirat(int dirfd, const char *path, mode_t mode)
{
	return syscall_return(syscall3(SYS_mkdirat, dirfd, (long)path, mode));
}

int rmdir(const char *path)
{
	return syscall_return(syscall1(SYS_rmdir, (long)path));
}

int unlinkat(int dirfd, const char *path, int flags)
{
	return syscall_return(syscall3(SYS_unlinkat, dirfd, (long)path, flags));
}

/* Replaces newlib's rename(), which would be link() then unlink(). */
int rename(const char *oldpath, const char *newpath)
{
	return syscall_return(syscall2(SYS_rename, (long)oldpath, (long)newpath));
}

int renameat(int olddirfd, const char *oldpath, int newdirfd, const char *newpath)
{
	return syscall_return(
	    syscall4(SYS_renameat, olddirfd, (long)oldpath, newdirfd, (long)newpath));
}

int symlink(const char *target, const char *linkpath)
{
	return syscall_return(syscall2(SYS_symlink, (long)target, (long)linkpath));
}

ssize_t readlink(const char *path, char *buf, size_t size)
{
	return syscall_return(syscall3(SYS_readlink, (long)path, (long)buf, size));
}

int mknod(const char *path, mode_t mode, dev_t dev)
{
	return syscall_return(syscall3(SYS_mknod, (long)path, mode, dev));
}

int mknodat(int dirfd, const char *path, mode_t mode, dev_t dev)
{
	return syscall_return(syscall4(SYS_mknodat, dirfd, (long)path, mode, dev));
}

int mkfifo(const char *path, mode_t mode)
{
	return mknod(path, mode | S_IFIFO, 0);
}

int mkfifoat(int dirfd, const char *path, mode_t mode)
{
	return mknodat(dirfd, path, mode | S_IFIFO, 0);
}

int chmod(const char *path, mode_t mode)
{
	return syscall_return(syscall2(SYS_chmod, (long)path, mode));
}

int fchmod(int fd, mode_t mode)
{
	return syscall_return(syscall2(SYS_fchmod, fd, mode));
}

/*
 * fchmodat(2) has no flags argument.  AT_SYMLINK_NOFOLLOW asks not to follow a last symbolic
 * link, which the system call cannot do: EOPNOTSUPP, as C libraries on Linux say; any other
 * flag is EINVAL.
 */
int fchmodat(int dirfd, const char *path, mode_t mode, int flags)
{
	if (flags) {
		errno = flags & ~AT_SYMLINK_NOFOLLOW ? EINVAL : EOPNOTSUPP;
		return -1;
	}
	return syscall_return(syscall3(SYS_fchmodat, dirfd, (long)path, mode));
}

int chown(const char *path, uid_t owner, gid_t group)
{
	return syscall_return(syscall3(SYS_chown, (long)path, owner, group));
}

int fchown(int fd, uid_t owner, gid_t group)
{
	return syscall_return(syscall3(SYS_fchown, fd, owner, group));
}

int lchown(const char *path, uid_t owner, gid_t group)
{
	return syscall_return(syscall3(SYS_lchown, (long)path, owner, group));
}

int fchownat(int dirfd, const char *path, uid_t owner, gid_t group, int flags)
{
	return syscall_return(syscall5(SYS_fchownat, dirfd, (long)path, owner, group, flags));
}

mode_t umask(mode_t mask)
{
	return syscall1(SYS_umask, mask);
}

int utimensat(int dirfd, const char *path, const struct timespec *times, int flags)
{
	return syscall_return(syscall4(SYS_utimensat, dirfd, (long)path, (long)times, flags));
}

int futimens(int fd, const struct timespec *times)
{
	return utimensat(fd, NULL, times, 0);
}

/*
 * The older calls that set times in microseconds or seconds, over utimensat(2) as Linux's C
 * library makes them: a NULL time means now, and microseconds outside 0..999999 are EINVAL.
 */
static int timevals_to_timespecs(const struct timeval tv[2], struct timespec ts[2])
{
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		ts[i].tv_sec = tv[i].tv_sec;
		ts[i].tv_nsec = tv[i].tv_usec * 1000;
	}
	return 0;
}

int futimesat(int dirfd, const char *path, const struct timeval times[2])
{
	struct timespec ts[2];

	if (times && timevals_to_timespecs(times, ts) < 0)
		return -1;
	return utimensat(dirfd, path, times ? ts : NULL, 0);
}

int utimes(const char *path, const struct timeval *times)
{
	return futimesat(AT_FDCWD, path, times);
}

int lutimes(const char *path, const struct timeval *times)
{
	struct timespec ts[2];

	if (times && timevals_to_timespecs(times, ts) < 0)
		return -1;
	return utimensat(AT_FDCWD, path, times ? ts : NULL, AT_SYMLINK_NOFOLLOW);
}

int futimes(int fd, const struct timeval *times)
{
	struct timespec ts[2];

	if (times && timevals_to_timespecs(times, ts) < 0)
		return -1;
	return futimens(fd, times ? ts : NULL);
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];

	if (times) {
		ts[0] = (struct timespec){.tv_sec = times->actime};
		ts[1] = (struct timespec){.tv_sec = times->modtime};
	}
	return utimensat(AT_FDCWD, path, times ? ts : NULL, 0);
}
