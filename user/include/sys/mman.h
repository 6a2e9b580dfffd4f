/*
 * <sys/mman.h> for Corral programs: mmap(), munmap() and mprotect() with Linux's flag values.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

#define PROT_NONE  0 /* Page cannot be accessed */
#define PROT_READ  1 /* Page can be read */
#define PROT_WRITE 2 /* Page can be written */
#define PROT_EXEC  4 /* Page can be executed */

#define MAP_SHARED	    0x01 /* Changes are shared */
#define MAP_PRIVATE	    0x02 /* Changes are private (copy on write) */
#define MAP_FIXED	    0x10 /* Place the mapping exactly at addr */
#define MAP_ANONYMOUS	    0x20 /* Memory filled with zeroes, no file */
#define MAP_ANON	    MAP_ANONYMOUS
#define MAP_GROWSDOWN	    0x0100   /* Stack-like segment */
#define MAP_NORESERVE	    0x4000   /* Do not reserve swap */
#define MAP_POPULATE	    0x8000   /* Fault the pages in now */
#define MAP_STACK	    0x20000  /* For a stack */
#define MAP_FIXED_NOREPLACE 0x100000 /* MAP_FIXED, but never replace a mapping */

#define MAP_FAILED ((void *)-1)

void *mmap(void *__addr, size_t __len, int __prot, int __flags, int __fd, off_t __offset);
int munmap(void *__addr, size_t __len);
int mprotect(void *__addr, size_t __len, int __prot);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_MMAN_H */
