import { wrapEventStore } from '@app/event-store/testing';
import { MessageQueries } from '../queries/message-queries';
import { NotificationsHarness } from '../testing/notifications-harness';
import { SmtpTestServer } from '../testing/smtp-test-server';

const ADMIN = { id: 'admin-1', name: 'Ada Admin', role: 'admin' } as const;
const HOUR = 3_600_000;

describe('when delivery fails', () => {
  const smtp = new SmtpTestServer();
  let h: NotificationsHarness;

  beforeAll(async () => {
    await smtp.start(0);
    h = await NotificationsHarness.start({ env: { TAFEL_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });
  beforeEach(() => smtp.received.splice(0));

  const oneInvitation = () => h.preparedCase([{ name: 'Anna', email: 'anna@example.org' }]);
  const view = async (caseId: string) =>
    (await h.app.get(MessageQueries).messagesOf(ADMIN, caseId)).participants[0];

  it('retries a 4xx answer later, by the clock, and then sends it once', async () => {
    const c = await oneInvitation();
    smtp.replyNext(451, '4.3.0 Mailbox busy, try again');
    expect(await h.dispatch()).toMatchObject({ retried: 1, sent: 0 });
    const [waiting] = (await view(c.id)).due.filter((d) => d.kind === 'invitation');
    expect(waiting).toMatchObject({ attempts: 1, lastError: expect.stringContaining('451') });
    expect(new Date(waiting.nextAttemptAt!).getTime()).toBeGreaterThan(h.clock.now().getTime());
    expect(await h.dispatch()).toMatchObject({ claimed: 0 });
    h.clock.advance(30_000);
    expect(await h.dispatch()).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
    const events = await h.messageEvents(c.id);
    expect(events.map((e) => [e.type, (e.data as { attempts: number }).attempts])).toEqual([
      ['MessageSent', 2],
    ]);
  });

  it('gives up at once on a 5xx answer, records its codes without the text that names the person, and shows them to staff', async () => {
    const c = await oneInvitation();
    smtp.replyNext(550, '5.1.1 <anna@example.org>: mailbox unavailable');
    expect(await h.dispatch()).toMatchObject({ failed: 1 });
    const [event] = await h.messageEvents(c.id);
    expect(event.type).toBe('MessageFailed');
    expect(event.data).toMatchObject({ kind: 'invitation', permanent: true, attempts: 1 });
    expect((event.data as { reason: string }).reason).toBe('550 5.1.1');
    expect((await view(c.id)).failed).toEqual([
      expect.objectContaining({ kind: 'invitation', reason: expect.stringContaining('550'), attempts: 1 }),
    ]);
    h.clock.advance(24 * HOUR);
    expect(await h.dispatch()).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(0);
  });

  it('keeps only the codes of a 4xx answer that names the person (address, name, phone) in last_error and in MessageFailed', async () => {
    const c = await oneInvitation();
    const impatient = h.newDispatcher({ retry: { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 2 } });
    smtp.replyNext(452, '4.2.2 <anna@example.org> (Anna Jansen): mailbox full, call 0612345678', 2);
    await h.dispatch(impatient);
    const [waiting] = (await view(c.id)).due.filter((d) => d.kind === 'invitation');
    expect(waiting.lastError).toBe('452 4.2.2');
    h.clock.advance(1_000);
    await h.dispatch(impatient);
    const [event] = await h.messageEvents(c.id);
    expect(event).toMatchObject({
      type: 'MessageFailed',
      data: { reason: '452 4.2.2', permanent: false, attempts: 2 },
    });
    expect(JSON.stringify(event)).not.toMatch(/anna@|Anna Jansen|0612345678/);
  });

  it('stops retrying after the last attempt and records the last answer', async () => {
    const c = await oneInvitation();
    const impatient = h.newDispatcher({ retry: { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 3 } });
    smtp.replyNext(421, '4.7.0 Too many connections', 3);
    for (let i = 0; i < 3; i++) {
      await h.dispatch(impatient);
      h.clock.advance(1_000);
    }
    const events = await h.messageEvents(c.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: 'MessageFailed', data: { attempts: 3, permanent: false } });
    expect((events[0].data as { reason: string }).reason).toContain('421');
    expect(await h.dispatch(impatient)).toMatchObject({ claimed: 0 });
  });

  it('loses nothing while the SMTP server is down, and sends everything once it is back', async () => {
    const a = await oneInvitation();
    const b = await h.preparedCase([
      { name: 'Bram', email: 'bram@example.org' },
      { name: 'Cor', email: 'cor@example.org' },
    ]);
    await smtp.stop();
    expect(await h.dispatch()).toMatchObject({ retried: 3, sent: 0 });
    h.clock.advance(HOUR);
    expect(await h.dispatch()).toMatchObject({ retried: 3, sent: 0 });
    await smtp.start(smtp.port);
    h.clock.advance(2 * HOUR);
    expect(await h.dispatch()).toMatchObject({ sent: 3 });
    expect(smtp.received.map((m) => m.subject)).toHaveLength(3);
    const events = [...(await h.messageEvents(a.id)), ...(await h.messageEvents(b.id))];
    expect(events.map((e) => [e.type, (e.data as { attempts: number }).attempts])).toEqual([
      ['MessageSent', 3],
      ['MessageSent', 3],
      ['MessageSent', 3],
    ]);
  });

  it('after a crash between sending and recording: one resend with the same Message-ID, one event', async () => {
    const c = await oneInvitation();
    let crashed = false;
    const crashing = h.newDispatcher(
      {},
      wrapEventStore(h.store, {
        beforeAppend(_stream, events) {
          if (crashed || !events.some((e) => e.type === 'MessageSent')) return;
          crashed = true;
          throw new Error('killed between send and record');
        },
      }),
    );
    await expect(h.dispatch(crashing)).rejects.toThrow('killed between send and record');
    expect(smtp.received).toHaveLength(1);
    expect(await h.messageEvents(c.id)).toHaveLength(0);

    const next = h.newDispatcher();
    expect(await h.dispatch(next)).toMatchObject({ claimed: 0 });
    h.clock.advance(11 * 60_000);
    expect(await h.dispatch(next)).toMatchObject({ sent: 1 });
    expect(await h.dispatch(next)).toMatchObject({ claimed: 0 });
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[1].messageId).toBe(smtp.received[0].messageId);
    const events = await h.messageEvents(c.id);
    expect(events).toHaveLength(1);
    expect(`<${events[0].eventId}@localhost>`).toBe(smtp.received[0].messageId);
  });
});

describe.each(['sqlite', 'postgres'] as const)('%s: two dispatchers at once', (store) => {
  const smtp = new SmtpTestServer();
  let h: NotificationsHarness;

  beforeAll(async () => {
    await smtp.start(0);
    h = await NotificationsHarness.start({ store, env: { TAFEL_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });

  it('never send the same message twice', async () => {
    const people = Array.from({ length: 8 }, (_, i) => ({ name: `P${i}`, email: `p${i}@example.org` }));
    const cases = [];
    for (let i = 0; i < 5; i++) cases.push(await h.preparedCase(people));
    await h.settled();
    const [a, b] = [h.newDispatcher({ batchSize: 7 }), h.newDispatcher({ batchSize: 7 })];
    const [ra, rb] = await Promise.all([a.dispatchDue(), b.dispatchDue()]);
    expect(ra.sent + rb.sent).toBe(40);
    expect(ra.sent).toBeGreaterThan(0);
    expect(rb.sent).toBeGreaterThan(0);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    for (const c of cases) expect(await h.messageEvents(c.id)).toHaveLength(8);
  });
});
