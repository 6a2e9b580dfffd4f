/*
 * <sys/mount.h> for Corral programs: mount(), umount() and umount2() with Linux's
 * signatures and flag values.
 */
#ifndef _SYS_MOUNT_H
#define _SYS_MOUNT_H

#ifdef __cplusplus
extern "C" {
#endif

/* mountflags of mount() */
#define MS_RDONLY      1	 /* Read only */
#define MS_NOSUID      2	 /* Ignore set-user-id and set-group-id bits */
#define MS_NODEV       4	 /* Do not open device files */
#define MS_NOEXEC      8	 /* Do not execute programs */
#define MS_SYNCHRONOUS 16	 /* Write synchronously */
#define MS_REMOUNT     32	 /* Change the flags of a mounted file system */
#define MS_MANDLOCK    64	 /* Allow mandatory locks */
#define MS_DIRSYNC     128	 /* Directory changes are synchronous */
#define MS_NOATIME     1024	 /* Do not update access times */
#define MS_NODIRATIME  2048	 /* Do not update directory access times */
#define MS_BIND	       4096	 /* Bind a directory elsewhere */
#define MS_MOVE	       8192	 /* Move a mount */
#define MS_REC	       16384	 /* Recursively, with MS_BIND */
#define MS_SILENT      32768	 /* Fewer kernel messages */
#define MS_RELATIME    (1 << 21) /* Update access times relative to modification */
#define MS_STRICTATIME (1 << 24) /* Always update access times */
#define MS_LAZYTIME    (1 << 25) /* Update times lazily */

/* flags of umount2() */
#define MNT_FORCE	1 /* Even if busy */
#define MNT_DETACH	2 /* Detach now, clean up when no longer busy */
#define MNT_EXPIRE	4 /* Mark for expiry */
#define UMOUNT_NOFOLLOW 8 /* Do not follow a final symbolic link */

int mount(const char *__source, const char *__target, const char *__filesystemtype,
	  unsigned long __mountflags, const void *__data);
int umount(const char *__target);
int umount2(const char *__target, int __flags);

#ifdef __cplusplus
}
#endif
#endif /* _SYS_MOUNT_H */
