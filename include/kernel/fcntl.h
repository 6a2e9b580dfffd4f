/*
 * Flags of open(2) and friends, fcntl(2)'s commands and lseek(2)'s whence, with Linux's
 * x86_64 values: the system-call layer passes a user's flags straight through to vfs_open().
 */
#ifndef KERNEL_FCNTL_H
#define KERNEL_FCNTL_H

/* The access mode: the low two bits of the flags, one of these three. */
#define O_ACCMODE 0003
#define O_RDONLY  0000
#define O_WRONLY  0001
#define O_RDWR	  0002

#define O_CREAT	    00000100 /* create the file if it does not exist */
#define O_EXCL	    00000200 /* with O_CREAT: fail with EEXIST if it exists */
#define O_NOCTTY    00000400 /* opening the console does not make it the controlling terminal */
#define O_TRUNC	    00001000 /* a regular file opened for writing is emptied */
#define O_APPEND    00002000 /* every write goes to the end of the file */
#define O_NONBLOCK  00004000 /* kept in f_flags for the drivers that honour it */
#define O_DIRECTORY 00200000 /* fail with ENOTDIR unless the path names a directory */
#define O_NOFOLLOW  00400000 /* accepted and ignored: there are no symbolic links */
#define O_CLOEXEC   02000000 /* the descriptor is closed by execve (a descriptor flag) */

/* The directory descriptor that means "the current directory" (openat, mkdirat, ...). */
#define AT_FDCWD	    -100
#define AT_SYMLINK_NOFOLLOW 0x100  /* do not follow a last symbolic link (there are none) */
#define AT_REMOVEDIR	    0x200  /* unlinkat() removes a directory, as rmdir() */
#define AT_EMPTY_PATH	    0x1000 /* an empty path names the descriptor dirfd itself */

/* fcntl(2)'s commands. */
#define F_DUPFD		0 /* a new descriptor, the lowest free >= arg */
#define F_GETFD		1 /* the descriptor's flags */
#define F_SETFD		2
#define F_GETFL		3    /* the open file's status flags and access mode */
#define F_DUPFD_CLOEXEC 1030 /* F_DUPFD, the new descriptor close-on-exec */

/* The one descriptor flag (fcntl F_GETFD / F_SETFD). */
#define FD_CLOEXEC 1

/* lseek's whence. */
#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#endif
