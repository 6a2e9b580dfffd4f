/*
 * Corral's <sys/_default_fcntl.h> for newlib (reached through <fcntl.h>): open(2) flags,
 * fcntl(2) commands and the *at() constants, with the values of Linux on x86_64.
 *
 * open() and fcntl() hand these bits to the kernel unchanged, so they must be Linux's;
 * newlib's generic values differ (its O_CREAT is 0x200, Linux's 0100; its AT_FDCWD is -2,
 * Linux's -100).  This file replaces newlib's when newlib is built (scripts/newlib.sh), so
 * fopen() in libc.a passes these values too.
 */
#ifndef _SYS__DEFAULT_FCNTL_H_
#define _SYS__DEFAULT_FCNTL_H_
#ifdef __cplusplus
extern "C" {
#endif

#include <_ansi.h>
#include <sys/cdefs.h>
#include <sys/types.h>

/* open(2) flags */
#define O_ACCMODE   0003
#define O_RDONLY    00
#define O_WRONLY    01
#define O_RDWR	    02
#define O_CREAT	    0100
#define O_EXCL	    0200
#define O_NOCTTY    0400
#define O_TRUNC	    01000
#define O_APPEND    02000
#define O_NONBLOCK  04000
#define O_NDELAY    O_NONBLOCK
#define O_DSYNC	    010000
#define O_ASYNC	    020000
#define O_LARGEFILE 0 /* off_t is 64 bits already; the kernel sets its bit itself */
#define O_DIRECTORY 0200000
#define O_NOFOLLOW  0400000
#define O_CLOEXEC   02000000
#define O_SYNC	    04010000
#define O_RSYNC	    O_SYNC
#if __GNU_VISIBLE
#define O_DIRECT  040000
#define O_NOATIME 01000000
#define O_PATH	  010000000
#define O_TMPFILE (020000000 | O_DIRECTORY)
#endif

#if __MISC_VISIBLE
#define FAPPEND	  O_APPEND
#define FFSYNC	  O_SYNC
#define FASYNC	  O_ASYNC
#define FNONBLOCK O_NONBLOCK
#define FNDELAY	  O_NDELAY
#endif

/* fcntl(2) commands */
#define F_DUPFD		0    /* Duplicate the descriptor */
#define F_GETFD		1    /* Get descriptor flags (FD_CLOEXEC) */
#define F_SETFD		2    /* Set descriptor flags */
#define F_GETFL		3    /* Get file status flags (O_*) */
#define F_SETFL		4    /* Set file status flags */
#define F_GETLK		5    /* Get record-locking information */
#define F_SETLK		6    /* Set or clear a record lock, without waiting */
#define F_SETLKW	7    /* Set or clear a record lock, waiting */
#define F_SETOWN	8    /* Set the owner of SIGIO */
#define F_GETOWN	9    /* Get the owner of SIGIO */
#define F_DUPFD_CLOEXEC 1030 /* As F_DUPFD, and set FD_CLOEXEC on the copy */

#define FD_CLOEXEC 1 /* Descriptor flag: close on execve */

/* l_type of struct flock */
#define F_RDLCK 0
#define F_WRLCK 1
#define F_UNLCK 2

struct flock {
	short l_type;	/* F_RDLCK, F_WRLCK or F_UNLCK */
	short l_whence; /* SEEK_SET, SEEK_CUR or SEEK_END */
	off_t l_start;	/* Offset where the lock begins */
	off_t l_len;	/* Size of the locked area; 0 means until EOF */
	pid_t l_pid;	/* Process holding the lock (F_GETLK) */
};

/* The *at() calls */
#define AT_FDCWD	    -100  /* The directory is the current one */
#define AT_SYMLINK_NOFOLLOW 0x100 /* Do not follow a final symbolic link */
#define AT_REMOVEDIR	    0x200 /* unlinkat() removes a directory */
#define AT_EACCESS	    0x200 /* faccessat() checks with the effective ids */
#define AT_SYMLINK_FOLLOW   0x400 /* Follow a final symbolic link */
#if __GNU_VISIBLE
#define AT_EMPTY_PATH 0x1000 /* An empty path names the descriptor itself */
#endif

#if __BSD_VISIBLE
/* flock(2) operations */
#define LOCK_SH 1 /* Shared lock */
#define LOCK_EX 2 /* Exclusive lock */
#define LOCK_NB 4 /* Do not block */
#define LOCK_UN 8 /* Unlock */
#endif

#include <sys/stat.h> /* the S_I* mode bits, for open() and creat() */

extern int open(const char *, int, ...);
#if __ATFILE_VISIBLE
extern int openat(int, const char *, int, ...);
#endif
extern int creat(const char *, mode_t);
extern int fcntl(int, int, ...);
#if __BSD_VISIBLE
extern int flock(int, int);
#endif

#ifdef _COMPILING_NEWLIB
extern int _open(const char *, int, ...);
extern int _fcntl(int, int, ...);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _SYS__DEFAULT_FCNTL_H_ */
