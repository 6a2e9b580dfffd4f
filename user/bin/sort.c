/*
 * sort: sort lines.
 *
 *   sort [-nru] [-t C] [-k N[,M]] [FILE]...
 *
 * Reads every line of the FILEs (standard input when there is none, or for "-") into memory
 * and prints them sorted, by their bytes.  -k N sorts on the key from field N to the end of
 * the line, -k N,M on fields N to M; fields are separated by the character C with -t C, and
 * otherwise by blanks, each field but the first starting with the blanks before it.  A key may
 * end in n or r (-k 2n is -n -k 2).  -n compares the keys as numbers (an
 * optional '-', digits and a fraction; anything else counts as 0), -r reverses the order, and
 * -u prints only the first of lines whose keys are equal.  Lines whose keys are equal otherwise
 * go in the order of all their bytes, as POSIX asks, and the sort is a merge sort, so it is
 * stable: of equal lines the first read comes first.  A last line without a newline gets one.
 */
#include <cmd.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CMD_EXIT_TROUBLE 2 /* POSIX: sort's errors are above 1 */

struct lines {
	char **line;
	size_t count, size;
};

static int numeric, reverse, unique;
static char separator;		  /* -t; 0: blanks */
static long key_first, key_last; /* -k N,M; 0: the whole line; key_last 0: to the end */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* Where field n (1 is the first) of s starts: the end of s if it has fewer. */
static const char *field_start(const char *s, long n)
{
	for (; n > 1 && *s; n--) {
		if (separator) {
			const char *next = strchr(s, separator);
			if (next == NULL)
				return s + strlen(s);
			s = next + 1;
		} else {
			while (is_blank(*s))
				s++;
			while (*s && !is_blank(*s))
				s++;
		}
	}
	return s;
}

/* Where field n of s ends. */
static const char *field_end(const char *s, long n)
{
	s = field_start(s, n);
	if (separator) {
		const char *next = strchr(s, separator);
		return next != NULL ? next : s + strlen(s);
	}
	while (is_blank(*s))
		s++;
	while (*s && !is_blank(*s))
		s++;
	return s;
}

/* The key of line s: [*start, *end). */
static void key(const char *s, const char **start, const char **end)
{
	if (key_first == 0) {
		*start = s;
		*end = s + strlen(s);
		return;
	}
	*start = field_start(s, key_first);
	*end = key_last ? field_end(s, key_last) : s + strlen(s);
	if (*end < *start)
		*end = *start;
}

static int compare_bytes(const char *a, size_t alen, const char *b, size_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c != 0)
		return c;
	return alen < blen ? -1 : alen > blen;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* The number at the start of [s, end) (blanks skipped): '-', digits, a fraction; else 0. */
static double number(const char *s, const char *end)
{
	char text[64];
	const char *p;
	size_t len;

	while (s < end && is_blank(*s))
		s++;
	p = s + (s < end && *s == '-');
	while (p < end && is_digit(*p))
		p++;
	if (p < end && *p == '.')
		for (p++; p < end && is_digit(*p); p++)
			;
	len = (size_t)(p - s) < sizeof(text) - 1 ? (size_t)(p - s) : sizeof(text) - 1;
	memcpy(text, s, len);
	text[len] = '\0';
	return strtod(text, NULL);
}

static int compare_keys(const char *a, const char *b)
{
	const char *as, *ae, *bs, *be;

	key(a, &as, &ae);
	key(b, &bs, &be);
	if (numeric) {
		double x = number(as, ae), y = number(bs, be);
		return x < y ? -1 : x > y;
	}
	return compare_bytes(as, ae - as, bs, be - bs);
}

/* The order of two lines: their keys, then (unless -u) all their bytes; -r reverses it. */
static int compare_lines(const char *a, const char *b)
{
	int c = compare_keys(a, b);

	if (c == 0 && !unique)
		c = strcmp(a, b);
	return reverse ? -c : c;
}

/* Merge sort of v[0..n) with tmp as scratch: stable, unlike qsort(). */
static void merge_sort(char **v, char **tmp, size_t n)
{
	size_t half = n / 2, i = 0, j = half, k = 0;

	if (n < 2)
		return;
	merge_sort(v, tmp, half);
	merge_sort(v + half, tmp, n - half);
	while (i < half && j < n)
		tmp[k++] = compare_lines(v[j], v[i]) < 0 ? v[j++] : v[i++];
	while (i < half)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

static struct lines lines;

static int add_line(char *line)
{
	if (lines.count == lines.size) {
		size_t size = lines.size ? lines.size * 2 : 1024;
		char **grown = realloc(lines.line, size * sizeof(*grown));

		if (grown == NULL)
			return -1;
		lines.line = grown;
		lines.size = size;
	}
	lines.line[lines.count++] = line;
	return 0;
}

/* Read every line of path into lines. */
static int read_file(const char *path)
{
	FILE *in = cmd_fopen(path);
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	if (in == NULL) {
		cmd_error(path);
		return CMD_EXIT_TROUBLE;
	}
	while ((len = __getline(&line, &size, in)) > 0) {
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (add_line(line) < 0) {
			cmd_error(path);
			exit(CMD_EXIT_TROUBLE);
		}
		line = NULL;
		size = 0;
	}
	free(line);
	if (ferror(in)) {
		cmd_error(path);
		cmd_fclose(in);
		return CMD_EXIT_TROUBLE;
	}
	cmd_fclose(in);
	return 0;
}

/* The n and r after a key's field number: -n and -r. */
static char *key_modifiers(char *p)
{
	for (; *p == 'n' || *p == 'r'; p++) {
		if (*p == 'n')
			numeric = 1;
		else
			reverse = 1;
	}
	return p;
}

/* -k N[,M], with n or r after either number. */
static void set_key(const char *text)
{
	char *end;

	key_first = strtol(text, &end, 10);
	end = key_modifiers(end);
	if (*end == ',') {
		key_last = strtol(end + 1, &end, 10);
		end = key_modifiers(end);
		if (key_last < key_first)
			cmd_usage();
	}
	if (key_first < 1 || *end != '\0')
		cmd_usage();
}

static void print_sorted(void)
{
	for (size_t i = 0; i < lines.count; i++) {
		if (unique && i > 0 && compare_keys(lines.line[i - 1], lines.line[i]) == 0)
			continue;
		puts(lines.line[i]);
	}
}

int main(int argc, char **argv)
{
	int c, status = 0;
	char **tmp;

	cmd_init("sort", "sort [-nru] [-t C] [-k N[,M]] [FILE]...");
	while ((c = cmd_getopt(argc, argv, "nrut:k:")) != -1) {
		if (c == 'n')
			numeric = 1;
		else if (c == 'r')
			reverse = 1;
		else if (c == 'u')
			unique = 1;
		else if (c == 't' && strlen(optarg) == 1)
			separator = optarg[0];
		else if (c == 'k')
			set_key(optarg);
		else
			cmd_usage();
	}
	if (optind == argc)
		status = read_file("-");
	for (int i = optind; i < argc; i++)
		status |= read_file(argv[i]);
	tmp = malloc((lines.count + 1) * sizeof(*tmp));
	if (tmp == NULL) {
		cmd_error("memory");
		return CMD_EXIT_TROUBLE;
	}
	merge_sort(lines.line, tmp, lines.count);
	print_sorted();
	return status;
}
