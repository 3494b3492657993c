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

    /// The peak resident memory of this process so far: the high-water mark of its own address space.
    /// Not `ru_maxrss` on Linux: that one survives `execve`, so a child started by a parent holding
    /// 65 MiB reports at least 65 MiB whatever it does itself.
    public static func peakMemoryMiB() -> Double {
        #if os(Linux)
        if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") {
            return kilobytes / 1024
        }
        #endif
        return Double(current().ru_maxrss) / 1024  // kilobytes on Linux
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

/// The nearest-rank percentile `p` (0…1) of values sorted in increasing order (at least one).
public func percentile(_ sorted: [Double], _ p: Double) -> Double {
    precondition(!sorted.isEmpty, "percentile of nothing")
    return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
}

/// One line of a benchmark's report: the label padded to `width` columns, then the value.
public func printLine(_ label: String, _ value: String, width: Int) {
    print(label.padding(toLength: max(width, label.count + 1), withPad: " ", startingAt: 0) + value)
}
