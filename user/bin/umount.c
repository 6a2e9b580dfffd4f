/*
 * umount: unmount file systems.
 *
 *   umount DIR...
 *
 * Detaches the file system mounted on each DIR.  One still in use (an open file, a process's
 * working directory inside it) stays: "umount: DIR: Device or resource busy".
 */
#include <cmd.h>
#include <sys/mount.h>

static int unmount(const char *path)
{
	return umount(path) < 0 ? cmd_error(path) : 0;
}

int main(int argc, char **argv)
{
	cmd_init("umount", "umount DIR...");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	return cmd_each_operand(argc, argv, unmount);
}
