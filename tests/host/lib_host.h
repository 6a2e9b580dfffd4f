/*
 * The lib/ functions under test, as the host test programs see them.
 *
 * The build compiles lib/ for the host and renames every one of its symbols with the prefix
 * corral_, so Corral's snprintf and the C library's can be called side by side in one program.
 * These declarations must match include/lib/string.h, include/lib/format.h,
 * include/lib/timeconv.h, include/lib/calendar.h and include/lib/mount_options.h.  (The
 * header-only parts of lib/, such as <lib/list.h> and <lib/kref.h>, need no renaming: a test
 * includes them as they are.)
 */
#ifndef LIB_HOST_H
#define LIB_HOST_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

void *corral_memcpy(void *restrict dst, const void *restrict src, size_t n);
void *corral_memmove(void *dst, const void *src, size_t n);
void *corral_memset(void *dst, int c, size_t n);
int corral_memcmp(const void *a, const void *b, size_t n);

size_t corral_strlen(const char *s);
size_t corral_strnlen(const char *s, size_t maxlen);
int corral_strcmp(const char *a, const char *b);
int corral_strncmp(const char *a, const char *b, size_t n);
char *corral_strchr(const char *s, int c);
char *corral_strrchr(const char *s, int c);
char *corral_strstr(const char *haystack, const char *needle);
size_t corral_strlcpy(char *dst, const char *src, size_t size);
int corral_kstrtoul(const char *s, unsigned int base, unsigned long *out);

/* The compiler checks the arguments against the format, as for the C library's. */
#define PRINTF_LIKE(fmt_index, first) __attribute__((format(printf, fmt_index, first)))

int corral_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) PRINTF_LIKE(3, 0);
int corral_snprintf(char *buf, size_t size, const char *fmt, ...) PRINTF_LIKE(3, 4);

uint64_t corral_ns_add(uint64_t a, uint64_t b);
uint64_t corral_ns_from_units(uint64_t count, uint64_t unit_ns);
bool corral_timespec_valid(int64_t tv_sec, int64_t tv_nsec);
uint64_t corral_timespec_to_ns(int64_t tv_sec, int64_t tv_nsec);
uint64_t corral_ns_to_ticks(uint64_t ns, uint64_t tick_ns);

struct calendar_time;
int corral_days_in_month(int64_t year, int month);
bool corral_calendar_valid(const struct calendar_time *t);
int64_t corral_calendar_to_epoch(const struct calendar_time *t);
void corral_epoch_to_calendar(int64_t seconds, struct calendar_time *t);

struct mount_opt;
bool corral_mount_opt_next(const char **cursor, struct mount_opt *opt);
bool corral_mount_opt_is(const struct mount_opt *opt, const char *name);

#endif /* LIB_HOST_H */
