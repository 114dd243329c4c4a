// The teaching views' computations (issue 6). Pure: arrays in, plain objects out; no solver calls
// except noiseExperiment, which takes the engine's fitPath as an argument.
export * from './problem';
export * from './path';
export * from './random';
export * from './linalg';
export * from './gradient';
export * from './objective';
export * from './noise';
export * from './shrink';
export * from './intercept';
export * from './interceptBinomial';
export * from './goldilocks';
export * from './outlier';
export * from './contour';
export * from './geometry';
export * from './allLambdas';
