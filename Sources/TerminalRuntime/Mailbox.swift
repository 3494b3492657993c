import Foundation
import Synchronization

/// Answers from background work (network, disk) on their way back into the event loop. Posting
/// writes a byte into a pipe whose read end the loop waits on next to the keyboard, so an answer
/// wakes the loop at once without it ever blocking on the work itself.
public final class Mailbox<Message: Sendable>: Sendable {
    private let queue = Mutex<[Message]>([])
    /// Read end: the loop polls it; written by `post` and by signal handlers.
    public let wakeDescriptor: Int32
    private let writeDescriptor: Int32

    public init() {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { fatalError("pipe: \(String(cString: strerror(errno)))") }
        for descriptor in descriptors {
            // Non-blocking both ways: a full pipe already means "wake up", and draining stops when empty.
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        wakeDescriptor = descriptors[0]
        writeDescriptor = descriptors[1]
    }

    deinit {
        close(wakeDescriptor)
        close(writeDescriptor)
    }

    /// The descriptor a signal handler writes to (async-signal-safe `write`).
    public var signalDescriptor: Int32 { writeDescriptor }

    public func post(_ message: Message) {
        queue.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(writeDescriptor, &byte, 1)
    }

    /// Everything posted so far, in order; empties the pipe too.
    public func drain() -> [Message] {
        var buffer = [UInt8](repeating: 0, count: 256)
        while read(wakeDescriptor, &buffer, buffer.count) > 0 {}
        return queue.withLock { messages in
            defer { messages.removeAll() }
            return messages
        }
    }

    public var isEmpty: Bool { queue.withLock { $0.isEmpty } }
}
