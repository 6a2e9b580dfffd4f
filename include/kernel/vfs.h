/*
 * The VFS as the system calls use it: names in, open files and results out.
 *
 * Every function takes kernel pointers, except vfs_read_user() and vfs_write_user(), which
 * copy the bytes of read(2) and write(2) through a kernel buffer, a chunk at a time; the
 * system-call layer copies paths in itself.  A path is taken relative to cwd, or to the root when
 * it begins with '/' or cwd is NULL; openat()'s directory descriptor becomes cwd as that file's
 * f_path.  Errors are negative errno values, those Linux returns for the same call.
 *
 * Each function checks the caller's permission (fs/permission.c) with the current process's
 * fs ids, root's in a kernel thread: EACCES and EPERM as Linux gives them, and EROFS for any
 * change on a read-only mount.
 *
 * The objects themselves, and what a file system implements, are in include/kernel/fs.h;
 * descriptor tables in include/kernel/file.h.
 */
#ifndef KERNEL_VFS_H
#define KERNEL_VFS_H

#include <kernel/fs.h>
#include <kernel/stat.h>

struct boot_info;

/*
 * Mount ramfs at "/", unpack the initramfs (the first boot module, if any) into it, and mount
 * devfs on /dev, procfs on /proc and a tmpfs on /tmp (making the directories where the archive
 * has none).  Called once by the boot thread, before anything opens a file.
 */
void vfs_init_root(const struct boot_info *info);

/* Take references to the root of the file tree. */
void vfs_get_root(struct path *out);

/* ---- path walk ---- */

#define LOOKUP_DIRECTORY (1 << 0) /* the result must be a directory (ENOTDIR) */

/*
 * Find the file path names, crossing mount points and following "." and ".." (which stays
 * at the root, and leaves a mounted file system through its mount point); a trailing slash
 * means the result must be a directory.  On success *result holds references: path_put() it.
 * Errors: ENOENT (a component is missing, or path is ""), ENOTDIR (a component before the
 * last, or the last with a trailing slash, is not a directory), ENAMETOOLONG (a component
 * longer than NAME_MAX, or the path PATH_MAX or longer), EACCES (no search permission on a
 * directory it goes through).
 */
int vfs_path_lookup(const struct path *cwd, const char *path, unsigned int flags,
		    struct path *result);

/*
 * Write the absolute name of path into buf (for getcwd and /proc/mounts): "/" for the root.
 * Returns the length without the NUL, -ERANGE if buf is too small, -ENOENT if the path has
 * been removed.
 */
int vfs_path_name(const struct path *path, char *buf, size_t size);

/* ---- open files ---- */

/*
 * Open path with open(2)'s flags (include/kernel/fcntl.h) and, for a file O_CREAT makes,
 * mode (permission bits; the caller has applied the umask).  O_CLOEXEC is not the file's:
 * the caller passes it to fd_install().  On success *out holds one reference: file_put() it.
 * Needs read and write permission by the access mode, write for O_TRUNC (which empties a
 * regular file whatever the access mode, as on Linux), and may_create() for O_CREAT.
 */
int vfs_open(const struct path *cwd, const char *path, int flags, mode_t mode, struct file **out);

/* Open path for execve() to read: a regular file with x permission, not on a noexec mount. */
int vfs_open_exec(const struct path *cwd, const char *path, struct file **out);

/* Whether the caller may do mask (MAY_READ, MAY_WRITE, MAY_EXEC) to path: chdir's check. */
int vfs_permission(const struct path *path, int mask);

/*
 * access(2)'s check of mask on path (sys_faccessat2() makes the caller's fs ids its real
 * ids first, unless AT_EACCESS): EACCES, EROFS for MAY_WRITE, EACCES for MAY_EXEC of a file
 * on a noexec mount.
 */
int vfs_access(const struct path *path, int mask);

/*
 * read(2) and write(2) on kernel buffers, at and advancing the file position (a write with
 * O_APPEND goes to the end first).  Return the bytes moved or a negative errno; EBADF when the
 * file was not opened for it, EISDIR for a directory.  Each call is one operation: another
 * read or write of the same file never lands in the middle of it (fs/read_write.c).
 */
ssize_t vfs_read(struct file *file, void *buf, size_t len);
ssize_t vfs_write(struct file *file, const void *buf, size_t len);

/* The same with user memory: EFAULT for a bad address, or the bytes moved before it. */
ssize_t vfs_read_user(struct file *file, uint64_t ubuf, size_t len);
ssize_t vfs_write_user(struct file *file, uint64_t ubuf, size_t len);

/* pread(2) and pwrite(2): at pos, leaving the file position alone (ESPIPE if it has none). */
ssize_t vfs_pread(struct file *file, void *buf, size_t len, loff_t pos);
ssize_t vfs_pwrite(struct file *file, const void *buf, size_t len, loff_t pos);

/* lseek(2): the new position, or -EINVAL (bad whence, negative result), -ESPIPE. */
loff_t vfs_lseek(struct file *file, loff_t offset, int whence);

/* ioctl(2): the driver's answer, or -ENOTTY when the file has no ioctl. */
long vfs_ioctl(struct file *file, unsigned int cmd, unsigned long arg);

/*
 * getdents64(2): fill buf with struct linux_dirent64 records (include/kernel/dirent.h) from
 * the directory position on, "." and ".." first.  Returns the bytes filled, 0 at the end,
 * -EINVAL if not even one entry fits, -ENOTDIR if file is no directory.
 */
ssize_t vfs_getdents64(struct file *file, void *buf, size_t len);

/* stat(2) (and lstat(2): there are no symbolic links) and fstat(2). */
int vfs_stat(const struct path *cwd, const char *path, struct stat *st);
int vfs_fstat(struct file *file, struct stat *st);

/* ---- the namespace ---- */

/*
 * mkdir(2): EEXIST, ENOENT (no parent), ENOTDIR (parent is no directory), EROFS, EACCES.
 * mode keeps its permission and sticky bits (the caller has applied the umask).
 */
int vfs_mkdir(const struct path *cwd, const char *path, mode_t mode);

/* rmdir(2): ENOTEMPTY, ENOTDIR, EBUSY (a mount point, or "/"), EINVAL for "."; EROFS,
 * EACCES, EPERM (the sticky bit). */
int vfs_rmdir(const struct path *cwd, const char *path);

/* unlink(2): EISDIR for a directory, ENOENT; EROFS, EACCES, EPERM (the sticky bit). */
int vfs_unlink(const struct path *cwd, const char *path);

/*
 * mknod(2): mode's type S_IFREG (or 0), S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK (S_IFDIR: EPERM,
 * another: EINVAL); EEXIST, EROFS, EACCES; a device node by other than root: EPERM.
 */
int vfs_mknod(const struct path *cwd, const char *path, mode_t mode, dev_t dev);

/*
 * rename(2) within one mount (EXDEV otherwise), replacing newpath if it exists: a directory
 * only by a directory (EISDIR, ENOTDIR), which must be empty (ENOTEMPTY); never into itself
 * (EINVAL); EBUSY for mount points; EROFS; EACCES, EPERM as unlink of the old name and of
 * the one it replaces, or creation of the new; a directory moved to another parent needs
 * write permission on itself (its ".." changes).
 */
int vfs_rename(const struct path *cwd, const char *oldpath, const char *newpath);

/* renameat(2): vfs_rename() with each path relative to its own directory. */
int vfs_renameat(const struct path *old_cwd, const char *oldpath, const struct path *new_cwd,
		 const char *newpath);

/*
 * Change attributes of the file at path (chmod, chown, truncate, utimens): attr->valid says
 * which.  ATTR_SIZE of a directory is EISDIR, of a device node EINVAL; EROFS; and the
 * rules of chmod, chown and utimensat where attr says so (ATTR_MODE, ATTR_UID, ATTR_GID,
 * ATTR_TIMES_SET, ATTR_TOUCH: fs/permission.c, setattr_prepare()).
 */
int vfs_setattr(const struct path *path, const struct iattr *attr);

/* truncate(2): vfs_setattr() of the size and mtime, with write permission (EACCES). */
int vfs_truncate(const struct path *path, loff_t length);

/* chmod(2): the owner or root (EPERM); set-group-ID only for a member of the file's group. */
int vfs_chmod(const struct path *path, mode_t mode);

/*
 * chown(2): uid or gid (uid_t)-1 leaves it; only root changes the owner, the owner may
 * change the group to one of its own (EPERM).  Takes the set-id bits off a non-directory.
 */
int vfs_chown(const struct path *path, uid_t uid, gid_t gid);

/*
 * utimensat(2) on a file found already: set its access and modification times to times[0]
 * and times[1], each a time, UTIME_NOW or UTIME_OMIT (times NULL: both now), and its change
 * time to now.  EINVAL for a tv_nsec outside 0..999999999 that is neither; EPERM when the
 * caller sets explicit times on a file it does not own, EACCES when it sets now on one it may
 * not write (fs/utimes.c).
 */
int vfs_utimes(const struct path *path, const struct timespec64 times[2]);

/* ---- mounts ---- */

/*
 * mount(2): mount a new instance of file system type fstype (or one it shares) on the
 * directory target.  source is recorded for /proc/mounts; data is the option string, passed
 * to the file system.  ENODEV for an unknown type, ENOTDIR, ENOENT.
 */
int vfs_mount(const struct path *cwd, const char *source, const char *target, const char *fstype,
	      unsigned long flags, const void *data);

/*
 * mount(2) with MS_REMOUNT: set the MNT_REMOUNT_FLAGS (<kernel/mount.h>: read-only, nosuid,
 * nodev, noexec) of the mount whose root target names to those in flags, and hand the option
 * string data (NULL: none) to its file system's remount_fs, if it has one (containerfs).
 * EINVAL if target is no mount's root; EBUSY to make it read-only while a file is open for
 * writing through it; or the file system's errno, and then nothing changed.
 */
int vfs_remount(const struct path *cwd, const char *target, unsigned long flags, const char *data);

/*
 * umount2(2): detach the mount whose root target names.  EINVAL if target is no mount's
 * root or flags has a bit other than MNT_FORCE and UMOUNT_NOFOLLOW (<kernel/mount.h>; ignored:
 * nothing is forced, and there are no symbolic links to follow); EBUSY if anything still uses the
 * mount (an open file, a working directory, a mount on it) or it is the root.
 */
int vfs_umount(const struct path *cwd, const char *target, int flags);

/*
 * The mount table as /proc/mounts shows it, one line a mount, oldest first:
 * "source target fstype rw 0 0", where "rw" ("ro" for a read-only mount) is followed by
 * ",nosuid", ",nodev", ",noexec" when set, then by a comma and the file system's own options
 * if it shows any (s_op->show_options): "none /mnt fstype ro,nosuid,mode=700 0 0".  Writes at
 * most size bytes, NUL included, and returns the length of the whole text (snprintf's
 * convention: a result >= size means it was cut).
 */
size_t vfs_mounts_show(char *buf, size_t size);

/*
 * A mount of fstype that is not in the tree (for a file system the kernel uses inside, such
 * as pipes, and for tests).  *out holds one reference; the last mnt_put() unmounts it.
 */
int vfs_kern_mount(const char *fstype, unsigned long flags, const void *data,
		   struct vfsmount **out);

/* ---- the initramfs (fs/initramfs.c) ---- */

/*
 * Unpack a cpio archive ("newc" format; several may follow one another) into the tree under
 * root.  The whole archive is checked first: a bad one (bad magic, truncated, a name too
 * long) is rejected, with a log line saying why and where, and nothing is unpacked.  Returns
 * the number of entries unpacked, or -EINVAL.  Entries that cannot be made are logged and
 * skipped.
 */
int initramfs_unpack(const struct path *root, const void *archive, size_t len);

#endif
