/*
 * usertests: the user-space test suite for processes, memory, signals and the system-call
 * ABI, in the spirit of xv6's usertests.  Each check prints one TAP line ("ok 7 - fork: the
 * child's exit status reaches wait4"); the program exits 0 only when all passed, so
 * `tests/boot --append "init=/bin/usertests"` powers off with its status.
 *
 * It is an ordinary POSIX program: the same source builds and passes on Linux x86_64, which
 * is how its expectations are checked.  The few Corral-only checks (running the machine out
 * of memory) are skipped elsewhere.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int test_number;
static int failures;
static int report_fd = -1; /* the suite's child tells the parent its counts here */

static void report_counts(void)
{
	int counts[2] = {test_number, failures};

	if (report_fd >= 0)
		write(report_fd, counts, sizeof(counts));
}

/* One TAP line: ok or not ok, numbered, with what was checked. */
static void check(int passed, const char *what)
{
	test_number++;
	if (!passed)
		failures++;
	printf("%sok %d - %s\n", passed ? "" : "not ", test_number, what);
	fflush(stdout);
	report_counts();
}

static void skip(const char *what, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++test_number, what, why);
	fflush(stdout);
	report_counts();
}

static int on_corral(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Corral") == 0;
}

/* Free memory in bytes, from the Linux sysinfo(2) call (Corral implements it). */
struct sysinfo_linux {
	long uptime;
	unsigned long loads[3], totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	unsigned short procs, pad;
	unsigned long totalhigh, freehigh;
	unsigned int mem_unit;
	char reserved[256];
};

static long free_memory(void)
{
	struct sysinfo_linux info;

	if (syscall(SYS_sysinfo, &info) != 0)
		return -1;
	return (long)(info.freeram * info.mem_unit);
}

/*
 * Fill memory in a way the compiler must keep: a memset of malloc'd memory that is never read
 * again (as in a child about to exit) may otherwise be removed as a dead store.
 */
static void fill(void *p, int c, size_t n)
{
	memset(p, c, n);
	__asm__ volatile("" : : "r"(p) : "memory");
}

/*
 * Free memory once it has settled back to expected, or as it is after a second.  On several
 * CPUs the last of an exited child (its kernel stack) is freed once its CPU has switched
 * away from it, which may be just after waitpid() returned in the parent.
 */
static long free_memory_settled(long expected)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	long now = free_memory();

	for (int i = 0; i < 100 && now != expected; i++) {
		nanosleep(&pause_10ms, NULL);
		now = free_memory();
	}
	return now;
}

/* Run fn in a child and return its wait status. */
static int in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* ---- fork, exit, wait ---- */

static void test_fork_exit_status(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0)
		_exit(42);
	check(pid > 0, "fork: returns the child's pid to the parent");
	check(waitpid(pid, &status, 0) == pid, "wait4: reaps the child it names");
	check(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	      "wait4: the child's exit status 42 reaches the parent");
	check(waitpid(-1, &status, 0) == -1 && errno == ECHILD,
	      "wait4: with no children left fails with ECHILD");
}

static void test_wait_nohang(void)
{
	int fds[2], status;
	char byte;
	pid_t pid;

	if (pipe(fds) != 0) {
		check(0, "wait4: WNOHANG returns 0 while the child runs (pipe failed)");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &byte, 1);	/* wait for the parent's word */
		_exit(3);
	}
	close(fds[0]);
	check(waitpid(pid, &status, WNOHANG) == 0, "wait4: WNOHANG returns 0 while the child runs");
	write(fds[1], "x", 1);
	close(fds[1]);
	check(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3,
	      "wait4: then reaps it with its status");
}

static void test_many_children(void)
{
	int reaped = 0, sum = 0, status;

	for (int i = 0; i < 20; i++) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(i);
		if (pid < 0)
			break;
	}
	while (waitpid(-1, &status, 0) > 0) {
		reaped++;
		sum += WEXITSTATUS(status);
	}
	check(reaped == 20 && sum == 190, "fork: 20 children all exit and are reaped once");
}

static void test_getpid_getppid(void)
{
	int fds[2];
	pid_t parent = getpid(), seen = 0, pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		pid_t p = getppid();

		write(fds[1], &p, sizeof(p));
		_exit(0);
	}
	read(fds[0], &seen, sizeof(seen));
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	check(seen == parent, "getppid: the child sees the parent's pid");
}

/* ---- copy-on-write ---- */

#define COW_BYTES (4 << 20)

static void test_cow_private_writes(void)
{
	volatile char *buffer = malloc(COW_BYTES);
	int status;
	pid_t pid;

	memset((char *)buffer, 'p', COW_BYTES);
	pid = fork();
	if (pid == 0) {
		int saw_parent = buffer[0] == 'p' && buffer[COW_BYTES - 1] == 'p';

		memset((char *)buffer, 'c', COW_BYTES);
		_exit(saw_parent && buffer[COW_BYTES / 2] == 'c' ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "cow: the child sees the parent's data and its own writes");
	check(buffer[0] == 'p' && buffer[COW_BYTES - 1] == 'p',
	      "cow: the child's writes do not reach the parent");
	free((char *)buffer);
}

/*
 * Free memory is read at three moments: before fork, after it, and once the child has
 * written the buffer while it still lives.  Two pipes order the steps: to_child says "go on",
 * to_parent says "done".
 */
static void test_cow_shares_until_written(void)
{
	char *buffer = malloc(COW_BYTES);
	int to_child[2], to_parent[2], status;
	long before, after_fork, after_write;
	char byte;
	pid_t pid;

	memset(buffer, 1, COW_BYTES);
	pipe(to_child);
	pipe(to_parent);
	before = free_memory();
	pid = fork();
	if (pid == 0) {
		read(to_child[0], &byte, 1);
		fill(buffer, 2, COW_BYTES);
		write(to_parent[1], "w", 1);
		read(to_child[0], &byte, 1);
		_exit(0);
	}
	after_fork = free_memory();
	write(to_child[1], "g", 1);
	read(to_parent[0], &byte, 1);
	after_write = free_memory();
	write(to_child[1], "e", 1);
	waitpid(pid, &status, 0);
	printf("# free memory: %ld before fork, %ld after, %ld after the child wrote\n", before,
	       after_fork, after_write);
	if (on_corral()) {
		check(before - after_fork < COW_BYTES / 2, "cow: fork does not copy a 4 MiB buffer");
		check(after_fork - after_write >= COW_BYTES,
		      "cow: the child's writes copy the 4 MiB buffer");
	} else {
		skip("cow: fork shares a 4 MiB buffer until the child writes it", "not Corral");
	}
	for (int i = 0; i < 2; i++) {
		close(to_child[i]);
		close(to_parent[i]);
	}
	free(buffer);
}

static void test_free_memory_returns(void)
{
	long before = free_memory(), after;

	for (int i = 0; i < 10; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			char *p = malloc(1 << 20);

			fill(p, 7, 1 << 20);
			_exit(0);
		}
		waitpid(pid, NULL, 0);
	}
	after = free_memory_settled(before);
	if (on_corral())
		check(after == before, "exit: the memory of 10 exited children is all returned");
	else
		skip("exit: the memory of 10 exited children is all returned", "not Corral");
}

/* ---- exec ---- */

static void test_exec_args(const char *self)
{
	char *argv[] = {(char *)self, "echo-args", "one", "two words", NULL};
	char *envp[] = {"CORRAL_TEST=yes", NULL};
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		char path[256];

		/* From a shell argv[0] is the bare name, found through PATH in /bin. */
		snprintf(path, sizeof(path), "%s%s", strchr(self, '/') ? "" : "/bin/", self);
		execve(path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "execve: argv and envp arrive in the new program");
}

/* The other half of test_exec_args: run as "usertests echo-args one 'two words'". */
static int echo_args(int argc, char **argv)
{
	const char *value = getenv("CORRAL_TEST");

	if (argc != 4 || strcmp(argv[2], "one") != 0 || strcmp(argv[3], "two words") != 0)
		return 1;
	return value && strcmp(value, "yes") == 0 ? 0 : 2;
}

static void test_exec_bad_files(void)
{
	static const char not_elf[] = "this is not an ELF file\n";
	char *argv[] = {"/tmp-bad", NULL};
	char *envp[] = {NULL};
	const char *path = "/usertests-bad-elf";
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);

	write(fd, not_elf, sizeof(not_elf));
	close(fd);
	check(execve(path, argv, envp) == -1 && errno == ENOEXEC,
	      "execve: a file that is not ELF fails with ENOEXEC");
	unlink(path);
	check(execve("/no/such/program", argv, envp) == -1 && errno == ENOENT,
	      "execve: a missing file fails with ENOENT");
}

/* ---- memory ---- */

static void test_malloc_16mib(void)
{
	size_t size = 16 << 20;
	char *p = malloc(size);
	int ok = p != NULL;

	if (ok) {
		for (size_t i = 0; i < size; i += 4096)
			p[i] = (char)i;
		for (size_t i = 0; i < size && ok; i += 4096)
			ok = p[i] == (char)i;
	}
	check(ok, "malloc: 16 MiB can be allocated, written and read back");
	free(p);
}

static void test_mmap_anonymous(void)
{
	size_t len = 64 * 4096;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int zero = p != MAP_FAILED;

	for (size_t i = 0; zero && i < len; i += 4096)
		zero = p[i] == 0;
	check(zero, "mmap: anonymous memory arrives zeroed");
	if (p != MAP_FAILED) {
		p[len - 1] = 1;
		check(munmap(p, len) == 0, "munmap: unmaps what mmap mapped");
	}
}

static void touch_unmapped(void)
{
	char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	munmap(p, 4096);
	*(volatile char *)p = 1;
}

static void test_munmap_then_touch(void)
{
	int status = in_child(touch_unmapped);

	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "munmap: touching an unmapped page kills with SIGSEGV");
}

static void allocate_until_failure(void)
{
	size_t chunk = 1 << 20, total = 0;
	char *p;

	while ((p = malloc(chunk)) != NULL) {
		fill(p, 1, chunk);
		total += chunk;
	}
	_exit(errno == ENOMEM && total > 0 ? 0 : 1);
}

static void test_out_of_memory(void)
{
	long before = free_memory();
	int status;

	if (!on_corral()) {
		skip("malloc: a process that allocates until failure gets ENOMEM", "not Corral");
		return;
	}
	status = in_child(allocate_until_failure);
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      "malloc: a process that allocates until failure gets ENOMEM");
	check(free_memory_settled(before) == before,
	      "malloc: and all its memory comes back when it exits");
}

/* ---- faults and signals ---- */

static void null_write(void)
{
	*(volatile int *)0 = 1;
}

static void divide_by_zero(void)
{
	volatile int zero = 0;

	_exit(10 / zero);
}

static void test_faults_kill_only_the_child(void)
{
	int status = in_child(null_write);

	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
	      "fault: a NULL write kills the child with SIGSEGV");
	status = in_child(divide_by_zero);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE,
	      "fault: a divide by zero kills the child with SIGFPE");
	check(getpid() > 0, "fault: the parent carries on");
}

static volatile sig_atomic_t handled;

static void on_signal(int signo)
{
	handled = signo;
}

static void test_signal_handler(void)
{
	struct sigaction action;

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_signal;
	sigemptyset(&action.sa_mask);
	check(sigaction(SIGUSR1, &action, NULL) == 0, "sigaction: installs a handler");
	handled = 0;
	kill(getpid(), SIGUSR1);
	check(handled == SIGUSR1, "kill: a signal to oneself runs the handler before kill returns");
}

static void test_signal_blocked(void)
{
	sigset_t block, old;

	handled = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	kill(getpid(), SIGUSR1);
	check(handled == 0, "sigprocmask: a blocked signal waits");
	sigprocmask(SIG_SETMASK, &old, NULL);
	check(handled == SIGUSR1, "sigprocmask: and is delivered once unblocked");
}

static void wait_for_term(void)
{
	pause();
	_exit(1);
}

static void test_kill_child(void)
{
	pid_t pid = fork();
	int status = 0;

	if (pid == 0)
		wait_for_term();
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	      "kill: SIGTERM's default action ends a paused child");
}

/* ---- time ---- */

static uint64_t monotonic_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void test_nanosleep(void)
{
	struct timespec request = {0, 30 * 1000 * 1000};
	uint64_t start = monotonic_ns();

	check(nanosleep(&request, NULL) == 0, "nanosleep: returns 0");
	check(monotonic_ns() - start >= 30 * 1000 * 1000ull,
	      "nanosleep: sleeps at least as long as asked (30 ms)");
}

static void test_clock_monotonic(void)
{
	uint64_t previous = monotonic_ns();
	int backwards = 0;

	for (int i = 0; i < 10000; i++) {
		uint64_t now = monotonic_ns();

		backwards |= now < previous;
		previous = now;
	}
	check(!backwards, "clock_gettime: CLOCK_MONOTONIC never goes backwards");
}

/* ---- the ABI ---- */

static void test_printf_formats(void)
{
	char line[64];

	snprintf(line, sizeof(line), "%zu %lld %f", (size_t)42, -1234567890123ll, 2.5);
	check(strcmp(line, "42 -1234567890123 2.500000") == 0,
	      "printf: %zu %lld %f format through newlib");
}

static void test_unknown_syscall(void)
{
	check(syscall(500) == -1 && errno == ENOSYS, "syscall: an unknown number fails with ENOSYS");
}

/* An address the compiler cannot see through, so it does not warn about passing it. */
static void *opaque_address(uintptr_t address)
{
	volatile uintptr_t hidden = address;

	return (void *)hidden;
}

static void test_bad_directory_buffer(void *bad)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY);

	check(syscall(SYS_getdents64, fd, bad, 4096) == -1 && errno == EFAULT,
	      "getdents64: a bad buffer for a directory is EFAULT");
	close(fd);
}

static void test_bad_wait_status(void *bad)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	check(syscall(SYS_wait4, pid, bad, 0, NULL) == -1 && errno == EFAULT,
	      "wait4: a bad status pointer with a child to reap is EFAULT");
	waitpid(pid, NULL, 0);
}

static void test_bad_pointers(void)
{
	void *bad = opaque_address(1);
	void *kernel = opaque_address(0xffffffff80100000ul);
	int fds[2];

	pipe(fds);
	check(write(fds[1], bad, 10) == -1 && errno == EFAULT, "write: a bad buffer is EFAULT");
	write(fds[1], "abc", 3);
	check(read(fds[0], kernel, 3) == -1 && errno == EFAULT,
	      "read: a kernel address as buffer is EFAULT");
	check(open(bad, O_RDONLY) == -1 && errno == EFAULT, "open: a bad path is EFAULT");
	check(stat("/", bad) == -1 && errno == EFAULT, "stat: a bad result buffer is EFAULT");
	check(fstat(fds[0], kernel) == -1 && errno == EFAULT, "fstat: a kernel buffer is EFAULT");
	check(pipe(bad) == -1 && errno == EFAULT, "pipe: a bad array is EFAULT");
	check(waitpid(-1, bad, 0) == -1 && (errno == EFAULT || errno == ECHILD),
	      "wait4: a bad status pointer does not crash");
	check(clock_gettime(CLOCK_MONOTONIC, bad) == -1 && errno == EFAULT,
	      "clock_gettime: a bad timespec is EFAULT");
	check(nanosleep(bad, NULL) == -1 && errno == EFAULT, "nanosleep: a bad request is EFAULT");
	check(uname(bad) == -1 && errno == EFAULT, "uname: a bad buffer is EFAULT");
	check(syscall(SYS_rt_sigaction, SIGUSR2, bad, NULL, 8) == -1 && errno == EFAULT,
	      "rt_sigaction: a bad action is EFAULT");
	check(execve(bad, NULL, NULL) == -1 && errno == EFAULT, "execve: a bad path is EFAULT");
	check(mkdir(bad, 0755) == -1 && errno == EFAULT, "mkdir: a bad path is EFAULT");
	check(unlink(kernel) == -1 && errno == EFAULT, "unlink: a kernel path is EFAULT");
	check(rmdir(bad) == -1 && errno == EFAULT, "rmdir: a bad path is EFAULT");
	check(chdir(bad) == -1 && errno == EFAULT, "chdir: a bad path is EFAULT");
	check(lstat(bad, opaque_address(0x1000)) == -1 && errno == EFAULT,
	      "lstat: a bad path is EFAULT");
	check(syscall(SYS_openat, AT_FDCWD, kernel, O_RDONLY, 0) == -1 && errno == EFAULT,
	      "openat: a kernel path is EFAULT");
	check(syscall(SYS_getdents64, fds[0], bad, 4096) == -1 &&
		      (errno == EFAULT || errno == ENOTDIR),
	      "getdents64: a bad buffer does not crash");
	check(syscall(SYS_getcwd, bad, 64) == -1 && errno == EFAULT,
	      "getcwd: a bad buffer is EFAULT");
	check(syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad, NULL, 8) == -1 && errno == EFAULT,
	      "rt_sigprocmask: a bad set is EFAULT");
	check(syscall(SYS_sysinfo, kernel) == -1 && errno == EFAULT,
	      "sysinfo: a kernel buffer is EFAULT");
	close(fds[0]);
	close(fds[1]);
	test_bad_directory_buffer(bad);
	test_bad_wait_status(bad);
}

static void run_suite(const char *self)
{
	test_fork_exit_status();
	test_wait_nohang();
	test_many_children();
	test_getpid_getppid();
	test_cow_private_writes();
	test_cow_shares_until_written();
	test_free_memory_returns();
	test_exec_args(self);
	test_exec_bad_files();
	test_malloc_16mib();
	test_mmap_anonymous();
	test_munmap_then_touch();
	test_out_of_memory();
	test_faults_kill_only_the_child();
	test_signal_handler();
	test_signal_blocked();
	test_kill_child();
	test_nanosleep();
	test_clock_monotonic();
	test_printf_formats();
	test_unknown_syscall();
	test_bad_pointers();
}

/*
 * The suite runs in a child, so that the parent can check afterwards that every page the
 * child used came back.  After each check the child reports how many it has run, and how
 * many failed, through a pipe, so the parent's own checks continue the numbering even if
 * the child dies half-way.
 */
int main(int argc, char **argv)
{
	int counts[2] = {0, 0}, latest[2], fds[2], status = 0;
	long before;
	pid_t pid;

	if (argc > 1 && strcmp(argv[1], "echo-args") == 0)
		return echo_args(argc, argv);

	if (pipe(fds) != 0) {
		printf("not ok 1 - usertests: pipe() for the suite's report works\n1..1\n");
		return 1;
	}
	/* The first printf allocates stdout's buffer: do it before measuring, not after. */
	printf("# usertests, pid %d\n", (int)getpid());
	fflush(stdout);
	before = free_memory();
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		report_fd = fds[1];
		run_suite(argv[0]);
		_exit(0);
	}
	close(fds[1]);
	while (read(fds[0], latest, sizeof(latest)) == sizeof(latest))
		memcpy(counts, latest, sizeof(counts));
	close(fds[0]);
	waitpid(pid, &status, 0);
	test_number = counts[0];
	failures = counts[1];
	check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && counts[0] > 0,
	      "usertests: the suite ran to its end");
	if (on_corral()) {
		long after = free_memory_settled(before);

		printf("# free memory: %ld before the suite, %ld after\n", before, after);
		check(after == before, "leak: free memory after the suite equals before");
	}
	printf("1..%d\n", test_number);
	printf("usertests: %d of %d passed\n", test_number - failures, test_number);
	return failures ? 1 : 0;
}
