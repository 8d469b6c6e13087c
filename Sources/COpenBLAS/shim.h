/// COpenBLAS shim: exposes the CBLAS interface of the system OpenBLAS
/// (`cblas_ddot`, `cblas_dgemv`, `cblas_dsyrk`, ...) to Swift.
///
/// The include path comes from `pkg-config --cflags openblas`, e.g.
/// `/usr/include/x86_64-linux-gnu/openblas-pthread/` on Debian/Ubuntu,
/// installed by `make deps` (packages libopenblas-dev and pkg-config).
/// The include guard is unique to Tripwise so this shim never collides with
/// another package's shim of the same library.
#ifndef TRIPWISE_COPENBLAS_SHIM_H
#define TRIPWISE_COPENBLAS_SHIM_H

#include <cblas.h>

#endif /* TRIPWISE_COPENBLAS_SHIM_H */
