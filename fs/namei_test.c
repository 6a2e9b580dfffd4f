/*
 * Tests of path walk (fs/namei.c): ".", "..", repeated and trailing slashes, and the errors
 * ENOENT, ENOTDIR and ENAMETOOLONG.  Each works in a scratch ramfs holding a/b/f.
 */
#include <kernel/errno.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "testlib.h"

/* Make a/b/f in the scratch file system. */
static bool make_abf(struct vfs_scratch *s)
{
	return vfs_mkdir(&s->root, "a", 0755) == 0 && vfs_mkdir(&s->root, "a/b", 0755) == 0 &&
	       test_write_file(&s->root, "a/b/f", "f") == 0;
}

static int lookup_err(const struct path *cwd, const char *name, unsigned int flags)
{
	struct path path;
	int err = vfs_path_lookup(cwd, name, flags, &path);

	if (!err)
		path_put(&path);
	return err;
}

KTEST(namei_dots_and_slashes, "path walk: '.', '..' and '//' name the same file as the plain path")
{
	struct vfs_scratch s;
	long f;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make_abf(&s));
	f = test_ino(&s.root, "a/b/f");
	KTEST_EXPECT(f > 0);
	KTEST_EXPECT(test_ino(&s.root, "a/./b//f") == f);
	KTEST_EXPECT(test_ino(&s.root, "./a/b/../b/f") == f);
	KTEST_EXPECT(test_ino(&s.root, "a//b/./././f") == f);
	KTEST_EXPECT(test_ino(&s.root, "a/b/../..") == test_ino(&s.root, "."));
	scratch_unmount(&s);
}

KTEST(namei_dotdot_at_root, "path walk: '..' at the root stays at the root")
{
	struct path root, up;

	vfs_get_root(&root);
	KTEST_ASSERT(vfs_path_lookup(NULL, "/../../..", 0, &up) == 0);
	KTEST_EXPECT(up.dentry == root.dentry && up.mnt == root.mnt);
	path_put(&up);
	KTEST_ASSERT(vfs_path_lookup(&root, "..", 0, &up) == 0);
	KTEST_EXPECT(up.dentry == root.dentry);
	path_put(&up);
	path_put(&root);
}

KTEST(namei_trailing_slash, "path walk: a trailing slash is fine on a directory, ENOTDIR on a file")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make_abf(&s));
	KTEST_EXPECT(lookup_err(&s.root, "a/b/", 0) == 0);
	KTEST_EXPECT(lookup_err(&s.root, "a/b//", 0) == 0);
	KTEST_EXPECT(lookup_err(&s.root, "a/b/f/", 0) == -ENOTDIR);
	KTEST_EXPECT(lookup_err(&s.root, "a/b/f", LOOKUP_DIRECTORY) == -ENOTDIR);
	KTEST_EXPECT(lookup_err(&s.root, "a/b", LOOKUP_DIRECTORY) == 0);
	scratch_unmount(&s);
}

KTEST(namei_enoent_enotdir, "path walk: ENOENT for a missing name or \"\", ENOTDIR through a file")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(make_abf(&s));
	KTEST_EXPECT(lookup_err(&s.root, "a/missing", 0) == -ENOENT);
	KTEST_EXPECT(lookup_err(&s.root, "a/missing/f", 0) == -ENOENT);
	KTEST_EXPECT(lookup_err(&s.root, "", 0) == -ENOENT);
	KTEST_EXPECT(lookup_err(&s.root, "a/b/f/x", 0) == -ENOTDIR);
	KTEST_EXPECT(lookup_err(&s.root, "a/b/f/..", 0) == -ENOTDIR);
	scratch_unmount(&s);
}

KTEST(namei_enametoolong, "path walk: ENAMETOOLONG past NAME_MAX in a component or PATH_MAX in all")
{
	char *name = kmalloc(PATH_MAX + 2);
	struct vfs_scratch s;

	KTEST_ASSERT(name);
	KTEST_ASSERT(scratch_mount(&s));
	memset(name, 'x', NAME_MAX);
	name[NAME_MAX] = '\0';
	KTEST_EXPECT(lookup_err(&s.root, name, 0) == -ENOENT);
	KTEST_EXPECT(vfs_mkdir(&s.root, name, 0755) == 0);
	KTEST_EXPECT(lookup_err(&s.root, name, 0) == 0);
	name[NAME_MAX] = 'x';
	name[NAME_MAX + 1] = '\0';
	KTEST_EXPECT(lookup_err(&s.root, name, 0) == -ENAMETOOLONG);
	KTEST_EXPECT(vfs_mkdir(&s.root, name, 0755) == -ENAMETOOLONG);
	for (int i = 0; i < PATH_MAX; i++)
		name[i] = i % 2 ? '/' : '.';
	name[PATH_MAX - 1] = '\0';
	KTEST_EXPECT(lookup_err(&s.root, name, 0) == 0); /* 4095 bytes of "./" */
	name[PATH_MAX - 1] = '.';
	name[PATH_MAX] = '\0';
	KTEST_EXPECT(lookup_err(&s.root, name, 0) == -ENAMETOOLONG);
	scratch_unmount(&s);
	kfree(name);
}

KTEST(namei_absolute_and_relative, "path walk: absolute names start at the root, relative at cwd")
{
	struct vfs_scratch s;
	struct path root, dev;

	vfs_get_root(&root);
	KTEST_ASSERT(scratch_mount(&s));
	KTEST_EXPECT(lookup_err(&s.root, "/dev/null", 0) == 0);
	KTEST_EXPECT(lookup_err(&s.root, "dev/null", 0) == -ENOENT);
	KTEST_EXPECT(lookup_err(&root, "dev/null", 0) == 0);
	KTEST_ASSERT(vfs_path_lookup(&root, "dev", 0, &dev) == 0);
	KTEST_EXPECT(lookup_err(&dev, "null", 0) == 0);
	KTEST_EXPECT(lookup_err(&dev, "../dev/zero", 0) == 0);
	path_put(&dev);
	scratch_unmount(&s);
	path_put(&root);
}
