/*
 * Path walk, and the operations that change the namespace (mkdir, rmdir, unlink, mknod,
 * rename, and open's O_CREAT).
 *
 * A walk holds vfs_lock from start to end, so the tree cannot change under it.  It keeps its
 * place in struct nameidata as a path holding references, and for each component:
 *
 *   "."      stays;
 *   ".."     goes to the parent, but stays at the root, and at a mount's root first climbs
 *            to the mount point in the parent mount (follow_dotdot);
 *   a name   is found among the dentries' children, or asked of the file system (lookup);
 *            then, if something is mounted there, the walk moves to that mount's root
 *            (follow_mounts).
 *
 * Operations on a name's last component (mkdir "a/b/c" makes "c" in "a/b") walk with
 * LOOKUP_PARENT, which stops before the last component and records it in nd->last.
 *
 * Permissions (fs/permission.c): the walk needs search (x) permission on every directory it
 * goes through, "." and ".." included; adding a name needs may_create(), removing one
 * may_delete(), and nothing changes on a read-only mount (EROFS).
 */
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "internal.h"

#define LOOKUP_PARENT (1 << 8) /* stop before the last component */

/* What the last component is, for a LOOKUP_PARENT walk. */
enum last_type { LAST_NORM, LAST_ROOT, LAST_DOT, LAST_DOTDOT };

struct nameidata {
	struct path path;    /* where the walk is; holds references */
	struct path root;    /* where "/" starts, and ".." stops (vfs_root, referenced forever) */
	unsigned int flags;  /* LOOKUP_* */
	bool trailing_slash; /* the name ends in '/' */
	const char *last;    /* LOOKUP_PARENT: the last component, not NUL-terminated */
	size_t last_len;
	enum last_type last_type;
};

static int nd_start(struct nameidata *nd, const struct path *cwd, const char *name,
		    unsigned int flags)
{
	size_t len = strnlen(name, PATH_MAX);
	const struct path *start = (name[0] == '/' || !cwd) ? &vfs_root : cwd;

	if (len == PATH_MAX)
		return -ENAMETOOLONG;
	if (len == 0 || !start->mnt)
		return -ENOENT;
	nd->root = vfs_root;
	nd->flags = flags;
	nd->trailing_slash = name[len - 1] == '/';
	nd->last = NULL;
	nd->last_len = 0;
	nd->last_type = LAST_ROOT;
	nd->path = *start;
	path_get(&nd->path);
	return 0;
}

void follow_mounts(struct path *path)
{
	while (path->dentry->d_mounted) {
		struct vfsmount *mnt = mount_lookup(path->mnt, path->dentry);

		if (!mnt)
			return;
		mnt_get(mnt);
		dentry_get(mnt->mnt_root);
		path_put_locked(path);
		path->mnt = mnt;
		path->dentry = mnt->mnt_root;
	}
}

/* Replace path by to (taking references on to). */
static void path_move(struct path *path, struct vfsmount *mnt, struct dentry *dentry)
{
	struct path to = { .mnt = mnt, .dentry = dentry };

	path_get(&to);
	path_put_locked(path);
	*path = to;
}

static bool path_equal(const struct path *a, const struct path *b)
{
	return a->mnt == b->mnt && a->dentry == b->dentry;
}

static void follow_dotdot(struct nameidata *nd)
{
	struct path *path = &nd->path;

	while (!path_equal(path, &nd->root)) {
		struct vfsmount *mnt = path->mnt;

		if (path->dentry != mnt->mnt_root) {
			path_move(path, mnt, path->dentry->d_parent);
			break;
		}
		if (mnt->mnt_parent == mnt)
			break;
		path_move(path, mnt->mnt_parent, mnt->mnt_mountpoint);
	}
	follow_mounts(path);
}

/*
 * The child of dir called name: found among its children, or made and asked of the file
 * system.  On success *out holds a reference and may be negative (the name does not exist).
 */
static int lookup_dentry(struct dentry *dir, const char *name, size_t len, struct dentry **out)
{
	struct inode *inode = dir->d_inode;
	struct dentry *child;
	int err = 0;

	if (dir->d_flags & DENTRY_DEAD)
		return -ENOENT;
	child = d_lookup_child(dir, name, len);
	if (child) {
		*out = child;
		return 0;
	}
	child = d_alloc_child(dir, name, len);
	if (!child)
		return -ENOMEM;
	if (inode->i_op && inode->i_op->lookup)
		err = inode->i_op->lookup(inode, child);
	if (err) {
		dentry_put_locked(child);
		return err;
	}
	*out = child;
	return 0;
}

static int walk_component(struct nameidata *nd, const char *name, size_t len)
{
	struct dentry *child;
	int err;

	if (len == 1 && name[0] == '.')
		return 0;
	if (len == 2 && name[0] == '.' && name[1] == '.') {
		follow_dotdot(nd);
		return 0;
	}
	err = lookup_dentry(nd->path.dentry, name, len, &child);
	if (err)
		return err;
	if (!child->d_inode) {
		dentry_put_locked(child);
		return -ENOENT;
	}
	dentry_put_locked(nd->path.dentry);
	nd->path.dentry = child;
	follow_mounts(&nd->path);
	return 0;
}

static void set_last(struct nameidata *nd, const char *name, size_t len)
{
	nd->last = name;
	nd->last_len = len;
	nd->last_type = LAST_NORM;
	if (len == 1 && name[0] == '.')
		nd->last_type = LAST_DOT;
	else if (len == 2 && name[0] == '.' && name[1] == '.')
		nd->last_type = LAST_DOTDOT;
}

static bool only_slashes(const char *s)
{
	while (*s == '/')
		s++;
	return *s == '\0';
}

/* Walk name's components from nd->path; on error the caller still owns nd->path. */
static int walk(struct nameidata *nd, const char *name)
{
	for (;;) {
		size_t len;
		int err;

		while (*name == '/')
			name++;
		if (*name == '\0')
			return 0;
		for (len = 0; name[len] != '\0' && name[len] != '/'; len++)
			;
		if (len > NAME_MAX)
			return -ENAMETOOLONG;
		if (!d_is_dir(nd->path.dentry))
			return -ENOTDIR;
		err = inode_permission(nd->path.dentry->d_inode, MAY_EXEC);
		if (err)
			return err;
		if ((nd->flags & LOOKUP_PARENT) && only_slashes(name + len)) {
			set_last(nd, name, len);
			return 0;
		}
		err = walk_component(nd, name, len);
		if (err)
			return err;
		name += len;
	}
}

int path_lookup_locked(const struct path *cwd, const char *name, unsigned int flags,
		       struct path *result)
{
	struct nameidata nd;
	int err = nd_start(&nd, cwd, name, flags);

	if (err)
		return err;
	err = walk(&nd, name);
	if (!err && (nd.trailing_slash || (flags & LOOKUP_DIRECTORY)) && !d_is_dir(nd.path.dentry))
		err = -ENOTDIR;
	if (err) {
		path_put_locked(&nd.path);
		return err;
	}
	*result = nd.path;
	return 0;
}

int vfs_path_lookup(const struct path *cwd, const char *path, unsigned int flags,
		    struct path *result)
{
	int err;

	mutex_lock(&vfs_lock);
	err = path_lookup_locked(cwd, path, flags, result);
	mutex_unlock(&vfs_lock);
	return err;
}

/* ---- operations on a last component ---- */

/* What an operation returns when the last component is "/", "." or "..". */
struct special_last {
	int root, dot, dotdot;
};

static int special_last_error(const struct nameidata *nd, const struct special_last *errors)
{
	switch (nd->last_type) {
	case LAST_ROOT:
		return errors->root;
	case LAST_DOT:
		return errors->dot;
	default:
		return errors->dotdot;
	}
}

/*
 * Walk to the directory holding name's last component (nd->path) and look that up into
 * *child, positive or negative.  On success the caller owns both: finish_last() them.
 */
static int lookup_last(struct nameidata *nd, const struct path *cwd, const char *name,
		       const struct special_last *errors, struct dentry **child)
{
	int err = nd_start(nd, cwd, name, LOOKUP_PARENT);

	if (err)
		return err;
	err = walk(nd, name);
	if (!err && nd->last_type != LAST_NORM)
		err = special_last_error(nd, errors);
	if (!err)
		err = lookup_dentry(nd->path.dentry, nd->last, nd->last_len, child);
	if (err)
		path_put_locked(&nd->path);
	return err;
}

static void finish_last(struct nameidata *nd, struct dentry *child)
{
	dentry_put_locked(child);
	path_put_locked(&nd->path);
}

static struct inode *nd_dir(const struct nameidata *nd)
{
	return nd->path.dentry->d_inode;
}

/* ---- mkdir ---- */

static const struct special_last mkdir_special = { -EEXIST, -EEXIST, -EEXIST };

/* A new directory's mode keeps the sticky bit but no set-id bit (inode_init_owner() may add
 * set-group-ID). */
static int do_mkdir(struct nameidata *nd, struct dentry *child, mode_t mode)
{
	struct inode *dir = nd_dir(nd);
	int err;

	if (child->d_inode)
		return -EEXIST;
	err = may_create(&nd->path);
	if (err)
		return err;
	if (!dir->i_op->mkdir)
		return -EPERM;
	return dir->i_op->mkdir(dir, child, S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX)));
}

int vfs_mkdir(const struct path *cwd, const char *path, mode_t mode)
{
	struct nameidata nd;
	struct dentry *child;
	int err;

	mutex_lock(&vfs_lock);
	err = lookup_last(&nd, cwd, path, &mkdir_special, &child);
	if (!err) {
		err = do_mkdir(&nd, child, mode);
		finish_last(&nd, child);
	}
	mutex_unlock(&vfs_lock);
	return err;
}

/* ---- rmdir ---- */

static const struct special_last rmdir_special = { -EBUSY, -EINVAL, -ENOTEMPTY };

static int do_rmdir(struct nameidata *nd, struct dentry *child)
{
	struct inode *dir = nd_dir(nd);
	int err;

	if (mnt_is_readonly(nd->path.mnt))
		return -EROFS;
	err = may_delete(dir, child, true);
	if (err)
		return err;
	if (!dir->i_op->rmdir)
		return -EPERM;
	if (child->d_mounted)
		return -EBUSY;
	err = dir->i_op->rmdir(dir, child);
	if (!err)
		d_drop(child);
	return err;
}

int vfs_rmdir(const struct path *cwd, const char *path)
{
	struct nameidata nd;
	struct dentry *child;
	int err;

	mutex_lock(&vfs_lock);
	err = lookup_last(&nd, cwd, path, &rmdir_special, &child);
	if (!err) {
		err = do_rmdir(&nd, child);
		finish_last(&nd, child);
	}
	mutex_unlock(&vfs_lock);
	return err;
}

/* ---- unlink ---- */

static const struct special_last unlink_special = { -EISDIR, -EISDIR, -EISDIR };

static int do_unlink(struct nameidata *nd, struct dentry *child)
{
	struct inode *dir = nd_dir(nd);
	int err;

	if (mnt_is_readonly(nd->path.mnt))
		return -EROFS;
	if (!child->d_inode)
		return -ENOENT;
	if (nd->trailing_slash)
		return d_is_dir(child) ? -EISDIR : -ENOTDIR;
	err = may_delete(dir, child, false);
	if (err)
		return err;
	if (!dir->i_op->unlink)
		return -EPERM;
	err = dir->i_op->unlink(dir, child);
	if (!err)
		d_drop(child);
	return err;
}

int vfs_unlink(const struct path *cwd, const char *path)
{
	struct nameidata nd;
	struct dentry *child;
	int err;

	mutex_lock(&vfs_lock);
	err = lookup_last(&nd, cwd, path, &unlink_special, &child);
	if (!err) {
		err = do_unlink(&nd, child);
		finish_last(&nd, child);
	}
	mutex_unlock(&vfs_lock);
	return err;
}

/* ---- mknod ---- */

/* What mknod may make: a regular file, a device node, a FIFO or a socket; 0, EPERM, EINVAL. */
static int mknod_type_check(mode_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG:
	case S_IFCHR:
	case S_IFBLK:
	case S_IFIFO:
	case S_IFSOCK:
		return 0;
	case S_IFDIR:
		return -EPERM;
	default:
		return -EINVAL;
	}
}

/* Only root makes device nodes (Linux's CAP_MKNOD). */
static int do_mknod(struct nameidata *nd, struct dentry *child, mode_t mode, dev_t dev)
{
	struct inode *dir = nd_dir(nd);
	int err;

	if (child->d_inode)
		return -EEXIST;
	if (nd->trailing_slash)
		return -ENOENT;
	err = may_create(&nd->path);
	if (err)
		return err;
	if ((S_ISCHR(mode) || S_ISBLK(mode)) && !cred_fs_root(current_cred()))
		return -EPERM;
	if (S_ISREG(mode))
		return dir->i_op->create ? dir->i_op->create(dir, child, mode) : -EPERM;
	return dir->i_op->mknod ? dir->i_op->mknod(dir, child, mode, dev) : -EPERM;
}

int vfs_mknod(const struct path *cwd, const char *path, mode_t mode, dev_t dev)
{
	struct nameidata nd;
	struct dentry *child;
	int err;

	if ((mode & S_IFMT) == 0)
		mode |= S_IFREG;
	err = mknod_type_check(mode);
	if (err)
		return err;
	mutex_lock(&vfs_lock);
	err = lookup_last(&nd, cwd, path, &mkdir_special, &child);
	if (!err) {
		err = do_mknod(&nd, child, mode & (S_IFMT | S_IALLUGO), dev);
		finish_last(&nd, child);
	}
	mutex_unlock(&vfs_lock);
	return err;
}

/* ---- open ---- */

static const struct special_last create_special = { -EISDIR, -EISDIR, -EISDIR };

/* O_CREAT: make the file unless it exists; *created says whether this open made it. */
static int open_create(struct nameidata *nd, struct dentry *child, int flags, mode_t mode,
		       bool *created)
{
	struct inode *dir = nd_dir(nd);
	int err;

	if (child->d_inode) {
		if (flags & O_EXCL)
			return -EEXIST;
		return nd->trailing_slash && !d_is_dir(child) ? -ENOTDIR : 0;
	}
	if (nd->trailing_slash)
		return -EISDIR;
	err = may_create(&nd->path);
	if (err)
		return err;
	if (!dir->i_op->create)
		return -EACCES;
	err = dir->i_op->create(dir, child, S_IFREG | (mode & S_IALLUGO));
	*created = !err;
	return err;
}

int namei_open(const struct path *cwd, const char *name, int flags, mode_t mode,
	       struct path *result, bool *created)
{
	struct nameidata nd;
	struct dentry *child;
	int err;

	*created = false;
	if (!(flags & O_CREAT))
		return path_lookup_locked(cwd, name, flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0,
					  result);
	err = lookup_last(&nd, cwd, name, &create_special, &child);
	if (err)
		return err;
	err = open_create(&nd, child, flags, mode, created);
	if (!err) {
		result->mnt = nd.path.mnt;
		result->dentry = child;
		path_get(result);
		follow_mounts(result);
	}
	finish_last(&nd, child);
	return err;
}

/* ---- rename ---- */

static const struct special_last rename_special = { -EBUSY, -EBUSY, -EBUSY };

/* Whether ancestor is dentry or one of its parents (within one super block). */
static bool is_ancestor(const struct dentry *ancestor, const struct dentry *dentry)
{
	for (;;) {
		if (dentry == ancestor)
			return true;
		if (dentry->d_parent == dentry)
			return false;
		dentry = dentry->d_parent;
	}
}

/*
 * Who may move old: may_delete() in its directory; may_create() of the new name, or
 * may_delete() of what it replaces; and a directory that changes parents needs w on itself,
 * since its ".." changes.
 */
static int rename_permission(struct nameidata *old_nd, struct dentry *old, struct nameidata *new_nd,
			     struct dentry *new)
{
	bool is_dir = d_is_dir(old);
	int err = may_delete(nd_dir(old_nd), old, is_dir);

	if (!err)
		err = new->d_inode ? may_delete(nd_dir(new_nd), new, is_dir)
				   : may_create(&new_nd->path);
	if (!err && !nd_dir(old_nd)->i_op->rename)
		err = -EPERM;
	if (!err && is_dir && nd_dir(old_nd) != nd_dir(new_nd))
		err = inode_permission(old->d_inode, MAY_WRITE);
	return err;
}

/* Linux's checks, in Linux's order (docs/vfs.md, section 4, has the table). */
static int rename_check(struct nameidata *old_nd, struct dentry *old, struct nameidata *new_nd,
			struct dentry *new)
{
	int err;

	if (old_nd->path.mnt != new_nd->path.mnt)
		return -EXDEV;
	if (mnt_is_readonly(old_nd->path.mnt))
		return -EROFS;
	if (!old->d_inode)
		return -ENOENT;
	if (!d_is_dir(old) && (old_nd->trailing_slash || new_nd->trailing_slash))
		return -ENOTDIR;
	if (old == new)
		return 0;
	if (d_is_dir(old) && is_ancestor(old, new_nd->path.dentry))
		return -EINVAL;
	err = rename_permission(old_nd, old, new_nd, new);
	if (err)
		return err;
	return old->d_mounted || new->d_mounted ? -EBUSY : 0;
}

static int do_rename(struct nameidata *old_nd, struct dentry *old, struct nameidata *new_nd,
		     struct dentry *new)
{
	int err = rename_check(old_nd, old, new_nd, new);

	if (!err && old == new)
		return 0;
	if (!err)
		err = nd_dir(old_nd)->i_op->rename(nd_dir(old_nd), old, nd_dir(new_nd), new);
	if (!err)
		d_move(old, new);
	return err;
}

int vfs_renameat(const struct path *old_cwd, const char *oldpath, const struct path *new_cwd,
		 const char *newpath)
{
	struct nameidata old_nd, new_nd;
	struct dentry *old, *new;
	int err;

	mutex_lock(&vfs_lock);
	err = lookup_last(&old_nd, old_cwd, oldpath, &rename_special, &old);
	if (!err) {
		err = lookup_last(&new_nd, new_cwd, newpath, &rename_special, &new);
		if (!err) {
			err = do_rename(&old_nd, old, &new_nd, new);
			finish_last(&new_nd, new);
		}
		finish_last(&old_nd, old);
	}
	mutex_unlock(&vfs_lock);
	return err;
}

int vfs_rename(const struct path *cwd, const char *oldpath, const char *newpath)
{
	return vfs_renameat(cwd, oldpath, cwd, newpath);
}

/* ---- the name of a path ---- */

/* Put s (len bytes) in front of buf[*start...]; -ERANGE if it does not fit. */
static int prepend(char *buf, size_t *start, const char *s, size_t len)
{
	if (len > *start)
		return -ERANGE;
	*start -= len;
	memcpy(buf + *start, s, len);
	return 0;
}

/* Build the name backwards from the end of buf, climbing dentries and mounts to the root. */
static int path_name_backwards(const struct path *path, char *buf, size_t size, size_t *start)
{
	struct path at = *path;
	int err = 0;

	while (!err && !path_equal(&at, &vfs_root)) {
		if (at.dentry == at.mnt->mnt_root) {
			if (at.mnt->mnt_parent == at.mnt)
				break;
			at.dentry = at.mnt->mnt_mountpoint;
			at.mnt = at.mnt->mnt_parent;
			continue;
		}
		err = prepend(buf, start, at.dentry->d_name, at.dentry->d_name_len);
		if (!err)
			err = prepend(buf, start, "/", 1);
		at.dentry = at.dentry->d_parent;
	}
	if (!err && *start == size - 1)
		err = prepend(buf, start, "/", 1);
	return err;
}

int path_name_locked(const struct path *path, char *buf, size_t size)
{
	size_t start = size - 1;
	int err;

	assert_mutex_held(&vfs_lock);
	if (size == 0)
		return -ERANGE;
	buf[start] = '\0';
	if (path->dentry->d_flags & DENTRY_DEAD)
		return -ENOENT;
	err = path_name_backwards(path, buf, size, &start);
	if (err)
		return err;
	memmove(buf, buf + start, size - start);
	return (int)(size - start - 1);
}

int vfs_path_name(const struct path *path, char *buf, size_t size)
{
	int len;

	mutex_lock(&vfs_lock);
	len = path_name_locked(path, buf, size);
	mutex_unlock(&vfs_lock);
	return len;
}
