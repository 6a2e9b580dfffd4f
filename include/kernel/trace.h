/*
 * The kernel event trace: a ring of fixed-size events per CPU (kernel/trace.c).
 *
 * A tracepoint, tracepoint(TRACE_FORK, child_pid, 0), costs one load and one branch while
 * tracing is off, so tracepoints stay in every build.  While it is on, the event goes into
 * the ring of the CPU that records it: a time stamp (nanoseconds since boot), the type, the
 * CPU, the pid of the task running there and two arguments whose meaning the type gives
 * (trace_types[] in kernel/trace.c names them).  Only its own CPU writes a ring, with
 * interrupts off for the few stores of one event, so no lock is taken.  A full ring wraps:
 * the oldest events are overwritten, and counted as lost.
 *
 * Control: /dev/trace (fs/tracedev.c) takes the words "on", "off" and "clear", and reads as
 * the dump; the command trace(1) writes and reads it; the boot word "trace" turns tracing
 * on from the start.
 */
#ifndef KERNEL_TRACE_H
#define KERNEL_TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/cpu.h>
#include <lib/compiler.h>

/* What happened; each line says what arg0 and arg1 hold. */
enum trace_type {
	TRACE_NONE,
	TRACE_SYSCALL_ENTER,	/* system-call number, first argument */
	TRACE_SYSCALL_EXIT,	/* system-call number, result */
	TRACE_SWITCH,		/* the task switched to: pid, first 8 bytes of its name */
	TRACE_WAKEUP,		/* the task woken: pid, first 8 bytes of its name */
	TRACE_FORK,		/* the child's pid, 0 */
	TRACE_EXEC,		/* the program's name, 16 bytes (NUL-padded) */
	TRACE_EXIT,		/* the exit status (wait status), 0 */
	TRACE_IPI_SEND,		/* the CPU asked, the vector */
	TRACE_IPI_RECV,		/* the vector, 0 */
	TRACE_GP_START,		/* the grace period's number, 0 */
	TRACE_GP_END,		/* the grace period's number, 0 */
	TRACE_CONTAINER_ATTACH, /* the pid moved, the container (its address) */
	TRACE_RELEASE_QUEUED,	/* the container (its address), its hierarchy id */
	TRACE_WORK_RUN,		/* the work function (its address), 0 */
	TRACE_UMH_START,	/* the helper's pid, 0 */
	TRACE_AGENT_EXEC,	/* the helper's program's name, 16 bytes: about to run it */
	TRACE_TYPE_COUNT,
};

/* One event: 32 bytes, so a ring of them is a whole number of cache lines. */
struct trace_event {
	uint64_t ns;	 /* nanoseconds since boot, by this CPU's clock */
	uint64_t arg[2]; /* as enum trace_type says */
	int32_t pid;	 /* the task running on the CPU (0: an idle task) */
	uint16_t type;	 /* enum trace_type */
	uint16_t cpu;
};

/* Events each CPU keeps (a power of two); the oldest go when more come. */
#define TRACE_RING_EVENTS 2048

/* Whether tracepoints record; read by every tracepoint, written by trace_set_enabled(). */
extern bool trace_enabled;

/* Record one event on this CPU, from any context; tracepoint() calls it while tracing is on. */
void trace_record(enum trace_type type, uint64_t arg0, uint64_t arg1);

#define tracepoint(type, arg0, arg1)                                                               \
	do {                                                                                       \
		if (unlikely(READ_ONCE(trace_enabled)))                                            \
			trace_record(type, (uint64_t)(arg0), (uint64_t)(arg1));                    \
	} while (0)

/* Up to 16 bytes of name, NUL-padded, as the two arguments of TRACE_EXEC and TRACE_AGENT_EXEC. */
void trace_pack_name(const char *name, uint64_t out[2]);

/* The first 8 bytes of a name, NUL-padded, as one argument (TRACE_SWITCH, TRACE_WAKEUP). */
uint64_t trace_pack_name8(const char *name);

/* Turn tracing on or off; events already recorded stay. */
void trace_set_enabled(bool on);

/* Forget every event recorded so far, and the counts of lost ones. */
void trace_clear(void);

/* How many events CPU cpu has recorded since the last clear, and how many of them are lost. */
void trace_counts(unsigned int cpu, uint64_t *recorded, uint64_t *lost);

/*
 * Reading the dump: trace_reader_start() notes where each CPU's ring begins and ends now,
 * and each trace_reader_line() writes the next line of the dump into buf, NUL-terminated,
 * returning its length without the NUL (0 after the last line).  Tracing may go on meanwhile:
 * an event overwritten before it is read is left out, and the last line counts those.
 */
#define TRACE_LINE_MAX 160

struct trace_reader {
	unsigned int ncpus;
	unsigned int cpu;	  /* the CPU whose events come next */
	int stage;		  /* header, the CPUs' counts, the events, the end, done */
	uint64_t next;		  /* the index of the next event of cpu */
	uint64_t end[MAX_CPUS];	  /* each CPU's count of events written when the reading began */
	uint64_t first[MAX_CPUS]; /* each CPU's oldest event kept then */
	uint64_t overwritten;	  /* events that went before they were read */
	struct trace_event event; /* the last one read */
};

void trace_reader_start(struct trace_reader *reader);
size_t trace_reader_line(struct trace_reader *reader, char *buf, size_t size);

/* The events alone, without the text: the next one into *out, false after the last. */
bool trace_reader_next(struct trace_reader *reader, struct trace_event *out);

#endif
