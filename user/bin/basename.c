/*
 * basename: the last part of a path.
 *
 *   basename PATH [SUFFIX]
 *
 * Prints PATH without its trailing slashes and everything up to its last remaining slash,
 * as POSIX says ("/usr/lib/" gives "lib", "/" gives "/"), then without SUFFIX if the name
 * ends with it and is more than it (basename dir/prog.c .c gives "prog").  It only reads
 * the text: PATH need not exist.
 */
#include <cmd.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char name[4096];
	size_t len, suffix_len;

	cmd_init("basename", "basename PATH [SUFFIX]");
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argv++;
		argc--;
	}
	if (argc < 2 || argc > 3)
		cmd_usage();
	len = strlen(argv[1]);
	if (len >= sizeof(name))
		cmd_usage();
	if (len > 0 && strspn(argv[1], "/") == len) {
		puts("/");
		return 0;
	}
	snprintf(name, sizeof(name), "%s", cmd_basename(argv[1]));
	len = strlen(name);
	suffix_len = argc == 3 ? strlen(argv[2]) : 0;
	if (suffix_len > 0 && suffix_len < len && strcmp(name + len - suffix_len, argv[2]) == 0)
		name[len - suffix_len] = '\0';
	puts(name);
	return 0;
}
