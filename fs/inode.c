/*
 * Inodes: allocation, reference counting, attributes.
 *
 * There is no inode cache: an inode lives as long as something references it (its dentries,
 * mostly), and the last inode_put() hands it to its file system's evict_inode, which frees
 * the data (ramfs: the pages of a removed file), then frees it.
 */
#include <kernel/chrdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/stat.h>
#include <kernel/time.h>

struct timespec64 vfs_now(void)
{
	uint64_t ns = clock_realtime_ns();
	struct timespec64 now = {
		.tv_sec = (int64_t)(ns / NSEC_PER_SEC),
		.tv_nsec = (long)(ns % NSEC_PER_SEC),
	};

	return now;
}

ino_t inode_reserve_ino(struct super_block *sb, unsigned int n)
{
	return __atomic_fetch_add(&sb->s_last_ino, n, __ATOMIC_RELAXED) + 1;
}

struct inode *inode_alloc(struct super_block *sb, mode_t mode)
{
	return inode_alloc_ino(sb, mode, inode_reserve_ino(sb, 1));
}

struct inode *inode_alloc_ino(struct super_block *sb, mode_t mode, ino_t ino)
{
	struct inode *inode = kzalloc(sizeof(*inode));

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = ino;
	inode->i_count = 1;
	mutex_init(&inode->i_mutex, "inode");
	inode->i_mode = mode;
	inode->i_nlink = 1;
	inode->i_atime = inode->i_mtime = inode->i_ctime = vfs_now();
	return inode;
}

void inode_put(struct inode *inode)
{
	int left = __atomic_sub_fetch(&inode->i_count, 1, __ATOMIC_ACQ_REL);

	BUG_ON(left < 0);
	if (left > 0)
		return;
	if (inode->i_sb->s_op && inode->i_sb->s_op->evict_inode)
		inode->i_sb->s_op->evict_inode(inode);
	kfree(inode);
}

static int no_device_open(struct inode *inode, struct file *file)
{
	return -ENXIO;
}

/* Block devices, FIFOs and sockets: Corral has no driver for them, so opening one is ENXIO. */
static const struct file_operations no_device_fops = {
	.open = no_device_open,
};

void init_special_inode(struct inode *inode, mode_t mode, dev_t dev)
{
	inode->i_mode = mode;
	inode->i_rdev = dev;
	inode->i_fop = S_ISCHR(mode) ? &chrdev_open_fops : &no_device_fops;
}

void inode_setattr_simple(struct inode *inode, const struct iattr *attr)
{
	struct timespec64 now = vfs_now();

	assert_mutex_held(&inode->i_mutex);
	if (attr->valid & ATTR_MODE)
		inode->i_mode = (inode->i_mode & S_IFMT) | (attr->mode & S_IALLUGO);
	if (attr->valid & ATTR_UID)
		inode->i_uid = attr->uid;
	if (attr->valid & ATTR_GID)
		inode->i_gid = attr->gid;
	if (attr->valid & ATTR_ATIME)
		inode->i_atime = attr->valid & ATTR_ATIME_SET ? attr->atime : now;
	if (attr->valid & ATTR_MTIME)
		inode->i_mtime = attr->valid & ATTR_MTIME_SET ? attr->mtime : now;
	inode->i_ctime = now;
}

/* Whether a is earlier than b, or the same time. */
static bool time_not_after(struct timespec64 a, struct timespec64 b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec <= b.tv_nsec);
}

#define RELATIME_MAX_AGE (24 * 60 * 60) /* seconds: an access time this old is renewed */

void inode_accessed(struct inode *inode)
{
	struct timespec64 now = vfs_now();

	assert_mutex_held(&inode->i_mutex);
	if (time_not_after(inode->i_atime, inode->i_mtime) ||
	    time_not_after(inode->i_atime, inode->i_ctime) ||
	    now.tv_sec - inode->i_atime.tv_sec >= RELATIME_MAX_AGE)
		inode->i_atime = now;
}
