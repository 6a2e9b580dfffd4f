/*
 * /dev/trace, the kernel event trace's control and dump (the trace is kernel/trace.c).
 *
 *   echo on > /dev/trace      start recording (root only: EPERM for others)
 *   echo off > /dev/trace     stop; what was recorded stays
 *   echo clear > /dev/trace   forget what was recorded
 *   cat /dev/trace            the dump, one "trace: ..." line per event, anyone may read it
 *
 * A write is one word, a newline after it allowed; any other word is EINVAL.  Each open file
 * reads the dump once, from where each CPU's ring stood at its first read, a line at a time;
 * the trace(1) command does both.  The device is misc major 10, minor 240, in the range
 * Linux keeps for local use.
 */
#include <kernel/chrdev.h>
#include <kernel/cred.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mm.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/trace.h>
#include <lib/string.h>

#include "internal.h"

#define MISC_MAJOR     10
#define TRACE_MINOR    240
#define TRACE_WORD_MAX 8

/* One open file's place in the dump. */
struct trace_dump {
	struct mutex lock; /* guards the rest: reads of one file go one at a time */
	bool started;	   /* the reader has taken its snapshot */
	struct trace_reader reader;
	char line[TRACE_LINE_MAX + 1]; /* the current line, newline included */
	size_t len, off;	       /* its length, and how much of it was read */
};

static int trace_dev_open(struct inode *inode, struct file *file)
{
	struct trace_dump *dump = kmalloc(sizeof(*dump));

	if (!dump)
		return -ENOMEM;
	memset(dump, 0, sizeof(*dump));
	mutex_init(&dump->lock, "trace_dump");
	file->private_data = dump;
	return 0;
}

static int trace_dev_release(struct inode *inode, struct file *file)
{
	kfree(file->private_data);
	return 0;
}

/* Make the next line of the dump current; false after the last. */
static bool trace_dev_next_line(struct trace_dump *dump)
{
	size_t len = trace_reader_line(&dump->reader, dump->line, sizeof(dump->line) - 1);

	if (len == 0)
		return false;
	dump->line[len++] = '\n';
	dump->len = len;
	dump->off = 0;
	return true;
}

static ssize_t trace_dev_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	struct trace_dump *dump = file->private_data;
	size_t copied = 0;

	mutex_lock(&dump->lock);
	if (!dump->started) {
		trace_reader_start(&dump->reader);
		dump->started = true;
	}
	while (copied < len) {
		size_t n;

		if (dump->off == dump->len && !trace_dev_next_line(dump))
			break;
		n = MIN(len - copied, dump->len - dump->off);
		memcpy((char *)buf + copied, dump->line + dump->off, n);
		dump->off += n;
		copied += n;
	}
	mutex_unlock(&dump->lock);
	*pos += (loff_t)copied;
	return (ssize_t)copied;
}

/* The word written, without the newline after it; -EINVAL if it is too long to be one. */
static int trace_dev_word(const char *buf, size_t len, char *word)
{
	if (len > 0 && buf[len - 1] == '\n')
		len--;
	if (len == 0 || len >= TRACE_WORD_MAX)
		return -EINVAL;
	memcpy(word, buf, len);
	word[len] = '\0';
	return 0;
}

static ssize_t trace_dev_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	char word[TRACE_WORD_MAX];

	if (!cred_privileged(current_cred()))
		return -EPERM;
	if (trace_dev_word(buf, len, word) < 0)
		return -EINVAL;
	if (strcmp(word, "on") == 0)
		trace_set_enabled(true);
	else if (strcmp(word, "off") == 0)
		trace_set_enabled(false);
	else if (strcmp(word, "clear") == 0)
		trace_clear();
	else
		return -EINVAL;
	return (ssize_t)len;
}

static const struct file_operations trace_dev_fops = {
	.open = trace_dev_open,
	.release = trace_dev_release,
	.read = trace_dev_read,
	.write = trace_dev_write,
};

static struct chrdev trace_dev = {
	.name = "trace",
	.major = MISC_MAJOR,
	.first_minor = TRACE_MINOR,
	.minor_count = 1,
	.fops = &trace_dev_fops,
	.mode = 0666,
};

void tracedev_init(void)
{
	if (chrdev_register(&trace_dev) < 0)
		panic("tracedev: cannot register /dev/trace");
}
