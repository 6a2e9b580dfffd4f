/*
 * The scheduler: one global run queue served round robin, preemption by the timer, timed
 * sleep, and each CPU's idle task (the design is in include/kernel/task.h).
 *
 * Every switch goes through switch_to_next(), called with runqueue_lock held and interrupts
 * off; the lock stays held across arch_switch_to() and the task switched to releases it
 * (finish_switch()).  So the state of a task and its place on a CPU change together: when
 * another CPU sees a task SLEEPING or ZOMBIE under the lock, the task is off its stack.
 *
 * Preemption: the timer tick counts down the running task's slice and sets need_resched;
 * the interrupt's way out (sched_irq_exit(), after the end of interrupt) then switches, unless
 * the interrupted code holds a spinlock.  The interrupted task's registers stay in its trap
 * frame on its own stack, and it resumes there when next chosen.
 *
 * Several CPUs: all serve the one run queue, each with its own idle task.  A task made
 * runnable while this CPU is busy and another idles gets that CPU a reschedule IPI
 * (kick_idle_cpu()), which ends its halt.  docs/locking.md has the design and its cost.
 */
#include <kernel/container.h>
#include <kernel/cpu.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <kernel/mm.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <arch/smp.h>
#include <arch/switch.h>

/*
 * Protects every task's state and run_link, the run queue, the sleep list and the count of
 * preemptions.  Innermost: taken after any other lock, and nothing is taken while it is held.
 * Always taken with interrupts off (the tick takes it).
 */
struct spinlock runqueue_lock = SPINLOCK_INIT("runqueue");

static LIST_HEAD(run_queue);  /* RUNNABLE tasks, in the order they will run */
static LIST_HEAD(sleep_list); /* tasks in a timed sleep, by wake_at, soonest first */
static uint64_t preemptions;

/* Task 0: the boot CPU's idle task, on the boot stack. */
static struct task boot_idle_task = {
	.pid = 0,
	.name = "idle0",
	.state = TASK_RUNNING,
	.run_link = LIST_HEAD_INIT(boot_idle_task.run_link),
};

/* Put task at the back of the run queue; caller holds runqueue_lock. */
static void enqueue(struct task *task)
{
	assert_spin_locked(&runqueue_lock);
	task->state = TASK_RUNNABLE;
	list_add_tail(&task->run_link, &run_queue);
}

/* Queue a task that starts or wakes: at the back, or at the front if it is urgent. */
static void enqueue_waking(struct task *task)
{
	if (!READ_ONCE(task->urgent)) {
		enqueue(task);
		return;
	}
	assert_spin_locked(&runqueue_lock);
	task->state = TASK_RUNNABLE;
	list_add(&task->run_link, &run_queue);
}

/*
 * A task was just queued: make sure a CPU it may run on comes for it.  This CPU, if idle and
 * allowed, switches on its way out of the interrupt or in sched_idle(); else the first other
 * idle CPU in the task's cpus_allowed gets a reschedule IPI, which ends its halt.  Caller holds
 * runqueue_lock (so each CPU's current is stable).
 */
static __hotpath void kick_idle_cpu(struct task *task)
{
	struct cpu *self = this_cpu();
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	assert_spin_locked(&runqueue_lock);
	if (self->current == self->idle && task_may_run_on(task, self->id)) {
		self->need_resched = true;
		return;
	}
	for (unsigned int i = 0; i < n; i++) {
		struct cpu *cpu = &cpus[i];

		if (cpu != self && cpu->idle && cpu->current == cpu->idle &&
		    task_may_run_on(task, cpu->id)) {
			smp_send_resched(cpu);
			return;
		}
	}
}

/*
 * Take the first task off the run queue that may run on cpu, or cpu's idle task if there is
 * none.  A task confined to other CPUs (cpuset, sched_setaffinity) is passed over: it waits
 * for one of its own.
 */
static struct task *dequeue(struct cpu *cpu)
{
	struct task *task;

	assert_spin_locked(&runqueue_lock);
	list_for_each_entry(task, &run_queue, run_link) {
		if (task_may_run_on(task, cpu->id)) {
			list_del_init(&task->run_link);
			return task;
		}
	}
	return cpu->idle;
}

/*
 * Switch this CPU to the next task.  Caller holds runqueue_lock with interrupts off and has
 * set current's state: still TASK_RUNNING means it goes to the back of the run queue.  Returns
 * in the current task once it runs again, the lock held: the task switched away from, or NULL
 * if current simply goes on.  The caller passes that to finish_switch().
 */
static __hotpath struct task *switch_to_next(void)
{
	struct cpu *cpu = this_cpu();
	struct task *prev = cpu->current;
	struct task *next;

	assert_spin_locked(&runqueue_lock);
	if (prev->state == TASK_RUNNING && prev != cpu->idle) {
		enqueue(prev);
		if (!task_may_run_on(prev, cpu->id)) /* its CPUs changed: it moves */
			kick_idle_cpu(prev);
	}
	next = dequeue(cpu);
	cpu->need_resched = false;
	next->state = TASK_RUNNING;
	next->slice_left = SCHED_SLICE_TICKS;
	if (next == prev)
		return NULL;
	tracepoint(TRACE_SWITCH, next->pid, trace_pack_name8(next->name)); /* as prev */
	cpu->current = next;
	proc_switch(prev, next);
	return arch_switch_to(&prev->saved_sp, next->saved_sp, prev);
}

/*
 * The first thing a task does when a switch returns into it: release runqueue_lock, which the
 * previous task switched with, and hand that task to its reaper if it exited.  Interrupts
 * stay off.
 */
static __hotpath void finish_switch(struct task *prev)
{
	bool exited = prev && prev->state == TASK_ZOMBIE;
	bool detached = exited && prev->detached;

	spin_unlock(&runqueue_lock);
	if (exited)
		task_exited(prev, detached);
}

/* Panic if this CPU holds any spinlock but runqueue_lock, or runs its idle task. */
static __hotpath void check_may_switch_away(void)
{
	struct cpu *cpu = this_cpu();

	if (cpu->locks_held != 1)
		panic("task %d (%s) sleeps holding %u spinlock(s)", cpu->current->pid,
		      cpu->current->name, cpu->locks_held - 1);
	if (cpu->rcu_nesting)
		panic("task %d (%s) sleeps inside an RCU read section", cpu->current->pid,
		      cpu->current->name);
	if (cpu->current == cpu->idle)
		panic("the idle task of cpu %u tried to sleep", cpu->id);
}

void might_sleep(void)
{
	struct cpu *cpu = this_cpu();

	if (cpu->locks_held)
		panic("%pS may sleep but holds %u spinlock(s)", __builtin_return_address(0),
		      cpu->locks_held);
	if (cpu->rcu_nesting)
		panic("%pS may sleep but is inside an RCU read section",
		      __builtin_return_address(0));
	if (cpu->current && cpu->current == cpu->idle)
		panic("%pS may sleep but runs in the idle task", __builtin_return_address(0));
}

__hotpath void schedule(void)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);

	finish_switch(switch_to_next());
	arch_irq_restore(flags);
}

__hotpath void yield(void)
{
	schedule();
}

/*
 * Whether an interruptible sleep should not begin: a signal is pending.  Checked under
 * runqueue_lock, which signal_send()'s task_wake() takes after setting the signal pending,
 * so a signal either is seen here or finds the task asleep and wakes it.
 */
static bool sleep_interrupted(struct task *self)
{
	return self->interruptible && signal_pending(self);
}

__hotpath void sched_sleep_releasing(struct spinlock *lock_a, struct spinlock *lock_b)
{
	struct task *self = this_cpu()->current;

	BUG_ON(arch_irq_enabled());
	spin_lock(&runqueue_lock);
	if (sleep_interrupted(self)) {
		spin_unlock(&runqueue_lock);
		spin_unlock(lock_a);
		if (lock_b)
			spin_unlock(lock_b);
		return;
	}
	self->state = TASK_SLEEPING;
	spin_unlock(lock_a);
	if (lock_b)
		spin_unlock(lock_b);
	check_may_switch_away();
	finish_switch(switch_to_next());
}

__hotpath void task_wake(struct task *task)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);

	if (task->state == TASK_SLEEPING) {
		tracepoint(TRACE_WAKEUP, task->pid, trace_pack_name8(task->name));
		list_del_init(&task->run_link); /* off the sleep list, if it was on it */
		enqueue_waking(task);
		kick_idle_cpu(task);
	}
	spin_unlock_irqrestore(&runqueue_lock, flags);
}

/* Insert task into the sleep list, kept in order of wake_at; caller holds runqueue_lock. */
static void sleep_list_insert(struct task *task)
{
	struct list_head *pos;

	assert_spin_locked(&runqueue_lock);
	for (pos = sleep_list.next; pos != &sleep_list; pos = pos->next) {
		if (list_entry(pos, struct task, run_link)->wake_at > task->wake_at)
			break;
	}
	list_insert_between(&task->run_link, pos->prev, pos);
}

void task_sleep_until(uint64_t deadline)
{
	unsigned long flags;
	struct task *self;

	might_sleep();
	flags = spin_lock_irqsave(&runqueue_lock);
	self = this_cpu()->current;
	if (jiffies >= deadline || sleep_interrupted(self)) {
		spin_unlock_irqrestore(&runqueue_lock, flags);
		return;
	}
	self->wake_at = deadline;
	sleep_list_insert(self);
	self->state = TASK_SLEEPING;
	check_may_switch_away();
	finish_switch(switch_to_next());
	arch_irq_restore(flags);
}

/*
 * Sleep whole ticks, one more than ns needs since the current tick is partly over; then check
 * the clock itself, which is finer than the tick, and sleep again if it is still early.
 */
void sleep_ns(uint64_t ns)
{
	uint64_t end = ns_add(clock_monotonic_ns(), ns);
	uint64_t now;

	while ((now = clock_monotonic_ns()) < end)
		task_sleep_until(jiffies_after_ns(end - now));
}

/* Move timed sleepers whose time has come to the run queue; caller holds runqueue_lock. */
static void wake_timed_sleepers(void)
{
	struct task *task;

	assert_spin_locked(&runqueue_lock);
	while (!list_empty(&sleep_list)) {
		task = list_first_entry(&sleep_list, struct task, run_link);
		if (task->wake_at > jiffies)
			break;
		list_del_init(&task->run_link);
		enqueue(task);
		kick_idle_cpu(task);
	}
}

void sched_tick(bool user_mode)
{
	struct cpu *cpu = this_cpu();
	struct task *task = cpu->current;

	if (!task)
		return;
	if (task->proc) {
		uint64_t now = clock_monotonic_ns();

		proc_account_tick(task->proc, user_mode);
		container_charge(task->proc, now - task->exec_start);
		task->exec_start = now;
	}
	spin_lock(&runqueue_lock);
	if (cpu->id == 0)
		wake_timed_sleepers();
	if (task == cpu->idle) {
		if (!list_empty(&run_queue))
			cpu->need_resched = true;
	} else if (task->slice_left > 0 && --task->slice_left == 0) {
		cpu->need_resched = true;
	}
	spin_unlock(&runqueue_lock);
}

void sched_irq_exit(void)
{
	struct cpu *cpu = this_cpu();

	if (!cpu->need_resched || !cpu->current || cpu->locks_held || cpu->rcu_nesting)
		return;
	spin_lock(&runqueue_lock);
	if (cpu->current != cpu->idle)
		preemptions++;
	finish_switch(switch_to_next());
}

void sched_preempt_if_due(void)
{
	struct cpu *cpu = this_cpu();

	if (!READ_ONCE(cpu->need_resched) || !cpu->current || cpu->current == cpu->idle ||
	    cpu->locks_held || cpu->rcu_nesting || !arch_irq_enabled())
		return;
	arch_irq_disable();
	spin_lock(&runqueue_lock);
	preemptions++;
	finish_switch(switch_to_next());
	arch_irq_enable();
}

uint64_t sched_preemption_count(void)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);
	uint64_t count = preemptions;

	spin_unlock_irqrestore(&runqueue_lock, flags);
	return count;
}

/* Where a new task begins, called by the trampoline of arch_task_stack_init(). */
static __attribute__((noreturn)) void task_entry(void *prev)
{
	struct task *self;

	finish_switch(prev);
	arch_irq_enable();
	self = current_task();
	task_exit(self->fn(self->arg));
}

void sched_start_task(struct task *task)
{
	unsigned long flags;

	task->saved_sp = arch_task_stack_init((char *)task->stack + KSTACK_SIZE, task_entry);
	INIT_LIST_HEAD(&task->run_link);
	flags = spin_lock_irqsave(&runqueue_lock);
	enqueue_waking(task);
	kick_idle_cpu(task);
	spin_unlock_irqrestore(&runqueue_lock, flags);
}

void task_exit(int status)
{
	struct task *self;

	might_sleep();
	arch_irq_disable();
	spin_lock(&runqueue_lock);
	self = this_cpu()->current;
	self->exit_status = status;
	self->state = TASK_ZOMBIE;
	switch_to_next();
	panic("task %d (%s) ran after it exited", self->pid, self->name);
}

bool task_has_exited(struct task *task)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);
	bool exited = task->state == TASK_ZOMBIE;

	spin_unlock_irqrestore(&runqueue_lock, flags);
	return exited;
}

void kthread_detach(struct task *task)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);
	bool exited = task->state == TASK_ZOMBIE;

	task->detached = true;
	spin_unlock_irqrestore(&runqueue_lock, flags);
	if (exited)
		task_exited(task, true);
}

/*
 * Halt only if no switch is due: a task woken by the idle task itself (in finish_switch())
 * must not wait for the next interrupt.  Interrupts go off for the check, and sti; hlt turns
 * them on atomically, so one arriving in between still ends the halt.
 */
void sched_idle(void)
{
	for (;;) {
		schedule();
		arch_irq_disable();
		if (this_cpu()->need_resched)
			arch_irq_enable();
		else
			arch_wait_for_interrupt();
	}
}

void sched_init(void)
{
	bool were_enabled = arch_irq_save();
	struct cpu *cpu = this_cpu();

	cpu->idle = &boot_idle_task;
	cpu->current = &boot_idle_task;
	arch_irq_restore(were_enabled);
	pr_info("sched: task 0 (%s) is cpu %u's idle task; time slice %d ms\n", boot_idle_task.name,
		cpu->id, SCHED_SLICE_TICKS * 1000 / TIMER_HZ);
}

struct task *sched_create_idle(unsigned int cpu_id)
{
	struct task *idle = kzalloc(sizeof(*idle));

	if (!idle)
		return NULL;
	idle->stack = kstack_alloc();
	if (!idle->stack) {
		kfree(idle);
		return NULL;
	}
	snprintf(idle->name, sizeof(idle->name), "idle%u", cpu_id);
	idle->state = TASK_RUNNING;
	INIT_LIST_HEAD(&idle->run_link);
	return idle;
}

void sched_init_cpu(struct task *idle)
{
	struct cpu *cpu = this_cpu();
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);

	cpu->idle = idle;
	cpu->current = idle;
	spin_unlock_irqrestore(&runqueue_lock, flags);
}

/* The CPU task is running on, or NULL; runqueue_lock held. */
static struct cpu *task_cpu_of_running(struct task *task)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	for (unsigned int i = 0; i < n; i++) {
		if (cpus[i].current == task)
			return &cpus[i];
	}
	return NULL;
}

void task_set_cpus_allowed(struct task *task, uint64_t mask)
{
	unsigned long flags = spin_lock_irqsave(&runqueue_lock);

	WRITE_ONCE(task->cpus_allowed, mask);
	if (task->state == TASK_RUNNING) {
		struct cpu *cpu = task_cpu_of_running(task);

		if (cpu && !task_may_run_on(task, cpu->id)) {
			if (cpu == this_cpu())
				cpu->need_resched = true;
			else
				smp_send_resched(cpu);
		}
	} else if (task->state == TASK_RUNNABLE) {
		kick_idle_cpu(task);
	}
	spin_unlock_irqrestore(&runqueue_lock, flags);
}
