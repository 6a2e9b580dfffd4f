/*
 * The memory devices of major 1: /dev/null (minor 3) reads as empty and swallows writes;
 * /dev/zero (minor 5) reads as zeros and swallows writes.
 */
#include <kernel/chrdev.h>
#include <kernel/fs.h>
#include <kernel/panic.h>
#include <lib/string.h>

#include "internal.h"

static ssize_t null_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	return 0;
}

static ssize_t swallow_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	return (ssize_t)len;
}

static ssize_t zero_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	memset(buf, 0, len);
	return (ssize_t)len;
}

static const struct file_operations null_fops = {
	.read = null_read,
	.write = swallow_write,
};

static const struct file_operations zero_fops = {
	.read = zero_read,
	.write = swallow_write,
};

static struct chrdev null_dev = {
	.name = "null",
	.major = MEM_MAJOR,
	.first_minor = NULL_MINOR,
	.minor_count = 1,
	.fops = &null_fops,
	.mode = 0666,
};

static struct chrdev zero_dev = {
	.name = "zero",
	.major = MEM_MAJOR,
	.first_minor = ZERO_MINOR,
	.minor_count = 1,
	.fops = &zero_fops,
	.mode = 0666,
};

void memdev_init(void)
{
	if (chrdev_register(&null_dev) < 0 || chrdev_register(&zero_dev) < 0)
		panic("memdev: cannot register /dev/null and /dev/zero");
}
