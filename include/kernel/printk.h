/*
 * Kernel logging.  printk() formats a line into the log ring buffer (read later by dmesg) and
 * prints it on the console when its level is at least as urgent as the console's threshold
 * (the command-line word "quiet" raises the threshold to warnings).
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include <stddef.h>

#define LOG_EMERG   0
#define LOG_ERR	    3
#define LOG_WARNING 4
#define LOG_NOTICE  5
#define LOG_INFO    6
#define LOG_DEBUG   7

void printk(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define pr_emerg(...)  printk(LOG_EMERG, __VA_ARGS__)
#define pr_err(...)    printk(LOG_ERR, __VA_ARGS__)
#define pr_warn(...)   printk(LOG_WARNING, __VA_ARGS__)
#define pr_notice(...) printk(LOG_NOTICE, __VA_ARGS__)
#define pr_info(...)   printk(LOG_INFO, __VA_ARGS__)
#define pr_debug(...)  printk(LOG_DEBUG, __VA_ARGS__)

/* Lines of level <= this reach the console; the rest only the ring buffer. */
void printk_set_console_level(int level);

/*
 * Write straight to the console, bypassing the log lock: for panic(), which may run while
 * another CPU (or this one) holds it.
 */
void console_emergency_write(const char *s, size_t len);

/*
 * One line on the console (and in the log) exactly as formatted, without a timestamp or a
 * level: for output that programs read, such as TAP from ktest and BENCH lines.  The newline
 * is added; lines are cut at 254 characters.
 */
void console_print_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * For syslog(2): copy the newest log text, at most len bytes of what came after the last
 * printk_clear_log(), into buf; returns the number copied.  printk_log_size() is the ring's
 * size, the most there can be.
 */
size_t printk_read_log_tail(char *buf, size_t len);
void printk_clear_log(void);
size_t printk_log_size(void);

#endif
