/**
 * Contour lines of a function sampled on a regular grid, by marching squares with linear
 * interpolation along cell edges. Saddle cells (two opposite corners above the level) are resolved
 * with the cell-centre average. Segments are joined into polylines exactly: each crossing point is
 * named by the grid edge it lies on, so two segments meet when they share an edge. Cost O(nx·ny) per level.
 */

export interface Polyline {
  level: number;
  points: [number, number][];
  closed: boolean;
}

/**
 * values[iy·nx + ix] = f(xs[ix], ys[iy]). Returns the polylines of {f = level} for each level.
 */
export function contourLines(values: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, levels: readonly number[]): Polyline[] {
  const nx = xs.length;
  const ny = ys.length;
  if (values.length !== nx * ny) throw new RangeError(`values has ${values.length} entries, expected ${nx}·${ny}`);
  const out: Polyline[] = [];
  for (const level of levels) out.push(...contourLevel(values, xs, ys, level));
  return out;
}

function contourLevel(v: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, level: number): Polyline[] {
  const nx = xs.length;
  const ny = ys.length;
  const at = (ix: number, iy: number) => v[iy * nx + ix];
  // Edge ids: horizontal edge from (ix,iy) to (ix+1,iy) → 2·(iy·nx+ix); vertical (ix,iy)→(ix,iy+1) → 2·(iy·nx+ix)+1.
  const pointOf = new Map<number, [number, number]>();
  const crossing = (id: number): [number, number] => {
    let p = pointOf.get(id);
    if (p) return p;
    const base = id >> 1;
    const ix = base % nx;
    const iy = (base - ix) / nx;
    const a = at(ix, iy);
    if (id & 1) {
      const b = at(ix, iy + 1);
      const t = (level - a) / (b - a);
      p = [xs[ix], ys[iy] + t * (ys[iy + 1] - ys[iy])];
    } else {
      const b = at(ix + 1, iy);
      const t = (level - a) / (b - a);
      p = [xs[ix] + t * (xs[ix + 1] - xs[ix]), ys[iy]];
    }
    pointOf.set(id, p);
    return p;
  };
  const segs: [number, number][] = [];
  for (let iy = 0; iy < ny - 1; iy++) {
    for (let ix = 0; ix < nx - 1; ix++) {
      const a = at(ix, iy), b = at(ix + 1, iy), c = at(ix + 1, iy + 1), d = at(ix, iy + 1);
      if (![a, b, c, d].every(Number.isFinite)) continue;
      const code = (a >= level ? 1 : 0) | (b >= level ? 2 : 0) | (c >= level ? 4 : 0) | (d >= level ? 8 : 0);
      if (code === 0 || code === 15) continue;
      const bottom = 2 * (iy * nx + ix);
      const top = 2 * ((iy + 1) * nx + ix);
      const left = 2 * (iy * nx + ix) + 1;
      const right = 2 * (iy * nx + ix + 1) + 1;
      switch (code) {
        case 1: case 14: segs.push([left, bottom]); break;
        case 2: case 13: segs.push([bottom, right]); break;
        case 3: case 12: segs.push([left, right]); break;
        case 4: case 11: segs.push([right, top]); break;
        case 6: case 9: segs.push([bottom, top]); break;
        case 7: case 8: segs.push([left, top]); break;
        case 5: case 10: {
          const centreAbove = (a + b + c + d) / 4 >= level;
          // code 5: a and c above. If the centre is above, a and c connect through the middle.
          if ((code === 5) === centreAbove) { segs.push([left, top]); segs.push([bottom, right]); } else { segs.push([left, bottom]); segs.push([right, top]); }
          break;
        }
      }
    }
  }
  // Join segments by shared edge ids.
  const byEdge = new Map<number, number[]>();
  segs.forEach(([e1, e2], i) => {
    for (const e of [e1, e2]) {
      const l = byEdge.get(e);
      if (l) l.push(i); else byEdge.set(e, [i]);
    }
  });
  const used = new Uint8Array(segs.length);
  const lines: Polyline[] = [];
  const walk = (start: number, from: number, chain: number[]) => {
    let edge = from;
    let seg = start;
    for (;;) {
      const [e1, e2] = segs[seg];
      const next = e1 === edge ? e2 : e1;
      chain.push(next);
      const cand = (byEdge.get(next) ?? []).find((s) => !used[s]);
      if (cand === undefined) return;
      used[cand] = 1;
      seg = cand;
      edge = next;
    }
  };
  for (let i = 0; i < segs.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const e1 = segs[i][0];
    const fwd: number[] = [e1];
    walk(i, e1, fwd);
    const back: number[] = [];
    // Extend from the first end if the forward walk did not close the loop.
    const closed = fwd.length > 2 && fwd[fwd.length - 1] === e1;
    if (!closed) {
      const cand = (byEdge.get(e1) ?? []).find((s) => !used[s]);
      if (cand !== undefined) {
        used[cand] = 1;
        walk(cand, e1, back);
      }
    }
    const ids = [...back.reverse(), ...fwd];
    lines.push({ level, points: ids.map(crossing), closed });
  }
  return lines;
}
