/*
 * The mount tree.
 *
 * A vfsmount attaches a super block's root dentry onto a directory (its mount point) of
 * another mount, its parent.  Path walk, arriving at a dentry with d_mounted set, asks
 * mount_lookup() for the mount on it and continues at that mount's root; ".." at a mount's
 * root goes back to the mount point first.  The root mount is its own parent.
 *
 *     "/" ramfs (root mount) --- mnt_mounts ---> "/mnt" ramfs --- mnt_mounts ---> ...
 *            ^                                     mnt_parent, mnt_mountpoint = /mnt's dentry
 *
 * A mount counts its references: the tree's own, and one for every path through it (a
 * working directory, an open file, a walk in progress).  umount refuses (EBUSY) while any
 * other than the tree's and its own lookup's exist, or another mount sits on it; so once
 * detached, the last reference frees it, and with its super block's last mount gone, the
 * file system's kill_sb tears the super block down.  vfs_lock guards the tree.
 *
 * A mount's flags (mount(2)'s) say how it may be used: MS_RDONLY makes every change on it
 * EROFS, MS_NOEXEC and MS_NODEV forbid executing programs and opening devices (the checks
 * are in fs/permission.c).  A remount changes them; going read-only waits for no one: while a
 * file is open for writing through the mount (mnt_writers), it is refused with EBUSY.
 */
#include <stdarg.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mount.h>
#include <kernel/panic.h>
#include <kernel/vfs.h>
#include <lib/format.h>
#include <lib/string.h>

#include "internal.h"

struct path vfs_root;

/* Every mount in the tree, oldest first (the order of /proc/mounts).  vfs_lock. */
static LIST_HEAD(mount_list);

void mnt_get(struct vfsmount *mnt)
{
	__atomic_add_fetch(&mnt->mnt_count, 1, __ATOMIC_RELAXED);
}

/* One mount fewer of sb: the last one kills it.  vfs_lock held. */
static void deactivate_super(struct super_block *sb)
{
	assert_mutex_held(&vfs_lock);
	if (--sb->s_active == 0)
		sb->s_type->kill_sb(sb);
}

static void mnt_free(struct vfsmount *mnt)
{
	struct super_block *sb = mnt->mnt_sb;

	BUG_ON(mnt->mnt_mountpoint || !list_empty(&mnt->mnt_mounts));
	dentry_put_locked(mnt->mnt_root);
	kfree(mnt->mnt_source);
	kfree(mnt);
	deactivate_super(sb);
}

void mnt_put_locked(struct vfsmount *mnt)
{
	int left;

	assert_mutex_held(&vfs_lock);
	left = __atomic_sub_fetch(&mnt->mnt_count, 1, __ATOMIC_ACQ_REL);
	BUG_ON(left < 0);
	if (left == 0)
		mnt_free(mnt);
}

void mnt_put(struct vfsmount *mnt)
{
	mutex_lock(&vfs_lock);
	mnt_put_locked(mnt);
	mutex_unlock(&vfs_lock);
}

void path_get(const struct path *path)
{
	mnt_get(path->mnt);
	dentry_get(path->dentry);
}

void path_put_locked(const struct path *path)
{
	dentry_put_locked(path->dentry);
	mnt_put_locked(path->mnt);
}

void path_put(const struct path *path)
{
	mutex_lock(&vfs_lock);
	path_put_locked(path);
	mutex_unlock(&vfs_lock);
}

static char *copy_string(const char *s)
{
	size_t len = strlen(s);
	char *copy = kmalloc(len + 1);

	if (copy)
		memcpy(copy, s, len + 1);
	return copy;
}

static struct vfsmount *mnt_alloc(struct super_block *sb, const char *source, unsigned long flags)
{
	struct vfsmount *mnt = kzalloc(sizeof(*mnt));

	if (!mnt)
		return NULL;
	mnt->mnt_source = copy_string(source);
	if (!mnt->mnt_source) {
		kfree(mnt);
		return NULL;
	}
	mnt->mnt_count = 1;
	mnt->mnt_sb = sb;
	mnt->mnt_root = sb->s_root;
	dentry_get(mnt->mnt_root);
	mnt->mnt_flags = flags;
	mnt->mnt_parent = mnt;
	INIT_LIST_HEAD(&mnt->mnt_child);
	INIT_LIST_HEAD(&mnt->mnt_mounts);
	INIT_LIST_HEAD(&mnt->mnt_list);
	return mnt;
}

/* A new mount of fstype, not yet in the tree, with one reference.  vfs_lock held. */
static int mnt_create(const char *source, const char *fstype, unsigned long flags, const void *data,
		      struct vfsmount **out)
{
	struct file_system_type *type = get_filesystem(fstype);
	struct super_block *sb;
	int err;

	assert_mutex_held(&vfs_lock);
	if (!type)
		return -ENODEV;
	err = type->mount(type, source, flags, data, &sb);
	if (err)
		return err;
	*out = mnt_alloc(sb, source ? source : fstype, flags);
	if (!*out) {
		deactivate_super(sb);
		return -ENOMEM;
	}
	return 0;
}

struct vfsmount *mount_lookup(struct vfsmount *parent, const struct dentry *mountpoint)
{
	struct vfsmount *mnt;

	assert_mutex_held(&vfs_lock);
	list_for_each_entry(mnt, &parent->mnt_mounts, mnt_child)
		if (mnt->mnt_mountpoint == mountpoint)
			return mnt;
	return NULL;
}

/* Put mnt on the directory where; the tree takes over the caller's reference to mnt. */
static void mnt_attach(struct vfsmount *mnt, const struct path *where)
{
	path_get(where);
	mnt->mnt_parent = where->mnt;
	mnt->mnt_mountpoint = where->dentry;
	where->dentry->d_mounted++;
	list_add_tail(&mnt->mnt_child, &where->mnt->mnt_mounts);
	list_add_tail(&mnt->mnt_list, &mount_list);
}

/* Take mnt out of the tree; the caller then drops the tree's reference. */
static void mnt_detach(struct vfsmount *mnt)
{
	struct path where = { .mnt = mnt->mnt_parent, .dentry = mnt->mnt_mountpoint };

	where.dentry->d_mounted--;
	list_del_init(&mnt->mnt_child);
	list_del_init(&mnt->mnt_list);
	mnt->mnt_parent = mnt;
	mnt->mnt_mountpoint = NULL;
	path_put_locked(&where);
}

static int mount_locked(const struct path *cwd, const char *source, const char *target,
			const char *fstype, unsigned long flags, const void *data)
{
	struct vfsmount *mnt;
	struct path where;
	int err = path_lookup_locked(cwd, target, LOOKUP_DIRECTORY, &where);

	if (err)
		return err;
	if (where.dentry->d_flags & DENTRY_DEAD)
		err = -ENOENT;
	else
		err = mnt_create(source, fstype, flags, data, &mnt);
	if (!err)
		mnt_attach(mnt, &where);
	path_put_locked(&where);
	return err;
}

int vfs_mount(const struct path *cwd, const char *source, const char *target, const char *fstype,
	      unsigned long flags, const void *data)
{
	int err;

	mutex_lock(&vfs_lock);
	err = mount_locked(cwd, source, target, fstype, flags, data);
	mutex_unlock(&vfs_lock);
	return err;
}

/*
 * Set a mounted mount's MNT_REMOUNT_FLAGS to those of flags, and give its file system the
 * option string data if it takes remounts.  vfs_lock held.
 */
static int remount_locked(const struct path *cwd, const char *target, unsigned long flags,
			  const char *data)
{
	struct path path;
	struct vfsmount *mnt;
	int err = path_lookup_locked(cwd, target, 0, &path);

	if (err)
		return err;
	mnt = path.mnt;
	if (path.dentry != mnt->mnt_root)
		err = -EINVAL;
	else if ((flags & MS_RDONLY) && !mnt_is_readonly(mnt) &&
		 __atomic_load_n(&mnt->mnt_writers, __ATOMIC_ACQUIRE) > 0)
		err = -EBUSY;
	else if (mnt->mnt_sb->s_op && mnt->mnt_sb->s_op->remount_fs) /* devfs has none */
		err = mnt->mnt_sb->s_op->remount_fs(mnt->mnt_sb, flags, data);
	if (!err)
		mnt->mnt_flags =
		    (mnt->mnt_flags & ~MNT_REMOUNT_FLAGS) | (flags & MNT_REMOUNT_FLAGS);
	path_put_locked(&path);
	return err;
}

int vfs_remount(const struct path *cwd, const char *target, unsigned long flags, const char *data)
{
	int err;

	mutex_lock(&vfs_lock);
	err = remount_locked(cwd, target, flags, data);
	mutex_unlock(&vfs_lock);
	return err;
}

/* Whether the mount at path may be detached: 0, -EINVAL or -EBUSY. */
static int umount_check(const struct path *path)
{
	struct vfsmount *mnt = path->mnt;

	if (path->dentry != mnt->mnt_root)
		return -EINVAL;
	if (mnt == vfs_root.mnt)
		return -EBUSY;
	if (mnt->mnt_parent == mnt)
		return -EINVAL;
	/* Two references are expected: the tree's, and the caller's lookup of target. */
	if (!list_empty(&mnt->mnt_mounts) || __atomic_load_n(&mnt->mnt_count, __ATOMIC_RELAXED) > 2)
		return -EBUSY;
	return 0;
}

static int umount_locked(const struct path *cwd, const char *target)
{
	struct path path;
	int err = path_lookup_locked(cwd, target, 0, &path);

	if (err)
		return err;
	err = umount_check(&path);
	if (!err) {
		mnt_detach(path.mnt);
		mnt_put_locked(path.mnt);
	}
	path_put_locked(&path);
	return err;
}

int vfs_umount(const struct path *cwd, const char *target, int flags)
{
	int err;

	if (flags & ~(MNT_FORCE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	mutex_lock(&vfs_lock);
	err = umount_locked(cwd, target);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_kern_mount(const char *fstype, unsigned long flags, const void *data, struct vfsmount **out)
{
	int err;

	mutex_lock(&vfs_lock);
	err = mnt_create(fstype, fstype, flags, data, out);
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_mount_root(const char *fstype)
{
	struct vfsmount *mnt;
	int err;

	BUG_ON(vfs_root.mnt);
	mutex_lock(&vfs_lock);
	err = mnt_create("rootfs", fstype, 0, NULL, &mnt);
	if (!err) {
		list_add_tail(&mnt->mnt_list, &mount_list);
		vfs_root.mnt = mnt;
		vfs_root.dentry = mnt->mnt_root;
		dentry_get(vfs_root.dentry);
	}
	mutex_unlock(&vfs_lock);
	return err;
}

/* Append printf-style text to the table in buf at *len; *len counts it even if it does not fit. */
static void __printf(4, 5) table_printf(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	char *at = *len < size ? buf + *len : NULL;
	va_list ap;

	va_start(ap, fmt);
	*len += (size_t)vsnprintf(at, at ? size - *len : 0, fmt, ap);
	va_end(ap);
}

/*
 * Append ",options" if sb's file system shows any (s_op->show_options).  The options are
 * written first, one byte on, and the comma put before them only if there are some.
 */
static void table_sb_options(struct super_block *sb, char *buf, size_t size, size_t *len)
{
	size_t start = *len + 1;
	size_t shown;

	if (!sb->s_op || !sb->s_op->show_options)
		return;
	shown = sb->s_op->show_options(sb, start < size ? buf + start : NULL,
				       start < size ? size - start : 0);
	if (shown == 0)
		return;
	if (start < size)
		buf[*len] = ',';
	*len = start + shown;
}

/*
 * One line of /proc/mounts for mnt, appended to buf at *len (counted even if it does not fit):
 * "source target fstype flags,options 0 0", the flags as Linux shows them.
 */
static void mount_show_one(struct vfsmount *mnt, char *buf, size_t size, size_t *len, char *name)
{
	struct path root = { .mnt = mnt, .dentry = mnt->mnt_root };
	unsigned long flags = mnt->mnt_flags;

	if (path_name_locked(&root, name, PATH_MAX) < 0)
		strlcpy(name, "?", PATH_MAX);
	table_printf(buf, size, len, "%s %s %s %s%s%s%s", mnt->mnt_source, name,
		     mnt->mnt_sb->s_type->name, mnt_is_readonly(mnt) ? "ro" : "rw",
		     flags & MS_NOSUID ? ",nosuid" : "", flags & MS_NODEV ? ",nodev" : "",
		     flags & MS_NOEXEC ? ",noexec" : "");
	table_sb_options(mnt->mnt_sb, buf, size, len);
	table_printf(buf, size, len, " 0 0\n");
}

size_t vfs_mounts_show(char *buf, size_t size)
{
	char *name = kmalloc(PATH_MAX);
	struct vfsmount *mnt;
	size_t len = 0;

	if (size)
		buf[0] = '\0';
	if (!name)
		return 0;
	mutex_lock(&vfs_lock);
	list_for_each_entry(mnt, &mount_list, mnt_list)
		mount_show_one(mnt, buf, size, &len, name);
	mutex_unlock(&vfs_lock);
	kfree(name);
	return len;
}

void vfs_get_root(struct path *out)
{
	*out = vfs_root;
	path_get(out);
}
