/// One interactive run's dealings with the config file: what it read, what the
/// run starts with (the file's settings under the command line's flags), and at a
/// clean exit, whether and what to write back.
public struct SettingsSession: Sendable {
    /// nil under `--no-config`, or when there is no home directory to keep it in.
    public let store: SettingsStore?
    public let loaded: SettingsStore.Loaded
    /// What the run starts with.
    public let start: Settings
    /// False under `--readonly`, `--no-config`, and for a file that could not be read or is not trusted.
    public let savesOnExit: Bool

    public init(options: LaunchOptions, environment: (String) -> String?, readonly: Bool) {
        let path = options.noConfig ? nil : (options.configPath ?? SettingsStore.defaultPath(environment: environment))
        store = path.map(SettingsStore.init(path:))
        loaded = store?.load() ?? SettingsStore.Loaded(settings: Settings(), warnings: [], condition: .missing)
        start = loaded.settings.overridden(by: options)
        savesOnExit = store != nil && !readonly && loaded.condition.allowsSaving
    }

    public var warnings: [String] { loaded.warnings }

    /// Saves `final` when it differs from what the run started with. Returns a line
    /// for stderr: why it could not be saved, or where a broken file was kept.
    public func finish(with final: Settings) -> String? {
        guard savesOnExit, let store, final != start else { return nil }
        let saved = Settings.toSave(final: final, atStart: start, inFile: loaded.settings)
        let keepsOld = loaded.condition == .broken
        do {
            try store.save(saved, keepingOld: keepsOld)
        } catch {
            return error.description
        }
        return keepsOld ? "the config file had errors; the old one is kept as \(store.brokenCopyPath)" : nil
    }
}
