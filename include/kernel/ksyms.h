/*
 * Kernel symbols: from a code address back to the function it is in, for backtraces and
 * register dumps.  The table is generated at build time (scripts/ksyms.awk, from `nm -n` of
 * a first link) and linked into the .ksyms section of the final image; kernel/ksyms.c
 * searches it.
 */
#ifndef KERNEL_KSYMS_H
#define KERNEL_KSYMS_H

#include <stddef.h>
#include <stdint.h>

/* Room for "name+0x1234/0x5678" with any reasonable function name. */
#define KSYM_FORMAT_MAX 128

/*
 * The function containing addr, or NULL if addr is not in the kernel's code.  *offset (if
 * offset is not NULL) receives addr's distance from the function's start.
 */
const char *ksym_lookup(uint64_t addr, uint64_t *offset);

/*
 * Write addr as "function+0x14/0x40" (offset in, and size of, the function), or as
 * "0xffffffff80101234" if it is in no known function.  snprintf's return convention.
 */
int ksym_format(char *buf, size_t size, uint64_t addr);

/*
 * The same for a return address found on the stack: it names the call before it, which
 * matters when the call was a function's last instruction (a call to a noreturn function),
 * where the return address is already the start of the next function.
 */
int ksym_format_return(char *buf, size_t size, uint64_t return_addr);

#endif
