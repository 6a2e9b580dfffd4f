/*
 * Who may do what to a file: every permission check of the VFS, in one place.  The rules are
 * Linux's, without access-control lists or capabilities; the ids they use are the caller's
 * fs ids (include/kernel/cred.h: the effective ids, but the real ones inside access()).
 *
 *   inode_permission()   read (r), write (w), execute or search (x) one inode: the owner's
 *                        three bits if the caller owns it, else the group's if the file's
 *                        group is one of the caller's, else the others'.  Root (fs uid 0)
 *                        passes, except that it executes only a file with some x bit.
 *   path_permission()    the same, and first EROFS to write a file or directory of a
 *                        read-only mount.
 *   may_create()         adding a name to a directory (mkdir, mknod, open's O_CREAT, rename's
 *                        new name): w and x on it.
 *   may_delete()         removing one (rmdir, unlink, rename's old name and the name it
 *                        replaces): w and x on the directory, and if the directory is sticky
 *                        (S_ISVTX), the caller must own the file or the directory, or be root
 *                        (EPERM).
 *   may_open()           open: r and w by the access mode, w for O_TRUNC; no device node
 *                        of a nodev mount.
 *   may_exec()           execve: a regular file, x, not on a noexec mount.
 *   setattr_prepare()    chmod (the owner or root), chown (root), chgrp (the owner, to one of
 *                        its groups), utimensat (inode_may_set_times()); and what chown and
 *                        chmod take away: set-user-ID and set-group-ID bits.
 *
 * The callers, by the operation they check: the path walk asks for x on every directory it
 * goes through (fs/namei.c: walk()); mkdir, rmdir, unlink, mknod, rename and open's O_CREAT
 * call may_create() and may_delete() (fs/namei.c); open, truncate, chdir, access, execve and
 * setattr the rest (fs/open.c).
 *
 * An inode's mode, owner and group change with both vfs_lock and its i_mutex held, so each
 * function reads them under either (include/kernel/fs.h); the mount's flags are vfs_lock's.
 */
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/mount.h>
#include <kernel/stat.h>

#include "internal.h"

/* ---- one inode ---- */

int generic_permission(const struct cred *cred, const struct inode *inode, int mask)
{
	mode_t mode = inode->i_mode;

	mask &= MAY_READ | MAY_WRITE | MAY_EXEC;
	if (cred->fsuid == inode->i_uid)
		mode >>= 6;
	else if (cred_in_group(cred, inode->i_gid))
		mode >>= 3;
	if ((mask & ~mode & 7) == 0)
		return 0;
	if (cred_fs_root(cred) &&
	    (!(mask & MAY_EXEC) || S_ISDIR(inode->i_mode) || (inode->i_mode & S_IXUGO)))
		return 0;
	return -EACCES;
}

int inode_permission(const struct inode *inode, int mask)
{
	return generic_permission(current_cred(), inode, mask);
}

bool inode_owner_or_root(const struct inode *inode)
{
	const struct cred *cred = current_cred();

	return cred->fsuid == inode->i_uid || cred_fs_root(cred);
}

/* Whether the caller is in group gid, or root (who may keep a set-group-ID bit anyway). */
static bool in_group_or_root(gid_t gid)
{
	const struct cred *cred = current_cred();

	return cred_in_group(cred, gid) || cred_fs_root(cred);
}

void inode_init_owner(struct inode *inode, const struct inode *dir)
{
	const struct cred *cred = current_cred();

	inode->i_uid = cred->fsuid;
	inode->i_gid = cred->fsgid;
	if (!dir || !(dir->i_mode & S_ISGID))
		return;
	inode->i_gid = dir->i_gid;
	if (S_ISDIR(inode->i_mode))
		inode->i_mode |= S_ISGID;
	else if ((inode->i_mode & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) &&
		 !in_group_or_root(dir->i_gid))
		inode->i_mode &= ~S_ISGID;
}

/* ---- one inode, reached through a mount ---- */

bool mnt_is_readonly(const struct vfsmount *mnt)
{
	return mnt->mnt_flags & MS_RDONLY;
}

int path_permission(const struct path *path, int mask)
{
	const struct inode *inode = path->dentry->d_inode;

	if ((mask & MAY_WRITE) && mnt_is_readonly(path->mnt) &&
	    (S_ISREG(inode->i_mode) || S_ISDIR(inode->i_mode)))
		return -EROFS;
	return inode_permission(inode, mask);
}

/* ---- names in a directory ---- */

int may_create(const struct path *dir)
{
	if (mnt_is_readonly(dir->mnt))
		return -EROFS;
	return inode_permission(dir->dentry->d_inode, MAY_WRITE | MAY_EXEC);
}

/* The sticky bit: in such a directory only root and the owners of the file or of the
 * directory may remove or rename the file. */
static bool sticky_forbids(const struct inode *dir, const struct inode *inode)
{
	const struct cred *cred = current_cred();

	if (!(dir->i_mode & S_ISVTX))
		return false;
	return cred->fsuid != inode->i_uid && cred->fsuid != dir->i_uid && !cred_fs_root(cred);
}

int may_delete(const struct inode *dir, const struct dentry *victim, bool isdir)
{
	int err;

	if (!victim->d_inode)
		return -ENOENT;
	err = inode_permission(dir, MAY_WRITE | MAY_EXEC);
	if (err)
		return err;
	if (sticky_forbids(dir, victim->d_inode))
		return -EPERM;
	if (isdir && !d_is_dir(victim))
		return -ENOTDIR;
	if (!isdir && d_is_dir(victim))
		return -EISDIR;
	return 0;
}

/* ---- open and execve ---- */

int may_open(const struct path *path, int flags)
{
	const struct inode *inode = path->dentry->d_inode;
	int mask = 0;

	if ((flags & O_ACCMODE) != O_WRONLY)
		mask |= MAY_READ;
	if ((flags & O_ACCMODE) != O_RDONLY)
		mask |= MAY_WRITE;
	if (S_ISREG(inode->i_mode) && (flags & O_TRUNC)) {
		if (mnt_is_readonly(path->mnt))
			return -EROFS;
		mask |= MAY_WRITE;
	}
	if ((S_ISCHR(inode->i_mode) || S_ISBLK(inode->i_mode)) && (path->mnt->mnt_flags & MS_NODEV))
		return -EACCES;
	return path_permission(path, mask);
}

int may_exec(const struct path *path)
{
	const struct inode *inode = path->dentry->d_inode;

	if (!S_ISREG(inode->i_mode) || (path->mnt->mnt_flags & MS_NOEXEC))
		return -EACCES;
	return inode_permission(inode, MAY_EXEC);
}

/* ---- attributes ---- */

int inode_may_set_times(const struct inode *inode, bool to_now)
{
	if (inode_owner_or_root(inode))
		return 0;
	return to_now ? inode_permission(inode, MAY_WRITE) : -EPERM;
}

/* chown: root only, but the owner may "change" the owner to itself. */
static bool chown_ok(const struct inode *inode, uid_t uid)
{
	const struct cred *cred = current_cred();

	return (cred->fsuid == inode->i_uid && uid == inode->i_uid) || cred_fs_root(cred);
}

/* chgrp: root, or the owner to one of its own groups (or to the group the file has). */
static bool chgrp_ok(const struct inode *inode, gid_t gid)
{
	const struct cred *cred = current_cred();

	if (cred_fs_root(cred))
		return true;
	return cred->fsuid == inode->i_uid && (cred_in_group(cred, gid) || gid == inode->i_gid);
}

/*
 * A chown takes the set-user-ID bit off a file, and the set-group-ID bit too when the group
 * may execute it (without group x, the bit marks mandatory locking, and root keeps it).
 */
static void kill_setid(const struct inode *inode, struct iattr *attr)
{
	mode_t mode = inode->i_mode, kill = mode & S_ISUID;

	if ((mode & S_ISGID) && ((mode & S_IXGRP) || !in_group_or_root(inode->i_gid)))
		kill |= S_ISGID;
	if (kill) {
		attr->valid |= ATTR_MODE;
		attr->mode = mode & S_IALLUGO & ~kill;
	}
}

int setattr_prepare(const struct inode *inode, struct iattr *attr)
{
	int err;

	if (attr->valid & ATTR_KILL_SETID)
		kill_setid(inode, attr);
	if ((attr->valid & ATTR_UID) && !chown_ok(inode, attr->uid))
		return -EPERM;
	if ((attr->valid & ATTR_GID) && !chgrp_ok(inode, attr->gid))
		return -EPERM;
	if (attr->valid & ATTR_MODE) {
		gid_t gid = attr->valid & ATTR_GID ? attr->gid : inode->i_gid;

		if (!inode_owner_or_root(inode))
			return -EPERM;
		if (!in_group_or_root(gid))
			attr->mode &= ~S_ISGID; /* silently, as Linux does */
	}
	if (attr->valid & (ATTR_TIMES_SET | ATTR_TOUCH)) {
		err = inode_may_set_times(inode, attr->valid & ATTR_TOUCH);
		if (err)
			return err;
	}
	return 0;
}
