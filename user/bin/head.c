/*
 * head: print the first lines of files.
 *
 *   head [-n N | -N] [FILE]...
 *
 * Prints the first N lines (10 by default) of each FILE, or of standard input when there is
 * none (or for "-").  With several files, each starts with a "==> FILE <==" line, and a
 * blank line separates them.
 */
#include <cmd.h>
#include <limits.h>
#include <stdio.h>

static long lines = 10; /* how many to print */
static int several_files, files_shown;

/* Copy the first lines of in to standard output. */
static void head_stream(FILE *in)
{
	long left = lines;
	int c;

	while (left > 0 && (c = getc(in)) != EOF) {
		putchar(c);
		if (c == '\n')
			left--;
	}
}

static int head_file(const char *path)
{
	FILE *in = cmd_fopen(path);

	if (!in)
		return cmd_error(path);
	if (several_files)
		printf("%s==> %s <==\n", files_shown++ ? "\n" : "", path);
	head_stream(in);
	cmd_fclose(in);
	return 0;
}

int main(int argc, char **argv)
{
	int c;

	cmd_init("head", "head [-n N | -N] [FILE]...");
	cmd_digit_option(argc, argv);
	while ((c = cmd_getopt(argc, argv, "n:")) != -1)
		if (cmd_number(optarg, 0, LONG_MAX, &lines) < 0)
			cmd_usage();
	if (optind == argc)
		return head_file("-");
	several_files = argc - optind > 1;
	return cmd_each_operand(argc, argv, head_file);
}
