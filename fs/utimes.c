/*
 * Setting a file's times: utimensat(2) and futimens(), for which kernel/sys_file.c finds the
 * file, and the rule of who may.
 *
 * Each of the two times is a time, UTIME_NOW or UTIME_OMIT; the change time always becomes now.
 * Linux's rule for who may: explicit times (any time that is not UTIME_NOW) only the file's
 * owner or root, else EPERM; "now" for both (as `touch` asks) also whoever may write the file,
 * else EACCES, so that a program that writes a file may also mark it modified.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/proc.h>
#include <kernel/stat.h>
#include <kernel/vfs.h>

static bool utime_nsec_valid(long nsec)
{
	return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && nsec <= 999999999);
}

/*
 * Whether the caller may set inode's times: explicit ones, or both to now.  The owner and root
 * may.  For "now" Linux also lets through whoever may write the file (its permission check,
 * inode_permission(inode, MAY_WRITE)); this kernel checks no permission bits, so there the
 * owner and root alone may.  A kernel thread (no process) is root.
 */
static int utimes_permission(const struct inode *inode, bool explicit_times)
{
	struct proc *self = current_proc();

	if (!self || self->euid == 0 || (uid_t)self->euid == inode->i_uid)
		return 0;
	return explicit_times ? -EPERM : -EACCES;
}

/* Put one of utimensat's times into attr: time_bit alone means now, with set_bit the time given. */
static void utimes_one(struct iattr *attr, struct timespec64 *field, struct timespec64 time,
		       unsigned int time_bit, unsigned int set_bit)
{
	if (time.tv_nsec == UTIME_OMIT)
		return;
	attr->valid |= time_bit;
	if (time.tv_nsec != UTIME_NOW) {
		attr->valid |= set_bit;
		*field = time;
	}
}

int vfs_utimes(const struct path *path, const struct timespec64 times[2])
{
	struct iattr attr = { .valid = ATTR_ATIME | ATTR_MTIME };
	bool explicit_times = false;
	int err;

	if (times) {
		if (!utime_nsec_valid(times[0].tv_nsec) || !utime_nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		explicit_times = times[0].tv_nsec != UTIME_NOW || times[1].tv_nsec != UTIME_NOW;
		attr.valid = 0;
		utimes_one(&attr, &attr.atime, times[0], ATTR_ATIME, ATTR_ATIME_SET);
		utimes_one(&attr, &attr.mtime, times[1], ATTR_MTIME, ATTR_MTIME_SET);
	}
	err = utimes_permission(path->dentry->d_inode, explicit_times);
	return err ? err : vfs_setattr(path, &attr);
}
