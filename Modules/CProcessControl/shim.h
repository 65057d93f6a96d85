// Process handles (pidfd) for signalling exactly the process that was checked.
// glibc's wrappers are recent (2.36) and not in Swift's Glibc module; the system
// calls themselves exist since Linux 5.3.
#ifndef SWTOP_PROCESS_CONTROL_SHIM_H
#define SWTOP_PROCESS_CONTROL_SHIM_H

#include <sys/syscall.h>
#include <sys/types.h>
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

#endif
