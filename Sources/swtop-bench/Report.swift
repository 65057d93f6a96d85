/// The results as Markdown: one row per level, each time "median (min)" in CPU ms.
enum Report {
    static func markdown(_ results: [LevelResult], samples: Int, firstSampleReaders: Int, sockets: Int) -> String {
        var lines = [
            "| processes | floor ms | sample ms | sample+SHR ms | first sample ms | sample / floor | sample+SHR / floor | +meters ms | +NET ms | peak RSS MiB |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for result in results {
            let cells = [
                String(result.processes),
                cell(result.floor),
                cell(result.sample),
                cell(result.sampleWithShared),
                cell(result.firstSample),
                ratio(result.sample, result.floor),
                ratio(result.sampleWithShared, result.floor),
                difference(result.sampleWithMeters, result.sample),
                difference(result.sampleWithNetwork, result.sample),
                result.peakResidentBytes.map { fixed(Double($0) / 1_048_576, digits: 1) } ?? "-",
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append("\(MachineInfo.onlineCPUs) online CPUs, Linux \(MachineInfo.kernelRelease), \(MachineInfo.now).")
        lines.append(
            """
            CPU time of the bench per operation, median (min) of \(samples) runs after a warm-up; \
            first sample: \(firstSampleReaders) fresh readers. floor = fstat of each PID directory + \
            read of stat and statm; sample = SnapshotReader.read() (stat only); sample+SHR also reads statm. \
            +meters: what the disk, network and pressure meters add to a sample (the median of the \
            differences, round by round); +NET: what a NET column adds, with \(sockets) TCP sockets on 127.0.0.1 held by \
            the bench. Peak RSS is the bench's VmHWM after the level (all levels so far).
            """)
        return lines.joined(separator: "\n")
    }

    private static func cell(_ timings: Timings) -> String {
        "\(fixed(timings.median, digits: 2)) (\(fixed(timings.minimum, digits: 2)))"
    }

    /// The median of the differences round by round: the two were timed within one
    /// round, so what disturbs the machine for a while cancels out.
    private static func difference(_ with: Timings, _ without: Timings) -> String {
        var differences = Timings()
        for (one, other) in zip(with.values, without.values) { differences.append(one - other) }
        return fixed(differences.median, digits: 2)
    }

    private static func ratio(_ numerator: Timings, _ denominator: Timings) -> String {
        fixed(numerator.median / denominator.median, digits: 2)
    }

    /// `value` rounded to `digits` decimals, without Foundation's String(format:).
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((abs(value) * scale).rounded())
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        let padded = String(repeating: "0", count: max(0, digits - fraction.count)) + fraction
        return (value < 0 ? "-" : "") + String(whole) + (digits > 0 ? "." + padded : "")
    }
}
