import SwtopCore

/// What has been read about the process an inspect page looks at. Each part is
/// nil until its page has been opened; after the process exits the last of each
/// is kept and shown with a notice.
public struct InspectData: Sendable, Equatable {
    public let target: ProcessTarget
    public var inspection: ProcessInspection?
    public var environment: Readable<[EnvironmentVariable]>? { didSet { built = PageCache() } }
    public var descriptors: Readable<[OpenDescriptor]>? { didSet { built = PageCache() } }
    public var output: OutputLog? { didSet { built = PageCache() } }
    public var hasExited = false
    /// The list pages made from the data above, made again only when it changes: the
    /// run loop asks for the page at every key, and a page of 19,000 descriptors
    /// took a fifth of a second to make.
    private var built = PageCache()

    public init(target: ProcessTarget) {
        self.target = target
    }

    /// The page to draw; nil while nothing has been read for it.
    public func page(_ page: InspectView.Page, clock: WallClock = .local) -> TextPage? {
        var text: TextPage?
        switch page {
        case .detail: text = inspection.map { DetailPage.page($0, clock: clock) }
        case .environment: text = built.page(page) { environment.map { ListPages.environment($0, target: target) } }
        case .descriptors: text = built.page(page) { descriptors.map { ListPages.descriptors($0, target: target) } }
        case .output: text = built.page(page) { output.map { ListPages.output($0, target: target) } }
        }
        guard hasExited else { return text }
        if text == nil { text = TextPage(title: ListPages.title(target, "exited"), sections: []) }
        text?.notice = "PID \(target.pid) (\(target.name)) has exited — showing its last data"
        return text
    }

    public static func == (left: InspectData, right: InspectData) -> Bool {
        left.target == right.target && left.inspection == right.inspection && left.environment == right.environment
            && left.descriptors == right.descriptors && left.output == right.output && left.hasExited == right.hasExited
    }
}

/// The list pages of one state of an `InspectData`, made on first use.
private final class PageCache: Sendable {
    private let pages = Locked<[InspectView.Page: TextPage?]>([:])

    func page(_ page: InspectView.Page, make: () -> TextPage?) -> TextPage? {
        if let made = pages.withLock({ $0[page] }) { return made }
        let made = make()
        pages.withLock { $0[page] = made }
        return made
    }
}
