#ifndef SWTOP_CZSTD_SHIM_H
#define SWTOP_CZSTD_SHIM_H

// Recordings (--record, --replay, the pause ring) compress each record with zstd:
// Debian's libzstd-dev, linked statically into the release build.
#include <zstd.h>

#endif
