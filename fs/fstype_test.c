/*
 * Tests of what the VFS promises a file-system type (struct file_system_type, fs/mount.c):
 * its mount may give a super block already mounted elsewhere, which only the last umount
 * kills, once; it may refuse with an errno that mount(2) returns unchanged, leaving nothing
 * mounted; /proc/mounts shows what its show_options says; and a regular file whose inode
 * cannot change size (no setattr), a control file, opens with O_TRUNC and takes writes.
 *
 * They use ktestfs, a file system of the tests' own: one super block at most, shared by all
 * its mounts, whose root holds two control files, "ctl-noiop" (i_op NULL) and "ctl-nosetattr"
 * (an i_op without setattr).  Its options: "refuse=N" makes the mount fail with errno N, and
 * "show=TEXT" sets what show_options shows.  The tests work in /ktest-fs-a and /ktest-fs-b.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/mount.h>
#include <kernel/vfs.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <lib/mount_options.h>
#include <lib/string.h>

#include "testlib.h"

#define DIR_A "/ktest-fs-a"
#define DIR_B "/ktest-fs-b"

#define CTL_SIZE 4 /* the size a control file says it has, which O_TRUNC must leave */

/* vfs_lock guards these (the type's operations all run holding it): */
static struct super_block *ktestfs_sb; /* the one super block, while mounted */
static int ktestfs_kills;	       /* kill_sb calls since boot */
static char ktestfs_shown[32];	       /* what show_options shows */

/* What the last write to a control file wrote, NUL-terminated; the inode's i_mutex. */
static char ktestfs_written[16];

/* show_options: the text of the last "show=" option. */
static size_t ktestfs_show_options(struct super_block *sb, char *buf, size_t size)
{
	return (size_t)snprintf(buf, size, "%s", ktestfs_shown);
}

static const struct super_operations ktestfs_super_ops = {
	.show_options = ktestfs_show_options,
};

/* A control file's write: keeps what was written, as a command the file would act on. */
static ssize_t ktestfs_ctl_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	size_t kept = MIN(len, sizeof(ktestfs_written) - 1);

	memcpy(ktestfs_written, buf, kept);
	ktestfs_written[kept] = '\0';
	return (ssize_t)len;
}

static const struct file_operations ktestfs_ctl_fops = {
	.write = ktestfs_ctl_write,
};

/* Operations, but no setattr: the file cannot change size. */
static const struct inode_operations ktestfs_ctl_iops = { 0 };

/* The root's lookup: the two control files, made afresh for each lookup. */
static int ktestfs_lookup(struct inode *dir, struct dentry *dentry)
{
	bool no_iop = strcmp(dentry->d_name, "ctl-noiop") == 0;
	struct inode *inode;

	if (!no_iop && strcmp(dentry->d_name, "ctl-nosetattr") != 0)
		return 0;
	inode = inode_alloc(dir->i_sb, S_IFREG | 0644);
	if (!inode)
		return -ENOMEM;
	inode->i_op = no_iop ? NULL : &ktestfs_ctl_iops;
	inode->i_fop = &ktestfs_ctl_fops;
	inode->i_size = CTL_SIZE;
	d_instantiate(dentry, inode);
	return 0;
}

static const struct inode_operations ktestfs_dir_iops = {
	.lookup = ktestfs_lookup,
};

/* Read the options: the errno of "refuse=N" (0 without one); "show=TEXT" sets ktestfs_shown. */
static int ktestfs_parse_options(const char *data)
{
	struct mount_opt opt;
	char number[8];
	unsigned long refuse = 0;

	while (mount_opt_next(&data, &opt)) {
		if (mount_opt_is(&opt, "show"))
			snprintf(ktestfs_shown, sizeof(ktestfs_shown), "%.*s", (int)opt.value_len,
				 opt.value ? opt.value : "");
		if (mount_opt_is(&opt, "refuse")) {
			snprintf(number, sizeof(number), "%.*s", (int)opt.value_len,
				 opt.value ? opt.value : "");
			if (kstrtoul(number, 10, &refuse) < 0)
				return -EINVAL;
		}
	}
	return -(int)refuse;
}

/* A new super block, with a root directory of 0755. */
static int ktestfs_new_sb(struct file_system_type *type, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, &ktestfs_super_ops);
	struct inode *root;

	if (!sb)
		return -ENOMEM;
	root = inode_alloc(sb, S_IFDIR | 0755);
	if (root)
		root->i_op = &ktestfs_dir_iops;
	sb->s_root = root ? d_make_root(root) : NULL;
	if (!sb->s_root) {
		sb_free(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

/* mount: the options' refusal if any, else the super block, shared if it is mounted already. */
static int ktestfs_mount(struct file_system_type *type, const char *source, unsigned long flags,
			 const void *data, struct super_block **out)
{
	int err = ktestfs_parse_options(data);

	if (err)
		return err;
	if (ktestfs_sb) {
		ktestfs_sb->s_active++;
		*out = ktestfs_sb;
		return 0;
	}
	err = ktestfs_new_sb(type, &ktestfs_sb);
	if (!err)
		*out = ktestfs_sb;
	return err;
}

static void ktestfs_kill_sb(struct super_block *sb)
{
	ktestfs_kills++;
	ktestfs_sb = NULL;
	dentry_put_locked(sb->s_root);
	sb_free(sb);
}

static struct file_system_type ktestfs_type = {
	.name = "ktestfs",
	.mount = ktestfs_mount,
	.kill_sb = ktestfs_kill_sb,
};

/* Register ktestfs, once (types are never unregistered), and make the two directories. */
static bool ktestfs_setup(void)
{
	if (get_filesystem("ktestfs") != &ktestfs_type && register_filesystem(&ktestfs_type) < 0)
		return false;
	ktestfs_shown[0] = '\0';
	return vfs_mkdir(NULL, DIR_A, 0755) == 0 && vfs_mkdir(NULL, DIR_B, 0755) == 0;
}

static bool ktestfs_teardown(void)
{
	return vfs_rmdir(NULL, DIR_A) == 0 && vfs_rmdir(NULL, DIR_B) == 0;
}

/* The kill_sb calls so far, read under vfs_lock. */
static int ktestfs_kill_count(void)
{
	int kills;

	mutex_lock(&vfs_lock);
	kills = ktestfs_kills;
	mutex_unlock(&vfs_lock);
	return kills;
}

KTEST(fstype_shared_sb, "mount: one super block at two places; the second umount kills it, once")
{
	struct path a, b;
	int kills;

	KTEST_ASSERT(ktestfs_setup());
	kills = ktestfs_kill_count();
	KTEST_ASSERT(vfs_mount(NULL, "none", DIR_A, "ktestfs", 0, NULL) == 0);
	KTEST_ASSERT(vfs_mount(NULL, "none", DIR_B, "ktestfs", 0, NULL) == 0);
	KTEST_ASSERT(vfs_path_lookup(NULL, DIR_A, 0, &a) == 0);
	KTEST_ASSERT(vfs_path_lookup(NULL, DIR_B, 0, &b) == 0);
	KTEST_EXPECT(a.mnt != b.mnt && a.dentry == b.dentry && a.mnt->mnt_sb == b.mnt->mnt_sb);
	KTEST_EXPECT(a.mnt->mnt_sb->s_active == 2);
	KTEST_EXPECT(test_ino(&a, "..") == test_ino(NULL, "/"));
	KTEST_EXPECT(test_ino(&b, "..") == test_ino(NULL, "/"));
	path_put(&a);
	path_put(&b);
	KTEST_EXPECT(vfs_umount(NULL, DIR_A, 0) == 0);
	KTEST_EXPECT(ktestfs_kill_count() == kills);
	KTEST_EXPECT(test_ino(NULL, DIR_B "/ctl-noiop") > 0);
	KTEST_EXPECT(test_ino(NULL, DIR_A "/ctl-noiop") == -ENOENT);
	KTEST_EXPECT(vfs_umount(NULL, DIR_B, 0) == 0);
	KTEST_EXPECT(ktestfs_kill_count() == kills + 1);
	KTEST_EXPECT(ktestfs_teardown());
}

/* Whether the mount table has a line with text in it. */
static bool table_has(const char *text)
{
	char *buf = kmalloc(PAGE_SIZE);
	bool found = buf && vfs_mounts_show(buf, PAGE_SIZE) < PAGE_SIZE && strstr(buf, text);

	kfree(buf);
	return found;
}

/* Whether mounting ktestfs on DIR_B with "refuse=N" fails with -N, and leaves no mount. */
static bool refused_as(int errno_value)
{
	char options[16];

	snprintf(options, sizeof(options), "refuse=%d", errno_value);
	return vfs_mount(NULL, "none", DIR_B, "ktestfs", 0, options) == -errno_value &&
	       !table_has(" " DIR_B " ") && test_ino(NULL, DIR_B "/ctl-noiop") == -ENOENT;
}

KTEST(fstype_refuse, "mount: a type's EBUSY, ENOENT or EINVAL is mount's, and nothing is mounted")
{
	int kills;

	KTEST_ASSERT(ktestfs_setup());
	KTEST_EXPECT(refused_as(EBUSY));
	KTEST_EXPECT(refused_as(ENOENT));
	KTEST_EXPECT(refused_as(EINVAL));
	KTEST_ASSERT(vfs_mount(NULL, "none", DIR_A, "ktestfs", 0, NULL) == 0);
	kills = ktestfs_kill_count();
	KTEST_EXPECT(refused_as(EBUSY)); /* refused while the super block is mounted on DIR_A */
	KTEST_EXPECT(ktestfs_sb && ktestfs_sb->s_active == 1);
	KTEST_EXPECT(vfs_umount(NULL, DIR_A, 0) == 0);
	KTEST_EXPECT(ktestfs_kill_count() == kills + 1);
	KTEST_EXPECT(ktestfs_teardown());
}

/* Whether every cut of the table (size 0 to its length + 1) is its start, and says its length. */
static bool table_cuts_agree(char *whole, char *cut)
{
	size_t len = vfs_mounts_show(whole, PAGE_SIZE);

	for (size_t size = 0; size <= len + 1; size++) {
		size_t kept = size ? MIN(size - 1, len) : 0;

		memset(cut, 'x', len + 2);
		if (vfs_mounts_show(cut, size) != len)
			return false;
		if (size && (strlen(cut) != kept || memcmp(cut, whole, kept) != 0))
			return false;
		if (size == 0 && cut[0] != 'x')
			return false;
	}
	return true;
}

KTEST(fstype_show_options, "/proc/mounts: ro,nosuid,nodev,noexec, then the type's options")
{
	unsigned long flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC;
	char *whole = kmalloc(PAGE_SIZE), *cut = kmalloc(PAGE_SIZE);

	KTEST_ASSERT(whole && cut);
	KTEST_ASSERT(ktestfs_setup());
	KTEST_ASSERT(vfs_mount(NULL, "none", DIR_A, "ktestfs", flags, "show=noprefix") == 0);
	KTEST_EXPECT(table_has("\nnone " DIR_A " ktestfs ro,nosuid,nodev,noexec,noprefix 0 0\n"));
	KTEST_ASSERT(vfs_mount(NULL, "none", DIR_B, "ktestfs", MS_NODEV, NULL) == 0);
	KTEST_EXPECT(table_has("\nnone " DIR_B " ktestfs rw,nodev,noprefix 0 0\n"));
	KTEST_EXPECT(table_cuts_agree(whole, cut));
	KTEST_EXPECT(vfs_umount(NULL, DIR_B, 0) == 0);
	KTEST_EXPECT(vfs_remount(NULL, DIR_A, 0, NULL) == 0);
	KTEST_EXPECT(table_has("\nnone " DIR_A " ktestfs rw,noprefix 0 0\n"));
	mutex_lock(&vfs_lock);
	ktestfs_shown[0] = '\0';
	mutex_unlock(&vfs_lock);
	KTEST_EXPECT(table_has("\nnone " DIR_A " ktestfs rw 0 0\n"));
	KTEST_EXPECT(table_cuts_agree(whole, cut));
	KTEST_EXPECT(vfs_umount(NULL, DIR_A, 0) == 0);
	KTEST_EXPECT(ktestfs_teardown());
	kfree(whole);
	kfree(cut);
}

/* Open a control file with O_WRONLY | O_TRUNC, write "5\n": whether all went as on Linux. */
static bool control_file_takes_echo(const char *name)
{
	struct file *file;
	struct stat st;
	bool ok;

	ktestfs_written[0] = '\0';
	if (vfs_open(NULL, name, O_WRONLY | O_TRUNC, 0, &file) != 0)
		return false;
	ok = vfs_fstat(file, &st) == 0 && st.st_size == CTL_SIZE;
	ok &= vfs_write(file, "5\n", 2) == 2 && strcmp(ktestfs_written, "5\n") == 0;
	file_put(file);
	return ok;
}

KTEST(fstype_trunc_control_file, "open: O_TRUNC of a file without setattr truncates nothing")
{
	KTEST_ASSERT(ktestfs_setup());
	KTEST_ASSERT(vfs_mount(NULL, "none", DIR_A, "ktestfs", 0, NULL) == 0);
	KTEST_EXPECT(control_file_takes_echo(DIR_A "/ctl-noiop"));
	KTEST_EXPECT(control_file_takes_echo(DIR_A "/ctl-nosetattr"));
	KTEST_EXPECT(vfs_umount(NULL, DIR_A, 0) == 0);
	KTEST_EXPECT(ktestfs_teardown());
}
