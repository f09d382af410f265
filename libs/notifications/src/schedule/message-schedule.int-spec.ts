import type { ParsedMail } from 'mailparser';
import { ProjectionsService } from '@app/cases';
import { NotificationsHarness } from '../testing/notifications-harness';
import { SmtpTestServer } from '../testing/smtp-test-server';
import { MESSAGE_SCHEDULE } from './message-schedule.projection';

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0].address;

describe('the schedule follows the case: reschedule, decline, withdrawal', () => {
  const smtp = new SmtpTestServer();
  let h: NotificationsHarness;
  const take = () => smtp.received.splice(0);

  beforeAll(async () => {
    await smtp.start(0);
    h = await NotificationsHarness.start({ env: { TAFEL_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });
  beforeEach(() => h.clock.set('2026-03-02T09:00:00Z'));

  async function scheduledCase() {
    const c = await h.preparedCase([
      { name: 'Anna', email: 'anna@example.org' },
      { name: 'Bram', email: 'bram@example.org' },
    ]);
    await h.answer(c.id, c.pids[0], 'accepted');
    await h.answer(c.id, c.pids[1], 'accepted');
    await h.step(c.id, {
      type: 'ScheduleConference',
      startsAt: '2026-03-16T09:00:00Z',
      location: 'Buurthuis',
    });
    await h.dispatch();
    take();
    return c;
  }

  it('moves the reminders when the conference is rescheduled', async () => {
    const c = await scheduledCase();
    await h.step(c.id, {
      type: 'ScheduleConference',
      startsAt: '2026-03-23T09:00:00Z',
      location: 'Wijkcentrum',
    });
    h.clock.set('2026-03-09T09:00:00Z');
    expect(await h.dispatch()).toMatchObject({ sent: 0 });
    h.clock.set('2026-03-16T09:00:00Z');
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const mails = take();
    expect(mails[0].subject).toBe('Herinnering: de groepsconferentie is over 7 dagen');
    expect(mails[0].text).toContain('maandag 23 maart 2026 om 10:00. Plaats: Wijkcentrum.');
    const reminders = (await h.messageEvents(c.id)).filter(
      (e) => (e.data as { kind: string }).kind === 'reminder',
    );
    expect(reminders.map((e) => (e.data as { dueAt: string }).dueAt)).toEqual([
      '2026-03-16T09:00:00.000Z',
      '2026-03-16T09:00:00.000Z',
    ]);
  });

  it('sends no more reminders to someone who declined', async () => {
    const c = await scheduledCase();
    await h.answer(c.id, c.pids[0], 'declined');
    h.clock.set('2026-03-15T10:00:00Z');
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    expect(take().map(to)).toEqual(['bram@example.org', 'bram@example.org']);
  });

  it('cancels everything still to come when the case is withdrawn, the invitation not yet sent included; only the cancel notice goes out', async () => {
    const c = await scheduledCase();
    const late = await h.invite(c.id, { name: 'Cor', role: 'school', email: 'cor@example.org' });
    h.clock.set('2026-03-03T09:00:00Z');
    await h.step(c.id, { type: 'WithdrawCase', reason: 'Afgezien.' });
    expect(await h.dispatch()).toMatchObject({ sent: 2, failed: 1 });
    const mails = take();
    expect(mails.map(to).sort()).toEqual(['anna@example.org', 'bram@example.org']);
    expect(mails.map((m) => m.subject)).toEqual([
      'De groepsconferentie gaat niet door',
      'De groepsconferentie gaat niet door',
    ]);
    h.clock.set('2026-03-20T09:00:00Z');
    expect(await h.dispatch()).toMatchObject({ claimed: 0 });
    const outcomes = (await h.messageEvents(c.id)).map((e) => {
      const d = e.data as { kind: string; participantId: string; reason?: string };
      return `${e.type}:${d.kind}:${d.participantId === late ? 'cor' : 'other'}`;
    });
    expect(outcomes.sort()).toEqual([
      // Anna and Bram were invited and scheduled in the same moment: the invitation told the date.
      // Cor's invitation was still queued: he never heard of the date, so nothing to cancel for him.
      'MessageFailed:conference-cancelled:cor',
      'MessageSent:conference-cancelled:other',
      'MessageSent:conference-cancelled:other',
      'MessageSent:invitation:other',
      'MessageSent:invitation:other',
    ]);
  });

  it('rebuilds the schedule from the log: sent stays sent, nothing is sent again', async () => {
    const c = await scheduledCase();
    await h.app.get(ProjectionsService).reset(MESSAGE_SCHEDULE);
    await h.settled();
    const rows = await h.db.all<{ kind: string; status: string }>(
      'SELECT kind, status FROM tafel_messages WHERE case_id = ? ORDER BY kind, due_at',
      [c.id],
    );
    expect(rows.map((r) => `${r.kind}:${r.status}`)).toEqual([
      'invitation:sent',
      'invitation:sent',
      'reminder:due',
      'reminder:due',
      'reminder:due',
      'reminder:due',
    ]);
    expect(await h.dispatch()).toMatchObject({ sent: 0 });
  });
});
