// SPDX-License-Identifier: GPL-2.0
/* Sorting a partition's samples (the benchmarks' medians and maxima). */
#include "part.h"

/* Insertion sort: a few dozen samples, no allocation, no recursion. */
void part_sort_u64(u64 *v, u32 n)
{
	for (u32 i = 1; i < n; i++)
		for (u32 j = i; j > 0 && v[j - 1] > v[j]; j--) {
			u64 t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}
