import type { CaseState } from '@app/workflow';

export interface CachedCase {
  state: CaseState;
  revision: number;
}

/**
 * The last folded state of recently used cases, so a command reads only the events appended since
 * (usually none) instead of the whole stream. States are immutable; a stale entry is only ever
 * behind, never wrong, because the stream's tail is always read before it is used.
 */
export class CaseCache {
  private readonly entries = new Map<string, CachedCase>();

  constructor(private readonly capacity = 10_000) {}

  get(caseId: string): CachedCase | undefined {
    const entry = this.entries.get(caseId);
    if (entry) {
      this.entries.delete(caseId);
      this.entries.set(caseId, entry);
    }
    return entry;
  }

  delete(caseId: string): void {
    this.entries.delete(caseId);
  }

  set(caseId: string, entry: CachedCase): void {
    const known = this.entries.get(caseId);
    if (known && known.revision > entry.revision) return;
    this.entries.delete(caseId);
    this.entries.set(caseId, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
