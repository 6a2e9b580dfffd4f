/*
 * Tests of the ticket spinlocks (kernel/spinlock.c), on one CPU: the lock's state as seen by
 * its holder, trylock, and what the irqsave variants do to the interrupt flag.
 */
#include <kernel/cpu.h>
#include <kernel/ktest.h>
#include <kernel/spinlock.h>
#include <arch/cpu.h>

static struct spinlock test_lock = SPINLOCK_INIT("ktest");

KTEST(spinlock_lock_unlock, "spinlock: lock marks the lock held by this CPU, unlock frees it")
{
	KTEST_EXPECT(!spin_is_locked(&test_lock));
	spin_lock(&test_lock);
	KTEST_EXPECT(spin_is_locked(&test_lock));
	KTEST_EXPECT(spin_held_by_this_cpu(&test_lock));
	spin_unlock(&test_lock);
	KTEST_EXPECT(!spin_is_locked(&test_lock));
	KTEST_EXPECT(!spin_held_by_this_cpu(&test_lock));
}

KTEST(spinlock_trylock, "spinlock: trylock takes a free lock and fails on a held one")
{
	KTEST_ASSERT(spin_trylock(&test_lock));
	KTEST_EXPECT(spin_held_by_this_cpu(&test_lock));
	KTEST_EXPECT(!spin_trylock(&test_lock));
	spin_unlock(&test_lock);
	KTEST_EXPECT(spin_trylock(&test_lock));
	spin_unlock(&test_lock);
	KTEST_EXPECT(!spin_is_locked(&test_lock));
}

KTEST(spinlock_tickets_advance, "spinlock: many lock/unlock rounds leave the lock free")
{
	for (int i = 0; i < 1000; i++) {
		spin_lock(&test_lock);
		spin_unlock(&test_lock);
	}
	KTEST_EXPECT(!spin_is_locked(&test_lock));
	KTEST_EXPECT(spin_trylock(&test_lock));
	spin_unlock(&test_lock);
}

KTEST(spinlock_irqsave_enabled, "spinlock: irqsave disables interrupts, irqrestore re-enables")
{
	bool were_enabled = arch_irq_save();
	unsigned long flags;

	arch_irq_enable();
	flags = spin_lock_irqsave(&test_lock);
	KTEST_EXPECT(!arch_irq_enabled());
	KTEST_EXPECT(spin_held_by_this_cpu(&test_lock));
	spin_unlock_irqrestore(&test_lock, flags);
	KTEST_EXPECT(arch_irq_enabled());
	arch_irq_disable();
	arch_irq_restore(were_enabled);
}

KTEST(spinlock_irqsave_disabled, "spinlock: irqrestore leaves interrupts off if they were off")
{
	bool were_enabled = arch_irq_save();
	unsigned long flags;

	flags = spin_lock_irqsave(&test_lock);
	KTEST_EXPECT(!arch_irq_enabled());
	spin_unlock_irqrestore(&test_lock, flags);
	KTEST_EXPECT(!arch_irq_enabled());
	arch_irq_restore(were_enabled);
}

KTEST(spinlock_counts_locks_held, "spinlock: this CPU's count of held locks follows lock/unlock")
{
	static struct spinlock second = SPINLOCK_INIT("ktest_second");
	unsigned int before = this_cpu()->locks_held;

	spin_lock(&test_lock);
	spin_lock(&second);
	KTEST_EXPECT(this_cpu()->locks_held == before + 2);
	spin_unlock(&second);
	spin_unlock(&test_lock);
	KTEST_EXPECT(this_cpu()->locks_held == before);
}
