/*
 * Host test of the C library port's fnmatch() (user/lib/fnmatch.c), which the shell and find
 * use: for each pattern, string and flags, its answer must be the host C library's.
 *
 * The port's file is compiled into this program with its function renamed corral_fnmatch,
 * beside the host's fnmatch; both read the same FNM_ flags from the host's <fnmatch.h>.
 */
#include <fnmatch.h>
#define fnmatch corral_fnmatch
#include "../../user/lib/fnmatch.c"
#undef fnmatch

#include "tap.h"

struct case_ {
	const char *pattern, *string;
	int flags;
};

static const struct case_ cases[] = {
	{ "abc", "abc", 0 },
	{ "abc", "abd", 0 },
	{ "a*", "a", 0 },
	{ "a*", "abcdef", 0 },
	{ "*c", "abc", 0 },
	{ "*c", "abd", 0 },
	{ "a*c*e", "abcde", 0 },
	{ "a*c*e", "abcdf", 0 },
	{ "?", "", 0 },
	{ "?", "a", 0 },
	{ "??", "a", 0 },
	{ "*", "", 0 },
	{ "[abc]", "b", 0 },
	{ "[abc]", "d", 0 },
	{ "[a-c]x", "bx", 0 },
	{ "[!a-c]", "d", 0 },
	{ "[!a-c]", "b", 0 },
	{ "[^a-c]", "z", 0 },
	{ "[]]", "]", 0 },
	{ "[!]]", "a", 0 },
	{ "[a-]", "-", 0 },
	{ "[[:digit:]]x", "7x", 0 },
	{ "[[:alpha:]_]", "_", 0 },
	{ "[[:upper:]]", "a", 0 },
	{ "[", "[", 0 },
	{ "a[", "a[", 0 },
	{ "\\*", "*", 0 },
	{ "\\*", "a", 0 },
	{ "\\*", "\\*", FNM_NOESCAPE },
	{ "[\\]]", "]", 0 },
	{ "*.c", ".x.c", 0 },
	{ "*.c", ".x.c", FNM_PERIOD },
	{ ".*", ".x", FNM_PERIOD },
	{ "?x", ".x", FNM_PERIOD },
	{ "[.]x", ".x", FNM_PERIOD },
	{ "a/*", "a/b", FNM_PATHNAME },
	{ "*", "a/b", FNM_PATHNAME },
	{ "*", "a/b", 0 },
	{ "a?b", "a/b", FNM_PATHNAME },
	{ "a[/]b", "a/b", FNM_PATHNAME },
	{ "a/*", "a/.b", FNM_PATHNAME | FNM_PERIOD },
	{ "a/.*", "a/.b", FNM_PATHNAME | FNM_PERIOD },
	{ "*/b", "a/b", FNM_PATHNAME },
	{ "**", "ab", 0 },
	{ "a**b", "ab", 0 },
	{ "*a*a*", "aaa", 0 },
};

int main(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct case_ *c = &cases[i];
		int want = fnmatch(c->pattern, c->string, c->flags) == 0;
		int got = corral_fnmatch(c->pattern, c->string, c->flags) == 0;

		tap_ok(got == want, "fnmatch(\"%s\", \"%s\", %#x) is %s", c->pattern, c->string,
		       c->flags, want ? "a match" : "no match");
	}
	return tap_done();
}
