/*
 * Character devices: a driver registers the file operations of a range of device numbers,
 * and a device node (an inode of type S_IFCHR) with such a number opens to them
 * (fs/chrdev.c).  Majors and minors are Linux's, so a node made by a Linux tool means the same
 * device here.
 *
 *   major 1 (MEM_MAJOR):    3 /dev/null, 5 /dev/zero                     (fs/memdev.c)
 *   major 5 (TTYAUX_MAJOR): 0 /dev/tty, the controlling terminal: the console
 *                           1 /dev/console, the serial console            (fs/console.c)
 *   major 10 (misc):        240 /dev/trace, the kernel event trace         (fs/tracedev.c)
 *
 * The registry also names the nodes devfs shows in /dev (fs/devfs.c): a device of one minor
 * is called by its name ("null"), one of several minors by its name and the minor's offset
 * in its range ("ttyS0", "ttyS1").
 */
#ifndef KERNEL_CHRDEV_H
#define KERNEL_CHRDEV_H

#include <stddef.h>
#include <kernel/types.h>
#include <lib/list.h>

struct file_operations;

#define MEM_MAJOR     1
#define NULL_MINOR    3
#define ZERO_MINOR    5
#define TTYAUX_MAJOR  5
#define TTY_MINOR     0
#define CONSOLE_MINOR 1

#define CHRDEV_NAME_MAX 32 /* bytes in a node's name, NUL included */

struct chrdev {
	/* Set by the driver before chrdev_register(), then constant: */
	const char *name;
	unsigned int major;
	unsigned int first_minor, minor_count; /* minors first_minor .. first_minor+count-1 */
	const struct file_operations *fops;
	mode_t mode; /* permission bits of its nodes in devfs; 0 means 0600 */

	struct list_head link; /* on the registry; its spinlock guards it */
};

/* Register dev, which must stay in memory; -EBUSY if its numbers overlap a registered one. */
int chrdev_register(struct chrdev *dev);

/* One device node as devfs shows it: a name, a device number, a mode. */
struct chrdev_node {
	char name[CHRDEV_NAME_MAX];
	dev_t dev;
	mode_t mode; /* S_IFCHR and the permission bits */
};

/*
 * The index-th node of the registry, counting every minor of every device in the order they
 * were registered (which never changes: devices are never removed): 0, or -ENOENT past the
 * last one.
 */
int chrdev_node_at(size_t index, struct chrdev_node *node);

/* The node called name (len bytes): 0, with its index in *index, or -ENOENT. */
int chrdev_node_find(const char *name, size_t len, struct chrdev_node *node, size_t *index);

/* Open of a device node: replaces file->f_op by the device's, then calls its open. */
extern const struct file_operations chrdev_open_fops;

#endif
