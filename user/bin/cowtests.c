/*
 * cowtests: copy-on-write fork as a program sees it, through free memory (sysinfo(2)) and
 * the contents of its pages.  Lab 2's grader reads these lines (docs/labs/2-cow.md), and so
 * does the suite of that name.
 *
 * The parent fills AREA bytes and forks.  A fork that shares the pages takes almost no free
 * memory; the child's writes then take a page each; each process sees only its own writes;
 * and once the child has exited, free memory is back and the parent writes its pages in
 * place.  Parent and child take turns through two pipes.  Exits 0 when all passed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <tap.h>
#include <unistd.h>

#define AREA	 (8L << 20)
#define PAGE	 4096L
#define SLACK	 (1L << 20) /* what page tables, a kernel stack and the pipes may take */
#define ALL_SAME -1

static char *area;
static int to_child[2], to_parent[2];

/* Whether every page of the area starts with c (ALL_SAME: from page 1 on). */
static int pages_hold(char c, int from)
{
	for (long off = from * PAGE; off < AREA; off += PAGE)
		if (area[off] != c)
			return 0;
	return 1;
}

static void send_long(int fd, long value)
{
	if (write(fd, &value, sizeof(value)) != sizeof(value))
		_exit(2);
}

static long receive_long(int fd)
{
	long value = -1;

	if (read(fd, &value, sizeof(value)) != sizeof(value))
		return -1;
	return value;
}

/*
 * The child: says whether it sees the parent's data, waits, says whether the parent's later
 * write stayed out, writes every page and says how much memory is free then; waits, exits.
 */
static void child(void)
{
	send_long(to_parent[1], pages_hold('a', 0));
	receive_long(to_child[0]);
	send_long(to_parent[1], area[0] == 'a');
	for (long off = 0; off < AREA; off += PAGE)
		area[off] = 'c';
	send_long(to_parent[1], tap_free_memory());
	receive_long(to_child[0]);
	_exit(0);
}

static void parent(pid_t pid, long before)
{
	long after_fork, after_writes, after_exit, after_own;
	int sees, kept_out;

	sees = receive_long(to_parent[0]) == 1;
	after_fork = tap_free_memory();
	area[0] = 'P';
	send_long(to_child[1], 1);
	kept_out = receive_long(to_parent[0]) == 1;
	after_writes = receive_long(to_parent[0]);
	tap_check(before - after_fork < SLACK,
		  "fork shares the pages: 8 MiB filled, less than 1 MiB more in use");
	tap_check(after_fork - after_writes >= AREA - SLACK,
		  "the child's writes copy: 8 MiB more in use once it wrote every page");
	printf("# in use: %ld KiB after the fork, %ld KiB more after the child's writes\n",
	       (before - after_fork) / 1024, (after_fork - after_writes) / 1024);
	tap_check(sees, "the child sees the parent's data as it was at the fork");
	tap_check(kept_out && pages_hold('a', 1) && area[0] == 'P',
		  "each sees only its own writes, the parent's and the child's");
	send_long(to_child[1], 1);
	waitpid(pid, NULL, 0);
	after_exit = tap_free_memory_settled(before);
	tap_check(after_exit >= before - PAGE * 4, "once the child has exited, its copies are free");
	memset(area, 'q', AREA);
	after_own = tap_free_memory();
	printf("# %ld KiB in use after the exit, %ld KiB after the parent's writes\n",
	       (before - after_exit) / 1024, (before - after_own) / 1024);
	tap_check(pages_hold('q', 0) && after_own >= after_exit - PAGE * 4,
		  "the last sharer writes its pages in place, with no copy");
}

int main(void)
{
	long before;
	pid_t pid;

	setvbuf(stdout, NULL, _IOLBF, 0);
	area = mmap(NULL, AREA, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (area == MAP_FAILED || pipe(to_child) || pipe(to_parent)) {
		tap_check(0, "set-up: an 8 MiB area and two pipes");
		return tap_done();
	}
	memset(area, 'a', AREA);
	/* What the checks use is in use before the first reading: stdout's buffer, the pipes'. */
	printf("# an area of %ld MiB\n", AREA >> 20);
	send_long(to_child[1], 0);
	send_long(to_parent[1], receive_long(to_child[0]));
	receive_long(to_parent[0]);
	before = tap_free_memory_settled(-1);
	fflush(stdout);
	pid = fork();
	if (pid == 0)
		child();
	if (pid < 0) {
		tap_check(0, "fork");
		return tap_done();
	}
	parent(pid, before);
	return tap_done();
}
