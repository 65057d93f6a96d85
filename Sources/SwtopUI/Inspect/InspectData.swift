import SwtopCore

/// What has been read about the process an inspect page looks at. Each part is
/// nil until its page has been opened; after the process exits the last of each
/// is kept and shown with a notice.
public struct InspectData: Sendable, Equatable {
    public let target: ProcessTarget
    public var inspection: ProcessInspection?
    public var environment: Readable<[EnvironmentVariable]>?
    public var descriptors: Readable<[OpenDescriptor]>?
    public var output: OutputLog?
    public var hasExited = false

    public init(target: ProcessTarget) {
        self.target = target
    }

    /// The page to draw; nil while nothing has been read for it.
    public func page(_ page: InspectView.Page, clock: WallClock = .local) -> TextPage? {
        var text: TextPage?
        switch page {
        case .detail: text = inspection.map { DetailPage.page($0, clock: clock) }
        case .environment: text = environment.map { ListPages.environment($0, target: target) }
        case .descriptors: text = descriptors.map { ListPages.descriptors($0, target: target) }
        case .output: text = output.map { ListPages.output($0, target: target) }
        }
        guard hasExited else { return text }
        if text == nil { text = TextPage(title: ListPages.title(target, "exited"), sections: []) }
        text?.notice = "PID \(target.pid) (\(target.name)) has exited — showing its last data"
        return text
    }
}
