import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

/** What the server answers to the next messages: a reply code and text, instead of 250. */
export interface ScriptedReply {
  code: number;
  text: string;
}

/**
 * A real SMTP server on loopback for tests and benchmarks (smtp-server). Keeps every message it
 * accepted, parsed with mailparser; `replyNext` makes it refuse the next messages with a code.
 */
export class SmtpTestServer {
  readonly received: ParsedMail[] = [];
  /** Count of accepted messages, also when `parse` is off. */
  accepted = 0;
  private server?: SMTPServer;
  private readonly script: ScriptedReply[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];
  port = 0;
  /**
   * Awaited after a message was accepted (counted, kept) and before the server answers 250: a test
   * can stop the sender here, between the server having the mail and the sender knowing it.
   */
  onAccepted?: (accepted: number) => void | Promise<void>;

  constructor(private readonly options: { parse?: boolean } = {}) {}

  /** Listens on 127.0.0.1 (`port` 0: any free port; give the old one to come back on it). */
  async start(port = this.port): Promise<number> {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      closeTimeout: 1,
      size: 10 * 1024 * 1024,
      onData: (stream, _session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const reply = this.script.shift();
          if (reply) {
            const err = Object.assign(new Error(reply.text), { responseCode: reply.code });
            return callback(err);
          }
          void this.accept(Buffer.concat(chunks))
            .then(() => this.onAccepted?.(this.accepted))
            .then(() => callback(null));
        });
      },
    });
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.server.address() as AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private async accept(raw: Buffer): Promise<void> {
    if (this.options.parse !== false) this.received.push(await simpleParser(raw));
    this.accepted++;
    this.waiters = this.waiters.filter((w) => (w.count <= this.accepted ? (w.resolve(), false) : true));
  }

  /** The next `times` messages get `code text` instead of being accepted. */
  replyNext(code: number, text: string, times = 1): void {
    for (let i = 0; i < times; i++) this.script.push({ code, text });
  }

  /** Resolves once `count` messages were accepted in all. */
  acceptedCount(count: number): Promise<void> {
    if (this.accepted >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** Stops listening and drops open connections: clients see the server as down. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
