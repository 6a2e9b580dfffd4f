/*
 * Tests of device files (fs/chrdev.c, fs/memdev.c, fs/console.c): /dev/null, /dev/zero, a
 * node without a driver, /dev/console's output, and the console's line discipline (fs/ldisc.c),
 * typed at without a keyboard.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/signal.h>
#include <kernel/vfs.h>
#include <lib/string.h>

#include "internal.h"
#include "testlib.h"

KTEST(dev_null_and_zero, "/dev/null reads nothing and takes all writes; /dev/zero reads zeros")
{
	struct file *file;
	char buf[8];

	KTEST_ASSERT(vfs_open(NULL, "/dev/null", O_RDWR, 0, &file) == 0);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == 0);
	KTEST_EXPECT(vfs_write(file, "abc", 3) == 3);
	KTEST_EXPECT(vfs_lseek(file, 0, SEEK_SET) == -ESPIPE);
	file_put(file);
	memset(buf, 'x', sizeof(buf));
	KTEST_ASSERT(vfs_open(NULL, "/dev/zero", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_read(file, buf, sizeof(buf)) == 8);
	KTEST_EXPECT(memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0);
	KTEST_EXPECT(vfs_pread(file, buf, sizeof(buf), 0) == -ESPIPE);
	file_put(file);
}

KTEST(dev_without_driver, "a device node whose number has no driver fails to open with ENXIO")
{
	struct vfs_scratch s;
	struct file *file;

	KTEST_ASSERT(scratch_mount(&s));
	KTEST_ASSERT(vfs_mknod(&s.root, "nodev", S_IFCHR | 0600, MKDEV(250, 9)) == 0);
	KTEST_ASSERT(vfs_mknod(&s.root, "blk", S_IFBLK | 0600, MKDEV(8, 0)) == 0);
	KTEST_EXPECT(vfs_open(&s.root, "nodev", O_RDWR, 0, &file) == -ENXIO);
	KTEST_EXPECT(vfs_open(&s.root, "blk", O_RDWR, 0, &file) == -ENXIO);
	KTEST_EXPECT(vfs_mknod(&s.root, "nodev", S_IFCHR | 0600, 0) == -EEXIST);
	KTEST_EXPECT(vfs_mknod(&s.root, "dir", S_IFDIR | 0600, 0) == -EPERM);
	scratch_unmount(&s);
}

KTEST(dev_console_write, "/dev/console: writes reach the serial port; TCGETS takes user memory")
{
	static const char line[] = "# written through /dev/console\n";
	struct file *file;
	char termios[36];

	KTEST_ASSERT(vfs_open(NULL, "/dev/console", O_WRONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_write(file, line, sizeof(line) - 1) == sizeof(line) - 1);
	KTEST_EXPECT(vfs_ioctl(file, 0x5401, (unsigned long)termios) == -EFAULT);
	KTEST_EXPECT(vfs_ioctl(file, 0x5402, 0) == -EFAULT);
	KTEST_EXPECT(vfs_ioctl(file, 0x5499, 0) == -ENOTTY);
	file_put(file);
	KTEST_ASSERT(vfs_open(NULL, "/dev/null", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_ioctl(file, 0x5401, 0) == -ENOTTY);
	file_put(file);
}

/* What the line discipline under test echoed (its put function). */
static char echoed[1024];
static size_t echoed_len;

static void record_echo(const char *s, size_t len)
{
	len = MIN(len, sizeof(echoed) - 1 - echoed_len);
	memcpy(echoed + echoed_len, s, len);
	echoed_len += len;
	echoed[echoed_len] = '\0';
}

/* A fresh discipline in the default mode, nothing echoed so far. */
static void ldisc_start(struct ldisc *ld)
{
	ldisc_init(ld, record_echo);
	echoed_len = 0;
	echoed[0] = '\0';
}

/* Type text; returns the last signal a key asked for (0 if none). */
static int type(struct ldisc *ld, const char *text)
{
	int sig = 0;

	for (; *text; text++)
		sig = ldisc_receive(ld, *text) ?: sig;
	return sig;
}

/* Read what a read of len bytes would take now, as a string. */
static size_t take(struct ldisc *ld, char *buf, size_t len)
{
	size_t n = ldisc_read(ld, buf, len);

	buf[n] = '\0';
	return n;
}

KTEST(console_line_editing, "console: typing echoes, backspace erases, return ends the line")
{
	struct ldisc *ld = kzalloc(sizeof(*ld));
	char buf[16];

	KTEST_ASSERT(ld);
	ldisc_start(ld);
	type(ld, "lx\x7fs\b\bls");
	KTEST_EXPECT(!ldisc_readable(ld, sizeof(buf)));
	KTEST_EXPECT(strcmp(echoed, "lx\b \bs\b \b\b \bls") == 0);
	type(ld, "\r");
	KTEST_EXPECT(ldisc_readable(ld, sizeof(buf)) && strcmp(echoed + 14, "\r\n") == 0);
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 3 && strcmp(buf, "ls\n") == 0);
	KTEST_EXPECT(!ldisc_readable(ld, sizeof(buf)));
	kfree(ld);
}

KTEST(console_ctrl_d, "console: ^D on an empty line is end of file; after text it ends the line")
{
	struct ldisc *ld = kzalloc(sizeof(*ld));
	char buf[16];

	KTEST_ASSERT(ld);
	ldisc_start(ld);
	type(ld, "\x04");
	KTEST_EXPECT(ldisc_readable(ld, 1) && take(ld, buf, sizeof(buf) - 1) == 0);
	type(ld, "ab\x04");
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 2 && strcmp(buf, "ab") == 0);
	KTEST_EXPECT(!ldisc_readable(ld, 1) && strcmp(echoed, "ab") == 0);
	type(ld, "cd\x04");
	KTEST_EXPECT(take(ld, buf, 2) == 2 && !ldisc_readable(ld, 1));
	kfree(ld);
}

KTEST(console_kill_and_interrupt, "console: ^U erases the line; ^C drops it and asks for SIGINT")
{
	struct ldisc *ld = kzalloc(sizeof(*ld));
	char buf[16];

	KTEST_ASSERT(ld);
	ldisc_start(ld);
	KTEST_EXPECT(type(ld, "ab\x15x\n") == 0);
	KTEST_EXPECT(strcmp(echoed, "ab\b \b\b \bx\r\n") == 0);
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 2 && strcmp(buf, "x\n") == 0);
	KTEST_EXPECT(type(ld, "one\ntwo\x03") == SIGINT);
	KTEST_EXPECT(!ldisc_readable(ld, 1) && ldisc_room(ld) == LDISC_BUF_SIZE);
	KTEST_EXPECT(strstr(echoed, "two^C") != NULL);
	KTEST_EXPECT(type(ld, "\x1c") == SIGQUIT);
	kfree(ld);
}

KTEST(console_raw_mode, "console: raw mode gives bytes at once, unechoed; VMIN 0 never waits")
{
	struct ldisc *ld = kzalloc(sizeof(*ld));
	struct termios raw;
	char buf[16];

	KTEST_ASSERT(ld);
	ldisc_start(ld);
	type(ld, "ab");
	raw = ld->termios;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG);
	ldisc_set_termios(ld, &raw);
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 2 && strcmp(buf, "ab") == 0);
	KTEST_EXPECT(!ldisc_readable(ld, 1));
	type(ld, "\x03\x7f");
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 2 && strcmp(buf, "\x03\x7f") == 0);
	KTEST_EXPECT(strcmp(echoed, "ab") == 0);
	raw.c_cc[VMIN] = 0;
	ldisc_set_termios(ld, &raw);
	KTEST_EXPECT(ldisc_readable(ld, 1) && take(ld, buf, 1) == 0);
	kfree(ld);
}

KTEST(console_line_full, "console: a line stops taking bytes at 255, and return still ends it")
{
	struct ldisc *ld = kzalloc(sizeof(*ld));
	char *buf = kmalloc(LDISC_LINE_MAX + 1);

	KTEST_ASSERT(ld && buf);
	ldisc_start(ld);
	for (int i = 0; i < 300; i++)
		ldisc_receive(ld, 'x');
	KTEST_EXPECT(ld->edit - ld->commit == LDISC_LINE_MAX - 1);
	ldisc_receive(ld, '\n');
	KTEST_EXPECT(ldisc_read(ld, buf, LDISC_LINE_MAX + 1) == LDISC_LINE_MAX);
	KTEST_EXPECT(buf[LDISC_LINE_MAX - 1] == '\n');
	kfree(buf);
	kfree(ld);
}

KTEST(console_type_ahead, "console: typed-ahead lines read one at a time; the buffer fills up")
{
	struct ldisc *ld = kzalloc(sizeof(*ld));
	char buf[16];
	int lines = 0, typed = 1;

	KTEST_ASSERT(ld);
	ldisc_start(ld);
	type(ld, "one\ntwo\nthr");
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 4 && strcmp(buf, "one\n") == 0);
	KTEST_EXPECT(take(ld, buf, sizeof(buf) - 1) == 4 && strcmp(buf, "two\n") == 0);
	KTEST_EXPECT(!ldisc_readable(ld, sizeof(buf)));
	type(ld, "ee\n");
	while (ldisc_room(ld) > 0) {
		char c = ldisc_room(ld) % 8 == 1 ? '\n' : 'y';

		typed += c == '\n';
		ldisc_receive(ld, c);
	}
	while (ldisc_readable(ld, sizeof(buf)) && take(ld, buf, sizeof(buf) - 1) > 0)
		lines++;
	KTEST_EXPECT(lines == typed && ldisc_room(ld) == LDISC_BUF_SIZE);
	kfree(ld);
}
