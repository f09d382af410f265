/** A stream's last revision and its hash; `-1`/`null` for an empty stream. */
export interface StreamHead {
  revision: number;
  hash: string | null;
}

/**
 * The last head this process saw per stream (bounded, least recently used out). A hash at a revision
 * never changes, so a head with the revision a writer expects lets it hash its events without asking.
 */
export class HeadCache {
  private readonly heads = new Map<string, StreamHead>();

  constructor(private readonly capacity = 10_000) {}

  get(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  remember(stream: string, head: StreamHead): void {
    const known = this.heads.get(stream);
    if (known && known.revision > head.revision) return;
    this.heads.delete(stream);
    this.heads.set(stream, head);
    if (this.heads.size > this.capacity) this.heads.delete(this.heads.keys().next().value as string);
  }
}
