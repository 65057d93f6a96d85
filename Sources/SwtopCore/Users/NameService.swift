import CNameService
import Glibc

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

extension NameService {
    /// Calls a `getpw*_r` or `getgr*_r` function with a buffer that grows on ERANGE,
    /// and reads the entry with `extract` while the strings it points to are alive.
    static func lookUp<Entry, Value>(
        _ call: (
            UnsafeMutablePointer<Entry>, UnsafeMutablePointer<CChar>, Int,
            UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>
        ) -> Int32,
        extract: (Entry) -> Value
    ) -> Value? {
        var size = 1024
        while size <= 1 << 20 {
            let entry = UnsafeMutablePointer<Entry>.allocate(capacity: 1)
            defer { entry.deallocate() }
            var result: UnsafeMutablePointer<Entry>? = nil
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: size)
            defer { buffer.deallocate() }
            let status = call(entry, buffer, size, &result)
            if status == ERANGE {
                size *= 4
                continue
            }
            guard status == 0, result != nil else { return nil }
            return extract(entry.pointee)
        }
        return nil
    }
}
