/*
 * rmdir: remove empty directories.
 *
 *   rmdir DIR...
 *
 * A directory that is not empty stays, with "rmdir: DIR: Directory not empty" and status 1.
 */
#include <cmd.h>

static int remove_dir(const char *path)
{
	return rmdir(path) < 0 ? cmd_error(path) : 0;
}

int main(int argc, char **argv)
{
	cmd_init("rmdir", "rmdir DIR...");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	return cmd_each_operand(argc, argv, remove_dir);
}
