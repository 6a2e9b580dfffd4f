/*
 * File system types and super blocks.
 *
 * The registry is a list of struct file_system_type, found by name when something is
 * mounted.  A super block is one instance of a type; its file system's mount makes it with
 * sb_alloc() and fills in the root.  Each gets an anonymous device number (major 0, as in
 * Linux), which stat() reports as st_dev of every file in it.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/spinlock.h>
#include <lib/string.h>

/* Guards fs_types; a leaf lock.  Types are never unregistered, so a found one stays valid. */
static struct spinlock fs_types_lock = SPINLOCK_INIT("fs_types");
static LIST_HEAD(fs_types);

static unsigned int last_anon_minor; /* atomic: the last anonymous device minor given out */

static struct file_system_type *find_filesystem(const char *name)
{
	struct file_system_type *type;

	assert_spin_locked(&fs_types_lock);
	list_for_each_entry(type, &fs_types, link)
		if (strcmp(type->name, name) == 0)
			return type;
	return NULL;
}

int register_filesystem(struct file_system_type *type)
{
	unsigned long flags = spin_lock_irqsave(&fs_types_lock);
	int err = 0;

	if (find_filesystem(type->name))
		err = -EBUSY;
	else
		list_add_tail(&type->link, &fs_types);
	spin_unlock_irqrestore(&fs_types_lock, flags);
	return err;
}

struct file_system_type *get_filesystem(const char *name)
{
	unsigned long flags = spin_lock_irqsave(&fs_types_lock);
	struct file_system_type *type = find_filesystem(name);

	spin_unlock_irqrestore(&fs_types_lock, flags);
	return type;
}

struct super_block *sb_alloc(struct file_system_type *type, const struct super_operations *ops)
{
	struct super_block *sb = kzalloc(sizeof(*sb));

	if (!sb)
		return NULL;
	sb->s_type = type;
	sb->s_op = ops;
	sb->s_dev = MKDEV(0, __atomic_add_fetch(&last_anon_minor, 1, __ATOMIC_RELAXED));
	sb->s_active = 1;
	return sb;
}

void sb_free(struct super_block *sb)
{
	kfree(sb);
}
