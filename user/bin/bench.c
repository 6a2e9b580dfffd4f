/*
 * bench: the process benchmarks, printed as "BENCH name value unit" lines for `make bench`.
 *
 *   getppid_us          one trip into the kernel and back
 *   fork_exit_wait_us   fork a child that exits at once, and reap it
 *   fork_exec_wait_us   the same, the child running "bench noop" through execve
 *   pipe_pingpong_us    one byte to a child through a pipe and back through another: the
 *                       round trip of two processes that wake each other
 *   pipe_self_us        one byte written to a pipe and read back by the same process: the
 *                       round trip's four system calls without its two context switches
 *   yield_pingpong_us   two processes that hand the one CPU to each other with
 *                       sched_yield(): two context switches and two system calls, no pipe
 *                       and no sleep; the floor under pipe_pingpong_us (on one CPU only: with
 *                       more, each process keeps a CPU of its own, and it reports -1)
 *   munmap_all_us       a child calls munmap(0, 128 TiB - 4 KiB), all of user space, and so
 *                       dies of SIGSEGV at its next instruction: the time from just before
 *                       the call until the parent has reaped it
 *   segv_reap_us        the same for a child that dies of a NULL write instead: what
 *                       munmap_all_us spends besides the munmap
 *
 * Each figure is the median of several rounds, each round the mean of many calls, measured
 * with CLOCK_MONOTONIC.  With the argument "noop" it exits at once (the exec target).
 */
#define _GNU_SOURCE /* sched_getaffinity() */
#include <benchutil.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 5

/* Median over ROUNDS of the mean time of one op(), in microseconds. */
static double measure_us(void (*op)(const char *), const char *self, int calls)
{
	double rounds[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t start = bench_now_ns();

		for (int i = 0; i < calls; i++)
			op(self);
		rounds[r] = (double)(bench_now_ns() - start) / calls / 1000.0;
	}
	return bench_median(rounds, ROUNDS);
}

static void op_getppid(const char *self)
{
	(void)self;
	getppid();
}

static void op_fork_exit_wait(const char *self)
{
	pid_t pid = fork();

	(void)self;
	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
}

static void op_fork_exec_wait(const char *self)
{
	pid_t pid = fork();

	if (pid == 0) {
		char *argv[] = {(char *)self, "noop", NULL};
		char *envp[] = {NULL};

		execve(self, argv, envp);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/* The parent's ends of the two pipes to the echoing child. */
static int ping_fd = -1, pong_fd = -1;

static void op_pingpong(const char *self)
{
	char c = 'x';

	(void)self;
	write(ping_fd, &c, 1);
	read(pong_fd, &c, 1);
}

/* Write a byte into the pipe and read it back, twice: the round trip's calls, no switch. */
static void op_pipe_self(const char *self)
{
	char c = 'x';

	(void)self;
	for (int i = 0; i < 2; i++) {
		write(ping_fd, &c, 1);
		read(pong_fd, &c, 1);
	}
}

static double pipe_self_us(const char *self)
{
	int fds[2];
	double us;

	if (pipe(fds) != 0)
		return -1;
	ping_fd = fds[1];
	pong_fd = fds[0];
	us = measure_us(op_pipe_self, self, 2000);
	close(fds[0]);
	close(fds[1]);
	return us;
}

/* Start a child that sends back every byte it gets, measure round trips, stop it. */
static double pipe_pingpong_us(const char *self)
{
	int there[2], back[2];
	double us;
	pid_t pid;
	char c;

	if (pipe(there) != 0 || pipe(back) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(there[1]);
		close(back[0]);
		while (read(there[0], &c, 1) == 1)
			write(back[1], &c, 1);
		_exit(0);
	}
	close(there[0]);
	close(back[1]);
	ping_fd = there[1];
	pong_fd = back[0];
	us = measure_us(op_pingpong, self, 2000);
	close(ping_fd);
	close(pong_fd);
	waitpid(pid, NULL, 0);
	return us;
}

static void op_yield(const char *self)
{
	sched_yield();
}

/* A child that yields for ever; the parent's yields each give it the CPU and get it back. */
static double yield_pingpong_us(const char *self)
{
	cpu_set_t cpus;
	double us;
	pid_t pid;

	if (sched_getaffinity(0, sizeof(cpus), &cpus) != 0 || CPU_COUNT(&cpus) != 1)
		return -1;
	pid = fork();
	if (pid == 0)
		for (;;)
			sched_yield();
	sched_yield(); /* the child is running from here on */
	us = measure_us(op_yield, self, 5000);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return us;
}

/* The end of user space (Linux's TASK_SIZE on x86_64, and Corral's). */
#define USER_SPACE_END 0x7ffffffff000UL

static void unmap_everything(void)
{
	syscall(SYS_munmap, 0L, USER_SPACE_END);
}

static void null_write(void)
{
	*(volatile int *)0 = 1;
}

/*
 * Median over ROUNDS of: a child takes the time, sends it through a pipe, and calls die(),
 * which kills it; the parent reaps it and takes the time again.  In microseconds.
 */
static double child_death_us(void (*die)(void))
{
	double rounds[ROUNDS];
	uint64_t start;
	int fds[2];

	if (pipe(fds) != 0)
		return -1;
	for (int r = 0; r < ROUNDS; r++) {
		pid_t pid = fork();

		if (pid == 0) {
			start = bench_now_ns();
			write(fds[1], &start, sizeof(start));
			die();
			_exit(1);
		}
		if (read(fds[0], &start, sizeof(start)) != sizeof(start))
			start = bench_now_ns();
		waitpid(pid, NULL, 0);
		rounds[r] = (double)(bench_now_ns() - start) / 1000.0;
	}
	close(fds[0]);
	close(fds[1]);
	return bench_median(rounds, ROUNDS);
}

int main(int argc, char **argv)
{
	char self[256];

	if (argc > 1 && strcmp(argv[1], "noop") == 0)
		return 0;
	/* From a shell argv[0] is the bare name, found through PATH in /bin. */
	snprintf(self, sizeof(self), "%s%s", strchr(argv[0], '/') ? "" : "/bin/", argv[0]);
	printf("BENCH getppid_us %.3f us\n", measure_us(op_getppid, self, 20000));
	printf("BENCH fork_exit_wait_us %.1f us\n", measure_us(op_fork_exit_wait, self, 50));
	printf("BENCH fork_exec_wait_us %.1f us\n", measure_us(op_fork_exec_wait, self, 50));
	printf("BENCH pipe_pingpong_us %.2f us\n", pipe_pingpong_us(self));
	printf("BENCH pipe_self_us %.2f us\n", pipe_self_us(self));
	printf("BENCH yield_pingpong_us %.2f us\n", yield_pingpong_us(self));
	printf("BENCH munmap_all_us %.1f us\n", child_death_us(unmap_everything));
	printf("BENCH segv_reap_us %.1f us\n", child_death_us(null_write));
	return 0;
}
