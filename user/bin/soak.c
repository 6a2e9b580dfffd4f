/*
 * soak: the container and release tests, over and over for a set time, then a check that
 * nothing was left behind.
 *
 *   soak [SECONDS]          default 600 (ten minutes)
 *
 * Each round runs /bin/releasetests (every rule of release notification, 1,000 containers
 * emptied at once with exactly-once delivery, and again with rmdir racing the releases) and
 * then /bin/containerstress (one worker per CPU making, removing and moving between
 * containers), each as a child whose output goes to /tmp/soak-round.log; a round that fails
 * prints the failed checks from it.  `make soak` boots it as init on four CPUs.
 *
 * Before the first round and after the last, soak reads free memory and the release
 * counters.  The first round is a warm-up (the kernel keeps some of what it makes once), so
 * the memory reading is taken after it.  At the end, free memory must be what it was, and
 * every container ever queued for release must have been started, failed, cancelled or
 * skipped: delivered exactly once, or not at all for a reason.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <tap.h>
#include <testfile.h>
#include <time.h>
#include <unistd.h>

#define ROUND_LOG "/tmp/soak-round.log"

static const char *const programs[] = { "/bin/releasetests", "/bin/containerstress" };

static long long now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/* Print the lines of the round's log that say what failed. */
static void show_failures(void)
{
	char line[512];
	FILE *log = fopen(ROUND_LOG, "r");

	if (!log)
		return;
	while (fgets(line, sizeof(line), log)) {
		if (strncmp(line, "not ok", 6) == 0 || strncmp(line, "#   ", 4) == 0)
			printf("#   %s", line);
	}
	fclose(log);
}

/* Run program as a child, its output to the round's log: 1 if it passed. */
static int run(const char *program)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int fd = open(ROUND_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0 || chdir("/tmp") != 0)
			_exit(126);
		close(fd);
		execl(program, program, (char *)NULL);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return 0;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/* One round: every program once; 1 if all passed. */
static int round_of(int number)
{
	int passed = 1;

	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		char what[128];
		int ok = run(programs[i]);

		snprintf(what, sizeof(what), "round %d: %s passes", number, programs[i]);
		tap_check(ok, what);
		if (!ok)
			show_failures();
		passed &= ok;
	}
	unlink(ROUND_LOG);
	unlink("/tmp/release.log"); /* the agents' log: its pages are free memory again */
	return passed;
}

/* The release counters; 0, or -1 if /proc/container_release cannot be read. */
static int read_counters(long c[5])
{
	char text[512];

	if (read_file("/proc/container_release", text, sizeof(text)) < 0)
		return -1;
	return sscanf(text, "queued %ld\nstarted %ld\nfailed %ld\ncancelled %ld\nskipped %ld", &c[0],
		      &c[1], &c[2], &c[3], &c[4]) == 5
		   ? 0
		   : -1;
}

int main(int argc, char **argv)
{
	long long seconds = argc > 1 ? atoll(argv[1]) : 600, end;
	long free_before, free_after, c[5];
	int rounds = 1, failed = 0;

	setvbuf(stdout, NULL, _IONBF, 0);
	printf("# soak: %lld seconds of releasetests and containerstress\n", seconds);
	failed += !round_of(1); /* the warm-up */
	free_before = tap_free_memory_settled(-1);
	end = now_s() + seconds;
	while (now_s() < end)
		failed += !round_of(++rounds);
	free_after = tap_free_memory_settled(free_before);
	tap_check(failed == 0, "every round passed");
	printf("# %d rounds, %d failed\n", rounds, failed);
	tap_check(free_after >= free_before, "free memory after the last round is what it was");
	if (free_after < free_before)
		printf("#   %ld bytes fewer\n", free_before - free_after);
	for (int i = 0; i < 100 && (read_counters(c) || c[0] != c[1] + c[2] + c[3] + c[4]); i++)
		usleep(50000); /* the last agents of the last round may still be starting */
	tap_check(read_counters(c) == 0 && c[0] == c[1] + c[2] + c[3] + c[4],
		  "every container queued for release was started, failed, cancelled or skipped");
	printf("# queued %ld started %ld failed %ld cancelled %ld skipped %ld\n", c[0], c[1], c[2],
	       c[3], c[4]);
	return tap_done();
}
