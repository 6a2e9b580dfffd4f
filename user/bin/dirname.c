/*
 * dirname: all of a path but its last part.
 *
 *   dirname PATH...
 *
 * Prints each PATH without its last part and the slashes before it, as POSIX says
 * ("/usr/lib/" gives "/usr", "file" gives ".", "/file" and "/" give "/"), one a line.  It
 * only reads the text: PATH need not exist.
 */
#include <cmd.h>
#include <stdio.h>
#include <string.h>

/* Print path's directory part. */
static int print_dirname(const char *path)
{
	size_t len = strlen(path);

	while (len > 1 && path[len - 1] == '/')
		len--;
	while (len > 0 && path[len - 1] != '/')
		len--;
	if (len == 0) {
		puts(path[0] == '/' ? "/" : ".");
		return 0;
	}
	while (len > 1 && path[len - 1] == '/')
		len--;
	printf("%.*s\n", (int)len, path);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("dirname", "dirname PATH...");
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		optind = 2;
	else
		optind = 1;
	return cmd_each_operand(argc, argv, print_dirname);
}
