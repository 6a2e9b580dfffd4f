/*
 * cexec: run a command in a task container.
 *
 *   cexec DIR COMMAND [ARG]...
 *
 * Writes its own pid to DIR/tasks, which moves it into the container DIR (a directory of a
 * mounted container hierarchy), then runs COMMAND (searched in $PATH when it has no '/')
 * with the ARGs in its place, so that COMMAND and what it starts live in DIR.  The exit
 * status is COMMAND's, or, as env and the shells give: 125 when cexec itself failed (DIR is
 * not a container, or joining it was refused: "cexec: /cpu/web/tasks: Permission denied"),
 * 126 when COMMAND cannot run, 127 when it is not there.
 */
#include <cmd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#define EXIT_CEXEC_FAILED 125
#define EXIT_CANNOT_RUN	  126
#define EXIT_NOT_FOUND	  127

/* Move this process into the container dir: 0, or -1 after saying why. */
static int join(const char *dir)
{
	char tasks[4096], pid[32];
	int fd, len;

	if ((size_t)snprintf(tasks, sizeof(tasks), "%s/tasks", dir) >= sizeof(tasks)) {
		cmd_message("%s: %s", dir, strerror(ENAMETOOLONG));
		return -1;
	}
	if (access(dir, F_OK) != 0) {
		cmd_error(dir);
		return -1;
	}
	if (!cmd_is_dir(dir)) {
		cmd_message("%s: not a container (not a directory)", dir);
		return -1;
	}
	if ((fd = open(tasks, O_WRONLY)) < 0) {
		if (errno == ENOENT)
			cmd_message("%s: not a container (it has no tasks file)", dir);
		else
			cmd_error(tasks);
		return -1;
	}
	len = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());
	if (write(fd, pid, (size_t)len) != len) {
		cmd_error(tasks);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	cmd_init("cexec", "cexec DIR COMMAND [ARG]...");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (argc - optind < 2)
		cmd_usage();
	if (join(argv[optind]) != 0)
		return EXIT_CEXEC_FAILED;
	execvp(argv[optind + 1], argv + optind + 1);
	cmd_error(argv[optind + 1]);
	return errno == ENOENT ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN;
}
