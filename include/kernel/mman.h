/*
 * mmap(2)'s protection bits and flags, with Linux's x86_64 values: a program passes them
 * straight through, so they must be the numbers its C library uses.
 */
#ifndef KERNEL_MMAN_H
#define KERNEL_MMAN_H

/* prot: what the pages allow (PROT_NONE: nothing). */
#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

/* flags: the mapping's type, MAP_SHARED or MAP_PRIVATE, and modifiers. */
#define MAP_SHARED    0x01    /* writes reach the file and every other mapping of it */
#define MAP_PRIVATE   0x02    /* writes stay in this process (copy-on-write) */
#define MAP_FIXED     0x10    /* exactly at addr, replacing what is mapped there */
#define MAP_ANONYMOUS 0x20    /* zeroed memory, no file */
#define MAP_NORESERVE 0x4000  /* no swap reserved (Corral reserves none anyway) */
#define MAP_STACK     0x20000 /* a hint that the memory is a thread's stack */

#endif
