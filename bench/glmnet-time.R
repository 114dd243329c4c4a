# Times glmnet on one benchmark data file (written by bench/engine.bench.ts) and writes its path.
# Usage: Rscript bench/glmnet-time.R <prefix> <nobs> <nvars> <family> <reps>
# (bench/engine.bench.ts calls it with reps = 1 once per repetition, alternating with the engine.)
# Reads <prefix>.x.f64 (column-major doubles) and <prefix>.y.f64 outside the timing; the timed span
# is glmnet(x, y, family) with default settings (standardization + path), as system.time measures.
# Prints "elapsed <median wall seconds>", "cpu <median user+system seconds>" and writes <prefix>.glmnet.txt: lambda, a0 and nonzero betas.
suppressMessages(library(glmnet))
a <- commandArgs(trailingOnly = TRUE)
prefix <- a[1]; n <- as.integer(a[2]); p <- as.integer(a[3]); family <- a[4]; reps <- as.integer(a[5])
x <- matrix(readBin(paste0(prefix, ".x.f64"), "double", n * p, size = 8, endian = "little"), n, p)
y <- readBin(paste0(prefix, ".y.f64"), "double", n, size = 8, endian = "little")
# One untimed warm-up call on small problems (first-call dispatch/allocation costs in a fresh R).
if (n * p <= 1e6) invisible(glmnet(x, y, family = family))
times <- numeric(reps)
cpu <- numeric(reps)
for (r in seq_len(reps)) {
  gc()
  st <- system.time(fit <- glmnet(x, y, family = family))
  times[r] <- st[["elapsed"]]
  cpu[r] <- st[["user.self"]] + st[["sys.self"]]
}
cat(sprintf("elapsed %.6f\n", median(times)))
cat(sprintf("cpu %.6f\n", median(cpu)))
con <- file(paste0(prefix, ".glmnet.txt"), "w")
writeLines(paste("lambda", paste(sprintf("%.17g", fit$lambda), collapse = " ")), con)
writeLines(paste("a0", paste(sprintf("%.17g", as.numeric(fit$a0)), collapse = " ")), con)
b <- as(fit$beta, "TsparseMatrix")
if (length(b@x)) writeLines(sprintf("b %d %d %.17g", b@j, b@i, b@x), con)
close(con)
