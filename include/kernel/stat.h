/*
 * File types and permission bits, and struct stat exactly as Linux lays it out on x86_64
 * (what stat(2), lstat(2) and fstat(2) fill): the values are the ones every C library knows.
 */
#ifndef KERNEL_STAT_H
#define KERNEL_STAT_H

#include <stdint.h>
#include <kernel/types.h>

/* The file type: the top bits of a mode. */
#define S_IFMT	 0170000
#define S_IFSOCK 0140000
#define S_IFLNK	 0120000
#define S_IFREG	 0100000
#define S_IFBLK	 0060000
#define S_IFDIR	 0040000
#define S_IFCHR	 0020000
#define S_IFIFO	 0010000

#define S_ISREG(m)  (((m)&S_IFMT) == S_IFREG)
#define S_ISDIR(m)  (((m)&S_IFMT) == S_IFDIR)
#define S_ISCHR(m)  (((m)&S_IFMT) == S_IFCHR)
#define S_ISBLK(m)  (((m)&S_IFMT) == S_IFBLK)
#define S_ISFIFO(m) (((m)&S_IFMT) == S_IFIFO)
#define S_ISLNK(m)  (((m)&S_IFMT) == S_IFLNK)

/* Permission bits, with set-user-id, set-group-id and sticky: the low 12 bits of a mode. */
#define S_IALLUGO 07777
#define S_ISUID	  04000 /* set-user-ID (no effect on execve in Corral) */
#define S_ISGID	  02000 /* set-group-ID; on a directory, new names take its group */
#define S_ISVTX                                                                                    \
	01000		/* sticky; on a directory, only owners may remove a name (fs/permission.c) \
			 */
#define S_IRWXUGO 00777 /* read, write and execute for owner, group and others */
#define S_IXUGO	  00111 /* execute (search, for a directory) for owner, group or others */
#define S_IXGRP	  00010 /* execute for the group */

/* utimensat(2)'s special tv_nsec values: the time now, or leave this time as it is. */
#define UTIME_NOW  ((1L << 30) - 1)
#define UTIME_OMIT ((1L << 30) - 2)

struct stat {
	uint64_t st_dev;   /* the device (file system instance) holding the file */
	uint64_t st_ino;   /* its inode number, unique within st_dev */
	uint64_t st_nlink; /* names it has (directories: 2 + subdirectories) */
	uint32_t st_mode;  /* S_IF* type and permission bits */
	uint32_t st_uid;
	uint32_t st_gid;
	uint32_t __pad0;
	uint64_t st_rdev;	   /* for a device file, the device it stands for */
	int64_t st_size;	   /* bytes */
	int64_t st_blksize;	   /* the I/O size that works best */
	int64_t st_blocks;	   /* storage used, in 512-byte units */
	struct timespec64 st_atim; /* last read */
	struct timespec64 st_mtim; /* last change of the data */
	struct timespec64 st_ctim; /* last change of the data or attributes */
	int64_t __unused[3];
};

_Static_assert(sizeof(struct stat) == 144, "struct stat must match Linux x86_64");

/*
 * A device number as user space sees it in st_rdev (glibc's makedev): the minor's low 8 bits,
 * the major's 12 bits above them, the minor's remaining bits above those.
 */
static inline uint64_t dev_to_user(dev_t dev)
{
	uint64_t major = MAJOR(dev), minor = MINOR(dev);

	return (minor & 0xff) | (major << 8) | ((minor & ~0xffULL) << 12);
}

/* The other way, for the 32 bits mknod(2) takes: a 12-bit major, a 20-bit minor. */
static inline dev_t dev_from_user(uint32_t dev)
{
	return MKDEV((dev >> 8) & 0xfff, (dev & 0xff) | ((dev >> 12) & 0xfff00));
}

#endif
