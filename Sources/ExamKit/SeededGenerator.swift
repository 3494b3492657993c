import Crypto

/// xoshiro256** seeded from SHA-256 of a byte string: the same bytes give the same sequence on every
/// platform, so the center can reproduce any composition or candidate order.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: some Sequence<UInt8>) {
        let digest = Array(SHA256.hash(data: Array(seed)))
        func word(_ offset: Int) -> UInt64 {
            (0..<8).reduce(UInt64(0)) { $0 | UInt64(digest[offset + $1]) << (8 * UInt64($1)) }
        }
        state = (word(0), word(8), word(16), word(24))
        if state == (0, 0, 0, 0) { state.0 = 0x9E37_79B9_7F4A_7C15 }
    }

    public init(seed: String) {
        self.init(seed: Array(seed.utf8))
    }

    public mutating func next() -> UInt64 {
        let result = rotl(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotl(state.3, 45)
        return result
    }

    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

extension Array {
    /// Fisher–Yates with an explicit generator. The standard library's `shuffled(using:)` does not
    /// promise a stable algorithm across releases; the center must reproduce orders forever.
    public func stableShuffled<G: RandomNumberGenerator>(using generator: inout G) -> [Element] {
        var copy = self
        guard copy.count > 1 else { return copy }
        for i in stride(from: copy.count - 1, to: 0, by: -1) {
            let j = Int(uniform(upTo: UInt64(i + 1), using: &generator))
            copy.swapAt(i, j)
        }
        return copy
    }
}

extension Array {
    /// The first `count` elements of a Fisher–Yates shuffle done front to back: a uniform sample
    /// that costs `count` draws, not the whole pool.
    public func stableSample<G: RandomNumberGenerator>(_ count: Int, using generator: inout G) -> [Element] {
        // Swaps are recorded sparsely so the pool itself is never copied: cost is O(count).
        var swapped: [Int: Int] = [:]
        let taken = Swift.min(count, self.count)
        var sample: [Element] = []
        sample.reserveCapacity(taken)
        for i in 0..<taken {
            let j = i + Int(uniform(upTo: UInt64(self.count - i), using: &generator))
            let picked = swapped[j] ?? j
            swapped[j] = swapped[i] ?? i
            sample.append(self[picked])
        }
        return sample
    }
}

/// Unbiased integer in 0..<bound by rejection (same reason: a documented algorithm).
func uniform<G: RandomNumberGenerator>(upTo bound: UInt64, using generator: inout G) -> UInt64 {
    precondition(bound > 0)
    let limit = UInt64.max - (UInt64.max % bound)
    while true {
        let value = generator.next()
        if value < limit { return value % bound }
    }
}
