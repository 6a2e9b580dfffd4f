/*
 * pipe(2) and pipe2(2): make a pipe (fs/pipe.c), give its two ends the lowest free
 * descriptors of the calling process, and tell the caller which, in an int[2] in user memory
 * (read end first).  A caller that passes a bad array gets EFAULT and keeps no descriptor.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/pipe.h>
#include <kernel/proc.h>
#include <kernel/uaccess.h>

#define PIPE2_FLAGS (O_CLOEXEC | O_NONBLOCK)

/*
 * Install ends[0] and ends[1] in files (taking over their references, or dropping them on
 * failure), writing the descriptors to fds.  Returns 0 or -EMFILE, with neither installed.
 */
static int pipe_install(struct fdtable *files, struct file *ends[2], int cloexec, int fds[2])
{
	fds[0] = fd_install(files, ends[0], cloexec);
	if (fds[0] < 0) {
		file_put(ends[0]);
		file_put(ends[1]);
		return fds[0];
	}
	fds[1] = fd_install(files, ends[1], cloexec);
	if (fds[1] < 0) {
		fd_close(files, fds[0]);
		file_put(ends[1]);
		return fds[1];
	}
	return 0;
}

long sys_pipe2(uint64_t ufds, int flags)
{
	struct proc *p = current_proc();
	struct file *ends[2];
	int fds[2];
	int err;

	if (flags & ~PIPE2_FLAGS)
		return -EINVAL;
	if (!p || !p->files)
		return -EMFILE;
	err = pipe_create_flags(&ends[0], &ends[1], flags & O_NONBLOCK);
	if (err)
		return err;
	err = pipe_install(p->files, ends, flags & O_CLOEXEC, fds);
	if (err)
		return err;
	if (copy_to_user(ufds, fds, sizeof(fds))) {
		fd_close(p->files, fds[0]);
		fd_close(p->files, fds[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_pipe(uint64_t ufds)
{
	return sys_pipe2(ufds, 0);
}
