// Linux's CPU-affinity calls are GNU extensions, which Swift's Glibc module does not declare.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include "thread_placement.h"

struct start {
    void (*body)(void *);
    void *context;
    int placed;
    cpu_set_t allowed;
};

static void *trampoline(void *argument) {
    struct start start = *(struct start *)argument;
    free(argument);
    // Placed elsewhere only to start at once: from here on it may run anywhere.
    if (start.placed) pthread_setaffinity_np(pthread_self(), sizeof start.allowed, &start.allowed);
    start.body(start.context);
    return NULL;
}

int epreuve_start_thread_elsewhere(void (*body)(void *), void *context) {
    struct start *start = calloc(1, sizeof *start);
    if (start == NULL) return 12; // ENOMEM
    start->body = body;
    start->context = context;
    pthread_attr_t attributes;
    pthread_attr_init(&attributes);
    int current = sched_getcpu();
    if (current >= 0 && pthread_getaffinity_np(pthread_self(), sizeof start->allowed, &start->allowed) == 0) {
        cpu_set_t others = start->allowed;
        CPU_CLR(current, &others);
        if (CPU_COUNT(&others) > 0) {
            pthread_attr_setaffinity_np(&attributes, sizeof others, &others);
            start->placed = 1;
        }
    }
    pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
    pthread_t thread;
    int failed = pthread_create(&thread, &attributes, trampoline, start);
    pthread_attr_destroy(&attributes);
    if (failed) free(start);
    return failed;
}
