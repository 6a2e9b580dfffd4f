/*
 * Tests of the permission checks (fs/permission.c).  generic_permission()'s rule is checked
 * with made-up credentials and inodes; the rest through the VFS, in a scratch ramfs, with the
 * test thread made a process whose credentials each test sets: search on the walk, write on a
 * directory, the sticky bit, chmod's and chown's rules, the owner of a new file, read-only
 * mounts.  (user/bin/permtests checks the same rules from user space, on Linux too.)
 */
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mount.h>
#include <kernel/proc.h>
#include <kernel/vfs.h>

#include "testlib.h"

#define USER  1000
#define OTHER 1001
#define GROUP 100 /* a supplementary group of USER's */

static struct cred cred_of(uid_t uid, gid_t gid)
{
	struct cred cred = { .uid = uid, .euid = uid, .suid = uid, .fsuid = uid };

	cred.gid = cred.egid = cred.sgid = cred.fsgid = gid;
	return cred;
}

/* USER, group USER, and GROUP as a supplementary group. */
static struct cred user_cred(void)
{
	struct cred cred = cred_of(USER, USER);

	cred.groups[0] = GROUP;
	cred.ngroups = 1;
	return cred;
}

/* An inode with only the fields generic_permission() reads. */
static struct inode inode_of(mode_t mode, uid_t uid, gid_t gid)
{
	return (struct inode){ .i_mode = mode, .i_uid = uid, .i_gid = gid };
}

KTEST(permission_owner, "permission: the owner gets the owner's bits, and only those")
{
	struct cred user = user_cred();
	struct inode f;

	f = inode_of(S_IFREG | 0600, USER, 0);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ | MAY_WRITE) == 0);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_EXEC) == -EACCES);
	f = inode_of(S_IFREG | 0477, USER, USER);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ) == 0);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_WRITE) == -EACCES);
	f = inode_of(S_IFREG | 0077, USER, USER);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ) == -EACCES);
}

KTEST(permission_group, "permission: the group's bits for the fs gid and supplementary groups")
{
	struct cred user = user_cred();
	struct inode f;

	f = inode_of(S_IFREG | 0640, 0, GROUP);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ) == 0);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_WRITE) == -EACCES);
	f = inode_of(S_IFREG | 0660, 0, USER);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ | MAY_WRITE) == 0);
	f = inode_of(S_IFREG | 0604, 0, GROUP);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ) == -EACCES); /* group, not other */
	f = inode_of(S_IFREG | 0604, 0, 5);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ) == 0); /* other */
	user.ngroups = 0;
	f = inode_of(S_IFREG | 0640, 0, GROUP);
	KTEST_EXPECT(generic_permission(&user, &f, MAY_READ) == -EACCES);
}

KTEST(permission_root, "permission: root passes all but executing a file with no x bit")
{
	struct cred root = cred_of(0, 0);
	struct inode f = inode_of(S_IFREG | 0000, USER, USER);
	struct inode d = inode_of(S_IFDIR | 0000, USER, USER);

	KTEST_EXPECT(generic_permission(&root, &f, MAY_READ | MAY_WRITE) == 0);
	KTEST_EXPECT(generic_permission(&root, &f, MAY_EXEC) == -EACCES);
	f.i_mode = S_IFREG | 0001;
	KTEST_EXPECT(generic_permission(&root, &f, MAY_EXEC) == 0);
	KTEST_EXPECT(generic_permission(&root, &d, MAY_READ | MAY_WRITE | MAY_EXEC) == 0);
}

KTEST(permission_fs_ids, "permission: the fs ids decide, not the effective ones (access())")
{
	struct cred cred = cred_of(0, 0);
	struct inode f = inode_of(S_IFREG | 0600, 0, 0);

	cred.fsuid = USER;
	cred.fsgid = USER;
	KTEST_EXPECT(generic_permission(&cred, &f, MAY_READ) == -EACCES);
	cred = cred_of(USER, USER);
	cred.fsuid = 0;
	KTEST_EXPECT(generic_permission(&cred, &f, MAY_READ) == 0);
}

/* ---- through the VFS, as a process ---- */

/* Make the test thread a process acting as USER; NULL if it cannot. */
static struct proc *become_user(void)
{
	struct proc *p = test_become_proc();
	unsigned long flags;

	if (!p)
		return NULL;
	flags = spin_lock_irqsave(&proc_lock);
	p->cred = user_cred();
	spin_unlock_irqrestore(&proc_lock, flags);
	return p;
}

/* Make name in the scratch root (a directory if dir) with mode, uid and gid, as root. */
static int make(const struct path *root, const char *name, bool dir, mode_t mode, uid_t uid,
		gid_t gid)
{
	struct path path;
	int err = dir ? vfs_mkdir(root, name, 0700) : test_write_file(root, name, "x");

	if (!err)
		err = vfs_path_lookup(root, name, 0, &path);
	if (err)
		return err;
	err = vfs_chown(&path, uid, gid);
	if (!err)
		err = vfs_chmod(&path, mode);
	path_put(&path);
	return err;
}

static int chmod_name(const struct path *root, const char *name, mode_t mode)
{
	struct path path;
	int err = vfs_path_lookup(root, name, 0, &path);

	if (!err) {
		err = vfs_chmod(&path, mode);
		path_put(&path);
	}
	return err;
}

static int chown_name(const struct path *root, const char *name, uid_t uid, gid_t gid)
{
	struct path path;
	int err = vfs_path_lookup(root, name, 0, &path);

	if (!err) {
		err = vfs_chown(&path, uid, gid);
		path_put(&path);
	}
	return err;
}

static mode_t mode_of(const struct path *root, const char *name)
{
	struct stat st;

	return vfs_stat(root, name, &st) == 0 ? st.st_mode : 0;
}

KTEST(permission_walk_and_dirs, "permission: search on the walk, write and search to change a dir")
{
	struct vfs_scratch s;
	struct proc *p;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make(&s.root, "closed", true, 0700, 0, 0) == 0);
	KTEST_ASSERT(make(&s.root, "closed/f", false, 0644, 0, 0) == 0);
	KTEST_ASSERT(make(&s.root, "ro", true, 0755, 0, 0) == 0);
	KTEST_ASSERT(make(&s.root, "ro/f", false, 0666, 0, 0) == 0);
	p = become_user();
	KTEST_ASSERT(p);
	KTEST_EXPECT(test_ino(&s.root, "closed/f") == -EACCES);
	KTEST_EXPECT(test_ino(&s.root, "closed/..") == -EACCES);
	KTEST_EXPECT(test_write_file(&s.root, "ro/f", "written") == 0);
	KTEST_EXPECT(vfs_mkdir(&s.root, "ro/d", 0755) == -EACCES);
	KTEST_EXPECT(vfs_unlink(&s.root, "ro/f") == -EACCES);
	KTEST_EXPECT(vfs_rename(&s.root, "ro/f", "ro/g") == -EACCES);
	KTEST_EXPECT(vfs_mknod(&s.root, "ro/fifo", S_IFIFO | 0644, 0) == -EACCES);
	test_unbecome_proc(p);
	KTEST_EXPECT(vfs_unlink(&s.root, "ro/f") == 0 && vfs_rmdir(&s.root, "ro") == 0);
	scratch_unmount(&s);
}

KTEST(permission_sticky, "permission: in a sticky directory, only owners of file or dir remove")
{
	struct vfs_scratch s;
	struct proc *p;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make(&s.root, "t", true, 01777, 0, 0) == 0);
	KTEST_ASSERT(make(&s.root, "t/mine", false, 0644, USER, USER) == 0);
	KTEST_ASSERT(make(&s.root, "t/other", false, 0666, OTHER, OTHER) == 0);
	KTEST_ASSERT(make(&s.root, "u", true, 01777, USER, USER) == 0);
	KTEST_ASSERT(make(&s.root, "u/other", false, 0644, OTHER, OTHER) == 0);
	p = become_user();
	KTEST_ASSERT(p);
	KTEST_EXPECT(vfs_unlink(&s.root, "t/other") == -EPERM);
	KTEST_EXPECT(vfs_rename(&s.root, "t/other", "t/x") == -EPERM);
	KTEST_EXPECT(vfs_rename(&s.root, "t/mine", "t/other") == -EPERM);
	KTEST_EXPECT(vfs_unlink(&s.root, "t/mine") == 0);
	KTEST_EXPECT(vfs_unlink(&s.root, "u/other") == 0); /* the directory is the user's */
	test_unbecome_proc(p);
	KTEST_EXPECT(vfs_unlink(&s.root, "t/other") == 0); /* root may */
	scratch_unmount(&s);
}

KTEST(permission_chmod_chown, "permission: chmod by the owner, chown by root, chgrp to own groups")
{
	struct vfs_scratch s;
	struct proc *p;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make(&s.root, "mine", false, 06755, USER, 5) == 0);
	KTEST_ASSERT(make(&s.root, "roots", false, 0644, 0, 0) == 0);
	p = become_user();
	KTEST_ASSERT(p);
	KTEST_EXPECT(chmod_name(&s.root, "roots", 0600) == -EPERM);
	KTEST_EXPECT(chown_name(&s.root, "roots", USER, -1) == -EPERM);
	KTEST_EXPECT(chown_name(&s.root, "mine", OTHER, -1) == -EPERM);
	KTEST_EXPECT(chown_name(&s.root, "mine", -1, 5) == 0); /* no change: allowed */
	KTEST_EXPECT(chmod_name(&s.root, "mine", 02755) == 0);
	KTEST_EXPECT(mode_of(&s.root, "mine") == (S_IFREG | 0755)); /* not in group 5 */
	KTEST_EXPECT(chown_name(&s.root, "mine", -1, OTHER) == -EPERM);
	KTEST_EXPECT(chown_name(&s.root, "mine", -1, GROUP) == 0);
	KTEST_EXPECT(chmod_name(&s.root, "mine", 06755) == 0);
	KTEST_EXPECT(mode_of(&s.root, "mine") == (S_IFREG | 06755)); /* in GROUP */
	test_unbecome_proc(p);
	KTEST_EXPECT(chown_name(&s.root, "mine", OTHER, -1) == 0);
	KTEST_EXPECT(mode_of(&s.root, "mine") == (S_IFREG | 0755)); /* chown clears set-id */
	scratch_unmount(&s);
}

KTEST(permission_new_owner, "permission: a new file is its maker's, of a set-group-ID dir's group")
{
	struct vfs_scratch s;
	struct stat st;
	struct proc *p;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make(&s.root, "open", true, 0777, 0, 0) == 0);
	KTEST_ASSERT(make(&s.root, "sgid", true, 02777, 0, 5) == 0);
	p = become_user();
	KTEST_ASSERT(p);
	KTEST_EXPECT(test_write_file(&s.root, "open/f", "") == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "open/f", &st) == 0 && st.st_uid == USER &&
		     st.st_gid == USER);
	KTEST_EXPECT(test_write_file(&s.root, "sgid/f", "") == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "sgid/f", &st) == 0 && st.st_uid == USER && st.st_gid == 5);
	KTEST_EXPECT(vfs_mkdir(&s.root, "sgid/d", 0755) == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "sgid/d", &st) == 0 && st.st_gid == 5 &&
		     st.st_mode == (S_IFDIR | 02755));
	test_unbecome_proc(p);
	scratch_unmount(&s);
}

KTEST(permission_read_only, "permission: nothing changes on a read-only mount (EROFS)")
{
	struct vfs_scratch s;
	struct file *file;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make(&s.root, "f", false, 0666, 0, 0) == 0);
	KTEST_ASSERT(make(&s.root, "d", true, 0777, 0, 0) == 0);
	mutex_lock(&vfs_lock);
	s.mnt->mnt_flags |= MS_RDONLY;
	mutex_unlock(&vfs_lock);
	KTEST_EXPECT(vfs_open(&s.root, "f", O_WRONLY, 0, &file) == -EROFS);
	KTEST_EXPECT(vfs_open(&s.root, "g", O_WRONLY | O_CREAT, 0644, &file) == -EROFS);
	KTEST_EXPECT(vfs_mkdir(&s.root, "e", 0755) == -EROFS);
	KTEST_EXPECT(vfs_mkdir(&s.root, "d", 0755) == -EEXIST);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d") == -EROFS);
	KTEST_EXPECT(vfs_unlink(&s.root, "none") == -EROFS);
	KTEST_EXPECT(vfs_rename(&s.root, "f", "g") == -EROFS);
	KTEST_EXPECT(chmod_name(&s.root, "f", 0600) == -EROFS);
	KTEST_ASSERT(vfs_open(&s.root, "f", O_RDONLY, 0, &file) == 0);
	file_put(file);
	mutex_lock(&vfs_lock);
	s.mnt->mnt_flags &= ~MS_RDONLY;
	mutex_unlock(&vfs_lock);
	KTEST_EXPECT(vfs_unlink(&s.root, "f") == 0 && vfs_rmdir(&s.root, "d") == 0);
	scratch_unmount(&s);
}
