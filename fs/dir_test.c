/*
 * Tests of directories (fs/namei.c, fs/readdir.c, fs/ramfs.c): mkdir, rmdir, unlink and
 * rename with their errors, link counts, and getdents64's records.
 */
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "testlib.h"

KTEST(dir_mkdir_errors, "mkdir: EEXIST for a taken name, ENOENT without parent, ENOTDIR in a file")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_EXPECT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_EXPECT(vfs_mkdir(&s.root, "d", 0755) == -EEXIST);
	KTEST_EXPECT(vfs_mkdir(&s.root, "d/", 0755) == -EEXIST);
	KTEST_EXPECT(vfs_mkdir(&s.root, "e/", 0755) == 0);
	KTEST_EXPECT(vfs_mkdir(&s.root, ".", 0755) == -EEXIST);
	KTEST_EXPECT(vfs_mkdir(&s.root, "no/d", 0755) == -ENOENT);
	KTEST_ASSERT(test_write_file(&s.root, "f", "") == 0);
	KTEST_EXPECT(vfs_mkdir(&s.root, "f", 0755) == -EEXIST);
	KTEST_EXPECT(vfs_mkdir(&s.root, "f/d", 0755) == -ENOTDIR);
	scratch_unmount(&s);
}

KTEST(dir_rmdir_errors, "rmdir: ENOTEMPTY, ENOTDIR for a file, ENOENT, EINVAL for '.'")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "d/f", "x") == 0);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d") == -ENOTEMPTY);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d/f") == -ENOTDIR);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d/.") == -EINVAL);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d/..") == -ENOTEMPTY);
	KTEST_EXPECT(vfs_rmdir(&s.root, "nothing") == -ENOENT);
	KTEST_EXPECT(vfs_unlink(&s.root, "d/f") == 0);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d/") == 0);
	KTEST_EXPECT(test_ino(&s.root, "d") == -ENOENT);
	KTEST_EXPECT(vfs_rmdir(NULL, "/") == -EBUSY);
	scratch_unmount(&s);
}

KTEST(dir_unlink_errors, "unlink: EISDIR for a directory, ENOENT for no file, ENOTDIR for 'file/'")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "f", "x") == 0);
	KTEST_EXPECT(vfs_unlink(&s.root, "d") == -EISDIR);
	KTEST_EXPECT(vfs_unlink(&s.root, "g") == -ENOENT);
	KTEST_EXPECT(vfs_unlink(&s.root, "f/") == -ENOTDIR);
	KTEST_EXPECT(vfs_unlink(&s.root, "f") == 0);
	KTEST_EXPECT(vfs_unlink(&s.root, "f") == -ENOENT);
	scratch_unmount(&s);
}

KTEST(dir_nlink, "directories: nlink is 2 plus subdirectories, files do not count")
{
	struct vfs_scratch s;
	struct stat st;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "d/a", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "d/b", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "d/f", "") == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "d", &st) == 0 && st.st_nlink == 4);
	KTEST_EXPECT(st.st_mode == (S_IFDIR | 0755));
	KTEST_EXPECT(vfs_rmdir(&s.root, "d/a") == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "d", &st) == 0 && st.st_nlink == 3);
	scratch_unmount(&s);
}

/* What getdents64 found: each name's d_type, in a small table. */
struct listing {
	int count;
	char names[8][16];
	unsigned int types[8];
	bool aligned; /* every d_reclen a multiple of 8, and large enough for its name */
};

static bool find_name(const struct listing *list, const char *name, unsigned int type)
{
	for (int i = 0; i < list->count; i++)
		if (strcmp(list->names[i], name) == 0)
			return list->types[i] == type;
	return false;
}

static void add_records(struct listing *list, const char *buf, ssize_t len)
{
	for (ssize_t off = 0; off < len;) {
		const struct linux_dirent64 *d = (const void *)(buf + off);

		if (d->d_reclen % 8 || d->d_reclen < 20 + strlen(d->d_name))
			list->aligned = false;
		if (list->count < 8) {
			strlcpy(list->names[list->count], d->d_name, 16);
			list->types[list->count++] = d->d_type;
		}
		off += d->d_reclen;
	}
}

/* Read the whole directory with buffers of bufsize bytes. */
static int list_dir(const struct path *cwd, const char *name, size_t bufsize, struct listing *list)
{
	char *buf = kmalloc(bufsize);
	struct file *file;
	ssize_t n;
	int err = buf ? vfs_open(cwd, name, O_RDONLY | O_DIRECTORY, 0, &file) : -ENOMEM;

	*list = (struct listing){ .aligned = true };
	if (err) {
		kfree(buf);
		return err;
	}
	while ((n = vfs_getdents64(file, buf, bufsize)) > 0)
		add_records(list, buf, n);
	file_put(file);
	kfree(buf);
	return (int)n;
}

KTEST(dir_getdents, "getdents64: '.', '..' and each entry once, reclen 8-aligned, d_type right")
{
	struct vfs_scratch s;
	struct listing list;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "d/sub", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "d/file", "x") == 0);
	KTEST_ASSERT(vfs_mknod(&s.root, "d/tty", S_IFCHR | 0600, MKDEV(5, 1)) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "d/gone", "x") == 0);
	KTEST_ASSERT(vfs_unlink(&s.root, "d/gone") == 0);
	KTEST_EXPECT(list_dir(&s.root, "d", 512, &list) == 0);
	KTEST_EXPECT(list.count == 5 && list.aligned);
	KTEST_EXPECT(find_name(&list, ".", DT_DIR) && find_name(&list, "..", DT_DIR));
	KTEST_EXPECT(find_name(&list, "sub", DT_DIR) && find_name(&list, "file", DT_REG));
	KTEST_EXPECT(find_name(&list, "tty", DT_CHR));
	KTEST_EXPECT(strcmp(list.names[0], ".") == 0 && strcmp(list.names[1], "..") == 0);
	scratch_unmount(&s);
}

KTEST(dir_getdents_small_buffer, "getdents64: EINVAL if no entry fits; else resumes in order")
{
	struct vfs_scratch s;
	struct listing list;
	struct file *file;
	char buf[16];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "a", "") == 0);
	KTEST_ASSERT(test_write_file(&s.root, "b", "") == 0);
	KTEST_ASSERT(vfs_open(&s.root, ".", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_getdents64(file, buf, sizeof(buf)) == -EINVAL);
	file_put(file);
	KTEST_EXPECT(list_dir(&s.root, ".", 24, &list) == 0); /* one record per call */
	KTEST_EXPECT(list.count == 4 && strcmp(list.names[2], "a") == 0);
	KTEST_EXPECT(strcmp(list.names[3], "b") == 0);
	KTEST_ASSERT(vfs_open(&s.root, "a", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_getdents64(file, buf, sizeof(buf)) == -ENOTDIR);
	file_put(file);
	scratch_unmount(&s);
}

KTEST(dir_getdents_seek_back, "getdents64: d_off of a record, given to lseek, resumes after it")
{
	struct linux_dirent64 *first;
	struct vfs_scratch s;
	struct file *file;
	char buf[96];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(test_write_file(&s.root, "x", "") == 0);
	KTEST_ASSERT(vfs_open(&s.root, ".", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_getdents64(file, buf, sizeof(buf)) == 72); /* ".", "..", "x" */
	first = (struct linux_dirent64 *)buf;
	KTEST_EXPECT(vfs_getdents64(file, buf, sizeof(buf)) == 0);
	KTEST_EXPECT(vfs_lseek(file, 1, SEEK_SET) == 1);
	KTEST_EXPECT(vfs_getdents64(file, buf, sizeof(buf)) == 48);
	KTEST_EXPECT(strcmp(first->d_name, "..") == 0 && first->d_off == 2);
	file_put(file);
	scratch_unmount(&s);
}

KTEST(dir_rename, "rename: moves files and directories, replaces a file, keeps the inode")
{
	struct vfs_scratch s;
	char buf[8];
	long ino;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "a", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "b", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "a/f", "one") == 0);
	KTEST_ASSERT(test_write_file(&s.root, "b/g", "two") == 0);
	ino = test_ino(&s.root, "a/f");
	KTEST_EXPECT(vfs_rename(&s.root, "a/f", "b/a-very-long-name-that-is-not-inline") == 0);
	KTEST_EXPECT(test_ino(&s.root, "a/f") == -ENOENT);
	KTEST_EXPECT(test_ino(&s.root, "b/a-very-long-name-that-is-not-inline") == ino);
	KTEST_EXPECT(vfs_rename(&s.root, "b/a-very-long-name-that-is-not-inline", "b/g") == 0);
	KTEST_EXPECT(test_read_file(&s.root, "b/g", buf, sizeof(buf)) == 3);
	KTEST_EXPECT(strcmp(buf, "one") == 0 && test_ino(&s.root, "b/g") == ino);
	KTEST_EXPECT(vfs_rename(&s.root, "b", "a/b") == 0);
	KTEST_EXPECT(test_ino(&s.root, "a/b/g") == ino);
	scratch_unmount(&s);
}

KTEST(dir_rename_errors, "rename: EINVAL into itself, ENOTEMPTY, EISDIR, ENOTDIR, ENOENT")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "d/sub", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "e", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "f", "") == 0);
	KTEST_EXPECT(vfs_rename(&s.root, "d", "d/sub/d") == -EINVAL);
	KTEST_EXPECT(vfs_rename(&s.root, "e", "d") == -ENOTEMPTY);
	KTEST_EXPECT(vfs_rename(&s.root, "f", "e") == -EISDIR);
	KTEST_EXPECT(vfs_rename(&s.root, "e", "f") == -ENOTDIR);
	KTEST_EXPECT(vfs_rename(&s.root, "nothing", "g") == -ENOENT);
	KTEST_EXPECT(vfs_rename(&s.root, "d/sub", "e") == 0); /* over an empty directory */
	KTEST_EXPECT(test_ino(&s.root, "d/sub") == -ENOENT && test_ino(&s.root, "e") > 0);
	KTEST_EXPECT(vfs_rename(&s.root, "f", "f") == 0);
	scratch_unmount(&s);
}

KTEST(dir_removed_while_inside, "in a removed directory, '.' still works but creating is ENOENT")
{
	struct vfs_scratch s;
	struct path dir;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(vfs_path_lookup(&s.root, "d", 0, &dir) == 0);
	KTEST_EXPECT(vfs_rmdir(&s.root, "d") == 0);
	KTEST_EXPECT(test_ino(&dir, ".") > 0);
	KTEST_EXPECT(test_write_file(&dir, "f", "x") == -ENOENT);
	KTEST_EXPECT(vfs_mkdir(&dir, "sub", 0755) == -ENOENT);
	path_put(&dir);
	scratch_unmount(&s);
}

KTEST(dir_rename_special_names, "rename: '/', '.', '..' are EBUSY; 'file/' ENOTDIR; 'dir/' is fine")
{
	struct vfs_scratch s;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "d", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "f", "x") == 0);
	KTEST_EXPECT(vfs_rename(&s.root, "d", ".") == -EBUSY);
	KTEST_EXPECT(vfs_rename(&s.root, "d/..", "e") == -EBUSY);
	KTEST_EXPECT(vfs_rename(NULL, "/", "/ktest-root") == -EBUSY);
	KTEST_EXPECT(vfs_rename(&s.root, "f/", "g") == -ENOTDIR);
	KTEST_EXPECT(vfs_rename(&s.root, "f", "g/") == -ENOTDIR);
	KTEST_EXPECT(vfs_rename(&s.root, "f", "f/") == -ENOTDIR);
	KTEST_EXPECT(vfs_rename(&s.root, "d", "e/") == 0);
	KTEST_EXPECT(test_ino(&s.root, "e") > 0 && test_ino(&s.root, "d") == -ENOENT);
	KTEST_EXPECT(vfs_rename(&s.root, "e", "e/sub") == -EINVAL);
	scratch_unmount(&s);
}

KTEST(dir_rename_open_and_links, "rename: an open file reads on; a moved directory moves a link")
{
	struct vfs_scratch s;
	struct file *file;
	struct stat st;
	char buf[8];

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "a", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "b", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "a/sub", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "a/f", "data") == 0);
	KTEST_ASSERT(vfs_open(&s.root, "a/f", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_rename(&s.root, "a/f", "b/g") == 0);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == 4 && memcmp(buf, "data", 4) == 0);
	file_put(file);
	KTEST_EXPECT(vfs_rename(&s.root, "a/sub", "b/sub") == 0);
	KTEST_EXPECT(vfs_stat(&s.root, "a", &st) == 0 && st.st_nlink == 2);
	KTEST_EXPECT(vfs_stat(&s.root, "b", &st) == 0 && st.st_nlink == 3);
	scratch_unmount(&s);
}

KTEST(dir_renameat, "renameat: each name is taken relative to its own directory")
{
	struct vfs_scratch s;
	struct path a, b;
	long ino;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mkdir(&s.root, "a", 0755) == 0);
	KTEST_ASSERT(vfs_mkdir(&s.root, "b", 0755) == 0);
	KTEST_ASSERT(test_write_file(&s.root, "a/f", "x") == 0);
	ino = test_ino(&s.root, "a/f");
	KTEST_ASSERT(vfs_path_lookup(&s.root, "a", 0, &a) == 0);
	KTEST_ASSERT(vfs_path_lookup(&s.root, "b", 0, &b) == 0);
	KTEST_EXPECT(vfs_renameat(&a, "f", &b, "g") == 0);
	KTEST_EXPECT(test_ino(&s.root, "b/g") == ino && test_ino(&a, "f") == -ENOENT);
	KTEST_EXPECT(vfs_renameat(&b, "g", NULL, "/ktest-g") == -EXDEV);
	path_put(&a);
	path_put(&b);
	scratch_unmount(&s);
}
