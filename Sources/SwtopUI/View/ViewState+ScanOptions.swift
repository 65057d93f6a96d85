import SwtopCore

extension ViewState {
    /// What the sampler must read for this view. statm for every process only when
    /// the table is ordered by memory, folds a tree node (whose MEM% sums what it
    /// hides) or is grouped, else only for the rows on screen (`OnScreenReader`); threads, and
    /// kernel threads, only while they are shown; the CPU clock and disk usage only
    /// for the meters shown; what a filter compares, for every process.
    public var scanOptions: ScanOptions {
        let ordersByMemory = [.res, .mem, .shr].contains(ordering.key)
        let foldsByMemory = ordering.tree && !collapsed.isEmpty
        // A group's RES statistics are over every member: all exact, or none.
        var options = ScanOptions(
            readsStatm: ordersByMemory || foldsByMemory || grouping != nil || activeFilter.readsStatm,
            readsThreads: showsThreads,
            readsKernelThreads: showsKernelThreads)
        options.readsCPUFrequency = preferences.meters.contains { $0.kind == .cpuFrequency }
        options.readsDiskActivity = preferences.meters.contains { $0.kind == .diskIO }
        options.readsNetworkActivity = preferences.meters.contains { $0.kind == .networkIO }
        options.readsPressure = preferences.meters.contains { $0.kind == .pressure }
        options.readsTemperatures = preferences.meters.contains { $0.kind == .temperature }
        options.diskMounts = preferences.meters.compactMap(\.kind.mountPoint)
        options.readsIO = ordering.key.isIO || activeFilter.readsIO
        options.readsNetwork =
            preferences.columns.contains(where: \.readsNetwork) || ordering.key.isNetwork || activeFilter.readsNetwork
        // Without a DRM device there is nothing to find, whatever a config from another machine asks for.
        options.readsGPU =
            hasGPU
            && (preferences.columns.contains(where: \.readsGPU) || ordering.key.isGPU || activeFilter.readsGPU
                || preferences.meters.contains { $0.kind == .gpu })
        options.rereadsCommandLines = preferences.updatesProcessNames
        options.readsCgroups =
            preferences.columns.contains(where: \.readsCgroups)
            || [.cgroup, .container, .unit].contains(ordering.key) || grouping?.readsCgroups == true
            || activeFilter.readsCgroups
        return options
    }
}
