/*
 * The scalar types of files and processes, with the sizes Linux gives them on x86_64, so that
 * they fit its system-call structures (struct stat, struct linux_dirent64) unchanged.
 *
 * dev_t is the kernel's own device number, major and minor packed by MKDEV(); user space sees
 * another packing, which dev_to_user() produces (include/kernel/stat.h).
 */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdint.h>

typedef long ssize_t;	 /* a byte count, or a negative errno */
typedef int64_t loff_t;	 /* a position in, or the size of, a file */
typedef uint32_t mode_t; /* file type and permission bits (S_IFREG | 0644) */
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint64_t ino_t;
typedef uint32_t dev_t;

/* A time as seconds and nanoseconds: Linux's struct timespec on x86_64, and stat's st_atim. */
struct timespec64 {
	int64_t tv_sec;
	long tv_nsec;
};

/* A time as seconds and microseconds: Linux's struct timeval on x86_64 (gettimeofday, rusage). */
struct timeval64 {
	int64_t tv_sec;
	int64_t tv_usec;
};

/* gettimeofday()'s time zone: minutes west of Greenwich, and a daylight-saving kind. */
struct timezone_user {
	int tz_minuteswest;
	int tz_dsttime;
};

/* Device numbers: 12 bits of major, 20 of minor, as inside Linux. */
#define MINORBITS     20
#define MINORMASK     ((1U << MINORBITS) - 1)
#define MKDEV(ma, mi) (((dev_t)(ma) << MINORBITS) | (dev_t)(mi))
#define MAJOR(dev)    ((unsigned int)((dev) >> MINORBITS))
#define MINOR(dev)    ((unsigned int)((dev)&MINORMASK))

#endif
