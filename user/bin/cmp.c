/*
 * cmp: compare two files byte by byte.
 *
 *   cmp [-s] FILE1 FILE2
 *
 * Exit status 0 when they are the same, 1 when they differ (saying where: "cmp: a b differ:
 * byte 3, line 1", or "cmp: EOF on a" when one is a prefix of the other), 2 on trouble.
 * -s says nothing, and only sets the status.  "-" is standard input.  Scripts compare a
 * command's output with what they expect with it (see rootfs/test/commands.sh).
 */
#include <cmd.h>
#include <stdio.h>

#define CMP_EXIT_DIFFER 1
#define CMP_EXIT_ERROR	2

int main(int argc, char **argv)
{
	long byte = 1, line = 1;
	int silent = 0, a, b;
	FILE *f1, *f2;

	cmd_init("cmp", "cmp [-s] FILE1 FILE2");
	while (cmd_getopt(argc, argv, "s") != -1)
		silent = 1;
	if (argc - optind != 2)
		cmd_usage();
	f1 = cmd_fopen(argv[optind]);
	f2 = cmd_fopen(argv[optind + 1]);
	if (!f1 || !f2) {
		cmd_error(argv[f1 ? optind + 1 : optind]);
		return CMP_EXIT_ERROR;
	}
	do {
		a = getc(f1);
		b = getc(f2);
		if (a != b)
			break;
		byte++;
		line += a == '\n';
	} while (a != EOF);
	if (a == b)
		return 0;
	if (!silent && (a == EOF || b == EOF))
		cmd_message("EOF on %s", argv[optind + (a == EOF ? 0 : 1)]);
	else if (!silent)
		printf("%s %s differ: byte %ld, line %ld\n", argv[optind], argv[optind + 1], byte,
		       line);
	return CMP_EXIT_DIFFER;
}
