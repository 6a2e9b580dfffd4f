/*
 * Helpers for the VFS's in-kernel tests (see fs/testlib.h).
 */
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/mm.h>
#include <kernel/proc.h>
#include <kernel/task.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "testlib.h"

bool scratch_mount(struct vfs_scratch *scratch)
{
	if (vfs_kern_mount("ramfs", 0, NULL, &scratch->mnt) < 0)
		return false;
	scratch->root.mnt = scratch->mnt;
	scratch->root.dentry = scratch->mnt->mnt_root;
	path_get(&scratch->root);
	return true;
}

void scratch_unmount(struct vfs_scratch *scratch)
{
	path_put(&scratch->root);
	mnt_put(scratch->mnt);
}

int test_write_file(const struct path *cwd, const char *name, const char *text)
{
	struct file *file;
	size_t len = strlen(text);
	ssize_t written;
	int err = vfs_open(cwd, name, O_WRONLY | O_CREAT | O_TRUNC, 0644, &file);

	if (err)
		return err;
	written = vfs_write(file, text, len);
	file_put(file);
	if (written < 0)
		return (int)written;
	return (size_t)written == len ? 0 : -EIO;
}

ssize_t test_read_file(const struct path *cwd, const char *name, char *buf, size_t size)
{
	struct file *file;
	ssize_t len;
	int err = vfs_open(cwd, name, O_RDONLY, 0, &file);

	if (err)
		return err;
	len = vfs_read(file, buf, size - 1);
	file_put(file);
	buf[len > 0 ? len : 0] = '\0';
	return len;
}

long test_ino(const struct path *cwd, const char *name)
{
	struct stat st;
	int err = vfs_stat(cwd, name, &st);

	return err ? err : (long)st.st_ino;
}

bool test_dir_lists(const char *dir, const char *name, unsigned int type)
{
	char *buf = kmalloc(PAGE_SIZE);
	struct file *file;
	bool found = false;
	ssize_t len;

	if (!buf || vfs_open(NULL, dir, O_RDONLY | O_DIRECTORY, 0, &file) < 0) {
		kfree(buf);
		return false;
	}
	while ((len = vfs_getdents64(file, buf, PAGE_SIZE)) > 0) {
		for (ssize_t off = 0; off < len;) {
			const struct linux_dirent64 *d = (const void *)(buf + off);

			found |= strcmp(d->d_name, name) == 0 && d->d_type == type;
			off += d->d_reclen;
		}
	}
	file_put(file);
	kfree(buf);
	return found;
}

struct proc *test_become_proc(void)
{
	struct task *self = current_task();

	if (self->proc)
		return NULL; /* a process already: leave it alone */
	self->proc = proc_alloc(self, NULL);
	if (self->proc)
		proc_link(self->proc);
	return self->proc;
}

void test_unbecome_proc(struct proc *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	list_del(&p->all_link);
	spin_unlock_irqrestore(&proc_lock, flags);
	current_task()->proc = NULL;
	proc_free(p);
}
