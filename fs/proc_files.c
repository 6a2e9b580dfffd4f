/*
 * What a process holds of the file layer: its descriptor table (fs/fdtable.c) and its working
 * directory, through the life of a process.  init starts with stdin, stdout and stderr on
 * /dev/console; fork() copies the table (the same open files) and the working directory;
 * execve() closes the descriptors marked close-on-exec; exit closes everything.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/file.h>
#include <kernel/fs.h>
#include <kernel/proc.h>
#include <kernel/vfs.h>

const struct path *files_cwd(struct proc *p)
{
	return p->cwd.dentry ? &p->cwd : NULL;
}

int files_open_console(struct proc *p, bool controlling)
{
	int flags = controlling ? O_RDWR : O_RDWR | O_NOCTTY;
	struct file *console;
	int err;

	vfs_get_root(&p->cwd);
	p->files = fdtable_alloc();
	if (!p->files)
		return -ENOMEM;
	err = vfs_open(NULL, "/dev/console", flags, 0, &console);
	if (err)
		return err;
	for (int fd = 0; fd < 3; fd++) {
		file_get(console);
		if (fd_install(p->files, console, 0) < 0)
			file_put(console);
	}
	file_put(console);
	return 0;
}

int files_fork(struct proc *child, struct proc *parent)
{
	if (parent->files) {
		child->files = fdtable_clone(parent->files);
		if (!child->files)
			return -ENOMEM;
	}
	if (parent->cwd.dentry) {
		child->cwd = parent->cwd;
		path_get(&child->cwd);
	}
	return 0;
}

void files_exec(struct proc *p)
{
	if (p->files)
		fdtable_close_on_exec(p->files);
}

void files_exit(struct proc *p)
{
	if (p->files)
		fdtable_release(p->files);
	p->files = NULL;
	if (p->cwd.dentry)
		path_put(&p->cwd);
	p->cwd = (struct path){ 0 };
}
