/*
 * The 16550 UART on COM1: Corral's console.  Output is polled (it must work from the first
 * line of kmain and inside panic); input arrives by interrupt into a small ring buffer.
 */
#ifndef ARCH_SERIAL_H
#define ARCH_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <kernel/wait.h>

void serial_init(void);
void serial_write(const char *s, size_t len);

/* Route COM1's receive interrupt through the IOAPIC; called once interrupts work. */
void serial_enable_input(void);

/* Take one received byte; false when none is waiting. */
bool serial_read_byte(char *c);

/*
 * Woken by the receive interrupt after bytes arrive: wait_event(&serial_input_wait,
 * serial_read_byte(&c)) sleeps until there is one (serial_read_byte() takes the ring's lock
 * inside the wait queue's, never the reverse).
 */
extern struct wait_queue serial_input_wait;

#endif
