/*
 * The file system calls, over the VFS (include/kernel/vfs.h), mount(2) and umount2(2) among
 * them.  What a process holds of the file layer through fork, exec and exit is in
 * fs/proc_files.c; how execve() reads a program, in fs/exec_file.c.  The VFS checks the
 * caller's permission; the umask, a property of the process, is applied here, to the mode of
 * every file, directory and node a call makes.
 *
 * The VFS works on kernel strings: every path is first copied in with strncpy_from_user()
 * (PATH_MAX bytes at most, NUL included).  Reads and writes hand the user address to the VFS,
 * which copies through a bounce buffer under the locks of the whole call (fs/read_write.c).
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/mount.h>
#include <kernel/proc.h>
#include <kernel/stat.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vfs.h>
#include <kernel/vm.h>
#include <lib/compiler.h>

static struct fdtable *files_of(struct proc *p)
{
	return p->files;
}

/* The open file of fd in the current process, with a reference, or NULL. */
static struct file *get_file(int fd)
{
	struct fdtable *files = files_of(current_proc());

	return files ? fd_get(files, fd) : NULL;
}

/* Copy a path from user memory into a new PATH_MAX buffer; kfree() it. */
static long get_path(uint64_t upath, char **out)
{
	char *path = kmalloc(PATH_MAX);
	long len;

	if (!path)
		return -ENOMEM;
	len = strncpy_from_user(path, upath, PATH_MAX);
	if (len < 0) {
		kfree(path);
		return len;
	}
	*out = path;
	return 0;
}

/* ---- read and write ---- */

typedef ssize_t (*transfer_fn_t)(struct file *file, uint64_t buf, size_t len);

/*
 * read() and write(): check fd and the user range, then let the VFS move the bytes.  The file
 * needs no reference of its own (fd_lookup_own()): only this process could close it.
 */
static long file_transfer(int fd, uint64_t buf, size_t count, transfer_fn_t transfer)
{
	struct fdtable *files = files_of(current_proc());
	struct file *file = files ? fd_lookup_own(files, fd) : NULL;

	if (!file)
		return -EBADF;
	return user_range_ok(buf, count) ? transfer(file, buf, count) : -EFAULT;
}

__hotpath long sys_read(int fd, uint64_t buf, size_t count)
{
	return file_transfer(fd, buf, count, vfs_read_user);
}

__hotpath long sys_write(int fd, uint64_t buf, size_t count)
{
	return file_transfer(fd, buf, count, vfs_write_user);
}

/* ---- opening and closing ---- */

/* The mode a new file gets: the permission bits asked for, less the caller's umask. */
static mode_t create_mode(int mode)
{
	return (mode_t)mode & S_IALLUGO & ~current_proc()->umask;
}

/* The directory a *at() call's dirfd names, with references in *dir; or cwd for AT_FDCWD. */
static int at_directory(int dirfd, struct path *dir, const struct path **base)
{
	struct file *file;

	if (dirfd == AT_FDCWD) {
		*base = files_cwd(current_proc());
		dir->dentry = NULL;
		return 0;
	}
	file = get_file(dirfd);
	if (!file)
		return -EBADF;
	*dir = file->f_path;
	path_get(dir);
	file_put(file);
	*base = dir;
	return 0;
}

long sys_openat(int dirfd, uint64_t upath, int flags, int mode)
{
	const struct path *base;
	struct path dir;
	struct file *file;
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = at_directory(dirfd, &dir, &base);
	if (!err) {
		err = vfs_open(base, path, flags, create_mode(mode), &file);
		if (dir.dentry)
			path_put(&dir);
	}
	kfree(path);
	if (err)
		return err;
	err = fd_install(files_of(current_proc()), file, flags & O_CLOEXEC);
	if (err < 0)
		file_put(file);
	return err;
}

long sys_open(uint64_t path, int flags, int mode)
{
	return sys_openat(AT_FDCWD, path, flags, mode);
}

long sys_close(int fd)
{
	struct fdtable *files = files_of(current_proc());

	return files ? fd_close(files, fd) : -EBADF;
}

long sys_dup(int fd)
{
	struct fdtable *files = files_of(current_proc());

	return files ? fd_dup(files, fd) : -EBADF;
}

long sys_dup2(int oldfd, int newfd)
{
	struct fdtable *files = files_of(current_proc());

	return files ? fd_dup2(files, oldfd, newfd) : -EBADF;
}

long sys_fcntl(int fd, int cmd, uint64_t arg)
{
	struct fdtable *files = files_of(current_proc());
	struct file *file;
	long ret;

	if (!files)
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		return fd_dup_min(files, fd, (int)arg, cmd == F_DUPFD_CLOEXEC ? O_CLOEXEC : 0);
	case F_GETFD:
		return fd_get_flags(files, fd);
	case F_SETFD:
		return fd_set_flags(files, fd, (int)arg);
	case F_GETFL:
		file = fd_get(files, fd);
		if (!file)
			return -EBADF;
		ret = file->f_flags;
		file_put(file);
		return ret;
	default:
		return -EINVAL;
	}
}

/* ---- positions, status, control ---- */

long sys_lseek(int fd, int64_t offset, int whence)
{
	struct file *file = get_file(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = vfs_lseek(file, offset, whence);
	file_put(file);
	return ret;
}

long sys_ioctl(int fd, unsigned int cmd, uint64_t arg)
{
	struct file *file = get_file(fd);
	long ret;

	if (!file)
		return -EBADF;
	ret = vfs_ioctl(file, cmd, arg);
	file_put(file);
	return ret;
}

static long stat_path(uint64_t upath, uint64_t statbuf)
{
	struct stat st;
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_stat(files_cwd(current_proc()), path, &st);
	kfree(path);
	if (!err)
		err = copy_to_user(statbuf, &st, sizeof(st));
	return err;
}

long sys_stat(uint64_t path, uint64_t statbuf)
{
	return stat_path(path, statbuf);
}

/* lstat(): the same as stat(), there being no symbolic links. */
long sys_lstat(uint64_t path, uint64_t statbuf)
{
	return stat_path(path, statbuf);
}

long sys_fstat(int fd, uint64_t statbuf)
{
	struct file *file = get_file(fd);
	struct stat st;
	long err;

	if (!file)
		return -EBADF;
	err = vfs_fstat(file, &st);
	file_put(file);
	if (!err)
		err = copy_to_user(statbuf, &st, sizeof(st));
	return err;
}

/* The most one getdents64() returns: a page of records. */
#define DIRENT_CHUNK PAGE_SIZE

long sys_getdents64(int fd, uint64_t dirp, size_t count)
{
	struct file *file = get_file(fd);
	size_t len = MIN(count, (size_t)DIRENT_CHUNK);
	void *buf;
	long ret;

	if (!file)
		return -EBADF;
	buf = kmalloc(DIRENT_CHUNK);
	ret = buf ? 0 : -ENOMEM;
	/* A bad buffer is refused before any entry is read, so none is skipped. */
	if (!ret && S_ISDIR(file->f_inode->i_mode) && !user_range_ok(dirp, len))
		ret = -EFAULT;
	if (!ret)
		ret = vfs_getdents64(file, buf, len);
	if (ret > 0 && copy_to_user(dirp, buf, (size_t)ret))
		ret = -EFAULT;
	kfree(buf);
	file_put(file);
	return ret;
}

/* ---- the namespace ---- */

long sys_getcwd(uint64_t ubuf, size_t size)
{
	struct proc *p = current_proc();
	struct path root;
	char *buf = kmalloc(PATH_MAX);
	long len;

	if (!buf)
		return -ENOMEM;
	if (p->cwd.dentry) {
		len = vfs_path_name(&p->cwd, buf, PATH_MAX);
	} else {
		vfs_get_root(&root);
		len = vfs_path_name(&root, buf, PATH_MAX);
		path_put(&root);
	}
	if (len >= 0 && (size_t)len + 1 > size)
		len = -ERANGE;
	if (len >= 0 && copy_to_user(ubuf, buf, (size_t)len + 1))
		len = -EFAULT;
	kfree(buf);
	return len < 0 ? len : len + 1;
}

long sys_chdir(uint64_t upath)
{
	struct proc *p = current_proc();
	struct path dir;
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_path_lookup(files_cwd(p), path, LOOKUP_DIRECTORY, &dir);
	kfree(path);
	if (err)
		return err;
	err = vfs_permission(&dir, MAY_EXEC);
	if (err) {
		path_put(&dir);
		return err;
	}
	if (p->cwd.dentry)
		path_put(&p->cwd);
	p->cwd = dir;
	return 0;
}

long sys_mkdir(uint64_t upath, int mode)
{
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_mkdir(files_cwd(current_proc()), path, create_mode(mode));
	kfree(path);
	return err;
}

long sys_rmdir(uint64_t upath)
{
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_rmdir(files_cwd(current_proc()), path);
	kfree(path);
	return err;
}

long sys_unlink(uint64_t upath)
{
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = vfs_unlink(files_cwd(current_proc()), path);
	kfree(path);
	return err;
}

/* mknodat(2) and mknod(2): see vfs_mknod(); dev is in the user's encoding (dev_from_user()). */
long sys_mknodat(int dirfd, uint64_t upath, int mode, unsigned int dev)
{
	const struct path *base;
	struct path dir;
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = at_directory(dirfd, &dir, &base);
	if (!err) {
		err = vfs_mknod(base, path, ((mode_t)mode & S_IFMT) | create_mode(mode),
				dev_from_user(dev));
		if (dir.dentry)
			path_put(&dir);
	}
	kfree(path);
	return err;
}

long sys_mknod(uint64_t path, int mode, unsigned int dev)
{
	return sys_mknodat(AT_FDCWD, path, mode, dev);
}

/* rename(2) and renameat(2): see vfs_rename() for the errors. */
long sys_renameat(int olddirfd, uint64_t uoldpath, int newdirfd, uint64_t unewpath)
{
	const struct path *old_base, *new_base;
	struct path old_dir = { 0 }, new_dir = { 0 };
	char *oldpath = NULL, *newpath = NULL;
	long err = get_path(uoldpath, &oldpath);

	if (!err)
		err = get_path(unewpath, &newpath);
	if (!err)
		err = at_directory(olddirfd, &old_dir, &old_base);
	if (!err)
		err = at_directory(newdirfd, &new_dir, &new_base);
	if (!err)
		err = vfs_renameat(old_base, oldpath, new_base, newpath);
	if (old_dir.dentry)
		path_put(&old_dir);
	if (new_dir.dentry)
		path_put(&new_dir);
	kfree(oldpath);
	kfree(newpath);
	return err;
}

long sys_rename(uint64_t oldpath, uint64_t newpath)
{
	return sys_renameat(AT_FDCWD, oldpath, AT_FDCWD, newpath);
}

/* AT_EMPTY_PATH: the call acts on base itself (the root, for a NULL working directory). */
static void at_empty_path(const struct path *base, struct path *out)
{
	if (!base) {
		vfs_get_root(out);
		return;
	}
	*out = *base;
	path_get(out);
}

/*
 * The file a *at() call names, with references in *out: path from dirfd's directory, or,
 * with AT_EMPTY_PATH in flags and an empty path, dirfd's own file (or the working directory).
 */
static long at_lookup(int dirfd, uint64_t upath, int flags, struct path *out)
{
	const struct path *base;
	struct path dir = { 0 };
	char *path;
	long err = get_path(upath, &path);

	if (err)
		return err;
	err = at_directory(dirfd, &dir, &base);
	if (!err && (flags & AT_EMPTY_PATH) && path[0] == '\0')
		at_empty_path(base, out);
	else if (!err)
		err = vfs_path_lookup(base, path, 0, out);
	if (dir.dentry)
		path_put(&dir);
	kfree(path);
	return err;
}

/* truncate(2): EINVAL for a negative length or a device, EISDIR, EFBIG past ramfs's limit. */
long sys_truncate(uint64_t upath, int64_t length)
{
	struct path path;
	long err = length < 0 ? -EINVAL : at_lookup(AT_FDCWD, upath, 0, &path);

	if (err)
		return err;
	err = vfs_truncate(&path, length);
	path_put(&path);
	return err;
}

/*
 * ftruncate(2): as truncate, but EINVAL also for a file not open for writing, as in Linux;
 * no permission is checked, the open did.
 */
long sys_ftruncate(int fd, int64_t length)
{
	struct iattr attr = { .valid = ATTR_SIZE | ATTR_MTIME, .size = length };
	struct file *file;
	long err;

	if (length < 0)
		return -EINVAL;
	file = get_file(fd);
	if (!file)
		return -EBADF;
	attr.mtime = vfs_now();
	if (!S_ISREG(file->f_inode->i_mode) || !(file->f_mode & FMODE_WRITE))
		err = -EINVAL;
	else
		err = vfs_setattr(&file->f_path, &attr);
	file_put(file);
	return err;
}

/* ---- modes and owners ---- */

/* fchmodat(2) (which has no flags) and chmod(2): see vfs_chmod(). */
long sys_fchmodat(int dirfd, uint64_t upath, int mode)
{
	struct path path;
	long err = at_lookup(dirfd, upath, 0, &path);

	if (err)
		return err;
	err = vfs_chmod(&path, (mode_t)mode);
	path_put(&path);
	return err;
}

long sys_chmod(uint64_t path, int mode)
{
	return sys_fchmodat(AT_FDCWD, path, mode);
}

long sys_fchmod(int fd, int mode)
{
	struct file *file = get_file(fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_chmod(&file->f_path, (mode_t)mode);
	file_put(file);
	return err;
}

/* fchownat(2), chown(2), lchown(2): see vfs_chown().  No symbolic links: lchown is chown. */
long sys_fchownat(int dirfd, uint64_t upath, uid_t uid, gid_t gid, int flags)
{
	struct path path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = at_lookup(dirfd, upath, flags, &path);
	if (err)
		return err;
	err = vfs_chown(&path, uid, gid);
	path_put(&path);
	return err;
}

long sys_chown(uint64_t path, uid_t uid, gid_t gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, 0);
}

long sys_lchown(uint64_t path, uid_t uid, gid_t gid)
{
	return sys_fchownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW);
}

long sys_fchown(int fd, uid_t uid, gid_t gid)
{
	struct file *file = get_file(fd);
	long err;

	if (!file)
		return -EBADF;
	err = vfs_chown(&file->f_path, uid, gid);
	file_put(file);
	return err;
}

/* ---- may I? ---- */

#define ACCESS_MODES (MAY_READ | MAY_WRITE | MAY_EXEC) /* R_OK, W_OK, X_OK; F_OK is 0 */

/*
 * faccessat2(2), faccessat(2), access(2): whether the caller may read, write or execute
 * (mode R_OK, W_OK, X_OK; F_OK only looks the file up) the file path names, walking and
 * checking with its real ids, as a program that runs on someone's behalf asks; with
 * AT_EACCESS, with the effective ones.  EACCES, EROFS, EINVAL for another mode bit or flag.
 */
long sys_faccessat2(int dirfd, uint64_t upath, int mode, int flags)
{
	struct proc *self = current_proc();
	uid_t fsuid = self->cred.fsuid;
	gid_t fsgid = self->cred.fsgid;
	struct path path;
	long err;

	if (mode & ~ACCESS_MODES)
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!(flags & AT_EACCESS))
		cred_set_fs_ids(self, self->cred.uid, self->cred.gid);
	err = at_lookup(dirfd, upath, flags, &path);
	if (!err) {
		err = vfs_access(&path, mode);
		path_put(&path);
	}
	cred_set_fs_ids(self, fsuid, fsgid);
	return err;
}

long sys_faccessat(int dirfd, uint64_t path, int mode)
{
	return sys_faccessat2(dirfd, path, mode, 0);
}

long sys_access(uint64_t path, int mode)
{
	return sys_faccessat2(AT_FDCWD, path, mode, 0);
}

/* ---- times ---- */

/* futimens(): utimensat() with no path sets the times of the open file fd; no flag is valid. */
static long utimens_fd(int fd, const struct timespec64 *times, int flags)
{
	struct file *file;
	long err;

	if (flags)
		return -EINVAL;
	file = get_file(fd);
	if (!file)
		return -EBADF;
	err = vfs_utimes(&file->f_path, times);
	file_put(file);
	return err;
}

/* utimensat() of a path, relative to dirfd: there are no symbolic links not to follow. */
static long utimens_path(int dirfd, uint64_t upath, const struct timespec64 *times, int flags)
{
	struct path path;
	long err;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = at_lookup(dirfd, upath, flags, &path);
	if (err)
		return err;
	err = vfs_utimes(&path, times);
	path_put(&path);
	return err;
}

/*
 * utimensat(2), and futimens() as C libraries make it (a NULL path and the descriptor), in
 * Linux's order of checks: both times UTIME_OMIT succeed at once, before even the path is
 * read; then the flags, the file, and last the times' nanoseconds (EINVAL) and the caller's
 * right to set them (fs/utimes.c).
 */
long sys_utimensat(int dirfd, uint64_t upath, uint64_t utimes, int flags)
{
	struct timespec64 times[2];

	if (utimes) {
		if (copy_from_user(times, utimes, sizeof(times)))
			return -EFAULT;
		if (times[0].tv_nsec == UTIME_OMIT && times[1].tv_nsec == UTIME_OMIT)
			return 0;
	}
	if (!upath && dirfd != AT_FDCWD)
		return utimens_fd(dirfd, utimes ? times : NULL, flags);
	return utimens_path(dirfd, upath, utimes ? times : NULL, flags);
}

/* ---- mounts ---- */

#define MOUNT_STRING_MAX PAGE_SIZE /* bytes of a type or option string, as in Linux */

/* A string mount(2) may leave out (NULL): *out is then NULL.  kfree() it. */
static long get_optional_string(uint64_t ustring, char **out)
{
	char *s;
	long len;

	*out = NULL;
	if (!ustring)
		return 0;
	s = kmalloc(MOUNT_STRING_MAX);
	if (!s)
		return -ENOMEM;
	len = strncpy_from_user(s, ustring, MOUNT_STRING_MAX);
	if (len < 0) {
		kfree(s);
		return len;
	}
	*out = s;
	return 0;
}

/* The strings of a mount(2) call, copied in. */
struct mount_args {
	char *source, *target, *fstype, *data;
};

static long mount_args_get(struct mount_args *args, uint64_t source, uint64_t target,
			   uint64_t fstype, uint64_t data)
{
	long err = get_path(target, &args->target);

	if (!err)
		err = get_optional_string(source, &args->source);
	if (!err)
		err = get_optional_string(fstype, &args->fstype);
	if (!err)
		err = get_optional_string(data, &args->data);
	if (!err && !args->fstype)
		err = -EINVAL;
	return err;
}

static void mount_args_free(struct mount_args *args)
{
	kfree(args->source);
	kfree(args->target);
	kfree(args->fstype);
	kfree(args->data);
}

/* mount(2) with MS_REMOUNT: new flags and options for a mount; source and type are ignored. */
static long remount(uint64_t utarget, unsigned long flags, uint64_t udata)
{
	char *target, *data = NULL;
	long err = get_path(utarget, &target);

	if (err)
		return err;
	err = get_optional_string(udata, &data);
	if (!err)
		err = vfs_remount(files_cwd(current_proc()), target, flags, data);
	kfree(data);
	kfree(target);
	return err;
}

/*
 * mount(2) of a new file system, or a remount: root only (EPERM).  The option string data
 * goes to the file system; bind mounts, moves and propagation flags are not implemented
 * (EINVAL).
 */
long sys_mount(uint64_t source, uint64_t target, uint64_t fstype, unsigned long flags,
	       uint64_t data)
{
	struct mount_args args = { 0 };
	long err;

	if (!cred_privileged(current_cred()))
		return -EPERM;
	if ((flags & MS_MGC_MSK) == MS_MGC_VAL)
		flags &= ~MS_MGC_MSK;
	if (flags & MS_NOT_NEW)
		return -EINVAL;
	if (flags & MS_REMOUNT)
		return remount(target, flags, data);
	err = mount_args_get(&args, source, target, fstype, data);
	if (!err)
		err = vfs_mount(files_cwd(current_proc()), args.source, args.target, args.fstype,
				flags, args.data);
	mount_args_free(&args);
	return err;
}

/* umount2(2): root only (EPERM); see vfs_umount() for the rest. */
long sys_umount2(uint64_t utarget, int flags)
{
	char *target;
	long err;

	if (!cred_privileged(current_cred()))
		return -EPERM;
	err = get_path(utarget, &target);
	if (err)
		return err;
	err = vfs_umount(files_cwd(current_proc()), target, flags);
	kfree(target);
	return err;
}
