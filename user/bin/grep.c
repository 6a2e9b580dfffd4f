/*
 * grep: print the lines that match a pattern.
 *
 *   grep [-cinqvF] PATTERN [FILE]...
 *
 * PATTERN is a simple regular expression:
 *   c      any other character matches itself; \c matches c even if it is special
 *   .      any character
 *   [abc]  one of the characters listed; [a-z] a range; [^abc] any character not listed
 *   x*     zero or more of the x just before (a character, '.' or a [...] class)
 *   ^ $    at the start (end) of the pattern: the line's start (end)
 * With -F, PATTERN is a fixed string: every character matches itself.
 *
 *   -v  print the lines that do not match     -c  print only how many lines would be printed
 *   -n  put the line number before each line  -i  ignore the case of letters
 *   -q  print nothing: the exit status says whether a line was selected
 *
 * It reads each FILE, or standard input when there is none (or for "-"); with several
 * files each line starts with "FILE:".  The exit status is 0 if some line was selected, 1 if
 * none was, 2 on bad arguments or an unreadable file (as POSIX says).
 *
 * The matcher is the one Rob Pike wrote for "The Practice of Programming", with classes
 * added: it tries the pattern at each position of the line, and backtracks over a '*'.
 */
#include <cmd.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define GREP_EXIT_NO_MATCH 1
#define GREP_EXIT_ERROR	   2

static int invert, count_only, numbered, ignore_case, fixed, quiet;
static const char *pattern;
static int several_files;
static long files_selecting; /* how many files had a line selected */

static int same_char(char a, char b)
{
	if (ignore_case)
		return tolower((unsigned char)a) == tolower((unsigned char)b);
	return a == b;
}

/* The length of the pattern item at p: a character, "\c", "." or "[...]". */
static size_t item_length(const char *p)
{
	const char *q = p + 1;

	if (*p == '\\' && p[1] != '\0')
		return 2;
	if (*p != '[')
		return 1;
	if (*q == '^')
		q++;
	if (*q == ']')
		q++; /* "[]abc]": a ']' first is one of the characters */
	while (*q != '\0' && *q != ']')
		q++;
	return *q == ']' ? (size_t)(q + 1 - p) : 1; /* an unclosed '[' is itself */
}

/* Is c within lo..hi (in either case, with -i)? */
static int in_range(char c, char lo, char hi)
{
	int lower = tolower((unsigned char)c), upper = toupper((unsigned char)c);

	if (!ignore_case)
		return c >= lo && c <= hi;
	return (lower >= lo && lower <= hi) || (upper >= lo && upper <= hi);
}

/* Does character c belong to the class "[...]" at p (of length len)? */
static int in_class(const char *p, size_t len, char c)
{
	const char *q = p + 1, *end = p + len - 1;
	int negated = *q == '^', found = 0;

	if (negated)
		q++;
	for (; q < end && !found; q++) {
		if (q + 2 < end && q[1] == '-') {
			found = in_range(c, q[0], q[2]);
			q += 2;
		} else {
			found = same_char(c, *q);
		}
	}
	return found != negated;
}

/* Does the item at p (of length len) match the character c? */
static int item_matches(const char *p, size_t len, char c)
{
	if (c == '\0')
		return 0;
	if (*p == '\\' && len == 2)
		return same_char(p[1], c);
	if (*p == '.')
		return 1;
	if (*p == '[' && len > 1)
		return in_class(p, len, c);
	return same_char(*p, c);
}

static int match_here(const char *p, const char *s);

/* x* then the rest of the pattern: the longest run of x first, then shorter ones. */
static int match_star(const char *item, size_t len, const char *rest, const char *s)
{
	const char *t = s;

	while (item_matches(item, len, *t))
		t++;
	do {
		if (match_here(rest, t))
			return 1;
	} while (t-- > s);
	return 0;
}

/* Does the pattern p match at the start of s? */
static int match_here(const char *p, const char *s)
{
	size_t len;

	if (*p == '\0')
		return 1;
	if (p[0] == '$' && p[1] == '\0')
		return *s == '\0';
	len = item_length(p);
	if (p[len] == '*')
		return match_star(p, len, p + len + 1, s);
	return item_matches(p, len, *s) && match_here(p + len, s + 1);
}

static int line_matches(const char *line)
{
	size_t i, n = strlen(pattern);

	if (fixed) {
		for (; *line != '\0' || n == 0; line++) {
			for (i = 0; i < n && same_char(pattern[i], line[i]); i++)
				;
			if (i == n)
				return 1;
		}
		return 0;
	}
	if (pattern[0] == '^')
		return match_here(pattern + 1, line);
	do {
		if (match_here(pattern, line))
			return 1;
	} while (*line++ != '\0');
	return 0;
}

/* Search one open file; returns how many lines it selected. */
static long grep_stream(FILE *in, const char *name)
{
	char *line = NULL;
	size_t size = 0;
	ssize_t len;
	long number = 0, selected = 0;

	while ((len = __getline(&line, &size, in)) > 0) {
		number++;
		if (line[len - 1] == '\n')
			line[len - 1] = '\0';
		if (line_matches(line) == invert)
			continue;
		selected++;
		if (count_only || quiet)
			continue;
		if (name)
			printf("%s:", name);
		if (numbered)
			printf("%ld:", number);
		puts(line);
	}
	free(line);
	if (count_only && !quiet)
		printf("%s%s%ld\n", name ? name : "", name ? ":" : "", selected);
	return selected;
}

static int grep_file(const char *path)
{
	FILE *in = cmd_fopen(path);

	if (!in)
		return cmd_error(path);
	files_selecting += grep_stream(in, several_files ? path : NULL) > 0;
	cmd_fclose(in);
	return 0;
}

int main(int argc, char **argv)
{
	int c, error;

	cmd_init("grep", "grep [-cinqvF] PATTERN [FILE]...");
	while ((c = cmd_getopt(argc, argv, "cinqvF")) != -1) {
		count_only |= c == 'c';
		ignore_case |= c == 'i';
		numbered |= c == 'n';
		quiet |= c == 'q';
		invert |= c == 'v';
		fixed |= c == 'F';
	}
	if (optind == argc)
		cmd_usage();
	pattern = argv[optind++];
	several_files = argc - optind > 1;
	error = optind == argc ? grep_file("-") : cmd_each_operand(argc, argv, grep_file);
	if (error)
		return GREP_EXIT_ERROR;
	return files_selecting ? 0 : GREP_EXIT_NO_MATCH;
}
