import Foundation

// What every benchmark measures with: durations as numbers, and what the process has used.

extension Duration {
    public var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
    public var milliseconds: Double { seconds * 1000 }
}

public enum ProcessUsage {
    /// CPU seconds this process used so far (user + system).
    public static func cpuSeconds() -> Double {
        let usage = current()
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    /// The peak resident memory of this process so far.
    public static func peakMemoryMiB() -> Double {
        Double(current().ru_maxrss) / 1024  // kilobytes on Linux
    }

    private static func current() -> rusage {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }
}
