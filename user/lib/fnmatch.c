/*
 * fnmatch(): does a string match a shell pattern?  POSIX's function, which newlib declares
 * (<fnmatch.h>) but does not have.  The shell's globbing and case, and find -name, use it.
 *
 *   *        any run of characters        [abc] [a-z]   one of them
 *   ?        any one character             [!a-z] [^a-z] one not among them
 *   \c       c itself                      [[:alpha:]]   one of a class (alpha, digit, ...)
 *
 * Flags: FNM_NOESCAPE (a backslash is an ordinary character), FNM_PATHNAME (* ? and [...]
 * never match '/', which only a '/' matches), FNM_PERIOD (a leading '.', of the string or,
 * with FNM_PATHNAME, of a component, only matches a '.' in the pattern).  Returns 0 for a
 * match, FNM_NOMATCH otherwise.  A '[' with no closing ']' is an ordinary character.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <string.h>

/* Is c in the class named name[0..len) ("alpha", "digit" ...), as in [[:alpha:]]? */
static int class_match(const char *name, size_t len, unsigned char c)
{
	static const struct {
		const char *name;
		int (*test)(int c);
	} classes[] = {
		{ "alpha", isalpha }, { "digit", isdigit }, { "alnum", isalnum },
		{ "upper", isupper }, { "lower", islower }, { "space", isspace },
		{ "blank", isblank }, { "punct", ispunct }, { "print", isprint },
		{ "graph", isgraph }, { "cntrl", iscntrl }, { "xdigit", isxdigit },
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == len && strncmp(classes[i].name, name, len) == 0)
			return classes[i].test(c) != 0;
	return 0;
}

/* Has the bracket expression at p its ']' (one right after "[" or "[!" does not count)? */
static int bracket_closed(const char *p)
{
	p++;
	if (*p == '!' || *p == '^')
		p++;
	if (*p == ']')
		p++;
	return strchr(p, ']') != NULL;
}

/* One character of a bracket expression at *pp, escape taken off; advances *pp. */
static char bracket_char(const char **pp, int escape)
{
	if (escape && **pp == '\\' && (*pp)[1])
		(*pp)++;
	return **pp;
}

/*
 * Does c match the bracket expression at *pp ("[abc]", "[!a-z]", "[[:digit:]_]")?  A ']'
 * right after the '[' (or "[!") is one of the characters.  Advances *pp past it.
 */
static int match_bracket(const char **pp, char c, int escape)
{
	const char *p = *pp + 1;
	int negate = 0, matched = 0;

	if (*p == '!' || *p == '^') {
		negate = 1;
		p++;
	}
	do {
		const char *end = p[0] == '[' && p[1] == ':' ? strstr(p + 2, ":]") : NULL;
		char lo, hi;

		if (end != NULL) {
			matched |= class_match(p + 2, end - (p + 2), (unsigned char)c);
			p = end + 2;
			continue;
		}
		lo = hi = bracket_char(&p, escape);
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			p += 2;
			hi = bracket_char(&p, escape);
		}
		if (c >= lo && c <= hi)
			matched = 1;
		p++;
	} while (*p != ']' && *p != '\0');
	*pp = *p == ']' ? p + 1 : p;
	return matched != negate;
}

/* Is the character at s, in the whole string, a leading '.' that FNM_PERIOD protects? */
static int protected_period(const char *s, const char *string, int flags)
{
	if (*s != '.' || !(flags & FNM_PERIOD))
		return 0;
	return s == string || ((flags & FNM_PATHNAME) && s[-1] == '/');
}

static int match(const char *p, const char *s, const char *string, int flags)
{
	int escape = !(flags & FNM_NOESCAPE), pathname = flags & FNM_PATHNAME;

	for (; *p != '\0'; s++) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (protected_period(s, string, flags))
				return 0;
			for (;; s++) {
				if (match(p, s, string, flags))
					return 1;
				if (*s == '\0' || (pathname && *s == '/'))
					return 0;
			}
		}
		if (*s == '\0')
			return 0;
		if (*p == '?' || (*p == '[' && bracket_closed(p))) {
			if ((pathname && *s == '/') || protected_period(s, string, flags))
				return 0;
			if (*p == '?')
				p++;
			else if (!match_bracket(&p, *s, escape))
				return 0;
		} else {
			if (escape && *p == '\\' && p[1] != '\0')
				p++;
			if (*p++ != *s)
				return 0;
		}
	}
	return *s == '\0';
}

int fnmatch(const char *pattern, const char *string, int flags)
{
	return match(pattern, string, string, flags) ? 0 : FNM_NOMATCH;
}
