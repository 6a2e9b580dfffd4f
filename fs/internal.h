/*
 * What the files of fs/ share among themselves and with their tests; the rest of the kernel
 * uses include/kernel/fs.h, vfs.h, file.h and chrdev.h.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/fs.h>
#include <kernel/stat.h>

/* ---- dentries (fs/dcache.c); vfs_lock held for all ---- */

/* A new negative child of parent, with one reference, linked into parent's children. */
struct dentry *d_alloc_child(struct dentry *parent, const char *name, size_t len);

/* The child of parent called name, with a new reference, or NULL. */
struct dentry *d_lookup_child(struct dentry *parent, const char *name, size_t len);

/* Take dentry out of its parent's children and mark it DENTRY_DEAD (after unlink, rmdir). */
void d_drop(struct dentry *dentry);

/* rename: give dentry target's name and parent, and drop target from the tree. */
void d_move(struct dentry *dentry, struct dentry *target);

static inline bool d_is_dir(const struct dentry *dentry)
{
	return dentry->d_inode && S_ISDIR(dentry->d_inode->i_mode);
}

/* ---- mounts (fs/mount.c) ---- */

/* The root of the file tree: set once by vfs_mount_root(), holding its references forever. */
extern struct path vfs_root;

/* The mount on mountpoint as seen through parent, or NULL; no reference.  vfs_lock held. */
struct vfsmount *mount_lookup(struct vfsmount *parent, const struct dentry *mountpoint);

/* Mount a new fstype as the root of the tree; once, at boot. */
int vfs_mount_root(const char *fstype);

/* ---- path walk (fs/namei.c); vfs_lock held ---- */

int path_lookup_locked(const struct path *cwd, const char *name, unsigned int flags,
		       struct path *result);

/* vfs_path_name() for callers holding vfs_lock. */
int path_name_locked(const struct path *path, char *buf, size_t size);

/* Follow mounts on path->dentry to the root of the topmost one. */
void follow_mounts(struct path *path);

/* open's walk: the file name names, made first if O_CREAT asks (a regular file of mode). */
int namei_open(const struct path *cwd, const char *name, int flags, mode_t mode,
	       struct path *result);

/* ---- the built-in file systems and devices, registered by vfs_init_root() ---- */

void ramfs_init(void);
void memdev_init(void);
void console_init(void);

/* Register pipefs and make the one mount every pipe's inode is on (fs/pipe.c). */
void pipefs_init(void);

/* ---- the console's line editing (fs/console.c) ---- */

#define CONSOLE_LINE_MAX 256

/*
 * One line of console input being typed.  Bytes go in through line_editor_input() until the
 * line is done (a return, or ^D); then reads take it from buf, and line_editor_reset()
 * starts the next.
 */
struct line_editor {
	char buf[CONSOLE_LINE_MAX];
	size_t len;  /* bytes in buf */
	size_t read; /* bytes of a done line already read */
	bool done;   /* the line is complete; len 0 means end of file (^D on an empty line) */
};

#define LINE_ECHO_MAX 3

void line_editor_reset(struct line_editor *ed);

/* Take one typed byte; writes what to echo (at most LINE_ECHO_MAX bytes), returns its length. */
size_t line_editor_input(struct line_editor *ed, char c, char *echo);

/* ---- cpio "newc" archives (fs/initramfs.c) ---- */

struct cpio_entry {
	const char *name; /* NUL-terminated, inside the archive */
	mode_t mode;
	uid_t uid;
	gid_t gid;
	uint32_t mtime;
	dev_t rdev;	  /* device nodes */
	const void *data; /* regular files: the contents, inside the archive */
	size_t size;
};

struct cpio_reader {
	const char *archive;
	size_t len;
	size_t offset;	    /* of the next header */
	bool after_trailer; /* the last header read was a TRAILER!!! */
	const char *error;  /* why the archive is bad, once cpio_next() said so */
	size_t error_offset;
};

void cpio_reader_init(struct cpio_reader *reader, const void *archive, size_t len);

/* Read the next entry: 1 and *entry, 0 at the end of the archive, or -EINVAL if it is bad. */
int cpio_next(struct cpio_reader *reader, struct cpio_entry *entry);

#endif
