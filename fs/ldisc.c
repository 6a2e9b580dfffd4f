/*
 * The console's line discipline (struct ldisc, declared in fs/internal.h): typed bytes in,
 * echo and lines out, as Linux's termios modes say.
 *
 * Canonical mode (ICANON) collects a line: typed bytes are echoed, VERASE (DEL, and ^H too)
 * erases the last one ("\b \b"), VKILL (^U) the whole line, newline makes the line readable,
 * and VEOF (^D) makes it readable without a newline; on an empty line that reads as end of
 * file.  A line holds at most LDISC_LINE_MAX - 1 bytes before its end; more are dropped.
 * Raw mode (ICANON off) makes every byte readable at once, and a read returns once VMIN bytes
 * are there (VTIME is not implemented).  With ISIG, VINTR (^C), VQUIT (^\) and VSUSP (^Z) are
 * not input: they echo as ^C, drop what was typed (unless NOFLSH) and ask the caller to send
 * SIGINT, SIGQUIT or SIGTSTP to the foreground process group.  ICRNL, INLCR and IGNCR apply
 * to input, OPOST with ONLCR to output.
 *
 * No locks here: fs/console.c holds its own around every call, from the receive interrupt
 * and from readers.
 */
#include <kernel/signal.h>
#include <lib/compiler.h>
#include <lib/string.h>

#include "internal.h"

#define CTRL(c)	  ((c)&0x1f)
#define BACKSPACE 0x08
#define DELETE	  0x7f

#define AT(i) ((i) & (LDISC_BUF_SIZE - 1))

static const struct termios default_termios = {
	.c_iflag = ICRNL,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
	.c_cc = { [VINTR] = CTRL('C'),
		  [VQUIT] = CTRL('\\'),
		  [VERASE] = DELETE,
		  [VKILL] = CTRL('U'),
		  [VEOF] = CTRL('D'),
		  [VMIN] = 1,
		  [VSUSP] = CTRL('Z') },
};

void ldisc_init(struct ldisc *ld, void (*put)(const char *s, size_t len))
{
	memset(ld, 0, sizeof(*ld));
	ld->termios = default_termios;
	ld->put = put;
}

size_t ldisc_room(const struct ldisc *ld)
{
	return LDISC_BUF_SIZE - (ld->edit - ld->read);
}

/* Whether c is the character in control slot v (a slot holding 0 is switched off). */
static bool is_key(const struct ldisc *ld, int v, char c)
{
	return ld->termios.c_cc[v] != 0 && (uint8_t)c == ld->termios.c_cc[v];
}

static bool eof_at(const struct ldisc *ld, unsigned int pos)
{
	return ld->eof_mark[AT(pos) / 64] & (1ull << (AT(pos) % 64));
}

/* Append c to the line being typed; eof marks it as a typed VEOF. */
static void put_byte(struct ldisc *ld, char c, bool eof)
{
	unsigned int at = AT(ld->edit++);

	ld->buf[at] = c;
	if (eof)
		ld->eof_mark[at / 64] |= 1ull << (at % 64);
	else
		ld->eof_mark[at / 64] &= ~(1ull << (at % 64));
}

void ldisc_output(const struct ldisc *ld, const char *s, size_t len)
{
	uint32_t oflag = READ_ONCE(ld->termios.c_oflag);
	size_t n;

	if (!(oflag & OPOST) || !(oflag & ONLCR)) {
		ld->put(s, len);
		return;
	}
	while (len > 0) {
		for (n = 0; n < len && s[n] != '\n'; n++)
			;
		ld->put(s, n);
		if (n < len) {
			ld->put("\r\n", 2);
			n++;
		}
		s += n;
		len -= n;
	}
}

/* A control character other than tab and newline: echoed as ^X with ECHOCTL. */
static bool is_control(char c)
{
	return ((uint8_t)c < ' ' && c != '\t' && c != '\n') || c == DELETE;
}

static void echo_char(struct ldisc *ld, char c)
{
	char caret[2] = { '^', (char)(c ^ 0x40) };

	if (!(ld->termios.c_lflag & ECHO))
		return;
	if (is_control(c) && (ld->termios.c_lflag & ECHOCTL))
		ldisc_output(ld, caret, 2);
	else
		ldisc_output(ld, &c, 1);
}

/* VERASE: take back the last byte of the line being typed, and rub it out on the screen. */
static void erase_char(struct ldisc *ld, char key)
{
	uint32_t lflag = ld->termios.c_lflag;
	char c;

	if (ld->edit == ld->commit)
		return;
	c = ld->buf[AT(--ld->edit)];
	if (!(lflag & ECHO))
		return;
	if (!(lflag & ECHOE)) {
		echo_char(ld, key);
		return;
	}
	ld->put("\b \b", 3);
	if (is_control(c) && (lflag & ECHOCTL))
		ld->put("\b \b", 3); /* it took two columns: ^X */
}

/* VKILL: drop the line being typed; rub it all out (ECHOKE) or echo the key and a newline. */
static void kill_line(struct ldisc *ld, char key)
{
	uint32_t lflag = ld->termios.c_lflag;

	if ((lflag & ECHOKE) && (lflag & ECHOE)) {
		while (ld->edit != ld->commit)
			erase_char(ld, key);
		return;
	}
	ld->edit = ld->commit;
	echo_char(ld, key);
	if (lflag & ECHOK)
		ldisc_output(ld, "\n", 1);
}

/* A byte of the line being typed (or, in raw mode, of the input), echoed. */
static void add_char(struct ldisc *ld, char c)
{
	put_byte(ld, c, false);
	echo_char(ld, c);
}

/* End the line being typed (with a newline, or with a VEOF that is no data) and publish it. */
static void end_line(struct ldisc *ld, char c, bool eof)
{
	put_byte(ld, c, eof);
	ld->commit = ld->edit;
	if (!eof && (ld->termios.c_lflag & (ECHO | ECHONL)))
		ldisc_output(ld, "\n", 1);
}

/* One byte in canonical mode: an editing key, a line end, or a byte of the line. */
static void canonical_input(struct ldisc *ld, char c)
{
	if (is_key(ld, VERASE, c) || c == BACKSPACE)
		erase_char(ld, c);
	else if (is_key(ld, VKILL, c))
		kill_line(ld, c);
	else if (is_key(ld, VEOF, c))
		end_line(ld, c, true);
	else if (c == '\n')
		end_line(ld, c, false);
	else if (ld->edit - ld->commit < LDISC_LINE_MAX - 1)
		add_char(ld, c);
}

/* The signal a key sends with ISIG on, or 0. */
static int signal_key(const struct ldisc *ld, char c)
{
	if (!(ld->termios.c_lflag & ISIG))
		return 0;
	if (is_key(ld, VINTR, c))
		return SIGINT;
	if (is_key(ld, VQUIT, c))
		return SIGQUIT;
	if (is_key(ld, VSUSP, c))
		return SIGTSTP;
	return 0;
}

int ldisc_receive(struct ldisc *ld, char c)
{
	uint32_t iflag = ld->termios.c_iflag;
	int sig;

	if (c == '\r' && (iflag & IGNCR))
		return 0;
	if (c == '\r' && (iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (iflag & INLCR))
		c = '\r';
	sig = signal_key(ld, c);
	if (sig) {
		if (!(ld->termios.c_lflag & NOFLSH))
			ldisc_flush_input(ld);
		echo_char(ld, c);
		return sig;
	}
	if (ld->termios.c_lflag & ICANON) {
		canonical_input(ld, c);
	} else {
		add_char(ld, c);
		ld->commit = ld->edit;
	}
	return 0;
}

bool ldisc_readable(const struct ldisc *ld, size_t len)
{
	size_t vmin = ld->termios.c_cc[VMIN];

	if (ld->termios.c_lflag & ICANON)
		return ld->commit != ld->read;
	return ldisc_available(ld) >= MIN(vmin, len);
}

size_t ldisc_available(const struct ldisc *ld)
{
	return ld->commit - ld->read;
}

/*
 * Canonical reads stop after a newline, and at a typed VEOF, which is taken but not copied:
 * first in the read it is end of file (0); after a line it only ended that line.
 */
size_t ldisc_read(struct ldisc *ld, char *buf, size_t len)
{
	bool canonical = ld->termios.c_lflag & ICANON;
	size_t n = 0;

	while (n < len && ld->read != ld->commit) {
		unsigned int pos = ld->read++;

		if (eof_at(ld, pos)) {
			if (canonical)
				return n;
			continue;
		}
		buf[n++] = ld->buf[AT(pos)];
		if (canonical && buf[n - 1] == '\n')
			return n;
	}
	/* A full buffer just before the VEOF that ended the line: the VEOF goes with it. */
	if (canonical && n > 0 && ld->read != ld->commit && eof_at(ld, ld->read))
		ld->read++;
	return n;
}

void ldisc_set_termios(struct ldisc *ld, const struct termios *t)
{
	bool was_canonical = ld->termios.c_lflag & ICANON;

	ld->termios = *t;
	if (was_canonical && !(t->c_lflag & ICANON))
		ld->commit = ld->edit;
}

void ldisc_flush_input(struct ldisc *ld)
{
	ld->read = ld->commit = ld->edit;
}
