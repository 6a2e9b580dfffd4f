/*
 * Tests of the kernel event trace (kernel/trace.c): each CPU's events come out in the order
 * they were recorded, with time stamps that never go back; nothing is lost until a ring
 * wraps, and then exactly the overwritten events are counted; clear forgets; a tracepoint
 * records nothing while tracing is off; the dump's lines are as scripts/trace2json reads them.
 *
 * The tests record events of type TRACE_NONE by calling trace_record() themselves, and look
 * only at those, so events the rest of the kernel records meanwhile (when booted with
 * "trace") do not disturb them.  Where a test must own a ring, it records with interrupts
 * off, so that nothing else runs on its CPU.
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/task.h>
#include <kernel/trace.h>
#include <lib/string.h>
#include <arch/cpu.h>

#define WRITERS		  4
#define EVENTS_PER_WRITER (TRACE_RING_EVENTS / WRITERS / 2)
#define WRAP_EXTRA	  100

/* Record count events with arg0 = 0, 1, ... and arg1 = tag, on whichever CPU runs the caller. */
static void record_sequence(uint64_t count, uint64_t tag)
{
	for (uint64_t i = 0; i < count; i++)
		trace_record(TRACE_NONE, i, tag);
}

static int writer(void *arg)
{
	record_sequence(EVENTS_PER_WRITER, (uint64_t)(uintptr_t)arg);
	return 0;
}

/* What the per-CPU order test found among the test's events. */
struct order_check {
	uint64_t seen[WRITERS]; /* events of each writer */
	uint64_t next[WRITERS]; /* the arg0 expected next of each writer, per CPU (reset below) */
	bool in_order, wrong_cpu, clock_back;
};

/* Look at one CPU's run of events: each writer's in order, time stamps never going back. */
static void check_order(struct order_check *c, const struct trace_event *e, unsigned int *cpu,
			uint64_t *last_ns)
{
	uint64_t tag = e->arg[1];

	if (e->type != TRACE_NONE || tag >= WRITERS)
		return;
	if (e->cpu != *cpu) { /* the next CPU's ring: each writer's sequence goes on there */
		*cpu = e->cpu;
		*last_ns = 0;
	}
	if (e->ns < *last_ns)
		c->clock_back = true;
	*last_ns = e->ns;
	if (e->arg[0] < c->next[tag])
		c->in_order = false;
	c->next[tag] = e->arg[0] + 1;
	c->seen[tag]++;
}

KTEST(trace_order_per_cpu, "trace: each CPU's events come in order, time stamps never back")
{
	struct order_check c = { .in_order = true };
	struct task *threads[WRITERS];
	struct trace_reader reader;
	struct trace_event e;
	unsigned int cpu = MAX_CPUS;
	uint64_t last_ns = 0;

	trace_clear();
	for (int i = 0; i < WRITERS; i++)
		threads[i] = kthread_create(writer, (void *)(uintptr_t)i, "ktest-trace");
	for (int i = 0; i < WRITERS; i++)
		KTEST_ASSERT(threads[i] && kthread_join(threads[i]) == 0);
	trace_reader_start(&reader);
	while (trace_reader_next(&reader, &e)) {
		if (e.cpu != cpu)
			memset(c.next, 0, sizeof(c.next));
		check_order(&c, &e, &cpu, &last_ns);
	}
	KTEST_EXPECT(c.in_order);
	KTEST_EXPECT(!c.clock_back);
	for (int i = 0; i < WRITERS; i++)
		KTEST_EXPECT(c.seen[i] == EVENTS_PER_WRITER);
	KTEST_EXPECT(reader.overwritten == 0);
}

/* Record count events on this CPU alone; returns the CPU. */
static unsigned int record_alone(uint64_t count)
{
	bool were_enabled = arch_irq_save();
	unsigned int cpu = this_cpu()->id;

	trace_clear();
	record_sequence(count, 0);
	arch_irq_restore(were_enabled);
	return cpu;
}

/* The test's events of cpu's ring: how many, the first and the last arg0. */
static uint64_t read_ring(unsigned int cpu, uint64_t *first, uint64_t *last)
{
	struct trace_reader reader;
	struct trace_event e;
	uint64_t count = 0;

	trace_reader_start(&reader);
	while (trace_reader_next(&reader, &e)) {
		if (e.cpu != cpu || e.type != TRACE_NONE || e.arg[1] != 0)
			continue;
		if (count++ == 0)
			*first = e.arg[0];
		*last = e.arg[0];
	}
	return count;
}

KTEST(trace_full_ring_loses_nothing, "trace: a ring just full keeps every event, none lost")
{
	unsigned int cpu = record_alone(TRACE_RING_EVENTS);
	uint64_t recorded, lost, first = ~0UL, last = 0;

	trace_counts(cpu, &recorded, &lost);
	KTEST_EXPECT(recorded == TRACE_RING_EVENTS);
	KTEST_EXPECT(lost == 0);
	KTEST_EXPECT(read_ring(cpu, &first, &last) == TRACE_RING_EVENTS);
	KTEST_EXPECT(first == 0 && last == TRACE_RING_EVENTS - 1);
}

KTEST(trace_wrap_is_counted, "trace: a wrapped ring keeps the newest events and counts the rest")
{
	unsigned int cpu = record_alone(TRACE_RING_EVENTS + WRAP_EXTRA);
	uint64_t recorded, lost, first = ~0UL, last = 0;

	trace_counts(cpu, &recorded, &lost);
	KTEST_EXPECT(recorded == TRACE_RING_EVENTS + WRAP_EXTRA);
	KTEST_EXPECT(lost == WRAP_EXTRA);
	KTEST_EXPECT(read_ring(cpu, &first, &last) == TRACE_RING_EVENTS);
	KTEST_EXPECT(first == WRAP_EXTRA && last == TRACE_RING_EVENTS + WRAP_EXTRA - 1);
}

KTEST(trace_clear_forgets, "trace: clear forgets every event and the count of lost ones")
{
	unsigned int cpu = record_alone(TRACE_RING_EVENTS + WRAP_EXTRA);
	uint64_t recorded, lost, first, last;

	trace_clear();
	trace_counts(cpu, &recorded, &lost);
	KTEST_EXPECT(lost == 0);
	KTEST_EXPECT(read_ring(cpu, &first, &last) == 0);
}

KTEST(trace_off_records_nothing, "trace: a tracepoint records nothing while tracing is off")
{
	bool was_on = READ_ONCE(trace_enabled);
	uint64_t before, after, lost;
	bool were_enabled;
	unsigned int cpu;

	trace_set_enabled(false);
	were_enabled = arch_irq_save();
	cpu = this_cpu()->id;
	trace_counts(cpu, &before, &lost);
	for (int i = 0; i < 1000; i++)
		tracepoint(TRACE_NONE, i, 0);
	trace_counts(cpu, &after, &lost);
	arch_irq_restore(were_enabled);
	trace_set_enabled(was_on);
	KTEST_EXPECT(after == before);
}

/* The dump's lines until one starting with prefix; true if found. */
static bool dump_has_line(const char *prefix, const char *containing)
{
	struct trace_reader reader;
	char line[TRACE_LINE_MAX];

	trace_reader_start(&reader);
	while (trace_reader_line(&reader, line, sizeof(line)) > 0) {
		if (strncmp(line, prefix, strlen(prefix)) == 0 && strstr(line, containing))
			return true;
	}
	return false;
}

KTEST(trace_dump_lines, "trace: the dump has its header, counts, event lines and end")
{
	bool were_enabled = arch_irq_save();
	uint64_t name[2];

	trace_clear();
	trace_pack_name("agent-recorder", name);
	trace_record(TRACE_AGENT_EXEC, name[0], name[1]);
	trace_record(TRACE_SYSCALL_EXIT, 60, (uint64_t)-2);
	arch_irq_restore(were_enabled);
	KTEST_EXPECT(dump_has_line("trace: begin cpus=", " ring="));
	KTEST_EXPECT(dump_has_line("trace: cpu 0 ", " lost=0"));
	KTEST_EXPECT(dump_has_line("trace: ", " agent_exec name=agent-recorder"));
	KTEST_EXPECT(dump_has_line("trace: ", " syscall_exit nr=60 ret=-2"));
	KTEST_EXPECT(dump_has_line("trace: end ", "overwritten=0"));
	trace_clear();
}
