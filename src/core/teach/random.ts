/**
 * Deterministic pseudo-random numbers for the teaching experiments (noise columns): the same seed
 * gives the same columns on every machine, so a view and its caption are reproducible.
 * mulberry32 (32-bit state, period 2³²; the engine's fold shuffler) for uniforms; Box–Muller for standard normals.
 */
import { mulberry32 } from '../engine/cv';

export { mulberry32 };

/** Standard normal generator from a seed (Box–Muller on mulberry32 uniforms). */
export function normalGenerator(seed: number): () => number {
  const u = mulberry32(seed);
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u1 = u();
    while (u1 <= 0) u1 = u();
    const r = Math.sqrt(-2 * Math.log(u1));
    const th = 2 * Math.PI * u();
    spare = r * Math.sin(th);
    return r * Math.cos(th);
  };
}
