/*
 * tee: copy standard input to standard output and to files.
 *
 *   tee [-ai] [FILE]...
 *
 * Everything read from standard input is written to standard output and to each FILE, which
 * is emptied first, or appended to with -a.  -i ignores SIGINT (^C), so that tee goes on
 * to the end of its input.  A FILE that cannot be opened or written is reported and left
 * out; the others go on, and the status is 1.
 */
#include <cmd.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

struct output {
	int fd;
	const char *name;
};

/* Write all of buf to out; on failure, report it and stop writing there. */
static int write_out(struct output *out, const char *buf, ssize_t len)
{
	while (len > 0 && out->fd >= 0) {
		ssize_t n = write(out->fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			cmd_error(out->name);
			out->fd = -1;
			return CMD_EXIT_FAILURE;
		}
		buf += n;
		len -= n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c, flags = O_WRONLY | O_CREAT | O_TRUNC, status = 0, count = 1;
	struct output *outs;
	static char buf[8192];
	ssize_t n;

	cmd_init("tee", "tee [-ai] [FILE]...");
	while ((c = cmd_getopt(argc, argv, "ai")) != -1) {
		if (c == 'a')
			flags = O_WRONLY | O_CREAT | O_APPEND;
		else
			signal(SIGINT, SIG_IGN);
	}
	outs = malloc((argc - optind + 1) * sizeof(*outs));
	if (outs == NULL)
		return cmd_error("memory");
	outs[0] = (struct output){1, "standard output"};
	for (int i = optind; i < argc; i++) {
		int fd = open(argv[i], flags, 0666);

		if (fd < 0)
			status = cmd_error(argv[i]);
		else
			outs[count++] = (struct output){fd, argv[i]};
	}
	while ((n = read(0, buf, sizeof(buf))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			status = cmd_error("standard input");
			break;
		}
		for (int i = 0; i < count; i++)
			status |= write_out(&outs[i], buf, n);
	}
	for (int i = 1; i < count; i++)
		if (outs[i].fd >= 0 && close(outs[i].fd) < 0)
			status = cmd_error(outs[i].name);
	return status;
}
