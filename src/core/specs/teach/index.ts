// Result → Vega-Lite spec builders and captions for the teaching views (issue 6). Pure; they never run a solver.
export * from './common';
export * from './captions';
export * from './gradient';
export * from './objective';
export * from './noise';
export * from './shrink';
export * from './intercept';
export * from './interceptBinomial';
export * from './goldilocks';
export * from './outlier';
export * from './geometry';
