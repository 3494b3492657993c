import Testing

/// The end-to-end tests that drive `epreuve` in tmux, one at a time: their questions last 5 s, and
/// run side by side on 2 cores with the rest of the suite they missed their windows. The other end
/// to end tests (command lines, documents, servers) still run in parallel with everything.
@Suite(.serialized) enum OnTerminals {}
