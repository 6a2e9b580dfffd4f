/*
 * Pathname expansion (globbing): a field with an unquoted * ? or [...] becomes the sorted
 * list of the paths it matches, or stays as it is when nothing matches.
 *
 * expand.c hands over a pattern in which every character that must match itself (quoted,
 * or a backslash) is preceded by a backslash.  The pattern is walked one path component at
 * a time: a component without wildcards is simply appended, one with wildcards is matched
 * against the names in the directory reached so far (names starting with '.' only when the
 * pattern spells the dot).  case uses the same matching on whole strings (pattern_match()).
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

/* Is c in the class named name[0..len) ("alpha", "digit" ...), as in [[:alpha:]]? */
static int class_match(const char *name, size_t len, unsigned char c)
{
	static const struct {
		const char *name;
		int (*test)(int c);
	} classes[] = {
	    {"alpha", isalpha}, {"digit", isdigit}, {"alnum", isalnum}, {"upper", isupper},
	    {"lower", islower}, {"space", isspace}, {"blank", isblank}, {"punct", ispunct},
	    {"print", isprint}, {"graph", isgraph}, {"cntrl", iscntrl}, {"xdigit", isxdigit},
	};

	for (size_t i = 0; i < sizeof(classes) / sizeof(classes[0]); i++)
		if (strlen(classes[i].name) == len && strncmp(classes[i].name, name, len) == 0)
			return classes[i].test(c) != 0;
	return 0;
}

/*
 * Does c match the bracket expression at *pp ("[abc]", "[!a-z]", "[[:digit:]_]")?  A ']'
 * right after the '[' (or "[!") is one of the characters.  Advances *pp past it.
 */
static int match_bracket(const char **pp, char c)
{
	const char *p = *pp + 1;
	int negate = 0, matched = 0;

	if (*p == '!' || *p == '^') {
		negate = 1;
		p++;
	}
	do {
		const char *end = p[0] == '[' && p[1] == ':' ? strstr(p + 2, ":]") : NULL;
		if (end != NULL) {
			matched |= class_match(p + 2, end - (p + 2), (unsigned char)c);
			p = end + 2;
			continue;
		}
		char lo = *p == '\\' && p[1] ? *++p : *p;
		char hi = lo;
		if (p[1] == '-' && p[2] != ']' && p[2] != '\0') {
			hi = p[2] == '\\' && p[3] ? p[3] : p[2];
			p += p[2] == '\\' ? 3 : 2;
		}
		if (c >= lo && c <= hi)
			matched = 1;
		p++;
	} while (*p != ']' && *p != '\0');
	*pp = *p == ']' ? p + 1 : p;
	return matched != negate;
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

/*
 * Does the whole of name match pattern?  * and ? match any character here, '/' and a
 * leading '.' too (glob_walk() keeps those apart for file names); a backslash makes the next
 * character mean itself.
 */
int pattern_match(const char *pattern, const char *name)
{
	const char *p = pattern;

	for (; *p != '\0'; name++) {
		if (*p == '*') {
			while (*p == '*')
				p++;
			if (*p == '\0')
				return 1;
			for (; *name != '\0'; name++)
				if (pattern_match(p, name))
					return 1;
			return 0;
		}
		if (*name == '\0')
			return 0;
		if (*p == '?') {
			p++;
		} else if (*p == '[' && bracket_closed(p)) {
			if (!match_bracket(&p, *name))
				return 0;
		} else {
			if (*p == '\\' && p[1] != '\0')
				p++;
			if (*p++ != *name)
				return 0;
		}
	}
	return *name == '\0';
}

/* Has this part of a pattern an active wildcard (one not escaped)? */
static int has_wildcard(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '\\')
			i++;
		else if (p[i] == '*' || p[i] == '?' || p[i] == '[')
			return 1;
	}
	return 0;
}

/* Append pattern[0..len) to path with its escapes removed. */
static char *append_literal(const char *path, const char *p, size_t len)
{
	char *out = xmalloc(strlen(path) + len + 1), *o;
	size_t i;

	strcpy(out, path);
	o = out + strlen(out);
	for (i = 0; i < len; i++) {
		if (p[i] == '\\' && i + 1 < len)
			i++;
		*o++ = p[i];
	}
	*o = '\0';
	return out;
}

static int compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Expand the rest of pattern below path (which ends in '/' or is empty) into out. */
static void glob_walk(const char *path, const char *pattern, struct strlist *out)
{
	size_t len = strcspn(pattern, "/");
	struct strlist names = {0};
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int i;

	if (!has_wildcard(pattern, len)) {
		char *next = append_literal(path, pattern, len + (pattern[len] == '/'));
		if (pattern[len] == '\0' || pattern[len + 1] == '\0') {
			if (lstat(next, &st) == 0)
				strlist_push(out, next);
			else
				free(next);
		} else {
			glob_walk(next, pattern + len + 1, out);
			free(next);
		}
		return;
	}
	char *component = xmalloc(len + 1);
	memcpy(component, pattern, len);
	component[len] = '\0';
	dir = opendir(path[0] != '\0' ? path : ".");
	while (dir != NULL && (d = readdir(dir)) != NULL) {
		if (d->d_name[0] == '.' && pattern[0] != '.')
			continue;
		if (pattern_match(component, d->d_name))
			strlist_push(&names, xstrdup(d->d_name));
	}
	if (dir != NULL)
		closedir(dir);
	free(component);
	if (names.count > 1)
		qsort(names.items, names.count, sizeof(char *), compare_strings);
	for (i = 0; i < names.count; i++) {
		char *next = xmalloc(strlen(path) + strlen(names.items[i]) + 2);
		strcpy(next, path);
		strcat(next, names.items[i]);
		if (pattern[len] == '\0') {
			strlist_push(out, next);
			continue;
		}
		if (stat(next, &st) < 0 || !S_ISDIR(st.st_mode)) {
			free(next);
			continue;
		}
		strcat(next, "/");
		if (pattern[len + 1] == '\0') {
			strlist_push(out, next);
		} else {
			glob_walk(next, pattern + len + 1, out);
			free(next);
		}
	}
	strlist_free(&names);
}

/* Add the paths matching pattern to out; returns how many there were. */
int glob_expand(const char *pattern, struct strlist *out)
{
	int before = out->count;

	if (pattern[0] == '/')
		glob_walk("/", pattern + 1, out);
	else
		glob_walk("", pattern, out);
	return out->count - before;
}
