import CNameService

/// Where user and group names come from.
///
/// The release build is one static executable: it starts faster and stays smaller
/// without shared libraries. Its glibc still reads /etc/passwd and /etc/group itself,
/// but any other source in nsswitch.conf (systemd, sss, ldap) is a shared module that
/// glibc would dlopen, bringing a second, dynamic libc into the process: a crash.
/// So a static swtop asks the C library for files only, and asks `getent`, a
/// separate process with the system's full name service, for whatever files lack.
/// A dynamically linked swtop (debug and test builds) uses the C library for all.
enum NameService {
    /// True when names missing from the files must be asked of `getent`.
    static let needsGetent: Bool = {
        guard Linkage.isStatic else { return false }
        swtop_name_service_use_files_only()
        return true
    }()
}
