/*
 * smptests: processes on several CPUs at once, checked from user space.
 *
 * The kernel's own tests (ktest) check spinlocks and RCU from inside; these check what a
 * program sees when its processes really run in parallel: many processes forking, exiting
 * and waiting at the same time, each with a correct exit status and none lost; copy-on-write
 * pages written by a parent and its children at once on different CPUs, each seeing only its
 * own writes; a token passed through pipes between CPUs; and every page given back at the
 * end (the checks run in a child, whose exit must return all it used).  Run as init
 * (`init=/bin/smptests`) with -smp 1, 2 and 4; on one CPU the check that needs two says so
 * ("# SKIP one CPU"), and the others check what one can.
 */
#include <errno.h>
#include <intprintf.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>

#define STORM_CHILDREN	16 /* children forked at once */
#define STORM_GRANDKIDS 8  /* each forks these, which exit at once */
#define COW_PAGES	64
#define COW_ROUNDS	50
#define PAGE		4096
#define PINGPONG_ROUNDS 2000
#define FP_ITERATIONS	200000
#define BUSY_NS		(30 * 1000 * 1000L)

/* The number of online CPUs, from the affinity mask every process has; 0 if unknown. */
static int online_cpus(void)
{
	unsigned char mask[128];
	long bytes = syscall(SYS_sched_getaffinity, 0, sizeof(mask), mask);
	int n = 0;

	for (long i = 0; i < bytes; i++)
		n += __builtin_popcount(mask[i]);
	return n;
}

static int current_cpu(void)
{
	unsigned int cpu = ~0u;

	return syscall(SYS_getcpu, &cpu, NULL, NULL) == 0 ? (int)cpu : -1;
}

static long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* Spin for ns, noting each CPU the process ran on in a bit mask. */
static unsigned int busy_on_cpus(long ns)
{
	long end = now_ns() + ns;
	unsigned int seen = 0;

	while (now_ns() < end) {
		int cpu = current_cpu();

		if (cpu >= 0 && cpu < 32)
			seen |= 1u << cpu;
	}
	return seen;
}

/* ---- the checks ---- */

static void test_cpus_visible(int ncpus)
{
	int cpu = current_cpu();
	unsigned char small[4];

	tap_check(ncpus >= 1, "sched_getaffinity: at least one CPU is online");
	tap_check(cpu >= 0 && cpu < ncpus, "getcpu: the CPU is one of the online ones");
	tap_check(sysconf(_SC_NPROCESSORS_ONLN) == ncpus,
		  "sysconf(_SC_NPROCESSORS_ONLN) counts the online CPUs");
	tap_check(syscall(SYS_sched_getaffinity, 0, sizeof(small), small) == -1 && errno == EINVAL,
		  "sched_getaffinity: a mask too small for the CPUs is EINVAL");
	tap_check(syscall(SYS_sched_getaffinity, 99999, 128, small) == -1 && errno == ESRCH,
		  "sched_getaffinity: a pid that does not exist is ESRCH");
	tap_check(syscall(SYS_getcpu, (void *)8, NULL, NULL) == -1 && errno == EFAULT,
		  "getcpu: a bad pointer is EFAULT");
}

/* A child of the storm: fork the grandchildren, wait for them, report through status. */
static int storm_child(int index, int report_fd)
{
	unsigned int seen = busy_on_cpus(BUSY_NS);
	int sum = 0;

	for (int g = 0; g < STORM_GRANDKIDS; g++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(index + g);
		if (pid < 0)
			return 1;
	}
	for (int g = 0; g < STORM_GRANDKIDS; g++) {
		int status;

		if (wait(&status) < 0 || !WIFEXITED(status))
			return 1;
		sum += WEXITSTATUS(status);
	}
	if (write(report_fd, &seen, sizeof(seen)) != sizeof(seen))
		return 1;
	return sum == STORM_GRANDKIDS * index + STORM_GRANDKIDS * (STORM_GRANDKIDS - 1) / 2 ? 0 : 1;
}

/* Fork the storm's children and reap them: how many exited, and how many well. */
struct storm_result {
	int exited, good;
	unsigned int cpus_used; /* a bit per CPU some child ran on */
};

static struct storm_result fork_storm(void)
{
	struct storm_result r = {0, 0, 0};
	pid_t pids[STORM_CHILDREN];
	unsigned int seen;
	int fds[2];

	if (pipe(fds) != 0)
		return r;
	for (int i = 0; i < STORM_CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0) {
			close(fds[0]);
			_exit(storm_child(i, fds[1]));
		}
	}
	close(fds[1]);
	for (int i = 0; i < STORM_CHILDREN; i++) {
		int status;

		if (pids[i] > 0 && waitpid(pids[i], &status, 0) == pids[i]) {
			r.exited++;
			r.good += WIFEXITED(status) && WEXITSTATUS(status) == 0;
		}
	}
	while (read(fds[0], &seen, sizeof(seen)) == sizeof(seen))
		r.cpus_used |= seen;
	close(fds[0]);
	return r;
}

/* A process of reach_storm_peak(): say it is there, then wait for the gate to close. */
static void wait_at_gate(int gate[2], int ready_fd)
{
	char c = 0;

	close(gate[1]);
	if (write(ready_fd, &c, 1) == 1)
		read(gate[0], &c, 1);
}

/*
 * Have the storm's 16 children and 128 grandchildren all alive at the same moment, then let
 * them go: the kernel-stack area's page tables, which are never freed, grow to what the storm
 * can ever need, so the memory check that follows sees only what the checks leave behind.
 */
static void reach_storm_peak(void)
{
	int gate[2], ready[2];
	char c;

	if (pipe(gate) || pipe(ready))
		return;
	for (int i = 0; i < STORM_CHILDREN; i++) {
		if (fork() != 0)
			continue;
		for (int g = 0; g < STORM_GRANDKIDS; g++) {
			if (fork() == 0) {
				wait_at_gate(gate, ready[1]);
				_exit(0);
			}
		}
		wait_at_gate(gate, ready[1]);
		while (wait(NULL) > 0)
			;
		_exit(0);
	}
	for (int n = 0; n < STORM_CHILDREN * (STORM_GRANDKIDS + 1); n++)
		read(ready[0], &c, 1);
	close(gate[1]);
	while (wait(NULL) > 0)
		;
	close(gate[0]);
	close(ready[0]);
	close(ready[1]);
}

static void test_fork_storm(int ncpus)
{
	struct storm_result r = fork_storm();

	tap_check(r.exited == STORM_CHILDREN, "fork storm: 16 children at once are all waited for");
	tap_check(r.good == STORM_CHILDREN,
		  "fork storm: each child reaped its 8 grandchildren with the right statuses");
	tap_check(wait(NULL) == -1 && errno == ECHILD, "fork storm: no process is left over");
	if (ncpus > 1)
		tap_check(__builtin_popcount(r.cpus_used) > 1,
			  "fork storm: the children ran on more than one CPU");
	else
		tap_skip("fork storm: the children ran on more than one CPU", "one CPU");
}

/* Write id into every page, then check every page still holds it, COW_ROUNDS times. */
static int scribble(volatile unsigned char *pages, unsigned char id)
{
	for (int round = 0; round < COW_ROUNDS; round++) {
		for (int p = 0; p < COW_PAGES; p++)
			pages[p * PAGE + (round % PAGE)] = id;
		for (int p = 0; p < COW_PAGES; p++) {
			if (pages[p * PAGE + (round % PAGE)] != id ||
			    pages[p * PAGE + PAGE - 1] != 0xaa)
				return 1;
		}
		if (round % 8 == 0)
			sched_yield(); /* move about between CPUs */
	}
	return 0;
}

static void test_cow_in_parallel(int ncpus)
{
	int children = 2 * ncpus + 1, good = 0;
	unsigned char *pages = mmap(NULL, COW_PAGES * PAGE, PROT_READ | PROT_WRITE,
				    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (pages == MAP_FAILED) {
		tap_check(0, "cow: 256 KiB for the shared pages");
		return;
	}
	memset(pages, 0xaa, COW_PAGES * PAGE);
	for (int i = 0; i < children; i++) {
		if (fork() == 0)
			_exit(scribble(pages, (unsigned char)(i + 1)));
	}
	good = scribble(pages, 0xee) == 0;
	tap_check(good, "cow: the parent sees only its own writes while its children write");
	good = 0;
	for (int i = 0; i < children; i++) {
		int status;

		if (wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
			good++;
	}
	tap_check(good == children, "cow: every child saw only its own writes to the shared pages");
	munmap(pages, COW_PAGES * PAGE);
}

/*
 * A floating-point computation long enough for the timer to preempt it many times, with its
 * values in SSE registers all the while, and MXCSR's rounding mode set as the caller says:
 * only a kernel that keeps each process's FPU state apart gives the same answer every time.
 */
static double fp_work(unsigned int seed, unsigned int rounding)
{
	unsigned int mxcsr = 0x1f80 | (rounding & 3) << 13;
	double x = 1.0 + seed, sum = 0.0;

	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	for (int i = 0; i < FP_ITERATIONS; i++) {
		x = x * 1.0000001 + 0.3 / (x + seed);
		sum += x / 7.0;
	}
	mxcsr = 0x1f80;
	__asm__ volatile("ldmxcsr %0" : : "m"(mxcsr));
	return sum;
}

static void test_fpu_kept_apart(int ncpus)
{
	int children = 2 * ncpus + 1, good = 0;
	double expected[16];

	for (int i = 0; i < children && i < 16; i++)
		expected[i] = fp_work((unsigned int)i, (unsigned int)i);
	for (int i = 0; i < children && i < 16; i++) {
		if (fork() == 0)
			_exit(fp_work((unsigned int)i, (unsigned int)i) == expected[i] ? 0 : 1);
	}
	for (int i = 0; i < children && i < 16; i++) {
		int status;

		if (wait(&status) > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0)
			good++;
	}
	tap_check(good == (children < 16 ? children : 16),
		  "fpu: processes computing at once, each its own rounding mode, get their own "
		  "answers");
}

static void test_pingpong(void)
{
	int to_child[2], to_parent[2], ok = 1;
	unsigned int token = 0;
	pid_t pid;

	if (pipe(to_child) || pipe(to_parent)) {
		tap_check(0, "pipes: two pipes for the ping-pong");
		return;
	}
	pid = fork();
	if (pid == 0) {
		unsigned int t;

		close(to_child[1]); /* or its own copy would keep the pipe from reaching EOF */
		close(to_parent[0]);
		while (read(to_child[0], &t, sizeof(t)) == sizeof(t)) {
			t++;
			if (write(to_parent[1], &t, sizeof(t)) != sizeof(t))
				_exit(1);
		}
		_exit(0);
	}
	for (int i = 0; i < PINGPONG_ROUNDS && ok; i++) {
		unsigned int sent = token;

		ok = write(to_child[1], &token, sizeof(token)) == sizeof(token) &&
		     read(to_parent[0], &token, sizeof(token)) == sizeof(token) &&
		     token == sent + 1;
		token++;
	}
	close(to_child[1]);
	tap_check(ok && token == 2 * PINGPONG_ROUNDS,
		  "pipes: a token goes back and forth 2000 times, incremented by each side");
	tap_check(waitpid(pid, NULL, 0) == pid, "pipes: the partner exits on EOF and is reaped");
	close(to_child[0]);
	close(to_parent[0]);
	close(to_parent[1]);
}

/* Run every check but the memory one; in a child, so that all it used is freed at its exit. */
static void run_checks(int ncpus)
{
	test_cpus_visible(ncpus);
	test_fork_storm(ncpus);
	test_cow_in_parallel(ncpus);
	test_fpu_kept_apart(ncpus);
	test_pingpong();
}

int main(void)
{
	int ncpus = online_cpus(), counts[2] = {0, 0}, fds[2], status;
	long before, after;
	pid_t pid;

	printf("# smptests: %d CPU(s) online\n", ncpus); /* stdout's buffer is made here */
	if (pipe(fds) != 0 || write(fds[1], counts, 1) != 1 || read(fds[0], counts, 1) != 1)
		return 1; /* a pipe gets its buffer at its first write: before the count */
	reach_storm_peak();
	before = tap_free_memory();
	pid = fork();
	if (pid == 0) {
		run_checks(ncpus);
		counts[0] = tap_checks;
		counts[1] = tap_failures;
		_exit(write(fds[1], counts, sizeof(counts)) == sizeof(counts) ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid ||
	    read(fds[0], counts, sizeof(counts)) != sizeof(counts))
		return 1;
	tap_checks = counts[0];
	tap_failures = counts[1];
	after = tap_free_memory_settled(before);
	if (after != before)
		printf("# free memory: %ld bytes before the tests, %ld after\n", before, after);
	tap_check(before > 0 && after == before, "memory: every page the tests used is free again");
	return tap_done();
}
