# Exports R's built-in sample datasets to media/datasets/ as CSV (run from the repo root):
#   Rscript scripts/export-datasets.R
# Source: the 'datasets' package shipped with R (Debian r-base-core). The target column is moved
# to the end so the explorer's default (last column) picks it; see media/datasets/README.md.
out <- file.path("media", "datasets")
dir.create(out, showWarnings = FALSE, recursive = TRUE)

last <- function(df, target) df[, c(setdiff(names(df), target), target)]
save <- function(df, name) {
  path <- file.path(out, paste0(name, ".csv"))
  write.csv(df, path, row.names = FALSE, na = "NA")
  cat(sprintf("%s: %d rows x %d columns\n", path, nrow(df), ncol(df)))
}

# mtcars: car model names become an identifier column (left out of the model, with a warning).
mt <- cbind(model = rownames(mtcars), mtcars)
save(last(mt, "mpg"), "mtcars")
save(last(swiss, "Fertility"), "swiss")
# airquality keeps its NAs (Ozone 37, Solar.R 7): they exercise missing-value handling.
save(last(airquality, "Ozone"), "airquality")
# ToothGrowth: 'supp' (OJ/VC) is a categorical column, one-hot encoded.
save(last(ToothGrowth, "len"), "toothgrowth")
# warpbreaks: two categorical columns (wool A/B, tension L/M/H).
save(last(warpbreaks, "breaks"), "warpbreaks")
