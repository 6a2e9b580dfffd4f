/*
 * Dentries: the tree of names that path walk follows (include/kernel/fs.h describes them).
 *
 * Each dentry holds a reference on its parent and on its inode, and sits on its parent's
 * d_subdirs list.  Nothing is cached for its own sake: when the last reference to a dentry is
 * dropped, it is taken off its parent's list and freed, and the reference it held on the
 * parent is dropped in turn (a loop, not recursion: trees may be deep).  File systems that
 * keep their names only in the tree (ramfs) pin each name's dentry for as long as it exists.
 *
 * vfs_lock guards the tree; its definition is here.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <lib/hash.h>
#include <lib/string.h>

#include "internal.h"

struct mutex vfs_lock = MUTEX_INIT(vfs_lock, "vfs_lock");

/*
 * Every dentry in a parent's children is also in this table, hashed on its parent and name, so
 * that finding a name costs the same in a directory of ten entries or of ten thousand (a
 * container hierarchy can be that wide).  vfs_lock guards it.
 */
#define DCACHE_HASH_BITS 12
static struct hlist_head dcache_hash[1 << DCACHE_HASH_BITS];

static struct hlist_head *d_hash_bucket(const struct dentry *parent, const char *name, size_t len)
{
	uint64_t h = hash_mix(0, (uintptr_t)parent);

	for (size_t i = 0; i < len; i++)
		h = h * 31 + (unsigned char)name[i];
	return &dcache_hash[hash_64(h, DCACHE_HASH_BITS)];
}

/* Put dentry, a child of its parent, in the table under its name. */
static void d_hash_add(struct dentry *dentry)
{
	hlist_add_head(&dentry->d_hash,
		       d_hash_bucket(dentry->d_parent, dentry->d_name, dentry->d_name_len));
}

static struct dentry *dentry_alloc(struct super_block *sb, const char *name, size_t len)
{
	struct dentry *dentry = kzalloc(sizeof(*dentry));
	char *copy;

	if (!dentry)
		return NULL;
	copy = len < DNAME_INLINE_LEN ? dentry->d_iname : kmalloc(len + 1);
	if (!copy) {
		kfree(dentry);
		return NULL;
	}
	memcpy(copy, name, len);
	copy[len] = '\0';
	dentry->d_name = copy;
	dentry->d_name_len = len;
	dentry->d_count = 1;
	dentry->d_sb = sb;
	dentry->d_next_pos = 2; /* 0 and 1 are "." and ".." */
	INIT_LIST_HEAD(&dentry->d_child);
	INIT_LIST_HEAD(&dentry->d_subdirs);
	INIT_HLIST_NODE(&dentry->d_hash);
	return dentry;
}

static void dentry_free_name(struct dentry *dentry)
{
	if (dentry->d_name != dentry->d_iname)
		kfree((char *)dentry->d_name);
}

void dentry_get(struct dentry *dentry)
{
	__atomic_add_fetch(&dentry->d_count, 1, __ATOMIC_RELAXED);
}

/* Free a dentry whose count reached zero; returns its parent, whose reference it held. */
static struct dentry *dentry_kill(struct dentry *dentry)
{
	struct dentry *parent = dentry->d_parent == dentry ? NULL : dentry->d_parent;

	BUG_ON(dentry->d_mounted || !list_empty(&dentry->d_subdirs));
	if (!(dentry->d_flags & DENTRY_DEAD) && parent) {
		list_del(&dentry->d_child);
		hlist_del_init(&dentry->d_hash);
	}
	if (dentry->d_inode)
		inode_put(dentry->d_inode);
	dentry_free_name(dentry);
	kfree(dentry);
	return parent;
}

void dentry_put_locked(struct dentry *dentry)
{
	assert_mutex_held(&vfs_lock);
	while (dentry) {
		int left = __atomic_sub_fetch(&dentry->d_count, 1, __ATOMIC_ACQ_REL);

		BUG_ON(left < 0);
		if (left > 0)
			return;
		dentry = dentry_kill(dentry);
	}
}

void dentry_put(struct dentry *dentry)
{
	mutex_lock(&vfs_lock);
	dentry_put_locked(dentry);
	mutex_unlock(&vfs_lock);
}

struct dentry *d_make_root(struct inode *inode)
{
	struct dentry *root = dentry_alloc(inode->i_sb, "/", 1);

	if (!root) {
		inode_put(inode);
		return NULL;
	}
	root->d_parent = root;
	root->d_inode = inode;
	return root;
}

struct dentry *d_alloc_child(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *dentry = dentry_alloc(parent->d_sb, name, len);

	assert_mutex_held(&vfs_lock);
	if (!dentry)
		return NULL;
	dentry_get(parent);
	dentry->d_parent = parent;
	dentry->d_dir_pos = parent->d_next_pos++;
	list_add_tail(&dentry->d_child, &parent->d_subdirs);
	d_hash_add(dentry);
	return dentry;
}

struct dentry *d_lookup_child(struct dentry *parent, const char *name, size_t len)
{
	struct dentry *child;

	assert_mutex_held(&vfs_lock);
	hlist_for_each_entry(child, d_hash_bucket(parent, name, len), d_hash)
	{
		if (child->d_parent == parent && child->d_name_len == len &&
		    memcmp(child->d_name, name, len) == 0) {
			dentry_get(child);
			return child;
		}
	}
	return NULL;
}

void d_instantiate(struct dentry *dentry, struct inode *inode)
{
	BUG_ON(dentry->d_inode);
	dentry->d_inode = inode;
}

void d_pin(struct dentry *dentry)
{
	assert_mutex_held(&vfs_lock);
	BUG_ON(dentry->d_flags & DENTRY_PINNED);
	dentry->d_flags |= DENTRY_PINNED;
	dentry_get(dentry);
}

void d_unpin(struct dentry *dentry)
{
	assert_mutex_held(&vfs_lock);
	if (!(dentry->d_flags & DENTRY_PINNED))
		return;
	dentry->d_flags &= ~DENTRY_PINNED;
	dentry_put_locked(dentry);
}

void d_drop(struct dentry *dentry)
{
	assert_mutex_held(&vfs_lock);
	if ((dentry->d_flags & DENTRY_DEAD) || dentry->d_parent == dentry)
		return;
	list_del_init(&dentry->d_child);
	hlist_del_init(&dentry->d_hash);
	dentry->d_flags |= DENTRY_DEAD;
}

/* Give dentry target's name: copied if short, else target's buffer taken over. */
static void d_take_name(struct dentry *dentry, struct dentry *target)
{
	dentry_free_name(dentry);
	if (target->d_name == target->d_iname) {
		memcpy(dentry->d_iname, target->d_iname, target->d_name_len + 1);
		dentry->d_name = dentry->d_iname;
	} else {
		dentry->d_name = target->d_name;
		target->d_name = target->d_iname;
		target->d_iname[0] = '\0';
	}
	dentry->d_name_len = target->d_name_len;
}

void d_move(struct dentry *dentry, struct dentry *target)
{
	struct dentry *old_parent = dentry->d_parent;
	struct dentry *new_parent = target->d_parent;

	assert_mutex_held(&vfs_lock);
	hlist_del_init(&dentry->d_hash);
	d_take_name(dentry, target);
	d_drop(target);
	list_del(&dentry->d_child);
	dentry_get(new_parent);
	dentry->d_parent = new_parent;
	dentry->d_dir_pos = new_parent->d_next_pos++;
	list_add_tail(&dentry->d_child, &new_parent->d_subdirs);
	d_hash_add(dentry);
	dentry_put_locked(old_parent);
}

bool dcache_dir_empty(struct dentry *dir)
{
	struct dentry *child;

	assert_mutex_held(&vfs_lock);
	list_for_each_entry(child, &dir->d_subdirs, d_child)
		if (child->d_inode)
			return false;
	return true;
}

loff_t d_reserve_dir_pos(struct dentry *dir, unsigned int n)
{
	loff_t first = dir->d_next_pos;

	assert_mutex_held(&vfs_lock);
	dir->d_next_pos += n;
	return first;
}

static struct dentry *first_pinned_child(struct dentry *dir)
{
	struct dentry *child;

	list_for_each_entry(child, &dir->d_subdirs, d_child)
		if (child->d_flags & DENTRY_PINNED)
			return child;
	return NULL;
}

/*
 * Depth first without recursion: go down to a dentry with no pinned child, unpin it (which
 * frees it and takes it off its parent's list, unless someone else holds it), go back up.
 */
void dcache_unpin_tree(struct dentry *root)
{
	struct dentry *dentry = root;

	assert_mutex_held(&vfs_lock);
	for (;;) {
		struct dentry *child = first_pinned_child(dentry);
		struct dentry *parent;

		if (child) {
			dentry = child;
			continue;
		}
		if (dentry == root)
			return;
		parent = dentry->d_parent;
		d_unpin(dentry);
		dentry = parent;
	}
}
