/*
 * Open files: making and dropping them (open, file_alloc, file_put), ioctl, and the
 * attributes of what they name (stat, setattr).  Reading, writing and seeking are in
 * fs/read_write.c.
 *
 * A struct file is made by vfs_open() (or file_alloc(), for files without a name) and lives
 * while descriptors or calls in progress hold references.  Regular files and directories
 * have a position (FMODE_ATOMIC_POS), guarded by f_pos_lock; streams such as the console
 * and pipes have none.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/vfs.h>

#include "internal.h"

/* Flags that act at open and are not kept in f_flags. */
#define OPEN_ONLY_FLAGS (O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC)

static unsigned int open_fmode(const struct inode *inode, unsigned int flags)
{
	unsigned int fmode = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		fmode |= FMODE_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		fmode |= FMODE_WRITE;
	if (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode))
		fmode |= FMODE_ATOMIC_POS;
	return fmode;
}

int file_alloc(const struct path *path, unsigned int flags, const struct file_operations *fops,
	       struct file **out)
{
	struct file *file = kzalloc(sizeof(*file));
	int err = 0;

	if (!file)
		return -ENOMEM;
	file->f_count = 1;
	file->f_path = *path;
	path_get(path);
	file->f_inode = path->dentry->d_inode;
	file->f_op = fops;
	file->f_flags = flags & ~OPEN_ONLY_FLAGS;
	file->f_mode = open_fmode(file->f_inode, flags);
	mutex_init(&file->f_pos_lock, "f_pos_lock");
	if (fops && fops->open)
		err = fops->open(file->f_inode, file);
	if (err) {
		path_put(&file->f_path);
		kfree(file);
		return err;
	}
	*out = file;
	return 0;
}

void file_get(struct file *file)
{
	__atomic_add_fetch(&file->f_count, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *file)
{
	int left = __atomic_sub_fetch(&file->f_count, 1, __ATOMIC_ACQ_REL);

	BUG_ON(left < 0);
	if (left > 0)
		return;
	if (file->f_op && file->f_op->release)
		file->f_op->release(file->f_inode, file);
	path_put(&file->f_path);
	kfree(file);
}

/* ---- open ---- */

static int open_check(const struct inode *inode, int flags)
{
	if ((flags & O_DIRECTORY) && !S_ISDIR(inode->i_mode))
		return -ENOTDIR;
	if (S_ISDIR(inode->i_mode) && ((flags & O_ACCMODE) != O_RDONLY || (flags & O_CREAT)))
		return -EISDIR;
	return 0;
}

int vfs_open_path(const struct path *path, int flags, struct file **out)
{
	struct inode *inode = path->dentry->d_inode;
	int err = open_check(inode, flags);

	if (!err && (flags & O_TRUNC) && S_ISREG(inode->i_mode) &&
	    (flags & O_ACCMODE) != O_RDONLY) {
		struct iattr attr = { .valid = ATTR_SIZE | ATTR_MTIME };

		err = vfs_setattr(path, &attr);
	}
	if (!err)
		err = file_alloc(path, flags, inode->i_fop, out);
	return err;
}

int vfs_open(const struct path *cwd, const char *name, int flags, mode_t mode, struct file **out)
{
	struct path path;
	int err;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	mutex_lock(&vfs_lock);
	err = namei_open(cwd, name, flags, mode, &path);
	mutex_unlock(&vfs_lock);
	if (err)
		return err;
	err = vfs_open_path(&path, flags, out);
	path_put(&path);
	return err;
}

/* ---- device control ---- */

long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (!file->f_op || !file->f_op->ioctl)
		return -ENOTTY;
	return file->f_op->ioctl(file, cmd, arg);
}

/* ---- attributes ---- */

static void inode_stat(struct inode *inode, struct stat *st)
{
	mutex_lock(&inode->i_mutex);
	*st = (struct stat){
		.st_dev = dev_to_user(inode->i_sb->s_dev),
		.st_ino = inode->i_ino,
		.st_nlink = inode->i_nlink,
		.st_mode = inode->i_mode,
		.st_uid = inode->i_uid,
		.st_gid = inode->i_gid,
		.st_rdev = dev_to_user(inode->i_rdev),
		.st_size = inode->i_size,
		.st_blksize = PAGE_SIZE,
		.st_blocks = (int64_t)inode->i_blocks,
		.st_atim = inode->i_atime,
		.st_mtim = inode->i_mtime,
		.st_ctim = inode->i_ctime,
	};
	mutex_unlock(&inode->i_mutex);
}

int vfs_stat(const struct path *cwd, const char *name, struct stat *st)
{
	struct path path;
	int err = vfs_path_lookup(cwd, name, 0, &path);

	if (err)
		return err;
	inode_stat(path.dentry->d_inode, st);
	path_put(&path);
	return 0;
}

int vfs_fstat(struct file *file, struct stat *st)
{
	inode_stat(file->f_inode, st);
	return 0;
}

static int setattr_check(const struct inode *inode, const struct iattr *attr)
{
	if (!(attr->valid & ATTR_SIZE))
		return 0;
	if (S_ISDIR(inode->i_mode))
		return -EISDIR;
	if (!S_ISREG(inode->i_mode) || attr->size < 0)
		return -EINVAL;
	return inode->i_op && inode->i_op->setattr ? 0 : -EPERM;
}

int vfs_setattr(const struct path *path, const struct iattr *attr)
{
	struct inode *inode = path->dentry->d_inode;
	int err = setattr_check(inode, attr);

	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	if (inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(inode, attr);
	else
		inode_setattr_simple(inode, attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}
