/*
 * fuzz: random system calls with hostile arguments, from several processes at once, and then
 * the checks that the kernel survived them and kept nothing.
 *
 *   fuzz [--no-containers] [--only CALL,...] [SEED [CALLS]]
 *
 * SEED (default: from the clock) makes the run's streams of calls; CALLS (default 50000) is
 * how many, in all; --only makes only the calls whose names (in the summary) begin with one of
 * the words given, to find which of them a failed check is about.  One worker per CPU (two at
 * least) makes its share of the calls in batches: each batch is a child process (the worker is
 * its watchdog) that makes BATCH_CALLS calls and exits; it may fork children of its own, which
 * make a few calls and exit.  A batch
 * may die of what it did (a signal, a bad sigreturn, its own memory unmapped) and another
 * takes its place; one that makes no progress for WATCHDOG_MS (blocked in pause, say) is
 * killed, with its children.  One that does not die of SIGKILL means the kernel hangs, and
 * the run fails.
 *
 * Before the run, a warm-up round (its results thrown away) makes what the kernel makes once
 * and keeps; then the open files (/proc/file-nr), the css_groups (debug.css_groups) and free
 * memory are read, and after the run and the clean-up they must come back to the same.  The
 * output is TAP, with a summary of the calls made and failed per system call, and the line
 * to repeat the run.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
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

#include "fuzz.h"

#define MAX_WORKERS 16
#define BATCH_CALLS 400
#define WATCHDOG_MS 1000
#define KILL_WAIT_MS 20000 /* a batch not dead this long after SIGKILL: the kernel hangs */
#define HIER_OPTIONS "all,release_agent=/sbin/container-reaper"

/* What a worker tells main at the end. */
struct totals {
	struct report counts;
	long batches, batches_killed, batches_died;
	int hung; /* a batch that SIGKILL did not end */
};

static int containers_on = 1;
static const char *only; /* --only's list, or NULL */

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };

	nanosleep(&ts, NULL);
}

/* ---- a batch, and what it tells its worker ---- */

/* The pipe is non-blocking at both ends (pipe2): wait for room while the worker drains it. */
static void send_report(const struct report *r)
{
	while (SYS(SYS_write, REPORT_FD, r, sizeof(*r), 0, 0, 0) == -EAGAIN)
		SYS(SYS_sched_yield, 0, 0, 0, 0, 0, 0);
}

void report_counts(struct fuzzer *f)
{
	f->counts.kind = REPORT_COUNTS;
	send_report(&f->counts);
	memset(&f->counts, 0, sizeof(f->counts));
}

void report_child(struct fuzzer *f, pid_t pid)
{
	struct report r = { .kind = REPORT_CHILD, .pid = pid };

	send_report(&r);
}

/* The descriptors a batch starts with: some of each kind the kernel has. */
static void open_some_files(struct fuzzer *f)
{
	static const char *const names[] = { "f0", "d0", "/proc/self/status", "/dev/zero",
					     "/proc/meminfo", "/" };
	int pipe_fds[2];

	for (int i = 0; i < 6; i++)
		remember_fd(f, open(names[i], i == 0 ? O_RDWR : O_RDONLY));
	if (pipe2(pipe_fds, O_NONBLOCK) == 0) {
		remember_fd(f, pipe_fds[0]);
		remember_fd(f, pipe_fds[1]);
	}
}

/*
 * Close what the batch inherited beyond its report pipe: its worker's pipe to main and the
 * read ends of the other workers' pipes.  A batch writes random bytes to random descriptors;
 * into its worker's pipe to main they would fill it (the worker's own report would then wait
 * for a reader that waits for the worker) and garble the report.
 */
static void close_inherited_files(void)
{
	for (int fd = 3; fd < 64; fd++)
		if (fd != REPORT_FD)
			close(fd);
}

static void batch(struct fuzzer *f, int report_fd)
{
	int null;
	long ignored;

	dup2(report_fd, REPORT_FD);
	close_inherited_files();
	null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	if (null > 2)
		close(null);
	setpgid(0, 0);
	if (chdir(f->scratch) != 0)
		_exit(3);
	values_init(f);
	open_some_files(f);
	for (int i = 0; i < BATCH_CALLS; i++) {
		fuzz_one(f, &ignored);
		if (i % 32 == 31)
			report_counts(f);
	}
	reap_children(f, 1);
	report_counts(f);
	_exit(0);
}

/* ---- a worker: the watchdog of its batches ---- */

static void add_counts(struct report *sum, const struct report *r)
{
	for (int i = 0; i < MAX_CALLS; i++) {
		sum->made[i] += r->made[i];
		sum->failed[i] += r->failed[i];
	}
	sum->kernel_pointer_accepted += r->kernel_pointer_accepted;
	sum->internal_errno_seen += r->internal_errno_seen;
}

static long calls_in(const struct report *r)
{
	long n = 0;

	for (int i = 0; i < MAX_CALLS; i++)
		n += r->made[i];
	return n;
}

/* Read what has come from the batch: 1 if anything did. */
static int drain(int fd, struct totals *t, pid_t *children, int *nchildren)
{
	struct report r;
	int got = 0;

	while (read(fd, &r, sizeof(r)) == (long)sizeof(r)) {
		got = 1;
		if (r.kind == REPORT_COUNTS)
			add_counts(&t->counts, &r);
		else if (r.kind == REPORT_CHILD && *nchildren < 64)
			children[(*nchildren)++] = r.pid;
	}
	return got;
}

/* Wait for a batch to end, killing it if it stops making progress. */
static void supervise(pid_t pid, int fd, struct totals *t)
{
	pid_t children[64];
	int nchildren = 0, status = 0, killed = 0;
	long last = now_ms();

	for (;;) {
		if (drain(fd, t, children, &nchildren))
			last = now_ms();
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		if (!killed && now_ms() - last > WATCHDOG_MS) {
			kill(pid, SIGKILL);
			killed = 1;
			last = now_ms();
		} else if (killed && now_ms() - last > KILL_WAIT_MS) {
			printf("# batch %d does not die of SIGKILL\n", (int)pid);
			t->hung = 1;
			return;
		}
		sleep_ms(5);
	}
	drain(fd, t, children, &nchildren);
	t->batches++;
	t->batches_killed += killed;
	t->batches_died += !killed && !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	for (int i = 0; i < nchildren; i++) /* those a dead batch could not reap */
		kill(children[i], SIGKILL);
}

/*
 * Put pid back in the hierarchy's top container.  A batch may have written a worker's pid, or
 * the fuzzer's own, to the tasks file of a container whose pids.max is reached, where its
 * next fork() fails with EAGAIN.
 */
static void move_to_top(int pid)
{
	FILE *top = fopen(HIER_DIR "/tasks", "w");

	if (top) {
		fprintf(top, "%d\n", pid);
		fclose(top);
	}
}

static void worker(int number, uint64_t seed, long share, int result_fd)
{
	struct rng rng = { seed };
	struct totals t;
	int fork_failures = 0, err;

	memset(&t, 0, sizeof(t));
	while (calls_in(&t.counts) < share && !t.hung) {
		struct fuzzer f;
		int fds[2];
		pid_t pid;

		memset(&f, 0, sizeof(f));
		f.rng.state = rng_next(&rng);
		f.worker = number;
		f.containers = containers_on;
		snprintf(f.scratch, sizeof(f.scratch), "%s/w%d", FUZZ_DIR, number);
		if (pipe2(fds, O_NONBLOCK) != 0)
			break;
		pid = fork();
		if (pid == 0) {
			close(fds[0]);
			batch(&f, fds[1]);
		}
		err = pid < 0 ? errno : 0;
		close(fds[1]);
		if (pid > 0)
			supervise(pid, fds[0], &t);
		close(fds[0]);
		if (pid < 0) { /* no batch: see move_to_top() */
			if (++fork_failures % 100 == 0) {
				printf("# worker %d: fork: %s (%d times)\n", number, strerror(err),
				       fork_failures);
				fflush(stdout);
			}
			if (fork_failures >= 1000) /* 5 s and more: the batches cannot run */
				break;
			if (containers_on)
				move_to_top(getpid());
			sleep_ms(5);
		}
	}
	write(result_fd, &t, sizeof(t)); /* main reads it before it waits for this worker */
	_exit(0);
}

/* ---- the run ---- */

static uint64_t worker_seed(uint64_t seed, int number)
{
	struct rng r = { seed ^ (0x632be59bd9b4e019ULL * (uint64_t)(number + 1)) };

	return rng_next(&r);
}

static void make_scratch(int workers)
{
	static const char *const files[] = { "f0", "f1", "f2", "d0/f3" };
	char path[128];

	for (int w = 0; w < workers; w++) {
		snprintf(path, sizeof(path), "%s/w%d", FUZZ_DIR, w);
		mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/w%d/d0", FUZZ_DIR, w);
		mkdir(path, 0755);
		snprintf(path, sizeof(path), "%s/w%d/m", FUZZ_DIR, w);
		mkdir(path, 0755);
		for (int i = 0; i < 4; i++) {
			int fd;

			snprintf(path, sizeof(path), "%s/w%d/%s", FUZZ_DIR, w, files[i]);
			fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd >= 0) {
				write(fd, "some bytes\n", 11);
				close(fd);
			}
		}
	}
}

static bool last_attempt; /* the clean-up's last try: say what cannot be removed */

/* Count one path left; on the clean-up's last try, say which and why. */
static int say_left(const char *path)
{
	if (last_attempt)
		printf("# clean-up: cannot remove %s: %s\n", path, strerror(errno));
	return 1;
}

/*
 * Remove dir's contents and, if remove_dir, dir itself, unmounting first what is mounted on
 * it; what is mounted on dir itself stays when remove_dir is 0 (the hierarchy).
 */
static int remove_tree(const char *dir, int remove_dir)
{
	char sub[512];
	struct dirent *d;
	struct stat st;
	DIR *listing;
	int left = 0;

	for (int i = 0; remove_dir && i < 16 && umount(dir) == 0; i++)
		;
	listing = opendir(dir);
	while (listing && (d = readdir(listing)) != NULL) {
		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    (size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, d->d_name) >= sizeof(sub) ||
		    lstat(sub, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			left += remove_tree(sub, 1);
		else if (unlink(sub) != 0 && strncmp(dir, HIER_DIR, strlen(HIER_DIR)) != 0)
			left += say_left(sub);
	}
	if (listing)
		closedir(listing);
	if (remove_dir) {
		chmod(dir, 0755);
		if (rmdir(dir) != 0)
			left += say_left(dir);
	}
	return left;
}

/* Whether something is mounted on dir: it is on another device than its parent. */
static bool mounted_on(const char *dir, const char *parent)
{
	struct stat st, parent_st;

	return stat(dir, &st) == 0 && stat(parent, &parent_st) == 0 && st.st_dev != parent_st.st_dev;
}

/*
 * Empty every container below dir.  A child that a batch left behind (one whose batch went
 * on as /bin/true through execve, say) may pause for ever: it is killed.  The fuzzer itself
 * and init, which a batch may have moved by writing their pid to a tasks file, go back to
 * the top container instead.
 */
static void kill_tasks_below(const char *dir)
{
	char sub[512];
	struct dirent *d;
	struct stat st;
	DIR *listing = opendir(dir);

	while (listing && (d = readdir(listing)) != NULL) {
		FILE *tasks;
		int pid;

		if (strcmp(d->d_name, ".") == 0 || strcmp(d->d_name, "..") == 0 ||
		    (size_t)snprintf(sub, sizeof(sub), "%s/%s", dir, d->d_name) >= sizeof(sub) ||
		    lstat(sub, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		kill_tasks_below(sub);
		strncat(sub, "/tasks", sizeof(sub) - strlen(sub) - 1);
		tasks = fopen(sub, "r");
		while (tasks && fscanf(tasks, "%d", &pid) == 1) {
			if (pid == getpid() || pid == getppid() || pid == 1)
				move_to_top(pid);
			else
				kill(pid, SIGKILL);
		}
		if (tasks)
			fclose(tasks);
	}
	if (listing)
		closedir(listing);
}

/*
 * Kill what the run left running outside the containers: a batch's child that pauses for
 * ever in the top container, say, which kill_tasks_below() does not reach.  Every process a
 * worker starts is named fuzz (the run's every execve fails or runs /bin/true, which ends at
 * once), so the processes named fuzz are the run's, but for this clean-up and the fuzzer
 * itself.  Left alive, one would hold its files and memory until a later run's random kill
 * ended it, and that run's counts would come out short.  Returns how many were still alive
 * (not yet zombies, which their parent reaps).
 */
static int kill_leftover_fuzzers(void)
{
	DIR *proc = opendir("/proc");
	struct dirent *d;
	int alive = 0;

	while (proc && (d = readdir(proc)) != NULL) {
		char path[64], stat_line[512], *name;
		int pid = atoi(d->d_name);

		if (pid <= 1 || pid == getpid() || pid == getppid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (read_file(path, stat_line, sizeof(stat_line)) <= 0)
			continue;
		name = strstr(stat_line, " (fuzz) ");
		if (name && name[8] != 'Z') {
			kill(pid, SIGKILL);
			alive++;
		}
	}
	if (proc)
		closedir(proc);
	return alive;
}

/*
 * Every container gone.  A run that unmounted the hierarchy left it alive if it had
 * children, as Linux does, out of sight until a mount with the same options finds it again:
 * so the hierarchy is mounted again first.
 */
static int remove_containers(void)
{
	if (!mounted_on(HIER_DIR, FUZZ_DIR) &&
	    mount("none", HIER_DIR, "container", 0, HIER_OPTIONS) != 0) {
		printf("# clean-up: cannot mount the hierarchy again: %s\n", strerror(errno));
		return 1;
	}
	kill_tasks_below(HIER_DIR);
	return remove_tree(HIER_DIR, 0);
}

/*
 * Every process the run left, container and scratch file gone; retried, since the processes
 * take a moment to die and release agents remove some containers too.  Then the hierarchy,
 * childless, is unmounted (which ends it) and mounted anew, so that each run starts from the
 * same one: set_up()'s options, whatever the run's remounts changed, and no control file
 * looked up yet (containerfs makes them on first lookup, and keeps them).
 */
static int clean_up_tree(int workers)
{
	char path[64];
	int left = 0;

	/*
	 * Ten seconds at most: a process killed above must still be scheduled to exit, and on
	 * a loaded host the guest's clock runs on while it waits for a CPU.
	 */
	for (int attempt = 0; attempt < 500; attempt++) {
		last_attempt = attempt == 499;
		left = kill_leftover_fuzzers();
		left += containers_on ? remove_containers() : 0;
		for (int w = 0; w < workers; w++) {
			snprintf(path, sizeof(path), "%s/w%d", FUZZ_DIR, w);
			left += remove_tree(path, 1) && errno != ENOENT;
		}
		if (left == 0)
			break;
		sleep_ms(20);
	}
	if (left)
		printf("# clean-up: %d processes, containers or files are left after ten seconds\n",
		       left);
	if (containers_on && left == 0 &&
	    (umount(HIER_DIR) != 0 || mount("none", HIER_DIR, "container", 0, HIER_OPTIONS) != 0))
		printf("# clean-up: cannot mount the hierarchy anew: %s\n", strerror(errno));
	return left;
}

/*
 * clean_up_tree() in a child: the walk of a tree the run made deep, and the directory
 * streams it opens, would otherwise grow this process's stack and heap, and the pages they
 * take would read as memory the kernel failed to give back.  Returns what was left (at most
 * 255), or -1.
 */
static int clean_up_run(int workers)
{
	int status;
	pid_t pid;

	if (containers_on)
		move_to_top(getpid());
	pid = fork();

	if (pid == 0) {
		int left = clean_up_tree(workers);

		_exit(left > 255 ? 255 : left);
	}
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while (waitpid(-1, NULL, WNOHANG) > 0) /* orphans the run left to init */
		;
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * A worker's report from fd (non-blocking): its length, 0 if the worker died without one, or
 * -1.  Meanwhile the processes that end up as this process's children are reaped every 20 ms.
 * Run as init, that is every orphan of the run: a batch's child outlives its batch, and its
 * zombie, not reaped, would count against the system's limit on processes until, in a long
 * run, every fork failed with EAGAIN.
 */
static long read_report(int fd, struct totals *t)
{
	for (;;) {
		long got = read(fd, t, sizeof(*t));

		if (got >= 0 || errno != EAGAIN)
			return got;
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		sleep_ms(20);
	}
}

static int run_round(uint64_t seed, long calls, int workers, struct totals *sum)
{
	int result_fds[MAX_WORKERS], hung = 0;
	pid_t pids[MAX_WORKERS];

	make_scratch(workers);
	if (containers_on)
		move_to_top(getpid());
	fflush(stdout);
	for (int w = 0; w < workers; w++) {
		int fds[2];

		pipe(fds);
		fcntl(fds[0], F_SETFL, O_NONBLOCK); /* read_report() polls it */
		pids[w] = fork();
		if (pids[w] == 0) {
			close(fds[0]);
			worker(w, worker_seed(seed, w), calls / workers, fds[1]);
		}
		if (pids[w] < 0)
			printf("# worker %d: fork: %s\n", w, strerror(errno));
		close(fds[1]);
		result_fds[w] = fds[0];
	}
	for (int w = 0; w < workers; w++) {
		struct totals t;
		long got = read_report(result_fds[w], &t); /* before the wait: see worker() */

		while (waitpid(pids[w], NULL, 0) < 0 && errno == EINTR)
			;
		if (got == (long)sizeof(t)) {
			add_counts(&sum->counts, &t.counts);
			sum->batches += t.batches;
			sum->batches_killed += t.batches_killed;
			sum->batches_died += t.batches_died;
			hung |= t.hung;
		} else {
			printf("# worker %d told nothing of its calls (its report: %ld bytes)\n", w,
			       got);
			hung = 1;
		}
		close(result_fds[w]);
	}
	return hung;
}

static long css_groups(void)
{
	return containers_on ? (long)read_number(HIER_DIR "/debug.css_groups") : -1;
}

static long open_files(void)
{
	return (long)read_number("/proc/file-nr");
}

/*
 * Poll read() until it gives want, for up to five seconds: what RCU and the workqueue free,
 * later on a loaded host.
 */
static long settled(long (*read)(void), long want)
{
	long now = read();

	for (int i = 0; i < 500 && now != want; i++) {
		sleep_ms(10);
		now = read();
	}
	return now;
}

#define SLAB_CLASSES 16

/* The objects in use of each kmalloc class, largest first, as /proc/slabinfo lists them. */
struct slab_counts {
	long size[SLAB_CLASSES], objects[SLAB_CLASSES];
	int classes;
};

/*
 * kmalloc's slabs, from /proc/slabinfo: the bytes of the objects in use (*bytes), and the
 * pages of slabs that hold any (*pages), and each class in *counts if not NULL; 0, or -1 if
 * the file cannot be read.
 */
static int read_slabs(long *bytes, long *pages, struct slab_counts *counts)
{
	char line[256];
	long objects, objsize, active_slabs;
	FILE *f = fopen("/proc/slabinfo", "r");
	int n = 0;

	if (!f)
		return -1;
	*bytes = *pages = 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "kmalloc-%*d %ld %*d %ld %*d %*d : tunables %*d %*d %*d : slabdata %ld",
			   &objects, &objsize, &active_slabs) != 3)
			continue;
		*bytes += objects * objsize;
		*pages += active_slabs;
		if (counts && n < SLAB_CLASSES) {
			counts->size[n] = objsize;
			counts->objects[n++] = objects;
		}
	}
	if (counts)
		counts->classes = n;
	fclose(f);
	return 0;
}

/* Say which classes have other numbers of objects in use now than in before. */
static void print_slab_changes(const struct slab_counts *before)
{
	struct slab_counts now;
	long bytes, pages;

	if (read_slabs(&bytes, &pages, &now) != 0)
		return;
	for (int i = 0; i < now.classes && i < before->classes; i++)
		if (now.objects[i] != before->objects[i])
			printf("#   kmalloc-%ld: %ld objects in use before, %ld after\n", now.size[i],
			       before->objects[i], now.objects[i]);
}

/* The bytes of kmalloc's objects in use: a leak of a kernel object shows here. */
static long kmalloc_bytes(void)
{
	long bytes, pages;

	return read_slabs(&bytes, &pages, NULL) == 0 ? bytes : -1;
}

/*
 * Free memory, counting the pages of kmalloc's slabs as free: a leak of a page shows here,
 * where kmalloc_bytes() would not see it, and objects that come back spread over more slabs
 * than before (a slab kept for one object) do not count as a leak.
 */
static long free_outside_slabs(void)
{
	long bytes, pages, free = tap_free_memory();

	return read_slabs(&bytes, &pages, NULL) == 0 && free >= 0 ? free + pages * sysconf(_SC_PAGESIZE) : -1;
}

static int set_up(void)
{
	mkdir(FUZZ_DIR, 0755);
	if (!containers_on)
		return 0;
	mkdir(HIER_DIR, 0755);
	if (mount("none", HIER_DIR, "container", 0, HIER_OPTIONS) != 0) {
		printf("# mount -o %s: %s; the container mode is off\n", HIER_OPTIONS,
		       strerror(errno));
		containers_on = 0;
		rmdir(HIER_DIR);
	}
	return 0;
}

static void tear_down(void)
{
	if (containers_on) {
		umount(HIER_DIR);
		rmdir(HIER_DIR);
	}
	rmdir(FUZZ_DIR);
}

static void print_summary(const struct totals *t)
{
	long made = 0, failed = 0;

	printf("# calls made/failed:");
	for (int i = 0; i < calls_count; i++) {
		printf(" %s %u/%u%s", calls[i].name, t->counts.made[i], t->counts.failed[i],
		       i + 1 < calls_count ? "," : "\n");
		made += t->counts.made[i];
		failed += t->counts.failed[i];
	}
	printf("# %ld calls, %ld failed; %ld batches, %ld killed by the watchdog, %ld died of "
	       "what they did\n",
	       made, failed, t->batches, t->batches_killed, t->batches_died);
}

static int workers_count(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	return cpus < 2 ? 2 : cpus > MAX_WORKERS ? MAX_WORKERS : (int)cpus;
}

/* Check that read() comes back to before; false if it does not. */
static bool check_settled(const char *what, long (*read)(void), long before)
{
	char line[128];
	long after = settled(read, before);

	snprintf(line, sizeof(line), "%s %s back to what it was before the run", what,
		 after == before ? "is" : "is not");
	tap_check(after == before, line);
	if (after != before)
		printf("#   %ld before, %ld after\n", before, after);
	return after == before;
}

static void print_repeat(uint64_t seed, long calls)
{
	printf("repeat with: fuzz %s%s%s%s%llu %ld\n", containers_on ? "" : "--no-containers ",
	       only ? "--only " : "", only ? only : "", only ? " " : "", (unsigned long long)seed,
	       calls);
}

int main(int argc, char **argv)
{
	struct totals warm_up, t;
	uint64_t seed = (uint64_t)time(NULL);
	long calls = 50000, files_before, groups_before, kmalloc_before, free_before;
	long slab_bytes, slab_pages;
	struct slab_counts slabs_before;
	int workers = workers_count(), hung, left, arg = 1;

	if (arg < argc && strcmp(argv[arg], "--no-containers") == 0)
		containers_on = 0, arg++;
	if (arg + 1 < argc && strcmp(argv[arg], "--only") == 0) {
		if (choose_calls(argv[arg + 1]) != 0) {
			printf("# --only %s: no such call\n", argv[arg + 1]);
			return 2;
		}
		only = argv[arg + 1];
		arg += 2;
	}
	if (arg < argc)
		seed = strtoull(argv[arg++], NULL, 0);
	if (arg < argc)
		calls = strtol(argv[arg++], NULL, 0);
	printf("# fuzz %llu %ld: %d workers; ", (unsigned long long)seed, calls, workers);
	print_repeat(seed, calls);
	if (getuid() != 0 || set_up() != 0) {
		tap_skip("fuzz", "needs root");
		return tap_done();
	}
	memset(&warm_up, 0, sizeof(warm_up));
	memset(&t, 0, sizeof(t));
	run_round(~seed, calls / 10 < 4000 ? calls / 10 : 4000, workers, &warm_up);
	clean_up_run(workers);
	files_before = open_files();
	groups_before = css_groups();
	tap_wait_rcu_callbacks(); /* what the warm-up left to a grace period is freed */
	kmalloc_before = tap_steady(kmalloc_bytes);
	read_slabs(&slab_bytes, &slab_pages, &slabs_before);
	free_before = tap_steady(free_outside_slabs);

	hung = run_round(seed, calls, workers, &t);
	tap_check(!hung, "every batch ended, or died of SIGKILL: no process hangs in the kernel");
	tap_check(calls_in(&t.counts) >= calls - workers,
		  "the workers made the calls asked for, and told of them");
	print_summary(&t);
	tap_check(t.counts.internal_errno_seen == 0,
		  "no kernel-internal errno (ERESTART*) reached user space");
	tap_check(t.counts.kernel_pointer_accepted == 0,
		  "no read or write took a kernel or non-canonical address as its buffer");
	left = clean_up_run(workers);
	tap_check(left == 0, "no process of the run is left, and every container and scratch file"
			     " is removed afterwards");
	if (containers_on)
		check_settled("debug.css_groups", css_groups, groups_before);
	else
		tap_skip("debug.css_groups is back", "the container mode is off");
	check_settled("/proc/file-nr", open_files, files_before);
	if (!check_settled("the memory of kmalloc's objects (/proc/slabinfo)", kmalloc_bytes,
			   kmalloc_before))
		print_slab_changes(&slabs_before);
	check_settled("free memory, kmalloc's slabs counted as free,", free_outside_slabs,
		      free_before);
	tear_down();
	printf("# seed %llu: ", (unsigned long long)seed);
	print_repeat(seed, calls);
	return tap_done();
}
