/*
 * tail: print the last lines of a file.
 *
 *   tail [-n N] [FILE]
 *
 * Prints the last N lines (10 by default) of FILE, or of standard input when there is none
 * (or for "-").  The whole input is read into memory first, since a pipe cannot be read
 * backwards; a last line without a newline counts as a line.
 */
#include <cmd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

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

	if (i > 0 && buf[i - 1] == '\n')
		i--; /* the final newline ends the last line; it does not start one */
	for (; i > 0; i--)
		if (buf[i - 1] == '\n' && --lines == 0)
			return i;
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = "-";
	long lines = 10;
	size_t len, start;
	char *buf;
	FILE *in;
	int c;

	cmd_init("tail", "tail [-n N] [FILE]");
	while ((c = cmd_getopt(argc, argv, "n:")) != -1)
		if (cmd_number(optarg, 0, LONG_MAX, &lines) < 0)
			cmd_usage();
	if (argc - optind > 1)
		cmd_usage();
	if (optind < argc)
		path = argv[optind];
	if (!(in = cmd_fopen(path)))
		return cmd_error(path);
	buf = read_all(in, &len);
	if (!buf || ferror(in))
		return cmd_error(path);
	start = lines == 0 ? len : last_lines_start(buf, len, lines);
	fwrite(buf + start, 1, len - start, stdout);
	return 0;
}
