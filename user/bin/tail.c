/*
 * tail: print the end of a file, and follow it as it grows.
 *
 *   tail [-f] [-n [+]N | -N | -c [+]N] [FILE]
 *
 * Prints the last N lines (10 by default) of FILE, or of standard input when there is none
 * (or for "-"); "-n +N" prints from line N on instead, "-c N" the last N bytes and "-c +N"
 * from byte N on.  The whole input is read into memory first, since a pipe cannot be read
 * backwards; a last line without a newline counts as a line.
 *
 * -f then follows the file: four times a second it looks for what has been written since
 * and prints it, until it is interrupted (^C).  If the file shrinks (it was truncated), tail
 * says so and starts again from its beginning.  For a pipe -f changes nothing, as POSIX says:
 * a pipe's end is the end.
 */
#include <cmd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define FOLLOW_NS 250000000L /* between two looks at a followed file */

static long count = 10;	   /* lines or bytes */
static int from_start;	   /* +N: count from the start */
static int bytes;	   /* -c: count bytes, not lines */

/* Everything in in, in one malloc()ed buffer; NULL if out of memory. */
static char *read_all(FILE *in, size_t *length)
{
	size_t len = 0, size = 4096, n;
	char *buf = malloc(size);

	while (buf && (n = fread(buf + len, 1, size - len, in)) > 0) {
		len += n;
		if (len == size)
			buf = realloc(buf, size *= 2);
	}
	*length = len;
	return buf;
}

/* Where the last lines lines of buf[0..len) start. */
static size_t last_lines_start(const char *buf, size_t len, long lines)
{
	size_t i = len;

	if (lines == 0)
		return len;
	if (i > 0 && buf[i - 1] == '\n')
		i--; /* the final newline ends the last line; it does not start one */
	for (; i > 0; i--)
		if (buf[i - 1] == '\n' && --lines == 0)
			return i;
	return 0;
}

/* Where line number line (1 is the first) of buf[0..len) starts. */
static size_t line_start(const char *buf, size_t len, long line)
{
	size_t i = 0;

	for (; i < len && line > 1; i++)
		if (buf[i] == '\n')
			line--;
	return i;
}

/* Where the output starts in buf[0..len). */
static size_t output_start(const char *buf, size_t len)
{
	size_t n = (size_t)count;

	if (bytes && from_start)
		return n > 1 ? (n - 1 < len ? n - 1 : len) : 0;
	if (bytes)
		return n < len ? len - n : 0;
	if (from_start)
		return line_start(buf, len, count);
	return last_lines_start(buf, len, count);
}

/* -n or -c's value: N, or +N to count from the start. */
static void set_count(const char *text, int in_bytes)
{
	bytes = in_bytes;
	from_start = text[0] == '+';
	if (cmd_number(text + from_start, 0, LONG_MAX, &count) < 0)
		cmd_usage();
}

/* Print what is written to the regular file behind fd from now on, forever. */
static int follow(int fd, const char *path)
{
	static char buf[8192];
	struct timespec pause = {0, FOLLOW_NS};
	off_t pos = lseek(fd, 0, SEEK_CUR);
	struct stat st;
	ssize_t n;

	for (;;) {
		fflush(stdout);
		while ((n = read(fd, buf, sizeof(buf))) > 0) {
			fwrite(buf, 1, n, stdout);
			pos += n;
		}
		if (n < 0)
			return cmd_error(path);
		if (fstat(fd, &st) == 0 && st.st_size < pos) {
			cmd_message("%s: file truncated", path);
			pos = lseek(fd, 0, SEEK_SET);
			continue;
		}
		nanosleep(&pause, NULL);
	}
}

int main(int argc, char **argv)
{
	const char *path = "-";
	int c, follows = 0;
	size_t len, start;
	struct stat st;
	char *buf;
	FILE *in;

	cmd_init("tail", "tail [-f] [-n [+]N | -N | -c [+]N] [FILE]");
	cmd_digit_option(argc, argv);
	while ((c = cmd_getopt(argc, argv, "fn:c:")) != -1) {
		if (c == 'f')
			follows = 1;
		else
			set_count(optarg, c == 'c');
	}
	if (argc - optind > 1)
		cmd_usage();
	if (optind < argc)
		path = argv[optind];
	if (!(in = cmd_fopen(path)))
		return cmd_error(path);
	buf = read_all(in, &len);
	if (!buf || ferror(in))
		return cmd_error(path);
	start = output_start(buf, len);
	fwrite(buf + start, 1, len - start, stdout);
	if (follows && fstat(fileno(in), &st) == 0 && S_ISREG(st.st_mode))
		return follow(fileno(in), path);
	return 0;
}
