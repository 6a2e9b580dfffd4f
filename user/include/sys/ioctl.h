/*
 * <sys/ioctl.h> for Corral programs: ioctl() and the request numbers of Linux's terminal
 * driver.
 */
#ifndef _SYS_IOCTL_H
#define _SYS_IOCTL_H

#ifdef __cplusplus
extern "C" {
#endif

#define TCGETS	   0x5401 /* Get the terminal's struct termios (kernel layout) */
#define TCSETS	   0x5402 /* Set it now */
#define TCSETSW	   0x5403 /* Set it once output has drained */
#define TCSETSF	   0x5404 /* Set it once output has drained, discarding input */
#define TCFLSH	   0x540B /* Discard queued input or output (tcflush()) */
#define TIOCSCTTY  0x540E /* Make the terminal the controlling one */
#define TIOCGPGRP  0x540F /* Get the foreground process group */
#define TIOCSPGRP  0x5410 /* Set the foreground process group */
#define TIOCOUTQ   0x5411 /* Bytes waiting to be sent */
#define TIOCGWINSZ 0x5413 /* Get the window size */
#define TIOCSWINSZ 0x5414 /* Set the window size */
#define FIONREAD   0x541B /* Bytes waiting to be read */
#define TIOCNOTTY  0x5422 /* Give up the controlling terminal */
#define TIOCGSID   0x5429 /* Get the session the terminal belongs to */
#define FIONBIO	   0x5421 /* Set or clear O_NONBLOCK */
#define FIONCLEX   0x5450 /* Clear FD_CLOEXEC */
#define FIOCLEX	   0x5451 /* Set FD_CLOEXEC */

struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

int ioctl(int __fd, unsigned long __request, ...);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_IOCTL_H */
