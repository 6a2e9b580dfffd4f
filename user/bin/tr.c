/*
 * tr: translate, delete or squeeze characters.
 *
 *   tr [-cs] SET1 SET2      each character of SET1 becomes the one at its place in SET2
 *   tr -d [-c] SET1         deletes the characters of SET1
 *   tr -s [-c] SET1         squeezes each run of one character of SET1 to one
 *   tr -ds [-c] SET1 SET2   deletes SET1's characters, then squeezes SET2's
 *
 * Copies standard input to standard output.  A SET is characters, where "a-z" is a range,
 * "[:upper:]" a class (alpha, digit, alnum, upper, lower, space, blank, punct, print, graph,
 * cntrl, xdigit; in ascending order, so "[:lower:]" "[:upper:]" changes case), "[c*N]" (in
 * SET2) N copies of c and "[c*]" as many as SET1 needs, and backslash escapes stand for
 * characters: \n \t \r \\ \a \b \f \v and \NNN in octal.  A SET2 shorter than SET1 is filled
 * up with its last character.  -c takes the complement of SET1: every byte not in it, in
 * ascending order.  -s squeezes the characters of the last SET given.
 */
#include <cmd.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define SET_MAX 4096 /* characters a SET may spell out */

struct set {
	unsigned char chars[SET_MAX];
	int len;
	int fill_at; /* [c*]: where the repeats of fill go (-1: none) */
	unsigned char fill;
};

static int complement, delete, squeeze;

static void set_add(struct set *s, int c)
{
	if (s->len == SET_MAX) {
		cmd_message("a set is too long");
		cmd_usage();
	}
	s->chars[s->len++] = (unsigned char)c;
}

/* One character of a SET at *p (an escape, or itself), advancing *p past it. */
static int set_char(const char **p)
{
	static const char from[] = "ntr\\abfv", to[] = "\n\t\r\\\a\b\f\v";
	const char *e;
	int c = 0, n = 0;

	if (**p != '\\' || (*p)[1] == '\0')
		return (unsigned char)*(*p)++;
	(*p)++;
	if (**p >= '0' && **p <= '7') {
		while (n++ < 3 && **p >= '0' && **p <= '7')
			c = c * 8 + *(*p)++ - '0';
		return c & 0xff;
	}
	e = strchr(from, **p);
	c = e != NULL ? to[e - from] : **p;
	(*p)++;
	return (unsigned char)c;
}

/* "[:name:]" at p: adds the class's characters and returns the length of the spelling, or 0. */
static int add_class(struct set *s, const char *p)
{
	static const struct {
		const char *name;
		int (*test)(int c);
	} classes[] = {
	    {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
	    {"lower", islower}, {"space", isspace}, {"blank", isblank}, {"punct", ispunct},
	    {"print", isprint}, {"graph", isgraph}, {"cntrl", iscntrl}, {"xdigit", isxdigit},
	};
	const char *end = strncmp(p, "[:", 2) == 0 ? strstr(p + 2, ":]") : NULL;

	for (size_t i = 0; end != NULL && i < sizeof(classes) / sizeof(classes[0]); i++) {
		if (strlen(classes[i].name) != (size_t)(end - p - 2) ||
		    strncmp(classes[i].name, p + 2, end - p - 2) != 0)
			continue;
		for (int c = 0; c < 256; c++)
			if (classes[i].test(c))
				set_add(s, c);
		return (int)(end + 2 - p);
	}
	return 0;
}

/* "[c*N]" or "[c*]" at *p: the repeats go in, and *p past them; 0 if it is not one. */
static int add_repeat(struct set *s, const char **p)
{
	const char *q = *p + 1;
	long n = 0;
	int c, base;

	if (**p != '[' || q[0] == '\0')
		return 0;
	c = set_char(&q);
	if (*q != '*')
		return 0;
	base = q[1] == '0' ? 8 : 10; /* N with a leading 0 is octal */
	for (q++; *q >= '0' && *q <= '9'; q++)
		n = n * base + *q - '0';
	if (*q != ']')
		return 0;
	if (n == 0) {
		s->fill_at = s->len;
		s->fill = (unsigned char)c;
	}
	while (n-- > 0)
		set_add(s, c);
	*p = q + 1;
	return 1;
}

/* Spell out a SET's text into s. */
static void parse_set(struct set *s, const char *p)
{
	s->len = 0;
	s->fill_at = -1;
	while (*p) {
		int skip = add_class(s, p), c;

		if (skip) {
			p += skip;
			continue;
		}
		if (add_repeat(s, &p))
			continue;
		c = set_char(&p);
		if (*p == '-' && p[1] != '\0') {
			const char *q = p + 1;
			int last = set_char(&q);

			if (last < c) {
				cmd_message("range %c-%c is backwards", c, last);
				cmd_usage();
			}
			for (; c <= last; c++)
				set_add(s, c);
			p = q;
			continue;
		}
		set_add(s, c);
	}
}

/* The complement of s: every byte not in it, ascending. */
static void complement_set(struct set *s)
{
	unsigned char in[256] = {0};

	for (int i = 0; i < s->len; i++)
		in[s->chars[i]] = 1;
	s->len = 0;
	for (int c = 0; c < 256; c++)
		if (!in[c])
			s->chars[s->len++] = (unsigned char)c;
}

/* SET2 against SET1: [c*] filled in, then the last character repeated up to SET1's length. */
static void fit_set2(struct set *s2, int len1)
{
	int extra = len1 - s2->len;

	if (s2->fill_at >= 0 && extra > 0) {
		memmove(s2->chars + s2->fill_at + extra, s2->chars + s2->fill_at,
			s2->len - s2->fill_at);
		memset(s2->chars + s2->fill_at, s2->fill, extra);
		s2->len += extra;
	}
	if (s2->len == 0)
		return;
	for (unsigned char last = s2->chars[s2->len - 1]; s2->len < len1;)
		s2->chars[s2->len++] = last;
}

static struct set set1, set2;
static const struct set *last_set; /* what -s squeezes */

static int run(void)
{
	unsigned char map[256], drop[256] = {0}, squeezable[256] = {0};
	int c, last = -1;

	for (c = 0; c < 256; c++)
		map[c] = (unsigned char)c;
	if (delete)
		for (int i = 0; i < set1.len; i++)
			drop[set1.chars[i]] = 1;
	else if (set2.len > 0)
		for (int i = 0; i < set1.len; i++)
			map[set1.chars[i]] = set2.chars[i];
	for (int i = 0; squeeze && i < last_set->len; i++)
		squeezable[last_set->chars[i]] = 1;
	while ((c = getchar()) != EOF) {
		if (drop[c])
			continue;
		c = map[c];
		if (squeezable[c] && c == last)
			continue;
		putchar(c);
		last = c;
	}
	return ferror(stdin) ? cmd_error("standard input") : 0;
}

int main(int argc, char **argv)
{
	int c, nsets;

	cmd_init("tr", "tr [-cds] SET1 [SET2]");
	while ((c = cmd_getopt(argc, argv, "cds")) != -1) {
		if (c == 'c')
			complement = 1;
		else if (c == 'd')
			delete = 1;
		else
			squeeze = 1;
	}
	nsets = argc - optind;
	if (nsets < 1 || nsets > 2 || (nsets == 1 && !delete && !squeeze) ||
	    (nsets == 2 && delete && !squeeze))
		cmd_usage();
	parse_set(&set1, argv[optind]);
	if (complement)
		complement_set(&set1);
	last_set = nsets == 2 ? &set2 : &set1;
	if (nsets == 2) {
		parse_set(&set2, argv[optind + 1]);
		if (!delete)
			fit_set2(&set2, set1.len);
	}
	return run();
}
