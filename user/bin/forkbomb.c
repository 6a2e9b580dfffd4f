/*
 * forkbomb: a fork bomb as root, with no resource limit of its own, and the machine after it.
 *
 * Every process of the bomb forks without end; the machine's process limit (threads-max,
 * /proc/sys/kernel/threads-max) must stop it with EAGAIN before memory runs out, so that no
 * process is killed for want of a page and the kernel log stays quiet.  A process whose fork
 * failed waits 10 ms before it tries again, as a bomb in a shell loop would wait for its
 * commands: without that pause hundreds of processes spinning on fork() would leave this
 * program, which must end the bomb, one turn of the CPU every few seconds.
 *
 * Then the bomb is killed, every process of it reaped (this program is init under Corral, so
 * it reaps the orphans too), and the machine must be as before: free memory back, the kernel
 * log with at most a few lines, and a shell that runs a command.  Corral only: on Linux it
 * would take the host down.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/sysinfo.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define SYSLOG_ACTION_READ_ALL 3
#define SYSLOG_ACTION_CLEAR    5
#define LOG_SIZE	       (64 * 1024)
#define LOG_LINES_MAX	       3	     /* "a few": the bomb itself should log nothing */
#define SLACK_PAGES	       64	     /* free memory "back": the kernel-stack area's page
					        tables, made on first use, stay (docs/processes.md) */
#define RETRY_NS	       10000000L /* a failed fork tries again after 10 ms */

static char log_text[LOG_SIZE + 1];

/* A process of the bomb: fork without end; report the first failure of each process. */
static void bomb(int report)
{
	struct timespec pause = {0, RETRY_NS};
	int told = 0;

	for (;;) {
		pid_t pid = fork();

		if (pid == 0) {
			told = 0;
			continue;
		}
		if (pid > 0)
			continue;
		if (!told) {
			char c = errno == EAGAIN ? 'A' : 'E';

			if (write(report, &c, 1) < 0)
				_exit(1);
			told = 1;
		}
		nanosleep(&pause, NULL);
	}
}

static long procs_now(void)
{
	struct sysinfo si;

	return sysinfo(&si) == 0 ? si.procs : -1;
}

/* The number in a one-line file, or -1. */
static long read_number(const char *file)
{
	FILE *f = fopen(file, "r");
	long value = -1;

	if (f) {
		if (fscanf(f, "%ld", &value) != 1)
			value = -1;
		fclose(f);
	}
	return value;
}

/*
 * Wait for the bomb's first report: 'A' (EAGAIN), 'E' (another error), or 0 for none.  A bomb
 * that never meets its limit leaves this read waiting until the suite's timeout ends the boot.
 */
static char first_report(int fd)
{
	char c = 0;

	if (read(fd, &c, 1) != 1)
		c = 0;
	return c;
}

/* Kill every process of group pgid and reap them all: those of ours, and orphans (init). */
static void end_bomb(pid_t pgid, long procs_before)
{
	struct timespec pause = {0, RETRY_NS};
	int status;

	while (kill(-pgid, SIGKILL) == 0)
		while (waitpid(-1, &status, WNOHANG) > 0)
			;
	for (int i = 0; i < 3000 && procs_now() > procs_before; i++) {
		while (waitpid(-1, &status, WNOHANG) > 0)
			;
		nanosleep(&pause, NULL);
	}
}

/* The kernel log's lines since it was cleared, shown as diagnostics; their number. */
static int log_lines(void)
{
	int len = klogctl(SYSLOG_ACTION_READ_ALL, log_text, LOG_SIZE), lines = 0;

	if (len < 0)
		return -1;
	log_text[len] = '\0';
	for (char *line = strtok(log_text, "\n"); line; line = strtok(NULL, "\n"), lines++)
		printf("# log: %s\n", line);
	return lines;
}

/* A shell runs a command line after the bomb: sh -c 'echo alive-$((6 * 7))'. */
static int shell_works(void)
{
	char out[64] = "";
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (pipe(fds) != 0)
		return 0;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		execl("/bin/sh", "sh", "-c", "echo alive-$((6 * 7))", (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	n = pid > 0 ? read(fds[0], out, sizeof(out) - 1) : -1;
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return n > 0 && strncmp(out, "alive-42\n", 9) == 0;
}

int main(void)
{
	long free_before, free_after, procs_before = procs_now(), peak;
	long threads_max = read_number("/proc/sys/kernel/threads-max");
	int fds[2], lines;
	pid_t pid;
	char report;

	setvbuf(stdout, NULL, _IONBF, 0);
	tap_check(threads_max > 0, "/proc/sys/kernel/threads-max gives the machine's process limit");
	if (pipe(fds) != 0)
		return 1;
	free_before = tap_free_memory();
	klogctl(SYSLOG_ACTION_CLEAR, NULL, 0);
	pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		close(fds[0]);
		bomb(fds[1]);
	}
	close(fds[1]);
	setpgid(pid, pid);
	report = first_report(fds[0]);
	peak = procs_now();
	printf("# the bomb reached %ld processes (threads-max %ld); free memory %ld KiB of %ld\n",
	       peak, threads_max, tap_free_memory() / 1024, free_before / 1024);
	tap_check(report == 'A', "a fork bomb as root meets EAGAIN from fork");
	tap_check(peak <= threads_max, "the machine holds no more processes than threads-max");
	end_bomb(pid, procs_before);
	close(fds[0]);
	tap_check(procs_now() == procs_before, "every process of the bomb is killed and reaped");
	free_after = tap_free_memory_settled(free_before);
	printf("# free memory %ld KiB before, %ld KiB after\n", free_before / 1024,
	       free_after / 1024);
	tap_check(free_after >= free_before - SLACK_PAGES * 4096L, "free memory is back after it");
	lines = log_lines();
	tap_check(lines >= 0 && lines <= LOG_LINES_MAX, "the kernel log holds at most a few lines");
	tap_check(shell_works(), "a shell runs a command line after it");
	return tap_done();
}
