/*
 * System calls about scheduling and the machine: sched_yield, sysinfo, uname, reboot, and
 * syslog (the kernel log); arch_prctl, which belongs to x86_64 alone, is in
 * arch/x86_64/user.c.  The calls about time are in kernel/sys_time.c.
 */
#include <kernel/errno.h>
#include <kernel/mm.h>
#include <kernel/power.h>
#include <kernel/printk.h>
#include <kernel/proc.h>
#include <kernel/reboot.h>
#include <kernel/signal.h>
#include <kernel/syscall.h>
#include <kernel/syslog.h>
#include <kernel/task.h>
#include <kernel/time.h>
#include <kernel/uaccess.h>
#include <kernel/utsname.h>
#include <kernel/vm.h>
#include <lib/compiler.h>
#include <lib/string.h>
#include <arch/user.h>

__hotpath long sys_sched_yield(void)
{
	yield();
	return 0;
}

/* LAB 1 BEGIN: sysinfo(2) */
/* Linux's struct sysinfo (112 bytes on x86_64). */
struct sysinfo_user {
	int64_t uptime;
	uint64_t loads[3];
	uint64_t totalram, freeram, sharedram, bufferram, totalswap, freeswap;
	uint16_t procs, pad;
	uint64_t totalhigh, freehigh;
	uint32_t mem_unit;
};
_Static_assert(sizeof(struct sysinfo_user) == 112, "struct sysinfo is Linux's");

static uint16_t count_processes(void)
{
	unsigned long flags = spin_lock_irqsave(&proc_lock);
	uint16_t n = 0;
	struct proc *p;

	list_for_each_entry(p, &proc_all_list, all_link)
		n++;
	spin_unlock_irqrestore(&proc_lock, flags);
	return n;
}

/*
 * sysinfo(): uptime, memory in pages (mem_unit PAGE_SIZE) and the number of processes.  Free
 * memory counts kmalloc's spare slab pages, which it gives back on demand, and the kernel
 * stacks kept for the next tasks, so that a program that frees all it used sees exactly the
 * free memory it started with.  No swap, no loads.
 */
long sys_sysinfo(uint64_t info)
{
	struct sysinfo_user si = {
		.uptime = (int64_t)(clock_monotonic_ns() / NSEC_PER_SEC),
		.totalram = total_page_count(),
		.freeram = free_memory_pages(),
		.procs = count_processes(),
		.mem_unit = PAGE_SIZE,
	};

	return copy_to_user(info, &si, sizeof(si));
}
/* LAB 1 END */
/* LAB 1 STUB
long sys_sysinfo(uint64_t info)
{
	pr_warn_once("lab 1: sys_sysinfo() is yours to write, see docs/labs/1-syscall.md\n");
	return -ENOSYS;
}
*/

long sys_uname(uint64_t buf)
{
	static const struct utsname_user uts = {
		.sysname = "Corral",
		.nodename = "corral",
		.release = "0.1",
		.version = "#1 Corral 0.1",
		.machine = ARCH_UTS_MACHINE,
		.domainname = "(none)",
	};

	return copy_to_user(buf, &uts, sizeof(uts));
}

static bool reboot_magic_ok(int magic1, int magic2)
{
	return (unsigned int)magic1 == LINUX_REBOOT_MAGIC1 &&
	       (magic2 == LINUX_REBOOT_MAGIC2 || magic2 == LINUX_REBOOT_MAGIC2A ||
		magic2 == LINUX_REBOOT_MAGIC2B || magic2 == LINUX_REBOOT_MAGIC2C);
}

/*
 * reboot(): power off (LINUX_REBOOT_CMD_POWER_OFF or _HALT) for root only.  A Corral
 * extension: the low byte of arg is the status the machine powers off with (QEMU's exit
 * status under tests/boot); Linux ignores arg for these commands, so C libraries pass 0.
 */
long sys_reboot(int magic1, int magic2, unsigned int cmd, uint64_t arg)
{
	if (!cred_privileged(current_cred()))
		return -EPERM;
	if (!reboot_magic_ok(magic1, magic2))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
	case LINUX_REBOOT_CMD_HALT:
		power_off((int)(arg & 0xff));
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	default:
		return -EINVAL;
	}
}

/* Copy the newest len bytes (at most) of the log to ubuf; the bytes copied. */
static long syslog_read_all(uint64_t ubuf, int len)
{
	size_t size;
	char *buf;
	long n;

	if (!ubuf || len < 0)
		return -EINVAL;
	size = MIN((size_t)len, printk_log_size());
	if (size == 0)
		return 0;
	buf = kmalloc(size);
	if (!buf)
		return -ENOMEM;
	n = (long)printk_read_log_tail(buf, size);
	if (copy_to_user(ubuf, buf, (size_t)n))
		n = -EFAULT;
	kfree(buf);
	return n;
}

/*
 * syslog(2), which C libraries call klogctl(): anyone may read the whole log (READ_ALL, which
 * leaves it as it is) or ask its size; every other action is root's (EPERM), as on Linux
 * with dmesg_restrict off: reading and clearing (READ_CLEAR), clearing.  Reading
 * destructively (SYSLOG_ACTION_READ) and the console-level actions are not implemented:
 * EINVAL.
 */
long sys_syslog(int type, uint64_t buf, int len)
{
	long n;

	if (type != SYSLOG_ACTION_READ_ALL && type != SYSLOG_ACTION_SIZE_BUFFER &&
	    !cred_privileged(current_cred()))
		return -EPERM;
	switch (type) {
	case SYSLOG_ACTION_CLOSE:
	case SYSLOG_ACTION_OPEN:
		return 0;
	case SYSLOG_ACTION_READ_ALL:
		return syslog_read_all(buf, len);
	case SYSLOG_ACTION_READ_CLEAR:
		n = syslog_read_all(buf, len);
		if (n >= 0)
			printk_clear_log();
		return n;
	case SYSLOG_ACTION_CLEAR:
		printk_clear_log();
		return 0;
	case SYSLOG_ACTION_SIZE_BUFFER:
		return (long)printk_log_size();
	default:
		return -EINVAL;
	}
}
