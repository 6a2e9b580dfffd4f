/*
 * /dev/console (major 5, minor 1): the serial console as a file.
 *
 * Writing sends the bytes to the UART.  Reading is line by line, in a minimal canonical mode:
 * typed bytes are echoed and collected until return, backspace (DEL or ^H) erases the last
 * one, and ^D ends the line without a newline, or, on an empty line, reads as end of file.
 * A read sleeps until a whole line is there, then returns as much of it as fits; the rest
 * goes to the next reads.  ioctl(TCGETS) describes that mode, which is how the C library's
 * isatty() knows a terminal (and line-buffers its output).  The shell issue replaces this by
 * a full line discipline (^C, ^U, raw mode through TCSETS).
 *
 * Bytes arrive from the serial interrupt (arch/x86_64/serial.c), which wakes
 * serial_input_wait.  console.lock is held by the one reader editing a line, so two readers
 * take whole lines in turn.
 */
#include <kernel/chrdev.h>
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/mutex.h>
#include <kernel/panic.h>
#include <kernel/uaccess.h>
#include <kernel/wait.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/serial.h>

#include "internal.h"

#define CTRL_D	  0x04
#define BACKSPACE 0x08
#define DELETE	  0x7f

#define TCGETS 0x5401

/* Linux's struct termios as the kernel (not the C library) lays it out: 36 bytes. */
struct termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[19];
};

/* The mode this file implements: ICRNL; OPOST ONLCR; B115200 CS8 CREAD; ICANON ECHO ECHOE. */
static const struct termios console_termios = {
	.c_iflag = 0000400,
	.c_oflag = 0000001 | 0000004,
	.c_cflag = 0010002 | 0000060 | 0000200,
	.c_lflag = 0000002 | 0000010 | 0000020,
	.c_cc = {[2] = DELETE, [4] = CTRL_D, [6] = 1}, /* VERASE, VEOF, VMIN */
};

static struct {
	struct mutex lock; /* guards line */
	struct line_editor line;
} console = {.lock = MUTEX_INIT(console.lock, "console")};

void line_editor_reset(struct line_editor *ed)
{
	ed->len = 0;
	ed->read = 0;
	ed->done = false;
}

static size_t line_erase(struct line_editor *ed, char *echo)
{
	if (ed->len == 0)
		return 0;
	ed->len--;
	memcpy(echo, "\b \b", 3);
	return 3;
}

size_t line_editor_input(struct line_editor *ed, char c, char *echo)
{
	switch (c) {
	case '\r':
	case '\n':
		ed->buf[ed->len++] = '\n';
		ed->done = true;
		echo[0] = '\n';
		return 1;
	case CTRL_D:
		ed->done = true;
		return 0;
	case BACKSPACE:
	case DELETE:
		return line_erase(ed, echo);
	}
	if ((c < ' ' && c != '\t') || ed->len == CONSOLE_LINE_MAX - 1)
		return 0; /* other control characters are ignored, and so is typing past the end */
	ed->buf[ed->len++] = c;
	echo[0] = c;
	return 1;
}

static char console_getc(void)
{
	char c;

	wait_event(&serial_input_wait, serial_read_byte(&c));
	return c;
}

static void console_read_line(struct line_editor *ed)
{
	char echo[LINE_ECHO_MAX];

	while (!ed->done) {
		size_t n = line_editor_input(ed, console_getc(), echo);

		serial_write(echo, n);
	}
}

static ssize_t console_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	struct line_editor *ed = &console.line;
	size_t n;

	if (len == 0)
		return 0;
	mutex_lock(&console.lock);
	if (!ed->done)
		console_read_line(ed);
	n = MIN(len, ed->len - ed->read);
	memcpy(buf, ed->buf + ed->read, n);
	ed->read += n;
	if (ed->read == ed->len)
		line_editor_reset(ed);
	mutex_unlock(&console.lock);
	return (ssize_t)n;
}

static ssize_t console_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	serial_write(buf, len);
	return (ssize_t)len;
}

/* TCGETS only, arg a user pointer; other requests are ENOTTY, as Linux says for them. */
static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	if (cmd != TCGETS)
		return -ENOTTY;
	return copy_to_user(arg, &console_termios, sizeof(console_termios));
}

static const struct file_operations console_fops = {
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};

static struct chrdev console_dev = {
	.name = "console", .major = TTYAUX_MAJOR, .first_minor = CONSOLE_MINOR, .minor_count = 1,
	.fops = &console_fops,
};

void console_init(void)
{
	if (chrdev_register(&console_dev) < 0)
		panic("console: cannot register /dev/console");
}
