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
#include <dirent.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sh.h"

/*
 * Does the whole of name match pattern?  * and ? match any character here, '/' and a
 * leading '.' too (glob_walk() keeps those apart for file names); a backslash makes the next
 * character mean itself.  The matching is fnmatch()'s (user/lib/fnmatch.c).
 */
int pattern_match(const char *pattern, const char *name)
{
	return fnmatch(pattern, name, 0) == 0;
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
