/*
 * The VFS as the system calls use it: names in, open files and results out.
 *
 * Every function takes kernel pointers, except vfs_read_user() and vfs_write_user(), which
 * copy the bytes of read(2) and write(2) through a kernel buffer, a chunk at a time; the
 * system-call layer copies paths in itself.  A path is taken relative to cwd, or to the root when
 * it begins with '/' or cwd is NULL; openat()'s directory descriptor becomes cwd as that file's
 * f_path.  Errors are negative errno values, those Linux returns for the same call.
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
 * longer than NAME_MAX, or the path PATH_MAX or longer).
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
 */
int vfs_open(const struct path *cwd, const char *path, int flags, mode_t mode, struct file **out);

/* Open the file at path, which the caller has looked up already. */
int vfs_open_path(const struct path *path, int flags, struct file **out);

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

/* mkdir(2): EEXIST, ENOENT (no parent), ENOTDIR (parent is no directory). */
int vfs_mkdir(const struct path *cwd, const char *path, mode_t mode);

/* rmdir(2): ENOTEMPTY, ENOTDIR, EBUSY (a mount point, or "/"), EINVAL for ".". */
int vfs_rmdir(const struct path *cwd, const char *path);

/* unlink(2): EISDIR for a directory, ENOENT. */
int vfs_unlink(const struct path *cwd, const char *path);

/* mknod(2): mode's type S_IFREG (or 0), S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK; EEXIST. */
int vfs_mknod(const struct path *cwd, const char *path, mode_t mode, dev_t dev);

/*
 * rename(2) within one mount (EXDEV otherwise), replacing newpath if it exists: a directory
 * only by a directory (EISDIR, ENOTDIR), which must be empty (ENOTEMPTY); never into itself
 * (EINVAL); EBUSY for mount points.
 */
int vfs_rename(const struct path *cwd, const char *oldpath, const char *newpath);

/* renameat(2): vfs_rename() with each path relative to its own directory. */
int vfs_renameat(const struct path *old_cwd, const char *oldpath, const struct path *new_cwd,
		 const char *newpath);

/*
 * Change attributes of the file at path (chmod, chown, truncate, utimens): attr->valid says
 * which.  ATTR_SIZE of a directory is EISDIR, of a device node EINVAL.
 */
int vfs_setattr(const struct path *path, const struct iattr *attr);

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
 * umount2(2): detach the mount whose root target names.  EINVAL if target is no mount's
 * root or flags has a bit other than MNT_FORCE and UMOUNT_NOFOLLOW (<kernel/mount.h>; ignored:
 * nothing is forced, and there are no symbolic links to follow); EBUSY if anything still uses the
 * mount (an open file, a working directory, a mount on it) or it is the root.
 */
int vfs_umount(const struct path *cwd, const char *target, int flags);

/*
 * The mount table as /proc/mounts shows it, one line a mount, oldest first:
 * "source target fstype rw 0 0".  Writes at most size bytes, NUL included, and returns the
 * length of the whole text (snprintf's convention: a result >= size means it was cut).
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
