/*
 * In-kernel benchmarks (see include/kernel/kbench.h).
 *
 * Each figure is the median of ROUNDS rounds, each round timing BATCH operations with the
 * monotonic clock and dividing, so the clock's own cost and one-off delays (an emulated CPU
 * the host did not schedule for a moment) weigh little.  The names carry the CPU count, since
 * a grace period's cost is an IPI round trip to every other CPU.
 *
 * The trace's figures are per event: trace_event, the cost of recording one (the rings are
 * cleared after), and tracepoint_off, of a tracepoint while tracing is off; and two parts of
 * the first, clock_local (its time stamp) and irq_save_restore (interrupts off and on again
 * around it).  Each is timed TRACE_REPEAT to a call so that the clock's own cost weighs little.
 *
 * One figure is not an average: uvm_unmap_batch is the time of a single batch of munmap()'s
 * page-table walk at its fullest (UVM_BATCH_ENTRIES entries, nearly all of them present pages),
 * the longest stretch for which unmapping keeps interrupts off; the median over ROUNDS.
 * Nor are the ping-pongs: each is a mean over many round trips of two kernel threads, the
 * floor under a pipe round trip between two processes (see time_pingpong()).
 */
#include <kernel/cpu.h>
#include <kernel/kbench.h>
#include <kernel/printk.h>
#include <kernel/rcu.h>
#include <kernel/spinlock.h>
#include <kernel/mm.h>
#include <kernel/page.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <kernel/wait.h>
#include <arch/cpu.h>
#include <arch/uvm.h>

#define ROUNDS	     7
#define BATCH	     200
#define TRACE_REPEAT 100

typedef void (*bench_op_t)(void);

static void op_synchronize_rcu(void)
{
	synchronize_rcu();
}

static void op_rcu_read_section(void)
{
	rcu_read_lock();
	rcu_read_unlock();
}

static struct spinlock bench_lock = SPINLOCK_INIT("kbench");

static void op_spin_lock_unlock(void)
{
	unsigned long flags = spin_lock_irqsave(&bench_lock);

	spin_unlock_irqrestore(&bench_lock, flags);
}

static void op_trace_event(void)
{
	for (int i = 0; i < TRACE_REPEAT; i++)
		trace_record(TRACE_NONE, i, 0);
}

static void op_clock_local(void)
{
	for (int i = 0; i < TRACE_REPEAT; i++)
		(void)clock_local_ns();
}

static void op_irq_save_restore(void)
{
	for (int i = 0; i < TRACE_REPEAT; i++)
		arch_irq_restore(arch_irq_save());
}

static void op_tracepoint_off(void)
{
	for (int i = 0; i < TRACE_REPEAT; i++)
		tracepoint(TRACE_NONE, i, 0);
}

/* Sort ROUNDS numbers (insertion sort: seven of them) and return the median. */
static uint64_t median(uint64_t *values)
{
	for (int i = 1; i < ROUNDS; i++) {
		uint64_t v = values[i];
		int j = i;

		for (; j > 0 && values[j - 1] > v; j--)
			values[j] = values[j - 1];
		values[j] = v;
	}
	return values[ROUNDS / 2];
}

/* The nanoseconds one call of op takes: the median over ROUNDS batches. */
static uint64_t time_op(bench_op_t op)
{
	uint64_t per_call[ROUNDS];

	for (int r = 0; r < ROUNDS; r++) {
		uint64_t start = clock_monotonic_ns();

		for (int i = 0; i < BATCH; i++)
			op();
		per_call[r] = (clock_monotonic_ns() - start) / BATCH;
	}
	return median(per_call);
}

/* Tenths of nanoseconds one event of op takes, tracing off (op makes TRACE_REPEAT of them). */
static uint64_t time_trace(bench_op_t op)
{
	bool was_on = READ_ONCE(trace_enabled);
	uint64_t tenths;

	trace_set_enabled(false);
	tenths = time_op(op) * 10 / TRACE_REPEAT;
	trace_set_enabled(was_on);
	trace_clear();
	return tenths;
}

/* A user address space (no one runs it) with one page table full of pages; NULL if no memory. */
static uint64_t *address_space_with_full_table(void)
{
	uint64_t *pml4 = uvm_create(), base = 1UL << 40;

	for (uint64_t i = 0; pml4 && i < 512; i++) {
		uint64_t phys = alloc_user_page();

		if (phys && uvm_map(pml4, base + i * PAGE_SIZE, phys, UVM_WRITE) == 0)
			continue;
		if (phys)
			put_page(phys);
		uvm_destroy(pml4);
		return NULL;
	}
	return pml4;
}

/* One full batch of unmapping, with interrupts off as under mm->lock; 0 if no memory. */
static uint64_t time_unmap_batch_once(void)
{
	uint64_t *pml4 = address_space_with_full_table(), start, ns;
	struct uvm_unmap unmap;
	unsigned long flags;

	if (!pml4)
		return 0;
	uvm_unmap_start(&unmap, 0, USER_TOP);
	flags = spin_lock_irqsave(&bench_lock);
	start = clock_monotonic_ns();
	uvm_unmap_batch(pml4, &unmap);
	ns = clock_monotonic_ns() - start;
	spin_unlock_irqrestore(&bench_lock, flags);
	while (uvm_unmap_batch(pml4, &unmap))
		;
	uvm_unmap_finish(pml4, &unmap);
	uvm_destroy(pml4);
	return ns;
}

static uint64_t time_unmap_batch(void)
{
	uint64_t rounds[ROUNDS];

	for (int r = 0; r < ROUNDS; r++)
		rounds[r] = time_unmap_batch_once();
	return median(rounds);
}

/*
 * The floor that emulation sets under a process switch.  An address-space switch loads a new
 * top-level table, and an emulator without global pages empties its whole translation cache,
 * the kernel's mappings too.  address_space_switch: switching to an empty user address space
 * and back, per switch.  kthread_pingpong: two kernel threads hand a turn back and forth through
 * wait queues, per round trip (two wake-ups, two context switches, no address-space switch).
 * kthread_pingpong_cr3: the same with one thread loading an address space of its own as it
 * wakes, which the switch to the other (a kernel thread, on the kernel's tables) undoes: two
 * address-space switches per round trip, as between two processes.  So it is what a pipe
 * round trip between two processes costs at the least, besides its four system calls.
 */
static uint64_t *switch_pml4;

static void op_address_space_switch(void)
{
	uvm_activate(switch_pml4);
	uvm_activate(NULL);
}

struct pingpong {
	struct spinlock lock;
	struct wait_queue wq[2]; /* thread i sleeps on wq[i] until turn == i */
	int turn;		 /* whose turn it is; guarded by lock */
	int trips;		 /* round trips to make */
	uint64_t *pml4[2];	 /* the address space a thread loads as it wakes, or NULL */
};

static int pingpong_thread(struct pingpong *pp, int me)
{
	unsigned long flags = spin_lock_irqsave(&pp->lock);

	for (int i = 0; i < pp->trips; i++) {
		pp->turn = !me;
		wake_up(&pp->wq[!me]);
		wait_event_locked(&pp->wq[me], pp->turn == me, &pp->lock);
		if (pp->pml4[me])
			uvm_activate(pp->pml4[me]);
	}
	pp->turn = !me;
	wake_up(&pp->wq[!me]);
	spin_unlock_irqrestore(&pp->lock, flags);
	uvm_activate(NULL);
	return 0;
}

static int pingpong_second(void *arg)
{
	return pingpong_thread(arg, 1);
}

/* The mean round trip of two kernel threads, in ns; with_cr3: the first with an address space. */
static uint64_t time_pingpong_once(bool with_cr3)
{
	static struct pingpong pp;
	struct task *second;
	uint64_t start, ns;

	pp = (struct pingpong){ .trips = 2000, .turn = 0 };
	spin_lock_init(&pp.lock, "kbench_pingpong");
	wait_queue_init(&pp.wq[0], "kbench_ping");
	wait_queue_init(&pp.wq[1], "kbench_pong");
	pp.pml4[0] = with_cr3 ? switch_pml4 : NULL;
	second = kthread_create(pingpong_second, &pp, "kbench_pong");
	if (!second)
		return 0;
	start = clock_monotonic_ns();
	pingpong_thread(&pp, 0);
	ns = (clock_monotonic_ns() - start) / pp.trips;
	kthread_join(second);
	return ns;
}

static uint64_t time_pingpong(bool with_cr3)
{
	uint64_t rounds[ROUNDS];

	for (int r = 0; r < ROUNDS; r++)
		rounds[r] = time_pingpong_once(with_cr3);
	return median(rounds);
}

static void print_figure(const char *name, uint64_t ns)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	console_print_line("BENCH %s_smp%u %lu ns", name, n, (unsigned long)ns);
}

/* A figure in tenths of a nanosecond, printed with its decimal. */
static void print_figure_tenths(const char *name, uint64_t tenths)
{
	unsigned int n = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);

	console_print_line("BENCH %s_smp%u %lu.%lu ns", name, n, (unsigned long)(tenths / 10),
			   (unsigned long)(tenths % 10));
}

int kbench_run_all(void)
{
	print_figure("synchronize_rcu", time_op(op_synchronize_rcu));
	print_figure("rcu_read_section", time_op(op_rcu_read_section));
	print_figure("spin_lock_irqsave_unlock", time_op(op_spin_lock_unlock));
	print_figure("uvm_unmap_batch", time_unmap_batch());
	print_figure_tenths("trace_event", time_trace(op_trace_event));
	print_figure_tenths("tracepoint_off", time_trace(op_tracepoint_off));
	print_figure_tenths("clock_local", time_trace(op_clock_local));
	print_figure_tenths("irq_save_restore", time_trace(op_irq_save_restore));
	switch_pml4 = uvm_create();
	if (!switch_pml4)
		return -1;
	print_figure("address_space_switch", time_op(op_address_space_switch) / 2);
	print_figure("kthread_pingpong", time_pingpong(false));
	print_figure("kthread_pingpong_cr3", time_pingpong(true));
	uvm_destroy(switch_pml4);
	return 0;
}
