/*
 * rm: remove files.
 *
 *   rm [-rf] FILE...
 *
 * -r removes directories too, with everything in them (depth first: the entries, then the
 * directory).  Without it a directory is refused ("rm: DIR: Is a directory").  -f says
 * nothing about a FILE that does not exist, and allows no FILE at all.
 */
#include <cmd.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

static int recursive, force;

static int remove_path(const char *path);

/* Remove every entry of directory path, then path itself. */
static int remove_tree(const char *path)
{
	int status = cmd_each_entry(path, remove_path);

	if (rmdir(path) < 0)
		status = cmd_error(path);
	return status;
}

static int remove_path(const char *path)
{
	struct stat st;

	if (lstat(path, &st) < 0)
		return force && errno == ENOENT ? 0 : cmd_error(path);
	if (S_ISDIR(st.st_mode)) {
		if (recursive)
			return remove_tree(path);
		errno = EISDIR;
		return cmd_error(path);
	}
	if (unlink(path) < 0)
		return cmd_error(path);
	return 0;
}

int main(int argc, char **argv)
{
	int c;

	cmd_init("rm", "rm [-rf] FILE...");
	while ((c = cmd_getopt(argc, argv, "rRf")) != -1) {
		if (c == 'f')
			force = 1;
		else
			recursive = 1;
	}
	if (optind == argc && force)
		return 0;
	return cmd_each_operand(argc, argv, remove_path);
}
