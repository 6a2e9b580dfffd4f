/*
 * The character-device registry: which file operations a device number opens to.
 *
 * A device node's inode has i_fop = chrdev_open_fops (init_special_inode); opening it looks
 * its i_rdev up here and puts the driver's operations in the file, so from then on the file
 * reads and writes straight through the driver.  devfs lists the same registry as the names
 * in /dev (chrdev_node_at(), chrdev_node_find()).
 */
#include <kernel/chrdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/spinlock.h>
#include <kernel/stat.h>
#include <lib/format.h>
#include <lib/string.h>

/* Guards chrdevs; a leaf lock.  Entries are never removed, so a found one stays valid. */
static struct spinlock chrdevs_lock = SPINLOCK_INIT("chrdevs");
static LIST_HEAD(chrdevs);

static bool chrdev_covers(const struct chrdev *dev, unsigned int major, unsigned int minor)
{
	return dev->major == major && minor >= dev->first_minor &&
	       minor - dev->first_minor < dev->minor_count;
}

static bool chrdev_overlaps(const struct chrdev *a, const struct chrdev *b)
{
	return a->major == b->major && a->first_minor < b->first_minor + b->minor_count &&
	       b->first_minor < a->first_minor + a->minor_count;
}

int chrdev_register(struct chrdev *dev)
{
	unsigned long flags = spin_lock_irqsave(&chrdevs_lock);
	struct chrdev *other;
	int err = 0;

	list_for_each_entry(other, &chrdevs, link)
		if (chrdev_overlaps(dev, other))
			err = -EBUSY;
	if (!err)
		list_add_tail(&dev->link, &chrdevs);
	spin_unlock_irqrestore(&chrdevs_lock, flags);
	return err;
}

static const struct file_operations *chrdev_find(dev_t rdev)
{
	const struct file_operations *fops = NULL;
	unsigned long flags = spin_lock_irqsave(&chrdevs_lock);
	struct chrdev *dev;

	list_for_each_entry(dev, &chrdevs, link) {
		if (chrdev_covers(dev, MAJOR(rdev), MINOR(rdev))) {
			fops = dev->fops;
			break;
		}
	}
	spin_unlock_irqrestore(&chrdevs_lock, flags);
	return fops;
}

/* Describe the node of minor first_minor + offset of dev. */
static void chrdev_fill_node(const struct chrdev *dev, unsigned int offset,
			     struct chrdev_node *node)
{
	if (dev->minor_count == 1)
		strlcpy(node->name, dev->name, sizeof(node->name));
	else
		snprintf(node->name, sizeof(node->name), "%s%u", dev->name, offset);
	node->dev = MKDEV(dev->major, dev->first_minor + offset);
	node->mode = S_IFCHR | (dev->mode ? dev->mode : 0600);
}

int chrdev_node_at(size_t index, struct chrdev_node *node)
{
	unsigned long flags = spin_lock_irqsave(&chrdevs_lock);
	struct chrdev *dev;
	int err = -ENOENT;

	list_for_each_entry(dev, &chrdevs, link) {
		if (index < dev->minor_count) {
			chrdev_fill_node(dev, (unsigned int)index, node);
			err = 0;
			break;
		}
		index -= dev->minor_count;
	}
	spin_unlock_irqrestore(&chrdevs_lock, flags);
	return err;
}

int chrdev_node_find(const char *name, size_t len, struct chrdev_node *node, size_t *index)
{
	for (size_t i = 0; chrdev_node_at(i, node) == 0; i++) {
		if (strlen(node->name) == len && memcmp(node->name, name, len) == 0) {
			*index = i;
			return 0;
		}
	}
	return -ENOENT;
}

static int chrdev_open(struct inode *inode, struct file *file)
{
	const struct file_operations *fops = chrdev_find(inode->i_rdev);

	if (!fops)
		return -ENXIO;
	file->f_op = fops;
	return fops->open ? fops->open(inode, file) : 0;
}

const struct file_operations chrdev_open_fops = {
	.open = chrdev_open,
};
