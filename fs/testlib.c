/*
 * Helpers for the VFS's in-kernel tests (see fs/testlib.h).
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
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
