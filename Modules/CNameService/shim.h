// What a fully static swtop needs to look names up safely: whether it is static,
// and a way to keep glibc's name service from loading shared modules.
#ifndef SWTOP_CNAMESERVICE_SHIM_H
#define SWTOP_CNAMESERVICE_SHIM_H

#include <elf.h>
#include <link.h>
#include <nss.h>
#include <sys/auxv.h>

/// 1 when this process has no program interpreter (ld.so): a fully static executable.
static inline int swtop_executable_is_static(void) {
    const ElfW(Phdr) *headers = (const ElfW(Phdr) *)getauxval(AT_PHDR);
    unsigned long count = getauxval(AT_PHNUM);
    if (headers == 0) return 0;
    for (unsigned long i = 0; i < count; i++) {
        if (headers[i].p_type == PT_INTERP) return 0;
    }
    return 1;
}

/// Makes getpwuid_r and friends use only glibc's built-in "files" source (/etc/passwd,
/// /etc/group). A static glibc would otherwise dlopen NSS modules (systemd, sss, ldap),
/// which load a second, dynamic libc into the process and crash it.
static inline void swtop_name_service_use_files_only(void) {
    __nss_configure_lookup("passwd", "files");
    __nss_configure_lookup("group", "files");
}

#endif
