import Glibc

/// A moment typed on the command line for `--begin` / `--end`: `10:30` (today, local
/// time), `yesterday 23:00`, `2026-12-03 10:30`, or `-15m` / `-2h` / `-30s` / `-1d`
/// before now. Read against the clock only when asked (`seconds(now:)`).
public struct TimeSpecification: Equatable, Sendable {
    private enum Form: Equatable, Sendable {
        case ago(Double)
        case clock(dayOffset: Int, date: (year: Int, month: Int, day: Int)?, hour: Int, minute: Int, second: Int)

        static func == (left: Form, right: Form) -> Bool {
            switch (left, right) {
            case (.ago(let a), .ago(let b)): a == b
            case (.clock(let d1, let date1, let h1, let m1, let s1), .clock(let d2, let date2, let h2, let m2, let s2)):
                d1 == d2 && date1?.year == date2?.year && date1?.month == date2?.month && date1?.day == date2?.day
                    && h1 == h2 && m1 == m2 && s1 == s2
            default: false
            }
        }
    }

    private let form: Form

    public init?(_ text: String) {
        if text.hasPrefix("-") {
            let body = text.dropFirst()
            let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400]
            guard let last = body.last, let unit = units[last], let amount = Double(body.dropLast()),
                amount.isFinite, amount >= 0
            else { return nil }
            form = .ago(amount * unit)
            return
        }
        var words = text.split(separator: " ").map(String.init)
        var dayOffset = 0
        var date: (Int, Int, Int)?
        if words.count == 2, words[0] == "yesterday" || words[0] == "today" {
            dayOffset = words[0] == "yesterday" ? -1 : 0
            words.removeFirst()
        } else if words.count == 2 {
            let parts = words[0].split(separator: "-").compactMap { Int($0) }
            guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
            date = (parts[0], parts[1], parts[2])
            words.removeFirst()
        }
        guard words.count == 1 else { return nil }
        let clock = words[0].split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0 != nil }) else { return nil }
        let hour = clock[0]!
        let minute = clock[1]!
        let second = clock.count == 3 ? clock[2]! : 0
        guard (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        form = .clock(dayOffset: dayOffset, date: date, hour: hour, minute: minute, second: second)
    }

    /// Seconds since the epoch, local time.
    public func seconds(now: Double) -> Double {
        switch form {
        case .ago(let seconds):
            return now - seconds
        case .clock(let dayOffset, let date, let hour, let minute, let second):
            var clock = time_t(now)
            var parts = tm()
            localtime_r(&clock, &parts)
            if let date {
                parts.tm_year = Int32(date.year - 1900)
                parts.tm_mon = Int32(date.month - 1)
                parts.tm_mday = Int32(date.day)
            } else {
                parts.tm_mday += Int32(dayOffset)
            }
            parts.tm_hour = Int32(hour)
            parts.tm_min = Int32(minute)
            parts.tm_sec = Int32(second)
            parts.tm_isdst = -1
            return Double(mktime(&parts))
        }
    }
}
