// glibc's allocator settings (mallopt and its M_ constants): malloc.h is not in
// Swift's Glibc module.
#ifndef SWTOP_MALLOC_SHIM_H
#define SWTOP_MALLOC_SHIM_H

#include <malloc.h>

#endif
