/*
 * touch: make files exist, and mark them modified now.
 *
 *   touch FILE...
 *
 * A FILE that does not exist is created, empty (mode 0666 less the umask).  One that exists
 * gets its access and modification times set to now through utimensat(2); where the kernel
 * does not have that call (ENOSYS), an existing file is left as it is, and that is no error.
 */
#include <cmd.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

static int touch(const char *path)
{
	int fd;

	if (utimensat(AT_FDCWD, path, NULL, 0) == 0)
		return 0;
	if (errno == ENOSYS && access(path, F_OK) == 0)
		return 0;
	fd = open(path, O_WRONLY | O_CREAT, 0666);
	if (fd < 0)
		return cmd_error(path);
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("touch", "touch FILE...");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	return cmd_each_operand(argc, argv, touch);
}
