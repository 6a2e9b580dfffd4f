/*
 * Directory entries as getdents64(2) returns them: a packed run of struct linux_dirent64
 * records, each 8-byte aligned, the name NUL-terminated.  Linux's layout and values.
 */
#ifndef KERNEL_DIRENT_H
#define KERNEL_DIRENT_H

#include <stdint.h>

struct linux_dirent64 {
	uint64_t d_ino;	   /* inode number */
	int64_t d_off;	   /* the directory position after this entry (for lseek) */
	uint16_t d_reclen; /* length of this record, padding included */
	uint8_t d_type;	   /* DT_* */
	char d_name[];	   /* NUL-terminated */
};

/* d_type: the file type, S_IFMT >> 12. */
#define DT_UNKNOWN 0
#define DT_FIFO	   1
#define DT_CHR	   2
#define DT_DIR	   4
#define DT_BLK	   6
#define DT_REG	   8
#define DT_LNK	   10
#define DT_SOCK	   12

/* The d_type of an inode of this mode. */
#define MODE_TO_DT(mode) (((mode) >> 12) & 15)

#endif
