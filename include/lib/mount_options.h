/*
 * Reading mount(2)'s option string, "mode=755,uid=1000,noexec", one option at a time.
 *
 * Options are separated by commas; an option is a key, or "key=value" split at its first
 * '=' (so a value may hold more '=').  Nothing is copied: each option points into the string.
 *
 *	const char *cursor = data;
 *	struct mount_opt opt;
 *
 *	while (mount_opt_next(&cursor, &opt))
 *		if (mount_opt_is(&opt, "noprefix"))
 *			...
 *
 * The code is lib/mount_options.c; tests/host/mount_options_test.c tests it.
 */
#ifndef LIB_MOUNT_OPTIONS_H
#define LIB_MOUNT_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* One option: pointers into the option string, which is not NUL-terminated after each. */
struct mount_opt {
	const char *key; /* the text before '=', or the whole option */
	size_t key_len;
	const char *value; /* the text after the first '=' (empty: "key="); NULL without '=' */
	size_t value_len;
	bool has_value; /* whether the option had an '=' */
};

/*
 * Next option of the comma-separated NUL-terminated string at *cursor ("cpuacct,name=x,
 * noprefix"); skips empty ones ("a,,b"); "key=value" splits at the first '='.  Returns false at
 * the end (or when *cursor is NULL: no options at all).  *cursor moves past the option.
 */
bool mount_opt_next(const char **cursor, struct mount_opt *opt);

/* Whether opt's key is exactly name. */
bool mount_opt_is(const struct mount_opt *opt, const char *name);

#endif /* LIB_MOUNT_OPTIONS_H */
