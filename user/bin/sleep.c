/*
 * sleep: wait for a while.
 *
 *   sleep SECONDS
 *
 * SECONDS is a non-negative number and may have a fraction ("0.25").  A signal such as ^C's
 * SIGINT ends the wait, and the command, early.
 */
#include <cmd.h>
#include <errno.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv)
{
	struct timespec wait;
	double seconds;
	char *end;

	cmd_init("sleep", "sleep SECONDS");
	while (cmd_getopt(argc, argv, "") != -1)
		;
	if (argc - optind != 1)
		cmd_usage();
	seconds = strtod(argv[optind], &end);
	if (end == argv[optind] || *end != '\0' || !(seconds >= 0 && seconds < 1e9))
		cmd_usage();
	wait.tv_sec = (time_t)seconds;
	wait.tv_nsec = (long)((seconds - wait.tv_sec) * 1e9);
	while (nanosleep(&wait, &wait) < 0)
		if (errno != EINTR)
			return cmd_error("nanosleep");
	return 0;
}
