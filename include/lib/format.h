/*
 * printf-style formatting into a buffer, with the C library's meaning (no floating point).
 *
 * Conversions d i u x X o c s p %, flags - + space # 0, field width and precision (a number
 * or '*'), length modifiers hh h l ll z t j.  %p prints "0x" and lowercase hex, or "(nil)";
 * %s of NULL prints "(null)".
 *
 * At most size - 1 characters are stored, then a NUL (nothing at all when size is 0, and buf
 * may then be NULL).  The return value is the length of the whole result, as if size had been
 * large enough: a return value >= size means the output was truncated.
 */
#ifndef LIB_FORMAT_H
#define LIB_FORMAT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <lib/compiler.h>

/*
 * %pS prints a code address as "function+0x12/0x40" through this function, which the kernel
 * defines from its symbol table (kernel/ksyms.c).  Where nothing defines it (the host unit
 * tests), %pS prints like %p followed by 'S'.
 */
int format_code_address(char *buf, size_t size, uintptr_t addr) __attribute__((weak));

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) __printf(3, 0);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

#endif /* LIB_FORMAT_H */
