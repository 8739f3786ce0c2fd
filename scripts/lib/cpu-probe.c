/*
 * cpu-probe: how fast one CPU reaches its own cache right now, measured by code that shares nothing with the receiver.
 *
 *   cpu-probe --cpu N [--windows W] [--interval-ms M]
 *
 * Pinned to CPU N, it times a dependent walk over 512 KiB (held in a core's private L2 when nothing else uses it) and a
 * dependent chain of multiply-adds (the clock's speed), the best of five tries in each of W windows M ms apart, and
 * prints one line:
 *
 *   cpu-probe: cpu=1 windows=5 chase_ns=4.86 chase_max_ns=4.95 alu_ns=1.14
 *
 * chase_ns is the median over the windows of a load's time in the walk, chase_max_ns the slowest window's, alu_ns a
 * multiply-add's. On a shared host, a neighbour on the same physical core (a sibling hardware thread of another
 * tenant) evicts the walk's lines and chase_ns rises while alu_ns does not: that is the state in which the receiver's
 * polling loop slows by 1.4-1.6x (BENCHMARKS.md). scripts/bench-latency.sh runs it on the polling CPU between runs,
 * never during one. Exit status 2 on a bad argument.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WALK_BYTES (512 * 1024)
#define LINE 64
#define LOADS 50000
#define MULS 200000
#define TRIES 5
#define MAX_WINDOWS 1000

static uint64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (uint64_t) t.tv_sec * 1000000000u + (uint64_t) t.tv_nsec;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static int usage(const char *problem) {
    fprintf(stderr, "cpu-probe: %s\nusage: cpu-probe --cpu N [--windows 1..%d] [--interval-ms 0..10000]\n", problem,
            MAX_WINDOWS);
    return 2;
}

static int parse(const char *text, long lo, long hi, long *out) {
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || v < lo || v > hi) {
        return -1;
    }
    *out = v;
    return 0;
}

int main(int argc, char **argv) {
    long cpu = -1, windows = 5, interval_ms = 100;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: cpu-probe --cpu N [--windows 1..%d] [--interval-ms 0..10000]\n"
                   "Times a 512 KiB dependent walk and a multiply-add chain on CPU N; prints one cpu-probe: line.\n",
                   MAX_WINDOWS);
            return 0;
        }
        if (i + 1 >= argc) {
            return usage("an option without its value");
        }
        if (strcmp(argv[i], "--cpu") == 0) {
            if (parse(argv[++i], 0, 4095, &cpu) != 0) return usage("--cpu: expected a CPU number");
        } else if (strcmp(argv[i], "--windows") == 0) {
            if (parse(argv[++i], 1, MAX_WINDOWS, &windows) != 0) return usage("--windows: expected 1..1000");
        } else if (strcmp(argv[i], "--interval-ms") == 0) {
            if (parse(argv[++i], 0, 10000, &interval_ms) != 0) return usage("--interval-ms: expected 0..10000");
        } else {
            return usage("unknown option");
        }
    }
    if (cpu < 0) {
        return usage("--cpu is required");
    }
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int) cpu, &set);
    if (sched_setaffinity(0, sizeof(set), &set) != 0) {
        perror("cpu-probe: sched_setaffinity");
        return 1;
    }
    // One random cycle through the lines of the walk: each load's address is the previous load's value.
    size_t lines = WALK_BYTES / LINE, step = LINE / sizeof(uint64_t);
    uint64_t *walk = aligned_alloc(LINE, WALK_BYTES);
    size_t *order = malloc(lines * sizeof(size_t));
    if (walk == NULL || order == NULL) {
        fprintf(stderr, "cpu-probe: out of memory\n");
        return 1;
    }
    for (size_t i = 0; i < lines; i++) order[i] = i;
    uint64_t seed = 88172645463325252u;
    for (size_t i = lines - 1; i > 0; i--) {
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
        size_t j = seed % (i + 1), t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < lines; i++) walk[order[i] * step] = order[(i + 1) % lines] * step;
    free(order);
    double chase[MAX_WINDOWS], alu[MAX_WINDOWS];
    volatile uint64_t sink = 0;
    for (long w = 0; w < windows; w++) {
        uint64_t best_chase = UINT64_MAX, best_alu = UINT64_MAX;
        for (int t = 0; t < TRIES; t++) {
            uint64_t p = 0, x = (uint64_t) w + (uint64_t) t, t0 = now_ns();
            for (int i = 0; i < LOADS; i++) p = walk[p];
            uint64_t d = now_ns() - t0;
            if (d < best_chase) best_chase = d;
            t0 = now_ns();
            for (int i = 0; i < MULS; i++) x = x * 6364136223846793005u + 1442695040888963407u;
            d = now_ns() - t0;
            if (d < best_alu) best_alu = d;
            sink += p + x;
        }
        chase[w] = (double) best_chase / LOADS;
        alu[w] = (double) best_alu / MULS;
        if (interval_ms > 0 && w + 1 < windows) usleep((useconds_t) interval_ms * 1000u);
    }
    double chase_max = 0;
    for (long w = 0; w < windows; w++) if (chase[w] > chase_max) chase_max = chase[w];
    qsort(chase, (size_t) windows, sizeof(double), cmp_double);
    qsort(alu, (size_t) windows, sizeof(double), cmp_double);
    printf("cpu-probe: cpu=%ld windows=%ld chase_ns=%.2f chase_max_ns=%.2f alu_ns=%.3f\n", cpu, windows,
           chase[windows / 2], chase_max, alu[windows / 2]);
    free(walk);
    return 0;
}
