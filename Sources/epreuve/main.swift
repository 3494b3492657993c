// The home screen is drawn here, on the main thread, before the first `await`: the async main's
// hand-over to a worker thread (0.5 to 1.4 ms) then comes after the first frame, not before it.
await Epreuve.runMain(begun: Epreuve.beginPlain())
