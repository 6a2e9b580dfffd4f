/*
 * Multiprocessor support: starting the application processors (APs), and the
 * inter-processor interrupts (IPIs) the CPUs send each other — reschedule, TLB shootdown and
 * the NMI that stops them all on a panic.  The code is arch/x86_64/smp.c and smpboot.S; the
 * design is in docs/locking.md.
 */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

/* The physical page the real-mode trampoline is copied to (below 1 MiB, never allocated). */
#define SMP_TRAMPOLINE_PHYS	   0x8000
#define SMP_TRAMPOLINE_SIPI_VECTOR (SMP_TRAMPOLINE_PHYS >> 12)

#ifndef __ASSEMBLY__
#include <stdint.h>

struct cpu;

/* tlb_shootdown()'s va for "everything in that address space". */
#define TLB_FLUSH_ALL (~0UL)

/*
 * Start every CPU the MADT lists, one at a time; each runs its idle loop once up.  Called
 * by the boot CPU after sched_init(), with interrupts on.  Sets ncpus.
 */
void smp_start_cpus(void);

/* Make cpu leave its idle halt and look at the run queue (it sets its need_resched). */
void smp_send_resched(struct cpu *cpu);

/* Ask cpu for an RCU quiescent state (kernel/rcu.c): its handler calls rcu_ipi(). */
void smp_send_rcu(struct cpu *cpu);

/*
 * Invalidate va (or, with TLB_FLUSH_ALL, every non-global entry) on every other CPU that
 * has page table root (a physical address) loaded, or on every other CPU when root is 0
 * (a change to the kernel half).  Returns once each has done it.  The caller has already
 * flushed its own TLB.  May be called with interrupts off and spinlocks held: see smp.c.
 */
void tlb_shootdown(uint64_t root, uint64_t va);

/* Serve a shootdown asked of this CPU, if any; called while spinning with interrupts off. */
void smp_poll_requests(void);

/* Record that this CPU now runs page table root (arch/x86_64/uvm.c, on every CR3 load). */
void smp_note_active_root(uint64_t root);
#endif

#endif
