# Generates the glmnet reference fixtures in test/fixtures/glmnet/ (see the README there).
# Usage (from the repository root): Rscript scripts/glmnet-fixtures.R
# Needs R with glmnet 4.1.6 (Debian: r-base-core r-cran-glmnet). No other packages.
# Data sets are generated with fixed seeds, rounded to 6 decimals and written as CSV; the fits
# are run on the data read back from those CSV files, so the TypeScript tests use the very same
# doubles. Every fit records its exact settings next to its results.
suppressMessages(library(glmnet))
stopifnot(as.character(packageVersion("glmnet")) == "4.1.6")
out_dir <- "test/fixtures/glmnet"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)

# ---- a minimal JSON writer (jsonlite is not a dependency) ----
num <- function(v) {
  ifelse(is.na(v), "null", ifelse(is.infinite(v), ifelse(v > 0, "1e308", "-1e308"), sprintf("%.17g", v)))
}
to_json <- function(x) {
  if (is.null(x)) return("null")
  if (is.list(x)) {
    nm <- names(x)
    if (!is.null(nm) && all(nm != "")) {
      parts <- vapply(seq_along(x), function(i) paste0('"', nm[i], '":', to_json(x[[i]])), "")
      return(paste0("{", paste(parts, collapse = ","), "}"))
    }
    return(paste0("[", paste(vapply(x, to_json, ""), collapse = ","), "]"))
  }
  if (is.matrix(x)) {
    # list of columns (one array per lambda)
    return(paste0("[", paste(apply(x, 2, function(col) paste0("[", paste(num(col), collapse = ","), "]")), collapse = ","), "]"))
  }
  if (is.character(x)) {
    s <- paste0('"', gsub('"', '\\\\"', x), '"')
    return(if (length(x) == 1 && is.null(attr(x, "array"))) s else paste0("[", paste(s, collapse = ","), "]"))
  }
  if (is.logical(x)) {
    s <- ifelse(x, "true", "false")
    return(if (length(x) == 1 && is.null(attr(x, "array"))) s else paste0("[", paste(s, collapse = ","), "]"))
  }
  s <- num(as.numeric(x))
  if (length(x) == 1 && is.null(attr(x, "array"))) s else paste0("[", paste(s, collapse = ","), "]")
}
arr <- function(v) { attr(v, "array") <- TRUE; v }

write_data <- function(name, df) {
  path <- file.path(out_dir, paste0(name, ".csv"))
  write.csv(df, path, row.names = FALSE, na = "")
  read.csv(path)
}

fit_record <- function(id, x, y, family, alpha = 1, standardize = TRUE, intercept = TRUE,
                       thresh = 1e-7, maxit = 1e5, lambda = NULL, penalty.factor = NULL) {
  args <- list(x = x, y = y, family = family, alpha = alpha, standardize = standardize,
               intercept = intercept, thresh = thresh, maxit = maxit)
  if (!is.null(lambda)) args$lambda <- lambda
  if (!is.null(penalty.factor)) args$penalty.factor <- penalty.factor
  warn <- character(0)
  fit <- withCallingHandlers(do.call(glmnet, args), warning = function(w) {
    warn <<- c(warn, conditionMessage(w)); invokeRestart("muffleWarning")
  })
  b <- as.matrix(fit$beta)
  list(id = id, family = family, alpha = alpha, standardize = standardize, intercept = intercept,
       thresh = thresh, maxit = maxit,
       lambdaIn = if (is.null(lambda)) NULL else arr(lambda),
       penaltyFactor = if (is.null(penalty.factor)) NULL else arr(penalty.factor),
       lambda = arr(fit$lambda), a0 = arr(as.numeric(fit$a0)), beta = b, df = arr(fit$df),
       devRatio = arr(fit$dev.ratio), nulldev = fit$nulldev, npasses = fit$npasses,
       jerr = fit$jerr, warnings = arr(warn))
}

grid_fits <- function(prefix, x, y, family, alphas, stds = c(TRUE, FALSE), intrs = c(TRUE, FALSE)) {
  out <- list()
  for (thr in c(1e-20, 1e-7)) for (a in alphas) for (s in stds) for (it in intrs) {
    id <- sprintf("%s_a%s_std%d_int%d_%s", prefix, a, s, it, if (thr < 1e-10) "tight" else "default")
    out[[length(out) + 1]] <- fit_record(id, x, y, family, alpha = a, standardize = s, intercept = it,
                                         thresh = thr, maxit = if (thr < 1e-10) 1e6 else 1e5)
  }
  out
}

save_fixture <- function(name, csv, target, fits, cvs = list(), note = "") {
  obj <- list(name = name, csv = paste0(csv, ".csv"), target = target, note = note,
              glmnet = as.character(packageVersion("glmnet")), fits = fits, cv = cvs)
  writeLines(to_json(obj), file.path(out_dir, paste0(name, ".json")))
  cat("wrote", name, "\n")
}

ar_x <- function(n, p, rho) {
  z <- matrix(rnorm(n * p), n, p)
  x <- z
  for (j in 2:p) x[, j] <- rho * x[, j - 1] + sqrt(1 - rho^2) * z[, j]
  x
}

# ---- gaussian, N > p (covariance mode) ----
set.seed(20240601)
n <- 80; p <- 12
x <- ar_x(n, p, 0.5) * rep(c(1, 3, 0.5, 10), length.out = p)[col(matrix(0, n, p))] + 2
beta <- c(3, -2, 0, 0, 1.5, 0, 0, 0.5, 0, 0, -1, 0)
y <- drop(x %*% beta) / 3 + rnorm(n) + 5
df <- round(data.frame(x, y = y), 6)
d <- write_data("gauss_small", df)
X <- as.matrix(d[, 1:p]); Y <- d$y
fits <- grid_fits("gs", X, Y, "gaussian", c(0, 0.5, 1))
lam <- c(2, 1, 0.5, 0.2, 0.1, 0.05, 0.01, 0.001)
for (thr in c(1e-20, 1e-7)) {
  tag <- if (thr < 1e-10) "tight" else "default"
  mi <- if (thr < 1e-10) 1e6 else 1e5
  fits[[length(fits) + 1]] <- fit_record(paste0("gs_fixedlam_a0.5_", tag), X, Y, "gaussian", alpha = 0.5, thresh = thr, maxit = mi, lambda = lam)
  fits[[length(fits) + 1]] <- fit_record(paste0("gs_fixedlam_a0_", tag), X, Y, "gaussian", alpha = 0, thresh = thr, maxit = mi, lambda = lam)
  pf <- c(0, 1, 1, 2, 1, 0, 1, 1, 3, 1, 1, 1)
  fits[[length(fits) + 1]] <- fit_record(paste0("gs_pf_a1_", tag), X, Y, "gaussian", alpha = 1, thresh = thr, maxit = mi, penalty.factor = pf)
  fits[[length(fits) + 1]] <- fit_record(paste0("gs_pf_a0.5_", tag), X, Y, "gaussian", alpha = 0.5, thresh = thr, maxit = mi, penalty.factor = pf)
}
# CV: fixed fold ids, lambda = the full fit's lambda (cv.glmnet does this itself), same thresh.
foldid <- sample(rep(1:5, length.out = n))
cvs <- list()
# cv.glmnet's fold fits use its `lambda` argument (NULL = their own grids, then interpolated), so
# the full fit's lambda is passed explicitly: every fold is fitted on the same sequence.
full <- glmnet(X, Y, family = "gaussian", alpha = 1, thresh = 1e-20, maxit = 1e6)
for (m in c("mse", "mae", "deviance")) {
  cvfit <- cv.glmnet(X, Y, family = "gaussian", alpha = 1, foldid = foldid, type.measure = m, thresh = 1e-20, maxit = 1e6, lambda = full$lambda)
  cvs[[length(cvs) + 1]] <- list(id = paste0("gs_cv_", m), family = "gaussian", alpha = 1, measure = m, thresh = 1e-20, maxit = 1e6,
    foldid = arr(foldid), lambda = arr(cvfit$lambda), cvm = arr(cvfit$cvm), cvsd = arr(cvfit$cvsd),
    cvup = arr(cvfit$cvup), cvlo = arr(cvfit$cvlo), nzero = arr(as.numeric(cvfit$nzero)),
    lambdaMin = cvfit$lambda.min, lambda1se = cvfit$lambda.1se)
}
save_fixture("gauss_small", "gauss_small", "y", fits, cvs,
  "N=80, p=12, AR(0.5) features with different scales and means; alpha 0/0.5/1 x standardize x intercept; fixed lambda; penalty factors incl. zeros; 5-fold CV")

# ---- gaussian, p > N (lambda.min.ratio 0.01) ----
set.seed(7)
n <- 40; p <- 60
x <- ar_x(n, p, 0.3)
y <- x[, 1] * 2 - x[, 2] + x[, 10] * 0.5 + rnorm(n, sd = 0.5)
d <- write_data("gauss_wide", round(data.frame(x, y = y), 6))
X <- as.matrix(d[, 1:p]); Y <- d$y
save_fixture("gauss_wide", "gauss_wide", "y", grid_fits("gw", X, Y, "gaussian", c(0.5, 1), stds = TRUE, intrs = TRUE),
  note = "N=40, p=60 (p > N), covariance mode")

# ---- gaussian, nvars >= 500 (naive mode) ----
set.seed(11)
n <- 50; p <- 520
x <- matrix(round(rnorm(n * p), 4), n, p)
y <- x[, 3] * 2 - x[, 100] + x[, 400] + rnorm(n, sd = 0.5)
d <- write_data("gauss_naive", round(data.frame(x, y = y), 4))
X <- as.matrix(d[, 1:p]); Y <- d$y
save_fixture("gauss_naive", "gauss_naive", "y", grid_fits("gn", X, Y, "gaussian", c(0.5, 1), stds = TRUE, intrs = TRUE),
  note = "N=50, p=520: glmnet's naive mode (nvars >= 500) with strong rules")

# ---- categorical: a two-level category one-hot encoded into two columns (exact negatives after standardization) ----
set.seed(3)
n <- 60
grp <- sample(c("a", "b"), n, replace = TRUE)
x1 <- rnorm(n); x2 <- rnorm(n) * 2; x3 <- rnorm(n)
col <- sample(c("red", "green", "blue"), n, replace = TRUE)
y <- 1 + 2 * (grp == "b") + x1 - 0.5 * x2 + (col == "red") + rnorm(n, sd = 0.7)
df <- data.frame(x1 = x1, grp_a = as.numeric(grp == "a"), grp_b = as.numeric(grp == "b"), x2 = x2,
                 col_blue = as.numeric(col == "blue"), col_green = as.numeric(col == "green"), col_red = as.numeric(col == "red"),
                 x3 = x3, y = y)
d <- write_data("categorical", round(df, 6))
X <- as.matrix(d[, 1:8]); Y <- d$y
fits <- list()
for (thr in c(1e-20, 1e-7)) for (a in c(1, 0.5)) {
  tag <- if (thr < 1e-10) "tight" else "default"
  fits[[length(fits) + 1]] <- fit_record(sprintf("cat_a%s_%s", a, tag), X, Y, "gaussian", alpha = a, thresh = thr, maxit = if (thr < 1e-10) 1e6 else 1e5)
}
save_fixture("categorical", "categorical", "y", fits,
  note = "one-hot columns of a two-level (grp_a, grp_b) and a three-level (col_*) category; the weight of the exact-negative pair lands on the first in cyclic order")

# ---- missing values: rows with any NA are dropped (na.omit) before fitting ----
set.seed(5)
n <- 70; p <- 5
x <- matrix(rnorm(n * p), n, p)
y <- x[, 1] - x[, 2] + rnorm(n)
x[sample(n * p, 12)] <- NA
y[c(4, 33)] <- NA
d <- write_data("missing", round(data.frame(x, y = y), 6))
dd <- na.omit(d)
X <- as.matrix(dd[, 1:p]); Y <- dd$y
fits <- list()
for (thr in c(1e-20, 1e-7)) {
  tag <- if (thr < 1e-10) "tight" else "default"
  fits[[length(fits) + 1]] <- fit_record(paste0("miss_a1_", tag), X, Y, "gaussian", alpha = 1, thresh = thr, maxit = if (thr < 1e-10) 1e6 else 1e5)
}
save_fixture("missing", "missing", "y", fits, note = sprintf("N=70 with NA cells; complete cases used: %d rows", nrow(dd)))

# ---- binomial ----
set.seed(99)
n <- 150; p <- 8
x <- ar_x(n, p, 0.4) * rep(c(1, 2, 0.5, 4), length.out = p)[col(matrix(0, n, p))] + 1
eta <- 0.3 + x[, 1] - 0.5 * x[, 2] + 1.5 * x[, 3] + 0.2 * x[, 6]
y <- rbinom(n, 1, 1 / (1 + exp(-eta)))
d <- write_data("binom_small", round(data.frame(x, y = y), 6))
X <- as.matrix(d[, 1:p]); Y <- d$y
fits <- grid_fits("bs", X, Y, "binomial", c(0, 0.5, 1))
for (thr in c(1e-20, 1e-7)) {
  tag <- if (thr < 1e-10) "tight" else "default"
  mi <- if (thr < 1e-10) 1e6 else 1e5
  fits[[length(fits) + 1]] <- fit_record(paste0("bs_fixedlam_a0.5_", tag), X, Y, "binomial", alpha = 0.5, thresh = thr, maxit = mi, lambda = c(0.2, 0.1, 0.05, 0.02, 0.01, 0.001))
  fits[[length(fits) + 1]] <- fit_record(paste0("bs_pf_a1_", tag), X, Y, "binomial", alpha = 1, thresh = thr, maxit = mi, penalty.factor = c(1, 0, 1, 1, 2, 1, 1, 0.5))
}
save_fixture("binom_small", "binom_small", "y", fits, note = "N=150, p=8 logistic data; alpha 0/0.5/1 x standardize x intercept; fixed lambda; penalty factors incl. a zero")

# ---- binomial CV (10 folds, >= 10 obs per fold so auc is allowed) ----
set.seed(123)
n <- 200; p <- 6
x <- ar_x(n, p, 0.3)
y <- rbinom(n, 1, 1 / (1 + exp(-(x[, 1] - x[, 2] + 0.5 * x[, 4]))))
d <- write_data("binom_cv", round(data.frame(x, y = y), 6))
X <- as.matrix(d[, 1:p]); Y <- d$y
foldid <- sample(rep(1:10, length.out = n))
cvs <- list()
full <- glmnet(X, Y, family = "binomial", alpha = 1, thresh = 1e-20, maxit = 1e6)
for (m in c("deviance", "class", "auc", "mse", "mae")) {
  set.seed(1) # auc breaks prediction ties with runif
  cvfit <- cv.glmnet(X, Y, family = "binomial", alpha = 1, foldid = foldid, type.measure = m, thresh = 1e-20, maxit = 1e6, lambda = full$lambda)
  cvs[[length(cvs) + 1]] <- list(id = paste0("bc_cv_", m), family = "binomial", alpha = 1, measure = m, thresh = 1e-20, maxit = 1e6,
    foldid = arr(foldid), lambda = arr(cvfit$lambda), cvm = arr(cvfit$cvm), cvsd = arr(cvfit$cvsd),
    cvup = arr(cvfit$cvup), cvlo = arr(cvfit$cvlo), nzero = arr(as.numeric(cvfit$nzero)),
    lambdaMin = cvfit$lambda.min, lambda1se = cvfit$lambda.1se)
}
save_fixture("binom_cv", "binom_cv", "y", list(fit_record("bc_a1_tight", X, Y, "binomial", thresh = 1e-20, maxit = 1e6)), cvs,
  note = "N=200, p=6; 10-fold CV with fixed fold ids for deviance, class, auc, mse, mae")

# ---- gaussian N >= 4p with p >= 500: integer-formula data (no CSV; the test rebuilds X and y) ----
# x_ij = (1 + j mod 3)·(((i·7919 + j·104729 + (i·j) mod 1013) mod 2003)/2003 − 0.5), i, j 1-based;
# y_i = Σ_{k=1..10} (−1)^k·x_ik/k (in that order) + 0.3·(((i·4093) mod 1999)/1999 − 0.5).
# Every step is exact integer arithmetic or one correctly rounded operation, so TypeScript gets
# the same doubles. The engine fits this shape in covariance mode (its cost rule), glmnet in naive.
n <- 2000; p <- 500
X <- matrix(0, n, p)
for (j in 1:p) { i <- 1:n; X[, j] <- (1 + j %% 3) * (((i * 7919 + j * 104729 + (i * j) %% 1013) %% 2003) / 2003 - 0.5) }
Y <- numeric(n)
for (k in 1:10) Y <- Y + ((-1)^k * X[, k]) / k
Y <- Y + 0.3 * ((((1:n) * 4093) %% 1999) / 1999 - 0.5)
fits <- list(fit_record("tall_a1_default", X, Y, "gaussian", alpha = 1),
             fit_record("tall_a0.5_default", X, Y, "gaussian", alpha = 0.5))
for (i in seq_along(fits)) fits[[i]]$beta <- round(fits[[i]]$beta, 10)
obj <- list(name = "gauss_tall", formula = "see scripts/glmnet-fixtures.R", nobs = n, nvars = p,
            glmnet = as.character(packageVersion("glmnet")), fits = fits, cv = list())
writeLines(to_json(obj), file.path(out_dir, "gauss_tall.json"))
cat("wrote gauss_tall\n")

# ---- bundled datasets (media/datasets), design matrix built the way src/core/data builds it ----
# makeX-style frame, as src/core/data/frame.ts: numeric columns as they are; a text column with
# every value distinct is an identifier and left out; any other text column becomes one 0/1
# column per level (ALL levels, code-point order, named <col>_<level>) where the column was;
# rows with a missing value in any used column are dropped (complete cases). The fixture records
# the dataset path and the resulting feature names; the tests build X with loadFrame.
model_frame <- function(path, target) {
  d <- read.csv(path, stringsAsFactors = FALSE, check.names = FALSE)
  keep_cols <- setdiff(names(d), target)
  is_id <- vapply(keep_cols, function(c) is.character(d[[c]]) && length(unique(d[[c]])) == nrow(d), TRUE)
  keep_cols <- keep_cols[!is_id]
  d <- d[complete.cases(d[, c(keep_cols, target)]), , drop = FALSE]
  cols <- list(); nm <- character(0)
  for (c in keep_cols) {
    v <- d[[c]]
    if (is.character(v)) {
      for (l in sort(unique(v), method = "radix")) { cols[[length(cols) + 1]] <- as.numeric(v == l); nm <- c(nm, paste0(c, "_", l)) }
    } else { cols[[length(cols) + 1]] <- as.numeric(v); nm <- c(nm, c) }
  }
  x <- do.call(cbind, cols); colnames(x) <- nm
  y <- d[[target]]
  if (is.character(y)) { lv <- sort(unique(y), method = "radix"); y <- as.numeric(y == lv[2]) }
  list(x = x, y = as.numeric(y), dropped = sum(!complete.cases(read.csv(path)[, c(keep_cols, target)])))
}

bundled_fixture <- function(name, file, target, family, alphas, note, stds = TRUE) {
  path <- file.path("media/datasets", file)
  mf <- model_frame(path, target)
  fits <- list()
  for (thr in c(1e-20, 1e-7)) for (a in alphas) for (s in stds) {
    tag <- if (thr < 1e-10) "tight" else "default"
    fits[[length(fits) + 1]] <- fit_record(sprintf("%s_a%s_std%d_%s", name, a, s, tag), mf$x, mf$y, family, alpha = a,
                                           standardize = s, thresh = thr, maxit = if (thr < 1e-10) 1e6 else 1e5)
  }
  obj <- list(name = name, dataset = path, target = target, featureNames = colnames(mf$x), nobs = nrow(mf$x),
              rowsDropped = mf$dropped, note = note, glmnet = as.character(packageVersion("glmnet")), fits = fits, cv = list())
  writeLines(to_json(obj), file.path(out_dir, paste0(name, ".json")))
  cat("wrote", name, "(", nrow(mf$x), "x", ncol(mf$x), ")\n")
}

bundled_fixture("bundled_diabetes", "diabetes.csv", "y", "gaussian", c(1, 0.5),
  "diabetes (N=442, p=10), gaussian; alpha 1 and 0.5, standardize on and off", stds = c(TRUE, FALSE))
bundled_fixture("bundled_breast_cancer", "breast-cancer.csv", "diagnosis", "binomial", 1,
  "breast cancer (N=569, p=30), binomial, diagnosis malignant = 1 (second level in sorted order)")
bundled_fixture("bundled_warpbreaks", "warpbreaks.csv", "breaks", "gaussian", c(1, 0.5),
  "warpbreaks: two categoricals one-hot with all levels (wool_A, wool_B, tension_H, tension_L, tension_M)")
bundled_fixture("bundled_toothgrowth", "toothgrowth.csv", "len", "gaussian", 1,
  "ToothGrowth: categorical supp (supp_OJ, supp_VC, an exact-negative pair) before numeric dose")
bundled_fixture("bundled_airquality", "airquality.csv", "Ozone", "gaussian", 1,
  "airquality: NA cells, complete cases only (Ozone and Solar.R missing)")
bundled_fixture("bundled_mtcars", "mtcars.csv", "mpg", "gaussian", c(1, 0),
  "mtcars: the identifier column `model` is left out; alpha 1 and 0 (ridge)")
