/*
 * Trap dispatch: where trapentry.S hands every exception and interrupt to C.
 *
 *   exceptions (0..31)     in user mode, a signal to the process; a page fault first goes to
 *                          the address space (demand-zero, copy-on-write) and, in the kernel,
 *                          to the user-access fixups; anything else is reported by
 *                          panic_with_frame(), naming the exception (and, for a page fault,
 *                          the address and what the access was)
 *   NMI during a panic     the panicking CPU's request to stop: halt here for good
 *   IRQ and APIC vectors   the registered handler, then end of interrupt at the local APIC,
 *                          then the scheduler's preemption point (sched_irq_exit())
 *   the spurious vector    ignored (the local APIC wants no end of interrupt for it)
 *
 * Every trap from user mode leaves through exit_to_user_mode(), which delivers signals.
 *
 * For panic(): trap_frame_dump() prints a frame straight to the console, and
 * arch_unwind_step() follows the frame pointers for its backtrace.
 */
#include <stddef.h>
#include <kernel/errno.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <kernel/ksyms.h>
#include <kernel/spinlock.h>
#include <kernel/cpu.h>
#include <kernel/task.h>
#include <lib/compiler.h>
#include <lib/format.h>
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/interrupts.h>
#include <arch/memlayout.h>
#include <arch/x86.h>

BUILD_BUG_ON(offsetof(struct trap_frame, r11) != TRAP_FRAME_R11);
BUILD_BUG_ON(offsetof(struct trap_frame, rbp) != TRAP_FRAME_RBP);
BUILD_BUG_ON(offsetof(struct trap_frame, rcx) != TRAP_FRAME_RCX);
BUILD_BUG_ON(offsetof(struct trap_frame, rflags) != TRAP_FRAME_RFLAGS);
BUILD_BUG_ON(offsetof(struct trap_frame, rsp) != TRAP_FRAME_RSP);
BUILD_BUG_ON(offsetof(struct trap_frame, ss) != TRAP_FRAME_SS);
BUILD_BUG_ON(offsetof(struct trap_frame, vector) != TRAP_FRAME_VECTOR);
BUILD_BUG_ON(offsetof(struct trap_frame, rip) != TRAP_FRAME_RIP);
BUILD_BUG_ON(offsetof(struct trap_frame, cs) != TRAP_FRAME_CS);
BUILD_BUG_ON(sizeof(struct trap_frame) != TRAP_FRAME_SIZE);

#define VECTOR_NMI		    2
#define VECTOR_DEVICE_NOT_AVAILABLE 7 /* #NM: an FPU instruction with CR0.TS set (fpu.c) */
#define VECTOR_PAGE_FAULT	    14

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

/*
 * A fault on a user address may be the address space's to resolve (a page not yet there, a
 * copy-on-write page): 0 if it did, else mm_fault()'s error, or -EFAULT when no process
 * runs, the address is not user space, or a reserved bit (a corrupt table) is to blame.
 */
static int resolve_user_fault(uint64_t address, uint64_t error)
{
	struct proc *p = current_proc();

	if (!p || !p->mm || address >= USER_TOP || (error & PF_RESERVED_BIT))
		return -EFAULT;
	return mm_fault(p->mm, address, error & PF_WRITE, error & PF_INSTRUCTION);
}

static __noreturn void page_fault_panic(struct trap_frame *frame, uint64_t address)
{
	uint64_t error = frame->error_code;
	const char *access = (error & PF_INSTRUCTION) ? "instruction fetch"
			     : (error & PF_WRITE)     ? "write"
						      : "read";

	panic_with_frame(frame, "page fault at 0x%lx (%s, %s%s) in %s", address, access,
			 (error & PF_PROTECTION) ? "protection violation" : "not present",
			 (error & PF_RESERVED_BIT) ? ", reserved bit set" : "", trap_mode(frame));
}

/*
 * A page fault: resolved through the address space if it can be; else, from user mode, the
 * process's SIGSEGV (SIGKILL when memory ran out); from the kernel, the fixup of a user-access
 * instruction (<kernel/uaccess.h>); else a kernel bug.
 */
static void page_fault(struct trap_frame *frame)
{
	uint64_t address = read_cr2();
	uint64_t error = frame->error_code;
	int err = resolve_user_fault(address, error), code;
	uint64_t fixup;

	if (err == 0)
		return;
	if ((frame->cs & 3) && err == -ENOMEM) {
		signal_force_fault(SIGKILL, SI_KERNEL, address, frame, "out of memory");
		return;
	}
	if (frame->cs & 3) {
		code = (error & PF_PROTECTION) ? SEGV_ACCERR : SEGV_MAPERR;
		signal_force_fault(SIGSEGV, code, address, frame, NULL);
		return;
	}
	fixup = exception_table_fixup(frame->rip);
	if (!fixup)
		page_fault_panic(frame, address);
	frame->rip = fixup;
}

/* The signal an exception in user mode sends, or 0 for one that is never the process's. */
static int user_exception_signal(unsigned int vector, int *code)
{
	*code = SI_KERNEL;
	switch (vector) {
	case 0: /* divide error */
		*code = FPE_INTDIV;
		return SIGFPE;
	case 16: /* x87 floating-point error */
	case 19: /* SIMD floating-point exception */
		return SIGFPE;
	case 1: /* debug */
	case 3: /* breakpoint */
		return SIGTRAP;
	case 6: /* invalid opcode */
		*code = ILL_ILLOPN;
		return SIGILL;
	case 11: /* segment not present */
	case 12: /* stack-segment fault */
	case 17: /* alignment check */
		return SIGBUS;
	case 4:	 /* overflow */
	case 5:	 /* bound range exceeded */
	case 7:	 /* device not available */
	case 10: /* invalid TSS */
	case 13: /* general protection fault */
		return SIGSEGV;
	default:
		return 0;
	}
}

/* The CPU pushes an error code for these exceptions; it is worth printing. */
static bool has_error_code(unsigned int vector)
{
	return vector == 8 || (vector >= 10 && vector <= 14) || vector == 17 || vector == 21 ||
	       vector == 29 || vector == 30;
}

/*
 * An exception.  In user mode it is the process's fault and becomes its signal (delivered on
 * the way out); in the kernel it is a bug and panics, but for a page fault that the address
 * space or a user-access fixup resolves.
 */
static void exception(struct trap_frame *frame)
{
	unsigned int vector = (unsigned int)frame->vector;
	int sig, code;

	if (vector == VECTOR_NMI && panic_in_progress())
		arch_halt_forever();
	if (vector == VECTOR_PAGE_FAULT) {
		page_fault(frame);
		return;
	}
	if (vector == VECTOR_DEVICE_NOT_AVAILABLE && (frame->cs & 3)) {
		fpu_first_use(&current_task()->fpu); /* lazy FPU switching, <arch/fpu.h> */
		return;
	}
	if ((frame->cs & 3) && (sig = user_exception_signal(vector, &code))) {
		signal_force_fault(sig, code, 0, frame, exception_name(vector));
		return;
	}
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
	} else if (frame->vector != VECTOR_SPURIOUS) {
		handler = READ_ONCE(vector_handlers[frame->vector]);
		if (handler)
			handler(frame);
		else
			unexpected_interrupt(frame);
		lapic_eoi();
		sched_irq_exit();
	}
	if (frame->cs & 3)
		exit_to_user_mode(frame);
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

/* At each frame pointer, [rbp] is the caller's rbp and [rbp + 8] the return address. */
bool arch_unwind_step(uint64_t *fp, uint64_t *return_addr)
{
	const uint64_t *record = (const uint64_t *)*fp;

	if (*fp < PHYS_MAP_BASE || (*fp & 7) || *fp >= UINT64_MAX - 16)
		return false; /* not in the kernel half, misaligned, or at the very top */
	*return_addr = record[1];
	*fp = record[0];
	return true;
}
