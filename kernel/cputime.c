/*
 * The CPU time of processes, as times(2), getrusage(2), wait4(2) and the CPU-time clocks report
 * it (kernel/sys_time.c, kernel/exit.c).
 *
 * Time is sampled, as Linux does without precise accounting: every timer tick (TIMER_HZ a
 * second) charges one tick to the process it interrupted, to its user time if the tick came
 * in user mode, else to its system time (arch_frame_user_mode() tells the timer).  A process
 * that runs for less than a tick between ticks may be charged nothing, one that the tick often
 * catches more than it ran: over many ticks it evens out.  Ticks on an idle CPU or in a kernel
 * thread are charged to nobody.
 *
 * Only the CPU running a process writes its counts, in the timer interrupt, so no lock is
 * taken; readers use READ_ONCE.  When a parent reaps a child, wait4 adds the child's time, and
 * that of the child's own reaped children, to the parent's children_cpu, as on Linux.
 */
#include <kernel/proc.h>
#include <kernel/resource.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <lib/compiler.h>

void proc_account_tick(struct proc *p, bool user_mode)
{
	if (user_mode)
		WRITE_ONCE(p->cpu.user, p->cpu.user + 1);
	else
		WRITE_ONCE(p->cpu.system, p->cpu.system + 1);
}

struct cpu_times proc_cpu_times(struct proc *p)
{
	return (struct cpu_times){ READ_ONCE(p->cpu.user), READ_ONCE(p->cpu.system) };
}

struct cpu_times proc_cpu_times_with_children(struct proc *p)
{
	struct cpu_times own = proc_cpu_times(p);

	return (struct cpu_times){ own.user + READ_ONCE(p->children_cpu.user),
				   own.system + READ_ONCE(p->children_cpu.system) };
}

static struct timeval64 ticks_to_timeval(uint64_t ticks)
{
	return (struct timeval64){ .tv_sec = (int64_t)(ticks / TIMER_HZ),
				   .tv_usec =
				       (int64_t)(ticks % TIMER_HZ * (TICK_NS / NSEC_PER_USEC)) };
}

int rusage_copy_out(uint64_t urusage, struct cpu_times times)
{
	struct rusage_user usage = {
		.ru_utime = ticks_to_timeval(times.user),
		.ru_stime = ticks_to_timeval(times.system),
	};

	return copy_to_user(urusage, &usage, sizeof(usage));
}
