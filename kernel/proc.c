/*
 * Processes (the design is in include/kernel/proc.h): making and finding them, the
 * scheduler's switch hook, the way back to user mode, a kernel thread becoming a process and
 * starting its first program (init, and the user-mode helpers of kernel/umh.c), and getpid()
 * and getppid().
 *
 * fork() is in kernel/fork.c, execve() in kernel/exec.c, exit() and wait4() in kernel/exit.c,
 * signals in kernel/signal.c, the calls about user and group ids in kernel/cred.c.
 */
#include <kernel/container.h>
#include <kernel/cpu.h>
#include <kernel/errno.h>
#include <kernel/file.h>
#include <kernel/mm.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/syscall.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/fpu.h>
#include <arch/percpu.h>
#include <arch/user.h>

struct spinlock proc_lock = SPINLOCK_INIT("proc");
LIST_HEAD(proc_all_list); /* every process not yet reaped; proc_lock */
int proc_count;		  /* the processes on proc_all_list; proc_lock */
struct proc *init_proc;	  /* set once by proc_start_init() */

struct trap_frame *task_user_frame(struct task *task)
{
	return (struct trap_frame *)((char *)task->stack + KSTACK_SIZE) - 1;
}

/* fork: the child starts with the parent's command line (an empty one without memory). */
static void proc_copy_cmdline(struct proc *child, const struct proc *parent)
{
	child->cmdline = parent->cmdline_len ? kmalloc(parent->cmdline_len) : NULL;
	if (!child->cmdline)
		return;
	memcpy(child->cmdline, parent->cmdline, parent->cmdline_len);
	child->cmdline_len = parent->cmdline_len;
}

struct proc *proc_alloc(struct task *task, struct proc *parent)
{
	struct proc *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->task = task;
	p->pid = task->pid;
	p->parent = parent;
	INIT_LIST_HEAD(&p->children);
	INIT_LIST_HEAD(&p->sibling);
	INIT_LIST_HEAD(&p->all_link);
	spin_lock_init(&p->task_lock, "task");
	INIT_LIST_HEAD(&p->css_group_link);
	p->cred = parent ? parent->cred : root_cred;
	p->umask = parent ? parent->umask : INIT_UMASK;
	rlimit_init_proc(p, parent);
	if (parent) {
		p->tls_base = parent->tls_base;
		proc_copy_cmdline(p, parent);
	}
	if (!parent)
		container_init_proc(p); /* in every top container; a child joins with fork */
	signal_init(p, parent);
	wait_queue_init(&p->child_wait, "child_wait");
	wait_queue_init(&p->signal_wait, "signal_wait");
	return p;
}

/* proc_link()'s work; caller holds proc_lock. */
static void proc_link_locked(struct proc *p)
{
	assert_spin_locked(&proc_lock);
	list_add_tail(&p->all_link, &proc_all_list);
	proc_count++;
	if (p->parent) {
		list_add_tail(&p->sibling, &p->parent->children);
		p->pgid = p->parent->pgid;
		p->sid = p->parent->sid;
	} else {
		p->pgid = p->sid = p->pid; /* init: the first group and session */
	}
}

void proc_link(struct proc *p)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);

	proc_link_locked(p);
	spin_unlock_irqrestore(&proc_lock, flags);
}

int proc_link_forked(struct proc *child)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int err = rlimit_may_fork(child->parent);

	if (!err)
		proc_link_locked(child);
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

void proc_unlist(struct proc *p)
{
	assert_spin_locked(&proc_lock);
	list_del(&p->all_link);
	proc_count--;
}

void proc_free(struct proc *p)
{
	if (p->mm) /* what exit left of it (mm_empty()), or a failed fork's copy */
		mm_destroy(p->mm);
	container_free_proc(p);
	kfree(p->cmdline);
	kfree(p);
}

/* The bytes of the first argc NUL-ended strings at args, cut at PROC_CMDLINE_MAX. */
static size_t argv_length(const char *args, int argc)
{
	size_t len = 0;

	for (int i = 0; i < argc && len < PROC_CMDLINE_MAX; i++)
		len += strlen(args + len) + 1;
	return MIN(len, (size_t)PROC_CMDLINE_MAX);
}

void proc_set_command(struct proc *p, const char *name, const char *args, int argc)
{
	size_t len = argv_length(args, argc);
	char *cmdline = len ? kmalloc(len) : NULL;
	unsigned long flags;
	char *old;

	if (cmdline)
		memcpy(cmdline, args, len);
	flags = spin_lock_irqsave(&proc_lock);
	strlcpy(p->task->name, name, sizeof(p->task->name));
	old = p->cmdline;
	p->cmdline = cmdline;
	p->cmdline_len = cmdline ? len : 0;
	spin_unlock_irqrestore(&proc_lock, flags);
	kfree(old);
}

struct proc *proc_find_unreaped(int pid)
{
	struct proc *p;

	assert_spin_locked(&proc_lock);
	list_for_each_entry(p, &proc_all_list, all_link)
		if (p->pid == pid)
			return p;
	return NULL;
}

struct proc *proc_find(int pid)
{
	struct proc *p = proc_find_unreaped(pid);

	return p && !p->zombie ? p : NULL;
}

__hotpath void proc_switch(struct task *prev, struct task *next)
{
	uint64_t now = clock_monotonic_ns();

	if (prev->proc) /* its containers' CPU time (cpuacct) */
		container_charge(prev->proc, now - prev->exec_start);
	next->exec_start = now;
	fpu_switch(&prev->fpu);
	mm_activate(next->proc ? next->proc->mm : NULL);
	if (next->proc)
		arch_set_tls_base(next->proc->tls_base);
	if (next->stack)
		arch_set_kernel_stack((uint64_t)next->stack + KSTACK_SIZE);
}

__hotpath void exit_to_user_mode(struct trap_frame *frame)
{
	struct task *self = current_task();

	for (;;) {
		bool resched = this_cpu()->need_resched;

		if (!resched && !signal_pending(self)) {
			signal_restart_syscall(frame);
			return;
		}
		arch_irq_enable();
		if (resched)
			schedule();
		else
			signal_deliver(frame);
		arch_irq_disable();
	}
}

struct proc *proc_become(void)
{
	struct task *self = current_task();
	struct proc *p = proc_alloc(self, NULL);

	if (p)
		self->proc = p;
	return p;
}

void proc_unbecome(struct proc *p)
{
	bool irq = arch_irq_save(); /* the tick charges current's proc: none from here on */

	current_task()->proc = NULL;
	arch_irq_restore(irq);
	files_exit(p);
	proc_free(p);
}

int proc_exec_first(struct proc *p, const char *path, const char *const argv[],
		    const char *const envp[])
{
	int err = files_open_console(p, p == init_proc); /* a helper has no terminal */

	if (!err)
		err = kernel_execve(path, argv, envp, &p->start_frame);
	return err;
}

int proc_start_init(const char *path, const char *const argv[], const char *const envp[])
{
	struct proc *p = proc_become();
	int err;

	if (!p)
		return -ENOMEM;
	init_proc = p;
	proc_link(p);
	err = proc_exec_first(p, path, argv, envp);
	if (err)
		return err;
	arch_enter_user(&p->start_frame);
}

/* ---- system calls about who a process is ---- */

long sys_getpid(void)
{
	return current_proc()->pid;
}

long sys_getppid(void)
{
	struct proc *self = current_proc();
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	int ppid = self->parent ? self->parent->pid : 0;

	spin_unlock_irqrestore(&proc_lock, flags);
	return ppid;
}

/* ---- errno messages for log lines ---- */

static const char *const errno_messages[] = {
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[EIO] = "I/O error",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file number",
	[ENOMEM] = "Out of memory",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS] = "Invalid system call number",
};

const char *errno_message(int err)
{
	if (err < 0)
		err = -err;
	if (err < (int)ARRAY_SIZE(errno_messages) && errno_messages[err])
		return errno_messages[err];
	return "Unknown error";
}
