/*
 * fuzz_input.h: reading typed values from a fuzzer's bytes, shared by the *_fuzz.c harnesses.
 * A value past the end of the input reads as zero, so every input is a complete case.
 */
#ifndef TTHC_FUZZ_INPUT_H
#define TTHC_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define REQUIRE(cond) do { if (!(cond)) abort(); } while (0)

typedef struct FuzzInput
{
	const uint8_t *data;
	size_t		size;
	size_t		pos;
} FuzzInput;

static inline uint64_t
fuzz_bytes(FuzzInput *in, int n)
{
	uint64_t	v = 0;

	for (int i = 0; i < n; i++)
		v = (v << 8) | (in->pos < in->size ? in->data[in->pos++] : 0);
	return v;
}

static inline uint8_t
fuzz_u8(FuzzInput *in)
{
	return (uint8_t) fuzz_bytes(in, 1);
}

static inline uint16_t
fuzz_u16(FuzzInput *in)
{
	return (uint16_t) fuzz_bytes(in, 2);
}

static inline int32_t
fuzz_i32(FuzzInput *in)
{
	return (int32_t) (uint32_t) fuzz_bytes(in, 4);
}

static inline int64_t
fuzz_i64(FuzzInput *in)
{
	return (int64_t) fuzz_bytes(in, 8);
}

/* an integer in [lo, hi] (hi - lo below 2^32) */
static inline int64_t
fuzz_range(FuzzInput *in, int64_t lo, int64_t hi)
{
	uint64_t	span = (uint64_t) (hi - lo) + 1;

	return lo + (int64_t) ((uint64_t) (uint32_t) fuzz_i32(in) % span);
}

#endif
