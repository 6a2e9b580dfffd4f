/*
 * env: print the environment, or run a command in a changed one.
 *
 *   env [-i] [NAME=VALUE]... [COMMAND [ARG]...]
 *
 * Each NAME=VALUE is set (replacing an older value); -i starts from an empty environment.
 * With no COMMAND env prints the result, one NAME=VALUE a line; with one it runs COMMAND
 * (searched in $PATH when it has no '/') with the ARGs.  A COMMAND that is not there exits
 * with 127 ("env: nope: No such file or directory"), one that cannot run with 126.
 */
#include <cmd.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(int argc, char **argv)
{
	static char *empty[] = {NULL};
	char **var;

	cmd_init("env", "env [-i] [NAME=VALUE]... [COMMAND [ARG]...]");
	while (cmd_getopt(argc, argv, "i") != -1)
		environ = empty;
	for (; optind < argc && strchr(argv[optind], '='); optind++)
		if (putenv(argv[optind]) != 0)
			return cmd_error(argv[optind]);
	if (optind == argc) {
		for (var = environ; *var; var++)
			puts(*var);
		return 0;
	}
	execvp(argv[optind], argv + optind);
	cmd_error(argv[optind]);
	return errno == ENOENT ? 127 : 126;
}
