/*
 * devfs: the file system the kernel mounts on /dev.  Its one directory lists the character
 * devices drivers have registered (fs/chrdev.c): "console", "null", "zero", "tty" ...
 *
 * devfs keeps no names of its own.  lookup asks the registry for the name and, if a driver
 * has it, makes a device node inode for it; the dentry lives while someone uses it (an open
 * file, a walk in progress) and goes away after.  So a device registered after the mount
 * shows up at once, and nothing here can get out of date.  The registry never forgets a
 * device, so a node's index in it is a stable inode number: stat() of /dev/null gives the
 * same st_ino every time.  Nodes cannot be made or removed by hand (EPERM).
 */
#include <kernel/chrdev.h>
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/panic.h>
#include <lib/string.h>

#include "internal.h"

#define DEVFS_ROOT_INO	1
#define DEVFS_FIRST_INO 2 /* of the registry's node 0 */
#define DEVFS_FIRST_POS 2 /* readdir position of node 0, after "." and ".." */

static int devfs_lookup(struct inode *dir, struct dentry *dentry)
{
	struct chrdev_node node;
	struct inode *inode;
	size_t index;

	if (chrdev_node_find(dentry->d_name, dentry->d_name_len, &node, &index) < 0)
		return 0;
	inode = inode_alloc(dir->i_sb, node.mode);
	if (!inode)
		return -ENOMEM;
	inode->i_ino = DEVFS_FIRST_INO + index;
	init_special_inode(inode, node.mode, node.dev);
	d_instantiate(dentry, inode);
	return 0;
}

static int devfs_iterate(struct file *file, struct dir_context *ctx)
{
	struct chrdev_node node;

	if (!dir_emit_dots(file, ctx))
		return 0;
	while (chrdev_node_at((size_t)(ctx->pos - DEVFS_FIRST_POS), &node) == 0) {
		ino_t ino = DEVFS_FIRST_INO + (ino_t)(ctx->pos - DEVFS_FIRST_POS);

		if (!dir_emit(ctx, node.name, strlen(node.name), ino, DT_CHR))
			return 0;
		ctx->pos++;
	}
	return 0;
}

static const struct inode_operations devfs_dir_iops = {
	.lookup = devfs_lookup,
};

static const struct file_operations devfs_dir_fops = {
	.llseek = generic_file_llseek,
	.iterate = devfs_iterate,
};

/* Each mount is an instance of its own; they all show the same registry. */
static int devfs_mount(struct file_system_type *type, const char *source, unsigned long flags,
		       const void *data, struct super_block **out)
{
	struct super_block *sb = sb_alloc(type, NULL);
	struct inode *root;

	if (!sb)
		return -ENOMEM;
	root = inode_alloc(sb, S_IFDIR | 0755);
	if (root) {
		root->i_ino = DEVFS_ROOT_INO;
		root->i_nlink = 2;
		root->i_op = &devfs_dir_iops;
		root->i_fop = &devfs_dir_fops;
	}
	sb->s_root = root ? d_make_root(root) : NULL;
	if (!sb->s_root) {
		sb_free(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

/* Nothing is pinned: with the last mount gone, only the root dentry is left. */
static void devfs_kill_sb(struct super_block *sb)
{
	dentry_put_locked(sb->s_root);
	sb_free(sb);
}

static struct file_system_type devfs_type = {
	.name = "devfs",
	.mount = devfs_mount,
	.kill_sb = devfs_kill_sb,
};

void devfs_init(void)
{
	if (register_filesystem(&devfs_type) < 0)
		panic("devfs: cannot register");
}
