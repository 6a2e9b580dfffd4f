/*
 * panic(): the kernel's last words.
 *
 * The report goes straight to the console with console_emergency_write(), never through
 * printk's lock, which the panicking code may hold:
 *
 *   kernel panic: <message>
 *   <registers: those of the fault, or the caller's>
 *   Call trace:
 *     [<ffffffff80101234>] test_fault_null_deref+0x14/0x20
 *     ...
 *   ---[ end kernel panic ]---
 *
 * The backtrace follows the chain of frame pointers (the kernel is built with
 * -fno-omit-frame-pointer), one caller at a time (arch_unwind_step() reads each link).  It
 * stops at a zero or implausible frame pointer, at a return address outside the kernel's
 * code, or after BACKTRACE_MAX_FRAMES lines.
 *
 * Only one CPU reports.  A panic on another CPU meanwhile prints one "kernel panic:" line and
 * halts; a panic inside the report (say a fault while walking a corrupt stack) prints one line
 * and ends the run itself, since the report it interrupted will never finish.
 */
#include <stdarg.h>
#include <kernel/cpu.h>
#include <kernel/ksyms.h>
#include <kernel/lockorder.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/format.h>
#include <lib/string.h>
#include <arch/cpu.h>
#include <arch/interrupts.h>
#include <arch/stop.h>

#define BACKTRACE_MAX_FRAMES 32
#define PANIC_LINE_MAX	     256

extern const char __kernel_start[], __text_end[];

/* The CPU making the report, -1 before any panic; claimed once, with a compare-and-swap. */
static int panic_cpu = -1;

/* Panics each CPU has entered after the first; only that CPU touches its own entry. */
static int nested_panics[MAX_CPUS];

/* The reporting CPU's message; only panic_cpu writes it. */
static char panic_message[PANIC_LINE_MAX];

bool panic_in_progress(void)
{
	return __atomic_load_n(&panic_cpu, __ATOMIC_ACQUIRE) >= 0;
}

static void panic_write(const char *s)
{
	console_emergency_write(s, strlen(s));
}

static void panic_print(const char *fmt, ...) __printf(1, 2);
static void panic_print(const char *fmt, ...)
{
	char line[PANIC_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	panic_write(line);
}

static bool kernel_text_address(uint64_t addr)
{
	return addr >= (uint64_t)__kernel_start && addr < (uint64_t)__text_end;
}

/*
 * The trace starts at frame's instruction: the faulting one for a trap, else the return
 * address arch_capture_registers() saw; then it walks the frames from frame's frame pointer.
 */
static void print_backtrace(const struct trap_frame *frame, bool from_trap)
{
	char symbol[KSYM_FORMAT_MAX];
	uint64_t ip = arch_frame_ip(frame), fp = arch_frame_pointer(frame), return_addr;

	panic_write("Call trace:\n");
	if (from_trap)
		ksym_format(symbol, sizeof(symbol), ip);
	else
		ksym_format_return(symbol, sizeof(symbol), ip);
	panic_print("  [<%016lx>] %s\n", ip, symbol);

	for (int lines = 1; lines < BACKTRACE_MAX_FRAMES && arch_unwind_step(&fp, &return_addr);
	     lines++) {
		if (!kernel_text_address(return_addr))
			break;
		ksym_format_return(symbol, sizeof(symbol), return_addr);
		panic_print("  [<%016lx>] %s\n", return_addr, symbol);
	}
}

/* Another panic while one is being reported: one line, then stop. */
static __noreturn void panic_nested(int reporter, const char *fmt, va_list ap)
{
	unsigned int cpu = this_cpu()->id;
	char line[PANIC_LINE_MAX];

	if (nested_panics[cpu]++ == 0) {
		vsnprintf(line, sizeof(line), fmt, ap);
		panic_print("kernel panic: %s (on cpu %u, nested in cpu %d's panic)\n", line, cpu,
			    reporter);
	}
	if (reporter == (int)cpu)
		arch_panic_exit(PANIC_EXIT_STATUS);
	arch_halt_forever();
}

static __noreturn void panic_report(const struct trap_frame *frame, bool from_trap, const char *fmt,
				    va_list ap)
{
	int reporter = -1;

	if (!__atomic_compare_exchange_n(&panic_cpu, &reporter, (int)this_cpu()->id, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		panic_nested(reporter, fmt, ap);

	/* Stop the others first: the report is not interleaved with their output. */
	arch_stop_other_cpus();
	lockorder_disable();
	vsnprintf(panic_message, sizeof(panic_message), fmt, ap);
	panic_print("kernel panic: %s\n", panic_message);
	trap_frame_dump(frame);
	print_backtrace(frame, from_trap);
	panic_write("---[ end kernel panic ]---\n");
	arch_panic_exit(PANIC_EXIT_STATUS);
}

void panic(const char *fmt, ...)
{
	struct trap_frame regs;
	va_list ap;

	arch_irq_disable();
	arch_capture_registers(&regs);
	va_start(ap, fmt);
	panic_report(&regs, false, fmt, ap);
}

void panic_with_frame(struct trap_frame *frame, const char *fmt, ...)
{
	va_list ap;

	arch_irq_disable();
	va_start(ap, fmt);
	panic_report(frame, true, fmt, ap);
}
