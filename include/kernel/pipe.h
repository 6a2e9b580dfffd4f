/*
 * Pipes (fs/pipe.c): a one-way channel between a read end and a write end, both open files.
 *
 * The bytes sit in a ring buffer of PIPE_BUF_SIZE bytes, allocated by the first write (which
 * fails with ENOMEM if it cannot be).  A read waits while the pipe is empty and a writer is
 * left, then takes what is there (a short read); with no writer left, an empty pipe reads as
 * end of file.  A write waits while the pipe is full and a reader is left; with no reader
 * left, it fails with EPIPE and the writing process gets SIGPIPE.  A write of at most
 * PIPE_BUF bytes goes in whole, never interleaved with another; a longer one may be split.
 * With O_NONBLOCK, what would wait fails with EAGAIN instead, and a signal ends a wait with
 * EINTR.  Pipes cannot seek (ESPIPE).
 *
 * Each pipe is an inode of type S_IFIFO (mode 0600, owned by its creator) on pipefs, an
 * internal file system that is mounted once at boot and is not in the mount tree.
 */
#ifndef KERNEL_PIPE_H
#define KERNEL_PIPE_H

#include <stdint.h>

struct file;

#define PIPE_BUF       4096	   /* writes up to this many bytes are atomic (POSIX) */
#define PIPE_BUF_SIZE  (16 * 1024) /* bytes a pipe holds */
#define PIPE_BUF_ORDER 2	   /* the ring is one block of 2^PIPE_BUF_ORDER pages */

/*
 * Make a pipe: *read_end (O_RDONLY) and *write_end (O_WRONLY), each with one reference.
 * Returns 0, or -ENOMEM (nothing is made).
 */
int pipe_create(struct file **read_end, struct file **write_end);

/* The same, with open flags for both ends: O_NONBLOCK, or 0; others give -EINVAL. */
int pipe_create_flags(struct file **read_end, struct file **write_end, unsigned int flags);

/*
 * pipe(2) and pipe2(2) (kernel/sys_pipe.c): make a pipe and put its read and write ends in
 * the two ints at user address fds.  pipe2's flags: O_CLOEXEC (for both descriptors) and
 * O_NONBLOCK (for both files); any other bit is -EINVAL.  -EMFILE when the table is full,
 * -EFAULT (with no descriptor left open) when fds cannot be written.
 */
long sys_pipe(uint64_t fds);
long sys_pipe2(uint64_t fds, int flags);

#endif
