/*
 * /dev/console (major 5, minor 1) and /dev/tty (5, 0): the serial console as a terminal.
 *
 * Bytes typed arrive in the serial receive interrupt (arch/x86_64/serial.c), which hands each
 * to console_receive(): the line discipline (fs/ldisc.c) edits and echoes it there, at once,
 * whatever the programs are doing.  Readers sleep on console.readers until a line (or, in raw
 * mode, VMIN bytes) is there.  When the discipline's buffer is full, the UART keeps the
 * rest (console_has_room()), so typing ahead never loses bytes: the sender waits.  Writes go
 * through the discipline's output processing to the UART.
 *
 * The console is the controlling terminal of at most one session, and has a foreground
 * process group in it: the keys ^C, ^\ and ^Z signal that group, and a process of another
 * group of the session that reads gets SIGTTIN (EIO if it ignores or blocks it, or if its
 * group is orphaned), as POSIX's job control asks.  A session leader without
 * a terminal that opens the console gets it (unless O_NOCTTY: Linux never gives /dev/console
 * away like this, but Corral has no other terminal, and so init=/bin/sh has job control);
 * TIOCSCTTY takes it explicitly, TIOCSPGRP (tcsetpgrp()) changes the foreground group.
 * Requests (ioctl): TCGETS, TCSETS, TCSETSW, TCSETSF, TCFLSH, FIONREAD, TIOCGWINSZ,
 * TIOCSWINSZ, TIOCGPGRP, TIOCSPGRP, TIOCGSID, TIOCSCTTY, TIOCNOTTY; others are ENOTTY.
 */
#include <kernel/chrdev.h>
#include <kernel/errno.h>
#include <kernel/fcntl.h>
#include <kernel/fs.h>
#include <kernel/panic.h>
#include <kernel/pgrp.h>
#include <kernel/proc.h>
#include <kernel/signal.h>
#include <kernel/uaccess.h>
#include <kernel/wait.h>
#include <lib/compiler.h>
#include <arch/serial.h>

#include "internal.h"

/*
 * console.lock guards everything in it and is taken with interrupts off.  Lock order:
 * serial_rx, then proc_lock, then console.lock, then wait-queue locks: console_has_room()
 * and console_receive() run under the serial driver's receive lock, and console_receive()
 * signals the foreground group (proc_lock) under it too.  No signal is sent while holding
 * console.lock.
 */
static struct {
	struct spinlock lock;
	struct ldisc ldisc;
	struct winsize winsize;
	int session;		   /* whose controlling terminal this is; 0: nobody's */
	int foreground;		   /* the foreground process group of that session */
	struct wait_queue readers; /* woken when bytes become readable */
} console = {
	.lock = SPINLOCK_INIT("console"),
	.winsize = { .ws_row = 24, .ws_col = 80 },
	.readers = WAIT_QUEUE_INIT(console.readers, "console_readers"),
};

/* The serial receiver's question, interrupts off: may another typed byte come in? */
static bool console_has_room(void)
{
	bool room;

	spin_lock(&console.lock);
	room = ldisc_room(&console.ldisc) > 0;
	spin_unlock(&console.lock);
	return room;
}

/*
 * The serial receiver: one typed byte, interrupts off.  A key that signals goes to the
 * foreground group once the lock is dropped.
 */
static void console_receive(char c)
{
	struct signal_info info = { .code = SI_KERNEL };
	unsigned int before;
	bool committed;
	int sig, group;

	spin_lock(&console.lock);
	before = console.ldisc.commit;
	sig = ldisc_receive(&console.ldisc, c);
	group = console.foreground;
	committed = console.ldisc.commit != before;
	spin_unlock(&console.lock);
	if (committed)
		wake_up_all(&console.readers);
	if (sig && group > 0) {
		spin_lock(&proc_lock);
		pgrp_kill(NULL, group, sig, &info);
		spin_unlock(&proc_lock);
	}
}

static const struct serial_receiver console_receiver = {
	.has_room = console_has_room,
	.receive = console_receive,
};

/* Whether self is in a background group of the console's session.  Locks as take_console(). */
static bool in_background(struct proc *self)
{
	return console.session == self->sid && console.foreground != self->pgid;
}

/*
 * A read from the background: the reader's group gets SIGTTIN, which stops it by default, and
 * the read is made again once the group is continued (-ERESTARTSYS), by then perhaps in the
 * foreground.  EIO if the reader ignores or blocks SIGTTIN, or its group is orphaned: then
 * nobody would continue it.  0 for a reader in the foreground, or outside the session.
 */
static int check_background_read(void)
{
	struct signal_info info = { .code = SI_KERNEL };
	struct proc *self = current_proc();
	unsigned long flags;
	bool background;
	int err = 0;

	if (!self)
		return 0;
	flags = spin_lock_irqsave(&proc_lock);
	spin_lock(&console.lock);
	background = in_background(self);
	spin_unlock(&console.lock);
	if (background && (signal_ignored_or_blocked(self, SIGTTIN) || pgrp_orphaned(self->pgid))) {
		err = -EIO;
	} else if (background) {
		pgrp_kill(NULL, self->pgid, SIGTTIN, &info);
		err = -ERESTARTSYS;
	}
	spin_unlock_irqrestore(&proc_lock, flags);
	return err;
}

/*
 * Sleep until the discipline has something for a read of len bytes (or fail with EAGAIN
 * under O_NONBLOCK, ERESTARTSYS on a signal), then take it.
 */
static ssize_t console_read(struct file *file, void *buf, size_t len, loff_t *pos)
{
	struct ldisc *ld = &console.ldisc;
	unsigned long flags;
	ssize_t n;

	if (len == 0)
		return 0;
	n = check_background_read();
	if (n)
		return n;
	flags = spin_lock_irqsave(&console.lock);
	if ((file->f_flags & O_NONBLOCK) && !ldisc_readable(ld, len))
		n = -EAGAIN;
	else
		n = wait_event_interruptible_locked(&console.readers, ldisc_readable(ld, len),
						    &console.lock);
	if (n == 0)
		n = (ssize_t)ldisc_read(ld, buf, len);
	spin_unlock_irqrestore(&console.lock, flags);
	serial_resume_input();
	return n;
}

/*
 * Output goes out in pieces of up to WRITE_CHUNK bytes under console.lock, so that the echo
 * of keys typed meanwhile falls between pieces, never inside one (a line a program prints
 * stays whole), while interrupts are never off for long.
 */
#define WRITE_CHUNK 256ul

static ssize_t console_write(struct file *file, const void *buf, size_t len, loff_t *pos)
{
	for (size_t done = 0; done < len; done += WRITE_CHUNK) {
		unsigned long flags = spin_lock_irqsave(&console.lock);

		ldisc_output(&console.ldisc, (const char *)buf + done,
			     MIN(len - done, WRITE_CHUNK));
		spin_unlock_irqrestore(&console.lock, flags);
	}
	return (ssize_t)len;
}

/* ---- the terminal's mode ---- */

static long get_termios(unsigned long arg)
{
	unsigned long flags = spin_lock_irqsave(&console.lock);
	struct termios t = console.ldisc.termios;

	spin_unlock_irqrestore(&console.lock, flags);
	return copy_to_user(arg, &t, sizeof(t));
}

/* TCSETS and TCSETSW (no output is ever queued, so both act at once), and TCSETSF (flush). */
static long set_termios(unsigned long arg, bool flush)
{
	struct termios t;
	unsigned long flags;

	if (copy_from_user(&t, arg, sizeof(t)))
		return -EFAULT;
	flags = spin_lock_irqsave(&console.lock);
	if (flush)
		ldisc_flush_input(&console.ldisc);
	ldisc_set_termios(&console.ldisc, &t);
	spin_unlock_irqrestore(&console.lock, flags);
	wake_up_all(&console.readers); /* leaving canonical mode may make a line readable */
	serial_resume_input();
	return 0;
}

static long flush_input(unsigned long queue)
{
	unsigned long flags;

	if (queue > TCIOFLUSH)
		return -EINVAL;
	if (queue == TCOFLUSH)
		return 0;
	flags = spin_lock_irqsave(&console.lock);
	ldisc_flush_input(&console.ldisc);
	spin_unlock_irqrestore(&console.lock, flags);
	serial_resume_input();
	return 0;
}

/* FIONREAD and TIOCGWINSZ: a value to copy out. */
static long get_value(unsigned int cmd, unsigned long arg)
{
	unsigned long flags = spin_lock_irqsave(&console.lock);
	int available = (int)ldisc_available(&console.ldisc);
	struct winsize size = console.winsize;

	spin_unlock_irqrestore(&console.lock, flags);
	if (cmd == FIONREAD)
		return copy_to_user(arg, &available, sizeof(available));
	return copy_to_user(arg, &size, sizeof(size));
}

static long set_winsize(unsigned long arg)
{
	struct winsize size;
	unsigned long flags;

	if (copy_from_user(&size, arg, sizeof(size)))
		return -EFAULT;
	flags = spin_lock_irqsave(&console.lock);
	console.winsize = size;
	spin_unlock_irqrestore(&console.lock, flags);
	return 0;
}

/* ---- the controlling terminal and its foreground group ---- */

/* Whether the console is free to become a session's: nobody's, or its leader is gone. */
static bool console_free(void)
{
	assert_spin_locked(&proc_lock);
	return console.session == 0 || !session_leader_alive(console.session);
}

/*
 * TIOCSCTTY: a session leader takes the console; from another living session only root
 * with steal = 1 may.  Caller holds proc_lock and console.lock.
 */
static long take_console(struct proc *self, unsigned long steal)
{
	if (self->pid != self->sid)
		return -EPERM;
	if (console.session == self->sid)
		return 0;
	if (!console_free() && !(steal == 1 && cred_privileged(&self->cred)))
		return -EPERM;
	console.session = self->sid;
	console.foreground = self->pgid;
	return 0;
}

/* TIOCSPGRP: pgrp must be a group of the console's session.  Locks as take_console(). */
static long set_foreground(struct proc *self, int pgrp)
{
	if (console.session != self->sid)
		return -ENOTTY;
	if (pgrp < 0)
		return -EINVAL;
	if (!pgrp_in_session(pgrp, self->sid))
		return pgrp_exists(pgrp) ? -EPERM : -ESRCH;
	console.foreground = pgrp;
	return 0;
}

/* TIOCGPGRP (the foreground group) and TIOCGSID (the session).  Locks as take_console(). */
static long get_group(struct proc *self, unsigned int cmd, int *id)
{
	if (console.session != self->sid)
		return -ENOTTY;
	*id = cmd == TIOCGPGRP ? console.foreground : console.session;
	return 0;
}

/* TIOCNOTTY: the session leader lets the console go; other members just succeed. */
static long release_console(struct proc *self)
{
	if (console.session != self->sid)
		return -ENOTTY;
	if (self->pid == self->sid)
		console.session = console.foreground = 0;
	return 0;
}

/* The requests about sessions and groups: all under proc_lock and console.lock. */
static long job_control(unsigned int cmd, unsigned long arg)
{
	struct proc *self = current_proc();
	unsigned long flags;
	int id = 0;
	long err;

	if (!self)
		return -ENOTTY;
	if (cmd == TIOCSPGRP && copy_from_user(&id, arg, sizeof(id)))
		return -EFAULT;
	flags = spin_lock_irqsave(&proc_lock);
	spin_lock(&console.lock);
	if (cmd == TIOCSCTTY)
		err = take_console(self, arg);
	else if (cmd == TIOCSPGRP)
		err = set_foreground(self, id);
	else if (cmd == TIOCNOTTY)
		err = release_console(self);
	else
		err = get_group(self, cmd, &id);
	spin_unlock(&console.lock);
	spin_unlock_irqrestore(&proc_lock, flags);
	if (!err && (cmd == TIOCGPGRP || cmd == TIOCGSID))
		err = copy_to_user(arg, &id, sizeof(id));
	return err;
}

static long console_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	switch (cmd) {
	case TCGETS:
		return get_termios(arg);
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return set_termios(arg, cmd == TCSETSF);
	case TCFLSH:
		return flush_input(arg);
	case FIONREAD:
	case TIOCGWINSZ:
		return get_value(cmd, arg);
	case TIOCSWINSZ:
		return set_winsize(arg);
	case TIOCSCTTY:
	case TIOCSPGRP:
	case TIOCGPGRP:
	case TIOCGSID:
	case TIOCNOTTY:
		return job_control(cmd, arg);
	}
	return -ENOTTY;
}

int console_foreground_of(int sid)
{
	unsigned long flags = spin_lock_irqsave(&console.lock);
	int foreground = console.session == sid && sid > 0 ? console.foreground : -1;

	spin_unlock_irqrestore(&console.lock, flags);
	return foreground;
}

/* A session leader without a terminal that opens the console makes it its own. */
static int console_open(struct inode *inode, struct file *file)
{
	struct proc *self = current_proc();
	unsigned long flags;

	if (!self || (file->f_flags & O_NOCTTY))
		return 0;
	flags = spin_lock_irqsave(&proc_lock);
	spin_lock(&console.lock);
	if (self->pid == self->sid && console_free()) {
		console.session = self->sid;
		console.foreground = self->pgid;
	}
	spin_unlock(&console.lock);
	spin_unlock_irqrestore(&proc_lock, flags);
	return 0;
}

static const struct file_operations console_fops = {
	.open = console_open,
	.read = console_read,
	.write = console_write,
	.ioctl = console_ioctl,
};

static struct chrdev console_dev = {
	.name = "console",
	.major = TTYAUX_MAJOR,
	.first_minor = CONSOLE_MINOR,
	.minor_count = 1,
	.fops = &console_fops,
};

/* /dev/tty is a process's controlling terminal: Corral has one terminal, the console. */
static struct chrdev tty_dev = {
	.name = "tty",
	.major = TTYAUX_MAJOR,
	.first_minor = TTY_MINOR,
	.minor_count = 1,
	.fops = &console_fops,
	.mode = 0666,
};

void console_init(void)
{
	ldisc_init(&console.ldisc, serial_write_raw);
	if (chrdev_register(&console_dev) < 0 || chrdev_register(&tty_dev) < 0)
		panic("console: cannot register /dev/console and /dev/tty");
	serial_set_receiver(&console_receiver);
}
