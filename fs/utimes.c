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
#include <kernel/stat.h>
#include <kernel/vfs.h>

static bool utime_nsec_valid(long nsec)
{
	return nsec == UTIME_NOW || nsec == UTIME_OMIT || (nsec >= 0 && nsec <= 999999999);
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

/*
 * The rule of who may is vfs_setattr()'s (fs/permission.c: inode_may_set_times()), asked for
 * with ATTR_TIMES_SET (times given) or ATTR_TOUCH (both now), and checked there under the
 * locks of the change.
 */
int vfs_utimes(const struct path *path, const struct timespec64 times[2])
{
	struct iattr attr = { .valid = ATTR_ATIME | ATTR_MTIME | ATTR_TOUCH };

	if (times) {
		if (!utime_nsec_valid(times[0].tv_nsec) || !utime_nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec != UTIME_NOW || times[1].tv_nsec != UTIME_NOW) {
			attr.valid = ATTR_TIMES_SET;
			utimes_one(&attr, &attr.atime, times[0], ATTR_ATIME, ATTR_ATIME_SET);
			utimes_one(&attr, &attr.mtime, times[1], ATTR_MTIME, ATTR_MTIME_SET);
		}
	}
	return vfs_setattr(path, &attr);
}
