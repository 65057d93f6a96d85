/// Whether the machine has a GPU that speaks the DRM usage-stats format: without
/// one, GPU columns and the GPU meter are not offered.
public enum DRMDevices {
    /// A `card N` or `renderD N` node under sysfs's `class/drm` (connectors such as
    /// `card0-HDMI-A-1` are not devices).
    public static func exist(in procFS: ProcFS) -> Bool {
        DirectoryNames.of(procFS.sysRoot + "/class/drm").contains { name in
            for prefix in ["renderD", "card"] where name.hasPrefix(prefix) {
                let number = name.dropFirst(prefix.count)
                return !number.isEmpty && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
            }
            return false
        }
    }
}
