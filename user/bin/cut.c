/*
 * cut: print chosen characters or fields of each line.
 *
 *   cut -c LIST [FILE]...
 *   cut -b LIST [FILE]...
 *   cut -f LIST [-d C] [-s] [FILE]...
 *
 * LIST names positions, 1 being the first: "N", "N-M", "N-" (to the end), "-M" (from the
 * start), several of them separated by commas ("1,3-4,7-").  -c and -b choose characters
 * (bytes: Corral knows no multibyte characters); -f chooses fields, separated by the
 * character C (-d C, a tab by default), and prints them joined by C.  A line without C is
 * printed whole with -f, or left out with -s.  The positions come out in the order of the
 * line, each once, whatever their order in LIST.
 */
#include <cmd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_RANGES 64

static struct range {
	long first, last; /* last LONG_MAX: to the end */
} ranges[MAX_RANGES];
static int nranges;
static char mode;	/* 'c', 'b' or 'f' */
static char delimiter = '\t';
static int only_delimited; /* -s */

static int selected(long position)
{
	for (int i = 0; i < nranges; i++)
		if (position >= ranges[i].first && position <= ranges[i].last)
			return 1;
	return 0;
}

/* One number of a LIST at *p (advanced past it), or 0 if there is none there. */
static long list_number(const char **p)
{
	char *end;
	long n = strtol(*p, &end, 10);

	if (end == *p || **p == '-' || **p == '+')
		return 0;
	*p = end;
	return n;
}

/* Parse LIST into ranges; a bad one is a usage error. */
static void parse_list(const char *p)
{
	do {
		struct range r = {1, 0};

		if (nranges == MAX_RANGES)
			cmd_usage();
		if (*p != '-' && (r.first = list_number(&p)) < 1)
			cmd_usage();
		r.last = r.first;
		if (*p == '-') {
			p++;
			r.last = (*p == ',' || *p == '\0') ? LONG_MAX : list_number(&p);
			if (r.last < r.first)
				cmd_usage();
		}
		ranges[nranges++] = r;
	} while (*p++ == ',');
	if (p[-1] != '\0')
		cmd_usage();
}

static void cut_characters(const char *line, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (selected((long)i + 1))
			putchar(line[i]);
	putchar('\n');
}

static void cut_fields(const char *line, size_t len)
{
	const char *field = line, *end = line + len;
	int printed = 0;

	if (memchr(line, delimiter, len) == NULL) {
		if (!only_delimited)
			printf("%.*s\n", (int)len, line);
		return;
	}
	for (long n = 1; field <= end; n++) {
		const char *stop = memchr(field, delimiter, end - field);

		if (stop == NULL)
			stop = end;
		if (selected(n)) {
			if (printed++)
				putchar(delimiter);
			fwrite(field, 1, stop - field, stdout);
		}
		field = stop + 1;
	}
	putchar('\n');
}

static int cut_file(const char *path)
{
	FILE *in = cmd_fopen(path);
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	if (in == NULL)
		return cmd_error(path);
	while ((len = __getline(&line, &size, in)) > 0) {
		if (line[len - 1] == '\n')
			len--;
		if (mode == 'f')
			cut_fields(line, len);
		else
			cut_characters(line, len);
	}
	free(line);
	if (ferror(in)) {
		cmd_fclose(in);
		return cmd_error(path);
	}
	cmd_fclose(in);
	return 0;
}

int main(int argc, char **argv)
{
	int c, status = 0;

	cmd_init("cut", "cut -c LIST | -b LIST | -f LIST [-d C] [-s] [FILE]...");
	while ((c = cmd_getopt(argc, argv, "b:c:f:d:s")) != -1) {
		if (c == 'd') {
			if (strlen(optarg) != 1)
				cmd_usage();
			delimiter = optarg[0];
		} else if (c == 's') {
			only_delimited = 1;
		} else {
			if (mode)
				cmd_usage();
			mode = (char)c;
			parse_list(optarg);
		}
	}
	if (!mode)
		cmd_usage();
	if (optind == argc)
		return cut_file("-");
	for (int i = optind; i < argc; i++)
		status |= cut_file(argv[i]);
	return status;
}
