// Public surface of the pure core.
export * from './errors';
export * from './data/types';
export * from './engine/types';
