/*
 * containerstress: many processes making, removing and moving between task containers at
 * once, then a check that nothing is left behind.
 *
 *   containerstress [FSTYPE [SUMMARY [PROCFILE]]]
 *   containerstress --linux
 *
 * The names are Corral's by default: the file-system type "container", the summary
 * /proc/containers and the per-process file /proc/self/container; --linux stands for
 * Linux's, "cgroup /proc/cgroups /proc/self/cgroup".
 *
 * It mounts a fresh named hierarchy under a directory it makes in the working directory.
 * One worker per CPU (at least two) does OPERATIONS random operations on a small tree of
 * containers: mkdir, rmdir, and moving itself into one of them or back to the root.  The
 * errors a race explains are expected (EEXIST, ENOENT, EBUSY, ENODEV for a container removed
 * under it); any other fails the worker.  Afterwards every container is removed, and the
 * memory is checked: free memory (sysinfo) and, where the debug subsystem is there,
 * debug.css_groups are what they were before.  A first round, its results discarded, makes
 * what the kernel makes once and keeps (as usertests' warm-up does); the readings are taken
 * around the second.  Free memory is compared on Corral only: on a host other programs run.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <tap.h>
#include <testfile.h>
#include <time.h>
#include <unistd.h>

#define OPERATIONS 3000 /* per worker and round */
#define CONTAINERS 6	/* top-level names c0..c5, each with children c0/c0..c0/c5 */
#define MAX_WORKERS 16
#define PATH_LEN    128

static struct {
	const char *fstype;
	const char *summary;
	const char *procfile;
} names = {"container", "/proc/containers", "/proc/self/container"};

static char top[PATH_LEN];    /* the directory everything is mounted under (absolute) */
static int debug_mounted;     /* ./debug holds the debug hierarchy */
static char hier_options[64]; /* "none,name=stressPID" */

static int on_corral(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Corral") == 0;
}

/* Is the subsystem a line of the summary? */
static int subsystem_listed(const char *subsys)
{
	char line[128], name[64];
	FILE *f = fopen(names.summary, "r");
	int found = 0;

	while (f && !found && fgets(line, sizeof(line), f))
		found = sscanf(line, "%63s", name) == 1 && strcmp(name, subsys) == 0;
	if (f)
		fclose(f);
	return found;
}

/* A random container's path below h: "h/cN" or "h/cN/cM". */
static void random_container(unsigned *seed, char *out, size_t size)
{
	int a = rand_r(seed) % CONTAINERS, b = rand_r(seed) % CONTAINERS;

	if (rand_r(seed) % 2)
		snprintf(out, size, "h/c%d", a);
	else
		snprintf(out, size, "h/c%d/c%d", a, b);
}

/* One random operation: 0, or the errno no race explains. */
static int random_operation(unsigned *seed)
{
	char dir[PATH_LEN], tasks[PATH_LEN + 8];
	int err;

	random_container(seed, dir, sizeof(dir));
	switch (rand_r(seed) % 4) {
	case 0:
		err = mkdir(dir, 0755) == 0 ? 0 : errno;
		return err == EEXIST || err == ENOENT ? 0 : err;
	case 1:
		err = rmdir(dir) == 0 ? 0 : errno;
		return err == ENOENT || err == EBUSY ? 0 : err;
	case 2:
		snprintf(tasks, sizeof(tasks), "%s/tasks", dir);
		err = write_file(tasks, "0\n");
		return err == ENOENT || err == ENODEV ? 0 : err;
	default:
		return write_file("h/tasks", "0\n");
	}
}

/* A worker: its operations, then back to the root; exits 0, or 1 after naming an error. */
static void worker(int number)
{
	unsigned seed = (unsigned)getpid() * 2654435761u + (unsigned)number;

	for (int i = 0; i < OPERATIONS; i++) {
		int err = random_operation(&seed);

		if (err) {
			printf("# worker %d, operation %d: %s\n", number, i, strerror(err));
			fflush(stdout);
			_exit(1);
		}
	}
	_exit(write_file("h/tasks", "0\n") ? 1 : 0);
}

/* Run the workers at once: the number that failed (or died). */
static int run_workers(int count)
{
	pid_t pids[MAX_WORKERS];
	int failed = 0, status;

	fflush(stdout);
	for (int i = 0; i < count; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			worker(i);
	}
	for (int i = 0; i < count; i++) {
		if (pids[i] < 0 || waitpid(pids[i], &status, 0) != pids[i] ||
		    !WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	}
	return failed;
}

/* Remove every container below dir (not dir itself); the number that would not go. */
static int remove_below(const char *dir)
{
	char sub[PATH_LEN * 2];
	struct dirent *d;
	struct stat st;
	DIR *listing = opendir(dir);
	int left = 0;

	while (listing && (d = readdir(listing)) != NULL) {
		if (d->d_name[0] == '.' ||
		    (size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, d->d_name) >= sizeof(sub) ||
		    lstat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		left += remove_below(sub);
		left += rmdir(sub) != 0;
	}
	if (listing)
		closedir(listing);
	return left;
}

static int workers_count(void)
{
	cpu_set_t set;
	int n = sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;

	return n < 2 ? 2 : n > MAX_WORKERS ? MAX_WORKERS : n;
}

/* One round: the workers, then the clean-up; with checks, or silently for the warm-up. */
static void round_of(int workers, int checked)
{
	int failed = run_workers(workers), left = remove_below("h");

	if (!checked)
		return;
	tap_check(failed == 0, "every worker's operations met only the errors races explain");
	tap_check(left == 0, "every container is removed afterwards");
}

static long long css_groups(void)
{
	return debug_mounted ? read_number("debug/debug.css_groups") : -1;
}

/* debug.css_groups once it is back to want, or as it is after a second. */
static long long css_groups_settled(long long want)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	long long now = css_groups();

	for (int i = 0; i < 100 && now != want; i++) {
		nanosleep(&pause_10ms, NULL);
		now = css_groups();
	}
	return now;
}

static void run(int workers)
{
	long free_before, free_after;
	long long groups_before;

	printf("# %d workers, %d operations each\n", workers, OPERATIONS);
	round_of(workers, 0);
	free_before = tap_free_memory_steady();
	groups_before = css_groups();
	round_of(workers, 1);
	if (debug_mounted)
		tap_check(css_groups_settled(groups_before) == groups_before,
			  "debug.css_groups is what it was before");
	else
		tap_skip("debug.css_groups is what it was before", "no debug subsystem here");
	if (!on_corral()) {
		tap_skip("free memory is what it was before", "other programs run on a host");
		return;
	}
	free_after = tap_free_memory_settled(free_before);
	tap_check(free_after == free_before, "free memory is what it was before");
	if (free_after != free_before)
		printf("#   %ld bytes before, %ld after\n", free_before, free_after);
}

static int set_up(void)
{
	char cwd[PATH_LEN / 2];

	if (!getcwd(cwd, sizeof(cwd)))
		snprintf(cwd, sizeof(cwd), "/tmp");
	snprintf(top, sizeof(top), "%s/containerstress-%d", strcmp(cwd, "/") ? cwd : "",
		 (int)getpid());
	snprintf(hier_options, sizeof(hier_options), "none,name=stress%d", (int)getpid());
	if (mkdir(top, 0755) != 0 || chdir(top) != 0 || mkdir("h", 0755) != 0)
		return -1;
	if (mount("none", "h", names.fstype, 0, hier_options) != 0)
		return -1;
	if (subsystem_listed("debug") && mkdir("debug", 0755) == 0)
		debug_mounted = mount("none", "debug", names.fstype, 0, "debug") == 0;
	return 0;
}

/*
 * Linux keeps a named hierarchy whose last mount went while a removed container was still
 * being freed: mount and unmount it again, for up to a second, until this process's
 * per-process file no longer names it.  Best effort, not a check.
 */
static void forget_hierarchy(void)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	char line[256], *name = strchr(hier_options, ',') + 1;
	int listed = 1;

	for (int i = 0; i < 100 && listed; i++) {
		FILE *f = fopen(names.procfile, "r");

		for (listed = 0; f && !listed && fgets(line, sizeof(line), f);)
			listed = strstr(line, name) != NULL;
		if (f)
			fclose(f);
		nanosleep(&pause_10ms, NULL);
		if (listed && mount("none", "h", names.fstype, 0, hier_options) == 0)
			umount("h");
	}
}

static int clean_up(void)
{
	int clean = remove_below("h") == 0 && umount("h") == 0;

	forget_hierarchy();
	if (debug_mounted)
		umount("debug");
	rmdir("debug");
	rmdir("h");
	return clean && chdir("..") == 0 && rmdir(top) == 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--linux") == 0) {
		names.fstype = "cgroup";
		names.summary = "/proc/cgroups";
		names.procfile = "/proc/self/cgroup";
	} else {
		names.fstype = argc > 1 ? argv[1] : names.fstype;
		names.summary = argc > 2 ? argv[2] : names.summary;
		names.procfile = argc > 3 ? argv[3] : names.procfile;
	}
	printf("# containerstress, pid %d: %s, %s\n", (int)getpid(), names.fstype, names.summary);
	if (geteuid() != 0) {
		tap_skip("containerstress", "needs root, to mount");
		return tap_done();
	}
	if (set_up() != 0) {
		tap_check(0, "a named hierarchy can be mounted to work in");
		printf("#   %s\n", strerror(errno));
		clean_up();
		return tap_done();
	}
	run(workers_count());
	tap_check(clean_up(), "the hierarchy is unmounted and its directory removed");
	return tap_done();
}
