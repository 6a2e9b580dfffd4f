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
#include <kernel/termios.h>

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

/*
 * open's walk: the file name names, made first if O_CREAT asks (a regular file of mode), in
 * which case *created says so.
 */
int namei_open(const struct path *cwd, const char *name, int flags, mode_t mode,
	       struct path *result, bool *created);

/* ---- permission checks (fs/permission.c); vfs_lock held ---- */

/* inode_permission() of the path's inode, with first EROFS to write to a read-only mount. */
int path_permission(const struct path *path, int mask);

/* Whether the caller may add a name to dir: EROFS, EACCES (w and x on it). */
int may_create(const struct path *dir);

/*
 * Whether the caller may remove victim (a directory if isdir) from dir: ENOENT if it is
 * negative, EACCES (w and x on dir), EPERM (dir is sticky and the caller owns neither),
 * then ENOTDIR or EISDIR.
 */
int may_delete(const struct inode *dir, const struct dentry *victim, bool isdir);

/* Whether the caller may open path with open(2)'s flags: EACCES, EROFS. */
int may_open(const struct path *path, int flags);

/* Whether the caller may execute the file at path: a regular file, x, no noexec (EACCES). */
int may_exec(const struct path *path);

/*
 * Check a change of attributes against the rules (chmod, chown, times: EPERM, EACCES), and
 * complete it: a chown that takes set-id bits off adds ATTR_MODE, a chmod that may not set
 * set-group-ID drops it.  The caller holds vfs_lock and the inode's i_mutex.
 */
int setattr_prepare(const struct inode *inode, struct iattr *attr);

/* ---- the built-in file systems and devices, registered by vfs_init_root() ---- */

void ramfs_init(void);
void devfs_init(void);
void procfs_init(void);
void memdev_init(void);
void tracedev_init(void);
void console_init(void);

/* The foreground process group of session sid's controlling terminal, the console; -1 if the
 * session has none (fs/console.c; for /proc/<pid>/stat). */
int console_foreground_of(int sid);

/* Register pipefs and make the one mount every pipe's inode is on (fs/pipe.c). */
void pipefs_init(void);

/* Register the file system of task containers (fs/containerfs.c). */
void containerfs_init(void);

/* ---- the console's line discipline (fs/ldisc.c) ---- */

#define LDISC_BUF_SIZE 4096 /* typed bytes not yet read; a power of two */
#define LDISC_LINE_MAX 256  /* the longest line canonical mode takes, its newline included */

/*
 * What a terminal does with typed bytes before a program reads them, as termios says: line
 * editing and echo in canonical mode, signal keys, raw bytes otherwise.  A pure state
 * machine: the caller (fs/console.c) holds its lock around every call and sends the signals
 * ldisc_receive() asks for.
 *
 * buf is a ring; read, commit and edit count bytes since the start and index it modulo its
 * size (read <= commit <= edit).  [read, commit) may be read: whole lines in canonical mode,
 * every byte in raw mode.  [commit, edit) is the line being typed (canonical mode only).
 */
struct ldisc {
	struct termios termios;
	char buf[LDISC_BUF_SIZE];
	uint64_t eof_mark[LDISC_BUF_SIZE / 64]; /* positions holding a typed VEOF: a line end */
	unsigned int read, commit, edit;
	void (*put)(const char *s, size_t len); /* sends bytes to the terminal as they are */
};

/* Start empty, in the default mode (canonical, echo, signal keys: `stty sane`). */
void ldisc_init(struct ldisc *ld, void (*put)(const char *s, size_t len));

/* Bytes that may still be typed before the buffer is full. */
size_t ldisc_room(const struct ldisc *ld);

/* Take one typed byte (room must be > 0); returns the signal a key asks for, or 0. */
int ldisc_receive(struct ldisc *ld, char c);

/* Whether a read of len bytes would return now: a line (canonical), else VMIN bytes. */
bool ldisc_readable(const struct ldisc *ld, size_t len);

/* Bytes a read could take now (FIONREAD). */
size_t ldisc_available(const struct ldisc *ld);

/* Take up to len bytes: at most one line in canonical mode, where 0 is end of file. */
size_t ldisc_read(struct ldisc *ld, char *buf, size_t len);

/* Send bytes a program writes, with output processing (OPOST, ONLCR). */
void ldisc_output(const struct ldisc *ld, const char *s, size_t len);

/* A new mode (TCSETS); leaving canonical mode makes the line being typed readable. */
void ldisc_set_termios(struct ldisc *ld, const struct termios *t);

/* Drop every typed byte not yet read. */
void ldisc_flush_input(struct ldisc *ld);

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
