/*
 * The 16550 UART on COM1 (I/O port 0x3f8), 115200 baud, 8 data bits, no parity, 1 stop bit.
 *
 * Output polls the line-status register until the transmitter can take a byte, so it works
 * before interrupts, with interrupts off and inside panic().  Input is interrupt driven: the
 * receive interrupt (IRQ 4) hands each byte to the receiver that the console registered
 * (fs/console.c, its line discipline), in interrupt context.  A byte is read from the UART
 * only once the receiver says it has room for it; when it has none, the UART's receive
 * interrupt is switched off and the bytes stay in the UART, so the sender waits (QEMU keeps
 * the rest of its input) and nothing is lost.  serial_resume_input() drains them later.
 */
#include <arch/serial.h>
#include <arch/x86.h>
#include <arch/interrupts.h>
#include <kernel/spinlock.h>

#define COM1		 0x3f8
#define REG_DATA	 0 /* receive / transmit buffer (DLAB=0) */
#define REG_IER		 1 /* interrupt enable (DLAB=0) */
#define REG_DIVISOR_LO	 0 /* baud divisor (DLAB=1) */
#define REG_DIVISOR_HI	 1
#define REG_FCR		 2 /* FIFO control */
#define REG_LCR		 3 /* line control */
#define REG_MCR		 4 /* modem control */
#define REG_LSR		 5 /* line status */
#define LCR_8N1		 0x03
#define LCR_DLAB	 0x80
#define LSR_DATA_READY	 0x01
#define LSR_THR_EMPTY	 0x20
#define IER_RX_AVAILABLE 0x01
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the UART's interrupt line on PCs */
#define COM1_IRQ	 4

/* The receiving side.  Lock order: rx.lock, then whatever the receiver takes. */
static struct {
	struct spinlock lock;
	const struct serial_receiver *receiver; /* guarded by lock; NULL until one registers */
	bool paused; /* guarded by lock: no receiver, or it had no room; IER is off */
} rx = { .lock = SPINLOCK_INIT("serial_rx") };

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

/* Write len bytes, turning "\n" into "\r\n" as a terminal expects (printk, panic). */
void serial_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			serial_put_byte('\r');
		serial_put_byte(s[i]);
	}
}

void serial_write_raw(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		serial_put_byte(s[i]);
}

/*
 * Move received bytes from the UART to the receiver until the UART is empty or the receiver
 * has no room; then the receive interrupt stays off until serial_resume_input().  The room
 * cannot shrink between the question and the byte: only receive() fills it, always under
 * rx.lock.  Caller holds rx.lock, interrupts off.
 */
static void serial_drain(void)
{
	assert_spin_locked(&rx.lock);
	rx.paused = false;
	while (inb(COM1 + REG_LSR) & LSR_DATA_READY) {
		if (!rx.receiver || !rx.receiver->has_room()) {
			rx.paused = true;
			break;
		}
		rx.receiver->receive((char)inb(COM1 + REG_DATA));
	}
	outb(COM1 + REG_IER, rx.paused ? 0 : IER_RX_AVAILABLE);
}

/* IRQ 4: bytes have arrived. */
static void serial_irq(struct trap_frame *frame)
{
	(void)frame;
	spin_lock(&rx.lock);
	serial_drain();
	spin_unlock(&rx.lock);
}

void serial_enable_input(void)
{
	irq_register(COM1_IRQ, serial_irq);
	outb(COM1 + REG_IER, IER_RX_AVAILABLE);
}

void serial_set_receiver(const struct serial_receiver *receiver)
{
	unsigned long flags = spin_lock_irqsave(&rx.lock);

	rx.receiver = receiver;
	serial_drain();
	spin_unlock_irqrestore(&rx.lock, flags);
}

void serial_resume_input(void)
{
	unsigned long flags = spin_lock_irqsave(&rx.lock);

	if (rx.paused)
		serial_drain();
	spin_unlock_irqrestore(&rx.lock, flags);
}
