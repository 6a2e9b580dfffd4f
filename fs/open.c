/*
 * Open files: making and dropping them (open, file_alloc, file_put), ioctl, and the
 * attributes of what they name (stat, setattr, truncate, chmod, chown), with the permission
 * checks of each (fs/permission.c), and those of execve(), chdir() and access().  Reading,
 * writing and seeking are in fs/read_write.c.
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
#include <kernel/mount.h>
#include <kernel/vfs.h>

#include "internal.h"

/* Open files in the whole system, made and not yet freed: /proc/file-nr shows it. */
static long open_file_count;

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
	__atomic_add_fetch(&open_file_count, 1, __ATOMIC_RELAXED);
	*out = file;
	return 0;
}

long open_files_count(void)
{
	return __atomic_load_n(&open_file_count, __ATOMIC_RELAXED);
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
	if (file->f_mode & FMODE_WRITER)
		__atomic_sub_fetch(&file->f_path.mnt->mnt_writers, 1, __ATOMIC_RELEASE);
	path_put(&file->f_path);
	kfree(file);
	__atomic_sub_fetch(&open_file_count, 1, __ATOMIC_RELAXED);
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

/* Whether an open file of inode with these flags writes to its mount (FMODE_WRITER). */
static bool open_writes_mount(const struct inode *inode, int flags)
{
	return (flags & O_ACCMODE) != O_RDONLY && S_ISREG(inode->i_mode);
}

/*
 * An open's checks, vfs_lock held: the rules for directories, and may_open() unless this
 * open made the file (which it may then write, whatever its mode).  A writer counts in its
 * mount's mnt_writers from here on, so the mount cannot become read-only under it.
 */
static int open_prepare(const struct path *path, int flags, bool created)
{
	const struct inode *inode = path->dentry->d_inode;
	int err = open_check(inode, flags);

	if (!err && !created)
		err = may_open(path, flags);
	if (!err && open_writes_mount(inode, flags))
		__atomic_add_fetch(&path->mnt->mnt_writers, 1, __ATOMIC_RELAXED);
	return err;
}

/*
 * Whether O_TRUNC empties inode: a regular file whose file system can change its size
 * (i_op->setattr).  Any other regular file is opened as it is, as Linux opens the control
 * files of sysfs or /proc/sys, whose writes are commands rather than data: so that
 * "echo 5 > file", which opens with O_TRUNC, works on them.
 */
static bool open_truncates(const struct inode *inode)
{
	return S_ISREG(inode->i_mode) && inode->i_op && inode->i_op->setattr;
}

/* The rest of an open, without vfs_lock: O_TRUNC empties a regular file, then the file. */
static int open_path(const struct path *path, int flags, bool created, struct file **out)
{
	struct inode *inode = path->dentry->d_inode;
	int err = 0;

	if ((flags & O_TRUNC) && !created && open_truncates(inode)) {
		struct iattr attr = { .valid = ATTR_SIZE | ATTR_MTIME };

		err = vfs_setattr(path, &attr);
	}
	if (!err)
		err = file_alloc(path, flags, inode->i_fop, out);
	if (open_writes_mount(inode, flags)) {
		if (err)
			__atomic_sub_fetch(&path->mnt->mnt_writers, 1, __ATOMIC_RELEASE);
		else
			(*out)->f_mode |= FMODE_WRITER;
	}
	return err;
}

int vfs_open(const struct path *cwd, const char *name, int flags, mode_t mode, struct file **out)
{
	struct path path;
	bool created;
	int err;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	mutex_lock(&vfs_lock);
	err = namei_open(cwd, name, flags, mode, &path, &created);
	if (!err) {
		err = open_prepare(&path, flags, created);
		if (err)
			path_put_locked(&path);
	}
	mutex_unlock(&vfs_lock);
	if (err)
		return err;
	err = open_path(&path, flags, created, out);
	path_put(&path);
	return err;
}

int vfs_open_exec(const struct path *cwd, const char *name, struct file **out)
{
	struct path path;
	int err;

	mutex_lock(&vfs_lock);
	err = path_lookup_locked(cwd, name, 0, &path);
	if (!err) {
		err = may_exec(&path);
		if (err)
			path_put_locked(&path);
	}
	mutex_unlock(&vfs_lock);
	if (err)
		return err;
	err = file_alloc(&path, O_RDONLY, path.dentry->d_inode->i_fop, out);
	path_put(&path);
	return err;
}

/* ---- permission of a path: chdir, access ---- */

int vfs_permission(const struct path *path, int mask)
{
	int err;

	mutex_lock(&vfs_lock);
	err = path_permission(path, mask);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_access(const struct path *path, int mask)
{
	const struct inode *inode = path->dentry->d_inode;
	int err;

	mutex_lock(&vfs_lock);
	if ((mask & MAY_EXEC) && S_ISREG(inode->i_mode) && (path->mnt->mnt_flags & MS_NOEXEC))
		err = -EACCES;
	else
		err = path_permission(path, mask);
	mutex_unlock(&vfs_lock);
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

/* Whether inode's size may be set: a regular file of a file system that can (EISDIR ...). */
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

/* vfs_setattr() with vfs_lock held: EROFS, the rules (setattr_prepare()), then the change. */
static int setattr_locked(const struct path *path, const struct iattr *request)
{
	struct inode *inode = path->dentry->d_inode;
	struct iattr attr = *request;
	int err = setattr_check(inode, &attr);

	if (!err && mnt_is_readonly(path->mnt))
		err = -EROFS;
	if (err)
		return err;
	mutex_lock(&inode->i_mutex);
	err = setattr_prepare(inode, &attr);
	if (!err && inode->i_op && inode->i_op->setattr)
		err = inode->i_op->setattr(inode, &attr);
	else if (!err)
		inode_setattr_simple(inode, &attr);
	mutex_unlock(&inode->i_mutex);
	return err;
}

int vfs_setattr(const struct path *path, const struct iattr *attr)
{
	int err;

	mutex_lock(&vfs_lock);
	err = setattr_locked(path, attr);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_truncate(const struct path *path, loff_t length)
{
	struct iattr attr = { .valid = ATTR_SIZE | ATTR_MTIME, .size = length };
	int err;

	mutex_lock(&vfs_lock);
	err = setattr_check(path->dentry->d_inode, &attr);
	if (!err)
		err = path_permission(path, MAY_WRITE);
	if (!err)
		err = setattr_locked(path, &attr);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_chmod(const struct path *path, mode_t mode)
{
	struct iattr attr = { .valid = ATTR_MODE, .mode = mode & S_IALLUGO };

	return vfs_setattr(path, &attr);
}

int vfs_chown(const struct path *path, uid_t uid, gid_t gid)
{
	struct iattr attr = { .uid = uid, .gid = gid };

	if (uid != (uid_t)-1)
		attr.valid |= ATTR_UID;
	if (gid != (gid_t)-1)
		attr.valid |= ATTR_GID;
	if (!S_ISDIR(path->dentry->d_inode->i_mode)) /* the type never changes */
		attr.valid |= ATTR_KILL_SETID;
	return vfs_setattr(path, &attr);
}
