/* Compiles a DTS snippet (with the board dtsi on the include path) for a test. */
#ifndef DTC_HELPER_H
#define DTC_HELPER_H
#include <stddef.h>
void *compile_dts(const char *dts, size_t *size);
#endif
