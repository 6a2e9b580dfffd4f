/*
 * mv: move (rename) files and directories.
 *
 *   mv SOURCE TARGET         rename SOURCE to TARGET, or move it into TARGET if a directory
 *   mv SOURCE... DIR         move each into the directory DIR
 *
 * Each move is one rename(2): atomic, and an existing TARGET file is replaced.  rename(2)
 * cannot cross from one mounted file system to another (EXDEV); mv then copies a file and
 * removes the original, as cp and rm would.  A directory is not moved across file systems:
 * "mv: DIR: Cross-device link".
 */
#include <cmd.h>
#include <errno.h>
#include <stdio.h>

static int move(const char *source, const char *target)
{
	if (rename(source, target) == 0)
		return 0;
	if (errno != EXDEV || cmd_is_dir(source))
		return cmd_error(source);
	if (cmd_copy_file(source, target) != 0)
		return CMD_EXIT_FAILURE;
	if (unlink(source) < 0)
		return cmd_error(source);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("mv", "mv SOURCE TARGET | mv SOURCE... DIR");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	return cmd_source_target(argc, argv, move);
}
