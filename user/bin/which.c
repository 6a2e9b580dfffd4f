/*
 * which: where the shell would find a command.
 *
 *   which [-a] NAME...
 *
 * Looks for each NAME in the directories of $PATH (/bin when it is unset; an empty entry is
 * the current directory), in order, and prints the path of the first regular file there
 * that this process may execute; with -a, of every one.  A NAME with a '/' in it is looked at
 * as it is.  The status is 0 if every NAME was found, else 1.  Only files count: the shell's
 * builtins and functions are its own ("command -v" in the shell knows them).
 */
#include <cmd.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int all;

/* Is path a regular file the effective ids may execute (the kernel's answer)? */
static int executable(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) == 0;
}

static int which(const char *name)
{
	const char *path = getenv("PATH");
	char full[PATH_MAX];
	int found = 0;

	if (strchr(name, '/') != NULL) {
		if (!executable(name))
			return CMD_EXIT_FAILURE;
		puts(name);
		return 0;
	}
	if (path == NULL)
		path = "/bin";
	for (;;) {
		size_t len = strcspn(path, ":");

		if (len == 0)
			snprintf(full, sizeof(full), "./%s", name);
		else
			snprintf(full, sizeof(full), "%.*s/%s", (int)len, path, name);
		if (executable(full)) {
			puts(full);
			found = 1;
			if (!all)
				break;
		}
		if (path[len] == '\0')
			break;
		path += len + 1;
	}
	return found ? 0 : CMD_EXIT_FAILURE;
}

int main(int argc, char **argv)
{
	cmd_init("which", "which [-a] NAME...");
	while (cmd_getopt(argc, argv, "a") != -1)
		all = 1;
	return cmd_each_operand(argc, argv, which);
}
