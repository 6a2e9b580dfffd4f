/*
 * mount(2)'s option strings, split into options (the rules are in
 * include/lib/mount_options.h).
 */
#include <lib/mount_options.h>
#include <lib/string.h>

/* The length of the option at s: up to the next comma or the end of the string. */
static size_t option_length(const char *s)
{
	const char *comma = strchr(s, ',');

	return comma ? (size_t)(comma - s) : strlen(s);
}

/* Split the option of len bytes at s into key and value, at its first '='. */
static void option_split(const char *s, size_t len, struct mount_opt *opt)
{
	size_t key_len = 0;

	while (key_len < len && s[key_len] != '=')
		key_len++;
	opt->key = s;
	opt->key_len = key_len;
	opt->has_value = key_len < len;
	opt->value = opt->has_value ? s + key_len + 1 : NULL;
	opt->value_len = opt->has_value ? len - key_len - 1 : 0;
}

bool mount_opt_next(const char **cursor, struct mount_opt *opt)
{
	const char *s = *cursor;
	size_t len;

	if (!s)
		return false;
	while (*s == ',')
		s++;
	if (*s == '\0') {
		*cursor = s;
		return false;
	}
	len = option_length(s);
	option_split(s, len, opt);
	*cursor = s + len;
	return true;
}

bool mount_opt_is(const struct mount_opt *opt, const char *name)
{
	return strlen(name) == opt->key_len && strncmp(opt->key, name, opt->key_len) == 0;
}
