"""Exports scikit-learn's bundled copies of classic datasets to media/datasets/ as CSV.

Run from the repo root with Debian's python3-sklearn/python3-pandas:
    /usr/bin/python3 scripts/export-datasets.py
Provenance and licences: media/datasets/README.md.
"""
import os

from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine

OUT = os.path.join("media", "datasets")
os.makedirs(OUT, exist_ok=True)


def save(df, name):
    path = os.path.join(OUT, name + ".csv")
    df.to_csv(path, index=False, float_format="%.10g", lineterminator="\n")
    print(f"{path}: {df.shape[0]} rows x {df.shape[1]} columns")


def snake(names):
    return [n.strip().replace(" ", "_").replace("/", "_") for n in names]


# Diabetes (Efron, Hastie, Johnstone & Tibshirani 2004, "Least Angle Regression"), original scale.
try:
    d = load_diabetes(as_frame=True, scaled=False)
except TypeError:  # scikit-learn < 1.1 has only the scaled copy
    d = load_diabetes(as_frame=True)
diabetes = d.frame.rename(columns={"target": "y"})
save(diabetes, "diabetes")

# Breast Cancer Wisconsin (Diagnostic), UCI: target 'diagnosis' benign/malignant
# (binomial; the second level in sorted order, "malignant", is coded 1).
b = load_breast_cancer(as_frame=True)
bc = b.data.copy()
bc.columns = snake(bc.columns)
bc["diagnosis"] = [b.target_names[t] for t in b.target]
save(bc, "breast-cancer")

# Wine, UCI: three cultivars. Multinomial models are not supported yet, so the bundled file keeps
# cultivars 1 and 2 only (class_0, class_1: 130 of 178 rows) as a two-level target 'cultivar'.
w = load_wine(as_frame=True)
wine = w.data.copy()
wine.columns = snake(wine.columns)
wine["cultivar"] = [w.target_names[t] for t in w.target]
wine = wine[wine["cultivar"] != "class_2"]
save(wine, "wine")


# A second reader's view of every bundled file (pandas), for test/core/data/datasets.test.ts:
# shape, missing counts, and the means of each feature column over complete cases, with text
# columns one-hot encoded (all levels). Identifier columns (text, every value distinct) are left
# out first, as the explorer does.
def summarize():
    import glob
    import json

    import pandas as pd

    out = {}
    for path in sorted(glob.glob(os.path.join(OUT, "*.csv"))):
        df = pd.read_csv(path)
        name = os.path.basename(path)
        target = df.columns[-1]
        ids = [c for c in df.columns[:-1] if df[c].dtype == object and df[c].nunique() == len(df)]
        used = df.drop(columns=ids).dropna()
        x = used.drop(columns=[target])
        texts = [c for c in x.columns if x[c].dtype == object]
        x = pd.get_dummies(x, columns=texts, prefix_sep="_", dtype=float)
        y = used[target]
        if y.dtype == object:
            levels = sorted(y.unique())
            y = (y == levels[1]).astype(float)
        out[name] = {
            "rows": len(df),
            "missing": {c: int(df[c].isna().sum()) for c in df.columns},
            "rowsUsed": len(used),
            "featureMeans": {c: float(x[c].mean()) for c in x.columns},
            "yMean": float(y.mean()),
        }
    dest = os.path.join("test", "fixtures", "data", "datasets-summary.json")
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    with open(dest, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{dest}: {len(out)} files summarized with pandas {pd.__version__}")


summarize()
