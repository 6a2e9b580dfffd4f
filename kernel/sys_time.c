/*
 * System calls about time: the clocks (clock_gettime, clock_getres, gettimeofday, time), the
 * CPU time of processes (times, getrusage) and sleeping (nanosleep).
 *
 * The clocks are the two of <kernel/time.h>: the monotonic clock, nanoseconds since boot from
 * the TSC, and the wall clock, the RTC's date at boot plus the monotonic clock since
 * (kernel/time.c).  Both read the TSC, so each counts in nanoseconds, the "coarse" ones too,
 * and clock_getres() says 1 ns.  The CPU-time clocks and times() count the timer ticks that
 * kernel/cputime.c charges, so their unit is a tick.  Times go to user space as Linux's
 * x86_64 structures: struct timespec (struct timespec64 here), struct timeval (struct
 * timeval64), struct tms and struct rusage (<kernel/resource.h>).
 */
#include <kernel/clockid.h>
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/resource.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/types.h>
#include <kernel/uaccess.h>
#include <lib/compiler.h>

static struct timespec64 ns_to_timespec(uint64_t ns)
{
	return (struct timespec64){ .tv_sec = (int64_t)(ns / NSEC_PER_SEC),
				    .tv_nsec = (long)(ns % NSEC_PER_SEC) };
}

/* The CPU time the calling process has used, in nanoseconds. */
static uint64_t cpu_time_ns(void)
{
	struct cpu_times used = proc_cpu_times(current_proc());

	return ns_from_units(used.user + used.system, TICK_NS);
}

/*
 * The time clock reads now, in nanoseconds, and its unit: 0, or -EINVAL for a clock Corral
 * does not have.  A process has one thread, so the thread's CPU time is the process's.
 */
static int clock_read_ns(int clock, uint64_t *ns, uint64_t *unit)
{
	*unit = 1;
	switch (clock) {
	case CLOCK_PROCESS_CPUTIME_ID:
	case CLOCK_THREAD_CPUTIME_ID:
		*ns = cpu_time_ns();
		*unit = TICK_NS;
		return 0;
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = clock_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
		*ns = clock_monotonic_ns();
		return 0;
	default:
		return -EINVAL;
	}
}

long sys_clock_gettime(int clock, uint64_t tp)
{
	struct timespec64 ts;
	uint64_t ns, unit;
	int err = clock_read_ns(clock, &ns, &unit);

	if (err)
		return err;
	ts = ns_to_timespec(ns);
	return copy_to_user(tp, &ts, sizeof(ts));
}

/* clock_getres(): the clock's unit (1 ns, or a tick for CPU time); res may be NULL. */
long sys_clock_getres(int clock, uint64_t res)
{
	struct timespec64 ts;
	uint64_t ns, unit;
	int err = clock_read_ns(clock, &ns, &unit);

	if (err)
		return err;
	ts = ns_to_timespec(unit);
	return res ? copy_to_user(res, &ts, sizeof(ts)) : 0;
}

/* gettimeofday(): the wall clock in microseconds; no time zone is kept, so *tz reads as UTC. */
long sys_gettimeofday(uint64_t tv, uint64_t tz)
{
	uint64_t ns = clock_realtime_ns();
	struct timeval64 now = { .tv_sec = (int64_t)(ns / NSEC_PER_SEC),
				 .tv_usec = (int64_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC) };
	struct timezone_user utc = { 0, 0 };

	if (tv && copy_to_user(tv, &now, sizeof(now)))
		return -EFAULT;
	if (tz && copy_to_user(tz, &utc, sizeof(utc)))
		return -EFAULT;
	return 0;
}

/* time(): the wall clock's seconds, also stored at tloc unless it is NULL. */
long sys_time(uint64_t tloc)
{
	int64_t seconds = (int64_t)(clock_realtime_ns() / NSEC_PER_SEC);

	if (tloc && copy_to_user(tloc, &seconds, sizeof(seconds)))
		return -EFAULT;
	return seconds;
}

/* Timer ticks in times()'s clock ticks (USER_HZ a second). */
static int64_t ticks_to_clock_t(uint64_t ticks)
{
	return (int64_t)(ticks * USER_HZ / TIMER_HZ);
}

/*
 * times(): the CPU time of the caller and of its reaped children into *buf (unless NULL), and
 * the clock ticks since boot.
 */
long sys_times(uint64_t buf)
{
	struct proc *self = current_proc();
	struct cpu_times own = proc_cpu_times(self), children = self->children_cpu;
	struct tms_user tms = {
		.tms_utime = ticks_to_clock_t(own.user),
		.tms_stime = ticks_to_clock_t(own.system),
		.tms_cutime = ticks_to_clock_t(children.user),
		.tms_cstime = ticks_to_clock_t(children.system),
	};

	if (buf && copy_to_user(buf, &tms, sizeof(tms)))
		return -EFAULT;
	return (long)(clock_monotonic_ns() / (NSEC_PER_SEC / USER_HZ));
}

/* getrusage(): the CPU time of the caller (or its thread: the same) or of its reaped children. */
long sys_getrusage(int who, uint64_t usage)
{
	struct proc *self = current_proc();

	switch (who) {
	case RUSAGE_SELF:
	case RUSAGE_THREAD:
		return rusage_copy_out(usage, proc_cpu_times(self));
	case RUSAGE_CHILDREN:
		return rusage_copy_out(usage, self->children_cpu);
	default:
		return -EINVAL;
	}
}

/* Sleep until the monotonic clock reaches end, or a signal arrives (-EINTR). */
static int sleep_until_ns(uint64_t end)
{
	struct task *self = current_task();
	uint64_t now;

	while ((now = clock_monotonic_ns()) < end) {
		if (signal_pending(self))
			return -EINTR;
		self->interruptible = true;
		task_sleep_until(jiffies_after_ns(end - now));
		self->interruptible = false;
	}
	return 0;
}

/*
 * nanosleep(): an invalid timespec (tv_sec < 0, tv_nsec outside 0..999999999) is EINVAL, as on
 * Linux.  The end of the sleep saturates at TIME_NS_MAX, about 292 years after boot, so a
 * longer request sleeps until a signal comes, and the time left it reports still fits.
 */
long sys_nanosleep(uint64_t req, uint64_t rem)
{
	struct timespec64 ts;
	uint64_t end;

	if (copy_from_user(&ts, req, sizeof(ts)))
		return -EFAULT;
	if (!timespec_valid(ts.tv_sec, ts.tv_nsec))
		return -EINVAL;
	end = ns_add(clock_monotonic_ns(), timespec_to_ns(ts.tv_sec, ts.tv_nsec));
	if (sleep_until_ns(end) == 0)
		return 0;
	ts = ns_to_timespec(end - MIN(end, clock_monotonic_ns()));
	if (rem && copy_to_user(rem, &ts, sizeof(ts)))
		return -EFAULT;
	return -EINTR;
}
