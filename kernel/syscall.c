/*
 * The system-call dispatcher: the table from Linux x86_64 system-call numbers to handlers.
 *
 * The machine's entry code (arch/x86_64/syscall.S) calls syscall_dispatch() with the caller's
 * registers, interrupts on; <arch/user.h> reads the number and the six arguments out of them
 * and writes the result back.  A number with no entry returns -ENOSYS.  Each handler is
 * declared in <kernel/syscall.h> with its own C parameters; the table stores it as a
 * six-argument function, which the C calling convention makes safe (arguments travel in
 * registers): a handler simply ignores the arguments it does not name.
 */
#include <kernel/errno.h>
#include <kernel/pipe.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/trace.h>
#include <lib/compiler.h>
#include <arch/user.h>

typedef long (*syscall_fn_t)(uint64_t, uint64_t, uint64_t, uint64_t, uint64_t, uint64_t);

#define NR_SYSCALLS	440
#define SYSCALL_FN(fn)	((syscall_fn_t)(void (*)(void))(fn))
#define SYSCALL(nr, fn) [nr] = SYSCALL_FN(fn)

static const syscall_fn_t syscall_table[NR_SYSCALLS] = {
	SYSCALL(0, sys_read),
	SYSCALL(1, sys_write),
	SYSCALL(2, sys_open),
	SYSCALL(3, sys_close),
	SYSCALL(4, sys_stat),
	SYSCALL(5, sys_fstat),
	SYSCALL(6, sys_lstat),
	SYSCALL(8, sys_lseek),
	SYSCALL(9, sys_mmap),
	SYSCALL(11, sys_munmap),
	SYSCALL(12, sys_brk),
	SYSCALL(13, sys_rt_sigaction),
	SYSCALL(14, sys_rt_sigprocmask),
	SYSCALL(15, sys_rt_sigreturn),
	SYSCALL(16, sys_ioctl),
	SYSCALL(21, sys_access),
	SYSCALL(22, sys_pipe),
	SYSCALL(24, sys_sched_yield),
	SYSCALL(32, sys_dup),
	SYSCALL(33, sys_dup2),
	SYSCALL(34, sys_pause),
	SYSCALL(35, sys_nanosleep),
	SYSCALL(39, sys_getpid),
	SYSCALL(57, sys_fork),
	SYSCALL(59, sys_execve),
	SYSCALL(60, sys_exit),
	SYSCALL(61, sys_wait4),
	SYSCALL(62, sys_kill),
	SYSCALL(63, sys_uname),
	SYSCALL(72, sys_fcntl),
	SYSCALL(76, sys_truncate),
	SYSCALL(77, sys_ftruncate),
	SYSCALL(79, sys_getcwd),
	SYSCALL(80, sys_chdir),
	SYSCALL(82, sys_rename),
	SYSCALL(83, sys_mkdir),
	SYSCALL(84, sys_rmdir),
	SYSCALL(87, sys_unlink),
	SYSCALL(90, sys_chmod),
	SYSCALL(91, sys_fchmod),
	SYSCALL(92, sys_chown),
	SYSCALL(93, sys_fchown),
	SYSCALL(94, sys_lchown),
	SYSCALL(95, sys_umask),
	SYSCALL(96, sys_gettimeofday),
	SYSCALL(97, sys_getrlimit),
	SYSCALL(98, sys_getrusage),
	SYSCALL(99, sys_sysinfo),
	SYSCALL(100, sys_times),
	SYSCALL(102, sys_getuid),
	SYSCALL(103, sys_syslog),
	SYSCALL(104, sys_getgid),
	SYSCALL(105, sys_setuid),
	SYSCALL(106, sys_setgid),
	SYSCALL(107, sys_geteuid),
	SYSCALL(108, sys_getegid),
	SYSCALL(109, sys_setpgid),
	SYSCALL(110, sys_getppid),
	SYSCALL(111, sys_getpgrp),
	SYSCALL(112, sys_setsid),
	SYSCALL(113, sys_setreuid),
	SYSCALL(114, sys_setregid),
	SYSCALL(115, sys_getgroups),
	SYSCALL(116, sys_setgroups),
	SYSCALL(117, sys_setresuid),
	SYSCALL(118, sys_getresuid),
	SYSCALL(119, sys_setresgid),
	SYSCALL(120, sys_getresgid),
	SYSCALL(121, sys_getpgid),
	SYSCALL(124, sys_getsid),
	SYSCALL(127, sys_rt_sigpending),
	SYSCALL(130, sys_rt_sigsuspend),
	SYSCALL(133, sys_mknod),
	SYSCALL(158, sys_arch_prctl),
	SYSCALL(160, sys_setrlimit),
	SYSCALL(165, sys_mount),
	SYSCALL(166, sys_umount2),
	SYSCALL(169, sys_reboot),
	SYSCALL(201, sys_time),
	SYSCALL(203, sys_sched_setaffinity),
	SYSCALL(204, sys_sched_getaffinity),
	SYSCALL(217, sys_getdents64),
	SYSCALL(228, sys_clock_gettime),
	SYSCALL(229, sys_clock_getres),
	SYSCALL(231, sys_exit_group),
	SYSCALL(257, sys_openat),
	SYSCALL(259, sys_mknodat),
	SYSCALL(260, sys_fchownat),
	SYSCALL(264, sys_renameat),
	SYSCALL(268, sys_fchmodat),
	SYSCALL(269, sys_faccessat),
	SYSCALL(280, sys_utimensat),
	SYSCALL(293, sys_pipe2),
	SYSCALL(302, sys_prlimit64),
	SYSCALL(309, sys_getcpu),
	SYSCALL(439, sys_faccessat2),
};

/*
 * A handler that a signal interrupted may ask for the call to be made again (ERESTARTSYS,
 * ERESTARTNOHAND); signal.c decides on the way out.  rt_sigreturn's result is no request:
 * it is what the interrupted program's register held, whatever that was.
 */
__hotpath void syscall_dispatch(struct trap_frame *frame)
{
	uint64_t nr = arch_syscall_nr(frame), a[ARCH_SYSCALL_ARGS];
	syscall_fn_t fn = nr < NR_SYSCALLS ? syscall_table[nr] : NULL;
	long ret;

	if (!fn) {
		arch_syscall_set_return(frame, -ENOSYS);
		return;
	}
	arch_syscall_args(frame, a);
	tracepoint(TRACE_SYSCALL_ENTER, nr, a[0]);
	ret = fn(a[0], a[1], a[2], a[3], a[4], a[5]);
	tracepoint(TRACE_SYSCALL_EXIT, nr, ret);
	arch_syscall_set_return(frame, ret);
	if ((ret == -ERESTARTSYS || ret == -ERESTARTNOHAND) && fn != SYSCALL_FN(sys_rt_sigreturn))
		signal_syscall_interrupted((int)nr, ret);
}
