/*
 * permtests: users and permissions as a program sees them: the real, effective and saved
 * ids of a process and the calls that change them, its supplementary groups, what a child
 * inherits, what /proc/self/status shows, and whose processes a user may signal.  Each rule
 * is checked as root and as "user" (uid 1000, gid 1000, groups {1000}), which a child becomes
 * with setgroups(), setgid() and setuid().
 *
 * Like usertests it is an ordinary program, and it passes on Linux too, as root
 * (tests/permtests/host_test.py runs it there, in a private mount namespace): that is how
 * its rules are known to be Linux's.  It works in a directory it makes in the working
 * directory, and removes it at the end.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define USER_ID	 1000 /* "user": uid and gid */
#define OTHER_ID 1001 /* another user, who owns some of the files */
#define SOME_GID 5    /* a group "user" is not in */

/* What a check's child exits with, besides 0 (allowed) and an errno: */
#define RAN   253 /* an exec'd copy of this program ran */
#define WRONG 254 /* the call was allowed, but did not do what it should */
#define DIED  255 /* the child died, or could not become who it should */

#define SCRATCH_NAME_MAX 64
#define PATH_LEN	 256

static char self_path[PATH_LEN]; /* this program, for the exec checks */

static int on_corral(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Corral") == 0;
}

/* ---- results and their names ---- */

static const char *result_name(int result)
{
	static char other[32];

	switch (result) {
	case 0:
		return "allowed";
	case RAN:
		return "runs";
	case WRONG:
		return "allowed, with a wrong result";
	case DIED:
		return "the child died";
	case EPERM:
		return "EPERM";
	case ENOENT:
		return "ENOENT";
	case EACCES:
		return "EACCES";
	case EFAULT:
		return "EFAULT";
	case EBUSY:
		return "EBUSY";
	case EEXIST:
		return "EEXIST";
	case ENOTDIR:
		return "ENOTDIR";
	case EISDIR:
		return "EISDIR";
	case EINVAL:
		return "EINVAL";
	case EROFS:
		return "EROFS";
	default:
		snprintf(other, sizeof(other), "errno %d", result);
		return other;
	}
}

/* One check: "WHAT: WANT", with what it got on a "#" line when that differs. */
static void check_result(int got, int want, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void check_result(int got, int want, const char *fmt, ...)
{
	char what[256];
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (len >= 0 && (size_t)len < sizeof(what))
		snprintf(what + len, sizeof(what) - (size_t)len, ": %s", result_name(want));
	tap_check(got == want, what);
	if (got != want) {
		printf("#   got: %s\n", result_name(got));
		fflush(stdout);
	}
}

/* 0 if ret says the call worked, else its errno. */
static int err_of(long ret)
{
	return ret < 0 ? errno : 0;
}

/* ---- who runs a check ---- */

struct who {
	const char *name;
	uid_t uid;
	gid_t gid;
};

static const struct who as_root = {"root", 0, 0};
static const struct who as_user = {"user", USER_ID, USER_ID};

/* Become who, for good: groups first, then the gid, then the uid, as su does. */
static void become(const struct who *who)
{
	gid_t groups[1] = {who->gid};

	if (who->uid == 0)
		return;
	if (setgroups(1, groups) != 0 || setgid(who->gid) != 0 || setuid(who->uid) != 0)
		_exit(DIED);
}

typedef int (*op_fn)(const char *arg);

/* Run op(arg) in a child that is who: its result (0, an errno, RAN, WRONG or DIED). */
static int run_as(const struct who *who, op_fn op, const char *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		become(who);
		_exit(op(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* ---- the ids of a process ---- */

static int uids_are(uid_t r, uid_t e, uid_t s)
{
	uid_t ruid, euid, suid;

	return getresuid(&ruid, &euid, &suid) == 0 && ruid == r && euid == e && suid == s &&
	       getuid() == r && geteuid() == e;
}

static int gids_are(gid_t r, gid_t e, gid_t s)
{
	gid_t rgid, egid, sgid;

	return getresgid(&rgid, &egid, &sgid) == 0 && rgid == r && egid == e && sgid == s &&
	       getgid() == r && getegid() == e;
}

/* The result of a sequence: the first call's errno, else WRONG unless the ids end as said. */
#define EXPECT_OK(call)                                                                            \
	do {                                                                                       \
		if ((call) != 0)                                                                   \
			return errno;                                                              \
	} while (0)

static int cred_root_ids(const char *unused)
{
	return uids_are(0, 0, 0) && gids_are(0, 0, 0) ? 0 : WRONG;
}

static int cred_root_setuid(const char *unused)
{
	EXPECT_OK(setuid(USER_ID));
	if (!uids_are(USER_ID, USER_ID, USER_ID))
		return WRONG;
	return err_of(setuid(0));
}

static int cred_setuid_own(const char *unused)
{
	EXPECT_OK(setuid(USER_ID));
	return uids_are(USER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

static int cred_setuid_other(const char *unused)
{
	return err_of(setuid(OTHER_ID));
}

static int cred_setuid_minus_one(const char *unused)
{
	return err_of(setuid(-1));
}

/* Saved uid 0: setuid(0) by a process whose effective uid is not 0 sets the effective only. */
static int cred_saved_root(const char *unused)
{
	EXPECT_OK(setresuid(USER_ID, USER_ID, 0));
	if (!uids_are(USER_ID, USER_ID, 0))
		return WRONG;
	EXPECT_OK(setuid(0));
	return uids_are(USER_ID, 0, 0) ? 0 : WRONG;
}

static int cred_seteuid(const char *unused)
{
	EXPECT_OK(seteuid(USER_ID));
	if (!uids_are(0, USER_ID, 0))
		return WRONG;
	EXPECT_OK(seteuid(0));
	return uids_are(0, 0, 0) ? 0 : WRONG;
}

/* setreuid: the real and effective ids swap; the saved id follows the new effective one. */
static int cred_setreuid_swap(const char *unused)
{
	EXPECT_OK(setreuid(USER_ID, OTHER_ID));
	if (!uids_are(USER_ID, OTHER_ID, OTHER_ID))
		return WRONG;
	EXPECT_OK(setreuid(OTHER_ID, USER_ID));
	return uids_are(OTHER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

/* setreuid(-1, the real uid) leaves the saved one, which can be taken back. */
static int cred_setreuid_effective(const char *unused)
{
	EXPECT_OK(setreuid(USER_ID, OTHER_ID));
	EXPECT_OK(setreuid(-1, USER_ID));
	if (!uids_are(USER_ID, USER_ID, OTHER_ID))
		return WRONG;
	EXPECT_OK(setreuid(-1, OTHER_ID));
	return uids_are(USER_ID, OTHER_ID, OTHER_ID) ? 0 : WRONG;
}

static int cred_setreuid_real_other(const char *unused)
{
	return err_of(setreuid(OTHER_ID, -1));
}

static int cred_setreuid_eff_other(const char *unused)
{
	return err_of(setreuid(-1, OTHER_ID));
}

static int cred_setresuid_same(const char *unused)
{
	EXPECT_OK(setresuid(USER_ID, USER_ID, USER_ID));
	EXPECT_OK(setresuid(-1, -1, -1));
	return uids_are(USER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

static int cred_setresuid_saved_other(const char *unused)
{
	return err_of(setresuid(-1, -1, OTHER_ID));
}

/* Any of the three ids may be set to any of the three old ones. */
static int cred_setresuid_shuffle(const char *unused)
{
	EXPECT_OK(setresuid(USER_ID, OTHER_ID, 0));
	EXPECT_OK(setresuid(0, USER_ID, OTHER_ID));
	return uids_are(0, USER_ID, OTHER_ID) ? 0 : WRONG;
}

static int cred_root_setgid(const char *unused)
{
	EXPECT_OK(setgid(USER_ID));
	return gids_are(USER_ID, USER_ID, USER_ID) ? 0 : WRONG;
}

static int cred_setgid_other(const char *unused)
{
	return err_of(setgid(OTHER_ID));
}

static int cred_setgid_own(const char *unused)
{
	return err_of(setgid(USER_ID));
}

static int cred_setresgid(const char *unused)
{
	EXPECT_OK(setresgid(USER_ID, OTHER_ID, SOME_GID));
	return gids_are(USER_ID, OTHER_ID, SOME_GID) ? 0 : WRONG;
}

static int cred_setresgid_other(const char *unused)
{
	return err_of(setresgid(-1, SOME_GID, -1));
}

static int cred_setregid(const char *unused)
{
	EXPECT_OK(setregid(SOME_GID, OTHER_ID));
	return gids_are(SOME_GID, OTHER_ID, OTHER_ID) ? 0 : WRONG;
}

static int cred_setregid_other(const char *unused)
{
	return err_of(setregid(-1, SOME_GID));
}

static int cred_setegid(const char *unused)
{
	EXPECT_OK(setegid(SOME_GID));
	return gids_are(0, SOME_GID, 0) ? 0 : WRONG;
}

static void check_ids(void)
{
	check_result(run_as(&as_root, cred_root_ids, NULL), 0,
		     "getresuid, getresgid: root's real, effective and saved ids are 0");
	check_result(run_as(&as_root, cred_root_setuid, NULL), EPERM,
		     "setuid(1000) as root sets all three uids, and there is no way back");
	check_result(run_as(&as_user, cred_setuid_own, NULL), 0, "setuid to its own uid, as user");
	check_result(run_as(&as_user, cred_setuid_other, NULL), EPERM,
		     "setuid to another uid, as user");
	check_result(run_as(&as_root, cred_setuid_minus_one, NULL), EINVAL,
		     "setuid(-1), as root");
	check_result(run_as(&as_root, cred_saved_root, NULL), 0,
		     "setuid(0) with saved uid 0 and effective 1000 sets the effective uid only");
	check_result(run_as(&as_root, cred_seteuid, NULL), 0,
		     "seteuid(1000) then seteuid(0): the saved uid 0 lets root back");
	check_result(run_as(&as_root, cred_setreuid_swap, NULL), 0,
		     "setreuid: real and effective swap, the saved uid follows the effective");
	check_result(run_as(&as_root, cred_setreuid_effective, NULL), 0,
		     "setreuid(-1, real) keeps the saved uid; setreuid(-1, saved) takes it back");
	check_result(run_as(&as_user, cred_setreuid_real_other, NULL), EPERM,
		     "setreuid(1001, -1), as user");
	check_result(run_as(&as_user, cred_setreuid_eff_other, NULL), EPERM,
		     "setreuid(-1, 1001), as user");
	check_result(run_as(&as_user, cred_setresuid_same, NULL), 0,
		     "setresuid to the same ids, or -1 for each, as user");
	check_result(run_as(&as_user, cred_setresuid_saved_other, NULL), EPERM,
		     "setresuid(-1, -1, 1001), as user");
	check_result(run_as(&as_root, cred_setresuid_shuffle, NULL), 0,
		     "setresuid: with ids 1000, 1001, 0, any of them may go in any place");
	check_result(run_as(&as_root, cred_root_setgid, NULL), 0,
		     "setgid(1000) as root sets all three gids");
	check_result(run_as(&as_user, cred_setgid_own, NULL), 0, "setgid to its own gid, as user");
	check_result(run_as(&as_user, cred_setgid_other, NULL), EPERM,
		     "setgid to another gid, as user");
	check_result(run_as(&as_root, cred_setresgid, NULL), 0,
		     "setresgid sets the real, effective and saved gids, as root");
	check_result(run_as(&as_user, cred_setresgid_other, NULL), EPERM,
		     "setresgid(-1, 5, -1), as user");
	check_result(run_as(&as_root, cred_setregid, NULL), 0,
		     "setregid sets real and effective, the saved gid follows, as root");
	check_result(run_as(&as_user, cred_setregid_other, NULL), EPERM,
		     "setregid(-1, 5), as user");
	check_result(run_as(&as_root, cred_setegid, NULL), 0,
		     "setegid changes the effective gid alone");
}

/* ---- supplementary groups ---- */

static int groups_are(const gid_t *want, int count)
{
	gid_t got[32];
	int n = getgroups(32, got);

	if (n != count)
		return 0;
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			return 0;
	return 1;
}

static int groups_set(const char *unused)
{
	gid_t list[3] = {USER_ID, SOME_GID, 300}, sorted[3] = {SOME_GID, 300, USER_ID};

	EXPECT_OK(setgroups(3, list));
	return getgroups(0, NULL) == 3 && groups_are(sorted, 3) ? 0 : WRONG;
}

static int groups_too_small(const char *unused)
{
	gid_t list[3] = {1, 2, 3}, got[2];

	EXPECT_OK(setgroups(3, list));
	return err_of(getgroups(2, got));
}

static int groups_negative(const char *unused)
{
	gid_t got[1];

	return err_of(getgroups(-1, got));
}

static int groups_as_user(const char *unused)
{
	gid_t list[1] = {SOME_GID};

	return err_of(setgroups(1, list));
}

static int groups_empty(const char *unused)
{
	EXPECT_OK(setgroups(0, NULL));
	return getgroups(0, NULL) == 0 ? 0 : WRONG;
}

/* Each of count groups a distinct gid; count may be past any limit. */
static int groups_of_count(const char *count_text)
{
	int count = atoi(count_text), err;
	gid_t *list = malloc(sizeof(gid_t) * (size_t)count);

	if (!list)
		return DIED;
	for (int i = 0; i < count; i++)
		list[i] = 2000 + i;
	err = err_of(setgroups(count, list));
	free(list);
	if (!err && getgroups(0, NULL) != count)
		return WRONG;
	return err;
}

static int groups_bad_pointer(const char *unused)
{
	return err_of(setgroups(1, (gid_t *)16));
}

static int groups_minus_one(const char *unused)
{
	gid_t list[2] = {SOME_GID, (gid_t)-1};

	return err_of(setgroups(2, list));
}

static int groups_stay_after_setuid(const char *unused)
{
	gid_t list[1] = {SOME_GID};

	EXPECT_OK(setgroups(1, list));
	EXPECT_OK(setgid(USER_ID));
	EXPECT_OK(setuid(USER_ID));
	return groups_are(list, 1) ? 0 : WRONG;
}

static int getresuid_bad_pointer(const char *unused)
{
	uid_t ruid, suid;

	return err_of(getresuid(&ruid, (uid_t *)16, &suid));
}

/* The group list's limit: Linux's is 65536, Corral's NGROUPS_MAX of <limits.h>. */
static void check_group_limit(void)
{
	char text[16];
	int limit = on_corral() ? NGROUPS_MAX : 65536;

	snprintf(text, sizeof(text), "%d", limit);
	check_result(run_as(&as_root, groups_of_count, text), 0,
		     "setgroups of as many groups as the limit, and getgroups counts them");
	snprintf(text, sizeof(text), "%d", limit + 1);
	check_result(run_as(&as_root, groups_of_count, text), EINVAL,
		     "setgroups of one group more than the limit");
	check_result((int)sysconf(_SC_NGROUPS_MAX) == NGROUPS_MAX ? 0 : WRONG, 0,
		     "sysconf(_SC_NGROUPS_MAX) is NGROUPS_MAX");
}

static void check_groups(void)
{
	check_result(run_as(&as_root, groups_set, NULL), 0,
		     "setgroups, then getgroups gives them back in increasing order");
	check_result(run_as(&as_root, groups_too_small, NULL), EINVAL,
		     "getgroups into an array too small");
	check_result(run_as(&as_root, groups_negative, NULL), EINVAL, "getgroups(-1)");
	check_result(run_as(&as_user, groups_as_user, NULL), EPERM, "setgroups, as user");
	check_result(run_as(&as_root, groups_empty, NULL), 0,
		     "setgroups(0, NULL) empties the list");
	check_group_limit();
	check_result(run_as(&as_root, groups_bad_pointer, NULL), EFAULT,
		     "setgroups from a bad address");
	check_result(run_as(&as_root, groups_minus_one, NULL), EINVAL, "setgroups of gid -1");
	check_result(run_as(&as_root, getresuid_bad_pointer, NULL), EFAULT,
		     "getresuid into a bad address");
	check_result(run_as(&as_root, groups_stay_after_setuid, NULL), 0,
		     "setgid and setuid leave the supplementary groups as they were");
}

/* ---- what a child inherits, and what /proc shows ---- */

/* Wait for a child that checks its ids, groups and umask: 0 if they are the parent's. */
static int inherit_child(const char *unused)
{
	gid_t list[2] = {SOME_GID, 300};
	int status;
	pid_t pid;

	EXPECT_OK(setgroups(2, list));
	EXPECT_OK(setresgid(USER_ID, OTHER_ID, SOME_GID));
	EXPECT_OK(setresuid(USER_ID, OTHER_ID, 0));
	umask(027);
	pid = fork();
	if (pid == 0)
		_exit(uids_are(USER_ID, OTHER_ID, 0) && gids_are(USER_ID, OTHER_ID, SOME_GID) &&
			      groups_are(list, 2) && umask(0) == 027
			  ? 0
			  : WRONG);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* The line of /proc/self/status that starts with key, in line. */
static int status_line(const char *key, char *line, size_t size)
{
	FILE *f = fopen("/proc/self/status", "r");
	int found = 0;

	while (f && !found && fgets(line, (int)size, f))
		found = strncmp(line, key, strlen(key)) == 0;
	if (f)
		fclose(f);
	return found;
}

static int status_shows_ids(const char *unused)
{
	gid_t list[2] = {300, SOME_GID};
	char line[128];

	EXPECT_OK(setgroups(2, list));
	EXPECT_OK(setresgid(USER_ID, OTHER_ID, SOME_GID));
	EXPECT_OK(setresuid(USER_ID, OTHER_ID, 0));
	umask(027);
	if (!status_line("Uid:", line, sizeof(line)) || strcmp(line, "Uid:\t1000\t1001\t0\t1001\n"))
		return WRONG;
	if (!status_line("Gid:", line, sizeof(line)) || strcmp(line, "Gid:\t1000\t1001\t5\t1001\n"))
		return WRONG;
	if (!status_line("Groups:", line, sizeof(line)) || strcmp(line, "Groups:\t5 300 \n"))
		return WRONG;
	if (!status_line("Umask:", line, sizeof(line)) || strcmp(line, "Umask:\t0027\n"))
		return WRONG;
	return 0;
}

static void check_inheritance(void)
{
	check_result(run_as(&as_root, inherit_child, NULL), 0,
		     "fork: the child has the parent's three uids, three gids, groups and umask");
	check_result(run_as(&as_root, status_shows_ids, NULL), 0,
		     "/proc/self/status: Uid and Gid give real, effective, saved and file-system "
		     "ids, with Groups and Umask lines, as on Linux");
}

/* ---- signals: whose processes a user may signal ---- */

static pid_t kill_target_pid;

static int op_kill_target(const char *unused)
{
	return err_of(kill(kill_target_pid, 0));
}

/* The other end of start_waiter(), in a program it executes: "PROGRAM wait READY WAIT". */
static int wait_for_release(int ready_fd, int wait_fd)
{
	char byte = 0;

	write(ready_fd, &byte, 1);
	read(wait_fd, &byte, 1);
	return 0;
}

/*
 * A child that becomes who (or takes the ids uids[3], if given), and, if program is given,
 * executes it; then says so through a pipe and waits until released.  *pid is its pid.
 * Returns the fd that releases it (close it), or -1.
 */
static int start_waiter(const struct who *who, const uid_t *uids, const char *program,
			pid_t *pid)
{
	int ready[2], wait[2];
	char byte = 0, ready_fd[16], wait_fd[16];

	if (pipe(ready) != 0 || pipe(wait) != 0)
		return -1;
	fflush(stdout);
	*pid = fork();
	if (*pid == 0) {
		close(ready[0]);
		close(wait[1]);
		become(who);
		if (uids && setresuid(uids[0], uids[1], uids[2]) != 0)
			_exit(DIED);
		snprintf(ready_fd, sizeof(ready_fd), "%d", ready[1]);
		snprintf(wait_fd, sizeof(wait_fd), "%d", wait[0]);
		if (program)
			execl(program, program, "wait", ready_fd, wait_fd, (char *)NULL);
		_exit(wait_for_release(ready[1], wait[0]));
	}
	close(ready[1]);
	close(wait[0]);
	if (*pid < 0 || read(ready[0], &byte, 1) != 1) {
		close(ready[0]);
		close(wait[1]);
		return -1;
	}
	close(ready[0]);
	return wait[1];
}

static void stop_waiter(int release, pid_t pid)
{
	close(release);
	waitpid(pid, NULL, 0);
}

/* A process with the uids r, e, s waits; the user tries to signal it. */
static int kill_result(uid_t r, uid_t e, uid_t s)
{
	uid_t uids[3] = {r, e, s};
	int release = start_waiter(&as_root, uids, NULL, &kill_target_pid), result;

	if (release < 0)
		return DIED;
	result = run_as(&as_user, op_kill_target, NULL);
	stop_waiter(release, kill_target_pid);
	return result;
}

static void check_kill(void)
{
	check_result(kill_result(0, 0, 0), EPERM, "kill(pid, 0) of root's process, as user");
	check_result(kill_result(USER_ID, 0, 0), 0,
		     "kill of a process whose real uid is the user's, effective 0, as user");
	check_result(kill_result(0, USER_ID, 0), EPERM,
		     "kill of a process whose effective uid is the user's, real and saved 0, as "
		     "user (the real and saved ids count)");
}

/* ---- the run ---- */

/* This program's path, made absolute, for the exec checks (run from the scratch directory). */
static void find_self(const char *argv0)
{
	char cwd[PATH_LEN];

	if (argv0[0] == '/')
		snprintf(self_path, sizeof(self_path), "%s", argv0);
	else if (strchr(argv0, '/') && getcwd(cwd, sizeof(cwd)) &&
		 strlen(cwd) + strlen(argv0) + 2 <= sizeof(self_path))
		strcat(strcat(strcpy(self_path, cwd), "/"), argv0);
	else
		snprintf(self_path, sizeof(self_path), "/bin/%s", argv0);
}

static void run_all(void)
{
	check_ids();
	check_groups();
	check_inheritance();
	check_kill();
}

int main(int argc, char **argv)
{
	char scratch[SCRATCH_NAME_MAX];

	if (argc > 1 && strcmp(argv[1], "exit-ran") == 0)
		return RAN;
	if (argc > 3 && strcmp(argv[1], "wait") == 0)
		return wait_for_release(atoi(argv[2]), atoi(argv[3]));
	find_self(argv[0]);
	printf("# permtests, pid %d, %s\n", (int)getpid(), self_path);
	if (geteuid() != 0) {
		tap_skip("permtests", "needs root, to become other users");
		return tap_done();
	}
	umask(022);
	snprintf(scratch, sizeof(scratch), "permtests-%d", (int)getpid());
	if (mkdir(scratch, 0755) != 0 || chdir(scratch) != 0) {
		tap_check(0, "permtests: a scratch directory can be made");
		return tap_done();
	}
	run_all();
	chdir("..");
	tap_check(rmdir(scratch) == 0,
		  "permtests: the scratch directory is empty again at the end");
	return tap_done();
}
