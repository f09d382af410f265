import { closeSync, existsSync, ftruncateSync, statSync, writeSync } from 'node:fs';
import { exportRecord } from '@app/audit';
import { openPrivateFile } from '@app/kernel';
import type { StoredEvent } from '@app/event-store';
import type { CliIo } from '../cli-io';

export type ExportFormat = 'ndjson' | 'json';

/**
 * Writes exported events as NDJSON (one event a line) or one JSON document `{"events":[…]}`, to a
 * file (mode 0600, also when it was there before) or stdout. A file can be reopened at a byte offset
 * to continue an interrupted export.
 */
export class ArchiveWriter {
  private fd: number | undefined;
  private offset = 0;

  private constructor(
    private readonly io: CliIo,
    private readonly format: ExportFormat,
    private written: number,
  ) {}

  /** Starts a fresh archive (`out` undefined: stdout). */
  static create(io: CliIo, format: ExportFormat, out?: string): ArchiveWriter {
    const writer = new ArchiveWriter(io, format, 0);
    if (out) writer.fd = openPrivateFile(out, 'w');
    if (format === 'json') writer.put('{"events":[');
    return writer;
  }

  /** Continues an archive file at `bytes`, the size it had after `events` events; undefined if it is shorter. */
  static resume(io: CliIo, format: ExportFormat, out: string, bytes: number, events: number) {
    if (!existsSync(out) || statSync(out).size < bytes) return undefined;
    const writer = new ArchiveWriter(io, format, events);
    writer.fd = openPrivateFile(out, 'r+');
    ftruncateSync(writer.fd, bytes);
    writer.offset = bytes;
    return writer;
  }

  write(events: StoredEvent[]): void {
    let chunk = '';
    for (const e of events) {
      const line = JSON.stringify(exportRecord(e));
      chunk += this.format === 'ndjson' ? `${line}\n` : `${this.written > 0 ? ',' : ''}\n${line}`;
      this.written++;
    }
    this.put(chunk);
  }

  /** Bytes in the file so far (what a resume truncates to). */
  get bytes(): number {
    return this.offset;
  }

  get events(): number {
    return this.written;
  }

  end(): void {
    if (this.format === 'json') this.put('\n]}\n');
    this.close();
  }

  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private put(text: string): void {
    if (text === '') return;
    if (this.fd === undefined) {
      this.io.stdout.write(text);
      return;
    }
    const buffer = Buffer.from(text, 'utf8');
    let done = 0;
    while (done < buffer.length)
      done += writeSync(this.fd, buffer, done, buffer.length - done, this.offset + done);
    this.offset += buffer.length;
  }
}
