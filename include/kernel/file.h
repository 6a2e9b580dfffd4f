/*
 * Descriptor tables: a process's numbers for its open files (fs/fdtable.c).
 *
 * A descriptor is an index into a table of FDTABLE_SIZE slots, each empty or holding one
 * reference to a struct file; several descriptors (dup, or fork's copy of the table) may name
 * the same open file and so share its position.  Each slot also has the close-on-exec flag.
 * New descriptors get the lowest free number, as POSIX requires.
 *
 * The functions here take and give references: fd_install() takes over the caller's, fd_get()
 * gives the caller a new one (file_put() it when done), fd_close() drops the table's.  Files
 * are put outside the table's spinlock, since a last file_put() may sleep.
 */
#ifndef KERNEL_FILE_H
#define KERNEL_FILE_H

#include <stdbool.h>
#include <stdint.h>
#include <kernel/spinlock.h>

struct file;
struct path;
struct proc;

#define FDTABLE_SIZE 64 /* descriptors 0..63 per process */

/*
 * lock guards both fields for every change, and for reads by anyone but the table's own
 * process, which may read files[] without it (fd_lookup_own()): only it ever changes them.
 */
struct fdtable {
	struct spinlock lock;
	struct file *files[FDTABLE_SIZE];
	uint64_t cloexec; /* bit fd: close descriptor fd in execve */
};

/* A new, empty table, or NULL when out of memory. */
struct fdtable *fdtable_alloc(void);

/* A copy for fork(): the same open files (each with one more reference), same flags. */
struct fdtable *fdtable_clone(struct fdtable *table);

/* Close every descriptor and free the table (exit). */
void fdtable_release(struct fdtable *table);

/* Close every descriptor marked close-on-exec (execve). */
void fdtable_close_on_exec(struct fdtable *table);

/*
 * Give file the lowest free descriptor, taking over the caller's reference; flags may hold
 * O_CLOEXEC.  Returns the descriptor, or -EMFILE (the caller still owns its reference).
 */
int fd_install(struct fdtable *table, struct file *file, int flags);

/* The open file of fd with a new reference, or NULL if fd is not open (the caller's EBADF). */
struct file *fd_get(struct fdtable *table, int fd);

/*
 * The open file of fd in the calling process's own table, without the lock and without a
 * reference, or NULL: for read() and write(), the calls a pipe round trip makes four times.
 * The file stays open until the caller's system call returns, because only the caller could
 * close it: a table is never shared (fork() copies it, and Corral has no threads), so only
 * its own process changes it, and that process is busy in this call.
 */
struct file *fd_lookup_own(struct fdtable *table, int fd);

/* Close fd: 0, or -EBADF. */
int fd_close(struct fdtable *table, int fd);

/* dup(2): a new descriptor, the lowest free, for fd's file, without close-on-exec. */
int fd_dup(struct fdtable *table, int fd);

/* fcntl(F_DUPFD / F_DUPFD_CLOEXEC): the same, the lowest free descriptor >= min_fd. */
int fd_dup_min(struct fdtable *table, int fd, int min_fd, int flags);

/*
 * dup3(2): make newfd name oldfd's file, closing what newfd had; flags may hold O_CLOEXEC.
 * Returns newfd, -EBADF, or -EINVAL when oldfd == newfd.  dup2(2) is fd_dup2(), which returns
 * newfd when both are equal and oldfd is open.
 */
int fd_dup3(struct fdtable *table, int oldfd, int newfd, int flags);
int fd_dup2(struct fdtable *table, int oldfd, int newfd);

/* fcntl(F_GETFD / F_SETFD): FD_CLOEXEC or 0, or -EBADF. */
int fd_get_flags(struct fdtable *table, int fd);
int fd_set_flags(struct fdtable *table, int fd, int fd_flags);

/*
 * What processes need of the file layer (fs/proc_files.c): stdin, stdout and stderr on
 * /dev/console for a process the kernel starts (controlling: the console may become the
 * controlling terminal of p's session, as for init; else O_NOCTTY); a copy of the table for
 * fork(); close-on-exec; closing all at exit.
 */
int files_open_console(struct proc *p, bool controlling);
int files_fork(struct proc *child, struct proc *parent);
void files_exec(struct proc *p);
void files_exit(struct proc *p);

/* The working directory to resolve p's relative paths from; NULL: the root. */
const struct path *files_cwd(struct proc *p);

#endif
