#ifndef EPREUVE_THREAD_PLACEMENT_H
#define EPREUVE_THREAD_PLACEMENT_H

/// Runs `body(context)` on a new detached thread, started on another processor than the caller's
/// when the process has one, then free to move like any other thread (whatever it starts inherits
/// every processor). Returns 0, or the error number of pthread_create.
int epreuve_start_thread_elsewhere(void (*body)(void *), void *context);

#endif
