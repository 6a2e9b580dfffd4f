/*
 * Reading directories: getdents64(2), and the iterate of directories kept as dentries.
 *
 * A directory's position counts entries: 0 is ".", 1 is "..", and each child dentry gets the
 * next number of its parent when it is linked in (d_dir_pos), so positions only grow and a
 * reader that resumes at a position sees neither an entry twice nor skips one, however many
 * are removed in between.  A record's d_off is the position just after it.
 */
#include <kernel/dirent.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/vfs.h>
#include <lib/compiler.h>
#include <lib/string.h>

#include "internal.h"

static unsigned int dentry_type(const struct dentry *dentry)
{
	return MODE_TO_DT(dentry->d_inode->i_mode);
}

bool dir_emit_dots(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_path.dentry;

	assert_mutex_held(&vfs_lock);
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dir->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		if (!dir_emit(ctx, "..", 2, dir->d_parent->d_inode->i_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	return true;
}

int dcache_readdir(struct file *file, struct dir_context *ctx)
{
	struct dentry *dir = file->f_path.dentry;
	struct dentry *child;

	if (!dir_emit_dots(file, ctx))
		return 0;
	list_for_each_entry(child, &dir->d_subdirs, d_child) {
		if (!child->d_inode || child->d_dir_pos < ctx->pos)
			continue;
		if (!dir_emit(ctx, child->d_name, child->d_name_len, child->d_inode->i_ino,
			      dentry_type(child)))
			return 0;
		ctx->pos = child->d_dir_pos + 1;
	}
	return 0;
}

/* ---- getdents64 ---- */

struct getdents_buffer {
	struct dir_context ctx;
	char *buf;
	size_t size, used;
	struct linux_dirent64 *last; /* its d_off is set once the next position is known */
	bool full;		     /* an entry did not fit */
};

static size_t dirent_reclen(size_t name_len)
{
	return ALIGN_UP(offsetof(struct linux_dirent64, d_name) + name_len + 1, 8);
}

static bool fill_dirent64(struct dir_context *ctx, const char *name, size_t len, ino_t ino,
			  unsigned int type)
{
	struct getdents_buffer *out = container_of(ctx, struct getdents_buffer, ctx);
	size_t reclen = dirent_reclen(len);
	struct linux_dirent64 *dirent;

	if (out->used + reclen > out->size) {
		out->full = true;
		return false;
	}
	if (out->last)
		out->last->d_off = ctx->pos;
	dirent = (struct linux_dirent64 *)(out->buf + out->used);
	memset(dirent, 0, reclen);
	dirent->d_ino = ino;
	dirent->d_reclen = (uint16_t)reclen;
	dirent->d_type = (uint8_t)type;
	memcpy(dirent->d_name, name, len);
	out->last = dirent;
	out->used += reclen;
	return true;
}

static int iterate_dir(struct file *file, struct dir_context *ctx)
{
	int err;

	mutex_lock(&vfs_lock);
	err = file->f_op->iterate(file, ctx);
	mutex_unlock(&vfs_lock);
	return err;
}

ssize_t vfs_getdents64(struct file *file, void *buf, size_t len)
{
	struct getdents_buffer out = { .ctx.actor = fill_dirent64, .buf = buf, .size = len };
	int err;

	if (!S_ISDIR(file->f_inode->i_mode) || !file->f_op || !file->f_op->iterate)
		return -ENOTDIR;
	mutex_lock(&file->f_pos_lock);
	out.ctx.pos = file->f_pos;
	err = iterate_dir(file, &out.ctx);
	file->f_pos = out.ctx.pos;
	mutex_lock(&file->f_inode->i_mutex);
	inode_accessed(file->f_inode);
	mutex_unlock(&file->f_inode->i_mutex);
	mutex_unlock(&file->f_pos_lock);
	if (out.last)
		out.last->d_off = out.ctx.pos;
	if (out.used)
		return (ssize_t)out.used;
	if (err)
		return err;
	return out.full ? -EINVAL : 0; /* full with nothing in it: too small for one entry */
}
