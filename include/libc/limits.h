#ifndef _BULKHEAD_LIMITS_H
#define _BULKHEAD_LIMITS_H
#define CHAR_BIT  8
#define INT_MAX	  __INT_MAX__
#define INT_MIN	  (-INT_MAX - 1)
#define UINT_MAX  (INT_MAX * 2U + 1U)
#define LONG_MAX  __LONG_MAX__
#define ULONG_MAX (LONG_MAX * 2UL + 1UL)
#endif
