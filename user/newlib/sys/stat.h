/*
 * Corral's <sys/stat.h> for newlib: struct stat with the layout of Linux on x86_64 (144
 * bytes), the file mode bits, and the stat family of calls.
 *
 * stat(), fstat() and lstat() let the kernel fill the caller's struct stat directly, so its
 * layout must be the kernel's; newlib's generic one orders and sizes the fields differently.
 * This file replaces newlib's when newlib is built (scripts/newlib.sh); stdio uses st_mode and
 * st_blksize from it.  The mode bits are the same octal values everywhere.
 */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H
#ifdef __cplusplus
extern "C" {
#endif

#include <_ansi.h>
#include <time.h>
#include <sys/cdefs.h>
#include <sys/types.h>
#include <sys/_timespec.h>

struct stat {
	dev_t st_dev;		/* Device of the file system */
	ino_t st_ino;		/* Inode number */
	unsigned long st_nlink; /* Hard links (Linux's nlink_t is 64 bits) */
	mode_t st_mode;		/* File type and permissions */
	uid_t st_uid;		/* Owner */
	gid_t st_gid;		/* Group */
	int __pad0;
	dev_t st_rdev;		 /* Device number, for device files */
	off_t st_size;		 /* Size in bytes */
	blksize_t st_blksize;	 /* Preferred I/O size */
	blkcnt_t st_blocks;	 /* 512-byte blocks allocated */
	struct timespec st_atim; /* Last access */
	struct timespec st_mtim; /* Last modification */
	struct timespec st_ctim; /* Last status change */
	long __st_reserved[3];
};

#define st_atime st_atim.tv_sec
#define st_mtime st_mtim.tv_sec
#define st_ctime st_ctim.tv_sec

#define _IFMT	0170000 /* type of file */
#define _IFDIR	0040000 /* directory */
#define _IFCHR	0020000 /* character special */
#define _IFBLK	0060000 /* block special */
#define _IFREG	0100000 /* regular */
#define _IFLNK	0120000 /* symbolic link */
#define _IFSOCK 0140000 /* socket */
#define _IFIFO	0010000 /* fifo */

#define S_BLKSIZE 512 /* size of a block counted in st_blocks */

#define S_ISUID 0004000 /* set user id on execution */
#define S_ISGID 0002000 /* set group id on execution */
#define S_ISVTX 0001000 /* sticky: only owners may delete in a directory */
#if __BSD_VISIBLE
#define S_IREAD	 0000400 /* read permission, owner */
#define S_IWRITE 0000200 /* write permission, owner */
#define S_IEXEC	 0000100 /* execute/search permission, owner */
#endif

#define S_IFMT	 _IFMT
#define S_IFDIR	 _IFDIR
#define S_IFCHR	 _IFCHR
#define S_IFBLK	 _IFBLK
#define S_IFREG	 _IFREG
#define S_IFLNK	 _IFLNK
#define S_IFSOCK _IFSOCK
#define S_IFIFO	 _IFIFO

#define S_IRWXU (S_IRUSR | S_IWUSR | S_IXUSR)
#define S_IRUSR 0000400 /* read permission, owner */
#define S_IWUSR 0000200 /* write permission, owner */
#define S_IXUSR 0000100 /* execute/search permission, owner */
#define S_IRWXG (S_IRGRP | S_IWGRP | S_IXGRP)
#define S_IRGRP 0000040 /* read permission, group */
#define S_IWGRP 0000020 /* write permission, group */
#define S_IXGRP 0000010 /* execute/search permission, group */
#define S_IRWXO (S_IROTH | S_IWOTH | S_IXOTH)
#define S_IROTH 0000004 /* read permission, other */
#define S_IWOTH 0000002 /* write permission, other */
#define S_IXOTH 0000001 /* execute/search permission, other */

#if __BSD_VISIBLE
#define ACCESSPERMS (S_IRWXU | S_IRWXG | S_IRWXO)
#define ALLPERMS    (S_ISUID | S_ISGID | S_ISVTX | S_IRWXU | S_IRWXG | S_IRWXO)
#define DEFFILEMODE (S_IRUSR | S_IWUSR | S_IRGRP | S_IWGRP | S_IROTH | S_IWOTH)
#endif

#define S_ISBLK(m)  (((m)&_IFMT) == _IFBLK)
#define S_ISCHR(m)  (((m)&_IFMT) == _IFCHR)
#define S_ISDIR(m)  (((m)&_IFMT) == _IFDIR)
#define S_ISFIFO(m) (((m)&_IFMT) == _IFIFO)
#define S_ISREG(m)  (((m)&_IFMT) == _IFREG)
#define S_ISLNK(m)  (((m)&_IFMT) == _IFLNK)
#define S_ISSOCK(m) (((m)&_IFMT) == _IFSOCK)

/* Special tv_nsec values for utimensat() and futimens() */
#define UTIME_NOW  ((1l << 30) - 1l)
#define UTIME_OMIT ((1l << 30) - 2l)

int chmod(const char *__path, mode_t __mode);
int fchmod(int __fd, mode_t __mode);
int fstat(int __fd, struct stat *__sbuf);
int lstat(const char *__restrict __path, struct stat *__restrict __buf);
int mkdir(const char *__path, mode_t __mode);
int mkfifo(const char *__path, mode_t __mode);
int mknod(const char *__path, mode_t __mode, dev_t __dev);
int stat(const char *__restrict __path, struct stat *__restrict __sbuf);
mode_t umask(mode_t __mask);
#if __ATFILE_VISIBLE
int fchmodat(int, const char *, mode_t, int);
int fstatat(int, const char *__restrict, struct stat *__restrict, int);
int mkdirat(int, const char *, mode_t);
int mkfifoat(int, const char *, mode_t);
int mknodat(int, const char *, mode_t, dev_t);
int utimensat(int, const char *, const struct timespec *, int);
#endif
#if __POSIX_VISIBLE >= 200809
int futimens(int, const struct timespec *);
#endif

#ifdef _COMPILING_NEWLIB
int _fstat(int __fd, struct stat *__sbuf);
int _stat(const char *__restrict __path, struct stat *__restrict __sbuf);
int _mkdir(const char *_path, mode_t __mode);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _SYS_STAT_H */
