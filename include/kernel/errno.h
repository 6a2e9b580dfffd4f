/*
 * Error numbers, with the values and names of Linux on x86_64: system calls return them to
 * user programs (as -errno), so they must be the numbers newlib and every Linux program know.
 *
 * Inside the kernel an error is a negative errno value, passed up unchanged: return -ENOMEM.
 * Each definition is spelled exactly as in the C library's <errno.h>, so a file that sees
 * both gets identical, harmless redefinitions.
 */
#ifndef KERNEL_ERRNO_H
#define KERNEL_ERRNO_H

#define EPERM	     1		/* Operation not permitted */
#define ENOENT	     2		/* No such file or directory */
#define ESRCH	     3		/* No such process */
#define EINTR	     4		/* Interrupted system call */
#define EIO	     5		/* I/O error */
#define ENXIO	     6		/* No such device or address */
#define E2BIG	     7		/* Argument list too long */
#define ENOEXEC	     8		/* Exec format error */
#define EBADF	     9		/* Bad file number */
#define ECHILD	     10		/* No child processes */
#define EAGAIN	     11		/* Try again */
#define ENOMEM	     12		/* Out of memory */
#define EACCES	     13		/* Permission denied */
#define EFAULT	     14		/* Bad address */
#define ENOTBLK	     15		/* Block device required */
#define EBUSY	     16		/* Device or resource busy */
#define EEXIST	     17		/* File exists */
#define EXDEV	     18		/* Cross-device link */
#define ENODEV	     19		/* No such device */
#define ENOTDIR	     20		/* Not a directory */
#define EISDIR	     21		/* Is a directory */
#define EINVAL	     22		/* Invalid argument */
#define ENFILE	     23		/* File table overflow */
#define EMFILE	     24		/* Too many open files */
#define ENOTTY	     25		/* Not a typewriter */
#define ETXTBSY	     26		/* Text file busy */
#define EFBIG	     27		/* File too large */
#define ENOSPC	     28		/* No space left on device */
#define ESPIPE	     29		/* Illegal seek */
#define EROFS	     30		/* Read-only file system */
#define EMLINK	     31		/* Too many links */
#define EPIPE	     32		/* Broken pipe */
#define EDOM	     33		/* Math argument out of domain of func */
#define ERANGE	     34		/* Math result not representable */
#define EDEADLK	     35		/* Resource deadlock would occur */
#define ENAMETOOLONG 36		/* File name too long */
#define ENOLCK	     37		/* No record locks available */
#define ENOSYS	     38		/* Invalid system call number */
#define ENOTEMPTY    39		/* Directory not empty */
#define ELOOP	     40		/* Too many symbolic links encountered */
#define EWOULDBLOCK  EAGAIN	/* Operation would block */
#define ENOMSG	     42		/* No message of desired type */
#define EIDRM	     43		/* Identifier removed */
#define ENOSTR	     60		/* Device not a stream */
#define ENODATA	     61		/* No data available */
#define ETIME	     62		/* Timer expired */
#define EPROTO	     71		/* Protocol error */
#define EBADMSG	     74		/* Not a data message */
#define EOVERFLOW    75		/* Value too large for defined data type */
#define EBADFD	     77		/* File descriptor in bad state */
#define EILSEQ	     84		/* Illegal byte sequence */
#define EUSERS	     87		/* Too many users */
#define ENOTSOCK     88		/* Socket operation on non-socket */
#define EMSGSIZE     90		/* Message too long */
#define EOPNOTSUPP   95		/* Operation not supported */
#define ENOTSUP	     EOPNOTSUPP /* Operation not supported (the POSIX name) */
#define EADDRINUSE   98		/* Address already in use */
#define ENOBUFS	     105	/* No buffer space available */
#define ETIMEDOUT    110	/* Connection timed out */
#define EALREADY     114	/* Operation already in progress */
#define EINPROGRESS  115	/* Operation now in progress */
#define ESTALE	     116	/* Stale file handle */
#define EDQUOT	     122	/* Quota exceeded */
#define ECANCELED    125	/* Operation Canceled */
#define EOWNERDEAD   130	/* Owner died */

/*
 * The kernel's own, which user programs never see (Linux's numbers): a system call that a
 * signal interrupted asks to be made again.  On the way out (kernel/signal.c) it runs again
 * if no handler runs; if one does, it fails with EINTR, or for ERESTARTSYS runs again after
 * the handler if the handler's action has SA_RESTART.
 */
#define ERESTARTSYS    512
#define ERESTARTNOHAND 514

#endif /* KERNEL_ERRNO_H */
