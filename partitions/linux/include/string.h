/* Kernel-context stand-in for the freestanding <string.h> that vmbus/ uses. */
#include <linux/string.h>
