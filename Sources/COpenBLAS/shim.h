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
#include <stddef.h>

/* LAPACK's Cholesky routines, which OpenBLAS ships in the same library (Debian's
   libopenblas-dev installs no lapack.h beside cblas.h). Fortran calling convention: every
   argument by pointer, plus one hidden length per character argument, which gfortran-built
   routines read and C-built ones ignore (the caller pops it either way). */
void dpotrf_(const char *uplo, const blasint *n, double *a, const blasint *lda, blasint *info,
             size_t uplo_length);
void dpotrs_(const char *uplo, const blasint *n, const blasint *nrhs, const double *a,
             const blasint *lda, double *b, const blasint *ldb, blasint *info, size_t uplo_length);

#endif /* TRIPWISE_COPENBLAS_SHIM_H */
