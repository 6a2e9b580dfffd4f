/*
 * <sys/dirent.h> for Corral programs, reached through newlib's <dirent.h> (which declares
 * opendir() and friends; newlib's own <sys/dirent.h> is only an #error).
 *
 * struct dirent has the layout of the kernel's struct linux_dirent64, as getdents64() fills
 * it, so readdir() returns entries straight from its buffer, as glibc's does.  DIR is private
 * to user/lib/dirent.c.
 */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

struct dirent {
	ino_t d_ino;		 /* Inode number */
	off_t d_off;		 /* Position of the next entry, for the file system */
	unsigned short d_reclen; /* Size of this record */
	unsigned char d_type;	 /* DT_* */
	char d_name[256];	 /* NUL-terminated name */
};

#define _DIRENT_HAVE_D_OFF
#define _DIRENT_HAVE_D_RECLEN
#define _DIRENT_HAVE_D_TYPE

/* d_type */
#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12
#define DT_WHT	   14

#define IFTODT(mode) (((mode)&0170000) >> 12)
#define DTTOIF(type) ((type) << 12)

#define MAXNAMLEN 255

typedef struct __dirstream DIR;

#if __GNU_VISIBLE
ssize_t getdents64(int, void *, size_t);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _SYS_DIRENT_H */
