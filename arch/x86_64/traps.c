/*
 * Trap dispatch: where trapentry.S hands every exception and interrupt to C.
 *
 *   exceptions (0..31)     reported by panic_with_frame(), naming the exception (and, for a
 *                          page fault, the address and what the access was)
 *   NMI during a panic     the panicking CPU's request to stop: halt here for good
 *   IRQ and APIC vectors   the registered handler, then end of interrupt at the local APIC,
 *                          then the scheduler's preemption point (sched_irq_exit())
 *   the spurious vector    ignored (the local APIC wants no end of interrupt for it)
 *
 * trap_frame_dump() prints a frame for panic(), straight to the console.
 */
#include <stddef.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/ksyms.h>
#include <kernel/spinlock.h>
#include <kernel/cpu.h>
#include <kernel/task.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/interrupts.h>
#include <arch/x86.h>

BUILD_BUG_ON(offsetof(struct trap_frame, rbp) != TRAP_FRAME_RBP);
BUILD_BUG_ON(offsetof(struct trap_frame, vector) != TRAP_FRAME_VECTOR);
BUILD_BUG_ON(offsetof(struct trap_frame, rip) != TRAP_FRAME_RIP);
BUILD_BUG_ON(offsetof(struct trap_frame, cs) != TRAP_FRAME_CS);
BUILD_BUG_ON(sizeof(struct trap_frame) != TRAP_FRAME_SIZE);

#define VECTOR_NMI	  2
#define VECTOR_PAGE_FAULT 14

/* Page-fault error code bits. */
#define PF_PROTECTION	(1UL << 0) /* 0: the page was not present */
#define PF_WRITE	(1UL << 1)
#define PF_RESERVED_BIT (1UL << 3)
#define PF_INSTRUCTION	(1UL << 4)

static const char *const exception_names[NR_EXCEPTIONS] = {
    "divide error",
    "debug exception",
    "non-maskable interrupt",
    "breakpoint",
    "overflow",
    "bound range exceeded",
    "invalid opcode",
    "device not available",
    "double fault",
    "coprocessor segment overrun",
    "invalid TSS",
    "segment not present",
    "stack-segment fault",
    "general protection fault",
    "page fault",
    "reserved exception 15",
    "x87 floating-point error",
    "alignment check",
    "machine check",
    "SIMD floating-point exception",
    "virtualization exception",
    "control protection exception",
    "reserved exception 22",
    "reserved exception 23",
    "reserved exception 24",
    "reserved exception 25",
    "reserved exception 26",
    "reserved exception 27",
    "hypervisor injection exception",
    "VMM communication exception",
    "security exception",
    "reserved exception 31",
};

/*
 * What to call for each non-exception vector.  handlers_lock serializes writers; the dispatch
 * reads an entry without it (one aligned pointer load), so a handler must be in place before
 * its vector can fire, which irq_register() ensures by routing the line only afterwards.
 */
static struct spinlock handlers_lock = SPINLOCK_INIT("interrupt_handlers");
static irq_handler_t vector_handlers[NR_VECTORS]; /* written under handlers_lock */

static const char *exception_name(unsigned int vector)
{
	return vector < NR_EXCEPTIONS ? exception_names[vector] : "interrupt";
}

static const char *trap_mode(const struct trap_frame *frame)
{
	return (frame->cs & 3) ? "user mode" : "kernel";
}

static void page_fault(struct trap_frame *frame)
{
	uint64_t address = read_cr2();
	uint64_t error = frame->error_code;
	const char *access = (error & PF_INSTRUCTION) ? "instruction fetch"
			     : (error & PF_WRITE)     ? "write"
						      : "read";

	panic_with_frame(frame, "page fault at 0x%lx (%s, %s%s) in %s", address, access,
			 (error & PF_PROTECTION) ? "protection violation" : "not present",
			 (error & PF_RESERVED_BIT) ? ", reserved bit set" : "", trap_mode(frame));
}

/* The CPU pushes an error code for these exceptions; it is worth printing. */
static bool has_error_code(unsigned int vector)
{
	return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 ||
	       vector == 29 || vector == 30;
}

/*
 * An exception.  There is no user mode yet, so every exception is a kernel bug and panics;
 * the user-mode issue makes a fault in user mode kill the process instead.
 */
static void exception(struct trap_frame *frame)
{
	unsigned int vector = (unsigned int)frame->vector;

	if (vector == VECTOR_NMI && panic_in_progress())
		arch_halt_forever();
	if (vector == VECTOR_PAGE_FAULT)
		page_fault(frame);
	if (has_error_code(vector) && frame->error_code != 0)
		panic_with_frame(frame, "%s (error code %#lx) in %s", exception_name(vector),
				 frame->error_code, trap_mode(frame));
	panic_with_frame(frame, "%s in %s", exception_name(vector), trap_mode(frame));
}

static void unexpected_interrupt(const struct trap_frame *frame)
{
	pr_warn("interrupt: unexpected vector %lu on cpu %u\n", frame->vector, this_cpu()->id);
}

void trap_dispatch(struct trap_frame *frame)
{
	irq_handler_t handler;

	if (frame->vector < NR_EXCEPTIONS) {
		exception(frame);
		return;
	}
	if (frame->vector == VECTOR_SPURIOUS)
		return;
	handler = READ_ONCE(vector_handlers[frame->vector]);
	if (handler)
		handler(frame);
	else
		unexpected_interrupt(frame);
	lapic_eoi();
	sched_irq_exit();
}

void interrupt_set_handler(unsigned int vector, irq_handler_t handler)
{
	unsigned long flags;

	BUG_ON(vector < NR_EXCEPTIONS || vector >= NR_VECTORS || vector == VECTOR_SPURIOUS);
	flags = spin_lock_irqsave(&handlers_lock);
	WRITE_ONCE(vector_handlers[vector], handler);
	spin_unlock_irqrestore(&handlers_lock, flags);
}

void irq_register(unsigned int irq, irq_handler_t handler)
{
	BUG_ON(irq >= NR_IRQS);
	interrupt_set_handler(IRQ_BASE_VECTOR + irq, handler);
	ioapic_route_isa_irq(irq, IRQ_BASE_VECTOR + irq);
}

void irq_unregister(unsigned int irq)
{
	BUG_ON(irq >= NR_IRQS);
	ioapic_mask_isa_irq(irq);
	interrupt_set_handler(IRQ_BASE_VECTOR + irq, NULL);
}

/* One line of the register dump, on the console without the log lock. */
static void dump_line(const char *fmt, ...) __printf(1, 2);
static void dump_line(const char *fmt, ...)
{
	char line[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	console_emergency_write(line, MIN((size_t)n, sizeof(line) - 1));
}

static void dump_trap_cause(const struct trap_frame *frame)
{
	if (frame->vector == TRAP_FRAME_NO_VECTOR)
		dump_line("CPU: %u\n", this_cpu()->id);
	else
		dump_line("CPU: %u  vector: %lu (%s)  error code: %#lx\n", this_cpu()->id,
			  frame->vector, exception_name((unsigned int)frame->vector),
			  frame->error_code);
}

void trap_frame_dump(const struct trap_frame *frame)
{
	char symbol[KSYM_FORMAT_MAX];

	ksym_format(symbol, sizeof(symbol), frame->rip);
	dump_trap_cause(frame);
	dump_line("RIP: %04lx:%016lx <%s>\n", frame->cs, frame->rip, symbol);
	dump_line("RSP: %04lx:%016lx  RFLAGS: %08lx\n", frame->ss, frame->rsp, frame->rflags);
	dump_line("RAX: %016lx  RBX: %016lx  RCX: %016lx\n", frame->rax, frame->rbx, frame->rcx);
	dump_line("RDX: %016lx  RSI: %016lx  RDI: %016lx\n", frame->rdx, frame->rsi, frame->rdi);
	dump_line("RBP: %016lx  R08: %016lx  R09: %016lx\n", frame->rbp, frame->r8, frame->r9);
	dump_line("R10: %016lx  R11: %016lx  R12: %016lx\n", frame->r10, frame->r11, frame->r12);
	dump_line("R13: %016lx  R14: %016lx  R15: %016lx\n", frame->r13, frame->r14, frame->r15);
	dump_line("CR2: %016lx  CR3: %016lx\n", read_cr2(), read_cr3());
}
