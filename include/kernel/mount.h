/*
 * mount(2)'s and umount2(2)'s flags, with Linux's x86_64 values.
 */
#ifndef KERNEL_MOUNT_H
#define KERNEL_MOUNT_H

/* mount(): the "magic" some old programs put in the top half of flags, taken off first. */
#define MS_MGC_MSK 0xffff0000UL
#define MS_MGC_VAL 0xc0ed0000UL

#define MS_RDONLY  (1UL << 0) /* nothing on the mount changes: EROFS */
#define MS_NOSUID  (1UL << 1) /* set-id bits mean nothing (they never do in Corral) */
#define MS_NODEV   (1UL << 2) /* device nodes cannot be opened: EACCES */
#define MS_NOEXEC  (1UL << 3) /* programs cannot be executed: EACCES */
#define MS_REMOUNT (1UL << 5)
#define MS_BIND	   (1UL << 12)
#define MS_MOVE	   (1UL << 13)
/* Flags that change a mount rather than make one: bind, move, propagation (EINVAL). */
#define MS_NOT_NEW (MS_BIND | MS_MOVE | (0xfUL << 17))
/* The flags a remount sets (or clears) on a mount, as Linux's remount does. */
#define MNT_REMOUNT_FLAGS (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)

/* umount2() */
#define MNT_FORCE	1
#define UMOUNT_NOFOLLOW 8

#endif
