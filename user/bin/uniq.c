/*
 * uniq: print a run of equal lines once.
 *
 *   uniq [-c] [-d | -u] [INPUT [OUTPUT]]
 *
 * Reads INPUT (standard input when there is none, or for "-") and prints each line once for
 * every run of equal lines next to each other, into OUTPUT (standard output when there is
 * none).  Equal lines that are not neighbours stay apart: "sort | uniq" is the usual pair.
 * -c puts the run's length first (as Linux's uniq does, in 7 columns), -d prints only the
 * lines that were repeated, -u only those that were not.
 */
#include <cmd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int show_count, only_repeated, only_single;

/* The end of a run of count equal lines: print it, if asked for. */
static void end_run(FILE *out, const char *line, long count)
{
	if ((only_repeated && count < 2) || (only_single && count > 1))
		return;
	if (show_count)
		fprintf(out, "%7ld ", count);
	fputs(line, out);
}

static int uniq(FILE *in, FILE *out)
{
	char *line = NULL, *last = NULL;
	size_t size = 0;
	long count = 0;
	ssize_t len;

	while ((len = __getline(&line, &size, in)) > 0) {
		if (line[len - 1] != '\n') {
			line = realloc(line, len + 2);
			strcpy(line + len, "\n");
			size = len + 2;
		}
		if (count > 0 && strcmp(line, last) == 0) {
			count++;
			continue;
		}
		if (count > 0)
			end_run(out, last, count);
		free(last);
		last = line;
		line = NULL;
		size = 0;
		count = 1;
	}
	if (count > 0)
		end_run(out, last, count);
	free(line);
	free(last);
	return ferror(in) ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *input = "-";
	FILE *in, *out = stdout;
	int c;

	cmd_init("uniq", "uniq [-c] [-d | -u] [INPUT [OUTPUT]]");
	while ((c = cmd_getopt(argc, argv, "cdu")) != -1) {
		if (c == 'c')
			show_count = 1;
		else if (c == 'd')
			only_repeated = 1;
		else
			only_single = 1;
	}
	if (argc - optind > 2)
		cmd_usage();
	if (optind < argc)
		input = argv[optind];
	if (!(in = cmd_fopen(input)))
		return cmd_error(input);
	if (argc - optind == 2 && !(out = fopen(argv[optind + 1], "w")))
		return cmd_error(argv[optind + 1]);
	if (uniq(in, out) < 0)
		return cmd_error(input);
	if (out != stdout && fclose(out) != 0)
		return cmd_error(argv[optind + 1]);
	return 0;
}
