/*
 * The terminal interface as Linux's ioctl()s see it: struct termios in the kernel's layout
 * (what TCGETS and TCSETS move), its flag bits and control-character slots, struct winsize,
 * and the request numbers.  Every value is Linux's, so a C library built for Linux drives
 * Corral's console unchanged.  The console (fs/console.c) and its line discipline
 * (fs/ldisc.c) use them.
 */
#ifndef KERNEL_TERMIOS_H
#define KERNEL_TERMIOS_H

#include <stdint.h>

#define NCCS 19

/* Linux's struct termios as the kernel lays it out: 36 bytes (the C library's is larger). */
struct termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line;
	uint8_t c_cc[NCCS];
};

struct winsize {
	uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* c_cc slots */
#define VINTR  0
#define VQUIT  1
#define VERASE 2
#define VKILL  3
#define VEOF   4
#define VTIME  5
#define VMIN   6
#define VSUSP  10

/* c_iflag */
#define INLCR 0000100
#define IGNCR 0000200
#define ICRNL 0000400

/* c_oflag */
#define OPOST 0000001
#define ONLCR 0000004

/* c_cflag */
#define B115200 0010002
#define CS8	0000060
#define CREAD	0000200

/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define ECHOCTL 0001000
#define ECHOKE	0004000
#define IEXTEN	0100000

/* ioctl requests */
#define TCGETS	   0x5401
#define TCSETS	   0x5402
#define TCSETSW	   0x5403
#define TCSETSF	   0x5404
#define TCFLSH	   0x540B
#define TIOCSCTTY  0x540E
#define TIOCGPGRP  0x540F
#define TIOCSPGRP  0x5410
#define TIOCGWINSZ 0x5413
#define TIOCSWINSZ 0x5414
#define FIONREAD   0x541B
#define TIOCNOTTY  0x5422
#define TIOCGSID   0x5429

/* TCFLSH's argument */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

#endif
