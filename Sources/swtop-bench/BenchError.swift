import Glibc

/// A failure of the monitors mode that ends one step, as one line for stderr.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

func errorText(_ code: Int32) -> String {
    String(cString: strerror(code))
}
