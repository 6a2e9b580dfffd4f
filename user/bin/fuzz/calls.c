/*
 * The system calls the fuzzer makes: every call of the kernel's table (kernel/syscall.c), each
 * with a maker that chooses its arguments (values.c) and makes it.
 *
 * Left out, or held back, because they would end the run rather than test the kernel:
 *   - exit and exit_group: only in a child that the batch forked (is_child), as its end;
 *   - reboot: only with a wrong magic number (EINVAL) or as a user (EPERM);
 *   - kill: only this process, its own children, its own process group and pids that do
 *     not exist; never -1, 0 outside its own group, 1, or another worker;
 *   - execve: anything with bad pointers or missing files, but a real program only in a
 *     child, and only /bin/true;
 *   - the calls that change credentials drop root only in a child, since the batch needs
 *     root for the container mode;
 *   - umount2 and mount: only on this worker's own directory and the fuzz hierarchy, never
 *     on /, /proc, /dev or /tmp; a path that changes anything is a scratch path;
 *   - open with a path outside the scratch directory is read-only and never truncates;
 *   - brk never below the break the program had (newlib's heap); munmap and mmap(MAP_FIXED)
 *     never of the program's own memory (hits_own_memory() in values.c).
 * Blocking is allowed (pause, sigsuspend, a read of an empty pipe, a long nanosleep): the
 * worker's watchdog kills a batch that stops making progress.
 */
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "fuzz.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- descriptors and files ---- */

static long make_read(struct fuzzer *f)
{
	int fd = any_fd(f);
	uint64_t buf = any_pointer(f), len = any_length(f);
	long r = SYS(SYS_read, fd, buf, len, 0, 0, 0);

	if (r > 0 && is_kernel_or_bad(buf))
		f->counts.kernel_pointer_accepted++;
	return r;
}

static long make_write(struct fuzzer *f)
{
	int fd = any_fd(f);
	uint64_t buf = any_pointer(f), len = any_length(f);
	long r;

	if (fd >= 0 && fd <= 2) /* /dev/null in a batch, but never the console */
		fd = -1;
	r = SYS(SYS_write, fd, buf, len, 0, 0, 0);
	if (r > 0 && is_kernel_or_bad(buf))
		f->counts.kernel_pointer_accepted++;
	return r;
}

/* Flags for an open of a scratch path: anything, but a batch does not wait for a FIFO. */
static uint64_t open_flags(struct fuzzer *f)
{
	return any_flags(f) | (f->is_child ? 0 : O_NONBLOCK);
}

/* Flags for an open of a path outside the scratch directory: no creating, no truncating. */
static int read_only_flags(struct fuzzer *f)
{
	return (int)(open_flags(f) & ~(O_ACCMODE | O_CREAT | O_TRUNC | O_EXCL | O_APPEND));
}

static long make_open(struct fuzzer *f)
{
	long r;

	if (rng_one_in(&f->rng, 2))
		r = SYS(SYS_open, path_to_change(f), open_flags(f), any_flags(f), 0, 0, 0);
	else
		r = SYS(SYS_open, path_to_read(f), read_only_flags(f), 0, 0, 0, 0);
	remember_fd(f, r);
	return r;
}

static long make_openat(struct fuzzer *f)
{
	int dirfd = rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f);
	long r;

	if (rng_one_in(&f->rng, 2))
		r = SYS(SYS_openat, dirfd, path_to_change(f), open_flags(f), any_flags(f), 0, 0);
	else
		r = SYS(SYS_openat, dirfd, path_to_read(f), read_only_flags(f), 0, 0, 0);
	remember_fd(f, r);
	return r;
}

static long make_close(struct fuzzer *f)
{
	return SYS(SYS_close, any_fd(f), 0, 0, 0, 0, 0);
}

static long make_stat(struct fuzzer *f)
{
	return SYS(SYS_stat, path_to_read(f), any_pointer(f), 0, 0, 0, 0);
}

static long make_fstat(struct fuzzer *f)
{
	return SYS(SYS_fstat, any_fd(f), any_pointer(f), 0, 0, 0, 0);
}

static long make_lstat(struct fuzzer *f)
{
	return SYS(SYS_lstat, path_to_read(f), any_pointer(f), 0, 0, 0, 0);
}

static long make_lseek(struct fuzzer *f)
{
	return SYS(SYS_lseek, any_fd(f), any_length(f), rng_below(&f->rng, 6) - 1, 0, 0, 0);
}

static long make_ioctl(struct fuzzer *f)
{
	static const unsigned int cmds[] = { 0x5401, 0x5402, 0x5403, 0x5404, 0x540f, 0x5410,
					     0x5413, 0x5414, 0x541b, 0x5421, 0x5429, 0 };
	unsigned int cmd = rng_one_in(&f->rng, 4) ? (unsigned int)rng_next(&f->rng)
						  : cmds[rng_below(&f->rng, COUNT(cmds))];

	return SYS(SYS_ioctl, any_fd(f), cmd, any_pointer(f), 0, 0, 0);
}

static long make_access(struct fuzzer *f)
{
	return SYS(SYS_access, path_to_read(f), any_flags(f) & (rng_one_in(&f->rng, 2) ? 7 : ~0ULL),
		   0, 0, 0, 0);
}

static long make_pipe(struct fuzzer *f)
{
	int *fds = random_buffer(f, 8);
	uint64_t where = rng_one_in(&f->rng, 3) ? bad_pointer(f) : (uint64_t)(uintptr_t)fds;
	long r = SYS(SYS_pipe, where, 0, 0, 0, 0, 0);

	if (r == 0 && where == (uint64_t)(uintptr_t)fds && f->is_child) {
		remember_fd(f, fds[0]);
		remember_fd(f, fds[1]);
	} else if (r == 0 && where == (uint64_t)(uintptr_t)fds) { /* would block the batch */
		SYS(SYS_close, fds[0], 0, 0, 0, 0, 0);
		SYS(SYS_close, fds[1], 0, 0, 0, 0, 0);
	}
	return r;
}

static long make_pipe2(struct fuzzer *f)
{
	int *fds = random_buffer(f, 8);
	uint64_t where = rng_one_in(&f->rng, 3) ? bad_pointer(f) : (uint64_t)(uintptr_t)fds;
	uint64_t flags = rng_one_in(&f->rng, 2) ? (O_NONBLOCK | O_CLOEXEC) : any_flags(f);

	if (!f->is_child) /* a blocking pipe of its own would stop the batch */
		flags |= O_NONBLOCK;
	long r = SYS(SYS_pipe2, where, flags, 0, 0, 0, 0);

	if (r == 0 && where == (uint64_t)(uintptr_t)fds) {
		remember_fd(f, fds[0]);
		remember_fd(f, fds[1]);
	}
	return r;
}

static long make_dup(struct fuzzer *f)
{
	long r = SYS(SYS_dup, any_fd(f), 0, 0, 0, 0, 0);

	remember_fd(f, r);
	return r;
}

static long make_dup2(struct fuzzer *f)
{
	int newfd = any_fd(f);
	long r;

	if (newfd >= 0 && newfd <= 2)
		newfd = 3;
	r = SYS(SYS_dup2, any_fd(f), newfd, 0, 0, 0, 0);
	remember_fd(f, r);
	return r;
}

static long make_fcntl(struct fuzzer *f)
{
	static const int cmds[] = { 0, 1, 2, 3, 4, 5, 6, 7, 1030, 1024, 1025, 8, 9, -1 };
	int cmd = cmds[rng_below(&f->rng, COUNT(cmds))];
	uint64_t arg = cmd == 0 || cmd == 1030 ? rng_below(&f->rng, 70) : any_flags(f);
	long r;

	if (cmd >= 5 && cmd <= 7)
		arg = any_pointer(f);
	r = SYS(SYS_fcntl, any_fd(f), cmd, arg, 0, 0, 0);
	if (cmd == 0 || cmd == 1030)
		remember_fd(f, r);
	return r;
}

static long make_getdents64(struct fuzzer *f)
{
	return SYS(SYS_getdents64, any_fd(f), any_pointer(f), any_length(f), 0, 0, 0);
}

static long make_truncate(struct fuzzer *f)
{
	return SYS(SYS_truncate, path_to_change(f), any_length(f) & 0xfffffffffULL, 0, 0, 0, 0);
}

static long make_ftruncate(struct fuzzer *f)
{
	uint64_t len = rng_one_in(&f->rng, 3) ? any_length(f) : rng_below(&f->rng, 70000);

	return SYS(SYS_ftruncate, any_fd(f), len, 0, 0, 0, 0);
}

/* ---- names in the tree ---- */

static long make_getcwd(struct fuzzer *f)
{
	return SYS(SYS_getcwd, any_pointer(f), any_length(f), 0, 0, 0, 0);
}

static long make_chdir(struct fuzzer *f)
{
	return SYS(SYS_chdir, path_to_read(f), 0, 0, 0, 0, 0);
}

static long make_rename(struct fuzzer *f)
{
	return SYS(SYS_rename, path_to_change(f), path_to_change(f), 0, 0, 0, 0);
}

static long make_renameat(struct fuzzer *f)
{
	return SYS(SYS_renameat, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_change(f),
		   rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_change(f), 0, 0);
}

static long make_mkdir(struct fuzzer *f)
{
	return SYS(SYS_mkdir, path_to_change(f), any_flags(f), 0, 0, 0, 0);
}

static long make_rmdir(struct fuzzer *f)
{
	return SYS(SYS_rmdir, path_to_change(f), 0, 0, 0, 0, 0);
}

static long make_unlink(struct fuzzer *f)
{
	return SYS(SYS_unlink, path_to_change(f), 0, 0, 0, 0, 0);
}

static long make_mknod(struct fuzzer *f)
{
	static const unsigned int modes[] = { 0010644, 0100600, 0020666, 0060600, 0140777, 0 };
	unsigned int mode = rng_one_in(&f->rng, 3) ? (unsigned int)any_flags(f)
						   : modes[rng_below(&f->rng, COUNT(modes))];

	return SYS(SYS_mknod, path_to_change(f), mode, any_flags(f), 0, 0, 0);
}

static long make_mknodat(struct fuzzer *f)
{
	return SYS(SYS_mknodat, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_change(f),
		   any_flags(f), any_flags(f), 0, 0);
}

static long make_chmod(struct fuzzer *f)
{
	return SYS(SYS_chmod, path_to_change(f), any_flags(f), 0, 0, 0, 0);
}

static long make_fchmod(struct fuzzer *f)
{
	return SYS(SYS_fchmod, any_fd(f), any_flags(f), 0, 0, 0, 0);
}

static long make_fchmodat(struct fuzzer *f)
{
	return SYS(SYS_fchmodat, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_change(f),
		   any_flags(f), 0, 0, 0);
}

static long make_chown(struct fuzzer *f)
{
	return SYS(SYS_chown, path_to_change(f), any_id(f), any_id(f), 0, 0, 0);
}

static long make_fchown(struct fuzzer *f)
{
	return SYS(SYS_fchown, any_fd(f), any_id(f), any_id(f), 0, 0, 0);
}

static long make_lchown(struct fuzzer *f)
{
	return SYS(SYS_lchown, path_to_change(f), any_id(f), any_id(f), 0, 0, 0);
}

static long make_fchownat(struct fuzzer *f)
{
	return SYS(SYS_fchownat, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_change(f),
		   any_id(f), any_id(f), any_flags(f), 0);
}

static long make_faccessat(struct fuzzer *f)
{
	return SYS(SYS_faccessat, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_read(f),
		   any_flags(f) & 7, 0, 0, 0);
}

static long make_faccessat2(struct fuzzer *f)
{
	return SYS(439, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f), path_to_read(f),
		   any_flags(f) & 7, any_flags(f), 0, 0);
}

static long make_utimensat(struct fuzzer *f)
{
	long *times = random_buffer(f, 32);
	uint64_t where = (uint64_t)(uintptr_t)times;

	if (rng_one_in(&f->rng, 2)) { /* valid-looking: UTIME_NOW, UTIME_OMIT, or a nanosecond */
		times[1] = rng_one_in(&f->rng, 2) ? (1L << 30) - 1 : (long)rng_below(&f->rng, 1e9);
		times[3] = (1L << 30) - 2;
	}
	if (rng_one_in(&f->rng, 4))
		where = rng_one_in(&f->rng, 2) ? 0 : bad_pointer(f);
	return SYS(SYS_utimensat, rng_one_in(&f->rng, 2) ? AT_FDCWD : any_fd(f),
		   rng_one_in(&f->rng, 5) ? 0 : path_to_change(f), where, any_flags(f) & 0x1100, 0,
		   0);
}

static long make_umask(struct fuzzer *f)
{
	return SYS(SYS_umask, any_flags(f), 0, 0, 0, 0, 0);
}

/* ---- memory ---- */

/* An address where munmap or mmap(MAP_FIXED) of len bytes harms nothing of the program. */
static uint64_t own_free_address(struct fuzzer *f, uint64_t *len)
{
	uint64_t addr = FUZZ_MAP_LOW + (rng_below(&f->rng, 16) << 12);

	if (hits_own_memory(addr, *len))
		*len = 1ULL << 40;
	return addr;
}

static long make_mmap(struct fuzzer *f)
{
	uint64_t addr = rng_one_in(&f->rng, 2) ? 0 : bad_pointer(f);
	uint64_t len = any_length(f), prot = any_flags(f) & (rng_one_in(&f->rng, 2) ? 7 : ~0ULL);
	uint64_t flags = rng_one_in(&f->rng, 2) ? (MAP_PRIVATE | MAP_ANONYMOUS) : any_flags(f);
	long r;

	if (rng_one_in(&f->rng, 3))
		flags |= MAP_FIXED;
	if ((flags & MAP_FIXED) && hits_own_memory(addr, len))
		addr = own_free_address(f, &len);
	r = SYS(SYS_mmap, addr, len, prot, flags, any_fd(f),
		rng_one_in(&f->rng, 2) ? 0 : any_length(f));
	if (r > 0 && rng_one_in(&f->rng, 2))
		SYS(SYS_munmap, r, len, 0, 0, 0, 0);
	return r;
}

static long make_munmap(struct fuzzer *f)
{
	uint64_t addr = bad_pointer(f), len = any_length(f);

	if (rng_one_in(&f->rng, 3) || hits_own_memory(addr, len))
		addr = own_free_address(f, &len);
	return SYS(SYS_munmap, addr, len, 0, 0, 0, 0);
}

static long make_brk(struct fuzzer *f)
{
	long now = SYS(SYS_brk, 0, 0, 0, 0, 0, 0);

	if (rng_one_in(&f->rng, 3))
		return SYS(SYS_brk, bad_pointer(f), 0, 0, 0, 0, 0);
	return SYS(SYS_brk, now + (long)rng_below(&f->rng, 1 << 22), 0, 0, 0, 0, 0);
}

/* ---- signals ---- */

static long make_rt_sigaction(struct fuzzer *f)
{
	uint64_t *act = random_buffer(f, 32);
	int sig = any_signal(f);

	if (rng_one_in(&f->rng, 2))
		act[0] = rng_below(&f->rng, 2); /* SIG_DFL or SIG_IGN */
	return SYS(SYS_rt_sigaction, sig, rng_one_in(&f->rng, 4) ? bad_pointer(f) : (uint64_t)act,
		   any_pointer(f), rng_one_in(&f->rng, 4) ? any_length(f) : 8, 0, 0);
}

static long make_rt_sigprocmask(struct fuzzer *f)
{
	random_buffer(f, 16);
	return SYS(SYS_rt_sigprocmask, rng_below(&f->rng, 5) - 1, any_pointer(f), any_pointer(f),
		   rng_one_in(&f->rng, 4) ? any_length(f) : 8, 0, 0);
}

static long make_rt_sigpending(struct fuzzer *f)
{
	return SYS(SYS_rt_sigpending, any_pointer(f), rng_one_in(&f->rng, 4) ? any_length(f) : 8,
		   0, 0, 0, 0);
}

static long make_rt_sigsuspend(struct fuzzer *f)
{
	uint64_t *mask = random_buffer(f, 8);

	if (!f->is_child || rng_below(&f->rng, 4) != 0) /* mostly the calls that fail at once */
		return SYS(SYS_rt_sigsuspend, unreadable_pointer(f), 8, 0, 0, 0, 0);
	*mask = 0;
	return SYS(SYS_rt_sigsuspend, mask, rng_one_in(&f->rng, 2) ? 8 : any_length(f), 0, 0, 0,
		   0);
}

static long make_pause(struct fuzzer *f)
{
	if (!f->is_child) /* the batch would wait for its watchdog: a child stands in */
		return SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
	return SYS(SYS_pause, 0, 0, 0, 0, 0, 0);
}

/* A pid this process may send a signal to: itself, its children, its group, nobody. */
static int own_pid(struct fuzzer *f)
{
	static const int nobody[] = { 99999, 0x7fffffff, -99999 };
	uint64_t r = rng_below(&f->rng, 4);

	if (r == 0)
		return (int)SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
	if (r == 1 && f->children[rng_below(&f->rng, MAX_CHILDREN)])
		return f->children[rng_below(&f->rng, MAX_CHILDREN)];
	if (r == 2 && !f->is_child)
		return -(int)SYS(SYS_getpgid, 0, 0, 0, 0, 0, 0);
	return nobody[rng_below(&f->rng, COUNT(nobody))];
}

static long make_kill(struct fuzzer *f)
{
	int pid = own_pid(f), sig = any_signal(f);

	if (pid == 0 || pid == -1 || pid == 1)
		pid = 99999;
	/* Mostly, let the batch live on: stops and deaths of its own are for its children. */
	if (!f->is_child && pid == SYS(SYS_getpid, 0, 0, 0, 0, 0, 0) && rng_below(&f->rng, 8))
		sig = 0;
	if (!f->is_child && sig >= SIGSTOP && sig <= SIGTTOU)
		sig = SIGCONT;
	return SYS(SYS_kill, pid, sig, 0, 0, 0, 0);
}

/* ---- processes ---- */

static long make_getpid(struct fuzzer *f)
{
	static const int nrs[] = { SYS_getpid, SYS_getppid, SYS_getuid, SYS_geteuid, SYS_getgid,
				   SYS_getegid, SYS_getpgrp, SYS_sched_yield };

	return SYS(nrs[rng_below(&f->rng, COUNT(nrs))], 0, 0, 0, 0, 0, 0);
}

/* A child's short life: a few calls of its own, then an exit (or a kill by the batch). */
static void child_life(struct fuzzer *f)
{
	long ignored;

	f->is_child = 1;
	for (int i = 0; i < MAX_CHILDREN; i++)
		f->children[i] = 0;
	for (int i = (int)rng_below(&f->rng, 16); i > 0; i--)
		fuzz_one(f, &ignored);
	report_counts(f);
	SYS(rng_one_in(&f->rng, 2) ? SYS_exit : SYS_exit_group, rng_next(&f->rng), 0, 0, 0, 0, 0);
}

static long make_fork(struct fuzzer *f)
{
	int slot = -1;
	long r;

	for (int i = 0; i < MAX_CHILDREN; i++)
		if (!f->children[i])
			slot = i;
	if (slot < 0 || f->is_child) {
		reap_children(f, 0);
		return SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
	}
	r = SYS(SYS_fork, 0, 0, 0, 0, 0, 0);
	if (r == 0) {
		f->rng.state ^= 0x5bd1e995ULL * (uint64_t)SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
		child_life(f);
	}
	if (r > 0) {
		f->children[slot] = (pid_t)r;
		report_child(f, (pid_t)r);
	}
	return r;
}

static long make_wait4(struct fuzzer *f)
{
	int pid = rng_one_in(&f->rng, 2) ? -1 : own_pid(f);
	uint64_t options = rng_below(&f->rng, 4) ? 1 /* WNOHANG */ : any_flags(f);

	if (!f->is_child) /* its children may pause for ever */
		options |= 1;
	long r = SYS(SYS_wait4, pid, any_pointer(f), options, any_pointer(f), 0, 0);

	for (int i = 0; r > 0 && i < MAX_CHILDREN; i++)
		if (f->children[i] == r)
			f->children[i] = 0;
	return r;
}

static long make_execve(struct fuzzer *f)
{
	static const char *const argv[] = { "true", "a", NULL };
	static const char *const paths[] = { "/nonexistent", "/proc/meminfo", "/dev/null", "/",
					     "/tmp", "" };

	if (f->is_child && rng_one_in(&f->rng, 4))
		return SYS(SYS_execve, "/bin/true", rng_one_in(&f->rng, 2) ? argv : 0,
			   any_pointer(f), 0, 0, 0);
	if (rng_one_in(&f->rng, 2))
		return SYS(SYS_execve, bad_pointer(f), argv, 0, 0, 0, 0);
	if (rng_one_in(&f->rng, 2)) /* a real program, but argv or envp cannot be read */
		return SYS(SYS_execve, "/bin/true", bad_pointer(f), rng_below(&f->rng, 2) ? 0 : 8,
			   0, 0, 0);
	return SYS(SYS_execve, paths[rng_below(&f->rng, COUNT(paths))], argv, 0, 0, 0, 0);
}

/* In a child, any ids; in the batch, only what leaves it root. */
static int id_for(struct fuzzer *f)
{
	return f->is_child ? any_id(f) : (rng_one_in(&f->rng, 2) ? -1 : 0);
}

static long make_setid(struct fuzzer *f)
{
	static const int one[] = { SYS_setuid, SYS_setgid };
	static const int two[] = { SYS_setreuid, SYS_setregid };
	static const int three[] = { SYS_setresuid, SYS_setresgid };

	switch (rng_below(&f->rng, 3)) {
	case 0:
		return SYS(one[rng_below(&f->rng, 2)], id_for(f), 0, 0, 0, 0, 0);
	case 1:
		return SYS(two[rng_below(&f->rng, 2)], id_for(f), id_for(f), 0, 0, 0, 0);
	default:
		return SYS(three[rng_below(&f->rng, 2)], id_for(f), id_for(f), id_for(f), 0, 0, 0);
	}
}

static long make_getresid(struct fuzzer *f)
{
	return SYS(rng_one_in(&f->rng, 2) ? SYS_getresuid : SYS_getresgid, any_pointer(f),
		   any_pointer(f), any_pointer(f), 0, 0, 0);
}

static long make_getgroups(struct fuzzer *f)
{
	return SYS(SYS_getgroups, rng_one_in(&f->rng, 2) ? (long)rng_below(&f->rng, 40) - 2
							  : (long)any_length(f),
		   any_pointer(f), 0, 0, 0, 0);
}

static long make_setgroups(struct fuzzer *f)
{
	int *groups = random_buffer(f, 128);
	uint64_t size = rng_one_in(&f->rng, 2) ? rng_below(&f->rng, 20) : any_length(f);

	if (!f->is_child)
		groups[0] = 0, size = rng_below(&f->rng, 2); /* root keeps group 0 */
	return SYS(SYS_setgroups, size, rng_one_in(&f->rng, 4) ? bad_pointer(f) : (uint64_t)groups,
		   0, 0, 0, 0);
}

static long make_setpgid(struct fuzzer *f)
{
	int pid = rng_one_in(&f->rng, 2) ? 0 : own_pid(f);

	return SYS(SYS_setpgid, pid < 0 ? -pid : pid, rng_one_in(&f->rng, 2) ? 0 : any_id(f), 0,
		   0, 0, 0);
}

static long make_getpgid(struct fuzzer *f)
{
	return SYS(rng_one_in(&f->rng, 2) ? SYS_getpgid : SYS_getsid, any_id(f), 0, 0, 0, 0, 0);
}

static long make_setsid(struct fuzzer *f)
{
	if (!f->is_child) /* the batch stays in its own group, which kill() may name */
		return SYS(SYS_getsid, 0, 0, 0, 0, 0, 0);
	return SYS(SYS_setsid, 0, 0, 0, 0, 0, 0);
}

/* ---- time, the machine ---- */

static long make_nanosleep(struct fuzzer *f)
{
	long *ts = random_buffer(f, 16);

	if (rng_below(&f->rng, 4) || !f->is_child) { /* long sleeps only in a child */
		ts[0] = 0;
		ts[1] = rng_one_in(&f->rng, 2) ? (long)rng_below(&f->rng, 2000000) : ts[1];
	}
	return SYS(SYS_nanosleep, rng_one_in(&f->rng, 4) ? unreadable_pointer(f) : (uint64_t)ts,
		   any_pointer(f), 0, 0, 0, 0);
}

static long make_clock(struct fuzzer *f)
{
	static const int nrs[] = { SYS_clock_gettime, SYS_clock_getres };
	int clock = rng_one_in(&f->rng, 2) ? (int)rng_below(&f->rng, 12) : (int)any_flags(f);

	return SYS(nrs[rng_below(&f->rng, 2)], clock, any_pointer(f), 0, 0, 0, 0);
}

static long make_time_reads(struct fuzzer *f)
{
	static const int nrs[] = { SYS_gettimeofday, SYS_time, SYS_times, SYS_sysinfo, SYS_uname };

	return SYS(nrs[rng_below(&f->rng, COUNT(nrs))], any_pointer(f), any_pointer(f), 0, 0, 0,
		   0);
}

static long make_getrusage(struct fuzzer *f)
{
	return SYS(SYS_getrusage, (int)rng_below(&f->rng, 5) - 2, any_pointer(f), 0, 0, 0, 0);
}

static long make_affinity(struct fuzzer *f)
{
	uint64_t *mask = random_buffer(f, 16);
	int pid = rng_one_in(&f->rng, 2) ? 0 : own_pid(f);
	uint64_t size = rng_one_in(&f->rng, 2) ? 8 : any_length(f);

	if (rng_one_in(&f->rng, 2))
		return SYS(SYS_sched_getaffinity, pid, size, any_pointer(f), 0, 0, 0);
	if (rng_one_in(&f->rng, 2))
		*mask = 1ULL << rng_below(&f->rng, 4);
	return SYS(SYS_sched_setaffinity, pid, size,
		   rng_one_in(&f->rng, 4) ? bad_pointer(f) : (uint64_t)mask, 0, 0, 0);
}

static long make_getcpu(struct fuzzer *f)
{
	return SYS(SYS_getcpu, any_pointer(f), any_pointer(f), any_pointer(f), 0, 0, 0);
}

static long make_syslog(struct fuzzer *f)
{
	return SYS(SYS_syslog, (int)rng_below(&f->rng, 13) - 1, any_pointer(f),
		   rng_one_in(&f->rng, 2) ? (long)rng_below(&f->rng, 5000) : (long)any_length(f), 0,
		   0, 0);
}

static long make_reboot(struct fuzzer *f)
{
	/* Never the magic numbers: only the refusals. */
	return SYS(SYS_reboot, 0xfee1deadU ^ (1 + rng_below(&f->rng, 255)), 672274793,
		   any_flags(f), any_pointer(f), 0, 0);
}

static long make_arch_prctl(struct fuzzer *f)
{
	static const int codes[] = { 0x1001, 0x1002, 0x1003, 0x1004, 0, -1, 0x3001 };
	int code = codes[rng_below(&f->rng, COUNT(codes))];

	if (!f->is_child && (code == 0x1001 || code == 0x1002)) /* setting FS or GS */
		return SYS(SYS_arch_prctl, code + 2, any_pointer(f), 0, 0, 0, 0);
	return SYS(SYS_arch_prctl, code, any_pointer(f), 0, 0, 0, 0);
}

/*
 * rt_sigreturn with no signal frame: the stack holds random words, with a program counter,
 * flags, segments and a floating-point state pointer chosen to be hostile.  The kernel must
 * return to user mode with none of it trusted (or kill the process); a child only.
 */
static long make_rt_sigreturn(struct fuzzer *f)
{
	static const uint64_t rips[] = { 0, 0x0000800000000000ULL, 0xffffffff80000000ULL,
					 0x00007ffffffff000ULL, 0x8000000000000000ULL, 1 };
	uint64_t *frame;

	if (!f->is_child)
		return SYS(SYS_getpid, 0, 0, 0, 0, 0, 0);
	frame = random_buffer(f, 1024);
	/* frame[0] is the return address a handler pops; the sigcontext starts at frame[6] */
	frame[22] = rips[rng_below(&f->rng, COUNT(rips))]; /* rip */
	if (rng_one_in(&f->rng, 2))
		frame[23] = 0x3000 | 0x100 | 0x40000 | 0x4000 | 0x20000; /* IOPL, TF, AC, NT, VM */
	if (rng_one_in(&f->rng, 2))
		frame[29] = rng_one_in(&f->rng, 2) ? bad_pointer(f) : (uint64_t)(frame + 64);
	__asm__ volatile("mov %0, %%rsp\n\tmov $15, %%eax\n\tsyscall\n\tud2" : : "r"(frame + 1)
			 : "memory");
	return 0;
}

/* ---- mounts ---- */

static long make_umount2(struct fuzzer *f)
{
	static char target[80];

	strcpy(target, f->scratch);
	strcat(target, "/m");
	return SYS(SYS_umount2, rng_one_in(&f->rng, 3) ? path_to_change(f) : (uint64_t)target,
		   rng_one_in(&f->rng, 2) ? 0 : any_flags(f), 0, 0, 0, 0);
}

static long make_unknown(struct fuzzer *f)
{
	static const long nrs[] = { 7, 10, 17, 56, 300, 334, 435, 440, 441, 1000, -1, 0x40000000 };

	return SYS(nrs[rng_below(&f->rng, COUNT(nrs))], any_flags(f), any_flags(f), 0, 0, 0, 0);
}

const struct call calls[] = {
	{ "read", SYS_read, make_read },
	{ "write", SYS_write, make_write },
	{ "open", SYS_open, make_open },
	{ "openat", SYS_openat, make_openat },
	{ "close", SYS_close, make_close },
	{ "stat", SYS_stat, make_stat },
	{ "fstat", SYS_fstat, make_fstat },
	{ "lstat", SYS_lstat, make_lstat },
	{ "lseek", SYS_lseek, make_lseek },
	{ "ioctl", SYS_ioctl, make_ioctl },
	{ "access", SYS_access, make_access },
	{ "pipe", SYS_pipe, make_pipe },
	{ "pipe2", SYS_pipe2, make_pipe2 },
	{ "dup", SYS_dup, make_dup },
	{ "dup2", SYS_dup2, make_dup2 },
	{ "fcntl", SYS_fcntl, make_fcntl },
	{ "getdents64", SYS_getdents64, make_getdents64 },
	{ "truncate", SYS_truncate, make_truncate },
	{ "ftruncate", SYS_ftruncate, make_ftruncate },
	{ "getcwd", SYS_getcwd, make_getcwd },
	{ "chdir", SYS_chdir, make_chdir },
	{ "rename", SYS_rename, make_rename },
	{ "renameat", SYS_renameat, make_renameat },
	{ "mkdir", SYS_mkdir, make_mkdir },
	{ "rmdir", SYS_rmdir, make_rmdir },
	{ "unlink", SYS_unlink, make_unlink },
	{ "mknod", SYS_mknod, make_mknod },
	{ "mknodat", SYS_mknodat, make_mknodat },
	{ "chmod", SYS_chmod, make_chmod },
	{ "fchmod", SYS_fchmod, make_fchmod },
	{ "fchmodat", SYS_fchmodat, make_fchmodat },
	{ "chown", SYS_chown, make_chown },
	{ "fchown", SYS_fchown, make_fchown },
	{ "lchown", SYS_lchown, make_lchown },
	{ "fchownat", SYS_fchownat, make_fchownat },
	{ "faccessat", SYS_faccessat, make_faccessat },
	{ "faccessat2", 439, make_faccessat2 },
	{ "utimensat", SYS_utimensat, make_utimensat },
	{ "umask", SYS_umask, make_umask },
	{ "mmap", SYS_mmap, make_mmap },
	{ "munmap", SYS_munmap, make_munmap },
	{ "brk", SYS_brk, make_brk },
	{ "rt_sigaction", SYS_rt_sigaction, make_rt_sigaction },
	{ "rt_sigprocmask", SYS_rt_sigprocmask, make_rt_sigprocmask },
	{ "rt_sigpending", SYS_rt_sigpending, make_rt_sigpending },
	{ "rt_sigsuspend", SYS_rt_sigsuspend, make_rt_sigsuspend },
	{ "rt_sigreturn", SYS_rt_sigreturn, make_rt_sigreturn },
	{ "pause", SYS_pause, make_pause },
	{ "kill", SYS_kill, make_kill },
	{ "getpid etc.", SYS_getpid, make_getpid },
	{ "fork", SYS_fork, make_fork },
	{ "wait4", SYS_wait4, make_wait4 },
	{ "execve", SYS_execve, make_execve },
	{ "set*id", SYS_setuid, make_setid },
	{ "getres*id", SYS_getresuid, make_getresid },
	{ "getgroups", SYS_getgroups, make_getgroups },
	{ "setgroups", SYS_setgroups, make_setgroups },
	{ "setpgid", SYS_setpgid, make_setpgid },
	{ "getpgid/getsid", SYS_getpgid, make_getpgid },
	{ "setsid", SYS_setsid, make_setsid },
	{ "nanosleep", SYS_nanosleep, make_nanosleep },
	{ "clock_get*", SYS_clock_gettime, make_clock },
	{ "time, sysinfo, uname", SYS_time, make_time_reads },
	{ "getrusage", SYS_getrusage, make_getrusage },
	{ "sched_*affinity", SYS_sched_setaffinity, make_affinity },
	{ "getcpu", SYS_getcpu, make_getcpu },
	{ "syslog", SYS_syslog, make_syslog },
	{ "reboot", SYS_reboot, make_reboot },
	{ "arch_prctl", SYS_arch_prctl, make_arch_prctl },
	{ "umount2", SYS_umount2, make_umount2 },
	{ "mount", SYS_mount, container_mount_call },
	{ "container files", -1, container_call },
	{ "unknown numbers", -1, make_unknown },
};

const int calls_count = COUNT(calls);

/* Kill the batch's children and reap them (wait_all), or reap those that have ended. */
void reap_children(struct fuzzer *f, int wait_all)
{
	for (int i = 0; i < MAX_CHILDREN; i++) {
		if (!f->children[i])
			continue;
		if (wait_all)
			SYS(SYS_kill, f->children[i], SIGKILL, 0, 0, 0, 0);
		if (SYS(SYS_wait4, f->children[i], 0, wait_all ? 0 : 1, 0, 0, 0) != 0)
			f->children[i] = 0;
	}
}

/* The calls of --only, by index in calls[]; none: every call. */
static int chosen[MAX_CALLS];
static int chosen_count;

int choose_calls(const char *list)
{
	char copy[512], *word, *rest;

	if (strlen(list) >= sizeof(copy))
		return -1;
	strcpy(copy, list);
	for (word = strtok_r(copy, ",", &rest); word; word = strtok_r(NULL, ",", &rest)) {
		int found = 0, exact = 0;

		for (int i = 0; i < calls_count; i++)
			exact |= strcmp(calls[i].name, word) == 0;
		for (int i = 0; i < calls_count && chosen_count < MAX_CALLS; i++) {
			if (exact ? strcmp(calls[i].name, word) == 0
				  : strncmp(calls[i].name, word, strlen(word)) == 0) {
				chosen[chosen_count++] = i;
				found = 1;
			}
		}
		if (!found)
			return -1;
	}
	return 0;
}

int fuzz_one(struct fuzzer *f, long *result)
{
	int which = (int)rng_below(&f->rng, (uint64_t)calls_count);

	if (chosen_count)
		which = chosen[rng_below(&f->rng, (uint64_t)chosen_count)];
	/* The container mode's calls come three times as often when it is on. */
	else if (f->containers && rng_one_in(&f->rng, 8))
		which = calls_count - 2;
	*result = calls[which].make(f);
	f->counts.made[which]++;
	if ((unsigned long)*result > -4096UL)
		f->counts.failed[which]++;
	if (*result <= -512 && *result >= -530)
		f->counts.internal_errno_seen++;
	return which;
}
