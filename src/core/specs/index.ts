// Result → Vega-Lite spec functions for the panel (pure; they never run a solver).
export * from './common';
export * from './format';
export * from './theme';
export * from './paths';
export * from './cv';
export * from './bars';
export * from './captions';
export * from './vega';
