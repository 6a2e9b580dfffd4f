/*
 * Host tests of lib/mount_options.c: mount(2)'s option strings split into keys and values,
 * with empty options skipped and values split at the first '='.
 */
#include <lib/mount_options.h>

#include "lib_host.h"
#include "tap.h"

/* The options of data written back as "key|key=value|...", to compare with what is expected. */
static void options_as_text(const char *data, char *out, size_t size)
{
	const char *cursor = data;
	struct mount_opt opt;
	size_t len = 0;

	out[0] = '\0';
	while (corral_mount_opt_next(&cursor, &opt) && len < size) {
		len += snprintf(out + len, size - len, "%s%.*s", len ? "|" : "", (int)opt.key_len,
				opt.key);
		if (opt.has_value && len < size)
			len +=
			    snprintf(out + len, size - len, "=%.*s", (int)opt.value_len, opt.value);
	}
}

static void check_split(const char *data, const char *want)
{
	char got[256];

	options_as_text(data, got, sizeof(got));
	tap_check_str(got, want, "mount_opt_next: \"%s\" gives %s", data, want);
}

static void check_splits(void)
{
	check_split("cpuacct,name=x,noprefix", "cpuacct|name=x|noprefix");
	check_split("a,,b", "a|b");
	check_split(",,a,", "a");
	check_split("", "");
	check_split(",,,", "");
	check_split("mode=1777", "mode=1777");
	check_split("release_agent=/bin/a=b,x", "release_agent=/bin/a=b|x");
	check_split("key=,=value", "key=|=value");
}

static void check_fields(void)
{
	const char *cursor = "name=x,ro";
	struct mount_opt opt;

	tap_ok(corral_mount_opt_next(&cursor, &opt) && opt.has_value && opt.key_len == 4 &&
		   opt.value_len == 1 && opt.value[0] == 'x',
	       "mount_opt_next: \"name=x\" has key \"name\" and value \"x\"");
	tap_ok(corral_mount_opt_next(&cursor, &opt) && !opt.has_value && opt.value == NULL &&
		   opt.value_len == 0 && opt.key_len == 2,
	       "mount_opt_next: \"ro\" has no value (NULL, length 0)");
	tap_ok(!corral_mount_opt_next(&cursor, &opt) && *cursor == '\0',
	       "mount_opt_next: false at the end, the cursor on the NUL");
	tap_ok(!corral_mount_opt_next(&cursor, &opt), "mount_opt_next: false again after the end");
	cursor = NULL;
	tap_ok(!corral_mount_opt_next(&cursor, &opt),
	       "mount_opt_next: a NULL string has no options");
	cursor = "key=";
	tap_ok(corral_mount_opt_next(&cursor, &opt) && opt.has_value && opt.value_len == 0,
	       "mount_opt_next: \"key=\" has an empty value");
}

static void check_is(void)
{
	const char *cursor = "noprefix,name=x,cpu";
	struct mount_opt opt;

	corral_mount_opt_next(&cursor, &opt);
	tap_ok(corral_mount_opt_is(&opt, "noprefix"), "mount_opt_is: \"noprefix\" is noprefix");
	tap_ok(!corral_mount_opt_is(&opt, "noprefixes"),
	       "mount_opt_is: \"noprefix\" is not noprefixes");
	tap_ok(!corral_mount_opt_is(&opt, "noprefi"), "mount_opt_is: \"noprefix\" is not noprefi");
	corral_mount_opt_next(&cursor, &opt);
	tap_ok(corral_mount_opt_is(&opt, "name"),
	       "mount_opt_is: \"name=x\" is name (the key only)");
	tap_ok(!corral_mount_opt_is(&opt, "name=x"), "mount_opt_is: \"name=x\" is not \"name=x\"");
	corral_mount_opt_next(&cursor, &opt);
	tap_ok(!corral_mount_opt_is(&opt, "cpuacct"), "mount_opt_is: \"cpu\" is not cpuacct");
}

int main(void)
{
	check_splits();
	check_fields();
	check_is();
	return tap_done();
}
