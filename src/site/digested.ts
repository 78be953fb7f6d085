/**
 * Part of a page's inputs (page-keys.ts) that its key covers by a digest of its own. A module of
 * its own, with no imports: the chart cache, which the chart worker loads too, makes them.
 */

/**
 * A value a page's key covers by a digest of its own, which fixes what the page makes of it: a chart spec by
 * its cache key (the SVG is drawn from the spec, by the code the key names). JSON writes the digest.
 */
export class Digested<T> {
  readonly digest: string;
  readonly value: T;
  constructor(digest: string, value: T) {
    this.digest = digest;
    this.value = value;
  }
  toJSON(): { digest: string } {
    return { digest: this.digest };
  }
}
