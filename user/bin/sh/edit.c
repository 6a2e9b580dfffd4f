/*
 * Reading a command line from a terminal: line editing and history.
 *
 * When the terminal lets us (tcsetattr succeeds), the shell switches it to raw mode for the
 * length of one line: no echo, no line buffering, no signals from ^C.  It then echoes and
 * edits the line itself: arrows, ^A ^E ^B ^F to move, backspace, ^D ^K ^U ^W to delete,
 * up/down (^P/^N) through the history, ^C to drop the line, ^D on an empty line for end of
 * input.  The old mode is back before the line is returned, so programs run in the usual
 * canonical mode.  When raw mode is not available the terminal's own line editing is used
 * (the kernel echoes and handles backspace), and the line is simply read.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "sh.h"

#define HISTORY_SIZE 100
#define LINE_MAX_LEN 1024

static char *history[HISTORY_SIZE]; /* oldest first */
static int history_count;
static int raw_unavailable; /* tcsetattr failed once: do not try again */

/* The line being edited. */
struct line {
	char buf[LINE_MAX_LEN];
	int len, cursor;
	const char *prompt;
	int history_pos; /* history_count: the new line, not a history entry */
};

static void out(const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(2, s, n);
		if (w <= 0 && errno != EINTR)
			return;
		if (w > 0) {
			s += w;
			n -= w;
		}
	}
}

static void out_str(const char *s)
{
	out(s, strlen(s));
}

static void history_add(const char *s)
{
	if (s[0] == '\0' || (history_count > 0 && strcmp(history[history_count - 1], s) == 0))
		return;
	if (history_count == HISTORY_SIZE) {
		free(history[0]);
		memmove(history, history + 1, (HISTORY_SIZE - 1) * sizeof(char *));
		history_count--;
	}
	history[history_count++] = xstrdup(s);
}

/* Redraw: prompt and text on a cleared line, then the cursor put back where it belongs. */
static void refresh(struct line *l)
{
	char move[32];

	out_str("\r");
	out_str(l->prompt);
	out(l->buf, l->len);
	out_str("\x1b[K");
	if (l->cursor < l->len) {
		snprintf(move, sizeof(move), "\x1b[%dD", l->len - l->cursor);
		out_str(move);
	}
}

static void insert_char(struct line *l, char c)
{
	if (l->len + 1 >= LINE_MAX_LEN)
		return;
	memmove(l->buf + l->cursor + 1, l->buf + l->cursor, l->len - l->cursor);
	l->buf[l->cursor++] = c;
	l->len++;
}

/* Delete n characters starting at from. */
static void delete_range(struct line *l, int from, int n)
{
	memmove(l->buf + from, l->buf + from + n, l->len - from - n);
	l->len -= n;
	if (l->cursor > from + n)
		l->cursor -= n;
	else if (l->cursor > from)
		l->cursor = from;
}

/* Show history entry pos (history_count: an empty new line). */
static void history_move(struct line *l, int pos)
{
	const char *s;

	if (pos < 0 || pos > history_count)
		return;
	l->history_pos = pos;
	s = pos < history_count ? history[pos] : "";
	l->len = l->cursor = (int)strlen(s);
	memcpy(l->buf, s, l->len);
}

/* After ESC: the rest of an arrow-key sequence (ESC [ A ...). */
static void escape_sequence(struct line *l)
{
	char seq[3];

	if (read(0, &seq[0], 1) != 1 || read(0, &seq[1], 1) != 1)
		return;
	if (seq[0] != '[' && seq[0] != 'O')
		return;
	switch (seq[1]) {
	case 'A':
		history_move(l, l->history_pos - 1);
		break;
	case 'B':
		history_move(l, l->history_pos + 1);
		break;
	case 'C':
		if (l->cursor < l->len)
			l->cursor++;
		break;
	case 'D':
		if (l->cursor > 0)
			l->cursor--;
		break;
	case 'H':
		l->cursor = 0;
		break;
	case 'F':
		l->cursor = l->len;
		break;
	case '3':
		if (read(0, &seq[2], 1) == 1 && seq[2] == '~' && l->cursor < l->len)
			delete_range(l, l->cursor, 1);
		break;
	}
}

/* One key. Returns 0 to go on, 1 when the line is finished, -1 at end of input. */
static int handle_key(struct line *l, char c)
{
	int start;

	switch (c) {
	case '\r':
	case '\n':
		return 1;
	case 3: /* ^C: drop the line */
		out_str("^C");
		l->len = 0;
		return 1;
	case 4: /* ^D */
		if (l->len == 0)
			return -1;
		if (l->cursor < l->len)
			delete_range(l, l->cursor, 1);
		break;
	case 127:
	case 8:
		if (l->cursor > 0)
			delete_range(l, l->cursor - 1, 1);
		break;
	case 1:
		l->cursor = 0;
		break;
	case 5:
		l->cursor = l->len;
		break;
	case 2:
		if (l->cursor > 0)
			l->cursor--;
		break;
	case 6:
		if (l->cursor < l->len)
			l->cursor++;
		break;
	case 11:
		l->len = l->cursor;
		break;
	case 21:
		delete_range(l, 0, l->cursor);
		break;
	case 23: /* ^W: the word before the cursor */
		start = l->cursor;
		while (start > 0 && l->buf[start - 1] == ' ')
			start--;
		while (start > 0 && l->buf[start - 1] != ' ')
			start--;
		delete_range(l, start, l->cursor - start);
		break;
	case 16:
		history_move(l, l->history_pos - 1);
		break;
	case 14:
		history_move(l, l->history_pos + 1);
		break;
	case 27:
		escape_sequence(l);
		break;
	default:
		if ((unsigned char)c >= 32)
			insert_char(l, c);
		break;
	}
	return 0;
}

/* Edit one line in raw mode. Returns it (malloc'ed) or NULL at end of input. */
static char *read_raw(const char *prompt)
{
	struct line l = {.prompt = prompt, .history_pos = history_count};
	int done = 0;
	char c;

	out_str(prompt);
	while (done == 0) {
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			done = -1;
			break;
		}
		int old_len = l.len, at_end = l.cursor == l.len;
		done = handle_key(&l, c);
		if (done != 0)
			break;
		/* Typing or erasing at the end of the line needs no full redraw (slow on a
		 * serial console). */
		if (at_end && l.cursor == l.len && l.len == old_len + 1)
			out(&c, 1);
		else if (at_end && l.cursor == l.len && l.len == old_len - 1)
			out_str("\b \b");
		else
			refresh(&l);
	}
	out_str("\r\n");
	if (done < 0)
		return NULL;
	l.buf[l.len] = '\0';
	history_add(l.buf);
	return xstrdup(l.buf);
}

/*
 * A line as the terminal (or a pipe or file) gives it, a byte at a time so that nothing past
 * the newline is taken from a script a child may read too.  ^C (EINTR) gives an empty line.
 */
static char *read_plain(const char *prompt)
{
	char *buf = NULL;
	size_t len = 0, cap = 0;
	char c;

	if (prompt != NULL)
		out_str(prompt);
	for (;;) {
		ssize_t n = read(0, &c, 1);
		if (n < 0 && errno == EINTR && prompt == NULL)
			continue; /* a signal for a trap, while a script is read */
		if (n < 0 && errno == EINTR) {
			out_str("\n");
			len = 0;
			break;
		}
		if (n <= 0) {
			if (len == 0) {
				free(buf);
				return NULL;
			}
			break;
		}
		if (c == '\n')
			break;
		if (len + 2 > cap) {
			cap = cap ? cap * 2 : 128;
			buf = xrealloc(buf, cap);
		}
		buf[len++] = c;
	}
	if (buf == NULL)
		buf = xmalloc(1);
	buf[len] = '\0';
	return buf;
}

/*
 * Read one line without its newline (malloc'ed), or NULL at end of input.  prompt is NULL
 * when stdin is not a terminal: then nothing is shown and nothing edited.
 */
char *edit_read_line(const char *prompt)
{
	struct termios saved, raw;
	char *line;

	if (prompt == NULL || raw_unavailable || tcgetattr(0, &saved) < 0)
		return read_plain(prompt);
	raw = saved;
	raw.c_lflag &= ~(ICANON | ECHO | ISIG | IEXTEN);
	raw.c_iflag &= ~(ICRNL | IXON);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(0, TCSANOW, &raw) < 0) {
		raw_unavailable = 1;
		return read_plain(prompt);
	}
	line = read_raw(prompt);
	tcsetattr(0, TCSANOW, &saved);
	return line;
}
