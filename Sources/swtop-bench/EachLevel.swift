import SwtopHarness

/// The loop of the modes that measure one run per level (record, replay): a farm on
/// the real /proc topped up to each level, `measure` run with the cleanup signals held
/// back (Ctrl-C tidies up, then ends the bench), and the farm gone at the end. The
/// results so far, and status 1 when the farm could not be made or grown.
func measureEachLevel<Measurement>(
    _ levels: [Int], _ measure: (_ farm: ProcessFarm, _ processes: Int) throws(Interrupted) -> Measurement
) -> (results: [Measurement], status: Int32) {
    let farm: ProcessFarm
    do {
        farm = try ProcessFarm(root: "/proc")
    } catch {
        progress(error.description)
        return ([], 1)
    }
    defer {
        farm.killAll()
        Orphans.reapExited(excluding: [])
    }
    var results: [Measurement] = []
    for level in levels {
        let present: Int
        do {
            present = try farm.adjust(toTotal: level)
        } catch {
            progress("level \(level): \(error.description)")
            return (results, 1)
        }
        do {
            results.append(try SignalCleanup.holdingBack { () throws(Interrupted) in try measure(farm, present) })
        } catch {
            farm.killAll()
            SignalCleanup.redeliver(error)
        }
    }
    return (results, 0)
}
