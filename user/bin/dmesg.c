/*
 * dmesg: print the kernel's message buffer.
 *
 *   dmesg
 *
 * The kernel keeps its recent messages (what it printed while booting, warnings since) in
 * a ring buffer; syslog(2) (number 103, which Linux's C library calls klogctl()) reads it:
 * SYSLOG_ACTION_SIZE_BUFFER gives its size, SYSLOG_ACTION_READ_ALL copies all of it without
 * clearing it.  A line may start with its level in angle brackets ("<6>"), as on Linux;
 * dmesg leaves that out.
 */
#include <cmd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>

#define SYSLOG_ACTION_READ_ALL	  3
#define SYSLOG_ACTION_SIZE_BUFFER 10

/* Print the text, without the "<level>" at the start of each line. */
static void print_lines(const char *text, long len)
{
	const char *end = text + len, *p;

	while (text < end) {
		p = text;
		if (*p == '<') {
			while (++p < end && isdigit((unsigned char)*p))
				;
			text = p < end && *p == '>' && p > text + 1 ? p + 1 : text;
		}
		for (p = text; p < end && *p != '\n'; p++)
			;
		fwrite(text, 1, p - text, stdout);
		putchar('\n');
		text = p + 1;
	}
}

int main(int argc, char **argv)
{
	long size, len;
	char *buf;

	cmd_init("dmesg", "dmesg");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (optind != argc)
		cmd_usage();
	size = syscall(SYS_syslog, SYSLOG_ACTION_SIZE_BUFFER, 0, 0);
	if (size < 0)
		return cmd_error("syslog");
	buf = malloc(size + 1);
	if (!buf)
		return cmd_error("malloc");
	len = syscall(SYS_syslog, SYSLOG_ACTION_READ_ALL, buf, size);
	if (len < 0)
		return cmd_error("syslog");
	print_lines(buf, len);
	return 0;
}
