/*
 * containertests: task containers (Linux's cgroup v1) as a program sees them.
 *
 *   containertests [FSTYPE [PROCFILE [SUMMARY]]]
 *   containertests --linux
 *
 * The names are Corral's by default: the file-system type "container", the per-process file
 * /proc/self/container and the summary /proc/containers.  --linux stands for Linux's names,
 * "cgroup /proc/self/cgroup /proc/cgroups"; nothing else differs (mount options, the files
 * of a container, their formats and errnos are Linux's).
 *
 * The checks: mounting hierarchies (named ones, subsystems, the errors); the files of a
 * container; mkdir, rmdir and what the file system refuses; the tasks file; delegation to a
 * user by chown; the per-process file, the summary and /proc/mounts; then the subsystems
 * cpuacct, pids, cpuset and (Corral's only) debug.
 *
 * It runs as root, and mounts under a directory it makes in the working directory.  It must
 * be safe on a Linux host whose hierarchies are in use (tests/containertests/host_test.py
 * runs it there): its own hierarchies are named ("name=ctPID..."), and in a subsystem's
 * hierarchy, which a host has mounted already and which mounting again only shows at a second
 * place, it makes only containers named "ctPID-...", and moves only its own children.  At the
 * end it kills its children, removes every container it made, unmounts and removes the
 * directory, whatever failed before.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <tap.h>
#include <testfile.h>
#include <time.h>
#include <unistd.h>

#define USER_ID	 1000 /* the user a container is delegated to */
#define OTHER_ID 1001 /* a user who is not */

#define WRONG 254 /* a child's status: the call worked but did the wrong thing */
#define DIED  255 /* a child's status: it died, or could not become who it should */

#define PATH_LEN      256
#define TEXT_LEN      4096
#define MAX_CHILDREN  64
#define PIDS_LIMIT    5
#define CPU_SAMPLES   100
#define SPIN_NS	      (200 * 1000 * 1000L)
#define SPIN_LEAST_NS (100 * 1000 * 1000L) /* what a 200 ms spin must at least be charged */

/* The words in which Corral and Linux differ. */
static struct {
	const char *fstype;	 /* "container" */
	const char *procfile;	 /* "/proc/self/container" */
	const char *summary;	 /* "/proc/containers" */
	const char *proc_name; /* "container": the per-process file's name under /proc/PID */
} names = {"container", "/proc/self/container", "/proc/containers", "container"};

/* A hierarchy this program mounted: where, and how the per-process file names it. */
struct hier {
	char dir[PATH_LEN]; /* relative to top, the working directory (a user can walk it) */
	char key[64]; /* "name=ct12a" or "cpuacct": an item of a line's second field */
	int mounted;
};

static char top[PATH_LEN / 2]; /* the directory everything is mounted under */
static char prefix[32];		/* "ct12-": the start of every container's name made here */
static struct hier named, cpuacct, pids, cpuset, debug;
static struct hier *all_hiers[] = {&named, &cpuacct, &pids, &cpuset, &debug};
static pid_t children[MAX_CHILDREN]; /* children that may still run, killed at the end */

/* ---- small helpers ---- */

/*
 * A path made by printf into out (PATH_LEN bytes), for a path a function keeps; pathf()
 * (<testfile.h>) makes one for the arguments of one call.
 */
static const char *path_in(char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static const char *path_in(char *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out, PATH_LEN, fmt, ap);
	va_end(ap);
	return out;
}


/* The path of this program's container NAME (a path of containers) in h, into out. */
static const char *container(char *out, const struct hier *h, const char *name)
{
	return path_in(out, "%s/%s%s", h->dir, prefix, name);
}

/* 0 if ret says the call worked, else its errno. */
static int err_of(long ret)
{
	return ret < 0 ? errno : 0;
}

static const char *errno_name(int err)
{
	static const struct {
		int err;
		const char *name;
	} table[] = {
	    {0, "success"},	 {EPERM, "EPERM"},     {ENOENT, "ENOENT"}, {ESRCH, "ESRCH"},
	    {EIO, "EIO"},	 {EAGAIN, "EAGAIN"},   {EACCES, "EACCES"}, {EBUSY, "EBUSY"},
	    {EEXIST, "EEXIST"},	 {ENOTDIR, "ENOTDIR"}, {EISDIR, "EISDIR"}, {EINVAL, "EINVAL"},
	    {ENOSPC, "ENOSPC"},	 {ERANGE, "ERANGE"},   {ENODEV, "ENODEV"}, {WRONG, "wrong result"},
	    {DIED, "child died"}};
	static char other[32];

	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].err == err)
			return table[i].name;
	snprintf(other, sizeof(other), "errno %d", err);
	return other;
}

/* One check: "WHAT: WANT", with what it got on a "#" line when that differs. */
static void check_errno(int got, int want, const char *what)
{
	char line[256];

	snprintf(line, sizeof(line), "%s: %s", what, errno_name(want));
	tap_check(got == want, line);
	if (got != want)
		printf("#   got: %s\n", errno_name(got));
}

/* ---- children ---- */

static void remember_child(pid_t pid)
{
	for (int i = 0; i < MAX_CHILDREN; i++) {
		if (children[i] == 0) {
			children[i] = pid;
			return;
		}
	}
}

/* Kill the child (if it still runs) and wait for it; forget it. */
static void end_child(pid_t pid)
{
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (children[i] == pid)
			children[i] = 0;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static void end_all_children(void)
{
	for (int i = 0; i < MAX_CHILDREN; i++)
		if (children[i] > 0)
			end_child(children[i]);
}

/* A child that sleeps until it is killed: its pid, or -1. */
static pid_t spawn_sleeper(void)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	if (pid > 0)
		remember_child(pid);
	return pid;
}

/* Whether process pid is asleep: state S in /proc/PID/stat ("pid (name) S ..."). */
static int is_asleep(pid_t pid)
{
	char text[512];
	const char *paren;

	if (read_file(pathf("/proc/%d/stat", (int)pid), text, sizeof(text)) <= 0)
		return 0;
	paren = strrchr(text, ')');
	return paren && paren[1] == ' ' && paren[2] == 'S';
}

/* Become uid (and gid) for good, as su does. */
static void become(uid_t uid)
{
	gid_t groups[1] = {uid};

	if (setgroups(1, groups) != 0 || setgid(uid) != 0 || setuid(uid) != 0)
		_exit(DIED);
}

/* Run op(arg) in a child that is uid: its status (0, an errno, WRONG or DIED). */
static int run_as(uid_t uid, int (*op)(const char *arg), const char *arg)
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (uid != 0)
			become(uid);
		_exit(op(arg));
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* ---- the per-process file and the summary ---- */

/*
 * The line of pid's per-process file (0: this process) for the hierarchy whose second field
 * has key as one of its items: its hierarchy id, with its path in out; -1 if none.
 */
static int proc_line(pid_t pid, const char *key, char *out, size_t size)
{
	char text[TEXT_LEN], *line, *rest, *subsys, *where;
	const char *file = pid ? pathf("/proc/%d/%s", (int)pid, names.proc_name) : names.procfile;

	if (read_file(file, text, sizeof(text)) < 0)
		return -1;
	for (rest = text; (line = strsep(&rest, "\n")) != NULL;) {
		char *id = strsep(&line, ":"), *item;

		subsys = strsep(&line, ":");
		where = line;
		if (!subsys || !where)
			continue;
		while ((item = strsep(&subsys, ",")) != NULL) {
			if (strcmp(item, key) == 0) {
				snprintf(out, size, "%s", where);
				return atoi(id);
			}
		}
	}
	return -1;
}

/* Does pid's per-process file put it at want (a path) in hierarchy h? */
static int proc_shows(pid_t pid, const struct hier *h, const char *want)
{
	char where[PATH_LEN];

	return proc_line(pid, h->key, where, sizeof(where)) >= 0 && strcmp(where, want) == 0;
}

/* The summary's line for subsystem: 0 with its hierarchy id and container count, or -1. */
static int summary_line(const char *subsys, int *hierarchy, long *count)
{
	char text[TEXT_LEN], *line, *rest = text, name[64];
	int enabled;

	if (read_file(names.summary, text, sizeof(text)) < 0)
		return -1;
	while ((line = strsep(&rest, "\n")) != NULL) {
		if (sscanf(line, "%63s %d %ld %d", name, hierarchy, count, &enabled) == 4 &&
		    strcmp(name, subsys) == 0)
			return 0;
	}
	return -1;
}

static int subsystem_listed(const char *subsys)
{
	int hierarchy;
	long count;

	return summary_line(subsys, &hierarchy, &count) == 0;
}

/* ---- mounting ---- */

/* Mount a hierarchy with options at h->dir (made here): 0 or the errno of mount(). */
static int mount_hier(struct hier *h, const char *options)
{
	int err;

	if (mkdir(h->dir, 0755) != 0 && errno != EEXIST)
		return errno;
	if (mount("none", h->dir, names.fstype, 0, options) == 0) {
		h->mounted = 1;
		return 0;
	}
	err = errno;
	rmdir(h->dir);
	return err;
}

static void unmount_hier(struct hier *h)
{
	if (h->mounted && umount(h->dir) == 0)
		h->mounted = 0;
	rmdir(h->dir);
}

/* Try a mount that should fail at a scratch place: its errno, or 0 (and unmounted again). */
static int try_mount(const char *options)
{
	struct hier probe = {.mounted = 0};
	int err;

	snprintf(probe.dir, sizeof(probe.dir), "probe");
	err = mount_hier(&probe, options);
	unmount_hier(&probe);
	return err;
}

/*
 * Let a named hierarchy go.  Linux keeps one whose last mount went while a removed child was
 * still being freed (its per-process file still lists it): mounting and unmounting it again
 * once the child is gone ends it.  Tried for up to a second; best effort, not a check.
 */
static void forget_hierarchy(const char *key)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	struct hier again = {.mounted = 0};
	char where[PATH_LEN];

	snprintf(again.dir, sizeof(again.dir), "forget");
	for (int i = 0; i < 100 && proc_line(0, key, where, sizeof(where)) >= 0; i++) {
		nanosleep(&pause_10ms, NULL);
		if (mount_hier(&again, pathf("none,%s", key)) == 0)
			unmount_hier(&again);
	}
}

/* Mount the subsystem's hierarchy for the checks of it; skipped when it is not listed. */
static void mount_subsystem(struct hier *h, const char *subsys)
{
	char what[128];

	snprintf(h->dir, sizeof(h->dir), "%s", subsys);
	snprintf(h->key, sizeof(h->key), "%s", subsys);
	snprintf(what, sizeof(what), "mount -o %s mounts its hierarchy", subsys);
	if (!subsystem_listed(subsys))
		tap_skip(what, "the summary lists no such subsystem");
	else
		check_errno(mount_hier(h, subsys), 0, what);
}

/* "none,name=N" mounted at a second place shows the same hierarchy. */
static void check_second_place(void)
{
	struct hier again = {.mounted = 0};
	char made_path[PATH_LEN];
	const char *made = container(made_path, &named, "seen-twice");

	snprintf(again.dir, sizeof(again.dir), "again");
	if (mount_hier(&again, pathf("none,%s", named.key)) != 0 || mkdir(made, 0755) != 0) {
		tap_check(0, "the same name mounted at a second place shows the same hierarchy");
		unmount_hier(&again);
		return;
	}
	tap_check(file_exists(pathf("%s/%sseen-twice/tasks", again.dir, prefix)),
		  "the same name mounted at a second place shows the same hierarchy");
	rmdir(made);
	unmount_hier(&again);
}

/* Unmounting the last mount of a hierarchy with a child keeps it; mounting it again finds it. */
static void check_unmount_keeps_children(void)
{
	struct hier kept = {.mounted = 0};
	char options_path[PATH_LEN];
	const char *options = path_in(options_path, "none,name=%skept", prefix);
	int ok;

	snprintf(kept.dir, sizeof(kept.dir), "kept");
	if (mount_hier(&kept, options) != 0 || mkdir(pathf("%s/child", kept.dir), 0755) != 0) {
		tap_check(0, "a hierarchy unmounted with a child is there when mounted again");
		unmount_hier(&kept);
		return;
	}
	unmount_hier(&kept);
	ok = !kept.mounted && mount_hier(&kept, options) == 0 &&
	     file_exists(pathf("%s/child/tasks", kept.dir));
	tap_check(ok, "a hierarchy unmounted with a child is there when mounted again");
	rmdir(pathf("%s/child", kept.dir));
	unmount_hier(&kept);
	forget_hierarchy(options + strlen("none,"));
}

/* Are file's presence in dir's new child container as want? */
static int child_has(const struct hier *h, const char *file, int want)
{
	char dir_path[PATH_LEN];
	const char *dir = container(dir_path, h, "own-files");
	int has;

	if (mkdir(dir, 0755) != 0)
		return 0;
	has = file_exists(pathf("%s/%s", dir, file));
	rmdir(dir);
	return has == want;
}

/* Two subsystems in two hierarchies at once, each with its own files only. */
static void check_two_hierarchies(void)
{
	const char *what = "cpuacct and pids mounted at once, each hierarchy with its own files";

	if (!cpuacct.mounted || !pids.mounted) {
		tap_skip(what, "cpuacct or pids is not mounted");
		return;
	}
	tap_check(child_has(&cpuacct, "cpuacct.usage", 1) && child_has(&cpuacct, "pids.max", 0) &&
			  child_has(&pids, "pids.max", 1) && child_has(&pids, "cpuacct.usage", 0),
		  what);
}

static void check_mount(void)
{
	snprintf(named.dir, sizeof(named.dir), "named");
	snprintf(named.key, sizeof(named.key), "name=%snamed", prefix);
	check_errno(mount_hier(&named, pathf("none,%s", named.key)), 0,
		    "mount -o none,name=N makes a hierarchy with no subsystem");
	check_errno(try_mount("none"), EINVAL, "mount -o none without name=");
	check_errno(try_mount(pathf("none,name=%sx,frobnicate", prefix)), EINVAL,
		    "mount with an unknown option");
	check_errno(try_mount("nosuchsubsys"), EINVAL,
		    "mount naming an unknown subsystem (Linux's answer)");
	mount_subsystem(&cpuacct, "cpuacct");
	mount_subsystem(&pids, "pids");
	if (cpuacct.mounted)
		check_errno(try_mount(pathf("cpuacct,name=%sclash", prefix)), EBUSY,
			    "mount of a subsystem in use, in another set");
	else
		tap_skip("mount of a subsystem in use, in another set", "cpuacct is not mounted");
	check_second_place();
	check_unmount_keeps_children();
	check_two_hierarchies();
}

/* ---- the files of a container ---- */

static void check_noprefix(void)
{
	const char *what = "mount -o cpuset,noprefix: the files have no prefix (cpus, mems)";
	struct hier bare = {.mounted = 0};
	int hierarchy;
	long count;

	snprintf(bare.dir, sizeof(bare.dir), "bare");
	if (summary_line("cpuset", &hierarchy, &count) != 0) {
		tap_skip(what, "the summary lists no cpuset");
		return;
	}
	if (hierarchy != 0) {
		tap_skip(what, "cpuset is mounted already, so noprefix would not make a new one");
		return;
	}
	if (mount_hier(&bare, "cpuset,noprefix") != 0) {
		tap_check(0, what);
		printf("#   mount: %s\n", errno_name(errno));
		return;
	}
	tap_check(file_exists(pathf("%s/cpus", bare.dir)) && !file_exists(pathf("%s/cpuset.cpus", bare.dir)),
		  what);
	unmount_hier(&bare);
}

static void check_files(void)
{
	char child_path[PATH_LEN];
	const char *child = container(child_path, &named, "files");

	tap_check(file_exists(pathf("%s/tasks", named.dir)), "the root container has a tasks file");
	tap_check(mkdir(child, 0755) == 0 && file_exists(pathf("%s/tasks", child)),
		  "a new container has a tasks file");
	rmdir(child);
	if (cpuacct.mounted)
		tap_check(file_exists(pathf("%s/cpuacct.usage", cpuacct.dir)),
			  "a subsystem's files carry its name as prefix (cpuacct.usage)");
	else
		tap_skip("a subsystem's files carry its name as prefix", "no cpuacct");
	check_noprefix();
}

/* ---- mkdir, rmdir and what the file system refuses ---- */

static int open_create(const char *file)
{
	int fd = open(file, O_WRONLY | O_CREAT | O_EXCL, 0644);

	if (fd < 0)
		return errno;
	close(fd);
	unlink(file);
	return 0;
}

static void check_refusals(const char *dir)
{
	check_errno(open_create(pathf("%s/newfile", dir)), EACCES,
		    "open O_CREAT of a new file in a container");
	check_errno(err_of(mknod(pathf("%s/fifo", dir), S_IFIFO | 0644, 0)), EPERM,
		    "mknod of a FIFO in a container");
	check_errno(err_of(unlink(pathf("%s/tasks", dir))), EPERM,
		    "unlink of a container's tasks file");
	check_errno(err_of(rename(pathf("%s/tasks", dir), pathf("%s/tasks2", dir))), ENOTDIR,
		    "rename of a container's tasks file");
	check_errno(err_of(mkdir(pathf("%s/tasks", dir), 0755)), EEXIST,
		    "mkdir of a container named as a file (tasks)");
}

/* A new child container t of dir, with a sleeping task in it: 0, or an errno. */
static int make_populated(const char *dir, pid_t sleeper)
{
	if (mkdir(pathf("%s/t", dir), 0755) != 0)
		return errno;
	return write_number(pathf("%s/t/tasks", dir), sleeper);
}

static void check_busy_rmdir(const char *dir)
{
	pid_t sleeper = spawn_sleeper();

	check_errno(err_of(rmdir(dir)), EBUSY, "rmdir of a container with a child container");
	check_errno(make_populated(dir, sleeper), 0, "a task can be moved into a new container");
	check_errno(err_of(rmdir(pathf("%s/t", dir))), EBUSY, "rmdir of a container with a task");
	end_child(sleeper);
	check_errno(err_of(rmdir(pathf("%s/t", dir))), 0,
		    "rmdir of a container whose task has exited");
}

/* mkdir of a, a/b and a/b/c: 0, or the first errno. */
static int make_three_deep(const char *a)
{
	if (mkdir(a, 0755) != 0 || mkdir(pathf("%s/b", a), 0755) != 0 ||
	    mkdir(pathf("%s/b/c", a), 0755) != 0)
		return errno;
	return 0;
}

/* rename of a/b2 into another container: 0, or an errno. */
static int rename_across(const char *a)
{
	char other_path[PATH_LEN];
	const char *other = container(other_path, &named, "other");

	if (mkdir(other, 0755) != 0)
		return errno;
	return err_of(rename(pathf("%s/b2", a), pathf("%s/b2", other)));
}

static void check_dirs(void)
{
	char a_path[PATH_LEN];
	const char *a = container(a_path, &named, "a");

	check_errno(make_three_deep(a), 0, "mkdir of containers three deep (a/b/c)");
	tap_check(file_exists(pathf("%s/b/c/tasks", a)), "the deepest container has its tasks file");
	check_errno(err_of(mkdir(pathf("%s/b", a), 0755)), EEXIST,
		    "mkdir of a container that exists");
	check_errno(err_of(rmdir(pathf("%s/b/c", a))), 0, "rmdir of an empty container");
	check_busy_rmdir(a);
	check_refusals(pathf("%s/b", a));
	check_errno(err_of(rename(pathf("%s/b", a), pathf("%s/b2", a))), 0,
		    "rename of a container within its parent");
	tap_check(file_exists(pathf("%s/b2/tasks", a)) && !file_exists(pathf("%s/b", a)),
		  "the renamed container is there under its new name only");
	check_errno(rename_across(a), EIO, "rename of a container to another parent");
	rmdir(pathf("%s/%sother", named.dir, prefix));
	rmdir(pathf("%s/b2", a));
	rmdir(a);
}

/* ---- the tasks file ---- */

static int compare_pids(const void *a, const void *b)
{
	pid_t x = *(const pid_t *)a, y = *(const pid_t *)b;

	return (x > y) - (x < y);
}

/* Three sleepers, moved in out of order: tasks lists them sorted, whole or 3 bytes a time. */
static void check_tasks_list(const char *dir)
{
	pid_t p[3] = {spawn_sleeper(), spawn_sleeper(), spawn_sleeper()};
	char want[128], whole[TEXT_LEN], pieces[TEXT_LEN];
	char tasks_path[PATH_LEN];
	const char *tasks = path_in(tasks_path, "%s/tasks", dir);

	write_number(tasks, p[2]);
	write_number(tasks, p[0]);
	write_number(tasks, p[1]);
	qsort(p, 3, sizeof(p[0]), compare_pids);
	snprintf(want, sizeof(want), "%d\n%d\n%d\n", (int)p[0], (int)p[1], (int)p[2]);
	read_file(tasks, whole, sizeof(whole));
	tap_check(strcmp(whole, want) == 0, "tasks lists the member pids sorted, one a line");
	if (strcmp(whole, want) != 0)
		printf("#   got: \"%s\"\n", whole);
	read_chunked(tasks, pieces, sizeof(pieces), 3);
	tap_check(strcmp(pieces, whole) == 0, "tasks read 3 bytes at a time gives the same list");
	tap_check(proc_shows(p[0], &named, pathf("/%stasks", prefix)),
		  "a moved task's per-process file shows its new container");
	for (int i = 0; i < 3; i++)
		end_child(p[i]);
}

static int op_move_self(const char *dir)
{
	char want[PATH_LEN];
	int err = write_file(pathf("%s/tasks", dir), "0\n");

	snprintf(want, sizeof(want), "/%s", dir + strlen(named.dir) + 1);
	if (err)
		return err;
	return proc_shows(0, &named, want) ? 0 : WRONG;
}

/* Open as `echo PID > tasks` does: O_WRONLY|O_CREAT|O_TRUNC. */
static int echo_into(const char *file, pid_t pid)
{
	char text[32];
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0666), err = 0;

	if (fd < 0)
		return errno;
	snprintf(text, sizeof(text), "%d\n", (int)pid);
	if (write(fd, text, strlen(text)) < 0)
		err = errno;
	close(fd);
	return err;
}

static void check_tasks_writes(const char *dir)
{
	char tasks_path[PATH_LEN];
	const char *tasks = path_in(tasks_path, "%s/tasks", dir);
	pid_t gone = fork(), sleeper;

	if (gone == 0)
		_exit(0);
	waitpid(gone, NULL, 0);
	check_errno(run_as(0, op_move_self, dir), 0,
		    "writing 0 to tasks moves the writer (its per-process file says so)");
	check_errno(write_file(tasks, "junk\n"), EINVAL, "writing junk to tasks");
	check_errno(write_file(tasks, "12abc\n"), EINVAL, "writing a number with junk to tasks");
	check_errno(write_file(tasks, "-1\n"), EINVAL, "writing -1 to tasks");
	check_errno(write_number(tasks, gone), ESRCH, "writing the pid of no process to tasks");
	sleeper = spawn_sleeper();
	check_errno(echo_into(tasks, sleeper), 0, "open O_WRONLY|O_CREAT|O_TRUNC of tasks, as echo");
	end_child(sleeper);
}

static pid_t other_task; /* for op_move_other: a root task the user tries to move */

static int op_move_other(const char *tasks)
{
	return write_number(tasks, other_task);
}

/* A user who may write the tasks file still may not move another user's task. */
static void check_tasks_owner(const char *dir)
{
	char tasks_path[PATH_LEN];
	const char *tasks = path_in(tasks_path, "%s/tasks", dir);

	other_task = spawn_sleeper();
	if (chown(tasks, USER_ID, USER_ID) != 0) {
		tap_check(0, "chown of a tasks file to a user");
		return;
	}
	check_errno(run_as(USER_ID, op_move_other, tasks), EACCES,
		    "a user moving a task of another user (root), with tasks its own");
	end_child(other_task);
}

static void check_tasks(void)
{
	char dir_path[PATH_LEN];
	const char *dir = container(dir_path, &named, "tasks");

	if (mkdir(dir, 0755) != 0) {
		tap_check(0, "a container for the tasks checks can be made");
		return;
	}
	check_tasks_list(dir);
	check_tasks_writes(dir);
	check_tasks_owner(dir);
	rmdir(dir);
}

/* ---- delegation ---- */

static int op_mkdir_and_join(const char *dir)
{
	char sub_path[PATH_LEN];
	const char *sub = path_in(sub_path, "%s/sub", dir);

	if (mkdir(sub, 0755) != 0)
		return errno;
	return write_number(pathf("%s/tasks", sub), getpid());
}

static int op_mkdir(const char *dir)
{
	char sub_path[PATH_LEN];
	const char *sub = path_in(sub_path, "%s/sub", dir);

	if (mkdir(sub, 0755) != 0)
		return errno;
	rmdir(sub);
	return 0;
}

static int op_join(const char *dir)
{
	return write_file(pathf("%s/tasks", dir), "0\n");
}

static void check_delegation(void)
{
	char mine_path[PATH_LEN], roots_path[PATH_LEN];
	const char *mine = container(mine_path, &named, "delegated");
	const char *roots = container(roots_path, &named, "roots");

	if (mkdir(mine, 0755) != 0 || chown(mine, USER_ID, USER_ID) != 0 ||
	    chown(pathf("%s/tasks", mine), USER_ID, USER_ID) != 0 || mkdir(roots, 0755) != 0) {
		tap_check(0, "a container can be made and given to a user (chown)");
	} else {
		check_errno(run_as(USER_ID, op_mkdir_and_join, mine), 0,
			    "the user of a delegated container makes one below and moves in");
		check_errno(run_as(USER_ID, op_mkdir, roots), EACCES,
			    "mkdir by a user in root's container");
		check_errno(run_as(USER_ID, op_join, roots), EACCES,
			    "a user moving itself into root's container");
	}
	rmdir(pathf("%s/sub", mine));
	rmdir(mine);
	rmdir(roots);
}

/* ---- the per-process file, the summary and /proc/mounts ---- */

/* Is every line of the per-process file "ID:SUBSYSTEMS:/PATH"? */
static int proc_file_well_formed(void)
{
	char text[TEXT_LEN], *line, *rest = text, *end;
	int lines = 0;

	if (read_file(names.procfile, text, sizeof(text)) <= 0)
		return 0;
	while ((line = strsep(&rest, "\n")) != NULL && *line) {
		strtol(line, &end, 10);
		if (end == line || *end != ':' || !(end = strchr(end + 1, ':')) || end[1] != '/')
			return 0;
		lines++;
	}
	return lines > 0;
}

static void check_summary(void)
{
	char text[TEXT_LEN], where[PATH_LEN], count_path[PATH_LEN];
	int hierarchy = -1, id;
	long before = -1, after = -1;

	read_file(names.summary, text, sizeof(text));
	tap_check(strncmp(text, "#subsys_name\thierarchy\tnum_", 27) == 0,
		  "the summary starts with its header line (#subsys_name hierarchy ...)");
	if (!cpuacct.mounted) {
		tap_skip("the summary's hierarchy id is the per-process file's", "no cpuacct");
		tap_skip("the summary's container count grows by one on mkdir", "no cpuacct");
		return;
	}
	summary_line("cpuacct", &hierarchy, &before);
	id = proc_line(0, "cpuacct", where, sizeof(where));
	tap_check(hierarchy > 0 && hierarchy == id,
		  "the summary's hierarchy id for cpuacct is the per-process file's");
	mkdir(container(count_path, &cpuacct, "count"), 0755);
	summary_line("cpuacct", &hierarchy, &after);
	rmdir(count_path);
	tap_check(before > 0 && after == before + 1,
		  "the summary's container count for cpuacct grows by one on mkdir");
}

/* Does /proc/mounts show h at its directory, of the type, with its key among the options? */
static int mounts_show(const struct hier *h)
{
	char line[512], dir[PATH_LEN], type[64], options[256], *item, *rest;
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%*s %255s %63s %255s", dir, type, options) != 3 ||
		    strcmp(dir, pathf("%s/%s", top, h->dir)) != 0 || strcmp(type, names.fstype) != 0)
			continue;
		for (rest = options; !found && (item = strsep(&rest, ",")) != NULL;)
			found = strcmp(item, h->key) == 0;
	}
	if (f)
		fclose(f);
	return found;
}

static void check_proc(void)
{
	char where[PATH_LEN];

	tap_check(proc_file_well_formed(), "every line of the per-process file is ID:SUBSYSTEMS:/PATH");
	tap_check(proc_line(0, named.key, where, sizeof(where)) > 0,
		  "the per-process file has a line for a named hierarchy (name=N)");
	check_summary();
	tap_check(mounts_show(&named), "/proc/mounts shows a named hierarchy with name=N");
	if (cpuacct.mounted)
		tap_check(mounts_show(&cpuacct), "/proc/mounts shows cpuacct's hierarchy with cpuacct");
	else
		tap_skip("/proc/mounts shows cpuacct's hierarchy", "no cpuacct");
}

/* ---- cpuacct ---- */

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Fork a child that waits for a byte on a pipe, then runs body(); its pid and the pipe's end. */
static pid_t spawn_waiting(void (*body)(void), int *go)
{
	int fds[2];
	char byte;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (read(fds[0], &byte, 1) != 1)
			_exit(DIED);
		body();
		_exit(0);
	}
	close(fds[0]);
	*go = fds[1];
	return pid;
}

/* Let a child of spawn_waiting() run, and wait for it to end: its status. */
static int release_and_wait(pid_t pid, int go)
{
	int status = 0;

	if (write(go, "g", 1) != 1)
		kill(pid, SIGKILL);
	close(go);
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return DIED;
	return WEXITSTATUS(status);
}

/* This process's own CPU time, in nanoseconds. */
static long cpu_time_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/*
 * Spin until this process has used SPIN_NS of CPU time (not of the clock: on a busy machine
 * it gets only part of a CPU), or 10 s have passed.
 */
static void spin(void)
{
	long end = cpu_time_ns() + SPIN_NS, give_up = now_ns() + 10 * 1000000000L;

	while (cpu_time_ns() < end && now_ns() < give_up)
		;
}

static void check_cpuacct(void)
{
	char spinning_path[PATH_LEN], sleeping_path[PATH_LEN];
	const char *spinning = container(spinning_path, &cpuacct, "spin");
	const char *sleeping = container(sleeping_path, &cpuacct, "nap");
	struct timespec nap = {0, SPIN_NS}, settle = {0, 20 * 1000 * 1000};
	long long before, after;
	int go;
	pid_t pid;

	if (!cpuacct.mounted) {
		tap_skip("cpuacct", "cpuacct is not mounted");
		return;
	}
	mkdir(spinning, 0755);
	mkdir(sleeping, 0755);
	pid = spawn_waiting(spin, &go);
	before = read_number(pathf("%s/cpuacct.usage", spinning));
	write_number(pathf("%s/tasks", spinning), pid);
	release_and_wait(pid, go);
	after = read_number(pathf("%s/cpuacct.usage", spinning));
	tap_check(before == 0 && after >= SPIN_LEAST_NS,
		  "cpuacct.usage grows by the time a task spins in its container (200 ms)");
	printf("# cpuacct.usage: %lld ns before, %lld ns after\n", before, after);
	check_errno(write_file(pathf("%s/cpuacct.usage", spinning), "0\n"), 0,
		    "writing 0 to cpuacct.usage");
	tap_check(read_number(pathf("%s/cpuacct.usage", spinning)) == 0,
		  "cpuacct.usage is 0 after writing 0 to it");
	pid = spawn_sleeper();
	write_number(pathf("%s/tasks", sleeping), pid);
	/* Until it is asleep in pause() (a loaded host may take a while), it still runs. */
	for (int i = 0; i < 100 && !is_asleep(pid); i++)
		nanosleep(&settle, NULL);
	nanosleep(&settle, NULL);
	before = read_number(pathf("%s/cpuacct.usage", sleeping));
	nanosleep(&nap, NULL);
	after = read_number(pathf("%s/cpuacct.usage", sleeping));
	tap_check(before >= 0 && after == before,
		  "cpuacct.usage stays still while its container's task sleeps");
	end_child(pid);
	rmdir(spinning);
	rmdir(sleeping);
}

/* ---- pids ---- */

/* What a fork bomb found, sent to its parent through a pipe. */
struct bomb_result {
	int fork_errno; /* fork()'s errno when it failed; 0 if it never did */
	int forks;	/* the children it made */
	long long current; /* pids.current of the watched container, at the limit */
};

/* Move into dir, fork sleeping children until fork fails, read watch's pids.current. */
static void fork_bomb(const char *dir, const char *watch, int out)
{
	struct bomb_result r = {0, 0, -1};
	pid_t kids[MAX_CHILDREN];

	if (write_file(pathf("%s/tasks", dir), "0\n") != 0)
		_exit(DIED);
	while (r.forks < MAX_CHILDREN) {
		pid_t pid = fork();

		if (pid == 0) {
			for (;;)
				pause();
		}
		if (pid < 0) {
			r.fork_errno = errno;
			break;
		}
		kids[r.forks++] = pid;
	}
	r.current = read_number(pathf("%s/pids.current", watch));
	for (int i = 0; i < r.forks; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	if (write(out, &r, sizeof(r)) != sizeof(r))
		_exit(DIED);
	_exit(0);
}

/* Run fork_bomb() in a child: 0 with *r filled, or -1. */
static int run_bomb(const char *dir, const char *watch, struct bomb_result *r)
{
	int fds[2], ok;
	pid_t pid;

	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		fork_bomb(dir, watch, fds[1]);
	}
	close(fds[1]);
	ok = pid > 0 && read(fds[0], r, sizeof(*r)) == sizeof(*r);
	close(fds[0]);
	if (pid > 0)
		waitpid(pid, NULL, 0);
	return ok ? 0 : -1;
}

static void check_pids_bomb(const char *dir)
{
	struct bomb_result r;

	check_errno(write_number(pathf("%s/pids.max", dir), PIDS_LIMIT), 0, "writing 5 to pids.max");
	if (run_bomb(dir, dir, &r) != 0) {
		tap_check(0, "a fork bomb in a container with pids.max 5 runs");
		return;
	}
	check_errno(r.fork_errno, EAGAIN, "fork in a container at its pids.max (5)");
	tap_check(r.forks == PIDS_LIMIT - 1 && r.current >= 1 && r.current <= PIDS_LIMIT,
		  "a fork bomb under pids.max 5 stops at 5 tasks (pids.current <= 5)");
	printf("# %d forks, pids.current %lld\n", r.forks, r.current);
}

/* pids.current counts what moves in; an exit, or a move out, takes the charge away. */
static void check_pids_counting(const char *dir)
{
	pid_t a = spawn_sleeper(), b = spawn_sleeper();
	long long moved_in, one_exited, moved_out;

	write_number(pathf("%s/tasks", dir), a);
	write_number(pathf("%s/tasks", dir), b);
	moved_in = read_number(pathf("%s/pids.current", dir));
	end_child(a);
	one_exited = read_number(pathf("%s/pids.current", dir));
	write_number(pathf("%s/tasks", pids.dir), b);
	moved_out = read_number(pathf("%s/pids.current", dir));
	end_child(b);
	tap_check(moved_in == 2, "pids.current counts the two processes moved in");
	tap_check(one_exited == 1, "an exit uncharges: pids.current is 1 once one has exited");
	tap_check(moved_out == 0, "a move out carries the charge away: pids.current is 0");
	printf("# pids.current %lld, %lld, %lld\n", moved_in, one_exited, moved_out);
}

static void check_pids_hierarchy(const char *dir)
{
	char inner_path[PATH_LEN];
	const char *inner = path_in(inner_path, "%s/inner", dir);
	struct bomb_result r = {0, 0, -1};

	write_number(pathf("%s/pids.max", dir), 2);
	if (mkdir(inner, 0755) != 0 || run_bomb(inner, dir, &r) != 0) {
		tap_check(0, "a fork bomb in a child of a container with pids.max 2 runs");
		rmdir(inner);
		return;
	}
	tap_check(r.fork_errno == EAGAIN && r.forks == 1 && r.current <= 2,
		  "the parent's pids.max (2) limits forks in its child container");
	printf("# %d forks, %s, parent's pids.current %lld\n", r.forks, errno_name(r.fork_errno),
	       r.current);
	rmdir(inner);
}

static void check_pids(void)
{
	char dir_path[PATH_LEN];
	const char *dir = container(dir_path, &pids, "pids");
	char text[64] = "";

	if (!pids.mounted) {
		tap_skip("pids", "pids is not mounted");
		return;
	}
	mkdir(dir, 0755);
	read_file(pathf("%s/pids.max", dir), text, sizeof(text));
	tap_check(strcmp(text, "max\n") == 0, "pids.max is max in a new container");
	check_errno(write_file(pathf("%s/pids.max", dir), "junk\n"), EINVAL,
		    "writing junk to pids.max");
	check_errno(write_file(pathf("%s/pids.max", dir), "-1\n"), EINVAL, "writing -1 to pids.max");
	check_pids_counting(dir);
	check_pids_bomb(dir);
	check_pids_hierarchy(dir);
	check_errno(write_file(pathf("%s/pids.max", dir), "max\n"), 0, "writing max to pids.max");
	rmdir(dir);
}

/* ---- cpuset ---- */

/* The CPUs this process may run on, as a mask of the first 64; their count in *count. */
static unsigned long allowed_cpus(int *count)
{
	cpu_set_t set;
	unsigned long mask = 0;

	*count = 0;
	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 0;
	for (int cpu = 0; cpu < 64; cpu++) {
		if (CPU_ISSET(cpu, &set)) {
			mask |= 1UL << cpu;
			(*count)++;
		}
	}
	return mask;
}

static int pinned_cpu; /* for pinned_body: the CPU its cpuset holds */

/* In a one-CPU cpuset: every getcpu() is that CPU (exit 1 if not), and so is the mask (2). */
static void pinned_body(void)
{
	cpu_set_t set;

	for (int i = 0; i < CPU_SAMPLES; i++) {
		long end = now_ns() + 1000 * 1000;

		while (now_ns() < end)
			;
		if (sched_getcpu() != pinned_cpu)
			_exit(1);
	}
	if (sched_getaffinity(0, sizeof(set), &set) != 0 || CPU_COUNT(&set) != 1 ||
	    !CPU_ISSET(pinned_cpu, &set))
		_exit(2);
}

static void check_cpuset_pinning(const char *dir)
{
	int go, status;
	pid_t pid = spawn_waiting(pinned_body, &go);

	write_number(pathf("%s/cpuset.cpus", dir), pinned_cpu);
	check_errno(write_number(pathf("%s/tasks", dir), pid), 0,
		    "a task can join a cpuset with one CPU");
	status = release_and_wait(pid, go);
	tap_check(status != 1 && status != DIED,
		  "a task in a one-CPU cpuset runs only there (100 getcpu samples)");
	tap_check(status == 0, "sched_getaffinity in a one-CPU cpuset shows just that CPU");
}

/* Setting cpuset.cpus to less than a populated cpuset needs, or more than its parent has. */
static void check_cpuset_limits(const char *dir, int ncpus)
{
	char sub_path[PATH_LEN];
	const char *sub = path_in(sub_path, "%s/sub", dir);
	pid_t sleeper;

	if (ncpus < 2) {
		tap_skip("cpuset.cpus beyond the parent's", "one CPU: no CPU outside a cpuset of 0");
	} else {
		write_file(pathf("%s/cpuset.cpus", dir), "0\n");
		mkdir(sub, 0755);
		check_errno(write_file(pathf("%s/cpuset.cpus", sub), "1\n"), EACCES,
			    "cpuset.cpus not a subset of the parent's");
		rmdir(sub);
	}
	write_file(pathf("%s/cpuset.cpus", dir), "0\n");
	sleeper = spawn_sleeper();
	write_number(pathf("%s/tasks", dir), sleeper);
	check_errno(write_file(pathf("%s/cpuset.cpus", dir), "\n"), ENOSPC,
		    "emptying cpuset.cpus of a cpuset with a task");
	end_child(sleeper);
}

static void check_cpuset(void)
{
	char dir[PATH_LEN];
	int ncpus;
	unsigned long mask = allowed_cpus(&ncpus);

	mount_subsystem(&cpuset, "cpuset");
	if (!cpuset.mounted) {
		tap_skip("cpuset", "cpuset is not mounted");
		return;
	}
	mkdir(container(dir, &cpuset, "cpuset"), 0755);
	if (file_exists(pathf("%s/cpuset.mems", dir)))
		check_errno(write_file(pathf("%s/cpuset.mems", dir), "0\n"), 0,
			    "writing 0 to cpuset.mems");
	check_errno(write_file(pathf("%s/cpuset.cpus", dir), "0\n"), 0, "writing 0 to cpuset.cpus");
	if ((mask & 3) == 3)
		check_errno(write_file(pathf("%s/cpuset.cpus", dir), "0-1\n"), 0,
			    "writing the list 0-1 to cpuset.cpus");
	else
		tap_skip("writing the list 0-1 to cpuset.cpus", "CPUs 0 and 1 are not both here");
	check_errno(write_file(pathf("%s/cpuset.cpus", dir), "junk\n"), EINVAL,
		    "writing junk to cpuset.cpus");
	check_errno(write_file(pathf("%s/cpuset.cpus", dir), "0-\n"), EINVAL,
		    "writing an open range 0- to cpuset.cpus");
	check_errno(write_file(pathf("%s/cpuset.cpus", dir), "1023\n"), ERANGE,
		    "writing a CPU beyond the machine's (1023) to cpuset.cpus");
	check_cpuset_limits(dir, ncpus);
	pinned_cpu = 63 - __builtin_clzl(mask | 1);
	check_cpuset_pinning(dir);
	rmdir(dir);
}

/* ---- debug (Corral's own subsystem) ---- */

/*
 * A child that moves itself into dir, sends its debug.current_css_group down out, and stays
 * there until hold (a pipe's read end) reaches its end.
 */
static void report_css_group(const char *dir, int out, int hold)
{
	char text[64] = "", c;

	write_file(pathf("%s/tasks", dir), "0\n");
	read_file(pathf("%s/debug.current_css_group", dir), text, sizeof(text));
	if (write(out, text, sizeof(text)) != sizeof(text))
		_exit(DIED);
	while (read(hold, &c, 1) > 0)
		;
	_exit(0);
}

/*
 * The debug.current_css_group a new child of dir reads there, into text.  The child stays in
 * dir until hold's write end is closed, so that the next child meets the same css_group, not
 * a new one made after this one's was freed.  Returns its pid, or -1.
 */
static pid_t css_group_of_child(const char *dir, char text[64], const int hold[2])
{
	int fds[2];
	pid_t pid;

	text[0] = '\0';
	if (pipe(fds) != 0)
		return -1;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		close(hold[1]);
		report_css_group(dir, fds[1], hold[0]);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], text, 64) != 64)
		text[0] = '\0';
	close(fds[0]);
	return pid;
}

/* Two children of dir at once: the debug.current_css_group each reads there. */
static void css_groups_of_two_children(const char *dir, char one[64], char two[64])
{
	pid_t first = -1, second = -1;
	int hold[2];

	one[0] = two[0] = '\0';
	if (pipe(hold) != 0)
		return;
	first = css_group_of_child(dir, one, hold);
	if (first > 0)
		second = css_group_of_child(dir, two, hold);
	close(hold[0]);
	close(hold[1]);
	if (first > 0)
		waitpid(first, NULL, 0);
	if (second > 0)
		waitpid(second, NULL, 0);
}

/* debug.css_groups once it is back to want, or as it is after a second. */
static long long css_groups_settled(long long want)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	long long now = read_number(pathf("%s/debug.css_groups", debug.dir));

	for (int i = 0; i < 100 && now != want; i++) {
		nanosleep(&pause_10ms, NULL);
		now = read_number(pathf("%s/debug.css_groups", debug.dir));
	}
	return now;
}

static void check_debug(void)
{
	char dir_path[PATH_LEN], one[64], two[64];
	const char *dir = dir_path;
	long long before;

	snprintf(debug.dir, sizeof(debug.dir), "debug");
	snprintf(debug.key, sizeof(debug.key), "debug");
	if (!subsystem_listed("debug") || mount_hier(&debug, "debug") != 0 ||
	    !file_exists(pathf("%s/debug.css_groups", debug.dir))) {
		tap_skip("debug", "no debug subsystem with debug.css_groups here (Corral's own)");
		return;
	}
	container(dir_path, &debug, "debug");
	before = read_number(pathf("%s/debug.css_groups", debug.dir));
	mkdir(dir, 0755);
	tap_check(file_exists(pathf("%s/debug.container_refcount", dir)) &&
			  file_exists(pathf("%s/debug.taskcount", dir)) &&
			  file_exists(pathf("%s/debug.current_css_group_refcount", dir)),
		  "a container has the debug files");
	css_groups_of_two_children(dir, one, two);
	tap_check(strncmp(one, "0x", 2) == 0 && strcmp(one, two) == 0,
		  "two tasks in one container share a css_group (debug.current_css_group)");
	rmdir(dir);
	tap_check(before > 0 && css_groups_settled(before) == before,
		  "debug.css_groups is back once a fresh container's tasks have exited");
}

/* ---- setting up and cleaning up ---- */

static int is_dir(const char *file)
{
	struct stat st;

	return lstat(file, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Remove the container at dir and every container below it. */
static void remove_containers(const char *dir)
{
	char sub[PATH_LEN];
	struct dirent *d;
	DIR *listing = opendir(dir);

	while (listing && (d = readdir(listing)) != NULL) {
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, d->d_name) >= sizeof(sub))
			continue;
		if (d->d_name[0] != '.' && is_dir(sub))
			remove_containers(sub);
	}
	if (listing)
		closedir(listing);
	rmdir(dir);
}

/* Remove this program's containers from h (only those, in a hierarchy shared with a host). */
static void remove_own_containers(const struct hier *h)
{
	char sub[PATH_LEN];
	struct dirent *d;
	DIR *listing = opendir(h->dir);

	while (listing && (d = readdir(listing)) != NULL) {
		if ((size_t)snprintf(sub, sizeof(sub), "%s/%s", h->dir, d->d_name) >= sizeof(sub))
			continue;
		if (strncmp(d->d_name, prefix, strlen(prefix)) == 0)
			remove_containers(sub);
	}
	if (listing)
		closedir(listing);
}

static int clean_up(void)
{
	int clean = 1;

	end_all_children();
	for (size_t i = 0; i < sizeof(all_hiers) / sizeof(all_hiers[0]); i++) {
		if (all_hiers[i]->mounted) {
			remove_own_containers(all_hiers[i]);
			unmount_hier(all_hiers[i]);
			clean &= !all_hiers[i]->mounted;
		}
	}
	forget_hierarchy(named.key);
	return clean && chdir("..") == 0 && rmdir(top) == 0;
}

static void use_names(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--linux") == 0) {
		names.fstype = "cgroup";
		names.procfile = "/proc/self/cgroup";
		names.summary = "/proc/cgroups";
	} else {
		names.fstype = argc > 1 ? argv[1] : names.fstype;
		names.procfile = argc > 2 ? argv[2] : names.procfile;
		names.summary = argc > 3 ? argv[3] : names.summary;
	}
	names.proc_name = strrchr(names.procfile, '/') ? strrchr(names.procfile, '/') + 1
						       : names.procfile;
}

int main(int argc, char **argv)
{
	char cwd[PATH_LEN];

	use_names(argc, argv);
	printf("# containertests, pid %d: %s, %s, %s\n", (int)getpid(), names.fstype,
	       names.procfile, names.summary);
	if (geteuid() != 0) {
		tap_skip("containertests", "needs root, to mount and to become other users");
		return tap_done();
	}
	snprintf(prefix, sizeof(prefix), "ct%d-", (int)getpid());
	if (!getcwd(cwd, sizeof(cwd)) || strlen(cwd) > PATH_LEN / 2)
		snprintf(cwd, sizeof(cwd), "/tmp");
	snprintf(top, sizeof(top), "%s/containertests-%d", strcmp(cwd, "/") ? cwd : "",
		 (int)getpid());
	if (mkdir(top, 0755) != 0 || chmod(top, 0755) != 0 || chdir(top) != 0) {
		tap_check(0, "a directory to mount in can be made");
		return tap_done();
	}
	check_mount();
	if (named.mounted) {
		check_files();
		check_dirs();
		check_tasks();
		check_delegation();
		check_proc();
	}
	check_cpuacct();
	check_pids();
	check_cpuset();
	check_debug();
	tap_check(clean_up(), "every container made is removed and every hierarchy unmounted");
	return tap_done();
}
