/*
 * free: how much memory the machine has and how much is free, from sysinfo(2).
 *
 *   free
 *
 * Prints, in KiB, the memory the kernel manages, what is in use and what is free (free pages,
 * kmalloc's spare slab pages and the kernel stacks kept for new tasks, all of which the kernel
 * hands out on demand), then the number of processes and the seconds since boot:
 *
 *              total       used       free
 *   Mem:      126980       9380     117600
 *   Processes: 3
 *   Up: 12 s
 */
#include <cmd.h>
#include <stdio.h>
#include <sys/sysinfo.h>

int main(int argc, char **argv)
{
	struct sysinfo info;
	unsigned long long unit, total, free_kib;

	cmd_init("free", "free");
	if (argc != 1)
		cmd_usage();
	if (sysinfo(&info) < 0)
		return cmd_error("sysinfo");
	unit = info.mem_unit ? info.mem_unit : 1;
	total = info.totalram * unit / 1024;
	free_kib = info.freeram * unit / 1024;
	printf("%16s %10s %10s\n", "total", "used", "free");
	printf("Mem:  %10llu %10llu %10llu\n", total, total - free_kib, free_kib);
	printf("Processes: %u\n", (unsigned int)info.procs);
	printf("Up: %ld s\n", (long)info.uptime);
	return 0;
}
