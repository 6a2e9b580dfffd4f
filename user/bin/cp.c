/*
 * cp: copy files.
 *
 *   cp SOURCE TARGET         copy a file to TARGET, or into TARGET if it is a directory
 *   cp SOURCE... DIR         copy each file into the directory DIR
 *
 * The copy gets its source's permission bits; an existing TARGET file is overwritten in
 * place.  Directories are not copied (there is no -r): "cp: DIR: Is a directory".
 */
#include <cmd.h>

int main(int argc, char **argv)
{
	cmd_init("cp", "cp SOURCE TARGET | cp SOURCE... DIR");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	return cmd_source_target(argc, argv, cmd_copy_file);
}
