/*
 * limittests: resource limits as a program sees them.  getrlimit, setrlimit and prlimit64 and
 * their errors; limits inherited by fork and kept by execve; RLIMIT_NOFILE obeyed by open, dup2
 * and fcntl; and RLIMIT_NPROC, the processes of one real user: a fork past it fails with EAGAIN,
 * zombies count until reaped, and root (real or effective uid 0) is exempt.
 *
 *   limittests [--expect-nproc CUR MAX]
 *
 * It runs as root, and each check that needs another user runs in a child that becomes uid and
 * gid LIMIT_ID, which no real user has (so on Linux no other process of it is counted).  A
 * child reports with its exit status: 0 for a pass, else a number that says what went wrong.
 * Like permtests it passes on Linux too (tests/limittests/host_test.py): that is how its rules
 * are known to be Linux's.  With --expect-nproc it is the program its own execve() check runs:
 * it exits 0 when its RLIMIT_NPROC is CUR and MAX.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define LIMIT_ID  4242 /* the user the NPROC checks run as */
#define NPROC_MAX 5    /* their RLIMIT_NPROC */
#define DIED	  255  /* a child's status when it died or could not set up */

static const char *self_path;

/* Run check in a child; its exit status (DIED if it did not exit). */
static int in_child(int (*check)(void))
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(check());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* Become LIMIT_ID, real, effective and saved; 0 or -1. */
static int become_user(void)
{
	return setresgid(LIMIT_ID, LIMIT_ID, LIMIT_ID) == 0 &&
			       setresuid(LIMIT_ID, LIMIT_ID, LIMIT_ID) == 0
		   ? 0
		   : -1;
}

/* errno of a raw system call with three arguments, 0 if it succeeded. */
static int raw_errno(long nr, long a, long b, long c)
{
	errno = 0;
	return syscall(nr, a, b, c) < 0 ? errno : 0;
}

static void check_errno(int got, int want, const char *what)
{
	tap_check(got == want, what);
	if (got != want)
		printf("# got %s, want %s\n", got ? strerror(got) : "success",
		       want ? strerror(want) : "success");
}

/* ---- the calls and their errors ---- */

static void check_calls(void)
{
	struct rlimit r, old, nofile;
	struct rlimit bad = {2, 1};

	tap_check(getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur > 0 && r.rlim_cur <= r.rlim_max,
		  "getrlimit(RLIMIT_NPROC) gives a soft limit at most the hard one");
	tap_check(getrlimit(RLIMIT_NOFILE, &nofile) == 0 &&
			  sysconf(_SC_OPEN_MAX) == (long)nofile.rlim_cur,
		  "getrlimit(RLIMIT_NOFILE) is what sysconf(_SC_OPEN_MAX) says");
	check_errno(raw_errno(SYS_getrlimit, RLIM_NLIMITS, (long)&r, 0), EINVAL,
		    "getrlimit of resource RLIM_NLIMITS is EINVAL");
	check_errno(raw_errno(SYS_getrlimit, RLIMIT_NPROC, 8, 0), EFAULT,
		    "getrlimit into a bad pointer is EFAULT");
	check_errno(raw_errno(SYS_setrlimit, RLIMIT_NPROC, 8, 0), EFAULT,
		    "setrlimit from a bad pointer is EFAULT");
	check_errno(raw_errno(SYS_setrlimit, 1000, (long)&r, 0), EINVAL,
		    "setrlimit of resource 1000 is EINVAL");
	check_errno(raw_errno(SYS_setrlimit, RLIMIT_NPROC, (long)&bad, 0), EINVAL,
		    "setrlimit with the soft limit above the hard one is EINVAL");
	r = (struct rlimit){RLIM_INFINITY, RLIM_INFINITY};
	check_errno(raw_errno(SYS_setrlimit, RLIMIT_NOFILE, (long)&r, 0), EPERM,
		    "setrlimit(RLIMIT_NOFILE) past the most descriptors there can be is EPERM, "
		    "for root too");
	errno = 0;
	tap_check(prlimit(0, RLIMIT_NOFILE, NULL, &old) == 0 && old.rlim_cur == nofile.rlim_cur &&
			  old.rlim_max == nofile.rlim_max,
		  "prlimit64 of pid 0 reads the caller's own limit");
	check_errno(prlimit(0, RLIM_NLIMITS, NULL, &old) < 0 ? errno : 0, EINVAL,
		    "prlimit64 of resource RLIM_NLIMITS is EINVAL");
	check_errno(prlimit(-1, RLIMIT_NPROC, NULL, &old) < 0 ? errno : 0, ESRCH,
		    "prlimit64 of pid -1 is ESRCH");
}

/* A pid that was a child's and is no more (reaped). */
static pid_t gone_pid(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, &status, 0);
	return pid;
}

/* As LIMIT_ID: reading init's limit is EPERM; reading its own child's is allowed. */
static int prlimit_as_user(void)
{
	struct rlimit r;
	int fds[2], result;
	pid_t pid;
	char c;

	if (become_user() || pipe(fds))
		return DIED;
	if (prlimit(1, RLIMIT_NPROC, NULL, &r) == 0 || errno != EPERM)
		return 1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
	}
	result = prlimit(pid, RLIMIT_NPROC, NULL, &r) == 0 ? 0 : 2;
	close(fds[1]);
	waitpid(pid, NULL, 0);
	return result;
}

/* As LIMIT_ID: lowering the hard limit is allowed, raising it again EPERM; the soft may rise. */
static int hard_limit_as_user(void)
{
	struct rlimit r;

	if (become_user() || getrlimit(RLIMIT_NPROC, &r))
		return DIED;
	r.rlim_max = r.rlim_cur = 8; /* below any machine's: Corral's is at least 10 */
	if (setrlimit(RLIMIT_NPROC, &r))
		return 1;
	r.rlim_cur = 4;
	if (setrlimit(RLIMIT_NPROC, &r))
		return 2;
	r.rlim_cur = 8;
	if (setrlimit(RLIMIT_NPROC, &r))
		return 3;
	r.rlim_max = 9;
	if (setrlimit(RLIMIT_NPROC, &r) == 0 || errno != EPERM)
		return 4;
	return 0;
}

/* Root lowers its hard limit and raises it again. */
static int hard_limit_as_root(void)
{
	struct rlimit r, lower;

	if (getrlimit(RLIMIT_NPROC, &r))
		return DIED;
	lower = (struct rlimit){10, 10};
	if (setrlimit(RLIMIT_NPROC, &lower) || setrlimit(RLIMIT_NPROC, &r))
		return 1;
	return 0;
}

/*
 * Whether root here may raise a hard limit: Linux asks for CAP_SYS_RESOURCE (bit 24 of CapEff
 * in /proc/self/status), which a container may take from root; Corral's root, with no such
 * line, may.
 */
static int may_raise_hard_limit(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	unsigned long long caps = ~0ULL;
	char line[128];

	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "CapEff: %llx", &caps) == 1)
			break;
	if (f)
		fclose(f);
	return (caps >> 24) & 1;
}

static void check_permissions(void)
{
	struct rlimit r;
	pid_t gone = gone_pid();

	check_errno(prlimit(gone, RLIMIT_NPROC, NULL, &r) < 0 ? errno : 0, ESRCH,
		    "prlimit64 of a pid that is gone is ESRCH");
	tap_check(in_child(prlimit_as_user) == 0,
		  "prlimit64 of another user's process is EPERM; of one's own child, allowed");
	tap_check(in_child(hard_limit_as_user) == 0,
		  "a user may lower its hard limit, not raise it again (EPERM)");
	if (may_raise_hard_limit())
		tap_check(in_child(hard_limit_as_root) == 0, "root may raise its hard limit");
	else
		tap_skip("root may raise its hard limit", "root lacks CAP_SYS_RESOURCE here");
}

/* ---- inherited by fork, kept by execve ---- */

static int inherit_and_exec(void)
{
	struct rlimit r = {7, 9}, got;
	char cur[16], max[16];
	int status;
	pid_t pid;

	if (setrlimit(RLIMIT_NPROC, &r))
		return DIED;
	pid = fork();
	if (pid == 0)
		_exit(getrlimit(RLIMIT_NPROC, &got) == 0 && got.rlim_cur == 7 && got.rlim_max == 9
			  ? 0
			  : 1);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return 1;
	snprintf(cur, sizeof(cur), "%lu", (unsigned long)r.rlim_cur);
	snprintf(max, sizeof(max), "%lu", (unsigned long)r.rlim_max);
	execl(self_path, self_path, "--expect-nproc", cur, max, (char *)NULL);
	return 2;
}

/* Another process sets a child's limit with prlimit64; the child sees it. */
static int prlimit_sets_child(void)
{
	struct rlimit r = {11, 12};
	int fds[2], status;
	pid_t pid;
	char c;

	if (pipe(fds))
		return DIED;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &c, 1) != 0 || getrlimit(RLIMIT_NPROC, &r))
			_exit(1);
		_exit(r.rlim_cur == 11 && r.rlim_max == 12 ? 0 : 1);
	}
	close(fds[0]);
	if (prlimit(pid, RLIMIT_NPROC, &r, NULL))
		return 2;
	close(fds[1]);
	return waitpid(pid, &status, 0) == pid && WIFEXITED(status) ? WEXITSTATUS(status) : DIED;
}

static void check_inheritance(void)
{
	tap_check(in_child(inherit_and_exec) == 0,
		  "limits set by setrlimit are inherited by fork and kept by execve");
	tap_check(in_child(prlimit_sets_child) == 0,
		  "prlimit64 sets another process's limit, which it then reads");
}

/* ---- RLIMIT_NOFILE ---- */

#define NOFILE_LOW 5

static int nofile_obeyed(void)
{
	struct rlimit r = {NOFILE_LOW, NOFILE_LOW};
	int fd, last = -1;

	if (setrlimit(RLIMIT_NOFILE, &r))
		return DIED;
	while ((fd = open("/dev/null", O_RDONLY)) >= 0)
		last = fd;
	if (errno != EMFILE || last >= NOFILE_LOW)
		return 1;
	if (dup2(0, NOFILE_LOW) >= 0 || errno != EBADF)
		return 2;
	if (fcntl(0, F_DUPFD, NOFILE_LOW) >= 0 || errno != EINVAL)
		return 3;
	if (dup2(0, NOFILE_LOW - 1) != NOFILE_LOW - 1)
		return 4;
	return 0;
}

static void check_nofile(void)
{
	tap_check(in_child(nofile_obeyed) == 0,
		  "with RLIMIT_NOFILE 5: open is EMFILE past fd 4, dup2 to fd 5 EBADF, "
		  "F_DUPFD from 5 EINVAL");
}

/* ---- RLIMIT_NPROC ---- */

/*
 * Fork children that wait for a pipe to close, until fork fails: how many it made, or -1 when
 * the failure was not EAGAIN.  Then the children end and are reaped.
 */
static int fork_until_refused(void)
{
	pid_t pids[64];
	int fds[2], made = 0, err;
	char c;

	if (pipe(fds))
		return -1;
	for (; made < 64; made++) {
		pids[made] = fork();
		if (pids[made] == 0) {
			close(fds[1]);
			_exit(read(fds[0], &c, 1) == 0 ? 0 : 1);
		}
		if (pids[made] < 0)
			break;
	}
	err = errno;
	close(fds[1]);
	close(fds[0]);
	for (int i = 0; i < made; i++)
		waitpid(pids[i], NULL, 0);
	return made < 64 && err == EAGAIN ? made : -1;
}

static int set_nproc(void)
{
	struct rlimit r = {NPROC_MAX, NPROC_MAX};

	return setrlimit(RLIMIT_NPROC, &r);
}

/* As LIMIT_ID with RLIMIT_NPROC 5: itself and 4 children, then EAGAIN (exit status 4). */
static int nproc_as_user(void)
{
	if (become_user() || set_nproc())
		return DIED;
	return fork_until_refused();
}

/* The same with a zombie child not yet reaped: 3 more. */
static int nproc_with_zombie(void)
{
	struct timespec pause = {0, 50000000};
	pid_t zombie;

	if (become_user() || set_nproc())
		return DIED;
	zombie = fork();
	if (zombie == 0)
		_exit(0);
	nanosleep(&pause, NULL);
	return fork_until_refused();
}

/* A process of root's, real uid 0, with RLIMIT_NPROC 1: fork still succeeds. */
static int nproc_as_root(void)
{
	struct rlimit r = {1, 1};
	int status;
	pid_t pid;

	if (setrlimit(RLIMIT_NPROC, &r))
		return DIED;
	pid = fork();
	if (pid == 0)
		_exit(0);
	return pid > 0 && waitpid(pid, &status, 0) == pid ? 0 : 1;
}

/* Real uid LIMIT_ID, effective uid 0, RLIMIT_NPROC 1: exempt too. */
static int nproc_as_effective_root(void)
{
	if (setresuid(LIMIT_ID, 0, 0))
		return DIED;
	return nproc_as_root();
}

static void check_nproc(void)
{
	int made = in_child(nproc_as_user);

	tap_check(made == NPROC_MAX - 1, "RLIMIT_NPROC 5 as a user: 4 forks, then EAGAIN");
	if (made != NPROC_MAX - 1)
		printf("# made %d\n", made == 255 ? -1 : made);
	made = in_child(nproc_with_zombie);
	tap_check(made == NPROC_MAX - 2, "a zombie not yet reaped counts against RLIMIT_NPROC");
	tap_check(in_child(nproc_as_root) == 0, "root is exempt from RLIMIT_NPROC");
	tap_check(in_child(nproc_as_effective_root) == 0,
		  "a process whose effective uid is 0 is exempt from RLIMIT_NPROC");
}

int main(int argc, char **argv)
{
	struct rlimit r;

	self_path = argv[0];
	if (argc == 4 && strcmp(argv[1], "--expect-nproc") == 0)
		return getrlimit(RLIMIT_NPROC, &r) == 0 && r.rlim_cur == strtoul(argv[2], NULL, 10) &&
			       r.rlim_max == strtoul(argv[3], NULL, 10)
			   ? 0
			   : 1;
	setvbuf(stdout, NULL, _IONBF, 0);
	if (getuid() != 0) {
		tap_skip("resource limits", "they need root, to become another user");
		return tap_done();
	}
	check_calls();
	check_permissions();
	check_inheritance();
	check_nofile();
	check_nproc();
	return tap_done();
}
