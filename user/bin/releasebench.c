/*
 * releasebench: how fast release notification is, as "BENCH name value unit" lines for
 * `make bench`.
 *
 *   releasebench [FSTYPE [AGENT]]     default: container /bin/agent-recorder
 *
 * Mounts a hierarchy (none,name=rbPID, release_agent=AGENT) in a fresh directory, and
 * measures with the agent agent-recorder, which writes its start time (CLOCK_MONOTONIC, at
 * the top of its main) to /tmp/release.log:
 *
 *   release_latency_first_us   from the moment the last process of a container calls
 *                     _exit() to its agent's first line of main, for the first release
 *                     after boot: it also pays for the emulator translating, for the first
 *                     time, the code of the exit, the helper and the agent
 *   release_latency_{median,p99,max}_us   the same over the RUNS releases that follow it,
 *                     one after another
 *   release_bulk200_ms   from releasing 200 processes at once, each the last of its own
 *                     container, to the start of the last of the 200 agents
 *
 * It is ordinary C: on Linux, `releasebench cgroup /path/of/agent-recorder` measures the
 * same, when the agent's path is one the kernel can run.
 */
#include <benchutil.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <testfile.h>
#include <time.h>
#include <unistd.h>

#define LOG	    "/tmp/release.log"
#define RUNS	    200
#define BULK	    200
#define WAIT_NS	    (20 * 1000000000ull) /* the longest a release may take before we give up */
#define LINE_LEN    2048

static char top[64];
static const char *fstype = "container", *agent = "/bin/agent-recorder";

static void die(const char *what)
{
	fprintf(stderr, "releasebench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void sleep_us(long us)
{
	struct timespec ts = {0, us * 1000};

	nanosleep(&ts, NULL);
}

/* The agent start time of the log line for container /NAME, or 0 while there is none. */
static uint64_t agent_start(const char *name)
{
	char line[LINE_LEN], want[64];
	uint64_t t = 0;
	FILE *log = fopen(LOG, "r");

	if (!log)
		return 0;
	snprintf(want, sizeof(want), " argv1=/%s ", name);
	while (fgets(line, sizeof(line), log)) {
		if (strstr(line, want)) {
			t = strtoull(line + 2, NULL, 10); /* "t=NS ..." */
			break;
		}
	}
	fclose(log);
	return t;
}

/* Wait for the agent of /NAME; its start time.  Sleeps between looks, to leave the CPU. */
static uint64_t wait_agent(const char *name)
{
	uint64_t until = bench_now_ns() + WAIT_NS, t;

	while ((t = agent_start(name)) == 0) {
		if (bench_now_ns() > until) {
			fprintf(stderr, "releasebench: no agent ran for /%s\n", name);
			exit(1);
		}
		sleep_us(500);
	}
	return t;
}

/* Make container NAME with notify_on_release set. */
static void make(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", top, name);
	if (mkdir(path, 0755) != 0)
		die(path);
	strcat(path, "/notify_on_release");
	if (write_file(path, "1") != 0)
		die(path);
}

static void remove_container(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", top, name);
	rmdir(path);
}

/*
 * A child in container NAME that waits for the write end of go (go[1]) to close, then
 * writes its _exit() time to times and exits.
 */
static pid_t spawn(const char *name, const int go[2], int times)
{
	char path[128];
	pid_t pid = fork();

	if (pid < 0)
		die("fork");
	if (pid == 0) {
		char c;
		uint64_t t;

		close(go[1]); /* else its own copy would keep the pipe open */
		snprintf(path, sizeof(path), "%s/%s/tasks", top, name);
		if (write_number(path, getpid()) != 0)
			_exit(1);
		while (read(go[0], &c, 1) > 0)
			;
		t = bench_now_ns();
		if (write(times, &t, sizeof(t)) != sizeof(t))
			_exit(1);
		_exit(0);
	}
	return pid;
}

/* Release container NAME's last process: microseconds from its _exit() to its agent. */
static double one_release(const char *name)
{
	int go[2], times[2];
	uint64_t exit_t = 0;
	double us;
	pid_t pid;

	make(name);
	if (pipe(go) || pipe(times))
		die("pipe");
	pid = spawn(name, go, times[1]);
	close(go[0]);
	close(times[1]);
	close(go[1]); /* off it goes */
	if (read(times[0], &exit_t, sizeof(exit_t)) != sizeof(exit_t))
		die("the child's exit time");
	close(times[0]);
	waitpid(pid, NULL, 0);
	us = (double)(wait_agent(name) - exit_t) / 1000.0;
	remove_container(name);
	return us;
}

/* One release after another: the latency figures. */
static void latency(void)
{
	double us[RUNS];

	printf("BENCH release_latency_first_us %.1f us\n", one_release("first"));
	for (int i = 0; i < RUNS; i++) {
		char name[32];

		snprintf(name, sizeof(name), "lat%d", i);
		us[i] = one_release(name);
	}
	printf("BENCH release_latency_median_us %.1f us\n", bench_median(us, RUNS));
	printf("BENCH release_latency_p99_us %.1f us\n", bench_percentile(us, RUNS, 0.99));
	printf("BENCH release_latency_max_us %.1f us\n", bench_percentile(us, RUNS, 1.0));
}

/* BULK containers emptied at once: the time until the last agent started. */
static void bulk(void)
{
	pid_t pids[BULK];
	int go[2], times[2];
	uint64_t start, last = 0;

	if (pipe(go) || pipe(times))
		die("pipe");
	for (int i = 0; i < BULK; i++) {
		char name[32];

		snprintf(name, sizeof(name), "bulk%d", i);
		make(name);
		pids[i] = spawn(name, go, times[1]);
	}
	close(go[0]);
	close(times[1]);
	sleep_us(100000); /* let every child reach its read */
	start = bench_now_ns();
	close(go[1]);
	for (int i = 0; i < BULK; i++)
		waitpid(pids[i], NULL, 0);
	for (int i = 0; i < BULK; i++) {
		char name[32];
		uint64_t t;

		snprintf(name, sizeof(name), "bulk%d", i);
		t = wait_agent(name);
		if (t > last)
			last = t;
	}
	close(times[0]);
	printf("BENCH release_bulk%d_ms %.1f ms\n", BULK, (double)(last - start) / 1e6);
	for (int i = 0; i < BULK; i++) {
		char name[32];

		snprintf(name, sizeof(name), "bulk%d", i);
		remove_container(name);
	}
}

int main(int argc, char **argv)
{
	char options[256];

	if (argc > 1)
		fstype = argv[1];
	if (argc > 2)
		agent = argv[2];
	snprintf(top, sizeof(top), "/tmp/rb%d", getpid());
	snprintf(options, sizeof(options), "none,name=rb%d,release_agent=%s", getpid(), agent);
	unlink(LOG);
	if (mkdir(top, 0755) != 0)
		die(top);
	if (mount("none", top, fstype, 0, options) != 0)
		die("mount");
	latency();
	unlink(LOG);
	bulk();
	umount(top);
	rmdir(top);
	return 0;
}
