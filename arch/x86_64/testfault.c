/*
 * Faults on purpose (test.fault=KIND), so the tests can check what a panic reports:
 *
 *   null    test_fault_null_deref() writes through a NULL pointer: a page fault
 *   divide  test_fault_divide() divides by zero: a divide error
 *   ud      test_fault_invalid_opcode() runs ud2: an invalid opcode
 *   stack   test_fault_stack_overflow() recurses without end on a small stack with an
 *           unmapped guard page below it: the page fault cannot push its frame, which makes
 *           a double fault, taken on its own IST stack
 *
 * Each fault sits in a function of its own, never inlined, so the report's RIP and
 * backtrace name it.  The values come through volatile variables, so the compiler can
 * neither see the fault coming nor remove it.
 */
#include <stdint.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/printk.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/mmio.h>
#include <arch/testfault.h>

#define noinline __attribute__((noinline))

#define OVERFLOW_STACK_PAGES 4

static int *volatile null_pointer;
static volatile int zero;
static volatile int sink;
static volatile uint64_t recursion_limit; /* never set: it only hides the endless recursion */

/* Run fn on the stack whose top is stack_top (16-byte aligned). */
void test_fault_call_on_stack(uint64_t stack_top, void (*fn)(void));
__asm__(".text\n"
	".globl test_fault_call_on_stack\n"
	"test_fault_call_on_stack:\n\t"
	"pushq %rbp\n\t"
	"movq %rsp, %rbp\n\t"
	"movq %rdi, %rsp\n\t"
	"callq *%rsi\n\t"
	"movq %rbp, %rsp\n\t"
	"popq %rbp\n\t"
	"ret\n");

/*
 * Each of these keeps a volatile local on its stack, which makes gcc set up a frame pointer:
 * it leaves that out of leaf functions that never touch the stack, and the backtrace would
 * then skip the caller.
 */
static noinline void test_fault_null_deref(void)
{
	int *volatile pointer = null_pointer;

	*pointer = 1;
}

static noinline void test_fault_divide(void)
{
	volatile int dividend = 1, divisor = zero;

	sink = dividend / divisor;
}

static noinline void test_fault_invalid_opcode(void)
{
	volatile int frame_marker = 0;

	__asm__ volatile("ud2" : : "r"(frame_marker));
}

static noinline uint64_t test_fault_recurse(uint64_t depth)
{
	volatile uint8_t frame_padding[256];

	frame_padding[0] = (uint8_t)depth;
	if (recursion_limit && depth >= recursion_limit)
		return depth;
	return test_fault_recurse(depth + 1) + frame_padding[0];
}

static noinline void test_fault_stack_overflow_on_stack(void)
{
	sink = (int)test_fault_recurse(0);
}

/*
 * Map a small stack in the MMIO window, whose unmapped page below it is the guard, and
 * overflow it.
 */
static noinline void test_fault_stack_overflow(void)
{
	uint64_t stack = mmio_window_reserve(OVERFLOW_STACK_PAGES);

	if (stack == 0)
		panic("test.fault=stack: no room for a test stack");
	for (int i = 0; i < OVERFLOW_STACK_PAGES; i++) {
		uint64_t page = alloc_pages(0);

		if (page == 0 || kernel_map_page(stack + i * PAGE_SIZE, page,
						 PTE_PRESENT | PTE_WRITE | PTE_NX) < 0)
			panic("test.fault=stack: cannot map a test stack");
	}
	pr_info("testfault: overflowing a %d KiB stack at %#lx\n", OVERFLOW_STACK_PAGES * 4, stack);
	test_fault_call_on_stack(stack + OVERFLOW_STACK_PAGES * PAGE_SIZE,
				 test_fault_stack_overflow_on_stack);
}

static const struct {
	const char *kind;
	void (*cause)(void);
} test_faults[] = {
	{ "null", test_fault_null_deref },
	{ "divide", test_fault_divide },
	{ "ud", test_fault_invalid_opcode },
	{ "stack", test_fault_stack_overflow },
};

void test_fault_trigger(const char *kind)
{
	for (size_t i = 0; i < ARRAY_SIZE(test_faults); i++) {
		if (strcmp(kind, test_faults[i].kind) == 0) {
			pr_info("testfault: causing a '%s' fault\n", kind);
			test_faults[i].cause();
			pr_err("testfault: the '%s' fault did not happen\n", kind);
			return;
		}
	}
	pr_warn("testfault: unknown fault '%s' (null, divide, ud, stack); ignored\n", kind);
}
