/*
 * The 16550 UART on COM1 (I/O port 0x3f8), 115200 baud, 8 data bits, no parity, 1 stop bit.
 *
 * Output polls the line-status register until the transmitter can take a byte, so it works
 * before interrupts, with interrupts off and inside panic().  Input is interrupt driven: the
 * receive interrupt (IRQ 4) moves bytes from the UART into rx_ring, where serial_read_byte()
 * finds them, and wakes serial_input_wait; /dev/console (fs/console.c) sleeps there.
 */
#include <arch/serial.h>
#include <arch/x86.h>
#include <arch/interrupts.h>
#include <kernel/spinlock.h>
#include <kernel/wait.h>

#define COM1 0x3f8
#define REG_DATA 0	   /* receive / transmit buffer (DLAB=0) */
#define REG_IER 1	   /* interrupt enable (DLAB=0) */
#define REG_DIVISOR_LO 0   /* baud divisor (DLAB=1) */
#define REG_DIVISOR_HI 1
#define REG_FCR 2	   /* FIFO control */
#define REG_LCR 3	   /* line control */
#define REG_MCR 4	   /* modem control */
#define REG_LSR 5	   /* line status */
#define LCR_8N1 0x03
#define LCR_DLAB 0x80
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX_AVAILABLE 0x01
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the UART's interrupt line on PCs */
#define COM1_IRQ 4

#define RX_RING_SIZE 256

static struct {
	struct spinlock lock;
	char buf[RX_RING_SIZE]; /* guarded by lock */
	unsigned int head, tail; /* guarded by lock; head == tail means empty */
} rx_ring = { .lock = SPINLOCK_INIT("serial_rx") };

struct wait_queue serial_input_wait = WAIT_QUEUE_INIT(serial_input_wait, "serial_input");

void serial_init(void)
{
	outb(COM1 + REG_IER, 0);
	outb(COM1 + REG_LCR, LCR_DLAB);
	outb(COM1 + REG_DIVISOR_LO, 1); /* 115200 / 1 */
	outb(COM1 + REG_DIVISOR_HI, 0);
	outb(COM1 + REG_LCR, LCR_8N1);
	outb(COM1 + REG_FCR, 0xc7); /* enable and clear FIFOs, 14-byte receive threshold */
	outb(COM1 + REG_MCR, MCR_DTR_RTS_OUT2);
}

static void serial_put_byte(char c)
{
	while (!(inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
		;
	outb(COM1 + REG_DATA, (uint8_t)c);
}

/* Write len bytes, turning "\n" into "\r\n" as a terminal expects. */
void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_put_byte('\r');
		serial_put_byte(s[i]);
	}
}

/*
 * IRQ 4: drain the UART's receive FIFO into rx_ring (a full ring drops the byte), then wake
 * the readers.  rx_ring.lock is released first: readers take it inside the wait queue's lock.
 */
static void serial_irq(struct trap_frame *frame)
{
	(void)frame;
	spin_lock(&rx_ring.lock);
	while (inb(COM1 + REG_LSR) & LSR_DATA_READY) {
		char c = (char)inb(COM1 + REG_DATA);
		unsigned int next = (rx_ring.head + 1) % RX_RING_SIZE;

		if (next != rx_ring.tail) {
			rx_ring.buf[rx_ring.head] = c;
			rx_ring.head = next;
		}
	}
	spin_unlock(&rx_ring.lock);
	wake_up_all(&serial_input_wait);
}

void serial_enable_input(void)
{
	irq_register(COM1_IRQ, serial_irq);
	outb(COM1 + REG_IER, IER_RX_AVAILABLE);
}

bool serial_read_byte(char *c)
{
	bool got = false;
	unsigned long flags = spin_lock_irqsave(&rx_ring.lock);

	if (rx_ring.head != rx_ring.tail) {
		*c = rx_ring.buf[rx_ring.tail];
		rx_ring.tail = (rx_ring.tail + 1) % RX_RING_SIZE;
		got = true;
	}
	spin_unlock_irqrestore(&rx_ring.lock, flags);
	return got;
}
