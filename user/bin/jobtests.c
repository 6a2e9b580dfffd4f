/*
 * jobtests: process groups, sessions and the terminal, checked from user space; one TAP line
 * per check ("ok 3 - setpgid: a pid that is not a child is ESRCH"), exit status 0 only when
 * all passed.
 *
 *   setpgid, getpgid, getpgrp, setsid, getsid: their results and errno values
 *   kill(-pgid) and kill(0): a signal reaches every member of a group
 *   zombies: a pid exists until it is reaped, so kill() on a zombie (or a group of them)
 *   succeeds and does nothing
 *   wait4() by group: pid 0 (the caller's group) and -pgid reap only children in that group
 *   stop and continue: SIGSTOP and SIGTSTP stop a child, SIGCONT continues it, SIGKILL kills
 *   it while stopped; WUNTRACED and WCONTINUED report each once, with WNOHANG or without;
 *   /proc/PID/stat and status show state T; the parent's SIGCHLD, and SA_NOCLDSTOP; a stop
 *   signal and SIGCONT cancel each other while pending; an orphaned group ignores SIGTSTP,
 *   and an exit that orphans a group with a stopped member sends it SIGHUP and SIGCONT
 *   blocking calls across signals: a stop and continue is invisible to read() and pause();
 *   a handler makes read() fail with EINTR, or go on with SA_RESTART
 *   the terminal (when stdin is one): tcgetattr/tcsetattr into raw mode and back, the window
 *   size, the foreground process group (tcgetpgrp/tcsetpgrp), and SIGTTIN for a background
 *   read
 *
 * An ordinary POSIX program: it passes on Linux too, which is how its expectations are
 * checked.  On Corral it runs as init (tests/suites.py); on Linux, from a terminal.
 */
#include <errno.h>
#include <fcntl.h>
#include <intprintf.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static int test_number, failures;

static void check(int passed, const char *what)
{
	test_number++;
	failures += !passed;
	printf("%sok %d - %s\n", passed ? "" : "not ", test_number, what);
	fflush(stdout);
}

static void skip(const char *what, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++test_number, what, why);
	fflush(stdout);
}

/* A pid that no process has: a child's, once it has been reaped. */
static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

/* A child that waits for a signal; in group pgid (0: its own, -1: the parent's). */
static pid_t paused_child(pid_t pgid)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (pgid >= 0)
			setpgid(0, pgid);
		for (;;)
			pause();
	}
	if (pgid >= 0)
		setpgid(pid, pgid ? pgid : pid);
	return pid;
}

static void kill_and_reap(pid_t child)
{
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
}

/* The exit status of a child that ran fn; -1 if it did not exit normally. */
static int child_status(int (*fn)(void))
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(fn());
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* ---- process groups ---- */

static int new_group_child(void)
{
	return setpgid(0, 0) == 0 && getpgrp() == getpid() && getpgid(0) == getpid() ? 0 : 1;
}

static int leader_setsid(void)
{
	setpgid(0, 0);
	return setsid() == -1 && errno == EPERM ? 0 : 1;
}

static int fresh_setsid(void)
{
	pid_t self = getpid();

	if (getpgrp() == self || setsid() != self)
		return 1;
	if (getsid(0) != self || getpgrp() != self)
		return 2;
	return setpgid(0, 0) == -1 && errno == EPERM ? 0 : 3;
}

static void test_groups(void)
{
	pid_t dead = dead_pid(), child;

	check(getpgrp() == getpgid(0) && getpgid(0) == getpgid(getpid()),
	      "getpgrp: the same as getpgid(0) and getpgid(getpid())");
	check(getsid(0) == getsid(getpid()) && getsid(0) > 0, "getsid: 0 means the caller");
	check(child_status(new_group_child) == 0, "setpgid(0, 0): the caller leads a new group");
	check(setpgid(dead, 0) == -1 && errno == ESRCH,
	      "setpgid: a pid that is not the caller or its child is ESRCH");
	check(setpgid(0, -1) == -1 && errno == EINVAL, "setpgid: a negative group is EINVAL");
	check(getpgid(dead) == -1 && errno == ESRCH, "getpgid: a pid nobody has is ESRCH");
	check(getsid(dead) == -1 && errno == ESRCH, "getsid: a pid nobody has is ESRCH");
	child = paused_child(-1);
	check(setpgid(child, 0) == 0 && getpgid(child) == child,
	      "setpgid: the parent moves its child into a group of its own");
	check(setpgid(child, dead) == -1 && errno == EPERM,
	      "setpgid: a group that does not exist in the session is EPERM");
	check(setpgid(child, getpgrp()) == 0 && getpgid(child) == getpgrp(),
	      "setpgid: and back into the parent's group");
	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	check(child_status(leader_setsid) == 0, "setsid: a group leader is EPERM");
	check(child_status(fresh_setsid) == 0,
	      "setsid: leads a new session and group; its leader cannot change group (EPERM)");
}

static void test_group_kill(void)
{
	pid_t a = paused_child(0), b = paused_child(a), dead = dead_pid();
	int status_a = 0, status_b = 0;

	check(getpgid(b) == a, "setpgid: a second child joins the first one's group");
	check(kill(-a, SIGTERM) == 0, "kill(-pgid): succeeds for a group with members");
	waitpid(a, &status_a, 0);
	waitpid(b, &status_b, 0);
	check(WIFSIGNALED(status_a) && WTERMSIG(status_a) == SIGTERM && WIFSIGNALED(status_b) &&
		  WTERMSIG(status_b) == SIGTERM,
	      "kill(-pgid): every member of the group gets the signal");
	check(kill(-dead, 0) == -1 && errno == ESRCH, "kill(-pgid): an empty group is ESRCH");
	check(kill(0, 0) == 0, "kill(0): the caller's own group exists");
}

static volatile sig_atomic_t got_usr1;

static void on_usr1(int sig)
{
	got_usr1 = sig;
}

static int kill_own_group(void)
{
	signal(SIGUSR1, on_usr1);
	setpgid(0, 0);
	kill(0, SIGUSR1);
	return got_usr1 == SIGUSR1 ? 0 : 1;
}

/* ---- helpers for children that stop ---- */

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&t, NULL);
}

/* Milliseconds of the monotonic clock. */
static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/*
 * waitpid() that gives up: polls with WNOHANG for up to ms milliseconds, so that a child that
 * never stops fails a check instead of hanging the run.  0 if nothing came.
 */
static pid_t waitpid_within(pid_t pid, int *status, int options, long ms)
{
	long end = now_ms() + ms;
	pid_t got;

	while ((got = waitpid(pid, status, options | WNOHANG)) == 0 && now_ms() < end)
		sleep_ms(5);
	return got;
}

/* Whether child is reported stopped by sig within a second (WUNTRACED). */
static int stops_with(pid_t child, int sig)
{
	int status = 0;

	return waitpid_within(child, &status, WUNTRACED, 1000) == child && WIFSTOPPED(status) &&
	       WSTOPSIG(status) == sig;
}

/* Whether child is reported continued within a second (WCONTINUED). */
static int continues(pid_t child)
{
	int status = 0;

	return waitpid_within(child, &status, WCONTINUED, 1000) == child && WIFCONTINUED(status);
}

/* Bytes in a non-blocking pipe now, read and thrown away. */
static int drain(int fd)
{
	char buf[256];
	int total = 0;
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += (int)n;
	return total;
}

/* Whether a byte comes through non-blocking fd within ms milliseconds; *c gets it. */
static int byte_within(int fd, char *c, long ms)
{
	long end = now_ms() + ms;
	int got;

	while (!(got = read(fd, c, 1) == 1) && now_ms() < end)
		sleep_ms(5);
	return got;
}

/*
 * A child that writes a byte to fd every 5 ms for as long as it runs.  It is a job of its
 * own, a group whose parent (the caller) is in another group of the session, so the group is
 * not orphaned and SIGTSTP can stop it.
 */
static pid_t ticker(int fd)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		for (;;) {
			write(fd, "t", 1);
			sleep_ms(5);
		}
	}
	setpgid(pid, pid);
	return pid;
}

/* The state letter of /proc/PID/stat ("7 (sleep) T 1 ..."), or '?'. */
static char stat_state(pid_t pid)
{
	char path[64], buf[256], *paren;
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return '?';
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	paren = strrchr(buf, ')');
	return paren && paren[1] == ' ' ? paren[2] : '?';
}

/* Whether /proc/PID/status has the line want ("State:\tT (stopped)"). */
static int status_has(pid_t pid, const char *want)
{
	char path[64], buf[1024];
	int fd;
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	return strstr(buf, want) != NULL;
}

/* ---- zombies ---- */

static volatile sig_atomic_t got_chld;

static void on_chld(int sig)
{
	got_chld = sig;
}

/* What catch_sigchld() changed, for release_sigchld() to put back. */
struct sigchld_saved {
	struct sigaction action;
	sigset_t mask;
};

/* Count SIGCHLD in got_chld (from 0), and block it until the caller waits for it. */
static void catch_sigchld(struct sigchld_saved *saved, sigset_t *chld)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, &saved->action);
	sigemptyset(chld);
	sigaddset(chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, chld, &saved->mask);
	got_chld = 0;
}

static void release_sigchld(const struct sigchld_saved *saved)
{
	sigaction(SIGCHLD, &saved->action, NULL);
	sigprocmask(SIG_SETMASK, &saved->mask, NULL);
}

/*
 * A child that has exited with code, not yet reaped: the caller waits for its SIGCHLD, which
 * comes once it is a zombie.  In a group of its own if own_group.
 */
static pid_t zombie_child(int code, int own_group)
{
	struct sigchld_saved saved;
	sigset_t chld;
	pid_t pid;

	catch_sigchld(&saved, &chld);
	pid = fork();
	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		_exit(code);
	}
	if (own_group)
		setpgid(pid, pid);
	while (!got_chld)
		sigsuspend(&saved.mask);
	release_sigchld(&saved);
	return pid;
}

static void test_zombies(void)
{
	pid_t z = zombie_child(7, 0), g;
	int status = 0;

	check(kill(z, 0) == 0, "kill(zombie, 0): the pid exists until it is reaped");
	check(kill(z, SIGKILL) == 0 && kill(z, SIGTERM) == 0,
	      "kill(zombie, SIGKILL or SIGTERM): succeeds");
	check(waitpid(z, &status, 0) == z && WIFEXITED(status) && WEXITSTATUS(status) == 7,
	      "kill(zombie): does nothing; the exit status stays");
	check(kill(z, 0) == -1 && errno == ESRCH, "kill(reaped pid, 0): ESRCH");
	g = zombie_child(3, 1);
	check(kill(-g, 0) == 0 && kill(-g, SIGKILL) == 0,
	      "kill(-pgid): a group made only of zombies still exists");
	check(getpgid(g) == g, "getpgid(zombie): its group");
	check(waitpid(g, &status, 0) == g && WIFEXITED(status) && WEXITSTATUS(status) == 3,
	      "kill(-pgid) on zombies: their exit status stays");
	check(kill(-g, 0) == -1 && errno == ESRCH,
	      "kill(-pgid): ESRCH once the zombies are reaped");
}

/* ---- wait4() by process group ---- */

static void test_wait_group(void)
{
	pid_t other = zombie_child(5, 1), mine = zombie_child(6, 0), live;
	int status = 0;

	check(waitpid(0, &status, WNOHANG) == mine && WEXITSTATUS(status) == 6,
	      "waitpid(0): reaps a child of the caller's group");
	errno = 0;
	check(waitpid(0, &status, WNOHANG) == -1 && errno == ECHILD,
	      "waitpid(0): a zombie in another group is not reaped (ECHILD)");
	errno = 0;
	check(waitpid(0, &status, 0) == -1 && errno == ECHILD,
	      "waitpid(0) without WNOHANG: ECHILD too, it does not wait for the other group");
	live = paused_child(-1);
	check(waitpid(0, &status, WNOHANG) == 0,
	      "waitpid(0, WNOHANG): 0 while the group's child runs, another group's is a zombie");
	kill_and_reap(live);
	check(waitpid(-other, &status, 0) == other && WEXITSTATUS(status) == 5,
	      "waitpid(-pgid): reaps the child in that group");
	other = zombie_child(4, 1);
	live = paused_child(-1);
	check(waitpid(-live, &status, WNOHANG) == -1 && errno == ECHILD,
	      "waitpid(-pgid): ECHILD when no child is in that group");
	kill_and_reap(live);
	waitpid(other, NULL, 0);
	errno = 0;
	check(waitpid(INT_MIN, &status, WNOHANG) == -1 && errno == ESRCH,
	      "waitpid(INT_MIN): ESRCH (its group, -INT_MIN, is no number)");
}

/* ---- stop and continue ---- */

static void test_stop_continue(void)
{
	int fds[2], status = 0;
	pid_t child;
	char c;

	if (pipe2(fds, O_NONBLOCK) != 0) {
		skip("stop and continue", "no pipe2");
		return;
	}
	child = ticker(fds[1]);
	check(byte_within(fds[0], &c, 1000), "a ticking child runs");
	check(waitpid(child, &status, WUNTRACED | WNOHANG) == 0,
	      "waitpid(WUNTRACED | WNOHANG): 0 for a running child");
	kill(child, SIGSTOP);
	check(stops_with(child, SIGSTOP),
	      "SIGSTOP: waitpid(WUNTRACED) reports WIFSTOPPED, SIGSTOP");
	check(waitpid(child, &status, WUNTRACED | WNOHANG) == 0,
	      "waitpid(WUNTRACED): a stop is reported once");
	drain(fds[0]);
	sleep_ms(50);
	check(drain(fds[0]) == 0, "a stopped child runs no more");
	check(stat_state(child) == 'T', "/proc/PID/stat: state T for a stopped child");
	check(status_has(child, "State:\tT (stopped)"), "/proc/PID/status: State: T (stopped)");
	check(waitpid(child, &status, WCONTINUED | WNOHANG) == 0,
	      "waitpid(WCONTINUED): nothing while it is stopped");
	kill(child, SIGTERM);
	sleep_ms(20);
	check(waitpid(child, &status, WNOHANG) == 0,
	      "SIGTERM to a stopped child waits until it continues");
	kill(child, SIGSTOP);
	kill(child, SIGCONT);
	check(waitpid_within(child, &status, 0, 1000) == child && WIFSIGNALED(status) &&
		  WTERMSIG(status) == SIGTERM,
	      "SIGCONT: the pending SIGTERM then ends it");

	child = ticker(fds[1]);
	kill(child, SIGTSTP);
	check(stops_with(child, SIGTSTP), "SIGTSTP: stops by default; WSTOPSIG is SIGTSTP");
	kill(child, SIGCONT);
	check(continues(child), "SIGCONT: waitpid(WCONTINUED) reports WIFCONTINUED");
	check(waitpid(child, &status, WCONTINUED | WNOHANG) == 0,
	      "waitpid(WCONTINUED): a continue is reported once");
	drain(fds[0]);
	check(byte_within(fds[0], &c, 1000), "a continued child runs again");
	check(stat_state(child) != 'T', "/proc/PID/stat: no longer T once continued");
	kill(child, SIGCONT);
	check(waitpid_within(child, &status, WCONTINUED, 100) == 0,
	      "SIGCONT to a running child: nothing to report");
	kill(child, SIGTTIN);
	check(stops_with(child, SIGTTIN), "SIGTTIN: stops by default");
	kill(child, SIGCONT);
	continues(child);
	kill(child, SIGTTOU);
	check(stops_with(child, SIGTTOU), "SIGTTOU: stops by default");
	kill(child, SIGKILL);
	check(waitpid_within(child, &status, 0, 1000) == child && WIFSIGNALED(status) &&
		  WTERMSIG(status) == SIGKILL,
	      "SIGKILL: ends a stopped child at once");

	child = ticker(fds[1]);
	kill(child, SIGSTOP);
	stops_with(child, SIGSTOP);
	kill(child, SIGCONT);
	kill(child, SIGSTOP);
	sleep_ms(50);
	check(waitpid(child, &status, WUNTRACED | WCONTINUED | WNOHANG) == child &&
		  WIFSTOPPED(status) && waitpid(child, &status, WCONTINUED | WNOHANG) == 0,
	      "stopped again before the continue was collected: the stop replaces it");
	kill_and_reap(child);
	close(fds[0]);
	close(fds[1]);
}

static volatile sig_atomic_t got_cont;

static void on_cont(int sig)
{
	got_cont = sig;
}

/* A child that blocks SIGSTOP (which cannot be blocked) and SIGCONT, then waits. */
static pid_t blocking_child(void)
{
	pid_t pid = fork();
	sigset_t set;

	if (pid == 0) {
		sigemptyset(&set);
		sigaddset(&set, SIGSTOP);
		sigaddset(&set, SIGCONT);
		sigprocmask(SIG_BLOCK, &set, NULL);
		for (;;)
			pause();
	}
	return pid;
}

/* In a child: a caught SIGCONT runs its handler only once the child has been continued. */
static int cont_handler_runs(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_cont;
	sigaction(SIGCONT, &sa, NULL);
	kill(getpid(), SIGSTOP); /* the parent continues it */
	return got_cont == SIGCONT ? 0 : 1;
}

static pid_t start(int (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(fn());
	return pid;
}

/* In a child: pending SIGCONT and stop signals cancel each other (both blocked). */
static int stop_and_cont_cancel(void)
{
	sigset_t set, pending;

	sigemptyset(&set);
	sigaddset(&set, SIGCONT);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGCONT);
	kill(getpid(), SIGTSTP);
	if (sigpending(&pending) != 0 || sigismember(&pending, SIGCONT) ||
	    !sigismember(&pending, SIGTSTP))
		return 1;
	kill(getpid(), SIGCONT);
	if (sigpending(&pending) != 0 || sigismember(&pending, SIGTSTP) ||
	    !sigismember(&pending, SIGCONT))
		return 2;
	signal(SIGCONT, SIG_IGN);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	return 0;
}

static void test_stop_rules(void)
{
	pid_t child = blocking_child();
	int status = 0;

	kill(child, SIGSTOP);
	check(stops_with(child, SIGSTOP), "SIGSTOP: stops a child that tried to block it");
	kill(child, SIGCONT);
	check(continues(child), "SIGCONT: continues a child that blocks it");
	kill_and_reap(child);
	child = fork();
	if (child == 0) {
		signal(SIGCONT, SIG_IGN);
		for (;;)
			pause();
	}
	kill(child, SIGSTOP);
	stops_with(child, SIGSTOP);
	kill(child, SIGCONT);
	check(continues(child), "SIGCONT: continues a child that ignores it");
	kill_and_reap(child);
	child = start(cont_handler_runs);
	check(stops_with(child, SIGSTOP), "kill(getpid(), SIGSTOP): a child stops itself");
	kill(child, SIGCONT);
	check(waitpid_within(child, &status, 0, 1000) == child && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0,
	      "SIGCONT: a handler for it runs once the child has continued");
	check(child_status(stop_and_cont_cancel) == 0,
	      "a stop signal discards a pending SIGCONT, and SIGCONT a pending stop signal");
}

/* ---- SIGCHLD for stops and continues ---- */

/* Whether SIGCHLD becomes pending (it is blocked) within ms milliseconds. */
static int chld_pending_within(long ms)
{
	long end = now_ms() + ms;
	sigset_t pending;
	int got;

	while (!(got = sigpending(&pending) == 0 && sigismember(&pending, SIGCHLD)) &&
	       now_ms() < end)
		sleep_ms(5);
	return got;
}

/* Let a pending SIGCHLD run its handler, then block SIGCHLD again. */
static void take_chld(const sigset_t *chld)
{
	sigprocmask(SIG_UNBLOCK, chld, NULL);
	sigprocmask(SIG_BLOCK, chld, NULL);
}

static void test_sigchld(void)
{
	struct sigchld_saved saved;
	struct sigaction sa;
	sigset_t chld;
	pid_t child;

	catch_sigchld(&saved, &chld);
	child = paused_child(-1);
	kill(child, SIGSTOP);
	stops_with(child, SIGSTOP);
	check(chld_pending_within(1000), "SIGCHLD: the parent gets it when a child stops");
	take_chld(&chld);
	kill(child, SIGCONT);
	continues(child);
	check(chld_pending_within(1000), "SIGCHLD: and when it continues");
	take_chld(&chld);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sa.sa_flags = SA_NOCLDSTOP;
	sigaction(SIGCHLD, &sa, NULL);
	kill(child, SIGSTOP);
	stops_with(child, SIGSTOP);
	kill(child, SIGCONT);
	continues(child);
	check(!chld_pending_within(50), "SA_NOCLDSTOP: no SIGCHLD for a stop or a continue");
	kill_and_reap(child);
	check(chld_pending_within(1000), "SA_NOCLDSTOP: SIGCHLD still comes when the child ends");
	take_chld(&chld);
	release_sigchld(&saved);
}

/* ---- orphaned process groups ---- */

static int winch_fd;

static void on_winch(int sig)
{
	write(winch_fd, "w", 1);
}

/*
 * A child that leads a new session, so that its group is orphaned (its parent is in another
 * session): the terminal's stop signals must not stop it, SIGSTOP still does.  It answers
 * SIGWINCH with a byte, to show it still runs.
 */
static void test_orphaned_group(void)
{
	int fds[2];
	pid_t child;
	char c;

	if (pipe2(fds, O_NONBLOCK) != 0)
		return;
	child = fork();
	if (child == 0) {
		winch_fd = fds[1];
		signal(SIGWINCH, on_winch);
		setsid();
		write(fds[1], "s", 1);
		for (;;)
			pause();
	}
	byte_within(fds[0], &c, 1000);
	kill(child, SIGTSTP);
	kill(child, SIGTTIN);
	kill(child, SIGTTOU);
	kill(child, SIGWINCH);
	check(byte_within(fds[0], &c, 1000) && waitpid(child, NULL, WUNTRACED | WNOHANG) == 0,
	      "orphaned group: SIGTSTP, SIGTTIN and SIGTTOU are discarded");
	kill(child, SIGSTOP);
	check(stops_with(child, SIGSTOP), "orphaned group: SIGSTOP still stops");
	kill_and_reap(child);
	close(fds[0]);
	close(fds[1]);
}

static int hup_fd;

static void on_hup(int sig)
{
	write(hup_fd, "h", 1);
	_exit(0);
}

/*
 * The middle of three generations: leads a session, starts a job in a group of its own that
 * stops itself, and exits once it has stopped, which orphans the job's group.
 */
static void leave_stopped_job(int fd)
{
	pid_t job;

	setsid();
	job = fork();
	if (job == 0) {
		hup_fd = fd;
		signal(SIGHUP, on_hup);
		setpgid(0, 0);
		kill(getpid(), SIGSTOP);
		for (;;)
			pause();
	}
	setpgid(job, job);
	_exit(stops_with(job, SIGSTOP) ? 0 : 1);
}

/*
 * POSIX: an exit that orphans a group with a stopped member sends every member SIGHUP, then
 * SIGCONT (the job is not our child: it shows what it got through a pipe).
 */
static void test_orphaning_exit(void)
{
	int fds[2], status = 0;
	pid_t middle;
	char c;

	if (pipe2(fds, O_NONBLOCK) != 0)
		return;
	middle = fork();
	if (middle == 0)
		leave_stopped_job(fds[1]);
	close(fds[1]);
	check(waitpid(middle, &status, 0) == middle && WIFEXITED(status) &&
		  WEXITSTATUS(status) == 0 && byte_within(fds[0], &c, 1000) && c == 'h',
	      "an exit that orphans a group with a stopped job: SIGHUP and SIGCONT to the job");
	close(fds[0]);
	sleep_ms(20);
	while (waitpid(-1, NULL, WNOHANG) > 0)
		; /* where the job's parent became this program (Corral's init) */
}

/* ---- blocking calls across signals ---- */

/* A child that reads a byte from fd (handler SIGUSR1 with flags, if any): exits 0 if the read
 * got it, 1 if it failed with EINTR, 2 otherwise. */
static pid_t reader(int fd, int ready_fd, int flags)
{
	struct sigaction sa;
	pid_t pid = fork();
	ssize_t n;
	char c;

	if (pid == 0) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_usr1;
		sa.sa_flags = flags;
		sigaction(SIGUSR1, &sa, NULL);
		write(ready_fd, "r", 1);
		n = read(fd, &c, 1);
		_exit(n == 1 ? 0 : n < 0 && errno == EINTR ? 1 : 2);
	}
	return pid;
}

/*
 * What a reader blocked in read() makes of signal sig (then a byte): its exit status, as
 * reader() says.  A stop signal is followed by SIGCONT.
 */
static int read_across(int sig, int flags)
{
	int data[2], ready[2], status = -1;
	pid_t child;
	char c;

	if (pipe(data) != 0 || pipe(ready) != 0)
		return -1;
	child = reader(data[0], ready[1], flags);
	read(ready[0], &c, 1);
	sleep_ms(100); /* into its read() */
	kill(child, sig);
	if (sig == SIGSTOP && stops_with(child, SIGSTOP))
		kill(child, SIGCONT);
	sleep_ms(50);
	write(data[1], "x", 1);
	if (waitpid_within(child, &status, 0, 2000) != child)
		kill_and_reap(child);
	close(data[0]);
	close(data[1]);
	close(ready[0]);
	close(ready[1]);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* A child that pauses once and exits 0 (a handler for SIGUSR1 with SA_RESTART). */
static int pause_once(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	pause();
	return 0;
}

static void test_calls_across_signals(void)
{
	int status = 0;
	pid_t child;

	check(read_across(SIGSTOP, 0) == 0,
	      "read() blocked in a stopped child goes on once it is continued");
	check(read_across(SIGUSR1, 0) == 1, "read() interrupted by a handler: EINTR");
	check(read_across(SIGUSR1, SA_RESTART) == 0,
	      "read() interrupted by a handler with SA_RESTART: goes on");
	child = start(pause_once);
	sleep_ms(100);
	kill(child, SIGSTOP);
	stops_with(child, SIGSTOP);
	kill(child, SIGCONT);
	continues(child);
	check(waitpid_within(child, &status, 0, 100) == 0,
	      "pause() in a child that was stopped and continued: still paused");
	kill(child, SIGUSR1);
	check(waitpid_within(child, &status, 0, 1000) == child && WIFEXITED(status),
	      "pause(): returns after a handler, even with SA_RESTART");
}

/* ---- the terminal ---- */

static void test_raw_mode(void)
{
	struct termios saved, raw, now;
	char c;

	check(tcgetattr(0, &saved) == 0 && (saved.c_lflag & ICANON) && (saved.c_lflag & ECHO),
	      "tcgetattr: the terminal starts in canonical mode with echo");
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	check(tcsetattr(0, TCSANOW, &raw) == 0, "tcsetattr: raw mode is accepted");
	check(tcgetattr(0, &now) == 0 && !(now.c_lflag & (ICANON | ECHO | ISIG)) &&
		  now.c_cc[VMIN] == 0,
	      "tcgetattr: reads raw mode back");
	check(read(0, &c, 1) == 0, "read: raw mode with VMIN 0 returns at once with nothing typed");
	check(tcsetattr(0, TCSANOW, &saved) == 0 && tcgetattr(0, &now) == 0 &&
		  (now.c_lflag & ICANON),
	      "tcsetattr: canonical mode again");
}

static int take_terminal(void)
{
	sigset_t ttou;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, NULL);
	setpgid(0, 0);
	if (tcsetpgrp(0, getpgrp()) != 0)
		return 1;
	return tcgetpgrp(0) == getpid() ? 0 : 2;
}

/*
 * A child in a background group of its own that reads the terminal, with SIGTTIN at its
 * default action (how 0), ignored (1) or blocked (2).  It exits 0 if the read fails with EIO.
 */
static pid_t background_reader(int how)
{
	pid_t pid = fork();
	sigset_t ttin;
	char c;

	if (pid == 0) {
		setpgid(0, 0);
		sigemptyset(&ttin);
		sigaddset(&ttin, SIGTTIN);
		if (how == 1)
			signal(SIGTTIN, SIG_IGN);
		if (how == 2)
			sigprocmask(SIG_BLOCK, &ttin, NULL);
		_exit(read(0, &c, 1) == -1 && errno == EIO ? 0 : 1);
	}
	setpgid(pid, pid);
	return pid;
}

/* Whether child exits with status 0 within a second. */
static int exits_ok(pid_t child)
{
	int status = 0;

	return waitpid_within(child, &status, 0, 1000) == child && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}

/* Make group pgid the terminal's foreground one, from the background too. */
static void give_terminal(pid_t pgid)
{
	sigset_t ttou, old;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	tcsetpgrp(0, pgid);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void test_background_read(void)
{
	pid_t child = background_reader(0);
	int status = 0;

	check(stops_with(child, SIGTTIN), "read from a background group: SIGTTIN stops the reader");
	give_terminal(child);
	kill(child, SIGCONT);
	check(waitpid_within(child, &status, 0, 200) == 0,
	      "continued in the foreground, the reader reads again: it waits for input");
	kill_and_reap(child);
	give_terminal(getpgrp());
	child = background_reader(1);
	check(exits_ok(child), "read from a background group that ignores SIGTTIN: EIO");
	kill_and_reap(child);
	child = background_reader(2);
	check(exits_ok(child), "read from a background group that blocks SIGTTIN: EIO");
	kill_and_reap(child);
}

static void test_foreground(void)
{
	pid_t dead = dead_pid();
	sigset_t ttou, old;

	if (tcgetpgrp(0) < 0) {
		skip("tcgetpgrp: the terminal's foreground group", "not our controlling terminal");
		return;
	}
	check(tcgetpgrp(0) == getpgrp(), "tcgetpgrp: the caller's group is in the foreground");
	check(child_status(take_terminal) == 0,
	      "tcsetpgrp: a child in a new group takes the foreground");
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	check(tcsetpgrp(0, getpgrp()) == 0 && tcgetpgrp(0) == getpgrp(),
	      "tcsetpgrp: the parent takes it back");
	check(tcsetpgrp(0, dead) == -1 && errno == ESRCH,
	      "tcsetpgrp: a group that does not exist is ESRCH");
	sigprocmask(SIG_SETMASK, &old, NULL);
	test_background_read();
}

static void test_terminal(void)
{
	struct winsize size;

	if (!isatty(0)) {
		skip("the terminal: raw mode, window size, foreground group", "stdin is no tty");
		return;
	}
	test_raw_mode();
	check(ioctl(0, TIOCGWINSZ, &size) == 0, "TIOCGWINSZ: the terminal has a window size");
	check(ioctl(0, 0x5499, 0) == -1 && errno == ENOTTY, "ioctl: an unknown request is ENOTTY");
	test_foreground();
}

int main(void)
{
	test_groups();
	test_group_kill();
	check(child_status(kill_own_group) == 0, "kill(0): the caller's group gets the signal");
	test_zombies();
	test_wait_group();
	test_stop_continue();
	test_stop_rules();
	test_sigchld();
	test_orphaned_group();
	test_orphaning_exit();
	test_calls_across_signals();
	test_terminal();
	printf("1..%d\n", test_number);
	printf("jobtests: %d of %d passed\n", test_number - failures, test_number);
	return failures ? 1 : 0;
}
