/*
 * The VFS's objects, for whoever writes a file system or a driver (fs/ holds the code).
 *
 *   file_system_type  a kind of file system ("ramfs"), found by name when mounted
 *   super_block       one instance of a file system: its root, its inode numbers
 *   inode             one file, directory or device node: attributes, and operations
 *   dentry            one name in a directory; the tree of dentries is what path walk follows
 *   vfsmount          one place in the mount tree where a super_block's root is attached
 *   file              one open file: a path, a position, the access mode, operations
 *
 *        vfsmount ---> super_block ---> root dentry ---> inode (directory)
 *                                         |  children
 *                                       dentry "etc" --> inode (directory)
 *                                         |
 *                                       dentry "motd" -> inode (regular) <--- file (f_pos)
 *
 * Locks, in the order they are taken (an earlier one before a later one, never the reverse):
 *
 *   file->f_pos_lock  (mutex) one open file's position, across a whole read, write, lseek
 *                     or getdents of a regular file or directory
 *   vfs_lock          (mutex) the namespace: every dentry's name, parent, children, inode and
 *                     mount count; the mount tree and its flags; and every directory
 *                     operation (lookup, create, mkdir, rmdir, unlink, mknod, rename,
 *                     iterate) and every change of attributes (setattr) runs holding it
 *   inode->i_mutex    (mutex) one inode's data and attributes; held across a whole read or
 *                     write of a regular file (fs/read_write.c), so f_op->read and ->write
 *                     of a regular file run with it held
 *   spinlocks         (descriptor tables, pipes, the device and file-system registries):
 *                     innermost, and nothing that may sleep is called while holding one
 *
 * Every object that outlives a call has a reference count, changed atomically.  A dentry's or
 * a mount's count may reach zero only with vfs_lock held, and a reference to a dentry or mount
 * found in the tree (rather than copied from one the caller holds) is taken only with vfs_lock
 * held: so nothing is freed while someone is about to find it.  The _locked variants of the
 * put functions are for callers that hold vfs_lock.
 */
#ifndef KERNEL_FS_H
#define KERNEL_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <kernel/mutex.h>
#include <kernel/types.h>
#include <lib/list.h>

#define PATH_MAX 4096 /* bytes in a path, its NUL included */
#define NAME_MAX 255  /* bytes in one component of a path */

struct cred;
struct dentry;
struct dir_context;
struct file;
struct iattr;
struct inode;
struct super_block;
struct vfsmount;

/* The namespace lock (see above). */
extern struct mutex vfs_lock;

/* A place in the file tree: a dentry, and the mount through which it was reached. */
struct path {
	struct vfsmount *mnt;
	struct dentry *dentry;
};

/* ---- file system types ---- */

struct file_system_type {
	const char *name; /* what mount(2) names it by: "ramfs" */

	/*
	 * Give the super_block a mount of this type should attach, with s_active counting the
	 * new mount: a fresh one from sb_alloc(), or one already mounted elsewhere (s_active
	 * incremented), whose kill_sb then waits for the last of its mounts.  Or refuse with a
	 * negative errno, which mount(2) returns as it is, leaving s_active as it was.  source
	 * and data are mount(2)'s (data: the option string, or NULL; lib/mount_options.h reads
	 * it).  Called with vfs_lock held.
	 */
	int (*mount)(struct file_system_type *type, const char *source, unsigned long flags,
		     const void *data, struct super_block **out);

	/* Tear down a super_block whose last mount is gone; vfs_lock held. */
	void (*kill_sb)(struct super_block *sb);

	struct list_head link; /* on the registry; protected by its spinlock (fs/super.c) */
};

/* Make type mountable; -EBUSY if a type of that name exists. */
int register_filesystem(struct file_system_type *type);

/* The registered type called name, or NULL. */
struct file_system_type *get_filesystem(const char *name);

/* ---- super blocks ---- */

struct super_operations {
	/* Free what the file system keeps for an inode whose last reference is gone. */
	void (*evict_inode)(struct inode *inode);

	/*
	 * Optional: the super block's own options as /proc/mounts shows them after the mount's
	 * flags and a comma ("mode=700,uid=1000"; nothing shown when the text is empty).  As
	 * snprintf: writes at most size bytes, NUL included (nothing when size is 0), and returns
	 * the length of the whole text.  Called with vfs_lock held.
	 */
	size_t (*show_options)(struct super_block *sb, char *buf, size_t size);

	/*
	 * Optional: mount -o remount with the option string data (NULL: none), after the VFS
	 * checked the mount's own flags: 0 or an errno, and then the remount changes nothing.
	 * Without it, a remount changes only the mount's flags.  Called with vfs_lock held.
	 */
	int (*remount_fs)(struct super_block *sb, unsigned long flags, const char *data);
};

struct super_block {
	/* Set by the file system's mount, then constant: */
	struct file_system_type *s_type;
	const struct super_operations *s_op;
	struct dentry *s_root; /* holds a reference */
	dev_t s_dev;	       /* an anonymous device number (major 0), st_dev of its files */
	void *s_fs_info;       /* the file system's */

	int s_active;	     /* mounts of this super_block; vfs_lock */
	uint64_t s_last_ino; /* the last inode number given out; atomic */
};

/* A new super_block with s_active 1 and a fresh s_dev, or NULL when out of memory. */
struct super_block *sb_alloc(struct file_system_type *type, const struct super_operations *ops);
void sb_free(struct super_block *sb);

/* ---- inodes ---- */

struct inode_operations {
	/*
	 * Directory operations: dentry is a child of dir's dentry, negative (no inode) except
	 * for rmdir, unlink and rename's old.  All run with vfs_lock held.
	 *
	 * lookup: if the name exists, d_instantiate() it; leaving it negative means ENOENT.
	 * create, mkdir, mknod: make the inode and d_instantiate() it.  mode has its S_IF type.
	 * rmdir: the VFS checked that dentry is a directory with nothing mounted on it; the
	 *   file system checks that it is empty (ENOTEMPTY).
	 * rename: move old (in old_dir) to new (in new_dir), replacing new if it is positive;
	 *   the VFS checked the types (a directory only over an empty directory, which the file
	 *   system checks) and that old is no ancestor of new, then moves the dentry itself.
	 */
	int (*lookup)(struct inode *dir, struct dentry *dentry);
	int (*create)(struct inode *dir, struct dentry *dentry, mode_t mode);
	int (*mkdir)(struct inode *dir, struct dentry *dentry, mode_t mode);
	int (*mknod)(struct inode *dir, struct dentry *dentry, mode_t mode, dev_t dev);
	int (*rmdir)(struct inode *dir, struct dentry *dentry);
	int (*unlink)(struct inode *dir, struct dentry *dentry);
	int (*rename)(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
		      struct dentry *new);

	/*
	 * Change attributes (struct iattr) with inode->i_mutex held; NULL means
	 * inode_setattr_simple(), and no size change.
	 */
	int (*setattr)(struct inode *inode, const struct iattr *attr);
};

struct inode {
	/* Set up by the file system before anyone else sees the inode, then constant: */
	struct super_block *i_sb;
	ino_t i_ino;
	const struct inode_operations *i_op;
	const struct file_operations *i_fop; /* what an open file of this inode starts with */
	dev_t i_rdev;			     /* device nodes: the device */

	int i_count; /* references (each dentry of it holds one); atomic */

	struct mutex i_mutex; /* guards what follows; taken after vfs_lock */
	loff_t i_size;
	uint64_t i_blocks; /* 512-byte units of memory the data takes */
	struct timespec64 i_atime, i_mtime, i_ctime;

	/*
	 * Changed with both vfs_lock and i_mutex held, so either lock is enough to read them
	 * (the permission checks of fs/permission.c run under one or the other):
	 */
	mode_t i_mode; /* the S_IF type never changes, the permission bits may */
	uid_t i_uid;
	gid_t i_gid;
	unsigned int i_nlink;

	void *i_private; /* the file system's; it says what guards it */
};

/*
 * A new inode of sb with one reference: the next inode number, i_nlink 1, owned by root, all
 * three times now, operations NULL.  NULL when out of memory.  A file system that makes a
 * file for a caller then gives it its owner with inode_init_owner().
 */
struct inode *inode_alloc(struct super_block *sb, mode_t mode);

/*
 * Set aside n inode numbers of sb for inodes made later, returning the first: a file system
 * that makes an inode only when it is first looked up still gives it the number it would
 * have had, so readdir can show it before.  inode_alloc_ino() then makes the inode.
 */
ino_t inode_reserve_ino(struct super_block *sb, unsigned int n);
struct inode *inode_alloc_ino(struct super_block *sb, mode_t mode, ino_t ino);

/* Drop a reference; the last one evicts the inode (s_op->evict_inode) and frees it. */
void inode_put(struct inode *inode);

/*
 * Set up a device node or other special file: character devices open through the device
 * registry (fs/chrdev.c); the other kinds (block devices, FIFOs, sockets) cannot be opened:
 * ENXIO.
 */
void init_special_inode(struct inode *inode, mode_t mode, dev_t dev);

/*
 * What setattr may change: the ATTR_ bits say which fields of struct iattr are meant.  As in
 * Linux, ATTR_ATIME alone sets the access time to now, and with ATTR_ATIME_SET to attr->atime
 * (the same for the modification time).  Every change sets the change time, ctime, to now.
 */
#define ATTR_MODE      (1 << 0)
#define ATTR_UID       (1 << 1)
#define ATTR_GID       (1 << 2)
#define ATTR_SIZE      (1 << 3)
#define ATTR_ATIME     (1 << 4)
#define ATTR_MTIME     (1 << 5)
#define ATTR_ATIME_SET (1 << 7)
#define ATTR_MTIME_SET (1 << 8)
/*
 * And what vfs_setattr() checks on the way (fs/permission.c: setattr_prepare()), for the
 * system calls that say so: a chown, which takes set-id bits off a file that is no
 * directory; times set to given values (only the owner or root: EPERM); or both set to now
 * (also whoever may write the file: EACCES otherwise).  The kernel's own changes carry none.
 * The bits are Linux's; ATTR_KILL_SETID is its ATTR_KILL_SUID, standing for both set-id bits.
 */
#define ATTR_KILL_SETID (1 << 11)
#define ATTR_TIMES_SET	(1 << 16)
#define ATTR_TOUCH	(1 << 17)

struct iattr {
	unsigned int valid; /* ATTR_* */
	mode_t mode;	    /* permission bits only */
	uid_t uid;
	gid_t gid;
	loff_t size;
	struct timespec64 atime, mtime; /* with ATTR_ATIME_SET, ATTR_MTIME_SET */
};

/* Apply attr's mode, owner and times (not size) to inode; caller holds inode->i_mutex. */
void inode_setattr_simple(struct inode *inode, const struct iattr *attr);

/* The time stamped on files: the wall clock (clock_realtime_ns()). */
struct timespec64 vfs_now(void);

/* ---- permissions (fs/permission.c) ---- */

/* What may be done to an inode; the same bits as access()'s R_OK, W_OK, X_OK. */
#define MAY_EXEC  1 /* execute a file, search a directory */
#define MAY_WRITE 2
#define MAY_READ  4

/*
 * Whether cred may do mask to inode by its mode, owner and group: the owner's bits if cred's
 * fs uid owns it, else the group's if it is in the inode's group, else the others'; root
 * passes, but executes only a file with at least one x bit.  0 or -EACCES.  The caller holds
 * vfs_lock or the inode's i_mutex.
 */
int generic_permission(const struct cred *cred, const struct inode *inode, int mask);

/* The same for the current process (root for a kernel thread). */
int inode_permission(const struct inode *inode, int mask);

/* Whether the current process owns inode, or is root: it may chmod it, set its times. */
bool inode_owner_or_root(const struct inode *inode);

/*
 * Whether the current process may set inode's times (utimensat(2)): to given values, only its
 * owner or root (-EPERM); both to now (to_now), also whoever may write it (-EACCES).
 */
int inode_may_set_times(const struct inode *inode, bool to_now);

/*
 * Give a new inode, whose i_mode is set, its owner: the current process's fs ids, or in a
 * set-group-ID directory dir, dir's group (and a new directory the bit too).
 */
void inode_init_owner(struct inode *inode, const struct inode *dir);

/* Whether mnt is mounted read-only (MS_RDONLY): nothing on it changes (EROFS). */
bool mnt_is_readonly(const struct vfsmount *mnt);

/*
 * The inode was read (a regular file's data, a directory's entries): set its access time to
 * now if it is due, by Linux's "relatime" rule: when the access time is not after the
 * modification or change time, or is a day old.  So one read after each change is recorded,
 * and a file read over and over is not written each time.  Caller holds inode->i_mutex.
 */
void inode_accessed(struct inode *inode);

/* ---- dentries ---- */

#define DNAME_INLINE_LEN 32

#define DENTRY_DEAD   (1 << 0) /* unlinked or removed: no longer in its parent's children */
#define DENTRY_PINNED (1 << 1) /* the file system holds a reference: see d_pin() */

struct dentry {
	int d_count; /* references; atomic, reaches zero only under vfs_lock */

	/* vfs_lock guards all of these: */
	unsigned int d_flags; /* DENTRY_* */
	const char *d_name;   /* NUL-terminated: d_iname, or kmalloc'd when longer */
	size_t d_name_len;
	struct dentry *d_parent;    /* holds a reference (a root is its own parent, holds none) */
	struct list_head d_child;   /* on d_parent->d_subdirs, oldest first */
	struct list_head d_subdirs; /* its children */
	struct hlist_node d_hash;   /* in the table of names (fs/dcache.c) while in d_subdirs */
	struct inode *d_inode;	    /* holds a reference; NULL: negative, the name does not exist */
	unsigned int d_mounted;	    /* mounts whose mount point this dentry is */
	loff_t d_dir_pos;	    /* its position in its parent's readdir order */
	loff_t d_next_pos;	    /* the position its next child gets */

	/* Constant: */
	struct super_block *d_sb;
	char d_iname[DNAME_INLINE_LEN];
};

/*
 * The dentry cache keeps no unused dentry: when the last reference goes, the dentry is freed.
 * A file system whose names exist only as dentries (ramfs) keeps them alive by pinning: one
 * reference held for as long as the name exists, dropped by d_unpin() when it is removed.
 */
void dentry_get(struct dentry *dentry);
void dentry_put(struct dentry *dentry);
void dentry_put_locked(struct dentry *dentry);

/* A root dentry for inode, taking over the caller's inode reference (dropped on failure). */
struct dentry *d_make_root(struct inode *inode);

/* Give negative dentry its inode, taking over the caller's reference to the inode. */
void d_instantiate(struct dentry *dentry, struct inode *inode);

/* Take, or drop, the file system's own reference on dentry (DENTRY_PINNED). vfs_lock held. */
void d_pin(struct dentry *dentry);
void d_unpin(struct dentry *dentry);

/* Whether dir has no positive child (for a file system's rmdir). vfs_lock held. */
bool dcache_dir_empty(struct dentry *dir);

/*
 * Set aside the next n readdir positions of dir, returning the first, for entries its file
 * system lists itself before they have dentries; children linked in later come after them.
 * vfs_lock held.
 */
loff_t d_reserve_dir_pos(struct dentry *dir, unsigned int n);

/* Drop every pin in the tree under root, leaves first (for kill_sb). vfs_lock held. */
void dcache_unpin_tree(struct dentry *root);

/* ---- mounts ---- */

struct vfsmount {
	int mnt_count; /* references: the mount tree's, and every path through it; atomic */

	/* Constant: */
	struct super_block *mnt_sb;
	struct dentry *mnt_root; /* holds a reference */
	char *mnt_source;	 /* mount(2)'s source, kmalloc'd */

	/*
	 * Files open for writing through this mount (FMODE_WRITER); atomic, and raised only
	 * under vfs_lock, so that a remount read-only, which refuses while there are any (EBUSY),
	 * never races one:
	 */
	int mnt_writers;

	/* vfs_lock guards all of these: */
	unsigned long mnt_flags;       /* mount(2)'s flags; a remount changes MNT_REMOUNT_FLAGS */
	struct vfsmount *mnt_parent;   /* holds a reference; itself when not in the tree */
	struct dentry *mnt_mountpoint; /* holds a reference; NULL when not in the tree */
	struct list_head mnt_child;    /* on mnt_parent->mnt_mounts */
	struct list_head mnt_mounts;   /* mounts on dentries of this one */
	struct list_head mnt_list;     /* on the list of all mounts, in mount order */
};

void mnt_get(struct vfsmount *mnt);
void mnt_put(struct vfsmount *mnt);
void mnt_put_locked(struct vfsmount *mnt);

void path_get(const struct path *path);
void path_put(const struct path *path);
void path_put_locked(const struct path *path);

/* ---- open files ---- */

#define FMODE_READ	 (1 << 0) /* opened for reading */
#define FMODE_WRITE	 (1 << 1) /* opened for writing */
#define FMODE_ATOMIC_POS (1 << 2) /* has a position: reads and writes hold f_pos_lock */
#define FMODE_WRITER	 (1 << 3) /* counts in its mount's mnt_writers until released */

struct file_operations {
	/* open may set file->private_data or even replace file->f_op (device nodes do). */
	int (*open)(struct inode *inode, struct file *file);
	/* Called once, when the last reference to the open file is dropped. */
	int (*release)(struct inode *inode, struct file *file);
	/*
	 * Transfer up to len bytes between the file at *pos and a kernel buffer, advancing
	 * *pos; returns the bytes moved (0: end of file) or a negative errno.  May sleep.  For
	 * a regular file the caller holds the inode's i_mutex (fs/read_write.c).
	 */
	ssize_t (*read)(struct file *file, void *buf, size_t len, loff_t *pos);
	ssize_t (*write)(struct file *file, const void *buf, size_t len, loff_t *pos);
	/* Set file->f_pos; the caller holds f_pos_lock.  NULL: the file cannot seek (ESPIPE). */
	loff_t (*llseek)(struct file *file, loff_t offset, int whence);
	/* Directories: emit entries from ctx->pos on (see struct dir_context); vfs_lock held. */
	int (*iterate)(struct file *file, struct dir_context *ctx);
	/* Device control; arg is the caller's, often a user pointer the driver must copy. */
	long (*ioctl)(struct file *file, unsigned int cmd, unsigned long arg);
	/*
	 * Optional, for execve(): the physical pages holding bytes index * PAGE_SIZE on, up to
	 * count of them, into phys[], each with a reference taken for the caller (put_page()
	 * drops it), so that a program's read-only text can be mapped straight from the file.
	 * A page must never change while the reference is held.  Stops at the first page the
	 * file does not have; returns how many it lent (then the caller copies the rest), or a
	 * negative errno.  Lending a run at once takes the file's lock once, not once a page.
	 */
	int (*get_pages)(struct file *file, uint64_t index, unsigned int count, uint64_t *phys);
};

struct file {
	int f_count; /* references: descriptors, calls in progress (not read, write); atomic */

	/* Constant once open, except that f_op->open may replace f_op: */
	struct path f_path; /* holds references */
	struct inode *f_inode;
	const struct file_operations *f_op;
	unsigned int f_flags; /* open's O_* flags, O_CREAT, O_EXCL, O_TRUNC, O_CLOEXEC removed */
	unsigned int f_mode;  /* FMODE_* */
	void *private_data;   /* the driver's */

	struct mutex f_pos_lock;
	loff_t f_pos; /* f_pos_lock (for files with FMODE_ATOMIC_POS) */
};

/*
 * A new open file of path with one reference, calling fops->open if any: for those who make
 * files without a name in the tree (pipes).  Takes its own references on path.
 */
int file_alloc(const struct path *path, unsigned int flags, const struct file_operations *fops,
	       struct file **out);

void file_get(struct file *file);
/* Open files in the whole system (allocated and not yet freed), for /proc/file-nr. */
long open_files_count(void);
/* Drop a reference; the last one calls f_op->release and frees the file.  May sleep. */
void file_put(struct file *file);

/* For llseek: SEEK_SET, SEEK_CUR and SEEK_END against i_size. */
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);

/* ---- directory listing ---- */

/*
 * A reader of directory entries.  iterate emits the entries at positions ctx->pos and on,
 * calling dir_emit() for each; when dir_emit() returns true the entry was taken, and iterate
 * sets ctx->pos past it; false means there is no room: iterate stops, ctx->pos on that entry,
 * and returns 0.  Positions 0 and 1 are "." and "..".
 */
struct dir_context {
	bool (*actor)(struct dir_context *ctx, const char *name, size_t len, ino_t ino,
		      unsigned int type);
	loff_t pos;
};

static inline bool dir_emit(struct dir_context *ctx, const char *name, size_t len, ino_t ino,
			    unsigned int type)
{
	return ctx->actor(ctx, name, len, ino, type);
}

/*
 * Emit "." and ".." if ctx->pos is still before them (positions 0 and 1); true when both are
 * done, false when there was no room.  vfs_lock held, as in iterate.
 */
bool dir_emit_dots(struct file *file, struct dir_context *ctx);

/* iterate for directories whose entries are their dentries' children (ramfs). */
int dcache_readdir(struct file *file, struct dir_context *ctx);

#endif
