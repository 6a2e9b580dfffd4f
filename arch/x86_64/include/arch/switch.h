/*
 * The context switch (arch/x86_64/switch.S): the machine half of the scheduler.
 *
 * A switched-out task's registers live on its own kernel stack: arch_switch_to() pushes the
 * callee-saved ones (the C ABI lets the compiler assume only these survive a call), saves the
 * stack pointer, loads the next task's, and pops that task's registers, returning into
 * whatever called arch_switch_to() in that task long ago.  A new task has never called it, so
 * arch_task_stack_init() builds a stack that looks as if it had, returning into a trampoline
 * that calls the task's entry function.
 */
#ifndef ARCH_SWITCH_H
#define ARCH_SWITCH_H

/*
 * Save the running context, storing its stack pointer in *prev_sp, and resume the one saved
 * at next_sp.  Returns, in the resumed context, the prev argument of the call that switched
 * to it: the task switched away from.
 */
void *arch_switch_to(void **prev_sp, void *next_sp, void *prev);

/*
 * Lay out a new task's first context on the stack that ends at stack_top: switching to the
 * returned stack pointer calls entry(prev), prev being what arch_switch_to() would return.
 * entry must not return.
 */
void *arch_task_stack_init(void *stack_top, void (*entry)(void *prev));

#endif
