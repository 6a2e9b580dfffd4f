/*
 * hello: the first program, and a quick check of the newlib port.
 *
 * It uses what most programs use (printf, malloc, fork, execve, waitpid, clocks, sleeping,
 * signals, pipes, directories) and prints one TAP line per check ("ok 3 - ..."), then exits
 * with the number of failed checks.  Started with the argument "child", it is the program its
 * own execve() check runs.  Being an ordinary static program for the Linux system-call ABI, it
 * runs unchanged on Linux too.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <tap.h>
#include <unistd.h>

#define CHILD_STATUS 42
#define JAN_1_2020   1577836800 /* seconds since the epoch */

static void check_printf(void)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%zu %lld %f", (size_t)42, -9000000000LL, 3.25);
	printf("# printf gives \"%s\"\n", buf);
	tap_check(strcmp(buf, "42 -9000000000 3.250000") == 0, "printf %zu %lld %f");
}

/* 16 MiB, or half of the free memory when that is less (a machine of 32 MiB). */
static void check_malloc(void)
{
	long half = tap_free_memory() / 2;
	size_t size = half > 0 && half < (16L << 20) ? (size_t)half : 16 << 20;
	unsigned char *p = malloc(size);
	int ok = p != NULL;

	if (p) {
		memset(p, 0xa5, size);
		ok = p[0] == 0xa5 && p[size / 2] == 0xa5 && p[size - 1] == 0xa5;
		free(p);
	}
	tap_check(ok, "malloc of 16 MiB (half of free memory, if less), written and read back");
}

/* What the child started by check_fork_exec() runs. */
static int exec_child(int argc, char **argv)
{
	const char *env = getenv("HELLO_CHECK");

	if (argc == 3 && strcmp(argv[2], "arg") == 0 && env && strcmp(env, "yes") == 0)
		return CHILD_STATUS;
	return 1;
}

static void check_fork_exec(const char *self)
{
	char *argv[] = {(char *)self, "child", "arg", NULL};
	char *envp[] = {"HELLO_CHECK=yes", NULL};
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		char path[256];

		/* From a shell argv[0] is the bare name, found through PATH in /bin. */
		snprintf(path, sizeof(path), "%s%s", strchr(self, '/') ? "" : "/bin/", self);
		execve(path, argv, envp);
		_exit(2);
	}
	tap_check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == CHILD_STATUS,
		  "fork, execve with argv and envp, waitpid gets the exit status");
}

static void check_fork_parent(void)
{
	pid_t parent = getpid(), pid;
	int status = 0;

	pid = fork();
	if (pid == 0)
		_exit(getppid() == parent ? 0 : 1);
	tap_check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
		  "a child's getppid() is its parent's getpid()");
}

static void check_killed_child(void)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		kill(getpid(), SIGTERM);
		_exit(0);
	}
	tap_check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFSIGNALED(status) &&
		      WTERMSIG(status) == SIGTERM,
		  "a child killed by SIGTERM: WIFSIGNALED, WTERMSIG");
}

static long long elapsed_ns(const struct timespec *a, const struct timespec *b)
{
	return (b->tv_sec - a->tv_sec) * 1000000000LL + (b->tv_nsec - a->tv_nsec);
}

static void check_clock_sleep(void)
{
	struct timespec before, after, nap = {.tv_nsec = 20000000};
	int ok;

	ok = clock_gettime(CLOCK_MONOTONIC, &before) == 0 && nanosleep(&nap, NULL) == 0 &&
	     clock_gettime(CLOCK_MONOTONIC, &after) == 0;
	printf("# nanosleep(20 ms) took %lld ns\n", elapsed_ns(&before, &after));
	tap_check(ok && elapsed_ns(&before, &after) >= 20000000, "nanosleep sleeps at least 20 ms");
	tap_check(time(NULL) > JAN_1_2020, "time() reads the real-time clock: a date after 2020");
}

static volatile sig_atomic_t usr1_seen, alrm_seen, usr2_seen;

static void on_usr1(int sig)
{
	usr1_seen = sig;
}

static void on_alrm(int sig)
{
	alrm_seen = sig;
}

static void on_usr2(int sig)
{
	usr2_seen = sig;
}

static void check_signals(void)
{
	struct sigaction act = {0};
	sigset_t block;

	act.sa_handler = on_usr1;
	sigemptyset(&act.sa_mask);
	tap_check(sigaction(SIGUSR1, &act, NULL) == 0 && kill(getpid(), SIGUSR1) == 0 &&
		      usr1_seen == SIGUSR1,
		  "sigaction handler runs for kill(getpid(), SIGUSR1)");

	act.sa_handler = on_alrm;
	tap_check(sigaction(SIGALRM, &act, NULL) == 0 && kill(getpid(), SIGALRM) == 0 &&
		      alrm_seen == SIGALRM,
		  "sigaction handler runs for kill(getpid(), SIGALRM)");

	tap_check(signal(SIGUSR2, on_usr2) != SIG_ERR && raise(SIGUSR2) == 0 &&
		      usr2_seen == SIGUSR2,
		  "signal() and raise()");

	usr1_seen = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, NULL);
	kill(getpid(), SIGUSR1);
	tap_check(usr1_seen == 0, "a blocked signal waits");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	tap_check(usr1_seen == SIGUSR1, "unblocking delivers it");
}

static void check_pipe(void)
{
	char buf[8] = "";
	int fds[2];

	tap_check(pipe(fds) == 0 && write(fds[1], "hello", 5) == 5 && read(fds[0], buf, 7) == 5 &&
		      memcmp(buf, "hello", 5) == 0 && close(fds[0]) == 0 && close(fds[1]) == 0,
		  "pipe: write, then read the same bytes");
}

static void check_readdir(void)
{
	DIR *dir = opendir("/");
	int entries = 0, named = 0;
	struct dirent *entry;

	if (dir) {
		while ((entry = readdir(dir))) {
			entries++;
			named += entry->d_name[0] != '\0';
		}
		closedir(dir);
	}
	printf("# / has %d entries\n", entries);
	tap_check(dir && entries > 0 && named == entries, "opendir(\"/\") and readdir");
}

static void check_uname(void)
{
	struct utsname u;

	if (uname(&u) == 0)
		printf("# running on %s %s (%s)\n", u.sysname, u.release, u.machine);
	else
		u.sysname[0] = '\0';
	tap_check(u.sysname[0] != '\0', "uname");
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "child") == 0)
		return exec_child(argc, argv);

	printf("Hello from a newlib program, pid %d\n", (int)getpid());
	check_printf();
	check_malloc();
	fflush(stdout); /* or the children would inherit, and print again, what is buffered */
	check_fork_exec(argv[0]);
	check_fork_parent();
	check_killed_child();
	check_clock_sleep();
	check_signals();
	check_pipe();
	check_readdir();
	check_uname();
	tap_done();
	return tap_failures;
}
