// Process handles (pidfd) for signalling exactly the process that was checked.
// glibc's wrappers are recent (2.36) and not in Swift's Glibc module; the system
// calls themselves exist since Linux 5.3.
#ifndef SWTOP_PROCESS_CONTROL_SHIM_H
#define SWTOP_PROCESS_CONTROL_SHIM_H

#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/xattr.h>
#include <unistd.h>

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

/// A file descriptor that refers to process `pid` for as long as it is open,
/// even after the PID is reused; -1 with errno on failure (ENOSYS before 5.3).
static inline int swtop_pidfd_open(pid_t pid) {
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

/// Sends `sig` to the process the pidfd refers to; ESRCH once it has exited.
static inline int swtop_pidfd_send_signal(int pidfd, int sig) {
    return (int)syscall(SYS_pidfd_send_signal, pidfd, sig, (void *)0, 0);
}

/// The size of the access ACL of the file at `path` (following links); -1 with
/// errno ENODATA when it has none. sys/xattr.h is not in Swift's Glibc module.
static inline long swtop_access_acl_size(const char *path) {
    return (long)getxattr(path, "system.posix_acl_access", (void *)0, 0);
}

#endif
