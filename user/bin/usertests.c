/*
 * usertests: the user-space test suite for processes, memory, signals, files, mounts, procfs
 * and devfs, and the system-call ABI, in the spirit of xv6's usertests.  Each check prints one
 * TAP line ("ok 7 - fork: the child's exit status reaches wait4"); the program exits 0 only
 * when all passed, so `tests/boot --append "init=/bin/usertests"` powers off with its status.
 *
 * It is an ordinary POSIX program: the same source builds and passes on Linux x86_64, which
 * is how its expectations are checked (tests/usertests/host_test.py runs it there, in a fresh
 * directory).  The few Corral-only checks (running the machine out of memory, and counting
 * free memory, which on Linux other programs change) are skipped elsewhere.  Whatever the
 * checks make, they make in the working directory (/ when the suite runs as init), and they
 * remove it again.
 */
#define _GNU_SOURCE /* AT_EMPTY_PATH */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <tap.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

static int report_fd = -1; /* the suite's child tells the parent its counts here */

static void report_counts(void)
{
	int counts[2] = {tap_checks, tap_failures};

	if (report_fd >= 0)
		write(report_fd, counts, sizeof(counts));
}

static int on_corral(void)
{
	struct utsname u;

	return uname(&u) == 0 && strcmp(u.sysname, "Corral") == 0;
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
	tap_check(pid > 0, "fork: returns the child's pid to the parent");
	tap_check(waitpid(pid, &status, 0) == pid, "wait4: reaps the child it names");
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 42,
		  "wait4: the child's exit status 42 reaches the parent");
	tap_check(waitpid(-1, &status, 0) == -1 && errno == ECHILD,
		  "wait4: with no children left fails with ECHILD");
}

static void test_wait_nohang(void)
{
	int fds[2], status;
	char byte;
	pid_t pid;

	if (pipe(fds) != 0) {
		tap_check(0, "wait4: WNOHANG returns 0 while the child runs (pipe failed)");
		return;
	}
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &byte, 1); /* wait for the parent's word */
		_exit(3);
	}
	close(fds[0]);
	tap_check(waitpid(pid, &status, WNOHANG) == 0,
		  "wait4: WNOHANG returns 0 while the child runs");
	write(fds[1], "x", 1);
	close(fds[1]);
	tap_check(waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 3,
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
	tap_check(reaped == 20 && sum == 190, "fork: 20 children all exit and are reaped once");
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
	tap_check(seen == parent, "getppid: the child sees the parent's pid");
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
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "cow: the child sees the parent's data and its own writes");
	tap_check(buffer[0] == 'p' && buffer[COW_BYTES - 1] == 'p',
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
	before = tap_free_memory();
	pid = fork();
	if (pid == 0) {
		read(to_child[0], &byte, 1);
		fill(buffer, 2, COW_BYTES);
		write(to_parent[1], "w", 1);
		read(to_child[0], &byte, 1);
		_exit(0);
	}
	after_fork = tap_free_memory();
	write(to_child[1], "g", 1);
	read(to_parent[0], &byte, 1);
	after_write = tap_free_memory();
	write(to_child[1], "e", 1);
	waitpid(pid, &status, 0);
	printf("# free memory: %ld before fork, %ld after, %ld after the child wrote\n", before,
	       after_fork, after_write);
	if (on_corral()) {
		tap_check(before - after_fork < COW_BYTES / 2,
			  "cow: fork does not copy a 4 MiB buffer");
		tap_check(after_fork - after_write >= COW_BYTES,
			  "cow: the child's writes copy the 4 MiB buffer");
	} else {
		tap_skip("cow: fork shares a 4 MiB buffer until the child writes it", "not Corral");
	}
	for (int i = 0; i < 2; i++) {
		close(to_child[i]);
		close(to_parent[i]);
	}
	free(buffer);
}

static void test_free_memory_returns(void)
{
	long before = tap_free_memory(), after;

	for (int i = 0; i < 10; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			char *p = malloc(1 << 20);

			fill(p, 7, 1 << 20);
			_exit(0);
		}
		waitpid(pid, NULL, 0);
	}
	after = tap_free_memory_settled(before);
	if (on_corral())
		tap_check(after == before,
			  "exit: the memory of 10 exited children is all returned");
	else
		tap_skip("exit: the memory of 10 exited children is all returned", "not Corral");
}

/* ---- exec ---- */

/* Run self as "echo-args one 'two words'" from the directory dir (NULL: here) as path. */
static int exec_echo_args(const char *self, const char *dir, const char *path)
{
	char *argv[] = {(char *)self, "echo-args", "one", "two words", NULL};
	char *envp[] = {"CORRAL_TEST=yes", NULL};
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		if (dir && chdir(dir) != 0)
			_exit(98);
		execve(path, argv, envp);
		_exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

static void test_exec_args(const char *self)
{
	char dir[512], *name;
	int status = exec_echo_args(self, NULL, self);

	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "execve: argv and envp arrive in the new program");
	snprintf(dir, sizeof(dir), "%s", self);
	name = strrchr(dir, '/');
	*name++ = '\0';
	status = exec_echo_args(self, dir[0] ? dir : "/", name);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "execve: a relative path is found from the working directory");
}

/* The other half of test_exec_args: run as "usertests echo-args one 'two words'". */
static int echo_args(int argc, char **argv)
{
	const char *value = getenv("CORRAL_TEST");

	if (argc != 4 || strcmp(argv[2], "one") != 0 || strcmp(argv[3], "two words") != 0)
		return 1;
	return value && strcmp(value, "yes") == 0 ? 0 : 2;
}

/* ---- small leaks ---- */

#define LEAK_ROUNDS 256 /* 256 objects of the smallest size, 16 bytes, fill a slab page */

/* What most programs make and drop: a process, a pipe, a file, a directory, a program. */
static int make_and_drop(const char *self, int round)
{
	char name[32];
	int fds[2], fd, ok, status;
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	ok = pid > 0 && waitpid(pid, NULL, 0) == pid;
	ok &= pipe(fds) == 0 && write(fds[1], "x", 1) == 1 && close(fds[0]) == 0 &&
	      close(fds[1]) == 0;
	snprintf(name, sizeof(name), "usertests-leak-%d", round);
	fd = open(name, O_CREAT | O_WRONLY, 0644);
	ok &= fd >= 0 && write(fd, name, 8) == 8 && close(fd) == 0 && unlink(name) == 0;
	ok &= mkdir(name, 0755) == 0 && rmdir(name) == 0;
	status = exec_echo_args(self, NULL, self);
	return ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

/*
 * Free memory is counted in pages, and a call made once may leak a few bytes that fit in a
 * slab page already in use: the suite's own leak check would not see them.  256 rounds of
 * the commonest calls turn a leak of a few bytes a call into more than the free room of the
 * slabs in use, so pages go missing.
 */
static void test_small_leaks(const char *self)
{
	const char *what = "leak: 256 rounds of fork, pipe, file, directory, execve give all back";
	long before, after;
	int ok;

	if (!on_corral()) {
		tap_skip(what, "not Corral");
		return;
	}
	ok = make_and_drop(self, 0); /* whatever is made once, on first use */
	before = tap_free_memory();
	for (int round = 1; round <= LEAK_ROUNDS; round++)
		ok &= make_and_drop(self, round);
	after = tap_free_memory_settled(before);
	printf("# free memory: %ld before the rounds, %ld after\n", before, after);
	tap_check(ok && after == before, what);
}

static void test_exec_bad_files(void)
{
	static const char not_elf[] = "this is not an ELF file\n";
	char *argv[] = {"usertests-bad-elf", NULL};
	char *envp[] = {NULL};
	const char *path = "usertests-bad-elf"; /* in the working directory */
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0755);

	write(fd, not_elf, sizeof(not_elf));
	close(fd);
	tap_check(execve(path, argv, envp) == -1 && errno == ENOEXEC,
		  "execve: a file that is not ELF fails with ENOEXEC");
	unlink(path);
	tap_check(execve("/no/such/program", argv, envp) == -1 && errno == ENOENT,
		  "execve: a missing file fails with ENOENT");
}

/* ---- #! scripts ---- */

#define SCRIPT_ENV "CORRAL_SHOW_ARGS=1" /* in the environment: main() runs show_args() */

/* The other half of the script checks: print the arguments, '|' between them. */
static int show_args(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? "|" : "", argv[i]);
	return 0;
}

/* Make the file path holding text, with mode (open()'s, so the umask applies). */
static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, mode);

	if (fd >= 0) {
		write(fd, text, strlen(text));
		close(fd);
	}
}

/* A script whose #! line is "#!" line, the rest of the file a shell command. */
static void write_script(const char *path, const char *line)
{
	char text[600];

	snprintf(text, sizeof(text), "#!%s\necho from-sh $1\n", line);
	write_file(path, text, 0755);
}

/*
 * execve(path) with argv {"argv0", "x", "y z"} in a child: what the program printed, or
 * "errno N" when execve() failed, into out.
 */
static void run_script(const char *path, char *out, size_t size)
{
	char *argv[] = {"argv0", "x", "y z", NULL};
	char *envp[] = {SCRIPT_ENV, NULL};
	int fds[2];
	ssize_t n, len = 0;
	pid_t pid;

	out[0] = '\0';
	if (pipe(fds) != 0)
		return;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execve(path, argv, envp);
		printf("errno %d", errno);
		fflush(stdout);
		_exit(0);
	}
	close(fds[1]);
	while ((n = read(fds[0], out + len, size - 1 - len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	waitpid(pid, NULL, 0);
}

/* Does running path print want (printf-formatted, %1$s being self)? */
static int script_prints(const char *self, const char *path, const char *want_format)
{
	char got[1024], want[1024];

	snprintf(want, sizeof(want), want_format, self);
	run_script(path, got, sizeof(got));
	if (strcmp(got, want) != 0)
		printf("# %s printed \"%s\", want \"%s\"\n", path, got, want);
	return strcmp(got, want) == 0;
}

static int script_fails(const char *path, int error)
{
	char want[32];

	snprintf(want, sizeof(want), "errno %d", error);
	return script_prints("", path, want);
}

/* A chain of scripts us-PREFIX1 .. us-PREFIXcount, each run by the one before; 1 by first. */
static void write_chain(const char *prefix, int count, const char *first)
{
	char path[64], line[300];

	for (int i = 1; i <= count; i++) {
		snprintf(path, sizeof(path), "us-%s%d", prefix, i);
		if (i == 1)
			snprintf(line, sizeof(line), "%s", first);
		else
			snprintf(line, sizeof(line), "./us-%s%d", prefix, i - 1);
		write_script(path, line);
	}
}

static void remove_chain(const char *prefix, int count)
{
	char path[64];

	for (int i = 1; i <= count; i++) {
		snprintf(path, sizeof(path), "us-%s%d", prefix, i);
		unlink(path);
	}
}

static void test_script_arguments(const char *self)
{
	char line[300];

	write_script("us-s1", self);
	tap_check(script_prints(self, "././us-s1", "%s|././us-s1|x|y z"),
		  "execve #!: the interpreter gets the script's path as given, then argv[1] on");
	snprintf(line, sizeof(line), " \t%s  one  two \t", self);
	write_script("us-s2", line);
	tap_check(script_prints(self, "us-s2", "%s|one  two|us-s2|x|y z"),
		  "execve #!: the rest of the line, blanks trimmed, is one argument");
	write_script("us-s3", "/bin/sh");
	tap_check(script_prints(self, "./us-s3", "from-sh x\n"),
		  "execve #!: a /bin/sh script runs with its arguments");
	snprintf(line, sizeof(line), "%s n0", self);
	write_script("us-n0", line);
	write_script("us-n1", "./us-n0 n1");
	tap_check(script_prints(self, "./us-n1", "%s|n0|./us-n0|n1|./us-n1|x|y z"),
		  "execve #!: an interpreter that is a script runs its own interpreter");
	unlink("us-s1"), unlink("us-s2"), unlink("us-s3"), unlink("us-n0"), unlink("us-n1");
}

static void test_script_depth(const char *self)
{
	write_chain("d", 6, self);
	tap_check(script_prints(self, "./us-d5", "%s|./us-d1|./us-d2|./us-d3|./us-d4|./us-d5|x|y z"),
		  "execve #!: five scripts deep run");
	tap_check(script_fails("./us-d6", ELOOP), "execve #!: six scripts deep are ELOOP");
	remove_chain("d", 6);
	write_chain("e", 6, "/no/such/interpreter");
	tap_check(script_fails("./us-e6", ENOENT),
		  "execve #!: ENOENT, not ELOOP, when the sixth script's interpreter is missing");
	remove_chain("e", 6);
}

static void test_script_errors(void)
{
	char line[400];

	write_file("us-b1", "#!\n", 0755);
	write_file("us-b2", "#!  \t \necho\n", 0755);
	memset(line, 'a', sizeof(line) - 1);
	line[0] = '#', line[1] = '!', line[sizeof(line) - 1] = '\0';
	write_file("us-b3", line, 0755);
	tap_check(script_fails("./us-b1", ENOEXEC) && script_fails("./us-b2", ENOEXEC),
		  "execve #!: a line that names no interpreter is ENOEXEC");
	tap_check(script_fails("./us-b3", ENOEXEC),
		  "execve #!: an interpreter's name longer than 256 bytes is ENOEXEC");
	write_script("us-b4", "/no/such/interpreter");
	tap_check(script_fails("./us-b4", ENOENT), "execve #!: a missing interpreter is ENOENT");
	write_file("us-plain", "echo\n", 0644);
	write_script("us-b5", "./us-plain");
	write_script("us-b6", "/");
	write_file("us-b7", "#!", 0755);
	tap_check(script_fails("./us-b5", EACCES) && script_fails("./us-b6", EACCES),
		  "execve #!: an interpreter without x bits, or a directory, is EACCES");
	tap_check(script_fails("./us-b7", EACCES), "execve #!: an empty interpreter name is EACCES");
	write_file("us-text", "echo\n", 0755);
	write_script("us-b8", "./us-text");
	tap_check(script_fails("./us-b8", ENOEXEC),
		  "execve #!: an interpreter that is neither ELF nor a script is ENOEXEC");
	unlink("us-b1"), unlink("us-b2"), unlink("us-b3"), unlink("us-b4"), unlink("us-b5");
	unlink("us-b6"), unlink("us-b7"), unlink("us-b8"), unlink("us-plain"), unlink("us-text");
}

static void test_exec_scripts(const char *self)
{
	if (strlen(self) > 200) {
		tap_skip("execve #!: scripts", "this program's path is too long for a #! line");
		return;
	}
	test_script_arguments(self);
	test_script_depth(self);
	test_script_errors();
}

/* ---- memory ---- */

/*
 * 16 MiB, or half of the free memory when that is less (a machine of 32 MiB has about 19 free
 * after the kernel and the image): the point is a block far larger than a page.
 */
static size_t large_block_size(void)
{
	long half = tap_free_memory() / 2;

	return half > 0 && half < (16L << 20) ? (size_t)half & ~4095UL : 16 << 20;
}

static void test_malloc_16mib(void)
{
	size_t size = large_block_size();
	char *p = malloc(size);
	int ok = p != NULL;

	if (ok) {
		for (size_t i = 0; i < size; i += 4096)
			p[i] = (char)i;
		for (size_t i = 0; i < size && ok; i += 4096)
			ok = p[i] == (char)i;
	}
	printf("# %zu KiB\n", size >> 10);
	tap_check(ok, "malloc: 16 MiB (half of free memory, if less) can be allocated, written and "
		      "read back");
	free(p);
}

static void test_mmap_anonymous(void)
{
	size_t len = 64 * 4096;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int zero = p != MAP_FAILED;

	for (size_t i = 0; zero && i < len; i += 4096)
		zero = p[i] == 0;
	tap_check(zero, "mmap: anonymous memory arrives zeroed");
	if (p != MAP_FAILED) {
		p[len - 1] = 1;
		tap_check(munmap(p, len) == 0, "munmap: unmaps what mmap mapped");
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

	tap_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		  "munmap: touching an unmapped page kills with SIGSEGV");
}

#define PAGE 4096UL
#define TIB  (1UL << 40)
/* The end of user space on x86_64 Linux (TASK_SIZE), and Corral's: 128 TiB less a page. */
#define USER_SPACE_END 0x7ffffffff000UL

static void test_mmap_fixed_replaces(void)
{
	char *p = mmap(NULL, 16 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *q;

	if (p == MAP_FAILED) {
		tap_check(0,
			  "mmap: MAP_FIXED over a mapping replaces just that part (mmap failed)");
		return;
	}
	memset(p, 'x', 16 * PAGE);
	q = mmap(p + 4 * PAGE, 8 * PAGE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	tap_check(q == p + 4 * PAGE && q[0] == 0 && q[8 * PAGE - 1] == 0 &&
		      p[4 * PAGE - 1] == 'x' && p[12 * PAGE] == 'x',
		  "mmap: MAP_FIXED over a mapping replaces just that part with zeros");
	munmap(p, 16 * PAGE);
}

/* munmap of all of user space: the caller's own code goes, so it dies at its next fetch. */
static void unmap_everything(void)
{
	long err = syscall(SYS_munmap, 0L, USER_SPACE_END);

	_exit(err == 0 ? 0 : 1); /* reached only if munmap failed */
}

static void test_munmap_everything(void)
{
	int status = in_child(unmap_everything);

	tap_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		  "munmap: all of user space (0 .. 128 TiB - 4 KiB) goes, the caller's code too");
	tap_check(munmap(NULL, USER_SPACE_END + PAGE) == -1 && errno == EINVAL,
		  "munmap: a range past the end of user space is EINVAL");
	tap_check(munmap((void *)USER_SPACE_END, PAGE) == -1 && errno == EINVAL,
		  "munmap: the page at the end of user space is EINVAL");
}

/* What unmap_far_pages() found wrong, as bits of its exit status. */
#define FAR_MAP_FAILED	 1 /* a page could not be mapped where asked */
#define FAR_UNMAP_FAILED 2 /* munmap of the 99 TiB between them failed */
#define FAR_BROKEN_AFTER 4 /* the process or a new mapping there misbehaved afterwards */
#define FAR_MEMORY_KEPT	 8 /* free memory did not come back (on Corral) */

static const uint64_t far_addresses[] = {1 * TIB, 64 * TIB, 100 * TIB};

/* Map one page at each of far_addresses and touch it; the child exits if it cannot. */
static void map_far_pages(void)
{
	for (int i = 0; i < 3; i++) {
		char *p = mmap((void *)far_addresses[i], PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p != (char *)far_addresses[i])
			_exit(FAR_MAP_FAILED);
		fill(p, 'a' + i, PAGE);
	}
}

/* Map one page at each of far_addresses, touch it, and unmap all with one call. */
static void unmap_far_pages(void)
{
	long before = tap_free_memory(), mapped, after;
	int bad = 0;
	char *p;

	map_far_pages();
	mapped = tap_free_memory();
	if (munmap((void *)(1 * TIB), 99 * TIB + PAGE) != 0)
		_exit(FAR_UNMAP_FAILED);
	after = tap_free_memory_settled(before);
	printf("# free memory: %ld before, %ld with the far pages, %ld after munmap\n", before,
	       mapped, after);
	fflush(stdout);
	p = malloc(1 << 16);
	if (p)
		fill(p, 1, 1 << 16);
	free(p);
	p = mmap((void *)(64 * TIB), PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1,
		 0);
	if (!p || p != (char *)(64 * TIB) || p[0] != 0 || getpid() <= 0)
		bad |= FAR_BROKEN_AFTER;
	munmap(p, PAGE);
	if (on_corral() && after != before)
		bad |= FAR_MEMORY_KEPT;
	_exit(bad);
}

static void test_munmap_far_apart(void)
{
	int status = in_child(unmap_far_pages);
	int bad = WIFEXITED(status) ? WEXITSTATUS(status) : 0xff;

	tap_check(!(bad & (FAR_MAP_FAILED | FAR_UNMAP_FAILED)),
		  "munmap: one call takes pages at 1, 64 and 100 TiB and the 99 TiB between");
	tap_check(!(bad & FAR_BROKEN_AFTER),
		  "munmap: the process works on, and a new mapping at 64 TiB reads zeros");
	if (on_corral())
		tap_check(!(bad & FAR_MEMORY_KEPT),
			  "munmap: the page tables of pages far apart are freed with them");
	else
		tap_skip("munmap: the page tables of pages far apart are freed with them",
			 "not Corral");
}

/*
 * Corral's limit of MM_MAX_AREAS (4096) areas per address space (Linux allows 65530): one-page
 * mappings, alternately read-only and writable so that no two could merge, until mmap says
 * ENOMEM.  At the limit a munmap that would split an area is ENOMEM too, and one that frees
 * an area makes room again.  The child exits with a bit per failed step.
 */
#define AREAS_NO_LIMIT 1	 /* 8192 mappings and no ENOMEM */
#define AREAS_SPLIT_ALLOWED 2 /* munmap of a middle page succeeded at the limit */
#define AREAS_NO_ROOM_AFTER 4 /* freeing an area did not make room for one more */

static void fill_areas(void)
{
	char *big = mmap(NULL, 3 * PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), *last = NULL;
	int result = 0, n = 0;

	for (; n < 8192; n++) {
		char *p = mmap(NULL, PAGE, n % 2 ? PROT_READ : PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			break;
		last = p;
	}
	if (n == 8192 || errno != ENOMEM || big == MAP_FAILED || !last)
		_exit(AREAS_NO_LIMIT);
	if (munmap(big + PAGE, PAGE) != -1 || errno != ENOMEM)
		result |= AREAS_SPLIT_ALLOWED;
	munmap(last, PAGE);
	if (mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED)
		result |= AREAS_NO_ROOM_AFTER;
	_exit(result);
}

static void test_area_limit(void)
{
	const char *names[] = {"mmap: past 4096 areas in one address space is ENOMEM",
			       "munmap: a split that would pass the limit is ENOMEM",
			       "munmap: freeing an area at the limit makes room for one more"};
	int status, bad;

	if (!on_corral()) {
		for (int i = 0; i < 3; i++)
			tap_skip(names[i], "not Corral (Linux allows 65530 areas)");
		return;
	}
	status = in_child(fill_areas);
	bad = WIFEXITED(status) ? WEXITSTATUS(status) : 0xff;
	tap_check(!(bad & AREAS_NO_LIMIT), names[0]);
	tap_check(!(bad & (AREAS_NO_LIMIT | AREAS_SPLIT_ALLOWED)), names[1]);
	tap_check(!(bad & (AREAS_NO_LIMIT | AREAS_NO_ROOM_AFTER)), names[2]);
}

/*
 * Map pages at far_addresses, then cover them all with one PROT_NONE mapping: a reservation
 * of 99 TiB, which costs no memory.  If all went well, the child dies of SIGSEGV touching it.
 */
static void cover_far_pages(void)
{
	long before = tap_free_memory(), after;
	char *p;

	map_far_pages();
	p = mmap((void *)(1 * TIB), 99 * TIB + PAGE, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
	if (p != (char *)(1 * TIB))
		_exit(FAR_UNMAP_FAILED);
	after = tap_free_memory_settled(before);
	if (on_corral() && after != before)
		_exit(FAR_MEMORY_KEPT);
	*(volatile char *)(64 * TIB) = 1;
	_exit(FAR_BROKEN_AFTER);
}

static void test_mmap_fixed_far_apart(void)
{
	int status = in_child(cover_far_pages);
	int bad = WIFEXITED(status) ? WEXITSTATUS(status) : 0;

	tap_check(!(bad & (FAR_MAP_FAILED | FAR_UNMAP_FAILED)),
		  "mmap: MAP_FIXED PROT_NONE of 99 TiB over pages at 1, 64 and 100 TiB succeeds");
	tap_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		  "mmap: and a touch at 64 TiB under it is SIGSEGV");
	if (on_corral())
		tap_check(!(bad & FAR_MEMORY_KEPT),
			  "mmap: the pages it replaced are freed, and their page tables");
	else
		tap_skip("mmap: the pages it replaced are freed, and their page tables",
			 "not Corral");
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
	long before = tap_free_memory();
	int status;

	if (!on_corral()) {
		tap_skip("malloc: a process that allocates until failure gets ENOMEM",
			 "not Corral");
		return;
	}
	status = in_child(allocate_until_failure);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "malloc: a process that allocates until failure gets ENOMEM");
	tap_check(tap_free_memory_settled(before) == before,
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

	tap_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV,
		  "fault: a NULL write kills the child with SIGSEGV");
	status = in_child(divide_by_zero);
	tap_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGFPE,
		  "fault: a divide by zero kills the child with SIGFPE");
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
	tap_check(sigaction(SIGUSR1, &action, NULL) == 0, "sigaction: installs a handler");
	handled = 0;
	kill(getpid(), SIGUSR1);
	tap_check(handled == SIGUSR1,
		  "kill: a signal to oneself runs the handler before kill returns");
}

static void test_signal_blocked(void)
{
	sigset_t block, old;

	handled = 0;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);
	kill(getpid(), SIGUSR1);
	tap_check(handled == 0, "sigprocmask: a blocked signal waits");
	sigprocmask(SIG_SETMASK, &old, NULL);
	tap_check(handled == SIGUSR1, "sigprocmask: and is delivered once unblocked");
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
	tap_check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
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

	tap_check(nanosleep(&request, NULL) == 0, "nanosleep: returns 0");
	tap_check(monotonic_ns() - start >= 30 * 1000 * 1000ull,
		  "nanosleep: sleeps at least as long as asked (30 ms)");
}

/* A child that sleeps for sec seconds and exits 0 if nanosleep returned 0, else 1. */
static pid_t start_sleeper(int64_t sec, long nsec)
{
	struct timespec request = {(time_t)sec, nsec};
	pid_t pid = fork();

	if (pid == 0)
		_exit(nanosleep(&request, NULL) == 0 ? 0 : 1);
	return pid;
}

/*
 * Sleeps far beyond what nanoseconds in 64 bits can count: 2^57 s (whose nanoseconds overflow
 * 2^64 many times over), the first whole seconds past 2^63 - 1 and 2^64 - 1 ns, and the
 * largest timespec.  Each child must still be asleep 200 ms later, however the kernel counts.
 */
static void test_nanosleep_huge(void)
{
	static const int64_t seconds[] = {1LL << 57, 9223372037LL, 18446744074LL, INT64_MAX};
	struct timespec pause_200ms = {0, 200 * 1000 * 1000};
	pid_t pids[4];
	int asleep = 0, killed = 0, status;

	for (int i = 0; i < 4; i++)
		pids[i] = start_sleeper(seconds[i], i == 3 ? 999999999 : 0);
	nanosleep(&pause_200ms, NULL);
	for (int i = 0; i < 4; i++) {
		asleep += pids[i] > 0 && waitpid(pids[i], &status, WNOHANG) == 0;
		kill(pids[i], SIGKILL);
		killed += waitpid(pids[i], &status, 0) == pids[i] && WIFSIGNALED(status) &&
			  WTERMSIG(status) == SIGKILL;
	}
	tap_check(asleep == 4, "nanosleep: 2^57 s, 2^63 ns and up to INT64_MAX s all really sleep");
	tap_check(killed == 4, "nanosleep: and such a sleeper dies of SIGKILL");
}

static void interrupt_huge_sleep(void)
{
	struct timespec request = {(time_t)1 << 57, 0}, rem = {0, 0};
	int interrupted = nanosleep(&request, &rem) == -1 && errno == EINTR;

	/* Over 200 years left: the remainder did not wrap round to a small number. */
	_exit(interrupted && rem.tv_sec > 200LL * 365 * 86400 && rem.tv_nsec >= 0 &&
		      rem.tv_nsec < 1000000000
		  ? 0
		  : 1);
}

static void test_nanosleep_huge_interrupted(void)
{
	struct timespec pause_200ms = {0, 200 * 1000 * 1000};
	struct sigaction action, old;
	int status = -1;
	pid_t pid;

	memset(&action, 0, sizeof(action));
	action.sa_handler = on_signal; /* the child inherits it; set before fork, so no race */
	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR2, &action, &old);
	pid = fork();
	if (pid == 0)
		interrupt_huge_sleep();
	sigaction(SIGUSR2, &old, NULL);
	nanosleep(&pause_200ms, NULL);
	kill(pid, SIGUSR2);
	waitpid(pid, &status, 0);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "nanosleep: a signal ends a 2^57 s sleep with EINTR and over 200 years left");
}

static int nanosleep_error(int64_t sec, long nsec)
{
	struct timespec request = {(time_t)sec, nsec};

	return nanosleep(&request, NULL) == -1 ? errno : 0;
}

static void test_nanosleep_invalid(void)
{
	tap_check(nanosleep_error(0, -1) == EINVAL, "nanosleep: tv_nsec -1 is EINVAL");
	tap_check(nanosleep_error(0, 1000000000) == EINVAL,
		  "nanosleep: tv_nsec 1000000000 is EINVAL");
	tap_check(nanosleep_error(-1, 0) == EINVAL, "nanosleep: tv_sec -1 is EINVAL");
	tap_check(nanosleep_error(INT64_MIN, 999999999) == EINVAL,
		  "nanosleep: tv_sec INT64_MIN is EINVAL");
	tap_check(nanosleep_error(1LL << 57, 1000000000) == EINVAL,
		  "nanosleep: a huge tv_sec with tv_nsec 1000000000 is EINVAL");
}

/* The fastest of five, so that a preemption in one does not count. */
static void test_nanosleep_zero(void)
{
	struct timespec zero = {0, 0};
	uint64_t fastest = UINT64_MAX;
	int ok = 1;

	for (int i = 0; i < 5; i++) {
		uint64_t start = monotonic_ns(), took;

		ok &= nanosleep(&zero, NULL) == 0;
		took = monotonic_ns() - start;
		if (took < fastest)
			fastest = took;
	}
	tap_check(ok && fastest < 5 * 1000 * 1000,
		  "nanosleep: a zero sleep returns 0 at once (under 5 ms)");
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
	tap_check(!backwards, "clock_gettime: CLOCK_MONOTONIC never goes backwards");
}

/* ---- the ABI ---- */

static void test_printf_formats(void)
{
	char line[64];

	snprintf(line, sizeof(line), "%zu %lld %f", (size_t)42, -1234567890123ll, 2.5);
	tap_check(strcmp(line, "42 -1234567890123 2.500000") == 0,
		  "printf: %zu %lld %f format through newlib");
}

/* The C library's messages are Linux's, so a program says the same words on both. */
static void test_strerror(void)
{
	tap_check(strcmp(strerror(EPERM), "Operation not permitted") == 0 &&
			  strcmp(strerror(EBADF), "Bad file descriptor") == 0 &&
			  strcmp(strerror(ECHILD), "No child processes") == 0 &&
			  strcmp(strerror(ENOMEM), "Cannot allocate memory") == 0 &&
			  strcmp(strerror(ENOTTY), "Inappropriate ioctl for device") == 0,
		  "strerror: Linux's messages (EPERM is \"Operation not permitted\")");
	tap_check(strcmp(strerror(4000), "Unknown error 4000") == 0,
		  "strerror: a number with no message is \"Unknown error N\"");
}

static void test_unknown_syscall(void)
{
	tap_check(syscall(500) == -1 && errno == ENOSYS,
		  "syscall: an unknown number fails with ENOSYS");
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

	tap_check(syscall(SYS_getdents64, fd, bad, 4096) == -1 && errno == EFAULT,
		  "getdents64: a bad buffer for a directory is EFAULT");
	close(fd);
}

static void test_bad_wait_status(void *bad)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	tap_check(syscall(SYS_wait4, pid, bad, 0, NULL) == -1 && errno == EFAULT,
		  "wait4: a bad status pointer with a child to reap is EFAULT");
	waitpid(pid, NULL, 0);
}

static void test_bad_pointers(void)
{
	void *bad = opaque_address(1);
	void *kernel = opaque_address(0xffffffff80100000ul);
	char dirent_buf[512];
	int fds[2];

	pipe(fds);
	tap_check(write(fds[1], bad, 10) == -1 && errno == EFAULT, "write: a bad buffer is EFAULT");
	write(fds[1], "abc", 3);
	tap_check(read(fds[0], kernel, 3) == -1 && errno == EFAULT,
		  "read: a kernel address as buffer is EFAULT");
	tap_check(open(bad, O_RDONLY) == -1 && errno == EFAULT, "open: a bad path is EFAULT");
	tap_check(stat("/", bad) == -1 && errno == EFAULT, "stat: a bad result buffer is EFAULT");
	tap_check(fstat(fds[0], kernel) == -1 && errno == EFAULT,
		  "fstat: a kernel buffer is EFAULT");
	tap_check(pipe(bad) == -1 && errno == EFAULT, "pipe: a bad array is EFAULT");
	tap_check(waitpid(-1, bad, 0) == -1 && errno == ECHILD,
		  "wait4: with no child, a bad status pointer is never written: ECHILD");
	tap_check(clock_gettime(CLOCK_MONOTONIC, bad) == -1 && errno == EFAULT,
		  "clock_gettime: a bad timespec is EFAULT");
	tap_check(nanosleep(bad, NULL) == -1 && errno == EFAULT,
		  "nanosleep: a bad request is EFAULT");
	tap_check(uname(bad) == -1 && errno == EFAULT, "uname: a bad buffer is EFAULT");
	tap_check(syscall(SYS_rt_sigaction, SIGUSR2, bad, NULL, 8) == -1 && errno == EFAULT,
		  "rt_sigaction: a bad action is EFAULT");
	tap_check(execve(bad, NULL, NULL) == -1 && errno == EFAULT, "execve: a bad path is EFAULT");
	tap_check(mkdir(bad, 0755) == -1 && errno == EFAULT, "mkdir: a bad path is EFAULT");
	tap_check(unlink(kernel) == -1 && errno == EFAULT, "unlink: a kernel path is EFAULT");
	tap_check(rmdir(bad) == -1 && errno == EFAULT, "rmdir: a bad path is EFAULT");
	tap_check(chdir(bad) == -1 && errno == EFAULT, "chdir: a bad path is EFAULT");
	tap_check(lstat(bad, opaque_address(0x1000)) == -1 && errno == EFAULT,
		  "lstat: a bad path is EFAULT");
	tap_check(syscall(SYS_openat, AT_FDCWD, kernel, O_RDONLY, 0) == -1 && errno == EFAULT,
		  "openat: a kernel path is EFAULT");
	tap_check(syscall(SYS_getdents64, fds[0], dirent_buf, sizeof(dirent_buf)) == -1 &&
		      errno == ENOTDIR,
		  "getdents64: a pipe is ENOTDIR");
	tap_check(syscall(SYS_getcwd, bad, 64) == -1 && errno == EFAULT,
		  "getcwd: a bad buffer is EFAULT");
	tap_check(syscall(SYS_rt_sigprocmask, SIG_BLOCK, bad, NULL, 8) == -1 && errno == EFAULT,
		  "rt_sigprocmask: a bad set is EFAULT");
	tap_check(syscall(SYS_sysinfo, kernel) == -1 && errno == EFAULT,
		  "sysinfo: a kernel buffer is EFAULT");
	close(fds[0]);
	close(fds[1]);
	test_bad_directory_buffer(bad);
	test_bad_wait_status(bad);
}

/* ---- the wall clock ---- */

#define JAN_1_2024 1704067200

/*
 * time(), gettimeofday() and clock_gettime(CLOCK_REALTIME) read one clock.  Linux's time() may
 * lag the others by a tick (it reads a coarser copy), so it is allowed a second behind.
 */
static void test_wall_clock(void)
{
	struct timespec before, after;
	struct timeval tv;
	time_t seconds;

	clock_gettime(CLOCK_REALTIME, &before);
	seconds = time(NULL);
	gettimeofday(&tv, NULL);
	clock_gettime(CLOCK_REALTIME, &after);
	tap_check(before.tv_sec >= JAN_1_2024,
		  "clock_gettime: CLOCK_REALTIME is a date after 2024-01-01");
	tap_check(seconds >= before.tv_sec - 1 && seconds <= after.tv_sec,
		  "time: agrees with CLOCK_REALTIME");
	tap_check(tv.tv_sec >= before.tv_sec && tv.tv_sec <= after.tv_sec && tv.tv_usec >= 0 &&
			  tv.tv_usec < 1000000,
		  "gettimeofday: agrees with CLOCK_REALTIME, microseconds below a million");
	tap_check(after.tv_sec > before.tv_sec ||
			  (after.tv_sec == before.tv_sec && after.tv_nsec >= before.tv_nsec),
		  "clock_gettime: CLOCK_REALTIME does not go backwards");
}

static void test_wall_clock_calls(void *bad)
{
	struct timezone tz = {-1, -1};
	struct timeval tv;
	struct timespec res = {-1, -1};
	long stored = 0, returned = syscall(SYS_time, &stored);

	tap_check(returned >= JAN_1_2024 && stored == returned,
		  "time: returns the seconds and stores them at its argument");
	tap_check(syscall(SYS_time, bad) == -1 && errno == EFAULT, "time: a bad pointer is EFAULT");
	tap_check(syscall(SYS_gettimeofday, &tv, &tz) == 0 && tz.tz_minuteswest == 0 &&
			  tz.tz_dsttime == 0,
		  "gettimeofday: the time zone reads as UTC");
	tap_check(syscall(SYS_gettimeofday, bad, NULL) == -1 && errno == EFAULT,
		  "gettimeofday: a bad timeval is EFAULT");
	tap_check(syscall(SYS_gettimeofday, NULL, bad) == -1 && errno == EFAULT,
		  "gettimeofday: a bad timezone is EFAULT");
	tap_check(clock_getres(CLOCK_REALTIME, &res) == 0 && res.tv_sec == 0 && res.tv_nsec > 0 &&
			  clock_getres(CLOCK_MONOTONIC, NULL) == 0,
		  "clock_getres: CLOCK_REALTIME counts in under a second; a NULL result is fine");
	tap_check(clock_getres(1000, &res) == -1 && errno == EINVAL,
		  "clock_getres: an unknown clock is EINVAL");
	tap_check(clock_gettime(1000, &res) == -1 && errno == EINVAL,
		  "clock_gettime: an unknown clock is EINVAL");
}

/* ---- the machine ---- */

/* sysinfo() and the counts of processors and pages built on it and on sched_getaffinity(). */
static void test_sysinfo(void)
{
	struct sysinfo info;
	cpu_set_t cpus;

	tap_check(sysinfo(&info) == 0 && info.procs >= 1 && info.mem_unit > 0 &&
			  info.freeram <= info.totalram && info.totalram > 0,
		  "sysinfo: <sys/sysinfo.h>'s struct: processes, memory in mem_unit units");
	tap_check(sched_getaffinity(0, sizeof(cpus), &cpus) == 0 && CPU_COUNT(&cpus) >= 1 &&
			  CPU_ISSET(sched_getcpu(), &cpus),
		  "sched_getaffinity: the CPUs to run on include the one sched_getcpu() says");
	tap_check(get_nprocs() == CPU_COUNT(&cpus) && get_nprocs_conf() >= get_nprocs(),
		  "get_nprocs: the processors online, as many as the affinity mask has");
	tap_check(get_phys_pages() > 0 && get_avphys_pages() <= get_phys_pages(),
		  "get_phys_pages: the memory in pages, at least as much as get_avphys_pages()");
}

/* ---- users and groups: /etc/passwd and /etc/group ---- */

static void test_user_database(void)
{
	struct passwd *pw = getpwuid(0), entry, *found = NULL;
	struct group *gr = getgrgid(0);
	gid_t groups[8];
	int ngroups = 8;
	char small[8];

	tap_check(pw && strcmp(pw->pw_name, "root") == 0 && strcmp(pw->pw_dir, "/root") == 0,
		  "getpwuid: uid 0 is root, at home in /root");
	pw = getpwnam("root");
	tap_check(pw && pw->pw_uid == 0 && pw->pw_gid == 0, "getpwnam: root is uid 0, gid 0");
	tap_check(getpwnam("no-such-user") == NULL, "getpwnam: a user not there is NULL");
	tap_check(gr && strcmp(gr->gr_name, "root") == 0, "getgrgid: gid 0 is the group root");
	tap_check(getpwnam_r("root", &entry, small, sizeof(small), &found) == ERANGE && !found,
		  "getpwnam_r: a buffer too small for the line is ERANGE");
	tap_check(getgrouplist("root", 0, groups, &ngroups) >= 1 && groups[0] == 0,
		  "getgrouplist: root's groups start with the one given");
	if (!on_corral()) {
		tap_skip("getpwuid: uid 1000 is user, at home in /home/user, group user 1000", "not Corral");
		return;
	}
	pw = getpwuid(1000);
	gr = getgrnam("user");
	tap_check(pw && strcmp(pw->pw_name, "user") == 0 && pw->pw_gid == 1000 &&
			  strcmp(pw->pw_dir, "/home/user") == 0 &&
			  strcmp(pw->pw_shell, "/bin/sh") == 0 && gr && gr->gr_gid == 1000,
		  "getpwuid: uid 1000 is user, at home in /home/user, group user 1000");
}

/* ---- CPU time ---- */

static double seconds_of(struct timeval tv)
{
	return tv.tv_sec + tv.tv_usec / 1e6;
}

/* Compute until clock() (CPU time, in CLOCKS_PER_SEC units) has grown by ticks, or 5 s passed. */
static void burn_cpu(clock_t ticks)
{
	clock_t start = clock();
	time_t give_up = time(NULL) + 5;
	volatile unsigned long sum = 0;

	while (clock() - start < ticks && time(NULL) < give_up)
		for (int i = 0; i < 100000; i++)
			sum += i;
}

/* Keep the kernel busy (copying zeros out of /dev/zero) for about 300 ms. */
static void burn_kernel_time(void)
{
	static char buf[65536];
	struct timespec start, now;
	int fd = open("/dev/zero", O_RDONLY);

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		read(fd, buf, sizeof(buf));
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 < 300);
	close(fd);
}

static void test_times(void *bad)
{
	struct tms before, after;
	clock_t start = times(&before), end;

	tap_check(start != (clock_t)-1 && clock() != (clock_t)-1,
		  "times: works, so clock() is no longer -1");
	burn_cpu(CLOCKS_PER_SEC / 5);
	end = times(&after);
	tap_check(after.tms_utime - before.tms_utime >= CLOCKS_PER_SEC / 10,
		  "times: user time grows while the program computes (200 ms of it)");
	tap_check(end - start + CLOCKS_PER_SEC / 50 >= after.tms_utime - before.tms_utime,
		  "times: the clock it returns advances as much as the CPU time, to two ticks");
	before = after;
	burn_kernel_time();
	times(&after);
	tap_check(after.tms_stime > before.tms_stime,
		  "times: system time grows while the kernel works for the program");
	tap_check(times(NULL) != (clock_t)-1, "times: a NULL buffer only returns the clock");
	tap_check(syscall(SYS_times, bad) == -1 && errno == EFAULT, "times: a bad buffer is EFAULT");
}

static void burning_child(void)
{
	burn_cpu(CLOCKS_PER_SEC / 5);
}

/* A child that computes for 200 ms: its time reaches wait4's rusage and the parent's counts. */
static void test_children_times(void)
{
	struct rusage child_usage, children_before, children_after;
	struct tms before, after;
	int status;
	pid_t pid;

	times(&before);
	getrusage(RUSAGE_CHILDREN, &children_before);
	pid = fork();
	if (pid == 0) {
		burning_child();
		_exit(0);
	}
	memset(&child_usage, 0xff, sizeof(child_usage));
	tap_check(wait4(pid, &status, 0, &child_usage) == pid &&
			  seconds_of(child_usage.ru_utime) + seconds_of(child_usage.ru_stime) >=
				  0.15 &&
			  child_usage.ru_utime.tv_usec < 1000000,
		  "wait4: the rusage of a child that computed for 200 ms says so");
	times(&after);
	getrusage(RUSAGE_CHILDREN, &children_after);
	tap_check(after.tms_cutime - before.tms_cutime >= CLOCKS_PER_SEC / 10,
		  "times: a reaped child's user time is added to tms_cutime");
	tap_check(seconds_of(children_after.ru_utime) - seconds_of(children_before.ru_utime) >=
			  0.1,
		  "getrusage: RUSAGE_CHILDREN counts the reaped child's time");
}

static void test_getrusage(void *bad)
{
	struct rusage self, thread;
	struct timespec cpu;
	struct tms now;

	times(&now);
	tap_check(getrusage(RUSAGE_SELF, &self) == 0 &&
			  seconds_of(self.ru_utime) + 0.02 >= (double)now.tms_utime / CLOCKS_PER_SEC &&
			  self.ru_utime.tv_usec < 1000000 && self.ru_stime.tv_usec < 1000000,
		  "getrusage: RUSAGE_SELF gives the user time times() gives, in a timeval");
	tap_check(getrusage(RUSAGE_THREAD, &thread) == 0 &&
			  seconds_of(thread.ru_utime) + seconds_of(thread.ru_stime) + 0.001 >=
				  seconds_of(self.ru_utime) + seconds_of(self.ru_stime),
		  "getrusage: RUSAGE_THREAD is the one thread's, all of the process's CPU time");
	tap_check(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu) == 0 &&
			  cpu.tv_sec + cpu.tv_nsec / 1e9 + 0.02 >=
				  seconds_of(self.ru_utime) + seconds_of(self.ru_stime),
		  "clock_gettime: CLOCK_PROCESS_CPUTIME_ID is the CPU time used");
	tap_check(getrusage(5, &self) == -1 && errno == EINVAL,
		  "getrusage: an unknown who is EINVAL");
	tap_check(getrusage(RUSAGE_SELF, bad) == -1 && errno == EFAULT,
		  "getrusage: a bad buffer is EFAULT");
}

static void test_bad_wait_rusage(void *bad)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	tap_check(wait4(pid, NULL, 0, bad) == -1 && errno == EFAULT &&
			  waitpid(pid, NULL, WNOHANG) == -1 && errno == ECHILD,
		  "wait4: a bad rusage pointer is EFAULT, after the child is reaped");
}

static void test_cpu_time(void *bad)
{
	test_times(bad);
	test_children_times();
	test_getrusage(bad);
	test_bad_wait_rusage(bad);
}

/* ---- files: open's flags, descriptors, rename, truncate ---- */

static char fs_dir[320]; /* where the file checks work: made and removed by them */
static char saved_cwd[256];

/* Work in a fresh directory inside the working directory (/ when the suite runs as init). */
static int enter_fs_dir(void)
{
	if (!getcwd(saved_cwd, sizeof(saved_cwd)))
		return -1;
	snprintf(fs_dir, sizeof(fs_dir), "%s/usertests-fs-%d",
		 strcmp(saved_cwd, "/") == 0 ? "" : saved_cwd, (int)getpid());
	if (mkdir(fs_dir, 0755) != 0)
		return -1;
	return chdir(fs_dir);
}

static void leave_fs_dir(void)
{
	chdir(saved_cwd);
	tap_check(rmdir(fs_dir) == 0, "files: the scratch directory is empty again at the end");
}

static int exists(const char *name)
{
	struct stat st;

	return stat(name, &st) == 0;
}

static int write_text(const char *name, int flags, const char *text)
{
	int fd = open(name, O_WRONLY | O_CREAT | flags, 0644);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The contents of name (at most size - 1 bytes, NUL-terminated), or -1. */
static ssize_t read_text(const char *name, char *buf, size_t size)
{
	int fd = open(name, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0)
		return -1;
	while (len < (ssize_t)size - 1 && (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = '\0';
	return len;
}

static void test_open_flags(void)
{
	char buf[32];

	write_text("f", O_TRUNC, "first");
	tap_check(open("f", O_WRONLY | O_CREAT | O_EXCL, 0644) == -1 && errno == EEXIST,
		  "open: O_CREAT|O_EXCL of an existing file is EEXIST");
	write_text("f", O_TRUNC, "new");
	tap_check(read_text("f", buf, sizeof(buf)) == 3 && strcmp(buf, "new") == 0,
		  "open: O_TRUNC empties the file before the write");
	{
		int fd = open("f", O_WRONLY | O_APPEND);

		lseek(fd, 0, SEEK_SET);
		write(fd, "+end", 4);
		close(fd);
	}
	tap_check(read_text("f", buf, sizeof(buf)) == 7 && strcmp(buf, "new+end") == 0,
		  "open: with O_APPEND a write after lseek(0) still goes to the end");
	tap_check(open("f/", O_RDONLY) == -1 && errno == ENOTDIR, "open: 'file/' is ENOTDIR");
	unlink("f");
}

static void test_fcntl_dupfd(void)
{
	int fd = open(".", O_RDONLY | O_DIRECTORY);
	int copy = fcntl(fd, F_DUPFD, 20), copy2 = fcntl(fd, F_DUPFD, 20);
	int cloexec = fcntl(fd, F_DUPFD_CLOEXEC, 0);

	tap_check(copy == 20 && copy2 == 21,
		  "fcntl: F_DUPFD gives the lowest free number from arg on");
	tap_check(fcntl(copy, F_GETFD) == 0 && fcntl(cloexec, F_GETFD) == FD_CLOEXEC,
		  "fcntl: F_DUPFD's copy has no FD_CLOEXEC, F_DUPFD_CLOEXEC's has");
	tap_check(fcntl(fd, F_SETFD, FD_CLOEXEC) == 0 && fcntl(fd, F_GETFD) == FD_CLOEXEC &&
		      fcntl(copy, F_GETFD) == 0,
		  "fcntl: F_SETFD sets FD_CLOEXEC on one descriptor only");
	tap_check(fcntl(fd, F_DUPFD, -1) == -1 && errno == EINVAL,
		  "fcntl: F_DUPFD below 0 is EINVAL");
	tap_check(fcntl(99, F_GETFD) == -1 && errno == EBADF,
		  "fcntl: a closed descriptor is EBADF");
	close(fd);
	close(copy);
	close(copy2);
	close(cloexec);
}

/* Run self with argv[1...] in a child and return its wait status. */
static int run_self(const char *self, char *argv[])
{
	int status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		argv[0] = (char *)self;
		execve(self, argv, (char *[]){NULL});
		_exit(99);
	}
	waitpid(pid, &status, 0);
	return status;
}

/* The other half of test_close_on_exec: "usertests fd-check CLOSED OPEN". */
static int fd_check(char **argv)
{
	int closed = atoi(argv[2]), open_fd = atoi(argv[3]);

	if (fcntl(closed, F_GETFD) != -1 || errno != EBADF)
		return 1;
	return fcntl(open_fd, F_GETFD) == 0 ? 0 : 2;
}

static void test_close_on_exec(const char *self)
{
	int closed = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int kept = fcntl(closed, F_DUPFD, 30);
	char closed_s[12], kept_s[12];
	char *argv[] = {NULL, "fd-check", closed_s, kept_s, NULL};
	int status;

	snprintf(closed_s, sizeof(closed_s), "%d", closed);
	snprintf(kept_s, sizeof(kept_s), "%d", kept);
	status = run_self(self, argv);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "execve: closes O_CLOEXEC descriptors and keeps the others");
	close(closed);
	close(kept);
}

static void test_rename(void)
{
	char buf[16];

	write_text("a", O_TRUNC, "one");
	write_text("b", O_TRUNC, "two");
	mkdir("d", 0755);
	mkdir("d/sub", 0755);
	mkdir("e", 0755);
	tap_check(rename("a", "b") == 0 && read_text("b", buf, sizeof(buf)) == 3 &&
		      strcmp(buf, "one") == 0 && !exists("a"),
		  "rename: replaces an existing file, and the old name is gone");
	tap_check(rename("d", "d/sub/x") == -1 && errno == EINVAL,
		  "rename: a directory into its own subtree is EINVAL");
	tap_check(rename("e", "d") == -1 && errno == ENOTEMPTY,
		  "rename: over a directory that is not empty is ENOTEMPTY");
	tap_check(rename("b", "e") == -1 && errno == EISDIR,
		  "rename: a file over a directory is EISDIR");
	tap_check(rename("e", "b") == -1 && errno == ENOTDIR,
		  "rename: a directory over a file is ENOTDIR");
	tap_check(rename("none", "x") == -1 && errno == ENOENT, "rename: a missing name is ENOENT");
	tap_check(rename("b", "b/") == -1 && errno == ENOTDIR, "rename: 'file/' is ENOTDIR");
	tap_check(rename("d/sub", "e/moved") == 0 && rmdir("e/moved") == 0,
		  "rename: moves a directory into another");
	tap_check(syscall(SYS_renameat, AT_FDCWD, "b", AT_FDCWD, "c") == 0 && unlink("c") == 0,
		  "renameat: with AT_FDCWD renames like rename");
	rmdir("d");
	rmdir("e");
}

static void test_truncate(void)
{
	struct stat st;
	char buf[16];
	int fd;

	write_text("t", O_TRUNC, "hello world");
	tap_check(truncate("t", 5) == 0 && read_text("t", buf, sizeof(buf)) == 5 &&
		      strcmp(buf, "hello") == 0,
		  "truncate: shrinks a file");
	fd = open("t", O_RDWR);
	tap_check(ftruncate(fd, 8) == 0 && fstat(fd, &st) == 0 && st.st_size == 8 &&
		      read(fd, buf, sizeof(buf)) == 8 && memcmp(buf, "hello\0\0\0", 8) == 0,
		  "ftruncate: grows a file with zeros");
	tap_check(ftruncate(fd, -1) == -1 && errno == EINVAL,
		  "ftruncate: a negative length is EINVAL");
	close(fd);
	fd = open("t", O_RDONLY);
	tap_check(ftruncate(fd, 0) == -1 && errno == EINVAL,
		  "ftruncate: a file open read-only is EINVAL");
	close(fd);
	tap_check(ftruncate(fd, 0) == -1 && errno == EBADF,
		  "ftruncate: a closed descriptor is EBADF");
	mkdir("dir", 0755);
	tap_check(truncate("dir", 0) == -1 && errno == EISDIR, "truncate: a directory is EISDIR");
	tap_check(truncate("none", 0) == -1 && errno == ENOENT,
		  "truncate: a missing file is ENOENT");
	tap_check(truncate("/dev/null", 0) == -1 && errno == EINVAL,
		  "truncate: a device is EINVAL");
	rmdir("dir");
	unlink("t");
}

/*
 * Two writers of one file, each writing big blocks of its own letter at the same time: each
 * write lands whole, whether they share one open file (after fork) or append through opens
 * of their own.  A block is many of the kernel's copy chunks long, so a kernel that let go of
 * the file between chunks would interleave them.
 */
#define WHOLE_BLOCK (256 * 1024)
#define WHOLE_ROUNDS 6

/* In a child: write WHOLE_ROUNDS blocks of letter to fd (or, fd < 0, to name with O_APPEND). */
static void write_blocks(int fd, const char *name, char letter)
{
	char *block = malloc(WHOLE_BLOCK);

	if (fd < 0)
		fd = open(name, O_WRONLY | O_APPEND);
	if (!block || fd < 0)
		_exit(2);
	memset(block, letter, WHOLE_BLOCK);
	for (int i = 0; i < WHOLE_ROUNDS; i++)
		if (write(fd, block, WHOLE_BLOCK) != WHOLE_BLOCK)
			_exit(1);
	_exit(0);
}

/* Whether name holds 2 * WHOLE_ROUNDS blocks, each all of one letter. */
static int blocks_whole(const char *name)
{
	char *block = malloc(WHOLE_BLOCK);
	int fd = open(name, O_RDONLY), blocks = 0, whole = 1;

	while (block && fd >= 0 && read(fd, block, WHOLE_BLOCK) == WHOLE_BLOCK) {
		blocks++;
		for (int i = 1; i < WHOLE_BLOCK && whole; i++)
			whole = block[i] == block[0];
	}
	if (fd >= 0)
		close(fd);
	free(block);
	return whole && blocks == 2 * WHOLE_ROUNDS;
}

/* Two children writing at once, through fd (shared) or their own O_APPEND opens (fd -1). */
static int two_writers(int fd, const char *name)
{
	pid_t a = fork(), b = a > 0 ? fork() : -1;
	int sa = -1, sb = -1;

	if (a == 0)
		write_blocks(fd, name, 'a');
	if (b == 0)
		write_blocks(fd, name, 'b');
	if (a > 0)
		waitpid(a, &sa, 0);
	if (b > 0)
		waitpid(b, &sb, 0);
	return sa == 0 && sb == 0;
}

/* ---- files: their times ---- */

/* a < b, a == b, a > b: -1, 0, 1. */
static int ts_cmp(struct timespec a, struct timespec b)
{
	if (a.tv_sec != b.tv_sec)
		return a.tv_sec < b.tv_sec ? -1 : 1;
	return (a.tv_nsec > b.tv_nsec) - (a.tv_nsec < b.tv_nsec);
}

/*
 * Let the clock move on before the next change: Linux stamps files from a clock that advances
 * a tick at a time (up to 10 ms), so two changes closer than that may get the same time.
 */
static void let_time_pass(void)
{
	struct timespec pause_20ms = {0, 20 * 1000 * 1000};

	nanosleep(&pause_20ms, NULL);
}

static struct stat stat_of(const char *name)
{
	struct stat st;

	memset(&st, 0, sizeof(st));
	stat(name, &st);
	return st;
}

/* A new file's three times are now, and equal; its directory's mtime and ctime move. */
static void test_times_of_new_file(void)
{
	struct stat dir_before, dir_after, st;
	struct timespec before, after;
	int fd;

	mkdir("times", 0755);
	let_time_pass();
	dir_before = stat_of("times");
	clock_gettime(CLOCK_REALTIME, &before);
	fd = open("times/f", O_WRONLY | O_CREAT | O_EXCL, 0644);
	clock_gettime(CLOCK_REALTIME, &after);
	close(fd);
	st = stat_of("times/f");
	dir_after = stat_of("times");
	tap_check(st.st_mtim.tv_sec >= before.tv_sec - 1 && st.st_mtim.tv_sec <= after.tv_sec,
		  "times: a new file's mtime is the wall clock's time");
	tap_check(ts_cmp(st.st_atim, st.st_mtim) == 0 && ts_cmp(st.st_ctim, st.st_mtim) == 0,
		  "times: a new file's atime, mtime and ctime are the same");
	tap_check(ts_cmp(dir_after.st_mtim, dir_before.st_mtim) > 0 &&
			  ts_cmp(dir_after.st_ctim, dir_before.st_ctim) > 0,
		  "times: creating a file moves its directory's mtime and ctime");
}

/* Writing moves mtime and ctime, not atime; reading moves atime only. */
static void test_times_of_read_write(void)
{
	struct stat first, written, read_back;
	char buf[8];
	int fd;

	first = stat_of("times/f");
	let_time_pass();
	write_text("times/f", 0, "data");
	written = stat_of("times/f");
	tap_check(ts_cmp(written.st_mtim, first.st_mtim) > 0 &&
			  ts_cmp(written.st_ctim, first.st_ctim) > 0 &&
			  ts_cmp(written.st_ctim, written.st_mtim) == 0,
		  "times: a write moves mtime and ctime, to the same time");
	tap_check(ts_cmp(written.st_atim, first.st_atim) == 0, "times: a write leaves atime");
	let_time_pass();
	fd = open("times/f", O_RDONLY);
	read(fd, buf, sizeof(buf));
	close(fd);
	read_back = stat_of("times/f");
	tap_check(ts_cmp(read_back.st_atim, written.st_atim) > 0,
		  "times: a read after a write moves atime");
	tap_check(ts_cmp(read_back.st_mtim, written.st_mtim) == 0 &&
			  ts_cmp(read_back.st_ctim, written.st_ctim) == 0,
		  "times: a read leaves mtime and ctime");
}

/* truncate, ftruncate and O_TRUNC move mtime and ctime, even when the size stays. */
static void test_times_of_truncate(void)
{
	struct stat before, after;
	int fd;

	before = stat_of("times/f");
	let_time_pass();
	truncate("times/f", 2);
	after = stat_of("times/f");
	tap_check(ts_cmp(after.st_mtim, before.st_mtim) > 0 &&
			  ts_cmp(after.st_ctim, before.st_ctim) > 0,
		  "times: truncate moves mtime and ctime");
	let_time_pass();
	fd = open("times/f", O_WRONLY);
	ftruncate(fd, 2);
	close(fd);
	before = after;
	after = stat_of("times/f");
	tap_check(ts_cmp(after.st_mtim, before.st_mtim) > 0 &&
			  ts_cmp(after.st_ctim, before.st_ctim) > 0,
		  "times: ftruncate to the same size moves mtime and ctime too");
	let_time_pass();
	close(open("times/f", O_WRONLY | O_TRUNC));
	before = after;
	after = stat_of("times/f");
	tap_check(ts_cmp(after.st_mtim, before.st_mtim) > 0 && after.st_size == 0,
		  "times: open with O_TRUNC moves mtime");
}

/* A rename moves the file's ctime and both directories' mtimes; unlink and readdir, theirs. */
static void test_times_of_names(void)
{
	struct stat file_before, dir_before, file_after, dir_after;
	DIR *dir;

	mkdir("times/sub", 0755);
	let_time_pass();
	file_before = stat_of("times/f");
	dir_before = stat_of("times/sub");
	rename("times/f", "times/sub/g");
	file_after = stat_of("times/sub/g");
	dir_after = stat_of("times/sub");
	tap_check(ts_cmp(file_after.st_ctim, file_before.st_ctim) > 0 &&
			  ts_cmp(file_after.st_mtim, file_before.st_mtim) == 0,
		  "times: rename moves the file's ctime, not its mtime");
	tap_check(ts_cmp(dir_after.st_mtim, dir_before.st_mtim) > 0,
		  "times: rename moves the new directory's mtime");
	let_time_pass();
	dir = opendir("times/sub");
	while (dir && readdir(dir))
		;
	if (dir)
		closedir(dir);
	dir_before = dir_after;
	dir_after = stat_of("times/sub");
	tap_check(ts_cmp(dir_after.st_atim, dir_before.st_atim) > 0,
		  "times: listing a directory changed since it was last read moves its atime");
	let_time_pass();
	unlink("times/sub/g");
	dir_before = dir_after;
	dir_after = stat_of("times/sub");
	tap_check(ts_cmp(dir_after.st_mtim, dir_before.st_mtim) > 0 &&
			  ts_cmp(dir_after.st_ctim, dir_before.st_ctim) > 0,
		  "times: unlink moves the directory's mtime and ctime");
	rmdir("times/sub");
}

static int is_time(struct timespec t, time_t sec, long nsec)
{
	return t.tv_sec == sec && t.tv_nsec == nsec;
}

/* Whether t is the wall clock's time now, within a second. */
static int is_now(struct timespec t)
{
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	return t.tv_sec >= now.tv_sec - 1 && t.tv_sec <= now.tv_sec;
}

/* utimensat and futimens set times given, now, or leave one (UTIME_OMIT); ctime is now. */
static void test_utimensat_sets(void)
{
	struct timespec both[2] = {{1000000000, 123}, {1100000000, 456}};
	struct timespec mtime_only[2] = {{0, UTIME_OMIT}, {1200000000, 0}};
	struct timespec mtime_now[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
	struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
	struct stat st, before;
	int fd;

	write_text("times/u", O_TRUNC, "u");
	tap_check(utimensat(AT_FDCWD, "times/u", both, 0) == 0 && stat("times/u", &st) == 0 &&
			  is_time(st.st_atim, 1000000000, 123) &&
			  is_time(st.st_mtim, 1100000000, 456) && is_now(st.st_ctim),
		  "utimensat: sets atime and mtime to the nanosecond, and ctime to now");
	tap_check(utimensat(AT_FDCWD, "times/u", mtime_only, 0) == 0 && stat("times/u", &st) == 0 &&
			  is_time(st.st_atim, 1000000000, 123) && is_time(st.st_mtim, 1200000000, 0),
		  "utimensat: UTIME_OMIT leaves atime as it was");
	tap_check(utimensat(AT_FDCWD, "times/u", mtime_now, 0) == 0 && stat("times/u", &st) == 0 &&
			  is_time(st.st_atim, 1000000000, 123) && is_now(st.st_mtim),
		  "utimensat: UTIME_NOW sets mtime to now");
	utimensat(AT_FDCWD, "times/u", both, 0);
	tap_check(utimensat(AT_FDCWD, "times/u", NULL, 0) == 0 && stat("times/u", &st) == 0 &&
			  is_now(st.st_atim) && is_now(st.st_mtim),
		  "utimensat: NULL times set both to now");
	stat("times/u", &before);
	let_time_pass();
	tap_check(utimensat(AT_FDCWD, "times/u", omit, 0) == 0 && stat("times/u", &st) == 0 &&
			  ts_cmp(st.st_ctim, before.st_ctim) == 0,
		  "utimensat: both UTIME_OMIT changes nothing, not even ctime");
	tap_check(utimensat(AT_FDCWD, "times/none", omit, 0) == 0,
		  "utimensat: both UTIME_OMIT succeeds without looking at the path");
	fd = open("times/u", O_RDONLY);
	tap_check(futimens(fd, both) == 0 && fstat(fd, &st) == 0 &&
			  is_time(st.st_mtim, 1100000000, 456),
		  "futimens: sets the times of an open file, even one open read-only");
	close(fd);
	fd = open("times", O_RDONLY | O_DIRECTORY);
	tap_check(utimensat(fd, "u", both, 0) == 0 &&
			  utimensat(fd, "", mtime_only, AT_EMPTY_PATH) == 0 &&
			  stat("times", &st) == 0 && is_time(st.st_mtim, 1200000000, 0),
		  "utimensat: a path from a directory descriptor; AT_EMPTY_PATH is the descriptor");
	close(fd);
}

static void test_utimensat_errors(void *bad)
{
	struct timespec big[2] = {{0, 1000000000}, {0, 0}};
	struct timespec negative[2] = {{0, 0}, {0, -1}};
	struct timespec zero[2] = {{0, 0}, {0, 0}};
	int fd = open("times/u", O_RDONLY);

	tap_check(utimensat(AT_FDCWD, "times/u", big, 0) == -1 && errno == EINVAL,
		  "utimensat: a tv_nsec of 1000000000 is EINVAL");
	tap_check(utimensat(AT_FDCWD, "times/u", negative, 0) == -1 && errno == EINVAL,
		  "utimensat: a negative tv_nsec is EINVAL");
	tap_check(utimensat(AT_FDCWD, "times/none", big, 0) == -1 && errno == ENOENT,
		  "utimensat: a missing file is ENOENT, looked up before the times are checked");
	tap_check(utimensat(AT_FDCWD, "times/u", zero, 0x4) == -1 && errno == EINVAL,
		  "utimensat: an unknown flag is EINVAL");
	tap_check(utimensat(AT_FDCWD, "times/u", bad, 0) == -1 && errno == EFAULT,
		  "utimensat: a bad times pointer is EFAULT");
	tap_check(utimensat(AT_FDCWD, bad, zero, 0) == -1 && errno == EFAULT,
		  "utimensat: a bad path is EFAULT");
	tap_check(utimensat(AT_FDCWD, NULL, zero, 0) == -1 && errno == EFAULT,
		  "utimensat: no path with AT_FDCWD is EFAULT");
	tap_check(utimensat(fd, NULL, zero, AT_SYMLINK_NOFOLLOW) == -1 && errno == EINVAL,
		  "futimens: a descriptor with a flag is EINVAL");
	tap_check(utimensat(AT_FDCWD, "", zero, 0) == -1 && errno == ENOENT,
		  "utimensat: an empty path without AT_EMPTY_PATH is ENOENT");
	close(fd);
	tap_check(futimens(fd, zero) == -1 && errno == EBADF, "futimens: a closed descriptor is EBADF");
}

static struct timespec explicit_times[2] = {{1000000000, 0}, {1000000000, 0}};

/* As user 1000: explicit times on root's file are EPERM, "now" on one it may not write EACCES. */
static void utimensat_as_other_user(void)
{
	setuid(1000);
	if (utimensat(AT_FDCWD, "times/u", explicit_times, 0) != -1 || errno != EPERM)
		_exit(1);
	_exit(utimensat(AT_FDCWD, "times/u", NULL, 0) == -1 && errno == EACCES ? 0 : 2);
}

#define EXIT_NOT_OWNER 3 /* the file user 1000 made is not its own */

/* As user 1000, on a file it makes (in a directory anyone may write): both kinds work. */
static void utimensat_as_owner(void)
{
	struct stat st;
	int fd;

	setuid(1000);
	fd = open("times/open/mine", O_WRONLY | O_CREAT, 0644);
	if (fd < 0 || fstat(fd, &st) != 0)
		_exit(1);
	if (st.st_uid != 1000)
		_exit(EXIT_NOT_OWNER);
	_exit(futimens(fd, explicit_times) == 0 && futimens(fd, NULL) == 0 ? 0 : 2);
}

static void test_utimensat_permission(void)
{
	mode_t old_umask = umask(0);
	int status;

	mkdir("times/open", 0777);
	umask(old_umask);
	if (geteuid() != 0) {
		tap_skip("utimensat: who may set times, as another user", "not root");
		tap_skip("utimensat: the owner sets explicit times and now", "not root");
		rmdir("times/open");
		return;
	}
	status = in_child(utimensat_as_other_user);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "utimensat: another user may not set explicit times (EPERM), nor now without "
		  "write permission (EACCES)");
	status = in_child(utimensat_as_owner);
	if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NOT_OWNER)
		tap_skip("utimensat: the owner sets explicit times and now",
			 "a new file is not owned by the user who made it");
	else
		tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			  "utimensat: the owner sets explicit times and now");
	unlink("times/open/mine");
	rmdir("times/open");
}

/* The older calls over utimensat: utime() in seconds, utimes() and futimes() in microseconds. */
static void test_utime_utimes(void)
{
	struct utimbuf seconds = {.actime = 1000000000, .modtime = 1000000001};
	struct timeval micro[2] = {{1100000000, 5}, {1100000001, 999999}};
	struct timeval bad_usec[2] = {{0, 1000000}, {0, 0}};
	struct stat st;
	int fd;

	tap_check(utime("times/u", &seconds) == 0 && stat("times/u", &st) == 0 &&
			  is_time(st.st_atim, 1000000000, 0) && is_time(st.st_mtim, 1000000001, 0),
		  "utime: sets atime and mtime in seconds");
	tap_check(utimes("times/u", micro) == 0 && stat("times/u", &st) == 0 &&
			  is_time(st.st_atim, 1100000000, 5000) &&
			  is_time(st.st_mtim, 1100000001, 999999000),
		  "utimes: sets atime and mtime in microseconds");
	tap_check(utimes("times/u", bad_usec) == -1 && errno == EINVAL,
		  "utimes: a million microseconds is EINVAL");
	fd = open("times/u", O_RDONLY);
	tap_check(futimes(fd, NULL) == 0 && fstat(fd, &st) == 0 && is_now(st.st_mtim),
		  "futimes: NULL sets the open file's times to now");
	close(fd);
}

static void test_file_times(void *bad)
{
	test_times_of_new_file();
	test_times_of_read_write();
	test_times_of_truncate();
	test_times_of_names();
	test_utimensat_sets();
	test_utimensat_errors(bad);
	test_utimensat_permission();
	test_utime_utimes();
	unlink("times/u");
	rmdir("times");
}

static void test_writes_are_whole(void)
{
	int fd = open("whole", O_CREAT | O_TRUNC | O_WRONLY, 0644);

	tap_check(fd >= 0 && two_writers(fd, "whole") && blocks_whole("whole"),
		  "write: two processes sharing an open file never interleave within a write");
	close(fd);
	unlink("whole");
	close(open("whole", O_CREAT | O_TRUNC | O_WRONLY, 0644));
	tap_check(two_writers(-1, "whole") && blocks_whole("whole"),
		  "write: O_APPEND writers through opens of their own never interleave");
	unlink("whole");
}

/* ---- mounts ---- */

static void mount_as_user(void)
{
	setuid(1000);
	if (mount("none", "mnt", "ramfs", 0, NULL) != -1 || errno != EPERM)
		_exit(1);
	_exit(umount("/") == -1 && errno == EPERM ? 0 : 2);
}

static void test_mount_busy(void)
{
	int fd = open("mnt/f", O_WRONLY | O_CREAT, 0644);
	char path[sizeof(fs_dir) + 8];

	tap_check(fd >= 0 && umount("mnt") == -1 && errno == EBUSY,
		  "umount: a file open in the mount is EBUSY");
	tap_check(rename("mnt/f", "g") == -1 && errno == EXDEV, "rename: across mounts is EXDEV");
	close(fd);
	unlink("mnt/f");
	snprintf(path, sizeof(path), "%s/mnt", fs_dir);
	chdir("mnt");
	tap_check(umount(path) == -1 && errno == EBUSY,
		  "umount: a working directory inside is EBUSY");
	chdir(fs_dir);
	mkdir("mnt/inner", 0755);
	mount("none", "mnt/inner", "ramfs", 0, NULL);
	tap_check(umount("mnt") == -1 && errno == EBUSY, "umount: a mount below it is EBUSY");
	umount("mnt/inner");
	rmdir("mnt/inner");
}

static void test_mount(void)
{
	int status;

	mkdir("mnt", 0755);
	write_text("file", O_TRUNC, "");
	status = in_child(mount_as_user);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "mount, umount: an ordinary user gets EPERM");
	if (geteuid() != 0) {
		tap_skip("mount: the checks that need root", "not root");
		unlink("file");
		rmdir("mnt");
		return;
	}
	tap_check(mount("none", "mnt", "ramfs", 0, NULL) == 0 && write_text("mnt/x", 0, "x") == 0,
		  "mount: a ramfs on a directory, and a file in it");
	tap_check(exists("mnt/x") && unlink("mnt/x") == 0, "mount: the path walk enters it");
	test_mount_busy();
	tap_check(umount("mnt") == 0, "umount: an idle mount goes");
	tap_check(umount("mnt") == -1 && errno == EINVAL,
		  "umount: a directory that is no mount is EINVAL");
	tap_check(mount("none", "mnt", "nosuchfs", 0, NULL) == -1 && errno == ENODEV,
		  "mount: an unknown type is ENODEV");
	tap_check(mount("none", "file", "ramfs", 0, NULL) == -1 && errno == ENOTDIR,
		  "mount: on a file is ENOTDIR");
	tap_check(mount("none", "none/x", "ramfs", 0, NULL) == -1 && errno == ENOENT,
		  "mount: on a missing directory is ENOENT");
	unlink("file");
	rmdir("mnt");
}

/* ---- procfs, devfs, the kernel log ---- */

/* The value of "key:\tvalue" in /proc/PID/status (pid 0: self), or -1. */
static long status_field(int pid, const char *key, char *text, size_t size)
{
	char path[32];
	char *at;

	if (pid)
		snprintf(path, sizeof(path), "/proc/%d/status", pid);
	else
		snprintf(path, sizeof(path), "/proc/self/status");
	if (read_text(path, text, size) < 0)
		return -1;
	at = strstr(text, key);
	return at ? atol(at + strlen(key)) : -1;
}

/* The other half of test_proc_cmdline: "usertests cmdline-check one 'two words'". */
static int cmdline_check(int argc, char **argv)
{
	char want[256], got[256];
	size_t len = 0;
	ssize_t n;

	for (int i = 0; i < argc; i++) {
		strcpy(want + len, argv[i]);
		len += strlen(argv[i]) + 1;
	}
	n = read_text("/proc/self/cmdline", got, sizeof(got));
	return n == (ssize_t)len && memcmp(want, got, len) == 0 ? 0 : 1;
}

static void test_proc_self(const char *self)
{
	char text[1024];
	char *argv[] = {NULL, "cmdline-check", "one", "two words", NULL};
	int status;

	tap_check(status_field(0, "\nPid:", text, sizeof(text)) == getpid() &&
		      status_field(0, "\nPPid:", text, sizeof(text)) == getppid(),
		  "procfs: /proc/self/status gives the caller's Pid and PPid");
	tap_check(strncmp(text, "Name:\t", 6) == 0 && strstr(text, "\nState:\tR (running)\n") &&
		      strstr(text, "\nUid:\t"),
		  "procfs: status has Name, State and Uid lines as on Linux");
	status = run_self(self, argv);
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "procfs: /proc/self/cmdline is the argv of execve, NUL-separated");
}

/* Whether /proc lists pid. */
static int proc_lists(int pid)
{
	char name[16];
	struct dirent *d;
	DIR *dir = opendir("/proc");
	int found = 0;

	snprintf(name, sizeof(name), "%d", pid);
	while (dir && (d = readdir(dir)))
		found |= strcmp(d->d_name, name) == 0;
	if (dir)
		closedir(dir);
	return found;
}

static void test_proc_child(void)
{
	struct timespec pause_10ms = {0, 10 * 1000 * 1000};
	char text[1024], byte, path[32];
	int fds[2], status;
	struct stat st;
	pid_t pid;

	pipe(fds);
	pid = fork();
	if (pid == 0) {
		close(fds[1]);
		read(fds[0], &byte, 1);
		_exit(0);
	}
	close(fds[0]);
	for (int i = 0; i < 100; i++) {
		if (status_field(pid, "\nPPid:", text, sizeof(text)) == getpid() &&
		    strstr(text, "\nState:\tS (sleeping)\n"))
			break;
		nanosleep(&pause_10ms, NULL);
	}
	tap_check(strstr(text, "\nState:\tS (sleeping)\n") &&
		      status_field(pid, "\nPPid:", text, sizeof(text)) == getpid(),
		  "procfs: a child blocked on a pipe shows State S and its parent's pid");
	tap_check(proc_lists(pid), "procfs: readdir of /proc lists the child's pid");
	close(fds[1]);
	waitpid(pid, &status, 0);
	snprintf(path, sizeof(path), "/proc/%d", (int)pid);
	tap_check(stat(path, &st) == -1 && errno == ENOENT && !proc_lists(pid),
		  "procfs: a reaped child's directory is gone");
}

/* Corral refuses to open a procfs file for writing; Linux lets root open it, not write it. */
static int procfs_write_fails(const char *name)
{
	int fd = open(name, O_WRONLY);
	int failed;

	if (fd < 0)
		return errno == EACCES;
	failed = write(fd, "1", 1) == -1;
	close(fd);
	return failed;
}

static void test_proc_files(void)
{
	char text[4096], *end;
	double up;

	tap_check(read_text("/proc/mounts", text, sizeof(text)) > 0 &&
		      strstr(text, " /proc proc ") && strstr(text, " / "),
		  "procfs: /proc/mounts lists / and /proc, Linux's format");
	tap_check(read_text("/proc/meminfo", text, sizeof(text)) > 0 &&
		      strncmp(text, "MemTotal:", 9) == 0 && strstr(text, "\nMemFree:"),
		  "procfs: /proc/meminfo starts with MemTotal and has MemFree");
	tap_check(read_text("/proc/uptime", text, sizeof(text)) > 0 &&
		      (up = strtod(text, &end)) > 0 && *end == ' ' && strtod(end, &end) >= 0 &&
		      *end == '\n',
		  "procfs: /proc/uptime is two numbers, the first the seconds since boot");
	tap_check(procfs_write_fails("/proc/uptime"), "procfs: /proc/uptime cannot be written");
}

static void test_dev(void)
{
	struct stat st;
	char buf[4] = {1, 1, 1, 1};
	int fd = open("/dev/zero", O_RDONLY);

	tap_check(stat("/dev/null", &st) == 0 && S_ISCHR(st.st_mode) && st.st_rdev == 0x103,
		  "devfs: /dev/null is character device 1, 3");
	tap_check(read(fd, buf, 4) == 4 && memcmp(buf, "\0\0\0\0", 4) == 0,
		  "devfs: /dev/zero reads zeros");
	close(fd);
	tap_check(stat("/dev/console", &st) == 0 && st.st_rdev == 0x501,
		  "devfs: /dev/console is character device 5, 1");
}

static void test_syslog(void *bad)
{
	char buf[64];
	long size = syscall(SYS_syslog, 10, NULL, 0);
	long n = syscall(SYS_syslog, 3, buf, (int)sizeof(buf));

	tap_check(size > 0, "syslog: SIZE_BUFFER gives the size of the kernel log");
	tap_check(n >= 0 && n <= (long)sizeof(buf) && (n > 0 || !on_corral()),
		  "syslog: READ_ALL gives the newest bytes, at most the buffer's size");
	tap_check(syscall(SYS_syslog, 3, buf, -1) == -1 && errno == EINVAL,
		  "syslog: READ_ALL with a negative length is EINVAL");
	if (n > 0)
		tap_check(syscall(SYS_syslog, 3, bad, 64) == -1 && errno == EFAULT,
			  "syslog: READ_ALL into a bad buffer is EFAULT");
	else
		tap_skip("syslog: READ_ALL into a bad buffer is EFAULT", "the log is empty");
}

static void test_files(const char *self)
{
	if (enter_fs_dir() != 0) {
		tap_check(0, "files: a scratch directory can be made");
		return;
	}
	test_open_flags();
	test_fcntl_dupfd();
	test_close_on_exec(self);
	test_rename();
	test_truncate();
	test_file_times(opaque_address(1));
	test_writes_are_whole();
	test_mount();
	leave_fs_dir();
	test_proc_self(self);
	test_proc_child();
	test_proc_files();
	test_dev();
	test_syslog(opaque_address(0x1000));
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
	test_exec_scripts(self);
	test_malloc_16mib();
	test_mmap_anonymous();
	test_munmap_then_touch();
	test_mmap_fixed_replaces();
	test_munmap_everything();
	test_munmap_far_apart();
	test_mmap_fixed_far_apart();
	test_area_limit();
	test_out_of_memory();
	test_faults_kill_only_the_child();
	test_signal_handler();
	test_signal_blocked();
	test_kill_child();
	test_nanosleep();
	test_nanosleep_huge();
	test_nanosleep_huge_interrupted();
	test_nanosleep_invalid();
	test_nanosleep_zero();
	test_clock_monotonic();
	test_wall_clock();
	test_wall_clock_calls(opaque_address(1));
	test_cpu_time(opaque_address(1));
	test_sysinfo();
	test_user_database();
	test_printf_formats();
	test_strerror();
	test_unknown_syscall();
	test_bad_pointers();
	test_files(self);
	test_small_leaks(self);
}

/*
 * This program's path, made absolute: the checks change directory and then run it again.
 * From a shell argv[0] may be a bare name, found through PATH in /bin.
 */
static void absolute_self(const char *argv0, char *self, size_t size)
{
	char cwd[256];

	if (argv0[0] == '/')
		snprintf(self, size, "%s", argv0);
	else if (strchr(argv0, '/') && getcwd(cwd, sizeof(cwd)))
		snprintf(self, size, "%s/%s", strcmp(cwd, "/") == 0 ? "" : cwd, argv0);
	else
		snprintf(self, size, "/bin/%s", argv0);
}

/*
 * A first round of the suite, its output thrown away, before free memory is measured: what
 * the kernel makes once and keeps (the page tables of the kernel-stack area, a spare slab
 * per kmalloc class) is then already made, and the measured round shows only what it leaks.
 */
static void warm_up(const char *self)
{
	int null = open("/dev/null", O_WRONLY), status = -1;
	pid_t pid;

	if (null < 0)
		return;
	pid = fork();
	if (pid == 0) {
		dup2(null, 1);
		run_suite(self);
		_exit(tap_failures ? 1 : 0);
	}
	close(null);
	waitpid(pid, &status, 0);
	printf("# warm-up round (output discarded): %s\n",
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "all passed" : "not all passed");
	fflush(stdout);
}

/* Run the suite in a child; its checks' counts come back through the pipe fds. */
static int measured_round(const char *self, int fds[2], int counts[2])
{
	int latest[2], status = -1;
	pid_t pid = fork();

	if (pid == 0) {
		close(fds[0]);
		report_fd = fds[1];
		tap_after_line = report_counts;
		run_suite(self);
		_exit(0);
	}
	close(fds[1]);
	while (read(fds[0], latest, sizeof(latest)) == sizeof(latest))
		memcpy(counts, latest, 2 * sizeof(int));
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/*
 * The suite runs in a child, so that the parent can check afterwards that every page the
 * child used came back.  After each check the child reports how many it has run, and how
 * many failed, through a pipe, so the parent's own checks continue the numbering even if
 * the child dies half-way.  Free memory is read with no pipe, no child, and stdout's buffer
 * made, both times: like is compared with like.
 */
int main(int argc, char **argv)
{
	int counts[2] = {0, 0}, fds[2], status;
	char self[512];
	long before;

	if (getenv("CORRAL_SHOW_ARGS"))
		return show_args(argc, argv);
	if (argc > 1 && strcmp(argv[1], "echo-args") == 0)
		return echo_args(argc, argv);
	if (argc > 3 && strcmp(argv[1], "fd-check") == 0)
		return fd_check(argv);
	if (argc > 1 && strcmp(argv[1], "cmdline-check") == 0)
		return cmdline_check(argc, argv);

	absolute_self(argv[0], self, sizeof(self));
	printf("# usertests, pid %d, %s\n", (int)getpid(), self);
	fflush(stdout);
	if (on_corral())
		warm_up(self);
	before = tap_free_memory();
	if (pipe(fds) != 0) {
		printf("not ok 1 - usertests: pipe() for the suite's report works\n1..1\n");
		return 1;
	}
	status = measured_round(self, fds, counts);
	tap_checks = counts[0];
	tap_failures = counts[1];
	tap_check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && counts[0] > 0,
		  "usertests: the suite ran to its end");
	if (on_corral()) {
		long after = tap_free_memory_settled(before);

		printf("# free memory: %ld before the suite, %ld after\n", before, after);
		tap_check(after == before, "leak: free memory after the suite equals before");
	} else {
		tap_skip("leak: free memory after the suite equals before", "not Corral");
	}
	printf("usertests: %d of %d passed\n", tap_checks - tap_failures, tap_checks);
	return tap_done();
}
