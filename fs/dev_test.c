/*
 * Tests of device files (fs/chrdev.c, fs/memdev.c, fs/console.c): /dev/null, /dev/zero, a
 * node without a driver, /dev/console's output, and the console's line editing.
 */
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/ktest.h>
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
	KTEST_EXPECT(vfs_ioctl(file, 0x5402, 0) == -ENOTTY);
	file_put(file);
	KTEST_ASSERT(vfs_open(NULL, "/dev/null", O_RDONLY, 0, &file) == 0);
	KTEST_EXPECT(vfs_ioctl(file, 0x5401, 0) == -ENOTTY);
	file_put(file);
}

/* Type text into ed; returns everything echoed. */
static void type(struct line_editor *ed, const char *text, char *echoed)
{
	char echo[LINE_ECHO_MAX];
	size_t used = strlen(echoed);

	for (; *text; text++) {
		size_t n = line_editor_input(ed, *text, echo);

		memcpy(echoed + used, echo, n);
		used += n;
	}
	echoed[used] = '\0';
}

KTEST(console_line_editing, "console: typing echoes, backspace erases, return ends the line")
{
	struct line_editor ed;
	char echoed[64] = "";

	line_editor_reset(&ed);
	type(&ed, "lx\x7fs\b\bls", echoed);
	KTEST_EXPECT(!ed.done && ed.len == 2 && memcmp(ed.buf, "ls", 2) == 0);
	KTEST_EXPECT(strcmp(echoed, "lx\b \bs\b \b\b \bls") == 0);
	type(&ed, "\r", echoed);
	KTEST_EXPECT(ed.done && ed.len == 3 && memcmp(ed.buf, "ls\n", 3) == 0);
}

KTEST(console_ctrl_d, "console: ^D on an empty line is end of file; after text it ends the line")
{
	struct line_editor ed;
	char echoed[64] = "";

	line_editor_reset(&ed);
	type(&ed, "\x04", echoed);
	KTEST_EXPECT(ed.done && ed.len == 0);
	line_editor_reset(&ed);
	type(&ed, "ab\x04", echoed);
	KTEST_EXPECT(ed.done && ed.len == 2 && strcmp(echoed, "ab") == 0);
	line_editor_reset(&ed);
	type(&ed, "\b\x01\x1b", echoed);
	KTEST_EXPECT(!ed.done && ed.len == 0 && strcmp(echoed, "ab") == 0);
}

KTEST(console_line_full, "console: a line stops taking bytes at 255, and return still ends it")
{
	struct line_editor ed;
	char echo[LINE_ECHO_MAX];

	line_editor_reset(&ed);
	for (int i = 0; i < 300; i++)
		line_editor_input(&ed, 'x', echo);
	KTEST_EXPECT(ed.len == CONSOLE_LINE_MAX - 1);
	KTEST_EXPECT(line_editor_input(&ed, 'x', echo) == 0);
	line_editor_input(&ed, '\n', echo);
	KTEST_EXPECT(ed.done && ed.len == CONSOLE_LINE_MAX && ed.buf[CONSOLE_LINE_MAX - 1] == '\n');
}
