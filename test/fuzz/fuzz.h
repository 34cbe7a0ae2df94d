/* The entry point libFuzzer calls with each input (each fuzz_*.c defines it). */
#ifndef TEST_FUZZ_H
#define TEST_FUZZ_H
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
