import { NotificationsHarness } from '../testing/notifications-harness';
import { SmtpTestServer } from '../testing/smtp-test-server';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The SMTP server down for a simulated day: the injected clock moves on in 15-minute dispatch rounds
 * (as the worker's timer would run them) while the server is stopped, then the server comes back on
 * the same port.
 */
describe('fault: SMTP down for a day', () => {
  const smtp = new SmtpTestServer();
  let h: NotificationsHarness;

  beforeAll(async () => {
    await smtp.start(0);
    h = await NotificationsHarness.start({ env: { TAFEL_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await h?.close();
    await smtp.stop();
  });

  it('delivers every message exactly once afterwards, with its own Message-ID, and fails none', async () => {
    const cases = [];
    for (let i = 0; i < 3; i++) {
      const people = [0, 1, 2].map((j) => ({ name: `P${i}${j}`, email: `p${i}${j}@example.org` }));
      cases.push(await h.preparedCase(people));
    }
    await h.settled();
    await smtp.stop();
    const downFrom = h.clock.now().getTime();
    let rounds = 0;
    let retried = 0;
    while (h.clock.now().getTime() - downFrom < 24 * HOUR) {
      const round = await h.dispatch();
      expect(round.sent).toBe(0);
      retried += round.retried;
      h.clock.advance(15 * MINUTE);
      rounds++;
    }
    await smtp.start(smtp.port);
    // Back: the longest backoff is an hour, so everything goes within one more hour of rounds.
    for (let i = 0; i < 5; i++) {
      await h.dispatch();
      h.clock.advance(15 * MINUTE);
    }

    const events = (await Promise.all(cases.map((c) => h.messageEvents(c.id)))).flat();
    const sent = events.filter((e) => e.type === 'MessageSent');
    const failed = events.filter((e) => e.type === 'MessageFailed');
    const ids = smtp.received.map((m) => m.messageId);
    const expected = cases.length * 3;
    const delivered = new Set(ids);
    const lost =
      sent.filter((e) => !delivered.has(`<${e.eventId}@localhost>`)).length + (expected - sent.length);
    const duplicated = ids.length - delivered.size;
    console.log(
      `fault: SMTP down for a day — messages ${expected}, ${rounds} rounds down (${retried} retries), ` +
        `delivered ${delivered.size}, lost ${lost}, duplicated ${duplicated}, failed ${failed.length}`,
    );
    expect(failed).toEqual([]);
    expect(sent).toHaveLength(expected);
    expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
    expect([...delivered].sort()).toEqual(sent.map((e) => `<${e.eventId}@localhost>`).sort());
    expect(await h.dispatch()).toMatchObject({ claimed: 0 });
  }, 120_000);
});
