/*
 * trace: control the kernel event trace and print it.
 *
 *   trace on | off | clear     start recording, stop, forget what was recorded (root only)
 *   trace dump                 print every event kept, one "trace: ..." line each
 *
 * Each is a word written to /dev/trace, or the text read from it; the kernel's part is
 * kernel/trace.c.  The dump goes to standard output, so on the console it lands in the serial
 * log, where scripts/trace2json and scripts/trace2svg read it.
 */
#include <cmd.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>

#define TRACE_DEVICE "/dev/trace"

static int control(const char *word)
{
	int fd = open(TRACE_DEVICE, O_WRONLY);
	size_t len = strlen(word);

	if (fd < 0)
		return cmd_error(TRACE_DEVICE);
	if (write(fd, word, len) != (ssize_t)len) {
		close(fd);
		return cmd_error(TRACE_DEVICE);
	}
	close(fd);
	return 0;
}

static int dump(void)
{
	int fd = open(TRACE_DEVICE, O_RDONLY);
	int err;

	if (fd < 0)
		return cmd_error(TRACE_DEVICE);
	err = cmd_copy_fd(fd, STDOUT_FILENO);
	close(fd);
	return err < 0 ? cmd_error(TRACE_DEVICE) : 0;
}

int main(int argc, char **argv)
{
	const char *word;

	cmd_init("trace", "trace on|off|clear|dump");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (argc - optind != 1)
		cmd_usage();
	word = argv[optind];
	if (strcmp(word, "dump") == 0)
		return dump();
	if (strcmp(word, "on") == 0 || strcmp(word, "off") == 0 || strcmp(word, "clear") == 0)
		return control(word);
	cmd_usage();
}
