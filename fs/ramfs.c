/*
 * ramfs: a file system in memory, the root file system.
 *
 * Its names are its dentries: every file, directory and device node is a dentry pinned in
 * the tree (d_pin) from creation until unlink or rmdir, so lookup never has anything to find
 * that the tree does not already hold, and a directory lists its dentries (dcache_readdir).
 *
 * A regular file's data is an array of page pointers, one per 4 KiB of the file, in the
 * inode's i_private (struct ramfs_data), guarded by the inode's i_mutex.  Pages are allocated
 * as writes reach them; a page never written (a hole, after a seek past the end or a
 * truncate that grew the file) is a NULL slot that reads as zeros.  The pages go back to the
 * page allocator when the file shrinks or its inode is evicted (its last name is gone and it
 * is no longer open).
 *
 * The pages are user pages (alloc_user_page, reference counted with get_page/put_page), so
 * that execve() can map a program's read-only segments straight from the file instead of
 * copying them (ramfs_get_pages).  The sharing rule: a page whose reference count is above 1
 * is mapped into some process and must never change.  A write or truncate that would modify
 * such a page first replaces it in the file with a private copy (ramfs_writable_page) and
 * modifies the copy; the processes keep the old page, so a running program goes on seeing the
 * file as it was when it was executed.  All of this happens under the inode's i_mutex, which
 * ramfs_get_pages takes too, so a page cannot gain a mapping while it is being modified.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <lib/string.h>

#include "internal.h"

#define RAMFS_MAX_FILE_SIZE (1LL << 30) /* 1 GiB: writes beyond fail with EFBIG */
#define RAMFS_MIN_SLOTS	    8

/* A regular file's data; inode->i_mutex guards it. */
struct ramfs_data {
	void **pages; /* pages[i]: bytes i*PAGE_SIZE..(i+1)*PAGE_SIZE-1, or NULL (zeros) */
	size_t slots; /* length of pages */
};

static const struct inode_operations ramfs_dir_iops;
static const struct inode_operations ramfs_file_iops;
static const struct file_operations ramfs_dir_fops;
static const struct file_operations ramfs_file_fops;

/* ---- file data ---- */

/* Make room for slots entries in data->pages: 0, or -ENOMEM. */
static int ramfs_grow_slots(struct ramfs_data *data, size_t slots)
{
	size_t new_slots = MAX(MAX(slots, data->slots * 2), (size_t)RAMFS_MIN_SLOTS);
	void **pages;

	if (slots <= data->slots)
		return 0;
	pages = kzalloc(new_slots * sizeof(*pages));
	if (!pages)
		return -ENOMEM;
	if (data->pages)
		memcpy(pages, data->pages, data->slots * sizeof(*pages));
	kfree(data->pages);
	data->pages = pages;
	data->slots = new_slots;
	return 0;
}

/*
 * Make data->pages[index], which exists, safe to modify: if a process has it mapped, put a
 * copy in its place (see the sharing rule at the top).  The page to write to, or NULL.
 */
static void *ramfs_writable_page(struct ramfs_data *data, size_t index)
{
	uint64_t phys = virt_to_phys(data->pages[index]), copy;

	if (page_refcount(phys) == 1)
		return data->pages[index];
	copy = alloc_user_page_unzeroed();
	if (!copy)
		return NULL;
	copy_page(phys_to_virt(copy), data->pages[index]);
	data->pages[index] = phys_to_virt(copy);
	put_page(phys);
	return data->pages[index];
}

/*
 * The page holding byte index*PAGE_SIZE, allocated if needed, ready to be written.  A new
 * page is zeroed unless the caller is about to write all of it (whole).
 */
static void *ramfs_page(struct inode *inode, size_t index, bool whole)
{
	struct ramfs_data *data = inode->i_private;
	uint64_t phys;

	if (!data)
		data = inode->i_private = kzalloc(sizeof(*data));
	if (!data || ramfs_grow_slots(data, index + 1) < 0)
		return NULL;
	if (data->pages[index])
		return ramfs_writable_page(data, index);
	phys = whole ? alloc_user_page_unzeroed() : alloc_user_page();
	if (!phys)
		return NULL;
	data->pages[index] = phys_to_virt(phys);
	inode->i_blocks += PAGE_SIZE / 512;
	return data->pages[index];
}

/* The page at index if it exists, else NULL (a hole). */
static void *ramfs_existing_page(const struct inode *inode, size_t index)
{
	const struct ramfs_data *data = inode->i_private;

	return data && index < data->slots ? data->pages[index] : NULL;
}

static size_t ramfs_copy_out(struct inode *inode, char *buf, size_t len, loff_t pos)
{
	size_t done, n;

	if (pos >= inode->i_size)
		return 0;
	len = MIN(len, (size_t)(inode->i_size - pos));
	for (done = 0; done < len; done += n) {
		size_t index = (size_t)(pos + done) / PAGE_SIZE;
		size_t offset = (size_t)(pos + done) % PAGE_SIZE;
		const char *page = ramfs_existing_page(inode, index);

		n = MIN(len - done, PAGE_SIZE - offset);
		if (page)
			memcpy(buf + done, page + offset, n);
		else
			memset(buf + done, 0, n);
	}
	return len;
}

static ssize_t ramfs_copy_in(struct inode *inode, const char *buf, size_t len, loff_t pos)
{
	size_t done, n;

	if (pos >= RAMFS_MAX_FILE_SIZE)
		return len ? -EFBIG : 0;
	len = MIN(len, (size_t)(RAMFS_MAX_FILE_SIZE - pos));
	for (done = 0; done < len; done += n) {
		size_t offset = (size_t)(pos + done) % PAGE_SIZE;
		char *page;

		n = MIN(len - done, PAGE_SIZE - offset);
		page = ramfs_page(inode, (size_t)(pos + done) / PAGE_SIZE, n == PAGE_SIZE);
		if (!page)
			break;
		memcpy(page + offset, buf + done, n);
	}
	if (done == 0 && len > 0)
		return -ENOSPC;
	return (ssize_t)done;
}

/*
 * Free the pages wholly beyond size, and zero the rest of the page size ends in (a copy of
 * it if it is mapped): 0, or -ENOMEM with the file unchanged.
 */
static int ramfs_truncate_pages(struct inode *inode, loff_t size)
{
	struct ramfs_data *data = inode->i_private;
	size_t keep = (size_t)ALIGN_UP(size, PAGE_SIZE) / PAGE_SIZE;
	char *last;

	if (!data)
		return 0;
	last = ramfs_existing_page(inode, (size_t)size / PAGE_SIZE);
	if (last && size % PAGE_SIZE) {
		last = ramfs_writable_page(data, (size_t)size / PAGE_SIZE);
		if (!last)
			return -ENOMEM;
		memset(last + size % PAGE_SIZE, 0, PAGE_SIZE - size % PAGE_SIZE);
	}
	for (size_t i = keep; i < data->slots; i++) {
		if (data->pages[i]) {
			put_page(virt_to_phys(data->pages[i]));
			data->pages[i] = NULL;
			inode->i_blocks -= PAGE_SIZE / 512;
		}
	}
	return 0;
}

static void ramfs_evict_inode(struct inode *inode)
{
	struct ramfs_data *data = inode->i_private;

	if (!data)
		return;
	ramfs_truncate_pages(inode, 0); /* cannot fail: size 0 leaves no page to zero */
	kfree(data->pages);
	kfree(data);
}

/* ---- regular files ---- */

/* Read and write run with the inode's i_mutex held by the VFS (fs/read_write.c). */
static ssize_t ramfs_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	size_t done;

	assert_mutex_held(&inode->i_mutex);
	done = ramfs_copy_out(inode, buf, len, *pos);
	*pos += (loff_t)done;
	return (ssize_t)done;
}

static ssize_t ramfs_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	struct inode *inode = file->f_inode;
	ssize_t done;

	assert_mutex_held(&inode->i_mutex);
	if (file->f_flags & O_APPEND)
		*pos = inode->i_size;
	done = ramfs_copy_in(inode, buf, len, *pos);
	if (done > 0) {
		*pos += done;
		inode->i_size = MAX(inode->i_size, *pos);
		inode->i_mtime = inode->i_ctime = vfs_now();
	}
	return done;
}

/*
 * Lend execve() up to count pages from index on (see the sharing rule at the top), stopping at
 * the first hole, which has no page: how many were lent.
 */
static int ramfs_get_pages(struct file *file, uint64_t index, unsigned int count, uint64_t *phys)
{
	struct inode *inode = file->f_inode;
	unsigned int lent = 0;
	void *page;

	mutex_lock(&inode->i_mutex);
	while (lent < count && (page = ramfs_existing_page(inode, index + lent))) {
		phys[lent] = virt_to_phys(page);
		get_page(phys[lent++]);
	}
	mutex_unlock(&inode->i_mutex);
	return (int)lent;
}

static int ramfs_setattr(struct inode *inode, const struct iattr *attr)
{
	assert_mutex_held(&inode->i_mutex);
	if (attr->valid & ATTR_SIZE) {
		if (attr->size > RAMFS_MAX_FILE_SIZE)
			return -EFBIG;
		if (attr->size < inode->i_size && ramfs_truncate_pages(inode, attr->size) < 0)
			return -ENOMEM;
		inode->i_size = attr->size;
	}
	inode_setattr_simple(inode, attr);
	return 0;
}

/* ---- directories ---- */

static struct inode *ramfs_new_inode(struct super_block *sb, mode_t mode, dev_t dev)
{
	struct inode *inode = inode_alloc(sb, mode);

	if (!inode)
		return NULL;
	if (S_ISDIR(mode)) {
		inode->i_op = &ramfs_dir_iops;
		inode->i_fop = &ramfs_dir_fops;
		inode->i_nlink = 2;
	} else if (S_ISREG(mode)) {
		inode->i_op = &ramfs_file_iops;
		inode->i_fop = &ramfs_file_fops;
	} else {
		inode->i_op = &ramfs_file_iops;
		init_special_inode(inode, mode, dev);
	}
	return inode;
}

/* A directory's contents changed: its times, and its link count by links. */
static void ramfs_dir_changed(struct inode *dir, int links)
{
	mutex_lock(&dir->i_mutex);
	dir->i_nlink += links;
	dir->i_mtime = dir->i_ctime = vfs_now();
	mutex_unlock(&dir->i_mutex);
}

/* A file lost links of its names (0: it was renamed): its change time, and its link count. */
static void ramfs_inode_changed(struct inode *inode, unsigned int links)
{
	mutex_lock(&inode->i_mutex);
	inode->i_nlink -= links;
	inode->i_ctime = vfs_now();
	mutex_unlock(&inode->i_mutex);
}

/* Everything that exists is pinned in the tree: a name not there does not exist. */
static int ramfs_lookup(struct inode *dir, struct dentry *dentry)
{
	return 0;
}

static int ramfs_mknod(struct inode *dir, struct dentry *dentry, mode_t mode, dev_t dev)
{
	struct inode *inode = ramfs_new_inode(dir->i_sb, mode, dev);

	if (!inode)
		return -ENOSPC;
	inode_init_owner(inode, dir);
	d_instantiate(dentry, inode);
	d_pin(dentry);
	ramfs_dir_changed(dir, S_ISDIR(mode) ? 1 : 0);
	return 0;
}

static int ramfs_create(struct inode *dir, struct dentry *dentry, mode_t mode)
{
	return ramfs_mknod(dir, dentry, mode, 0);
}

static int ramfs_mkdir(struct inode *dir, struct dentry *dentry, mode_t mode)
{
	return ramfs_mknod(dir, dentry, mode, 0);
}

static int ramfs_unlink(struct inode *dir, struct dentry *dentry)
{
	ramfs_inode_changed(dentry->d_inode, 1);
	d_unpin(dentry);
	ramfs_dir_changed(dir, 0);
	return 0;
}

static int ramfs_rmdir(struct inode *dir, struct dentry *dentry)
{
	if (!dcache_dir_empty(dentry))
		return -ENOTEMPTY;
	ramfs_inode_changed(dentry->d_inode, 2);
	d_unpin(dentry);
	ramfs_dir_changed(dir, -1);
	return 0;
}

static int ramfs_rename(struct inode *old_dir, struct dentry *old, struct inode *new_dir,
			struct dentry *new)
{
	bool is_dir = S_ISDIR(old->d_inode->i_mode);
	int err = 0;

	if (new->d_inode)
		err = is_dir ? ramfs_rmdir(new_dir, new) : ramfs_unlink(new_dir, new);
	if (err)
		return err;
	ramfs_inode_changed(old->d_inode, 0);
	ramfs_dir_changed(old_dir, is_dir ? -1 : 0);
	ramfs_dir_changed(new_dir, is_dir ? 1 : 0);
	return 0;
}

static const struct inode_operations ramfs_dir_iops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.rmdir = ramfs_rmdir,
	.unlink = ramfs_unlink,
	.rename = ramfs_rename,
};

static const struct inode_operations ramfs_file_iops = {
	.setattr = ramfs_setattr,
};

static const struct file_operations ramfs_dir_fops = {
	.llseek = generic_file_llseek,
	.iterate = dcache_readdir,
};

static const struct file_operations ramfs_file_fops = {
	.read = ramfs_read,
	.write = ramfs_write,
	.llseek = generic_file_llseek,
	.get_pages = ramfs_get_pages,
};

/* ---- mounting ---- */

static const struct super_operations ramfs_super_ops = {
	.evict_inode = ramfs_evict_inode,
};

/* What a mount says of its root directory: permission bits, owner and group. */
struct ramfs_root {
	mode_t mode;
	uid_t uid;
	gid_t gid;
};

#define OPTION_MAX 32 /* bytes in one "name=value" option, its NUL included */

/* Apply one "name=value" option to root: 0, or -EINVAL for a bad value of a known name. */
static int ramfs_option(const char *option, struct ramfs_root *root)
{
	unsigned long value;

	if (strncmp(option, "mode=", 5) == 0) {
		if (kstrtoul(option + 5, 8, &value) < 0 || value > S_IALLUGO)
			return -EINVAL;
		root->mode = (mode_t)value;
	} else if (strncmp(option, "uid=", 4) == 0 || strncmp(option, "gid=", 4) == 0) {
		if (kstrtoul(option + 4, 10, &value) < 0 || value >= UINT32_MAX)
			return -EINVAL;
		if (option[0] == 'u')
			root->uid = (uid_t)value;
		else
			root->gid = (gid_t)value;
	}
	return 0;
}

/*
 * Read mount(2)'s option string, "mode=1777,uid=1000,gid=1000", into root: 0, or -EINVAL for
 * a bad value.  Other options are ignored, as Linux's ramfs ignores them.
 */
static int ramfs_parse_options(const char *data, struct ramfs_root *root)
{
	char option[OPTION_MAX];

	while (data && *data) {
		const char *comma = strchr(data, ',');
		size_t len = comma ? (size_t)(comma - data) : strlen(data);
		int err;

		if (len >= sizeof(option))
			return -EINVAL;
		memcpy(option, data, len);
		option[len] = '\0';
		err = ramfs_option(option, root);
		if (err)
			return err;
		data = comma ? comma + 1 : data + len;
	}
	return 0;
}

/*
 * ramfs's root is 0755 and tmpfs's 1777 (anyone may make files there, and remove only their
 * own: the sticky bit), both owned by root, unless the options say otherwise.
 */
static int ramfs_mount(struct file_system_type *type, const char *source, unsigned long flags,
		       const void *data, struct super_block **out)
{
	struct ramfs_root options = { .mode = strcmp(type->name, "tmpfs") == 0 ? 01777 : 0755 };
	struct super_block *sb;
	struct inode *root;
	int err = ramfs_parse_options(data, &options);

	if (err)
		return err;
	sb = sb_alloc(type, &ramfs_super_ops);
	if (!sb)
		return -ENOMEM;
	root = ramfs_new_inode(sb, S_IFDIR | options.mode, 0);
	if (root) {
		root->i_uid = options.uid;
		root->i_gid = options.gid;
	}
	sb->s_root = root ? d_make_root(root) : NULL;
	if (!sb->s_root) {
		sb_free(sb);
		return -ENOMEM;
	}
	*out = sb;
	return 0;
}

static void ramfs_kill_sb(struct super_block *sb)
{
	int count;

	dcache_unpin_tree(sb->s_root);
	count = __atomic_load_n(&sb->s_root->d_count, __ATOMIC_RELAXED);
	if (count != 1)
		pr_warn("ramfs: root dentry still has %d references at unmount\n", count);
	dentry_put_locked(sb->s_root);
	sb_free(sb);
}

static struct file_system_type ramfs_type = {
	.name = "ramfs",
	.mount = ramfs_mount,
	.kill_sb = ramfs_kill_sb,
};

/*
 * "tmpfs" is the name Linux programs mount a memory file system by: here, ramfs again, with a
 * root anyone may write to (/tmp).  Its size options are ignored: no limit is kept.
 */
static struct file_system_type tmpfs_type = {
	.name = "tmpfs",
	.mount = ramfs_mount,
	.kill_sb = ramfs_kill_sb,
};

void ramfs_init(void)
{
	if (register_filesystem(&ramfs_type) < 0 || register_filesystem(&tmpfs_type) < 0)
		panic("ramfs: cannot register");
}
