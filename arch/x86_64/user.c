/*
 * The machine half of user processes on x86_64 (the interface is <arch/user.h>): a new
 * program's registers, the thread pointer, and arch_prctl(2), which sets it.  Signal frames
 * are arch/x86_64/signal.c; the way into and out of user mode is syscall.S and trapentry.S.
 *
 * User mode is ring 3: code and stack segments USER_CS and USER_DS (<arch/gdt.h>).  The
 * thread pointer of thread-local storage is the FS base, which %fs:offset addresses use; each
 * process has its own (struct proc tls_base), loaded by every switch to it.
 */
#include <kernel/errno.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <arch/gdt.h>
#include <arch/prctl.h>
#include <arch/user.h>
#include <arch/x86.h>

#define RFLAGS_RESERVED 0x2UL /* bit 1 of rflags always reads as 1 */

void arch_start_user(struct trap_frame *frame, uint64_t entry, uint64_t stack)
{
	*frame = (struct trap_frame){ 0 };
	frame->rip = entry;
	frame->rsp = stack;
	frame->cs = USER_CS;
	frame->ss = USER_DS;
	frame->rflags = RFLAGS_IF | RFLAGS_RESERVED;
}

__hotpath void arch_set_tls_base(uint64_t base)
{
	wrmsr(MSR_FS_BASE, base);
}

/* arch_prctl(): set or read the calling process's FS base. */
long sys_arch_prctl(int code, uint64_t addr)
{
	struct proc *p = current_proc();

	switch (code) {
	case ARCH_SET_FS:
		if (addr >= USER_TOP)
			return -EPERM;
		p->tls_base = addr;
		arch_set_tls_base(addr);
		return 0;
	case ARCH_GET_FS:
		return copy_to_user(addr, &p->tls_base, sizeof(p->tls_base));
	default:
		return -EINVAL;
	}
}
