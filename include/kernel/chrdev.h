/*
 * Character devices: a driver registers the file operations of a range of device numbers,
 * and a device node (an inode of type S_IFCHR) with such a number opens to them
 * (fs/chrdev.c).  Majors and minors are Linux's, so a node made by a Linux tool means the same
 * device here.
 *
 *   major 1 (MEM_MAJOR):    3 /dev/null, 5 /dev/zero                     (fs/memdev.c)
 *   major 5 (TTYAUX_MAJOR): 1 /dev/console, the serial console            (fs/console.c)
 */
#ifndef KERNEL_CHRDEV_H
#define KERNEL_CHRDEV_H

#include <kernel/types.h>
#include <lib/list.h>

struct file_operations;

#define MEM_MAJOR    1
#define NULL_MINOR   3
#define ZERO_MINOR   5
#define TTYAUX_MAJOR 5
#define CONSOLE_MINOR 1

struct chrdev {
	/* Set by the driver before chrdev_register(), then constant: */
	const char *name;
	unsigned int major;
	unsigned int first_minor, minor_count; /* minors first_minor .. first_minor+count-1 */
	const struct file_operations *fops;

	struct list_head link; /* on the registry; its spinlock guards it */
};

/* Register dev, which must stay in memory; -EBUSY if its numbers overlap a registered one. */
int chrdev_register(struct chrdev *dev);

/* Open of a device node: replaces file->f_op by the device's, then calls its open. */
extern const struct file_operations chrdev_open_fops;

#endif
