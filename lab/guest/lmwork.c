/*
 * lmwork: the lab guest's workload. It fills a region of its memory with non-zero pages, locks it, prints the
 * region's guest-physical page frames, then writes pages in units of unit_ms: unit k writes the pages that the
 * seeded generator gives for k mod the shape's period (io.livemig.lab.WorkloadShape holds the same generator in
 * Java, so the host rebuilds every unit's page set from the seed). It paces itself against CLOCK_MONOTONIC and prints, per unit,
 * when the unit's writes actually started and ended, so the host places each unit's pages where they happened
 * even when the guest falls behind.
 *
 * Usage: lmwork SHAPE PAGES_PER_S REGION_PAGES SEED UNIT_MS
 * Output lines on stdout (the serial console), all starting with "LM ":
 *   LM PFN first_region_page first_pfn count   (one per physically contiguous run)
 *   LM READY t_us                               (monotonic time of unit 0's start)
 *   LM U k start_us end_us n hash               (unit k's n writes ran from start_us to end_us, in 10 slices
 *                                               spread over the unit; hash: FNV-1a
 *                                               over the written page numbers, so the host checks its generator)
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096UL
#define SLICES 10

static uint64_t splitmix(uint64_t *s) {
    uint64_t z = (*s += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000ULL + (uint64_t) ts.tv_nsec / 1000ULL;
}

/* Shapes; keep in step with WorkloadGenerator.java. */
enum { UNIFORM, HOTCOLD, SEQUENTIAL, BURSTY };

static int shape_of(const char *s) {
    if (!strcmp(s, "uniform")) return UNIFORM;
    if (!strcmp(s, "hotcold")) return HOTCOLD;
    if (!strcmp(s, "sequential")) return SEQUENTIAL;
    if (!strcmp(s, "bursty")) return BURSTY;
    fprintf(stderr, "lmwork: unknown shape %s; expected uniform, hotcold, sequential or bursty\n", s);
    exit(2);
}

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: lmwork SHAPE PAGES_PER_S REGION_PAGES SEED UNIT_MS\n");
        return 2;
    }
    int shape = shape_of(argv[1]);
    uint64_t rate = strtoull(argv[2], 0, 10), region = strtoull(argv[3], 0, 10), seed = strtoull(argv[4], 0, 10);
    uint64_t unit_us = strtoull(argv[5], 0, 10) * 1000ULL;
    if (region < 10 || unit_us == 0) { fprintf(stderr, "lmwork: region must be >= 10 pages and unit > 0\n"); return 2; }
    /* pages per unit, as the Java generator computes it */
    uint64_t per_unit = (rate * unit_us + 500000ULL) / 1000000ULL;
    setvbuf(stdout, 0, _IOLBF, 0);

    volatile uint64_t *mem = mmap(0, region * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mem == MAP_FAILED) { perror("lmwork: mmap"); return 1; }
    madvise((void *) mem, region * PAGE, MADV_NOHUGEPAGE);
    for (uint64_t p = 0; p < region; p++) mem[p * PAGE / 8] = (seed << 32) ^ p ^ 0x5a5a5a5aULL ^ 1ULL << 63;
    if (mlock((void *) mem, region * PAGE) != 0) { perror("lmwork: mlock"); return 1; }

    int pm = open("/proc/self/pagemap", O_RDONLY);
    if (pm < 0) { perror("lmwork: pagemap"); return 1; }
    uint64_t run_first = 0, run_pfn = 0, run_len = 0;
    for (uint64_t p = 0; p < region; p++) {
        uint64_t entry;
        off_t off = (off_t) (((uintptr_t) mem / PAGE + p) * 8);
        if (pread(pm, &entry, 8, off) != 8 || !(entry >> 63)) { fprintf(stderr, "lmwork: page %llu not present\n", (unsigned long long) p); return 1; }
        uint64_t pfn = entry & ((1ULL << 55) - 1);
        if (run_len > 0 && pfn == run_pfn + run_len) { run_len++; continue; }
        if (run_len > 0) printf("LM PFN %llu %llu %llu\n", (unsigned long long) run_first, (unsigned long long) run_pfn, (unsigned long long) run_len);
        run_first = p; run_pfn = pfn; run_len = 1;
    }
    printf("LM PFN %llu %llu %llu\n", (unsigned long long) run_first, (unsigned long long) run_pfn, (unsigned long long) run_len);
    close(pm);

    uint64_t t0 = now_us(), counter = 0, hot = region / 10;
    uint64_t period = shape == SEQUENTIAL ? (region + per_unit - 1) / per_unit : shape == BURSTY ? 60 : 50;
    if (per_unit == 0 || per_unit > region) { fprintf(stderr, "lmwork: pages per unit must be in [1, region]\n"); return 2; }
    printf("LM READY %llu\n", (unsigned long long) t0);
    for (uint64_t k = 0;; k++) {
        uint64_t target = t0 + k * unit_us, t = now_us();
        if (t < target) {
            struct timespec ts = { (time_t) ((target - t) / 1000000ULL), (long) ((target - t) % 1000000ULL) * 1000L };
            nanosleep(&ts, 0);
        }
        uint64_t start = now_us();
        /* The pattern repeats with the shape's period, so a trace of one period, looped, is the whole run. */
        uint64_t j = k % period, s = seed * 0x100000001B3ULL + j, n = per_unit, first = 0;
        if (shape == BURSTY) n = (j % 20) < 5 ? 4 * per_unit : 0;
        if (shape == SEQUENTIAL) { first = j * per_unit; n = first + per_unit > region ? region - first : per_unit; }
        uint64_t h = 0xcbf29ce484222325ULL;
        /* The unit's writes are spread over it in SLICES equal slices (a burst at the unit's start would leave
           rounds shorter than a unit with no writes at all). */
        for (uint64_t i = 0, slice = 0; i < n; i++) {
            if (i * SLICES / n != slice) {
                slice = i * SLICES / n;
                uint64_t slice_at = target + slice * (unit_us / SLICES), t2 = now_us();
                if (t2 < slice_at) {
                    struct timespec ts2 = { (time_t) ((slice_at - t2) / 1000000ULL), (long) ((slice_at - t2) % 1000000ULL) * 1000L };
                    nanosleep(&ts2, 0);
                }
            }
            uint64_t page;
            if (shape == SEQUENTIAL) {
                page = first + i;
            } else if (shape == HOTCOLD) {
                uint64_t r = splitmix(&s);
                page = (r % 10) < 9 ? (r >> 8) % hot : hot + (r >> 8) % (region - hot);
            } else {
                page = splitmix(&s) % region;
            }
            h = (h ^ page) * 0x100000001B3ULL;
            counter++;
            mem[page * PAGE / 8 + 1 + (counter & 7)] = counter;
        }
        printf("LM U %llu %llu %llu %llu %016llx\n", (unsigned long long) k, (unsigned long long) start, (unsigned long long) now_us(),
               (unsigned long long) n, (unsigned long long) h);
    }
}
