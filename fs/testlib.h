/*
 * Helpers for the VFS's in-kernel tests (fs/..._test.c): a scratch ramfs to work in,
 * whole-file reads and writes in one call, and making the test thread a process for a while.
 */
#ifndef FS_TESTLIB_H
#define FS_TESTLIB_H

#include <stdbool.h>
#include <kernel/fs.h>

/* A ramfs of its own, outside the file tree: relative names start at its root. */
struct vfs_scratch {
	struct vfsmount *mnt;
	struct path root; /* holds references */
};

bool scratch_mount(struct vfs_scratch *scratch);
void scratch_unmount(struct vfs_scratch *scratch);

/* Create or empty name and write text into it: 0 or a negative errno. */
int test_write_file(const struct path *cwd, const char *name, const char *text);

/* Read up to size - 1 bytes of name into buf, NUL-terminated: the length or a negative errno. */
ssize_t test_read_file(const struct path *cwd, const char *name, char *buf, size_t size);

/* The inode number of name, or a negative errno. */
long test_ino(const struct path *cwd, const char *name);

/* Whether the directory dir (a path from the root) lists name, with d_type type (DT_CHR ...). */
bool test_dir_lists(const char *dir, const char *name, unsigned int type);

struct proc;

/*
 * Make the test thread a process (root's credentials), so that /proc shows it and the VFS
 * checks its credentials; NULL if it is one already, or without memory.  test_unbecome_proc()
 * makes it a kernel thread again.
 */
struct proc *test_become_proc(void);
void test_unbecome_proc(struct proc *p);

#endif
