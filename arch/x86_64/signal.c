/*
 * Signal frames on x86_64 (the interface is <arch/user.h>; delivery is kernel/signal.c): the
 * frame Linux writes on the user stack to run a handler, and rt_sigreturn's reading of it.
 *
 * A handler runs on the user stack, below the interrupted stack pointer and its 128-byte red
 * zone, above a frame the kernel writes there:
 *
 *	fpstate		the FPU registers (fxsave area, 512 bytes, 64-byte aligned)
 *	rt_sigframe	info: siginfo for the handler's second argument
 *			uc: ucontext: the interrupted registers (sigcontext), blocked mask
 *			pretcode: the restorer's address, where the handler returns to
 *	  <- rsp at the handler's first instruction (rsp + 8 16-byte aligned, as after a call)
 *
 * The handler is called as handler(sig, &info, &uc): rdi, rsi, rdx.  rt_sigreturn (called by
 * the restorer, once the handler's ret has popped pretcode) reads the frame back, checks it,
 * and resumes there.
 */
#include <stddef.h>
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/signal.h>
#include <kernel/task.h>
#include <kernel/uaccess.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <arch/fpu.h>
#include <arch/gdt.h>
#include <arch/user.h>
#include <arch/x86.h>

#define RED_ZONE 128

/* The rflags bits a signal frame may change (Linux's FIX_EFLAGS). */
#define USER_RFLAGS_MASK 0x50dd5UL /* AC RF OF DF TF SF ZF AF PF CF */

/* Linux's struct sigcontext for x86_64. */
struct sigcontext {
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rdi, rsi, rbp, rbx, rdx, rax, rcx, rsp, rip, eflags;
	uint16_t cs, gs, fs, ss;
	uint64_t err, trapno, oldmask, cr2;
	uint64_t fpstate; /* user address of the fxsave area, 0 if none */
	uint64_t reserved[8];
};

struct ucontext {
	uint64_t uc_flags;
	uint64_t uc_link;
	struct {
		uint64_t ss_sp;
		int32_t ss_flags;
		int32_t pad;
		uint64_t ss_size;
	} uc_stack;
	struct sigcontext uc_mcontext;
	uint64_t uc_sigmask;
};

struct siginfo {
	int32_t si_signo, si_errno, si_code, pad;
	union {
		struct {
			int32_t pid;
			uint32_t uid;
		} kill;
		uint64_t addr;
		uint8_t bytes[112];
	};
};

struct rt_sigframe {
	uint64_t pretcode;
	struct ucontext uc;
	struct siginfo info;
};

BUILD_BUG_ON(sizeof(struct sigcontext) != 256);
BUILD_BUG_ON(sizeof(struct siginfo) != 128);
BUILD_BUG_ON(sizeof(struct rt_sigframe) != 440);

/* ---- the handler's frame ---- */

static void save_registers(struct sigcontext *sc, const struct trap_frame *frame)
{
	*sc = (struct sigcontext){
		.r8 = frame->r8,
		.r9 = frame->r9,
		.r10 = frame->r10,
		.r11 = frame->r11,
		.r12 = frame->r12,
		.r13 = frame->r13,
		.r14 = frame->r14,
		.r15 = frame->r15,
		.rdi = frame->rdi,
		.rsi = frame->rsi,
		.rbp = frame->rbp,
		.rbx = frame->rbx,
		.rdx = frame->rdx,
		.rax = frame->rax,
		.rcx = frame->rcx,
		.rsp = frame->rsp,
		.rip = frame->rip,
		.eflags = frame->rflags,
		.cs = (uint16_t)frame->cs,
		.ss = (uint16_t)frame->ss,
		.err = frame->error_code,
	};
	if (frame->vector < NR_EXCEPTIONS)
		sc->trapno = frame->vector;
}

/* Write the FPU registers to the user stack at fpstate. */
static int save_fpu(uint64_t fpstate)
{
	struct task *self = current_task();

	fpu_sync(&self->fpu);
	return copy_to_user(fpstate, &self->fpu, sizeof(self->fpu));
}

/* The frame for sig, with the interrupted registers of frame; fpstate is where the FPU goes. */
static void fill_frame(struct rt_sigframe *kf, const struct trap_frame *frame, int sig,
		       const struct k_sigaction *action, const struct signal_info *info,
		       uint64_t blocked, uint64_t fpstate)
{
	kf->pretcode = action->restorer;
	save_registers(&kf->uc.uc_mcontext, frame);
	kf->uc.uc_mcontext.fpstate = fpstate;
	kf->uc.uc_mcontext.oldmask = blocked;
	kf->uc.uc_mcontext.cr2 = info->addr;
	kf->uc.uc_sigmask = blocked;
	kf->info = (struct siginfo){ .si_signo = sig, .si_code = info->code };
	if (info->code == SI_USER) {
		kf->info.kill.pid = info->pid;
		kf->info.kill.uid = (uint32_t)info->uid;
	} else {
		kf->info.addr = info->addr;
	}
}

/*
 * A handler can run only with a restorer to return to, and at a user address: iretq to a
 * non-canonical rip would fault in the kernel.
 */
static bool handler_ok(const struct k_sigaction *action)
{
	return (action->flags & SA_RESTORER) && action->handler < USER_TOP;
}

int arch_setup_signal_frame(struct trap_frame *frame, int sig, const struct k_sigaction *action,
			    const struct signal_info *info, uint64_t blocked)
{
	uint64_t fpstate = ALIGN_DOWN(frame->rsp - RED_ZONE - FPU_STATE_SIZE, 64);
	uint64_t addr = ALIGN_DOWN(fpstate - sizeof(struct rt_sigframe), 16) - 8;
	struct rt_sigframe *kf;
	int err;

	if (!handler_ok(action))
		return -EFAULT;
	kf = kzalloc(sizeof(*kf));
	if (!kf)
		return -ENOMEM;
	fill_frame(kf, frame, sig, action, info, blocked, fpstate);
	err = save_fpu(fpstate);
	if (!err)
		err = copy_to_user(addr, kf, sizeof(*kf));
	kfree(kf);
	if (err)
		return err;
	frame->rip = action->handler;
	frame->rsp = addr;
	frame->rdi = (uint64_t)sig;
	frame->rsi = addr + offsetof(struct rt_sigframe, info);
	frame->rdx = addr + offsetof(struct rt_sigframe, uc);
	frame->rax = 0;
	frame->rflags &= ~(RFLAGS_TF | RFLAGS_DF | RFLAGS_RF);
	fpu_set(&current_task()->fpu, NULL);
	return 0;
}

/* ---- rt_sigreturn ---- */

/* The registers of sc, with user segments and only the flags a program may change. */
static void restore_registers(struct trap_frame *frame, const struct sigcontext *sc)
{
	frame->r8 = sc->r8;
	frame->r9 = sc->r9;
	frame->r10 = sc->r10;
	frame->r11 = sc->r11;
	frame->r12 = sc->r12;
	frame->r13 = sc->r13;
	frame->r14 = sc->r14;
	frame->r15 = sc->r15;
	frame->rdi = sc->rdi;
	frame->rsi = sc->rsi;
	frame->rbp = sc->rbp;
	frame->rbx = sc->rbx;
	frame->rdx = sc->rdx;
	frame->rax = sc->rax;
	frame->rcx = sc->rcx;
	frame->rsp = sc->rsp;
	frame->rip = sc->rip;
	frame->rflags =
	    (frame->rflags & ~USER_RFLAGS_MASK) | (sc->eflags & USER_RFLAGS_MASK) | RFLAGS_IF;
	frame->cs = USER_CS;
	frame->ss = USER_DS;
}

/* Load the FPU registers saved at user address fpstate (0: a fresh state). */
static int restore_fpu(uint64_t fpstate)
{
	struct fpu_state *state;

	if (!fpstate) {
		fpu_set(&current_task()->fpu, NULL);
		return 0;
	}
	state = kmalloc(sizeof(*state));
	if (!state)
		return -ENOMEM;
	if (copy_from_user(state, fpstate, sizeof(*state))) {
		kfree(state);
		return -EFAULT;
	}
	fpu_sanitize(state);
	fpu_set(&current_task()->fpu, state);
	kfree(state);
	return 0;
}

int arch_restore_signal_frame(struct trap_frame *frame, uint64_t *blocked)
{
	struct ucontext *uc = kmalloc(sizeof(*uc));
	uint64_t addr = frame->rsp - 8 + offsetof(struct rt_sigframe, uc);
	int err = uc ? copy_from_user(uc, addr, sizeof(*uc)) : -ENOMEM;

	if (!err && (uc->uc_mcontext.rip >= USER_TOP || uc->uc_mcontext.rsp > USER_TOP))
		err = -EFAULT; /* iretq to a non-canonical address faults in the kernel */
	if (!err)
		err = restore_fpu(uc->uc_mcontext.fpstate);
	if (!err) {
		restore_registers(frame, &uc->uc_mcontext);
		*blocked = uc->uc_sigmask;
	}
	kfree(uc);
	return err;
}
