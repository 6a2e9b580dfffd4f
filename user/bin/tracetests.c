/*
 * tracetests: the kernel event trace as a program sees it, through /dev/trace.
 *
 *   tracetests [--dump]
 *
 * Runs as root (init, booted with the word "trace").  It checks the control words and who may
 * use them, then traces one release: a child joins a container with notify_on_release and
 * exits, and /sbin/container-reaper, the agent, removes the container.  The dump must show
 * each CPU's events in order with time stamps that never go back, and the whole path from the
 * child's exit to the agent's first instruction.  With --dump it prints the dump on standard
 * output as well, for scripts/trace2json and scripts/trace2svg (docs/release.md says how).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define DEVICE	 "/dev/trace"
#define TOP	 "/tmp/trace-c"
#define JOB	 TOP "/job"
#define REAPER	 "/sbin/container-reaper"
#define USER_ID	 1000
#define WAIT_MS	 20000
#define MAX_CPUS 16

#define MAX_SEEN 32

/* The release path's steps, in the order they must happen. */
static const char *const steps[] = { "exit", "release_queued", "work_run", "umh_start",
				     "exec", "agent_exec" };
#define NSTEPS ((int)(sizeof(steps) / sizeof(steps[0])))

/* What the dump showed. */
struct dump_facts {
	int begin, end, overwritten, cpus;
	long recorded[MAX_CPUS];
	int in_order;		      /* each CPU's events together, time stamps never back */
	long seen[NSTEPS][MAX_SEEN];  /* when each step's events happened */
	int nseen[NSTEPS];
};

static int write_word(const char *word)
{
	int fd = open(DEVICE, O_WRONLY);
	int err = 0;

	if (fd < 0)
		return errno;
	if (write(fd, word, strlen(word)) < 0)
		err = errno;
	close(fd);
	return err;
}

/* The whole dump, NUL-terminated, malloc'd; NULL if it cannot be read. */
static char *read_dump(void)
{
	size_t size = 65536, len = 0;
	char *text = malloc(size);
	int fd = open(DEVICE, O_RDONLY);
	ssize_t n;

	if (!text || fd < 0) {
		free(text);
		return NULL;
	}
	while ((n = read(fd, text + len, size - len - 1)) > 0) {
		len += (size_t)n;
		if (size - len < 4096 && !(text = realloc(text, size *= 2)))
			break;
	}
	close(fd);
	if (text)
		text[len] = '\0';
	return text;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* ---- the control words ---- */

static void check_control(void)
{
	pid_t pid;
	int status;

	tap_check(access(DEVICE, R_OK | W_OK) == 0, "/dev/trace is there, readable and writable");
	tap_check(write_word("bogus") == EINVAL, "trace: an unknown word is EINVAL");
	tap_check(write_word("clear\n") == 0, "trace: a word may end with a newline");
	pid = fork();
	if (pid == 0) {
		if (setuid(USER_ID) != 0)
			_exit(2);
		_exit(write_word("off") == EPERM && open(DEVICE, O_RDONLY) >= 0 ? 0 : 1);
	}
	tap_check(pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
		      WEXITSTATUS(status) == 0,
		  "trace: a user may read the dump but not control it (EPERM)");
}

/* ---- one release, traced ---- */

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	int ok = fd >= 0 && write(fd, text, strlen(text)) == (ssize_t)strlen(text);

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/* A child that joins JOB and exits; the pid, or -1. */
static pid_t exit_in_job(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(write_file(JOB "/tasks", "0") == 0 ? 0 : 1);
	return pid;
}

/* Empty a container and wait for the reaper to remove it; 0 when it did. */
static int release_once(pid_t *child)
{
	int status;

	if (mkdir(TOP, 0755) != 0 && errno != EEXIST)
		return -1;
	if (mount("none", TOP, "container", 0, "none,name=trace,release_agent=" REAPER) != 0)
		return -1;
	if (mkdir(JOB, 0755) != 0 || write_file(JOB "/notify_on_release", "1") != 0)
		return -1;
	*child = exit_in_job();
	if (*child < 0 || waitpid(*child, &status, 0) != *child || status != 0)
		return -1;
	for (int ms = 0; ms < WAIT_MS && access(JOB, F_OK) == 0; ms += 10)
		sleep_ms(10);
	return access(JOB, F_OK) == 0 ? -1 : 0;
}

static void clean_up(void)
{
	rmdir(JOB);
	umount(TOP);
	rmdir(TOP);
}

/* ---- reading the dump ---- */

/* Whether an event of type with args (by pid) is step i of the release path of child. */
static int is_step(int i, const char *type, int pid, const char *args, pid_t child)
{
	if (strcmp(type, steps[i]) != 0)
		return 0;
	if (i == 0)
		return pid == child;
	if (i == 2)
		return strstr(args, "func=release_work") != NULL;
	if (i == 4 || i == 5)
		return strstr(args, "name=container-rea") != NULL;
	return 1;
}

static void note_step(struct dump_facts *f, const char *type, long ns, int pid, const char *args,
		      pid_t child)
{
	for (int i = 0; i < NSTEPS; i++) {
		if (is_step(i, type, pid, args, child) && f->nseen[i] < MAX_SEEN)
			f->seen[i][f->nseen[i]++] = ns;
	}
}

/* How many steps of the path happened one after the other, from the child's exit on. */
static int steps_in_order(const struct dump_facts *f)
{
	long after = 0;

	for (int i = 0; i < NSTEPS; i++) {
		long first = -1;

		for (int k = 0; k < f->nseen[i]; k++)
			if (f->seen[i][k] >= after && (first < 0 || f->seen[i][k] < first))
				first = f->seen[i][k];
		if (first < 0)
			return i;
		after = first;
	}
	return NSTEPS;
}

static void read_line(struct dump_facts *f, const char *line, int *cpu, long *last_ns, pid_t child)
{
	char type[32], args[128] = "";
	unsigned int c;
	long ns, n;
	int pid;

	if (sscanf(line, "trace: begin cpus=%d", &f->cpus) == 1)
		f->begin = 1;
	else if (sscanf(line, "trace: cpu %u recorded=%ld", &c, &n) == 2 && c < MAX_CPUS)
		f->recorded[c] = n;
	else if (sscanf(line, "trace: end overwritten=%d", &f->overwritten) == 1)
		f->end = 1;
	else if (sscanf(line, "trace: %u %ld %d %31s %127[^\n]", &c, &ns, &pid, type, args) >= 4) {
		if ((int)c < *cpu || ((int)c == *cpu && ns < *last_ns))
			f->in_order = 0;
		*cpu = (int)c;
		*last_ns = ns;
		note_step(f, type, ns, pid, args, child);
	}
}

static void read_facts(char *text, struct dump_facts *f, pid_t child)
{
	int cpu = -1;
	long last_ns = 0;

	memset(f, 0, sizeof(*f));
	f->in_order = 1;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
		read_line(f, line, &cpu, &last_ns, child);
}

static void check_release_trace(int dump_too)
{
	struct dump_facts f;
	pid_t child = -1;
	char *text, *copy;
	int released, in_order;

	tap_check(write_word("clear") == 0 && write_word("on") == 0, "trace: clear, then on");
	released = release_once(&child) == 0;
	tap_check(write_word("off") == 0, "trace: off");
	tap_check(released, "the reaper removed the emptied container");
	text = read_dump();
	copy = text ? strdup(text) : NULL;
	tap_check(copy != NULL, "the dump can be read");
	if (!copy)
		return;
	read_facts(copy, &f, child);
	tap_check(f.begin && f.end && f.cpus >= 1, "the dump has its header and its end");
	tap_check(f.in_order, "the dump gives each CPU's events in order, time never going back");
	tap_check(f.overwritten == 0, "no event was overwritten while the dump was read");
	in_order = steps_in_order(&f);
	for (int i = 0; i < NSTEPS; i++) {
		char what[96];

		snprintf(what, sizeof(what), "the release path in the trace, in time order: %s%s",
			 i ? "then " : "", steps[i]);
		tap_check(in_order > i, what);
	}
	if (dump_too)
		fputs(text, stdout);
	free(copy);
	free(text);
}

/* Booted with "trace": the rings hold the boot's events before anything here clears them. */
static void check_traced_from_boot(void)
{
	struct dump_facts f;
	char *text = read_dump();

	if (!text) {
		tap_check(0, "trace: the boot word traced from boot");
		return;
	}
	read_facts(text, &f, -1);
	tap_check(f.recorded[0] > 0, "trace: the boot word traced from boot");
	free(text);
}

int main(int argc, char **argv)
{
	int dump_too = argc > 1 && strcmp(argv[1], "--dump") == 0;

	check_traced_from_boot();
	check_control();
	check_release_trace(dump_too);
	clean_up();
	return tap_done();
}
