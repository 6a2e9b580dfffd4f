/*
 * init: the first user process, pid 1.
 *
 * init makes /dev/console its standard input, output and error (unless the kernel opened them
 * already; the kernel has mounted /dev and /proc, init mounts nothing).  Then:
 *
 *   - with no arguments (the usual boot): it runs /etc/rc with /bin/sh if the file is there,
 *     and waits for it; then it starts a shell on the console, as the leader of a new session
 *     whose controlling terminal is the console (so ^C reaches the shell's jobs), and starts
 *     another whenever that one exits;
 *   - with arguments (the words after " -- " on the kernel command line, which is how tests
 *     run programs): it runs each one as a program, one after the other, waiting for each.
 *
 * Either way it reaps every child, including the orphans it inherits, and never exits on its
 * own: when nothing is left to do it sleeps in sigsuspend() until the next SIGCHLD.  (If init
 * ever exits, the kernel powers off.)
 */
#include <errno.h>
#include <fcntl.h>
#include <intprintf.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL "/bin/sh"
#define RC_FILE "/etc/rc"

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

/* In a new child: a session of its own, with the console as its controlling terminal. */
static void new_session_on_console(void)
{
	setsid();
	ioctl(0, TIOCSCTTY, 1);
}

/* Run argv[0] with argv, in a session of its own if asked; reap children until it has ended. */
static void run(char *const argv[], int own_session)
{
	pid_t pid = fork(), done;
	int status;

	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &program_mask, NULL);
		if (own_session)
			new_session_on_console();
		execve(argv[0], argv, environ);
		fprintf(stderr, "init: cannot run %s: %s\n", argv[0], strerror(errno));
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

/* Run path with no arguments but its name. */
static void run_program(const char *path)
{
	char *argv[] = {(char *)path, NULL};

	run(argv, 0);
}

/* The shell on the console, again and again; one that ends within a second waits 1 s first. */
static void __attribute__((noreturn)) run_shells(void)
{
	char *argv[] = {SHELL, NULL};
	struct timespec one_second = {1, 0};

	for (;;) {
		time_t start = time(NULL);

		run(argv, 1);
		if (time(NULL) - start < 1)
			nanosleep(&one_second, NULL);
	}
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

	if (argc < 2) {
		char *rc[] = {SHELL, RC_FILE, NULL};

		if (access(RC_FILE, R_OK) == 0)
			run(rc, 0);
		run_shells();
	}
	for (i = 1; i < argc; i++)
		run_program(argv[i]);
	for (;;) {
		reap_zombies();
		sigsuspend(&program_mask);
	}
}
