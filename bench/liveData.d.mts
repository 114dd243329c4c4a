/** Deterministic `rows` × `cols` gaussian CSV (header x1…x<cols>, y): y = Xβ + noise with 6 nonzero β. */
export function makeCsv(rows: number, cols: number): string;
