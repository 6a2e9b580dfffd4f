/*
 * kmain(): where the kernel starts in C, called by arch/x86_64/boot.S in long mode on the boot
 * stack.  It brings the machine up in dependency order, each step one call:
 *
 *   per-CPU area -> console -> boot information -> command line (the word "trace" turns the
 *   event trace on here) -> the CPU's own tables, traps, FPU and system-call instruction
 *   (arch_init_cpu()) -> physical memory -> kernel
 *   page tables -> kmalloc -> interrupt controllers and timer (arch_init_interrupts()) ->
 *   console input -> the wall clock (the RTC) -> scheduler -> the other CPUs -> "corral: ready"
 *
 * Then a kernel thread starts to run what the command line asks for (in-kernel tests, a test
 * fault, a power-off), or else to become init, the first user process; the rcu thread and the
 * system workqueue's worker (kernel/workqueue.c) start; and kmain's thread becomes task 0, the
 * idle task.
 */
#include <kernel/container.h>
#include <kernel/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/cpu.h>
#include <kernel/kbench.h>
#include <kernel/ktest.h>
#include <kernel/mm.h>
#include <kernel/panic.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/rcu.h>
#include <kernel/rlimit.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/trace.h>
#include <kernel/vfs.h>
#include <kernel/workqueue.h>
#include <arch/cpu.h>
#include <arch/serial.h>
#include <arch/setup.h>
#include <arch/smp.h>
#include <arch/testfault.h>

struct boot_info boot_info;

static void start_console(uint32_t magic, uint64_t info_phys)
{
	serial_init();
	if (bootinfo_parse(magic, info_phys, &boot_info) < 0)
		panic("not started by a multiboot boot loader (magic %#x)", magic);
	cmdline_parse(&kernel_cmdline, boot_info.cmdline);
	if (kernel_cmdline.quiet)
		printk_set_console_level(LOG_WARNING);
	if (kernel_cmdline.trace)
		trace_set_enabled(true);
	pr_info("Corral, a small x86_64 teaching kernel (multiboot%d)\n",
		boot_info.multiboot_version);
	pr_info("cmdline: '%s'\n", boot_info.cmdline);
	bootinfo_log(&boot_info);
}

static void start_memory(void)
{
	page_alloc_init(&boot_info);
	paging_init(&boot_info);
	kmalloc_init();
	rlimit_init();
	kstack_init(procs_max + KTHREAD_STACKS);
}

static void start_interrupts(void)
{
	arch_init_interrupts(&boot_info);
	serial_enable_input();
	arch_irq_enable();
}

static const char *const init_envp[] = { "HOME=/", "PATH=/sbin:/bin:/usr/sbin:/usr/bin",
					 "TERM=vt100", NULL };

/*
 * Become init: run init_path with argv {init_path, init_args...}.  Returns never: init runs
 * until it exits (then the kernel powers off with its status, kernel/exit.c), and a failure
 * to start it powers off with status 127.
 */
static void start_init(void)
{
	const char *argv[CMDLINE_MAX_INIT_ARGS + 2];
	const char *path = kernel_cmdline.init_path;
	int argc = 0, err;

	argv[argc++] = path;
	for (int i = 0; i < kernel_cmdline.init_argc; i++)
		argv[argc++] = kernel_cmdline.init_args[i];
	argv[argc] = NULL;
	err = proc_start_init(path, argv, init_envp);
	pr_err("init: cannot run %s: %s (%d)\n", path, errno_message(err), err);
	power_off(127);
}

/* Do what the command line asked for once booted: a test, or else start init. */
static int run_boot_request(void *unused)
{
	container_init();	   /* before the first process, which joins its containers */
	vfs_init_root(&boot_info); /* here, not in kmain: the VFS's mutexes need a task */
	if (kernel_cmdline.ktest)
		power_off(ktest_run_all(kernel_cmdline.ktest_only) == 0 ? 0 : 1);
	if (kernel_cmdline.kbench)
		power_off(kbench_run_all() == 0 ? 0 : 1);
	if (kernel_cmdline.test_fault)
		test_fault_trigger(kernel_cmdline.test_fault);
	if (kernel_cmdline.test_poweroff >= 0)
		power_off(kernel_cmdline.test_poweroff);
	start_init();
	return 0;
}

static void start_boot_thread(void)
{
	struct task *boot = kthread_create(run_boot_request, NULL, "boot");

	if (!boot)
		panic("cannot start the boot thread: out of memory");
	kthread_detach(boot);
}

void kmain(uint32_t magic, uint64_t info_phys);
void kmain(uint32_t magic, uint64_t info_phys)
{
	arch_start_early(); /* the PIT counts while the kernel starts (timer calibration) */
	percpu_init_boot();
	start_console(magic, info_phys);
	arch_init_cpu();
	start_memory();
	start_interrupts();
	realtime_init();
	sched_init();
	smp_start_cpus();
	pr_info("corral: ready in %lu us (the kernel started at %lu us)\n",
		(unsigned long)(clock_monotonic_ns() / 1000),
		(unsigned long)(clock_kernel_start_ns() / 1000));

	start_boot_thread(); /* first, so init is pid 1 */
	rcu_init();
	workqueue_init(); /* items queued before the worker runs wait for it */
	sched_idle();
}
