import type { ParsedMail } from 'mailparser';
import { SmtpTestServer } from '@app/notifications/testing';
import { buildCase, CaseApi, inviteBody } from './support/case-builder';
import { dispatchRound } from './support/caught-up';
import { expectStatus } from './support/http-expect';
import { E2E_STORES, startTestApp, type TestApp } from './support/test-app';

// ical.js: the parser calendar apps build on, a second library beside the one that wrote the file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');

const HOUR = 3_600_000;
const COORDINATOR = 'corrie@example.nl';
const address = (m: ParsedMail, field: 'to' | 'replyTo') => {
  const value = m[field];
  return (Array.isArray(value) ? value[0] : value)?.value[0].address;
};

/** The one VEVENT of a mail's `uitnodiging.ics`, read back with ical.js. */
function calendarOf(m: ParsedMail) {
  const file = m.attachments.find((a) => a.filename === 'uitnodiging.ics');
  if (!file) throw new Error(`no uitnodiging.ics in "${m.subject}"`);
  const calendar = new ICAL.Component(ICAL.parse(file.content.toString('utf8')));
  const event = calendar.getFirstSubcomponent('vevent');
  return {
    contentType: file.contentType,
    method: calendar.getFirstPropertyValue('method'),
    uid: event.getFirstPropertyValue('uid'),
    sequence: event.getFirstPropertyValue('sequence'),
    status: event.getFirstPropertyValue('status'),
    organizer: String(event.getFirstPropertyValue('organizer')),
    startsAt: event.getFirstPropertyValue('dtstart').toJSDate().toISOString(),
    local: event.getFirstPropertyValue('dtstart').toString(),
  };
}

/**
 * Issue 13, end to end through the HTTP app and a real SMTP server on loopback: the date notices
 * with their calendar invitation, an answer by the personal link, the cancellation, Reply-To.
 */
describe.each(E2E_STORES)('%s store: what participants get, and how they answer', (store) => {
  const smtp = new SmtpTestServer();
  let t: TestApp;
  const take = () => smtp.received.splice(0);

  beforeAll(async () => {
    await smtp.start(0);
    t = await startTestApp({ store, env: { TAFEL_SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('tells the date, its change and its cancellation with a calendar invitation, and takes an answer by link', async () => {
    const admin = new CaseApi(t, 'admin');
    const auditor = new CaseApi(t, 'auditor');
    const c = await buildCase(t, 'ready', { participants: 2 });
    const late = await admin.invite(c.id, inviteBody(3));
    expectStatus(late, 201);
    const [anna, bram] = c.participantIds;
    const carla = late.body.participantId as string;
    await dispatchRound(t);
    const invitations = take();
    expect(invitations).toHaveLength(3);
    const linkOf = (email: string) => {
      const mail = invitations.find((m) => address(m, 'to') === email)!;
      return new URL(/(http\S+\/answer\/\S+)/.exec(mail.text!)![1]).pathname;
    };

    // The date is set an hour later: one notice each, with the calendar invitation.
    t.clock.set(new Date(t.clock.now().getTime() + HOUR));
    const scheduled = await admin.schedule(c.id, admin.scheduleBody(7));
    expectStatus(scheduled, 200);
    const startsAt = new Date(scheduled.body.schedule.startsAt).toISOString();
    await dispatchRound(t);
    const notices = take();
    expect(notices.map((m) => address(m, 'to')).sort()).toEqual([
      'deelnemer1@example.nl',
      'deelnemer2@example.nl',
      'deelnemer3@example.nl',
    ]);
    for (const m of notices) {
      expect(m.subject).toBe('De datum van de groepsconferentie');
      expect(calendarOf(m)).toMatchObject({
        method: 'REQUEST',
        uid: `${c.id}@tafel`,
        sequence: 0,
        startsAt,
        organizer: `mailto:${COORDINATOR}`,
      });
      expect(calendarOf(m).contentType).toMatch(/^text\/calendar/);
    }

    // Moved: one update each, the same UID, SEQUENCE one higher.
    const moved = await admin.schedule(c.id, admin.scheduleBody(9, 'Wijkcentrum Noord'));
    expectStatus(moved, 200);
    await dispatchRound(t);
    const updates = take();
    expect(updates).toHaveLength(3);
    for (const m of updates) {
      expect(m.subject).toBe('Nieuwe datum voor de groepsconferentie');
      expect(calendarOf(m)).toMatchObject({ method: 'REQUEST', uid: `${c.id}@tafel`, sequence: 1 });
      expect(calendarOf(m).startsAt).toBe(new Date(moved.body.schedule.startsAt).toISOString());
    }

    // Carla answers by her link: a look changes nothing, the button records her answer.
    const before = (await admin.read(c.id)).body.revision;
    const page = await t.http.get(linkOf('deelnemer3@example.nl'));
    expectStatus(page, 200);
    expect(page.text).toContain('lang="nl"');
    expect((await admin.read(c.id)).body.revision).toBe(before);
    const answered = await t.http
      .post(linkOf('deelnemer3@example.nl'))
      .type('form')
      .send({ answer: 'accepted' });
    expect([200, 303]).toContain(answered.status);
    const history = await auditor.get(`/v1/cases/${c.id}/history`);
    const answer = history.body.events.at(-1);
    expect(answer).toMatchObject({
      type: 'ParticipantAnswered',
      data: { participantId: carla, answer: 'accepted' },
      actor: { id: carla, role: 'participant' },
    });

    // A forged link, and the link of someone removed from the case.
    expectStatus(await t.http.get('/answer/not-a-real-token'), 404);
    expectStatus(
      await admin.post(`/v1/cases/${c.id}/participants/${bram}/removal`, { reason: 'Verhuisd.' }),
      200,
    );
    expectStatus(await t.http.get(linkOf('deelnemer2@example.nl')), 410);

    // Withdrawn: the date is cancelled for those who were told it (not for Bram, removed).
    expectStatus(await admin.withdraw(c.id), 200);
    await dispatchRound(t);
    const cancels = take();
    expect(cancels.map((m) => address(m, 'to')).sort()).toEqual([
      'deelnemer1@example.nl',
      'deelnemer3@example.nl',
    ]);
    for (const m of cancels)
      expect(calendarOf(m)).toMatchObject({ method: 'CANCEL', status: 'CANCELLED', uid: `${c.id}@tafel` });

    // Every mail of the case answers to the coordinator.
    for (const m of [...invitations, ...notices, ...updates, ...cancels])
      expect(address(m, 'replyTo')).toBe(COORDINATOR);
    void anna;
  });
});
