/*
 * The kernel event trace (the interface and the event types are in include/kernel/trace.h).
 *
 * Writing.  Each CPU has a ring of TRACE_RING_EVENTS events and two counters, head (events
 * begun) and done (events finished).  trace_record() runs on the ring's own CPU with
 * interrupts off, so nothing else writes that ring meanwhile: it bumps head, fills slot
 * head % TRACE_RING_EVENTS, and sets done = head.  No lock; done is published with release
 * order, so a reader that sees done also sees the event's bytes.
 *
 * Reading, from any CPU, while the owner may go on writing.  The events numbered below done
 * are whole.  A reader copies slot i, then reads head again: if head has gone past
 * i + TRACE_RING_EVENTS, the owner may have begun to overwrite slot i during the copy, and the
 * copy is thrown away (counted as overwritten).  A clear does not touch the slots: it moves
 * the ring's start, the first event a dump shows, to head.
 *
 * The dump is text, one line each, every line beginning "trace: " so that a program can pick
 * it out of a serial log (scripts/trace2json, scripts/trace2svg):
 *
 *   trace: begin cpus=2 ring=2048
 *   trace: cpu 0 recorded=5120 lost=3072
 *   trace: 0 1234567 12 syscall_enter nr=1 arg=0x3
 *   trace: end overwritten=0
 *
 * An event line gives the CPU, nanoseconds since boot, the pid, the type and its arguments;
 * each CPU's events in the order they happened, CPU 0's first.
 */
#include <kernel/cpu.h>
#include <kernel/ksyms.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <lib/format.h>
#include <lib/string.h>
#include <arch/cpu.h>

#define RING_MASK (TRACE_RING_EVENTS - 1)
BUILD_BUG_ON(TRACE_RING_EVENTS &RING_MASK);
BUILD_BUG_ON(sizeof(struct trace_event) != 32);

bool trace_enabled;

struct trace_ring {
	uint64_t head;	/* events begun; written by the owner only, interrupts off */
	uint64_t done;	/* events finished (release): events below it are whole */
	uint64_t start; /* the first event since the last clear (atomic: any CPU clears) */
	struct trace_event events[TRACE_RING_EVENTS];
} __aligned(64);

static struct trace_ring rings[MAX_CPUS];

void trace_record(enum trace_type type, uint64_t arg0, uint64_t arg1)
{
	bool were_enabled = arch_irq_save();
	struct cpu *cpu = this_cpu();
	struct trace_ring *ring = &rings[cpu->id];
	uint64_t index = ring->head;
	struct trace_event *e = &ring->events[index & RING_MASK];

	__atomic_store_n(&ring->head, index + 1, __ATOMIC_RELAXED);
	__atomic_thread_fence(__ATOMIC_RELEASE); /* head before the slot's bytes */
	e->ns = clock_local_ns();
	e->arg[0] = arg0;
	e->arg[1] = arg1;
	e->pid = cpu->current ? cpu->current->pid : 0;
	e->type = (uint16_t)type;
	e->cpu = (uint16_t)cpu->id;
	__atomic_store_n(&ring->done, index + 1, __ATOMIC_RELEASE);
	arch_irq_restore(were_enabled);
}

/* Copy name's first size bytes to out, the rest NUL; a name stops at its NUL. */
static void trace_copy_name(char *out, const char *name, size_t size)
{
	size_t i = 0;

	for (; i < size && name[i]; i++)
		out[i] = name[i];
	for (; i < size; i++)
		out[i] = '\0';
}

void trace_pack_name(const char *name, uint64_t out[2])
{
	char bytes[16];

	trace_copy_name(bytes, name, sizeof(bytes));
	memcpy(out, bytes, sizeof(bytes));
}

uint64_t trace_pack_name8(const char *name)
{
	char bytes[8];
	uint64_t word;

	trace_copy_name(bytes, name, sizeof(bytes));
	memcpy(&word, bytes, sizeof(word));
	return word;
}

void trace_set_enabled(bool on)
{
	__atomic_store_n(&trace_enabled, on, __ATOMIC_RELEASE);
}

void trace_clear(void)
{
	for (unsigned int i = 0; i < MAX_CPUS; i++) {
		uint64_t head = __atomic_load_n(&rings[i].head, __ATOMIC_ACQUIRE);

		__atomic_store_n(&rings[i].start, head, __ATOMIC_RELEASE);
	}
}

/*
 * The events ring i holds since the last clear: recorded, and kept, from *first to *end.
 * A clear during a write may put start one past done; it then counts as done.
 */
static uint64_t trace_ring_window(unsigned int i, uint64_t *first, uint64_t *end)
{
	uint64_t start = __atomic_load_n(&rings[i].start, __ATOMIC_ACQUIRE);
	uint64_t done = __atomic_load_n(&rings[i].done, __ATOMIC_ACQUIRE);
	uint64_t recorded = done > start ? done - start : 0;

	*end = done;
	*first = done - MIN(recorded, (uint64_t)TRACE_RING_EVENTS);
	return recorded;
}

void trace_counts(unsigned int cpu, uint64_t *recorded, uint64_t *lost)
{
	uint64_t first, end;

	*recorded = trace_ring_window(cpu, &first, &end);
	*lost = *recorded - (end - first);
}

/* ---- the dump ---- */

/* What a type is called in the dump, and what its two arguments are called. */
struct trace_type_info {
	const char *name;
	const char *arg0, *arg1; /* NULL: not shown */
};

/* Names given as "name" are the 16 bytes of a packed name; "to" and "task" carry 8 more. */
static const struct trace_type_info trace_types[TRACE_TYPE_COUNT] = {
	[TRACE_NONE] = { "none", NULL, NULL },
	[TRACE_SYSCALL_ENTER] = { "syscall_enter", "nr", "arg" },
	[TRACE_SYSCALL_EXIT] = { "syscall_exit", "nr", "ret" },
	[TRACE_SWITCH] = { "switch", "to", "name" },
	[TRACE_WAKEUP] = { "wakeup", "task", "name" },
	[TRACE_FORK] = { "fork", "child", NULL },
	[TRACE_EXEC] = { "exec", "name", NULL },
	[TRACE_EXIT] = { "exit", "status", NULL },
	[TRACE_IPI_SEND] = { "ipi_send", "target", "vector" },
	[TRACE_IPI_RECV] = { "ipi_recv", "vector", NULL },
	[TRACE_GP_START] = { "gp_start", "gp", NULL },
	[TRACE_GP_END] = { "gp_end", "gp", NULL },
	[TRACE_CONTAINER_ATTACH] = { "container_attach", "task", "container" },
	[TRACE_RELEASE_QUEUED] = { "release_queued", "container", "hierarchy" },
	[TRACE_WORK_RUN] = { "work_run", "func", NULL },
	[TRACE_UMH_START] = { "umh_start", "helper", NULL },
	[TRACE_AGENT_EXEC] = { "agent_exec", "name", NULL },
};

void trace_reader_start(struct trace_reader *reader)
{
	memset(reader, 0, sizeof(*reader));
	reader->ncpus = __atomic_load_n(&ncpus, __ATOMIC_ACQUIRE);
	for (unsigned int i = 0; i < reader->ncpus; i++)
		trace_ring_window(i, &reader->first[i], &reader->end[i]);
	reader->next = reader->ncpus ? reader->first[0] : 0;
}

/* Copy event index of ring into *out; false if it was overwritten before the copy was done. */
static bool trace_copy_event(struct trace_ring *ring, uint64_t index, struct trace_event *out)
{
	*out = ring->events[index & RING_MASK];
	__atomic_thread_fence(__ATOMIC_ACQUIRE); /* the copy before the second look at head */
	return __atomic_load_n(&ring->head, __ATOMIC_RELAXED) <= index + TRACE_RING_EVENTS;
}

bool trace_reader_next(struct trace_reader *reader, struct trace_event *out)
{
	while (reader->cpu < reader->ncpus) {
		unsigned int cpu = reader->cpu;

		if (reader->next >= reader->end[cpu]) {
			if (++reader->cpu < reader->ncpus)
				reader->next = reader->first[reader->cpu];
			continue;
		}
		if (trace_copy_event(&rings[cpu], reader->next++, out))
			return true;
		reader->overwritten++;
	}
	return false;
}

/* One argument as the dump shows it: names as text, code addresses by symbol, else numbers. */
static size_t trace_format_arg(char *buf, size_t size, const char *what, const uint64_t *arg,
			       size_t bytes)
{
	char name[17] = { 0 };
	size_t len = (size_t)snprintf(buf, size, " %s=", what);

	if (len >= size)
		return len;
	if (strcmp(what, "name") == 0) {
		memcpy(name, arg, bytes);
		for (size_t i = 0; name[i]; i++)
			if (name[i] <= ' ' || name[i] > '~')
				name[i] = '?';
		return len + (size_t)snprintf(buf + len, size - len, "%s", name[0] ? name : "?");
	}
	if (strcmp(what, "func") == 0)
		return len + (size_t)ksym_format(buf + len, size - len, *arg);
	if (strcmp(what, "container") == 0 || strcmp(what, "arg") == 0)
		return len + (size_t)snprintf(buf + len, size - len, "%#lx", (unsigned long)*arg);
	return len + (size_t)snprintf(buf + len, size - len, "%ld", (long)*arg);
}

static size_t trace_format_event(const struct trace_event *e, char *buf, size_t size)
{
	const struct trace_type_info *info =
	    &trace_types[e->type < TRACE_TYPE_COUNT ? e->type : TRACE_NONE];
	bool whole_name = info->arg0 && strcmp(info->arg0, "name") == 0;
	size_t len = (size_t)snprintf(buf, size, "trace: %u %lu %d %s", e->cpu,
				      (unsigned long)e->ns, e->pid, info->name);

	if (info->arg0 && len < size)
		len += trace_format_arg(buf + len, size - len, info->arg0, &e->arg[0],
					whole_name ? 16 : 8);
	if (info->arg1 && len < size)
		len += trace_format_arg(buf + len, size - len, info->arg1, &e->arg[1], 8);
	return len;
}

enum { STAGE_BEGIN, STAGE_COUNTS, STAGE_EVENTS, STAGE_END, STAGE_DONE };

size_t trace_reader_line(struct trace_reader *reader, char *buf, size_t size)
{
	uint64_t recorded, lost;
	size_t len = 0;

	switch (reader->stage) {
	case STAGE_BEGIN:
		len = (size_t)snprintf(buf, size, "trace: begin cpus=%u ring=%u", reader->ncpus,
				       TRACE_RING_EVENTS);
		reader->stage = reader->ncpus ? STAGE_COUNTS : STAGE_END;
		break;
	case STAGE_COUNTS:
		trace_counts(reader->cpu, &recorded, &lost);
		len = (size_t)snprintf(buf, size, "trace: cpu %u recorded=%lu lost=%lu",
				       reader->cpu, (unsigned long)recorded, (unsigned long)lost);
		if (++reader->cpu == reader->ncpus) {
			reader->cpu = 0;
			reader->stage = STAGE_EVENTS;
		}
		break;
	case STAGE_EVENTS:
		if (trace_reader_next(reader, &reader->event)) {
			len = trace_format_event(&reader->event, buf, size);
			break;
		}
		reader->stage = STAGE_END;
		/* fall through */
	case STAGE_END:
		len = (size_t)snprintf(buf, size, "trace: end overwritten=%lu",
				       (unsigned long)reader->overwritten);
		reader->stage = STAGE_DONE;
		break;
	default:
		break;
	}
	return MIN(len, size ? size - 1 : 0);
}
