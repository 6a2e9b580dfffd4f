/*
 * <sys/termios.h> for Corral programs, reached through newlib's <termios.h> (newlib has no
 * generic one): struct termios and its flags, as Linux's C library has them.
 *
 * The kernel's own struct termios (what TCGETS and TCSETS move) is this one's first 36 bytes:
 * the four flag words, c_line and 19 control characters.  tcgetattr() and tcsetattr() in
 * user/lib/termios.c convert.
 */
#ifndef _SYS_TERMIOS_H
#define _SYS_TERMIOS_H

#include <sys/types.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned char cc_t;
typedef unsigned int speed_t;
typedef unsigned int tcflag_t;

#define NCCS 32

struct termios {
	tcflag_t c_iflag; /* Input modes */
	tcflag_t c_oflag; /* Output modes */
	tcflag_t c_cflag; /* Control modes */
	tcflag_t c_lflag; /* Local modes */
	cc_t c_line;	  /* Line discipline */
	cc_t c_cc[NCCS];  /* Control characters, indexed by V* */
	speed_t c_ispeed; /* Input speed (B*) */
	speed_t c_ospeed; /* Output speed (B*) */
};

/* c_cc indexes */
#define VINTR	 0
#define VQUIT	 1
#define VERASE	 2
#define VKILL	 3
#define VEOF	 4
#define VTIME	 5
#define VMIN	 6
#define VSWTC	 7
#define VSTART	 8
#define VSTOP	 9
#define VSUSP	 10
#define VEOL	 11
#define VREPRINT 12
#define VDISCARD 13
#define VWERASE	 14
#define VLNEXT	 15
#define VEOL2	 16

/* c_iflag */
#define IGNBRK	0000001
#define BRKINT	0000002
#define IGNPAR	0000004
#define PARMRK	0000010
#define INPCK	0000020
#define ISTRIP	0000040
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define IUCLC	0001000
#define IXON	0002000
#define IXANY	0004000
#define IXOFF	0010000
#define IMAXBEL 0020000
#define IUTF8	0040000

/* c_oflag */
#define OPOST  0000001
#define OLCUC  0000002
#define ONLCR  0000004
#define OCRNL  0000010
#define ONOCR  0000020
#define ONLRET 0000040
#define OFILL  0000100
#define OFDEL  0000200

/* c_cflag */
#define CBAUD  0010017
#define CSIZE  0000060
#define CS5    0000000
#define CS6    0000020
#define CS7    0000040
#define CS8    0000060
#define CSTOPB 0000100
#define CREAD  0000200
#define PARENB 0000400
#define PARODD 0001000
#define HUPCL  0002000
#define CLOCAL 0004000

/* speeds, in c_cflag & CBAUD */
#define B0	0000000
#define B50	0000001
#define B75	0000002
#define B110	0000003
#define B134	0000004
#define B150	0000005
#define B200	0000006
#define B300	0000007
#define B600	0000010
#define B1200	0000011
#define B1800	0000012
#define B2400	0000013
#define B4800	0000014
#define B9600	0000015
#define B19200	0000016
#define B38400	0000017
#define B57600	0010001
#define B115200 0010002
#define B230400 0010003
#define B460800 0010004

/* c_lflag */
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHONL	0000100
#define NOFLSH	0000200
#define TOSTOP	0000400
#define ECHOCTL 0001000
#define ECHOPRT 0002000
#define ECHOKE	0004000
#define FLUSHO	0010000
#define PENDIN	0040000
#define IEXTEN	0100000

/* tcsetattr() actions */
#define TCSANOW	  0
#define TCSADRAIN 1
#define TCSAFLUSH 2

/* tcflush() queues */
#define TCIFLUSH  0
#define TCOFLUSH  1
#define TCIOFLUSH 2

int tcgetattr(int, struct termios *);
int tcflush(int, int);
int tcdrain(int);
int tcsetattr(int, int, const struct termios *);
speed_t cfgetispeed(const struct termios *);
speed_t cfgetospeed(const struct termios *);
int cfsetispeed(struct termios *, speed_t);
int cfsetospeed(struct termios *, speed_t);
#if __MISC_VISIBLE
void cfmakeraw(struct termios *);
#endif

#ifdef __cplusplus
}
#endif
#endif /* _SYS_TERMIOS_H */
