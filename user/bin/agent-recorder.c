/*
 * agent-recorder: a release agent for tests.  It writes down how the kernel started it, one
 * line per run, appended to /tmp/release.log in a single write(2) (so that agents running at
 * once never mix their lines), and exits.
 *
 *   mount -t container -o none,name=t,release_agent=/bin/agent-recorder none /c
 *
 * The line, fields separated by spaces (releasetests and releasebench read it):
 *
 *   t=NS        CLOCK_MONOTONIC at the start of main, in nanoseconds
 *   pid= ppid= uid= euid= gid= sid= pgid=   who it is
 *   argc=N argv0=PATH argv1=CONTAINER       its arguments
 *   env=A;B     its environment, entries joined by ';'
 *   fds=N       how many of descriptors 0, 1 and 2 are open on a character device
 *   blocked=N   signals blocked;  ignored=N  signals ignored (of 1 to 31)
 *   cwd=DIR     its working directory
 *   roots=N     1 if /proc/self/container (Linux: /proc/self/cgroup) puts it in the top
 *               container of every hierarchy, else 0
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOG	 "/tmp/release.log"
#define LINE_LEN 2048

extern char **environ;

static long long monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Append printf-style text to line at *len, never past LINE_LEN. */
static void add(char *line, size_t *len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void add(char *line, size_t *len, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*len >= LINE_LEN)
		return;
	va_start(ap, fmt);
	n = vsnprintf(line + *len, LINE_LEN - *len, fmt, ap);
	va_end(ap);
	*len += n > 0 ? (size_t)n : 0;
	if (*len >= LINE_LEN)
		*len = LINE_LEN - 1;
}

static int console_fds(void)
{
	int n = 0;

	for (int fd = 0; fd < 3; fd++) {
		struct stat st;

		if (fstat(fd, &st) == 0 && S_ISCHR(st.st_mode))
			n++;
	}
	return n;
}

static void count_signals(int *blocked, int *ignored)
{
	sigset_t mask;

	*blocked = *ignored = 0;
	sigprocmask(SIG_BLOCK, NULL, &mask);
	for (int sig = 1; sig < 32; sig++) {
		struct sigaction sa;

		if (sigismember(&mask, sig) == 1)
			(*blocked)++;
		if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
			(*ignored)++;
	}
}

/* Whether every line "ID:SUBSYSTEMS:PATH" of the per-process file has the path "/". */
static int in_roots(void)
{
	char text[2048];
	int fd = open("/proc/self/container", O_RDONLY);
	ssize_t n;

	if (fd < 0)
		fd = open("/proc/self/cgroup", O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, text, sizeof(text) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	text[n] = '\0';
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *path = strrchr(line, ':');

		if (!path || strcmp(path, ":/") != 0)
			return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	long long start = monotonic_ns();
	char line[LINE_LEN], cwd[256];
	size_t len = 0;
	int blocked, ignored, fd;

	add(line, &len, "t=%lld pid=%d ppid=%d uid=%d euid=%d gid=%d sid=%d pgid=%d argc=%d", start,
	    getpid(), getppid(), getuid(), geteuid(), getgid(), getsid(0), getpgrp(), argc);
	add(line, &len, " argv0=%s argv1=%s env=", argc > 0 ? argv[0] : "",
	    argc > 1 ? argv[1] : "");
	for (char **e = environ; e && *e; e++)
		add(line, &len, "%s%s", e == environ ? "" : ";", *e);
	count_signals(&blocked, &ignored);
	add(line, &len, " fds=%d blocked=%d ignored=%d cwd=%s roots=%d\n", console_fds(), blocked,
	    ignored, getcwd(cwd, sizeof(cwd)) ? cwd : "?", in_roots());

	fd = open(LOG, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (fd < 0 || write(fd, line, len) != (ssize_t)len) {
		perror("agent-recorder: " LOG);
		return 1;
	}
	close(fd);
	return 0;
}
