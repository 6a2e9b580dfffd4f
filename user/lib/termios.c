/*
 * Terminal attributes: tcgetattr() and tcsetattr() over the TCGETS and TCSETS* ioctls, and the
 * cf*() helpers; tcflush() and tcdrain(); the foreground process group, tcgetpgrp() and
 * tcsetpgrp() over TIOCGPGRP and TIOCSPGRP.
 *
 * The kernel moves struct kernel_termios below; the C library's struct termios (<termios.h>)
 * has room for more control characters and keeps the speeds in fields of their own, which here
 * are always the speed bits of c_cflag.
 */
#define _DEFAULT_SOURCE /* cfmakeraw */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "syscall.h"

#define KERNEL_NCCS 19

struct kernel_termios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_line;
	cc_t c_cc[KERNEL_NCCS];
};

int tcgetattr(int fd, struct termios *t)
{
	struct kernel_termios k;
	long ret = syscall3(SYS_ioctl, fd, TCGETS, (long)&k);

	if (syscall_failed(ret))
		return syscall_return(ret);
	memset(t, 0, sizeof(*t));
	t->c_iflag = k.c_iflag;
	t->c_oflag = k.c_oflag;
	t->c_cflag = k.c_cflag;
	t->c_lflag = k.c_lflag;
	t->c_line = k.c_line;
	memcpy(t->c_cc, k.c_cc, KERNEL_NCCS);
	t->c_ispeed = k.c_cflag & CBAUD;
	t->c_ospeed = k.c_cflag & CBAUD;
	return 0;
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	static const unsigned long request[] = {TCSETS, TCSETSW, TCSETSF};
	struct kernel_termios k;

	if (action < TCSANOW || action > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	k.c_iflag = t->c_iflag;
	k.c_oflag = t->c_oflag;
	k.c_cflag = t->c_cflag;
	k.c_lflag = t->c_lflag;
	k.c_line = t->c_line;
	memcpy(k.c_cc, t->c_cc, KERNEL_NCCS);
	return syscall_return(syscall3(SYS_ioctl, fd, request[action], (long)&k));
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_cflag & CBAUD;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	if (speed & ~CBAUD) {
		errno = EINVAL;
		return -1;
	}
	t->c_cflag = (t->c_cflag & ~CBAUD) | speed;
	t->c_ispeed = speed;
	t->c_ospeed = speed;
	return 0;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	return speed == 0 ? 0 : cfsetospeed(t, speed);
}

/* Raw mode: bytes arrive one at a time, unechoed and untranslated, with no signal keys. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~OPOST;
	t->c_lflag &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

int tcflush(int fd, int queue)
{
	return syscall_return(syscall3(SYS_ioctl, fd, TCFLSH, queue));
}

/* Output is never queued: there is nothing to wait for, once fd is known to be a terminal. */
int tcdrain(int fd)
{
	struct kernel_termios k;

	return syscall_return(syscall3(SYS_ioctl, fd, TCGETS, (long)&k));
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;
	long ret = syscall3(SYS_ioctl, fd, TIOCGPGRP, (long)&pgrp);

	return syscall_failed(ret) ? syscall_return(ret) : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int id = pgrp;

	return syscall_return(syscall3(SYS_ioctl, fd, TIOCSPGRP, (long)&id));
}
