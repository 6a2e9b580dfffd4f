/*
 * System calls: the handlers the dispatcher (kernel/syscall.c) calls, one per Linux x86_64
 * system-call number it implements, and the hooks processes have into the file layer.
 *
 * A handler takes the call's arguments as C parameters, in the order Linux documents
 * (user pointers as uint64_t, to be passed to copy_from_user() and friends, never
 * dereferenced), and returns a result or a negative errno.  Handlers that need the caller's
 * registers (fork, execve, rt_sigreturn) find them with task_user_frame(current_task()).
 * docs/syscalls.md says how to add one.
 */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include <stddef.h>
#include <stdint.h>
#include <kernel/types.h>

struct proc;
struct trap_frame;

/*
 * Called by the machine's system-call entry with the caller's registers: runs the call they
 * ask for and stores its result in them (<arch/user.h> says where each is).
 */
void syscall_dispatch(struct trap_frame *frame);

/* ---- processes: kernel/proc.c, fork.c, exec.c, exit.c ---- */
long sys_getpid(void);
long sys_getppid(void);
long sys_fork(void);
long sys_execve(uint64_t path, uint64_t argv, uint64_t envp);
long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(int pid, uint64_t status, int options, uint64_t rusage);

/* ---- user and group ids, the umask: kernel/cred.c ---- */
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_setuid(uid_t uid);
long sys_setgid(gid_t gid);
long sys_setreuid(uid_t ruid, uid_t euid);
long sys_setregid(gid_t rgid, gid_t egid);
long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid);
long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid);
long sys_getresuid(uint64_t ruid, uint64_t euid, uint64_t suid);
long sys_getresgid(uint64_t rgid, uint64_t egid, uint64_t sgid);
long sys_getgroups(int size, uint64_t list);
long sys_setgroups(int size, uint64_t list);
long sys_umask(int mask);

/* ---- process groups and sessions: kernel/pgrp.c ---- */
long sys_setpgid(int pid, int pgid);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setsid(void);
long sys_getsid(int pid);

/* ---- signals: kernel/signal.c ---- */
long sys_rt_sigaction(int sig, uint64_t act, uint64_t oldact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, uint64_t set, uint64_t oldset, size_t sigsetsize);
long sys_rt_sigpending(uint64_t set, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_kill(int pid, int sig);
long sys_pause(void);
long sys_rt_sigsuspend(uint64_t mask, size_t sigsetsize);

/* ---- memory: kernel/mm/mman.c ---- */
long sys_brk(uint64_t brk);
long sys_mmap(uint64_t addr, uint64_t len, int prot, int flags, int fd, int64_t offset);
long sys_munmap(uint64_t addr, uint64_t len);

/* ---- time: kernel/sys_time.c ---- */
long sys_nanosleep(uint64_t req, uint64_t rem);
long sys_clock_gettime(int clock, uint64_t tp);
long sys_clock_getres(int clock, uint64_t res);
long sys_gettimeofday(uint64_t tv, uint64_t tz);
long sys_time(uint64_t tloc);
long sys_times(uint64_t buf);
long sys_getrusage(int who, uint64_t usage);

/* ---- resource limits: kernel/rlimit.c ---- */
long sys_getrlimit(unsigned int resource, uint64_t rlim);
long sys_setrlimit(unsigned int resource, uint64_t rlim);
long sys_prlimit64(int pid, unsigned int resource, uint64_t new_rlim, uint64_t old_rlim);

/* ---- scheduling, the machine: kernel/sys_misc.c, kernel/sys_cpu.c ---- */
long sys_sched_yield(void);
long sys_sched_getaffinity(int pid, size_t size, uint64_t mask);
long sys_sched_setaffinity(int pid, size_t size, uint64_t mask);
long sys_getcpu(uint64_t cpu, uint64_t node, uint64_t unused);
long sys_uname(uint64_t buf);
long sys_sysinfo(uint64_t info);
long sys_reboot(int magic1, int magic2, unsigned int cmd, uint64_t arg);
long sys_arch_prctl(int code, uint64_t addr);
long sys_syslog(int type, uint64_t buf, int len);

/* ---- files: kernel/sys_file.c, over the VFS ---- */
long sys_read(int fd, uint64_t buf, size_t count);
long sys_write(int fd, uint64_t buf, size_t count);
long sys_open(uint64_t path, int flags, int mode);
long sys_openat(int dirfd, uint64_t path, int flags, int mode);
long sys_close(int fd);
long sys_stat(uint64_t path, uint64_t statbuf);
long sys_fstat(int fd, uint64_t statbuf);
long sys_lstat(uint64_t path, uint64_t statbuf);
long sys_lseek(int fd, int64_t offset, int whence);
long sys_ioctl(int fd, unsigned int cmd, uint64_t arg);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_fcntl(int fd, int cmd, uint64_t arg);
long sys_getcwd(uint64_t buf, size_t size);
long sys_chdir(uint64_t path);
long sys_mkdir(uint64_t path, int mode);
long sys_rmdir(uint64_t path);
long sys_unlink(uint64_t path);
long sys_getdents64(int fd, uint64_t dirp, size_t count);
long sys_rename(uint64_t oldpath, uint64_t newpath);
long sys_renameat(int olddirfd, uint64_t oldpath, int newdirfd, uint64_t newpath);
long sys_truncate(uint64_t path, int64_t length);
long sys_ftruncate(int fd, int64_t length);
long sys_mknod(uint64_t path, int mode, unsigned int dev);
long sys_mknodat(int dirfd, uint64_t path, int mode, unsigned int dev);
long sys_chmod(uint64_t path, int mode);
long sys_fchmod(int fd, int mode);
long sys_fchmodat(int dirfd, uint64_t path, int mode);
long sys_chown(uint64_t path, uid_t uid, gid_t gid);
long sys_fchown(int fd, uid_t uid, gid_t gid);
long sys_lchown(uint64_t path, uid_t uid, gid_t gid);
long sys_fchownat(int dirfd, uint64_t path, uid_t uid, gid_t gid, int flags);
long sys_access(uint64_t path, int mode);
long sys_faccessat(int dirfd, uint64_t path, int mode);
long sys_faccessat2(int dirfd, uint64_t path, int mode, int flags);
long sys_utimensat(int dirfd, uint64_t path, uint64_t times, int flags);
long sys_mount(uint64_t source, uint64_t target, uint64_t fstype, unsigned long flags,
	       uint64_t data);
long sys_umount2(uint64_t target, int flags);

#endif
