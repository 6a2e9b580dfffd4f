/*
 * containerbench: what containers cost, as "BENCH name value unit" lines for `make bench`.
 *
 *   containerbench [FSTYPE [OPTIONS]]     default: container cpuacct,pids
 *
 * Mounts a hierarchy with OPTIONS in a fresh directory and times, each as the median over
 * ROUNDS rounds of the mean of many calls:
 *
 *   container_mkdir_us    mkdir of a container in the hierarchy's top
 *   container_rmdir_us    rmdir of one
 *   container_move_us     moving this process from one container to another (a write of its
 *                         pid to the other's tasks file)
 *
 * first with 10 containers already in the hierarchy, then with 10,000 (the names _10k), to
 * show how the cost grows with the hierarchy.  It is ordinary C: on Linux, as root,
 * `containerbench cgroup none,name=bench` measures Linux's cgroup v1 the same way.
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
#include <time.h>
#include <unistd.h>

#define ROUNDS 5
#define CALLS  200 /* mkdirs, rmdirs or moves in one round */

static char top[64]; /* the mount point */

/* The path of container i of a set (set "p" for the population, "t" for the timed ones). */
static void container_name(char *buf, size_t size, const char *set, int i)
{
	snprintf(buf, size, "%s/%s%d", top, set, i);
}

/* Make (or remove) containers 0..n-1 of a set; exits on failure, naming it. */
static void make_set(const char *set, int n, int make)
{
	char path[128];

	for (int i = 0; i < n; i++) {
		container_name(path, sizeof(path), set, i);
		if (make ? mkdir(path, 0755) : rmdir(path)) {
			fprintf(stderr, "containerbench: %s %s: %s\n", make ? "mkdir" : "rmdir", path,
				strerror(errno));
			exit(1);
		}
	}
}

/* Time CALLS mkdirs, then CALLS rmdirs, ROUNDS times: their medians in *mkdir_us, *rmdir_us. */
static void time_mkdir_rmdir(double *mkdir_us, double *rmdir_us)
{
	double made[ROUNDS], removed[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t start = bench_now_ns();

		make_set("t", CALLS, 1);
		made[r] = (double)(bench_now_ns() - start) / CALLS / 1000.0;
		start = bench_now_ns();
		make_set("t", CALLS, 0);
		removed[r] = (double)(bench_now_ns() - start) / CALLS / 1000.0;
	}
	*mkdir_us = bench_median(made, ROUNDS);
	*rmdir_us = bench_median(removed, ROUNDS);
}

/* Open the tasks file of container i of set for writing. */
static int open_tasks(const char *set, int i)
{
	char path[160];
	int fd;

	container_name(path, sizeof(path), set, i);
	strcat(path, "/tasks");
	fd = open(path, O_WRONLY);
	if (fd < 0) {
		fprintf(stderr, "containerbench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return fd;
}

/* Move this process between two containers of the population CALLS times a round. */
static double time_moves(void)
{
	double rounds[ROUNDS];
	char pid[16];
	int fds[2] = { open_tasks("p", 0), open_tasks("p", 1) };
	int len = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t start = bench_now_ns();

		for (int i = 0; i < CALLS; i++) {
			if (write(fds[i % 2], pid, (size_t)len) != len) {
				fprintf(stderr, "containerbench: move: %s\n", strerror(errno));
				exit(1);
			}
		}
		rounds[r] = (double)(bench_now_ns() - start) / CALLS / 1000.0;
	}
	close(fds[0]);
	close(fds[1]);
	return bench_median(rounds, ROUNDS);
}

/* Back to the top container, so that every container can be removed. */
static void move_to_top(void)
{
	char path[128], pid[16];
	int fd, len = snprintf(pid, sizeof(pid), "%d\n", (int)getpid());

	snprintf(path, sizeof(path), "%s/tasks", top);
	fd = open(path, O_WRONLY);
	if (fd < 0 || write(fd, pid, (size_t)len) != len) {
		fprintf(stderr, "containerbench: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	close(fd);
}

/* Every figure with `population` containers in the hierarchy; suffix names the figures. */
static void measure(int population, const char *suffix)
{
	double mkdir_us, rmdir_us, move_us;

	make_set("p", population, 1);
	time_mkdir_rmdir(&mkdir_us, &rmdir_us);
	move_us = time_moves();
	move_to_top();
	make_set("p", population, 0);
	printf("BENCH container_mkdir%s_us %.1f us\n", suffix, mkdir_us);
	printf("BENCH container_rmdir%s_us %.1f us\n", suffix, rmdir_us);
	printf("BENCH container_move%s_us %.1f us\n", suffix, move_us);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	const char *fstype = argc > 1 ? argv[1] : "container";
	const char *options = argc > 2 ? argv[2] : "cpuacct,pids";

	snprintf(top, sizeof(top), "/tmp/containerbench-%d", (int)getpid());
	if (mkdir(top, 0755) != 0 || mount("none", top, fstype, 0, options) != 0) {
		fprintf(stderr, "containerbench: mount -t %s -o %s none %s: %s\n", fstype, options,
			top, strerror(errno));
		return 1;
	}
	measure(10, "");
	measure(10000, "_10k");
	if (umount(top) != 0 || rmdir(top) != 0) {
		fprintf(stderr, "containerbench: cleaning up %s: %s\n", top, strerror(errno));
		return 1;
	}
	return 0;
}
