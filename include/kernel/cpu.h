/*
 * Per-CPU data.  Each CPU has one struct cpu, reached through this_cpu(): the machine keeps a
 * pointer to it where one instruction finds it (arch_this_cpu(), <arch/percpu.h>).
 * Only the owning CPU writes its struct cpu, so its fields need no lock (another CPU may read
 * current under runqueue_lock, to find an idle CPU, never write it); the exceptions, written
 * by other CPUs with atomics, say so.  What only the machine's own code needs of a CPU (its
 * interrupt stacks, its interrupt controller's id, the page table it runs on) is in arch.
 */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <kernel/lockorder.h>
#include <arch/percpu.h>

struct task;

#define MAX_CPUS 16

struct cpu {
	struct cpu *self;	  /* must stay first: arch_this_cpu() reads it */
	struct arch_cpu arch;	  /* the machine's part; must stay second (<arch/percpu.h>) */
	unsigned int id;	  /* 0 .. ncpus-1; the boot CPU is 0 */
	unsigned int locks_held;  /* spinlocks it holds now; no preemption while > 0 (percpu op) */
	unsigned int rcu_nesting; /* rcu_read_lock() depth; no preemption while > 0 (percpu op) */
	bool rcu_need_qs;	  /* atomic: a grace period waits for this CPU (kernel/rcu.c) */
	bool in_lockorder;	  /* inside the lock-order checker: it ignores this CPU's locks */
	struct held_locks spin_held; /* the spinlocks it holds, for the lock-order checker */
	struct task *current;	     /* the task running here; NULL until sched_init() */
	struct task *idle;	     /* this CPU's idle task, run when nothing else can run */
	bool need_resched;	     /* call schedule() on the way out of the interrupt */
	bool online;		     /* started and taking IPIs (set once, by the boot CPU) */
};

extern struct cpu cpus[MAX_CPUS];
extern unsigned int ncpus; /* CPUs started so far (atomic: grows while APs start) */

static inline struct cpu *this_cpu(void)
{
	return arch_this_cpu();
}

/* Add to an unsigned int field of this CPU's struct cpu, safely against interrupts. */
#define this_cpu_add(field, delta) arch_percpu_add32(offsetof(struct cpu, field), (int)(delta))

/* Make cpus[0] this CPU's struct cpu; the first thing kmain() does. */
void percpu_init_boot(void);

#endif
