/*
 * cat: copy files, one after the other, to standard output.
 *
 *   cat [-u] [FILE]...
 *
 * With no FILE, or for "-", it copies standard input.  -u (unbuffered) is accepted, as POSIX
 * asks, and changes nothing: cat never buffers.  A file that cannot be read is reported
 * ("cat: /nope: No such file or directory") and skipped; the exit status is then 1.
 */
#include <cmd.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

/* Copy one operand to standard output; 0 or CMD_EXIT_FAILURE. */
static int cat_file(const char *path)
{
	int fd = 0, status = 0;

	if (strcmp(path, "-") != 0) {
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return cmd_error(path);
	}
	if (cmd_copy_fd(fd, 1) < 0)
		status = cmd_error(path);
	if (fd != 0)
		close(fd);
	return status;
}

int main(int argc, char **argv)
{
	cmd_init("cat", "cat [-u] [FILE]...");
	while (cmd_getopt(argc, argv, "u") != -1)
		;
	if (optind == argc)
		return cat_file("-");
	return cmd_each_operand(argc, argv, cat_file);
}
