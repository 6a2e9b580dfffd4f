/*
 * The 16550 UART on COM1: Corral's console.  Output is polled (it must work from the first
 * line of kmain and inside panic); input arrives by interrupt and goes straight to a receiver,
 * the console's line discipline (fs/console.c).
 */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <stdbool.h>
#include <stddef.h>

void serial_init(void);

/* Write len bytes, each "\n" as "\r\n" (for printk and panic). */
void serial_write(const char *s, size_t len);

/* Write len bytes as they are (the console applies its own output processing). */
void serial_write_raw(const char *s, size_t len);

/* Route COM1's receive interrupt through the IOAPIC; called once interrupts work. */
void serial_enable_input(void);

/*
 * Where received bytes go, in interrupt context (interrupts off): a byte is read from the UART
 * and given to receive() only after has_room() said yes.  Without room the UART keeps further
 * bytes, and the sender waits, until serial_resume_input().
 */
struct serial_receiver {
	bool (*has_room)(void);
	void (*receive)(char c);
};

/* Send received bytes to receiver from now on (until then the UART keeps them). */
void serial_set_receiver(const struct serial_receiver *receiver);

/* The receiver has room again: take the bytes the UART kept.  Cheap when nothing waits. */
void serial_resume_input(void);

#endif
