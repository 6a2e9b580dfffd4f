/*
 * init: the first user process, pid 1.
 *
 * The kernel starts it with the words that follow " -- " on the kernel command line as its
 * arguments.  init makes /dev/console its standard input, output and error (unless the kernel
 * opened them already), then runs each argument as a program, one after the other, waiting for
 * each; with no arguments it runs DEFAULT_PROGRAM.  It reaps every child, including the
 * orphans it inherits, and never exits on its own: when nothing is left to wait for, it sleeps
 * in sigsuspend() until the next SIGCHLD.  (If init ever exits, the kernel powers off.)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define DEFAULT_PROGRAM "/bin/sh"

extern char **environ;

/* The signal mask programs start with: init's own, before it blocked SIGCHLD. */
static sigset_t program_mask;

/* Descriptors 0, 1 and 2 on the console, unless they are open already. */
static void open_console(void)
{
	int fd;

	if (fcntl(0, F_GETFD) >= 0)
		return;
	fd = open("/dev/console", O_RDWR);
	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static void report(pid_t pid, int status)
{
	if (WIFEXITED(status))
		printf("init: pid %d exited with status %d\n", (int)pid, WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		printf("init: pid %d killed by signal %d (%s)\n", (int)pid, WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
}

/* Run path (with no arguments but its name) and reap children until it has ended. */
static void run(const char *path)
{
	char *argv[] = {(char *)path, NULL};
	pid_t pid = fork(), done;
	int status;

	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &program_mask, NULL);
		execve(path, argv, environ);
		fprintf(stderr, "init: cannot run %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0) {
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
		return;
	}
	do {
		done = waitpid(-1, &status, 0);
		if (done > 0)
			report(done, status);
	} while (done != pid && !(done < 0 && errno == ECHILD));
}

/* Reap the children that have ended, without waiting. */
static void reap_zombies(void)
{
	pid_t done;
	int status;

	while ((done = waitpid(-1, &status, WNOHANG)) > 0)
		report(done, status);
}

static void on_sigchld(int sig)
{
}

/*
 * SIGCHLD stays blocked except inside sigsuspend(), so a child that ends between
 * reap_zombies() and sigsuspend() still wakes init.
 */
int main(int argc, char **argv)
{
	sigset_t chld;
	int i;

	open_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGCHLD, on_sigchld);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &program_mask);

	if (argc < 2)
		run(DEFAULT_PROGRAM);
	for (i = 1; i < argc; i++)
		run(argv[i]);
	for (;;) {
		reap_zombies();
		sigsuspend(&program_mask);
	}
}
