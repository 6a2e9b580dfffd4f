/*
 * The machine and its file systems: uname(), sysinfo() and what is counted with it, reboot(),
 * mount() and umount(), sync(), the kernel's log (klogctl()), page size and sysconf(), and
 * syscall(), which makes any system call by number.
 */
#define _GNU_SOURCE /* sched_getaffinity() */
#include <errno.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <sys/klog.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "port.h"
#include "syscall.h"

#define PAGE_SIZE 4096

int uname(struct utsname *name)
{
	return syscall_return(syscall1(SYS_uname, (long)name));
}

int sysinfo(struct sysinfo *info)
{
	return syscall_return(syscall1(SYS_sysinfo, (long)info));
}

/* The processors: those this process may run on, which on Corral is every one online. */
int get_nprocs(void)
{
	cpu_set_t set;

	return sched_getaffinity(0, sizeof(set), &set) == 0 ? CPU_COUNT(&set) : 1;
}

int get_nprocs_conf(void)
{
	return get_nprocs();
}

long get_phys_pages(void)
{
	struct sysinfo info;

	return sysinfo(&info) == 0 ? (long)(info.totalram * info.mem_unit / PAGE_SIZE) : -1;
}

long get_avphys_pages(void)
{
	struct sysinfo info;

	return sysinfo(&info) == 0 ? (long)(info.freeram * info.mem_unit / PAGE_SIZE) : -1;
}

int klogctl(int type, char *buf, int len)
{
	return syscall_return(syscall3(SYS_syslog, type, (long)buf, len));
}

/* reboot(2) wants two magic numbers before the command (RB_* from <sys/reboot.h>). */
int reboot(int howto)
{
	return syscall_return(
	    syscall4(SYS_reboot, LINUX_REBOOT_MAGIC1, LINUX_REBOOT_MAGIC2, (unsigned int)howto, 0));
}

int mount(const char *source, const char *target, const char *fstype, unsigned long flags,
	  const void *data)
{
	return syscall_return(
	    syscall5(SYS_mount, (long)source, (long)target, (long)fstype, flags, (long)data));
}

int umount2(const char *target, int flags)
{
	return syscall_return(syscall2(SYS_umount2, (long)target, flags));
}

int umount(const char *target)
{
	return umount2(target, 0);
}

void sync(void)
{
	syscall0(SYS_sync);
}

int getpagesize(void)
{
	return PAGE_SIZE;
}

/* The few limits programs ask for; any other name is EINVAL. */
long sysconf(int name)
{
	struct rlimit rlim;
	cpu_set_t cpus;

	switch (name) {
	case _SC_NPROCESSORS_ONLN:
	case _SC_NPROCESSORS_CONF:
		/* The CPUs this process may run on; Linux counts all, more in a cpuset only. */
		if (sched_getaffinity(0, sizeof(cpus), &cpus) < 0)
			return -1;
		return CPU_COUNT(&cpus);
	case _SC_PAGESIZE:
		return PAGE_SIZE;
	case _SC_CLK_TCK:
		return CLOCKS_PER_SEC; /* times(2) ticks: Linux's USER_HZ */
	case _SC_NGROUPS_MAX:
		return NGROUPS_MAX; /* the kernel's limit too (include/kernel/cred.h) */
	case _SC_OPEN_MAX:
		if (getrlimit(RLIMIT_NOFILE, &rlim) < 0)
			return -1;
		return rlim.rlim_cur;
	default:
		errno = EINVAL;
		return -1;
	}
}

/* syscall(number, args...): always reads six arguments, as the C library on Linux does. */
long syscall(long number, ...)
{
	long a[6];
	va_list ap;
	int i;

	va_start(ap, number);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
	return syscall_return(syscall6(number, a[0], a[1], a[2], a[3], a[4], a[5]));
}
