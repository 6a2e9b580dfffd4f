/*
 * releasetests: release notification as a program sees it: notify_on_release, release_agent,
 * releasable, the mount options, and the agent the kernel runs when a container empties.
 *
 *   releasetests [--linux | --lab] [CONTAINERS]
 *
 * --linux stands for Linux's names (file-system type cgroup, /proc/self/cgroup) and runs
 * only the checks of the files and options, which are Linux's cgroup v1 rules; an agent
 * Linux starts runs in the host's first mount namespace, where this program's files are not.
 * CONTAINERS is how many containers the load checks empty at once: by default 1000, or fewer on
 * a small machine, as many as free memory holds processes of LOAD_PROC_BYTES (the least a
 * process costs, docs/processes.md), since all of their agents may be alive at once.
 * --lab runs what lab 6 grades (docs/labs/6-release.md): the triggers, the agent's start and
 * the load checks with LAB_LOAD containers; a wait for one agent lasts LAB_WAIT_MS, and once a
 * wait has come up empty every later one lasts LAB_MISSED_WAIT_MS, so that a release path
 * that never runs an agent fails in seconds, not minutes.
 *
 * The agent is /bin/agent-recorder, which appends a line to /tmp/release.log saying how it
 * was started (its argv, environment, ids, descriptors, signals, containers, a timestamp).
 * To know that something did NOT happen, a check empties a "sentinel" container after it and
 * waits for the sentinel's line: the release work takes containers in order, so anything the
 * check queued would have started before the sentinel's agent.
 *
 * It runs as root (as init under Corral), mounts under a directory it makes in the working
 * directory, and removes what it made at the end.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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

#define LOG	     "/tmp/release.log"
#define AGENT	     "/bin/agent-recorder"
#define AGENT_COPY   "/tmp/agent-copy"	 /* the same program at another path */
#define AGENT_HANG   "/tmp/agent-hang"	 /* one that never exits (see agent-recorder.c) */
#define NOT_EXEC     "/tmp/agent-noexec" /* a file without execute permission */
#define BAD_ELF	     "/tmp/agent-badelf" /* an executable file that is no program */
#define REAPER	     "/sbin/container-reaper"
#define USER_ID	     1000
#define PATH_LEN     512
#define RECORD_LEN   2048
#define WAIT_MS	     20000 /* the longest a check waits for an agent */
#define LOAD_WAIT_MS 120000
#define LOAD_MAX	1000
#define LOAD_PROC_BYTES (64 * 1024)
#define LAB_LOAD	   200
#define LAB_WAIT_MS	   8000
#define LAB_MISSED_WAIT_MS 500

static struct {
	const char *fstype;
	const char *procfile;
} names = {"container", "/proc/self/container"};
static int on_linux;
static int lab_mode;	 /* --lab */
static int agent_missed; /* a wait for an agent has timed out */

static char top[PATH_LEN / 2];	 /* the directory the hierarchy is mounted on */
static char hier_name[32];	 /* "rt12": the hierarchy's name= */
static int sentinels;		 /* sentinel containers made so far */

/* ---- small helpers ---- */

/* The path of container NAME (a path of containers, "a/b") in the hierarchy. */
static const char *cont(const char *name)
{
	return pathf("%s/%s", top, name);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Milliseconds on the monotonic clock: a wait is measured in time, not in rounds of sleep_ms(). */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void check_errno(int got, int want, const char *what)
{
	char line[256];

	snprintf(line, sizeof(line), "%s: %s", what, want ? strerror(want) : "success");
	tap_check(got == want, line);
	if (got != want)
		printf("#   got: %s\n", got ? strerror(got) : "success");
}

/* Whether file reads exactly want. */
static int reads(const char *file, const char *want)
{
	char text[PATH_LEN * 2];

	if (read_file(file, text, sizeof(text)) < 0)
		return 0;
	if (strcmp(text, want) != 0)
		printf("#   %s reads \"%s\", not \"%s\"\n", file, text, want);
	return strcmp(text, want) == 0;
}

/* Copy the file from to to with mode: 0 or -1. */
static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[4096];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
	ssize_t n;
	int err = in < 0 || out < 0;

	while (!err && (n = read(in, buf, sizeof(buf))) > 0)
		err = write(out, buf, (size_t)n) != n;
	close(in);
	close(out);
	return err ? -1 : 0;
}

/* ---- the agent's log ---- */

/* One line of the log, split into its fields (see agent-recorder.c). */
struct record {
	long long t;
	int pid, ppid, uid, euid, gid, sid, pgid, argc, fds, blocked, ignored, roots;
	char argv0[PATH_LEN], argv1[PATH_LEN], env[PATH_LEN], cwd[PATH_LEN];
};

static const char *field(const char *line, const char *key)
{
	char want[32];
	const char *at;

	snprintf(want, sizeof(want), " %s=", key);
	at = strstr(line, want);
	return at ? at + strlen(want) : NULL;
}

static long long number(const char *line, const char *key)
{
	const char *at = strncmp(line, "t=", 2) == 0 && strcmp(key, "t") == 0 ? line + 2
									       : field(line, key);

	return at ? strtoll(at, NULL, 10) : -1;
}

static void word(const char *line, const char *key, char *out)
{
	const char *at = field(line, key);
	size_t n = at ? strcspn(at, " \n") : 0;

	if (n >= PATH_LEN)
		n = PATH_LEN - 1;
	memcpy(out, at ? at : "", n);
	out[n] = '\0';
}

static void parse_record(const char *line, struct record *r)
{
	r->t = number(line, "t");
	r->pid = (int)number(line, "pid");
	r->ppid = (int)number(line, "ppid");
	r->uid = (int)number(line, "uid");
	r->euid = (int)number(line, "euid");
	r->gid = (int)number(line, "gid");
	r->sid = (int)number(line, "sid");
	r->pgid = (int)number(line, "pgid");
	r->argc = (int)number(line, "argc");
	r->fds = (int)number(line, "fds");
	r->blocked = (int)number(line, "blocked");
	r->ignored = (int)number(line, "ignored");
	r->roots = (int)number(line, "roots");
	word(line, "argv0", r->argv0);
	word(line, "argv1", r->argv1);
	word(line, "env", r->env);
	word(line, "cwd", r->cwd);
}

/*
 * Call fn for each line of the log (stopping when it returns nonzero); the number of lines.
 */
static int each_record(int (*fn)(const char *line, void *arg), void *arg)
{
	char line[RECORD_LEN];
	FILE *log = fopen(LOG, "r");
	int n = 0;

	if (!log)
		return 0;
	while (fgets(line, sizeof(line), log)) {
		n++;
		if (fn && fn(line, arg))
			break;
	}
	fclose(log);
	return n;
}

struct find {
	const char *argv1;
	struct record *out;
	int count;
};

static int match_argv1(const char *line, void *arg)
{
	struct find *f = arg;
	char argv1[PATH_LEN];

	word(line, "argv1", argv1);
	if (strcmp(argv1, f->argv1) == 0) {
		if (f->out && f->count == 0)
			parse_record(line, f->out);
		f->count++;
	}
	return 0;
}

/* How many log lines are for the container at path (in the hierarchy); the first in *r. */
static int records_for(const char *container_path, struct record *r)
{
	struct find f = {container_path, r, 0};

	each_record(match_argv1, &f);
	return f.count;
}

/* Wait until the log has a line for container_path: 1 if it came, 0 if not within ms. */
/* How long to wait for what may take up to ms: less under --lab, and less again after a miss. */
static long patience(long ms)
{
	if (lab_mode && agent_missed)
		return ms < LAB_MISSED_WAIT_MS ? ms : LAB_MISSED_WAIT_MS;
	return lab_mode && ms == WAIT_MS ? LAB_WAIT_MS : ms;
}

static int wait_record(const char *container_path, struct record *r, long ms)
{
	for (long end = now_ms() + patience(ms); now_ms() <= end;) {
		if (records_for(container_path, r) > 0)
			return 1;
		sleep_ms(10);
	}
	agent_missed = 1;
	return 0;
}

/* ---- containers and their processes ---- */

/* Run a child that joins dir and exits: its last exit empties dir.  0, or -1. */
static int pass_through(const char *dir)
{
	int status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(write_number(pathf("%s/tasks", dir), getpid()) ? 1 : 0);
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		       WEXITSTATUS(status) == 0
		   ? 0
		   : -1;
}

/* A child that joins first, then moves to then, then exits (0 or -1). */
static int move_through(const char *first, const char *then)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		if (write_number(pathf("%s/tasks", first), getpid()))
			_exit(1);
		_exit(write_number(pathf("%s/tasks", then), getpid()) ? 2 : 0);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		       WEXITSTATUS(status) == 0
		   ? 0
		   : -1;
}

/* A child in dir that waits until *release is closed; its pid. */
static pid_t spawn_in(const char *dir, int *release)
{
	int fds[2];
	pid_t pid;
	char c;

	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		if (write_number(pathf("%s/tasks", dir), getpid()))
			_exit(1);
		while (read(fds[0], &c, 1) > 0)
			;
		_exit(0);
	}
	close(fds[0]);
	*release = fds[1];
	/* Wait until it is in: its pid shows in tasks. */
	for (int i = 0; i < 500; i++) {
		char text[4096], want[16];

		snprintf(want, sizeof(want), "%d\n", pid);
		if (read_file(pathf("%s/tasks", dir), text, sizeof(text)) > 0 && strstr(text, want))
			break;
		sleep_ms(2);
	}
	return pid;
}

static void end_spawned(pid_t pid, int release)
{
	close(release);
	waitpid(pid, NULL, 0);
}

/* Make container name with notify_on_release set to notify: 0 or an errno. */
static int make(const char *name, int notify)
{
	if (mkdir(cont(name), 0755) != 0)
		return errno;
	return write_number(pathf("%s/notify_on_release", cont(name)), notify);
}

/*
 * Empty a fresh sentinel container and wait for its agent: after that, the agent of anything
 * queued before it has started.  1 when its line came.
 */
static int sentinel(void)
{
	char name[32];
	int seen;

	snprintf(name, sizeof(name), "sentinel%d", ++sentinels);
	if (make(name, 1) || pass_through(cont(name)))
		return 0;
	seen = wait_record(pathf("/%s", name), NULL, WAIT_MS);
	rmdir(cont(name));
	sleep_ms(20); /* an agent started just before the sentinel's has written its line too */
	return seen;
}

/* Counters of /proc/container_release (Corral's). */
struct counters {
	long queued, started, failed, cancelled, skipped;
};

static int read_counters(struct counters *c)
{
	char text[512];

	if (read_file("/proc/container_release", text, sizeof(text)) < 0)
		return -1;
	return sscanf(text, "queued %ld\nstarted %ld\nfailed %ld\ncancelled %ld\nskipped %ld",
		      &c->queued, &c->started, &c->failed, &c->cancelled, &c->skipped) == 5
		   ? 0
		   : -1;
}

/* Whether every container queued so far has been dealt with (c holds the counters). */
static int all_dealt_with(struct counters *c)
{
	return read_counters(c) == 0 &&
	       c->queued == c->started + c->failed + c->cancelled + c->skipped;
}

/*
 * Wait until the release work has dealt with everything queued, and holds still: so that a
 * change to release_agent now cannot reach a release queued before it.
 */
static void settle(void)
{
	struct counters c;
	int still = 0;

	for (long end = now_ms() + patience(WAIT_MS); now_ms() < end && still < 5;) {
		still = all_dealt_with(&c) ? still + 1 : 0;
		sleep_ms(10);
	}
}

/* ---- set-up ---- */

static int mount_hier(const char *agent)
{
	char options[PATH_LEN];

	snprintf(options, sizeof(options), "none,name=%s%s%s", hier_name,
		 agent ? ",release_agent=" : "", agent ? agent : "");
	return mount("none", top, names.fstype, 0, options) == 0 ? 0 : errno;
}

/* Whether /proc/mounts has a line for top whose options hold text. */
static int mounts_show(const char *text)
{
	char line[1024];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char dir[PATH_LEN];

		if (sscanf(line, "%*s %511s", dir) == 1 && strcmp(dir, top) == 0 &&
		    (!text || strstr(line, text)))
			found = 1;
	}
	fclose(f);
	return found;
}

/* ---- the files ---- */

static void check_files(void)
{
	tap_check(file_exists(cont("release_agent")), "the top container has release_agent");
	tap_check(reads(cont("notify_on_release"), "0\n"), "the top's notify_on_release starts at 0");
	tap_check(!on_linux ? reads(cont("releasable"), "0\n") : 1,
		  "the top is not releasable");
	check_errno(make("files", 0), 0, "mkdir files");
	tap_check(!file_exists(cont("files/release_agent")),
		  "a container below the top has no release_agent");
	tap_check(reads(cont("files/notify_on_release"), "0\n"), "notify_on_release reads 0");
	check_errno(write_file(cont("files/notify_on_release"), "1"), 0,
		    "notify_on_release takes 1");
	tap_check(reads(cont("files/notify_on_release"), "1\n"), "notify_on_release reads 1");
	check_errno(write_file(cont("files/notify_on_release"), "7\n"), 0,
		    "notify_on_release takes 7");
	tap_check(reads(cont("files/notify_on_release"), "1\n"), "7 reads back as 1");
	check_errno(write_file(cont("files/notify_on_release"), "yes"), EINVAL,
		    "notify_on_release refuses junk");
	check_errno(write_file(cont("files/notify_on_release"), "-1"), EINVAL,
		    "notify_on_release refuses a negative number");
	tap_check(reads(cont("files/notify_on_release"), "1\n"), "a refused write changes nothing");
	check_errno(write_file(cont("files/notify_on_release"), "0"), 0,
		    "notify_on_release takes 0");
	tap_check(reads(cont("files/notify_on_release"), "0\n"), "notify_on_release reads 0 again");

	/* A new container inherits its parent's value. */
	write_number(cont("files/notify_on_release"), 1);
	mkdir(cont("files/on"), 0755);
	tap_check(reads(cont("files/on/notify_on_release"), "1\n"),
		  "a child of a container with notify_on_release 1 starts at 1");
	write_number(cont("files/notify_on_release"), 0);
	mkdir(cont("files/off"), 0755);
	tap_check(reads(cont("files/off/notify_on_release"), "0\n"),
		  "a child of a container with notify_on_release 0 starts at 0");
	rmdir(cont("files/on"));
	rmdir(cont("files/off"));
	rmdir(cont("files"));
}

/* Remount the hierarchy with options: 0 or an errno. */
static int remount(const char *options)
{
	return mount("none", top, names.fstype, MS_REMOUNT, options) == 0 ? 0 : errno;
}

/*
 * Become the user, in the hierarchy's top directory (the directories above it may be closed
 * to the user: a relative path walks from here).  0, or -1.
 */
static int become_user_in_top(void)
{
	if (chdir(top) != 0 || setgid(USER_ID) || setuid(USER_ID))
		return -1;
	return 0;
}

static int op_write_agent(void)
{
	if (become_user_in_top())
		return -1;
	return write_file("release_agent", "/bin/evil");
}

static void check_agent_file(void)
{
	char longest[4200];
	int status;
	pid_t pid;

	tap_check(reads(cont("release_agent"), AGENT "\n"), "release_agent reads the mount's agent");
	check_errno(write_file(cont("release_agent"), AGENT_COPY "\n"), 0, "release_agent takes a path");
	tap_check(reads(cont("release_agent"), AGENT_COPY "\n"),
		  "release_agent reads it back, one newline stripped");
	tap_check(mounts_show("release_agent=" AGENT_COPY), "/proc/mounts shows the new agent");
	check_errno(write_file(cont("release_agent"), "\n"), 0, "release_agent takes a newline");
	tap_check(reads(cont("release_agent"), "\n"), "a newline alone clears it");
	tap_check(!mounts_show("release_agent="), "/proc/mounts shows no agent once cleared");
	write_file(cont("release_agent"), AGENT);
	check_errno(write_file(cont("release_agent"), ""), 0, "release_agent takes a write of nothing");
	tap_check(reads(cont("release_agent"), AGENT "\n"), "a write of nothing changes nothing");

	longest[0] = '/';
	memset(longest + 1, 'a', 4095);
	longest[4096] = '\0';
	write_file(cont("release_agent"), AGENT);
	{
		int err = write_file(cont("release_agent"), longest);

		tap_check(err == ENAMETOOLONG || err == E2BIG || err == EINVAL,
			  "release_agent refuses a path of PATH_MAX bytes");
		if (err != ENAMETOOLONG && err != E2BIG && err != EINVAL)
			printf("#   got: %s\n", strerror(err));
	}
	tap_check(reads(cont("release_agent"), AGENT "\n"), "a refused path changes nothing");

	/* Only root may set it, even through a file the user may write (CVE-2022-0492). */
	if (chown(cont("release_agent"), USER_ID, USER_ID) != 0)
		printf("# chown: %s\n", strerror(errno));
	pid = fork();
	if (pid == 0)
		_exit(op_write_agent());
	waitpid(pid, &status, 0);
	check_errno(WIFEXITED(status) ? WEXITSTATUS(status) : -1, EPERM,
		    "a user may not write release_agent, even owning it");
	chown(cont("release_agent"), 0, 0);
	tap_check(reads(cont("release_agent"), AGENT "\n"), "the user's write changed nothing");
}

static int op_mount_with_agent(void)
{
	if (become_user_in_top())
		return -1;
	return mount("none", ".", names.fstype, 0, "none,name=rtuser,release_agent=/bin/evil") == 0
		   ? 0
		   : errno;
}

static void check_options(void)
{
	char options[PATH_LEN];
	int status;
	pid_t pid;

	snprintf(options, sizeof(options), "none,name=%s2,release_agent=/x1,release_agent=/x2",
		 hier_name);
	check_errno(mount("none", top, names.fstype, 0, options) ? errno : 0, EINVAL,
		    "mount with release_agent= twice");
	tap_check(!mounts_show("release_agent=/x"), "the refused mount mounted nothing");
	pid = fork();
	if (pid == 0)
		_exit(op_mount_with_agent());
	waitpid(pid, &status, 0);
	check_errno(WIFEXITED(status) ? WEXITSTATUS(status) : -1, EPERM,
		    "a user may not mount with release_agent=");
	tap_check(mounts_show("release_agent=" AGENT), "/proc/mounts shows release_agent=");

	/*
	 * A remount changes the agent, also while the hierarchy has containers.  Linux 6.1
	 * refuses every remount of a hierarchy with containers (EBUSY); Corral lets the agent
	 * change, as the 2007 design does, and refuses only a change of subsystems.
	 */
	mkdir(cont("remount"), 0755);
	snprintf(options, sizeof(options), "none,name=%s,release_agent=%s", hier_name, AGENT_COPY);
	if (on_linux) {
		int err;

		check_errno(remount(options), EBUSY,
			    "Linux: a remount while the hierarchy has a container");
		rmdir(cont("remount"));
		/* Linux unlinks a removed cgroup from its parent a grace period after rmdir. */
		for (int i = 0; (err = remount(options)) == EBUSY && i < 100; i++)
			sleep_ms(10);
		check_errno(err, 0, "a remount with a new release_agent=");
	} else {
		check_errno(remount(options), 0,
			    "a remount with a new release_agent= while the hierarchy has a container");
	}
	tap_check(reads(cont("release_agent"), AGENT_COPY "\n"), "the remount set the agent");
	tap_check(mounts_show("release_agent=" AGENT_COPY), "/proc/mounts shows the remount's agent");
	if (!on_linux) {
		int fd;

		snprintf(options, sizeof(options), "cpuacct,name=%s", hier_name);
		check_errno(remount(options), EBUSY,
			    "a remount that adds a subsystem while there are containers");
		rmdir(cont("remount"));
		check_errno(remount(options), 0,
			    "a remount that adds a subsystem to a hierarchy without containers");
		tap_check(file_exists(cont("cpuacct.usage")), "the added subsystem's files appear");
		fd = open(cont("cpuacct.usage"), O_WRONLY);
		snprintf(options, sizeof(options), "none,name=%s", hier_name);
		check_errno(remount(options), 0, "a remount that takes the subsystem away again");
		tap_check(!file_exists(cont("cpuacct.usage")), "its files are gone");
		check_errno(write(fd, "0", 1) < 0 ? errno : 0, ENODEV,
			    "a file of the subsystem left open takes no more writes");
		close(fd);
		tap_check(reads(cont("release_agent"), AGENT_COPY "\n"),
			  "a remount without release_agent= keeps the agent");
	}
	write_file(cont("release_agent"), AGENT);
}

/* ---- when the agent runs ---- */

/* The first release: everything about how the agent was started. */
static void check_exit_trigger(void)
{
	struct record r;
	sigset_t block;

	/* Whatever state the emptying process (init) is in, the agent starts clean. */
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigaddset(&block, SIGTERM);
	sigprocmask(SIG_BLOCK, &block, NULL);
	signal(SIGUSR2, SIG_IGN);

	make("exit", 1);
	tap_check(pass_through(cont("exit")) == 0, "a child joins exit and exits");
	tap_check(wait_record("/exit", &r, WAIT_MS), "the last exit runs the agent");
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGUSR2, SIG_DFL);
	tap_check(r.argc == 2 && strcmp(r.argv0, AGENT) == 0 && strcmp(r.argv1, "/exit") == 0,
		  "its argv is the agent's path and the container's");
	if (r.argc != 2 || strcmp(r.argv0, AGENT) != 0)
		printf("#   argc %d, argv0 %s\n", r.argc, r.argv0);
	tap_check(strcmp(r.env, "HOME=/;PATH=/sbin:/bin:/usr/sbin:/usr/bin") == 0,
		  "its environment is HOME=/ and PATH=/sbin:/bin:/usr/sbin:/usr/bin");
	if (strcmp(r.env, "HOME=/;PATH=/sbin:/bin:/usr/sbin:/usr/bin") != 0)
		printf("#   env %s\n", r.env);
	tap_check(r.uid == 0 && r.euid == 0 && r.gid == 0, "it runs as root");
	tap_check(r.fds == 3, "its descriptors 0, 1 and 2 are on the console");
	tap_check(r.sid == r.pid && r.pgid == r.pid, "it leads its own session and group");
	tap_check(r.blocked == 0 && r.ignored == 0,
		  "it starts with no signal blocked or ignored (init had some)");
	tap_check(strcmp(r.cwd, "/") == 0, "it starts in /");
	tap_check(r.roots == 1, "it is in the top container of every hierarchy");
	tap_check(records_for("/exit", NULL) == 1, "the agent ran once");
	tap_check(reads(cont("exit/releasable"), "1\n"), "the emptied container is releasable");
	rmdir(cont("exit"));
}

static void check_triggers(void)
{
	struct record r;
	int release = -1;
	pid_t pid;

	/* The last task moves out. */
	make("moved", 1);
	make("other", 0);
	tap_check(move_through(cont("moved"), cont("other")) == 0, "a child joins moved, then other");
	tap_check(wait_record("/moved", NULL, WAIT_MS), "the last task moving out runs the agent");

	/* The last child container is removed. */
	make("parent", 1);
	make("parent/child", 0);
	tap_check(rmdir(cont("parent/child")) == 0, "rmdir parent/child");
	tap_check(wait_record("/parent", NULL, WAIT_MS),
		  "removing the last child container runs the parent's agent");

	/* Nested containers: the path is the whole path in the hierarchy. */
	make("n1", 0);
	make("n1/n2", 0);
	make("n1/n2/n3", 1);
	pass_through(cont("n1/n2/n3"));
	tap_check(wait_record("/n1/n2/n3", &r, WAIT_MS) && strcmp(r.argv1, "/n1/n2/n3") == 0,
		  "a nested container's agent gets /n1/n2/n3");

	/* Populated: no agent while a task is in it; then one when it leaves. */
	make("busy", 1);
	pid = spawn_in(cont("busy"), &release);
	make("busy2", 1);
	pass_through(cont("busy2")); /* another container empties meanwhile */
	tap_check(sentinel() && records_for("/busy", NULL) == 0,
		  "no agent for a container that still has a task");
	end_spawned(pid, release);
	tap_check(wait_record("/busy", NULL, WAIT_MS), "its task's exit runs the agent");

	/* A container with a child and no task is not idle. */
	make("haskid", 1);
	make("haskid/kid", 1);
	pass_through(cont("haskid"));
	tap_check(sentinel() && records_for("/haskid", NULL) == 0,
		  "no agent for a container that still has a child container");

	/* Never populated. */
	make("never", 1);
	mkdir(cont("never/x"), 0755);
	rmdir(cont("never/x")); /* it had a child: that counts as populated */
	wait_record("/never", NULL, WAIT_MS);
	make("fresh", 1);
	tap_check(sentinel() && records_for("/fresh", NULL) == 0,
		  "no agent for a container that never had a task or a child");
	tap_check(reads(cont("fresh/releasable"), "0\n"), "a fresh container is not releasable");

	/* notify_on_release 0. */
	make("quiet", 0);
	pass_through(cont("quiet"));
	tap_check(sentinel() && records_for("/quiet", NULL) == 0,
		  "no agent for a container whose notify_on_release is 0");
	tap_check(reads(cont("quiet/releasable"), "1\n"),
		  "but it is releasable: it would have been released");

	/* Never the top, which loses its last child here and has notify_on_release 1. */
	write_number(cont("notify_on_release"), 1);
	for (const char *const *n = (const char *const[]){"moved", "other", "parent", "n1/n2/n3",
							  "n1/n2", "n1", "busy", "busy2",
							  "haskid/kid", "haskid", "never", "fresh",
							  "quiet", NULL};
	     *n; n++)
		rmdir(cont(*n));
	/* The second sentinel follows whatever the first one's rmdir might have queued. */
	tap_check(sentinel() && sentinel() && records_for("/", NULL) == 0,
		  "never an agent for the top container");
	write_number(cont("notify_on_release"), 0);
}

/* The kernel logs a failed agent: 1 if its log holds a line naming both agent and path. */
static int kernel_logged(const char *agent, const char *container_path)
{
	static char buf[65536];
	long len;

	if (on_linux)
		return 1;
	len = syscall(SYS_syslog, 3 /* SYSLOG_ACTION_READ_ALL */, buf, (long)sizeof(buf) - 1);
	if (len < 0)
		return 0;
	buf[len] = '\0';
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (strstr(line, agent) && strstr(line, container_path))
			return 1;
	}
	return 0;
}

static void check_agent_changes(void)
{
	struct record r;
	static const struct {
		const char *agent, *name, *what;
	} bad[] = {
	    {"/tmp/no-such-agent", "missing", "a missing agent"},
	    {NOT_EXEC, "noexec", "an agent without execute permission"},
	    {BAD_ELF, "badelf", "an agent that is no program"},
	};

	/* An empty agent: nothing runs. */
	write_file(cont("release_agent"), "\n");
	make("noagent", 1);
	pass_through(cont("noagent"));
	settle();
	write_file(cont("release_agent"), AGENT);
	tap_check(sentinel() && records_for("/noagent", NULL) == 0,
		  "no agent runs while release_agent is empty");
	rmdir(cont("noagent"));

	/* Agents that cannot run: one kernel log line each; the next release works. */
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char line[128];

		write_file(cont("release_agent"), bad[i].agent);
		make(bad[i].name, 1);
		pass_through(cont(bad[i].name));
		settle();
		write_file(cont("release_agent"), AGENT);
		snprintf(line, sizeof(line), "%s: the kernel logs it, naming agent and container",
			 bad[i].what);
		tap_check(sentinel() && kernel_logged(bad[i].agent, pathf("/%s", bad[i].name)), line);
		snprintf(line, sizeof(line), "after %s, the next release runs the agent", bad[i].what);
		tap_check(sentinel(), line);
		rmdir(cont(bad[i].name));
	}

	/* A remount's agent is the one that runs. */
	mount("none", top, names.fstype, MS_REMOUNT,
	      pathf("none,name=%s,release_agent=%s", hier_name, AGENT_COPY));
	make("copy", 1);
	pass_through(cont("copy"));
	tap_check(wait_record("/copy", &r, WAIT_MS) && strcmp(r.argv0, AGENT_COPY) == 0,
		  "after a remount, the new agent runs");
	rmdir(cont("copy"));
	write_file(cont("release_agent"), AGENT);

	/* The kernel does not wait for its agent: one that never ends holds up nothing. */
	write_file(cont("release_agent"), AGENT_HANG);
	make("hang1", 1);
	make("hang2", 1);
	pass_through(cont("hang1"));
	pass_through(cont("hang2"));
	tap_check(wait_record("/hang1", &r, WAIT_MS) && wait_record("/hang2", NULL, WAIT_MS),
		  "a second agent runs while the first has not ended");
	if (records_for("/hang1", &r) && r.pgid > 1)
		kill(-r.pgid, SIGKILL);
	if (records_for("/hang2", &r) && r.pgid > 1)
		kill(-r.pgid, SIGKILL);
	write_file(cont("release_agent"), AGENT);
	rmdir(cont("hang1"));
	rmdir(cont("hang2"));
}

/* ---- /sbin/container-reaper ---- */

/* Run the reaper by hand as the kernel would, "REAPER PATH": its exit status, or -1. */
static int run_reaper(const char *container_path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(REAPER, REAPER, container_path, (char *)NULL);
		_exit(127);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status)
		   ? WEXITSTATUS(status)
		   : -1;
}

static void check_reaper(void)
{
	int release = -1, i;
	pid_t pid;

	write_file(cont("release_agent"), REAPER);
	make("reaped", 1);
	pass_through(cont("reaped"));
	for (i = 0; i < WAIT_MS / 10 && file_exists(cont("reaped")); i++)
		sleep_ms(10);
	tap_check(!file_exists(cont("reaped")), "container-reaper as the agent removes the container");

	make("again", 0);
	pid = spawn_in(cont("again"), &release);
	tap_check(run_reaper("/again") == 0 && file_exists(cont("again")),
		  "container-reaper leaves a container in use again, status 0");
	end_spawned(pid, release);
	tap_check(run_reaper("/again") == 0 && !file_exists(cont("again")),
		  "container-reaper removes an idle container, status 0");
	write_file(cont("release_agent"), AGENT);
	tap_check(run_reaper("/again") == 1,
		  "container-reaper fails, status 1, when no hierarchy names it its agent");
}

/* ---- exactly once, under load ---- */

/*
 * Worker number of workers: moves itself through its share of the containers, then exits.
 * With race, a container may be gone before the worker comes to it (ENOENT, or ENODEV when
 * it goes while the worker opens its tasks file).
 */
static void load_worker(const char *round, int number, int workers, int count, int race)
{
	for (int i = number; i < count; i += workers) {
		int err = write_number(pathf("%s/tasks", cont(pathf("%s%d", round, i))), getpid());

		if (err && !(race && (err == ENOENT || err == ENODEV)))
			_exit(1);
	}
	_exit(0);
}

/* A racer: rmdir every container of the round until all are gone (EBUSY: try again). */
static void rmdir_racer(const char *round, int count)
{
	int left = count;
	char *gone = calloc((size_t)count, 1);

	for (int pass = 0; left > 0 && pass < 100000; pass++) {
		for (int i = 0; i < count; i++) {
			if (!gone[i] && rmdir(cont(pathf("%s%d", round, i))) == 0) {
				gone[i] = 1;
				left--;
			}
		}
	}
	_exit(left == 0 ? 0 : 1);
}

struct tally {
	const char *round;
	int count;
	unsigned char *seen; /* lines per container */
	int others;
};

static int tally_line(const char *line, void *arg)
{
	struct tally *t = arg;
	char argv1[PATH_LEN], want[64];
	size_t n;

	word(line, "argv1", argv1);
	n = (size_t)snprintf(want, sizeof(want), "/%s", t->round);
	if (strncmp(argv1, want, n) == 0) {
		int i = atoi(argv1 + n);

		if (i >= 0 && i < t->count && t->seen[i] < 255)
			t->seen[i]++;
	}
	return 0;
}

/*
 * Empty count containers at once from several processes (one per CPU and more), racing
 * rmdir against the releases if race: each container's agent runs exactly once, or (race)
 * at most once; no container is missed or doubled, and nothing leaks.
 */
static void check_load(const char *round, int count, int race)
{
	size_t size = (size_t)(count > 0 ? count : 1);
	struct tally t = {round, count, calloc(size, 1), 0};
	struct counters before, after;
	int workers = 4, ok = 1, once = 1, missing = 0, twice = 0, settled = 0;
	pid_t pids[5];
	char what[160];

	read_counters(&before);
	for (int i = 0; i < count && ok; i++)
		ok = make(pathf("%s%d", round, i), 1) == 0;
	snprintf(what, sizeof(what), "%s: made %d containers with notify_on_release", round, count);
	tap_check(ok, what);
	for (int w = 0; w < workers; w++) {
		pids[w] = fork();
		if (pids[w] == 0)
			load_worker(round, w, workers, count, race);
	}
	if (race) {
		pids[workers] = fork();
		if (pids[workers] == 0)
			rmdir_racer(round, count);
	}
	for (int w = 0; w < workers + race; w++) {
		int status;

		waitpid(pids[w], &status, 0);
		ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
	}
	snprintf(what, sizeof(what), "%s: %d processes emptied them%s", round, workers,
		 race ? ", another removed them meanwhile" : "");
	tap_check(ok, what);

	/* Wait until every release has been dealt with: all agents in, or the counters settle. */
	for (long end = now_ms() + patience(LOAD_WAIT_MS); now_ms() < end;) {
		if (!race) {
			memset(t.seen, 0, size);
			each_record(tally_line, &t);
			missing = 0;
			for (int i = 0; i < count; i++)
				missing += !t.seen[i];
			if (!missing)
				break;
		} else if (read_counters(&after) == 0 &&
			   after.queued - before.queued == (after.started - before.started) +
								  (after.failed - before.failed) +
								  (after.cancelled - before.cancelled) +
								  (after.skipped - before.skipped)) {
			if (++settled == 10)
				break;
		} else {
			settled = 0;
		}
		sleep_ms(50);
	}
	sleep_ms(100); /* a late agent would write its line now */
	memset(t.seen, 0, size);
	each_record(tally_line, &t);
	missing = twice = 0;
	for (int i = 0; i < count; i++) {
		missing += !t.seen[i];
		twice += t.seen[i] > 1;
	}
	once = !twice && (race || !missing);
	snprintf(what, sizeof(what), "%s: %s", round,
		 race ? "no container's agent ran twice" : "every container's agent ran exactly once");
	tap_check(once, what);
	if (!once)
		printf("#   %d missing, %d more than once\n", missing, twice);

	if (!race) {
		for (int i = 0; i < count; i++)
			rmdir(cont(pathf("%s%d", round, i)));
	}
	if (!on_linux) {
		read_counters(&after);
		snprintf(what, sizeof(what),
			 "%s: every queued container was started, failed, cancelled or skipped", round);
		tap_check(after.queued - before.queued ==
			      (after.started - before.started) + (after.failed - before.failed) +
				  (after.cancelled - before.cancelled) +
				  (after.skipped - before.skipped),
			  what);
		printf("# %s: queued %ld started %ld cancelled %ld skipped %ld failed %ld\n", round,
		       after.queued - before.queued, after.started - before.started,
		       after.cancelled - before.cancelled, after.skipped - before.skipped,
		       after.failed - before.failed);
		if (!race) {
			snprintf(what, sizeof(what), "%s: %d queued, %d agents started", round, count,
				 count);
			tap_check(after.queued - before.queued == count &&
				      after.started - before.started == count,
				  what);
		}
	}
	free(t.seen);
}

/* ---- main ---- */

static int set_up(void)
{
	static const char elf_junk[] = "\177ELF this is not a program\n";
	int fd;

	snprintf(hier_name, sizeof(hier_name), "rt%d", getpid());
	if (!getcwd(top, sizeof(top) - 32))
		return -1;
	snprintf(top + strlen(top), sizeof(top) - strlen(top), "%srt%d",
		 top[strlen(top) - 1] == '/' ? "" : "/", getpid());
	unlink(LOG);
	if (mkdir(top, 0755) != 0)
		return -1;
	if (on_linux) /* no agent runs: the agents' files are not needed */
		return mount_hier(AGENT);
	if (copy_file(AGENT, AGENT_COPY, 0755) || copy_file(AGENT, AGENT_HANG, 0755))
		return -1;
	if (copy_file(AGENT, NOT_EXEC, 0644))
		return -1;
	fd = open(BAD_ELF, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (fd < 0 || write(fd, elf_junk, sizeof(elf_junk)) < 0)
		return -1;
	close(fd);
	return mount_hier(AGENT);
}

static void clean_up(void)
{
	umount(top);
	rmdir(top);
	unlink(AGENT_COPY);
	unlink(AGENT_HANG);
	unlink(NOT_EXEC);
	unlink(BAD_ELF);
}

int main(int argc, char **argv)
{
	long room = tap_free_memory() / LOAD_PROC_BYTES;
	int count = room > 0 && room < LOAD_MAX ? (int)room : LOAD_MAX, err;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--linux") == 0) {
			on_linux = 1;
			names.fstype = "cgroup";
			names.procfile = "/proc/self/cgroup";
		} else if (strcmp(argv[i], "--lab") == 0) {
			lab_mode = 1;
			count = count < LAB_LOAD ? count : LAB_LOAD;
		} else if (atoi(argv[i]) > 0) {
			count = atoi(argv[i]);
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* a line in one write(): an agent's output does not cut it */
	err = set_up();
	tap_check(err == 0, "mount a hierarchy with release_agent=" AGENT);
	if (err) {
		printf("# set-up: %s\n", strerror(err > 0 ? err : errno));
		clean_up();
		return tap_done();
	}
	if (lab_mode) {
		check_exit_trigger();
		check_triggers();
		check_agent_changes();
		check_load("load", count, 0);
		check_load("race", count, 1);
		clean_up();
		return tap_done();
	}
	check_files();
	check_agent_file();
	check_options();
	if (!on_linux) {
		check_exit_trigger();
		check_triggers();
		long free_before, free_after;

		check_agent_changes();
		check_reaper();
		check_load("load", count, 0);
		unlink(LOG); /* its pages are free memory again */
		free_before = tap_free_memory_settled(-1);
		check_load("race", count, 1);
		unlink(LOG);
		free_after = tap_free_memory_settled(free_before);
		tap_check(free_after >= free_before,
			  "free memory after the race is what it was before it");
		if (free_after < free_before)
			printf("#   %ld bytes fewer\n", free_before - free_after);
	}
	clean_up();
	return tap_done();
}
