/*
 * wc: count lines, words and bytes.
 *
 *   wc [-lwc] [FILE]...
 *
 * For each FILE (standard input when there is none, or for "-") wc prints the counts asked
 * for, in the order lines, words, bytes, separated by one space, then the file's name; with
 * no option it prints all three.  Several files end with a "total" line.  A word is a run of
 * characters that are not white space.
 */
#include <cmd.h>
#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

struct counts {
	long lines, words, bytes;
};

static int want_lines, want_words, want_bytes;
static struct counts total;

/* Count what descriptor fd holds, adding to *c; -1 on a read error. */
static int count_fd(int fd, struct counts *c)
{
	char buf[4096];
	int in_word = 0;
	ssize_t n, i;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		c->bytes += n;
		for (i = 0; i < n; i++) {
			if (buf[i] == '\n')
				c->lines++;
			if (isspace((unsigned char)buf[i])) {
				in_word = 0;
			} else if (!in_word) {
				in_word = 1;
				c->words++;
			}
		}
	}
	return n < 0 ? -1 : 0;
}

static void print_counts(const struct counts *c, const char *name)
{
	const char *sep = "";

	if (want_lines) {
		printf("%ld", c->lines);
		sep = " ";
	}
	if (want_words) {
		printf("%s%ld", sep, c->words);
		sep = " ";
	}
	if (want_bytes)
		printf("%s%ld", sep, c->bytes);
	printf("%s%s\n", name ? " " : "", name ? name : "");
}

/* Count one operand (NULL: standard input, unnamed), print, and add to the total. */
static int wc_file(const char *path)
{
	struct counts c = {0, 0, 0};
	int fd = 0, status = 0;

	if (path && strcmp(path, "-") != 0 && (fd = open(path, O_RDONLY)) < 0)
		return cmd_error(path);
	if (count_fd(fd, &c) < 0)
		status = cmd_error(path ? path : "-");
	else
		print_counts(&c, path);
	if (fd != 0)
		close(fd);
	total.lines += c.lines;
	total.words += c.words;
	total.bytes += c.bytes;
	return status;
}

int main(int argc, char **argv)
{
	int c, status;

	cmd_init("wc", "wc [-lwc] [FILE]...");
	while ((c = cmd_getopt(argc, argv, "lwc")) != -1) {
		want_lines |= c == 'l';
		want_words |= c == 'w';
		want_bytes |= c == 'c';
	}
	if (!want_lines && !want_words && !want_bytes)
		want_lines = want_words = want_bytes = 1;
	if (optind == argc)
		return wc_file(NULL);
	status = cmd_each_operand(argc, argv, wc_file);
	if (argc - optind > 1)
		print_counts(&total, "total");
	return status;
}
