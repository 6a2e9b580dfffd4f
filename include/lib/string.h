/*
 * Memory and string functions with the C library's names and meanings, plus kstrtoul() for
 * turning text (the command line, a file written by a user) into a number.
 */
#ifndef LIB_STRING_H
#define LIB_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);

/*
 * Copies src into dst, a buffer of size bytes, truncating if needed; dst is always
 * NUL-terminated when size > 0.  Returns strlen(src): a result >= size means truncation.
 */
size_t strlcpy(char *dst, const char *src, size_t size);

/*
 * Parses all of s as an unsigned number in base 2..36 and stores it in *out.  Base 0 picks
 * the base from the prefix: "0x" or "0X" hexadecimal, "0" octal, otherwise decimal; base 16
 * also accepts the "0x" prefix.  No sign, space or other character is allowed around the
 * digits.  Returns 0, -EINVAL if s is not such a number (or base is invalid), or -ERANGE if
 * it does not fit in an unsigned long; on error *out is left alone.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *out);

#endif /* LIB_STRING_H */
