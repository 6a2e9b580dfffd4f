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
 *   the terminal (when stdin is one): tcgetattr/tcsetattr into raw mode and back, the window
 *   size, the foreground process group (tcgetpgrp/tcsetpgrp)
 *
 * An ordinary POSIX program: it passes on Linux too, which is how its expectations are
 * checked.  On Corral it runs as init (tests/suites.py); on Linux, from a terminal.
 */
#include <errno.h>
#include <intprintf.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
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

/* ---- zombies ---- */

static volatile sig_atomic_t got_chld;

static void on_chld(int sig)
{
	got_chld = sig;
}

/*
 * A child that has exited with code, not yet reaped: the caller waits for its SIGCHLD, which
 * comes once it is a zombie.  In a group of its own if own_group.
 */
static pid_t zombie_child(int code, int own_group)
{
	struct sigaction sa, old_sa;
	sigset_t chld, old;
	pid_t pid;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_chld;
	sigaction(SIGCHLD, &sa, &old_sa);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	got_chld = 0;
	pid = fork();
	if (pid == 0) {
		if (own_group)
			setpgid(0, 0);
		_exit(code);
	}
	if (own_group)
		setpgid(pid, pid);
	while (!got_chld)
		sigsuspend(&old);
	sigprocmask(SIG_SETMASK, &old, NULL);
	sigaction(SIGCHLD, &old_sa, NULL);
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
	check(tcsetpgrp(0, dead) == -1 && (errno == ESRCH || errno == EPERM),
	      "tcsetpgrp: a group that does not exist is refused");
	sigprocmask(SIG_SETMASK, &old, NULL);
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
	test_terminal();
	printf("1..%d\n", test_number);
	printf("jobtests: %d of %d passed\n", test_number - failures, test_number);
	return failures ? 1 : 0;
}
