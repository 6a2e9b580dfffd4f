/*
 * The C memory and string functions, and kstrtoul().
 *
 * Plain byte-at-a-time loops: easy to read and to trust, and fast enough here.  GCC may
 * emit calls to memcpy, memmove, memset and memcmp by itself (for structure copies and
 * initialisers), so those four are needed even by code that never names them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kernel/errno.h>
#include <lib/compiler.h>
#include <lib/ctype.h>
#include <lib/string.h>

/*
 * memcpy() and memset() are weak: an architecture may replace them with faster versions
 * (arch/x86_64/string.S does, with rep movs and rep stos), and these portable ones remain the
 * reference that the host tests check.
 */
__attribute__((weak)) void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

/* Like memcpy(), but the areas may overlap: copy in the direction that reads before it writes. */
void *memmove(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	if ((uintptr_t)d < (uintptr_t)s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

__attribute__((weak)) void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a;
	const unsigned char *y = b;

	for (; n > 0; n--, x++, y++) {
		if (*x != *y)
			return *x - *y;
	}
	return 0;
}

size_t strlen(const char *s)
{
	const char *end = s;

	while (*end)
		end++;
	return end - s;
}

/* The length of s, but looking at no more than maxlen bytes. */
size_t strnlen(const char *s, size_t maxlen)
{
	size_t len = 0;

	while (len < maxlen && s[len])
		len++;
	return len;
}

/* Characters compare as unsigned char, as in the C library. */
int strcmp(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n > 0; n--, a++, b++) {
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

/* The first c in s; the terminating NUL counts, so strchr(s, '\0') finds the end. */
char *strchr(const char *s, int c)
{
	for (; *s != (char)c; s++) {
		if (*s == '\0')
			return NULL;
	}
	return (char *)s;
}

/* The last c in s; the terminating NUL counts, as for strchr(). */
char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	do {
		if (*s == (char)c)
			last = s;
	} while (*s++);
	return (char *)last;
}

/* The first place needle occurs in haystack; an empty needle occurs at the start. */
char *strstr(const char *haystack, const char *needle)
{
	size_t n = strlen(needle);

	for (;; haystack++) {
		if (strncmp(haystack, needle, n) == 0)
			return (char *)haystack;
		if (*haystack == '\0')
			return NULL;
	}
}

size_t strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t copied = MIN(len, size - 1);

		memcpy(dst, src, copied);
		dst[copied] = '\0';
	}
	return len;
}

/* The value of c as a digit in bases up to 36 ('a' and 'A' are 10), or 36 if it is none. */
static unsigned int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;
}

static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && tolower(s[1]) == 'x';
}

/*
 * See include/lib/string.h.  After an overflow the digits are still all checked, so that a
 * string that is no number at all is -EINVAL, whatever its length.
 */
int kstrtoul(const char *s, unsigned int base, unsigned long *out)
{
	const unsigned long max = ~0UL;
	unsigned long value = 0;
	bool overflow = false;

	if (base == 0) /* "0x1f" is hexadecimal, "017" octal, "17" decimal */
		base = has_hex_prefix(s) ? 16 : s[0] == '0' ? 8 : 10;
	if (base < 2 || base > 36)
		return -EINVAL;
	if (base == 16 && has_hex_prefix(s))
		s += 2;
	if (*s == '\0')
		return -EINVAL;

	for (; *s; s++) {
		unsigned int digit = digit_value(*s);

		if (digit >= base)
			return -EINVAL;
		if (value > (max - digit) / base)
			overflow = true;
		value = value * base + digit;
	}
	if (overflow)
		return -ERANGE;
	*out = value;
	return 0;
}
