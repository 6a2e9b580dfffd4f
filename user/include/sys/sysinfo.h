/*
 * <sys/sysinfo.h> for Corral programs, as Linux's C library has it: sysinfo(2) and struct
 * sysinfo (Linux's layout on x86_64, 112 bytes: memory in units of mem_unit bytes), and the
 * counts of processors and of memory pages built on it.
 */
#ifndef _SYS_SYSINFO_H
#define _SYS_SYSINFO_H

#ifdef __cplusplus
extern "C" {
#endif

struct sysinfo {
	long uptime;		 /* Seconds since boot */
	unsigned long loads[3];	 /* Load averages over 1, 5 and 15 minutes (Corral: 0) */
	unsigned long totalram;	 /* Memory in all, in mem_unit units */
	unsigned long freeram;	 /* Memory free */
	unsigned long sharedram; /* Memory shared */
	unsigned long bufferram; /* Memory in buffers */
	unsigned long totalswap; /* Swap space in all */
	unsigned long freeswap;	 /* Swap space free */
	unsigned short procs;	 /* Processes */
	unsigned short pad;
	unsigned long totalhigh; /* High memory in all */
	unsigned long freehigh;	 /* High memory free */
	unsigned int mem_unit;	 /* Bytes in a unit of memory */
	char _f[20 - 2 * sizeof(long) - sizeof(int)]; /* Padding: none on x86_64 */
};

int sysinfo(struct sysinfo *__info);

/* The processors configured and online, and memory pages in all and free. */
int get_nprocs_conf(void);
int get_nprocs(void);
long get_phys_pages(void);
long get_avphys_pages(void);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_SYSINFO_H */
