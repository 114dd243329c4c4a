/**
 * The worker's cache of the last parsed dataset: a toggle (α), a λ rule, a fold count or any other
 * option that does not change the data reuses the parsed table's description and model frame instead
 * of parsing the text again. Keyed by file, format, a hash of the source (text or bytes) and the
 * frame options (target, family, exclusions); an edit changes the hash, so it misses — but the entry
 * keeps what an edit needs to be applied in place (`base`, src/core/data/patch.ts): `previous` finds
 * the entry of the same file, format and frame options, whatever its text.
 * One entry: a frame can be large; alternating datasets parse again.
 */
import type { DataFormat, Description, FrameOptions, ModelFrame } from '../core/data/types';

export interface CachedFrame {
  description: Description;
  frame: ModelFrame;
  /** What an in-place update from this frame's text needs (opaque here; the backend's patch base). */
  base?: unknown;
}

/** 53-bit hash of a string or byte array (cyrb53); the length is part of the key as well. */
export function sourceHash(input: string | Uint8Array): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const n = input.length;
  if (typeof input === 'string') {
    for (let i = 0; i < n; i++) {
      const c = input.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  } else {
    for (let i = 0; i < n; i++) {
      const c = input[i];
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${n}:${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

export class FrameCache {
  private key: string | undefined;
  private sourceKey: string | undefined;
  private value: CachedFrame | undefined;
  /** file, format and frame options of the entry (the frame key without the content hash). */
  private shape: string | undefined;
  /** The entry's source when it was text: an unchanged text (a toggle) is recognised by comparing, not hashing. */
  private text: { file: string; format: DataFormat; text: string } | undefined;
  /** Counters for tests and the debug log. */
  hits = 0;
  misses = 0;

  /** The key of a source: file, format and content hash. */
  static sourceKey(file: string, format: DataFormat, input: string | Uint8Array): string {
    return `${file}\u0000${format}\u0000${typeof input === 'string' ? 't' : 'b'}${sourceHash(input)}`;
  }

  static frameKey(sourceKey: string, options: FrameOptions): string {
    return `${sourceKey}\u0000${FrameCache.optionsKey(options)}`;
  }

  /**
   * The key of a source for this cache. Text is never hashed: the entry keeps its text, so the same
   * text is recognised by comparing (native, stops at the first difference) and any other text gets
   * a fresh key (the cache holds one entry: a fresh key is a miss). Bytes are keyed by their hash.
   */
  keyOf(file: string, format: DataFormat, input: string | Uint8Array): string {
    if (typeof input !== 'string') return FrameCache.sourceKey(file, format, input);
    const t = this.text;
    if (t && this.sourceKey && t.file === file && t.format === format && t.text === input) return this.sourceKey;
    return `${file}\u0000${format}\u0000t#${++this.textSeq}`;
  }

  private textSeq = 0;

  static optionsKey(options: FrameOptions): string {
    return JSON.stringify([options.target ?? null, options.family ?? null, [...(options.exclude ?? [])].sort()]);
  }

  /** The entry for `file`/`format` built with these frame options from any text (the candidate for an in-place update). */
  previous(file: string, format: DataFormat, options: FrameOptions): CachedFrame | undefined {
    return this.shape === FrameCache.shapeKey(file, format, options) ? this.value : undefined;
  }

  /** The description of the entry for `file`/`format`, whatever its text and options. */
  previousDescription(file: string, format: DataFormat): Description | undefined {
    return this.shape?.startsWith(`${file}\u0000${format}\u0000`) ? this.value?.description : undefined;
  }

  private static shapeKey(file: string, format: DataFormat, options: FrameOptions): string {
    return `${file}\u0000${format}\u0000${FrameCache.optionsKey(options)}`;
  }

  get(frameKey: string): CachedFrame | undefined {
    if (this.key === frameKey && this.value) {
      this.hits++;
      return this.value;
    }
    this.misses++;
    return undefined;
  }

  /** The cached description when the source is the same (the frame options may differ). */
  description(sourceKey: string): Description | undefined {
    return this.sourceKey === sourceKey ? this.value?.description : undefined;
  }

  set(sourceKey: string, frameKey: string, value: CachedFrame, file?: string, format?: DataFormat, options?: FrameOptions, text?: string | Uint8Array): void {
    this.text = file !== undefined && format !== undefined && typeof text === 'string' ? { file, format, text } : undefined;
    this.sourceKey = sourceKey;
    this.key = frameKey;
    this.value = value;
    this.shape = file !== undefined && format !== undefined && options ? FrameCache.shapeKey(file, format, options) : undefined;
  }

  clear(): void {
    this.key = this.sourceKey = this.value = this.shape = this.text = undefined;
  }
}
