import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');
import { MessageQueries } from '../queries/message-queries';
import { NotificationsHarness } from '../testing/notifications-harness';
import { SmtpTestServer } from '../testing/smtp-test-server';

const DAY = 86_400_000;
const ADMIN = { id: 'admin-1', name: 'Ada Admin', role: 'admin' } as const;
const QUESTION = 'Hoe kunnen we weer samen om tafel, zodat het over de kinderen gaat?';

const to = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0].address;
const subjects = (mails: ParsedMail[]) => mails.map((m) => `${to(m)}: ${m.subject}`).sort();

describe('the mail participants receive (real SMTP on loopback, Dutch templates)', () => {
  const smtp = new SmtpTestServer();
  let h: NotificationsHarness;
  let caseId: string;
  let anna: string, joris: string, mo: string;
  const take = () => smtp.received.splice(0);

  beforeAll(async () => {
    await smtp.start(0);
    h = await NotificationsHarness.start({ env: { TAFEL_SMTP_URL: smtp.url } });
    const c = await h.preparedCase(
      [
        { name: 'Anna Jansen', email: 'anna@example.org' },
        { name: 'Joris Bakker', email: 'joris@example.org', role: 'professional' },
        { name: 'Mohamed El Amrani' },
      ],
      [QUESTION],
    );
    caseId = c.id;
    [anna, joris, mo] = c.pids;
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });

  it('sends an invitation to each participant with an address: questions, way of working, what is asked', async () => {
    expect(await h.dispatch()).toMatchObject({ sent: 2, failed: 0 });
    const mails = take();
    expect(subjects(mails)).toEqual([
      'anna@example.org: Uitnodiging voor de groepsconferentie',
      'joris@example.org: Uitnodiging voor de groepsconferentie',
    ]);
    const mail = mails.find((m) => to(m) === 'anna@example.org')!;
    expect(mail.text).toContain('Beste Anna Jansen,');
    expect(mail.text).toContain(`- ${QUESTION}`);
    expect(mail.text).toContain('Ook de hulpverleners en andere mensen van organisaties zijn er');
    expect(mail.text).not.toMatch(/professional|Kom op tijd/);
    expect(mail.text).toContain('Wat vragen we van u?');
    expect(mail.text).toContain('Laat ons weten of u komt.');
    const link = /Komt u\? Laat het ons weten met één klik: (\S+)\/answer\/(\S+)/.exec(mail.text!);
    expect(link?.[1]).toBe(h.config.publicUrl);
    expect(h.answerLinks.verify(link![2])).toEqual({ caseId, participantId: anna });
    expect(mail.replyTo?.value[0]).toMatchObject({ name: 'Fatima de Vries', address: 'fatima@example.org' });
    expect(mail.attachments).toEqual([]);
    expect(mail.text).toContain('De datum en de plaats hoort u nog van de coördinator.');
    expect(mail.text).toContain('Fatima de Vries, de coördinator');
    expect(mail.html).toContain(`<li>${QUESTION}</li>`);
    expect(mail.html).toContain('<h2>Wat vragen we van u?</h2>');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Eigen Kracht', address: 'noreply@localhost' });
    const events = await h.messageEvents(caseId);
    expect(events.map((e) => e.type)).toEqual(['MessageSent', 'MessageSent']);
    const annaEvent = events.find((e) => (e.data as { participantId: string }).participantId === anna)!;
    expect(mail.messageId).toBe(`<${annaEvent.eventId}@localhost>`);
    expect(annaEvent.data).toMatchObject({ kind: 'invitation', transport: 'smtp', attempts: 1 });
    expect(JSON.stringify(events.map((e) => e.data))).not.toContain('@example.org');
  });

  it('nudges the one who has not answered, with the date written the Dutch way', async () => {
    await h.answer(caseId, anna, 'accepted');
    await h.answer(caseId, mo, 'accepted');
    h.clock.advance(60_000);
    await h.step(caseId, {
      type: 'ScheduleConference',
      startsAt: '2026-03-16T09:00:00Z',
      location: 'Buurthuis De Speeldoos',
    });
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    expect(subjects(take())).toEqual([
      'anna@example.org: De datum van de groepsconferentie',
      'joris@example.org: De datum van de groepsconferentie',
    ]);
    h.clock.advance(5 * DAY);
    expect(await h.dispatch()).toMatchObject({ sent: 1 });
    const [nudge] = take();
    expect(to(nudge)).toBe('joris@example.org');
    expect(nudge.subject).toBe('Komt u naar de groepsconferentie?');
    expect(nudge.text).toContain('We weten nog niet of u komt.');
    expect(nudge.text).toContain(
      'De groepsconferentie is op maandag 16 maart 2026 om 10:00. Plaats: Buurthuis De Speeldoos.',
    );
    expect(nudge.html).toContain('maandag 16 maart 2026 om 10:00');
    expect(nudge.text).toMatch(/Komt u\? Laat het ons weten met één klik: \S+\/answer\//);
  });

  it('reminds a week and a day before, to those who accepted and those who have not answered', async () => {
    h.clock.set('2026-03-09T09:00:00Z');
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const week = take();
    expect(subjects(week)).toEqual([
      'anna@example.org: Herinnering: de groepsconferentie is over 7 dagen',
      'joris@example.org: Herinnering: de groepsconferentie is over 7 dagen',
    ]);
    const notAnswered = week.find((m) => to(m) === 'joris@example.org')!;
    expect(notAnswered.text).toContain('U heeft nog niet laten weten of u komt.');
    expect(week.find((m) => to(m) === 'anna@example.org')!.text).not.toContain('nog niet laten weten');
    await h.answer(caseId, joris, 'accepted');
    h.clock.set('2026-03-15T09:00:00Z');
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const day = take();
    expect(day.map((m) => m.subject)).toEqual([
      'Herinnering: de groepsconferentie is morgen',
      'Herinnering: de groepsconferentie is morgen',
    ]);
    expect(day[0].text).toContain('maandag 16 maart 2026 om 10:00');
    expect(day[0].attachments.map((a) => a.filename)).toEqual(['uitnodiging.ics']);
    expect(day[0].text).toContain('Kunt u toch niet komen? Laat het ons weten met één klik:');
  });

  it('sends the plan to every attendee with an address, and shows the one without as to be phoned', async () => {
    h.clock.set('2026-03-16T12:00:00Z');
    await h.step(caseId, {
      type: 'HoldConference',
      heldAt: '2026-03-16T09:00:00Z',
      attendees: [anna, joris, mo],
    });
    await h.step(caseId, {
      type: 'RecordPlan',
      agreements: [
        { ownerIds: [anna, mo], action: 'Samen de speeltijden afspreken', when: 'binnen twee weken' },
        { ownerIds: [joris], action: 'Langs het veld lopen', where: 'Kanaalstraat', when: 'vanaf maandag' },
      ],
      ifItDoesNotWork: 'We komen binnen een maand opnieuw bij elkaar.',
    });
    await h.step(caseId, { type: 'DistributePlan' });
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const [plan] = take();
    expect(plan.subject).toBe('Het plan van de groepsconferentie');
    expect(plan.text).toContain(
      '- Wie: Anna Jansen, Mohamed El Amrani. Wat: Samen de speeltijden afspreken. Wanneer: binnen twee weken.',
    );
    expect(plan.text).toContain('Waar: Kanaalstraat.');
    expect(plan.text).toContain('Als iets niet lukt:\nWe komen binnen een maand opnieuw bij elkaar.');
    expect(plan.html).toContain('<h2>De afspraken</h2>');

    const view = await h.app.get(MessageQueries).messagesOf(ADMIN, caseId);
    const phoned = view.participants.find((p) => p.id === mo)!;
    expect(phoned).toMatchObject({ reachBy: 'phone', sent: [], failed: [] });
    expect(phoned.due.map((d) => d.kind)).toEqual(['invitation', 'plan', 'follow-up']);
    const mailed = view.participants.find((p) => p.id === anna)!;
    expect(mailed.reachBy).toBe('email');
    expect(mailed.sent.map((s) => s.kind)).toEqual([
      'invitation',
      'conference-scheduled',
      'reminder',
      'reminder',
      'plan',
    ]);
    expect(plan.text).not.toContain('/answer/');
    expect(plan.attachments).toEqual([]);
    expect(mailed.due).toEqual([{ kind: 'follow-up', dueAt: '2026-06-14T12:00:00.000Z', attempts: 0 }]);
  });

  it('sends the follow-up contact after TAFEL_FOLLOW_UP_AFTER', async () => {
    h.clock.advance(89 * DAY);
    expect(await h.dispatch()).toMatchObject({ claimed: 0 });
    h.clock.advance(DAY);
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const mails = take();
    expect(mails.map((m) => m.subject)).toEqual(['Hoe gaat het met uw plan?', 'Hoe gaat het met uw plan?']);
    expect(mails[0].text).toContain('Binnenkort neemt iemand van Eigen Kracht contact met u op.');
    expect(mails[0].text).toContain('Dit is voor onderzoek naar hoe plannen werken.');
    expect(mails[0].text).toContain('U mag ook nee zeggen.');
    expect(mails[0].text).not.toContain('/answer/');
    expect(mails[0].html).toMatch(/^<!doctype html>/);
  });

  it("writes to a participant in their own language (workflow version 2's `language`)", async () => {
    await h.dispatch();
    take();
    const own = await h.preparedCase([]);
    await h.invite(own.id, { name: 'Ruth Baker', email: 'ruth@example.org', role: 'family', language: 'en' });
    expect(await h.dispatch()).toMatchObject({ sent: 1 });
    expect(subjects(take())).toEqual(['ruth@example.org: Invitation to the group conference']);
  });
});

describe('the date told, changed and cancelled, with a calendar invitation (real SMTP on loopback)', () => {
  const smtp = new SmtpTestServer();
  let h: NotificationsHarness;
  const take = () => smtp.received.splice(0);

  beforeAll(async () => {
    await smtp.start(0);
    h = await NotificationsHarness.start({
      env: { TAFEL_SMTP_URL: smtp.url, TAFEL_ORGANISATION_PHONE: '030 123 45 67' },
      now: new Date('2026-10-01T09:00:00Z'),
    });
  });
  afterAll(async () => {
    await h.close();
    await smtp.stop();
  });

  /** The one calendar attachment of a mail, parsed as a calendar client would. */
  function calendarOf(mail: ParsedMail) {
    expect(mail.attachments).toHaveLength(1);
    const [a] = mail.attachments;
    expect(a.filename).toBe('uitnodiging.ics');
    const type = a.headers.get('content-type') as { value: string; params: Record<string, string> };
    const calendar = new ICAL.Component(ICAL.parse(a.content.toString('utf8')));
    const [event] = calendar.getAllSubcomponents('vevent');
    expect(calendar.getAllSubcomponents('vevent')).toHaveLength(1);
    const start = event.getFirstPropertyValue('dtstart');
    start.zone = new ICAL.Timezone(calendar.getFirstSubcomponent('vtimezone'));
    return {
      type: `${type.value}; method=${type.params.method}`,
      method: calendar.getFirstPropertyValue('method'),
      uid: event.getFirstPropertyValue('uid'),
      sequence: event.getFirstPropertyValue('sequence'),
      status: event.getFirstPropertyValue('status'),
      location: event.getFirstPropertyValue('location'),
      local: `${start.hour}:${String(start.minute).padStart(2, '0')}`,
      utc: start.toJSDate().toISOString(),
      organizer: event.getFirstPropertyValue('organizer'),
    };
  }

  it('tells each invited participant once, moves the date with one update, and cancels it', async () => {
    const c = await h.preparedCase([
      { name: 'Anna Jansen', email: 'anna@example.org' },
      { name: 'Bram Smit', email: 'bram@example.org' },
      { name: 'Dirk de Wit', email: 'dirk@example.org' },
      { name: 'Eva Bos', email: 'eva@example.org' },
      { name: 'Mohamed El Amrani' },
    ]);
    const [anna, bram, dirk, eva] = c.pids;
    expect(await h.dispatch()).toMatchObject({ sent: 4 });
    const invitations = take();
    for (const mail of invitations) {
      const token = /\/answer\/([A-Za-z0-9_-]+)/.exec(mail.text!)![1];
      const pid = [anna, bram, dirk, eva][['anna', 'bram', 'dirk', 'eva'].indexOf(to(mail)!.split('@')[0])];
      expect(h.answerLinks.verify(token)).toEqual({ caseId: c.id, participantId: pid });
    }
    await h.answer(c.id, dirk, 'declined');
    await h.step(c.id, { type: 'RemoveParticipant', participantId: eva, reason: 'Verhuisd.' });

    h.clock.advance(3_600_000);
    await h.step(c.id, {
      type: 'ScheduleConference',
      startsAt: '2026-10-24T08:00:00Z',
      location: 'Buurthuis',
    });
    expect(await h.dispatch()).toMatchObject({ sent: 2, failed: 0 });
    const told = take();
    expect(subjects(told)).toEqual([
      'anna@example.org: De datum van de groepsconferentie',
      'bram@example.org: De datum van de groepsconferentie',
    ]);
    for (const mail of told) {
      expect(calendarOf(mail)).toEqual({
        type: 'text/calendar; method=REQUEST',
        method: 'REQUEST',
        uid: `${c.id}@tafel`,
        sequence: 0,
        status: 'CONFIRMED',
        location: 'Buurthuis',
        local: '10:00',
        utc: '2026-10-24T08:00:00.000Z',
        organizer: 'mailto:fatima@example.org',
      });
      expect(mail.text).toContain('zaterdag 24 oktober 2026 om 10:00');
      expect(mail.text).toContain('Fatima de Vries, coördinator\nEigen Kracht\nTelefoon: 030 123 45 67');
    }

    // Across the end of summer time: still 10:00 on the wall clock, an hour later in UTC.
    h.clock.advance(3_600_000);
    await h.step(c.id, {
      type: 'ScheduleConference',
      startsAt: '2026-10-31T09:00:00Z',
      location: 'Buurthuis',
    });
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const moved = take();
    expect(moved.map((m) => m.subject)).toEqual([
      'Nieuwe datum voor de groepsconferentie',
      'Nieuwe datum voor de groepsconferentie',
    ]);
    expect(calendarOf(moved[0])).toMatchObject({
      uid: `${c.id}@tafel`,
      sequence: 1,
      local: '10:00',
      utc: '2026-10-31T09:00:00.000Z',
    });

    // Two changes before the dispatcher's next round: only the newest goes out.
    h.clock.advance(60_000);
    await h.step(c.id, {
      type: 'ScheduleConference',
      startsAt: '2026-11-02T18:30:00Z',
      location: 'Wijkcentrum',
    });
    h.clock.advance(60_000);
    await h.step(c.id, {
      type: 'ScheduleConference',
      startsAt: '2026-11-02T18:30:00Z',
      location: 'Bibliotheek',
    });
    const report = await h.dispatch();
    expect(report).toMatchObject({ sent: 2 });
    const newest = take();
    expect(subjects(newest)).toEqual([
      'anna@example.org: Nieuwe datum voor de groepsconferentie',
      'bram@example.org: Nieuwe datum voor de groepsconferentie',
    ]);
    for (const mail of newest)
      expect(calendarOf(mail)).toMatchObject({ sequence: 3, location: 'Bibliotheek', local: '19:30' });

    h.clock.advance(3_600_000);
    await h.step(c.id, { type: 'WithdrawCase', reason: 'Afgezien.' });
    expect(await h.dispatch()).toMatchObject({ sent: 2 });
    const cancelled = take();
    expect(subjects(cancelled)).toEqual([
      'anna@example.org: De groepsconferentie gaat niet door',
      'bram@example.org: De groepsconferentie gaat niet door',
    ]);
    for (const mail of cancelled)
      expect(calendarOf(mail)).toMatchObject({
        type: 'text/calendar; method=CANCEL',
        method: 'CANCEL',
        status: 'CANCELLED',
        uid: `${c.id}@tafel`,
        sequence: 4,
      });

    for (const mail of [...invitations, ...told, ...moved, ...newest, ...cancelled])
      expect(mail.replyTo?.value[0]).toMatchObject({
        name: 'Fatima de Vries',
        address: 'fatima@example.org',
      });
    const view = await h.app.get(MessageQueries).messagesOf(ADMIN, c.id);
    const kinds = (id: string) => view.participants.find((p) => p.id === id)!.sent.map((m) => m.kind);
    expect(kinds(anna)).toEqual([
      'invitation',
      'conference-scheduled',
      'conference-rescheduled',
      'conference-rescheduled',
      'conference-cancelled',
    ]);
    expect(kinds(dirk)).toEqual(['invitation']);
    expect(kinds(eva)).toEqual(['invitation']);
    // Without an address: the notices are there for staff to phone about.
    const phoned = view.participants.find((p) => p.reachBy === 'phone')!;
    expect(phoned.due.map((d) => d.kind)).toEqual(['conference-cancelled']);
  });
});

describe('without an SMTP server, and in English', () => {
  it('writes readable .eml files to the outbox, in the language configured', async () => {
    const h = await NotificationsHarness.start({ env: { TAFEL_MAIL_LANGUAGE: 'en' } });
    try {
      await h.preparedCase([{ name: 'Anna Jansen', email: 'anna@example.org' }, { name: 'Mohamed' }]);
      expect(await h.dispatch()).toMatchObject({ sent: 1 });
      const outbox = join(h.config.dataDir, 'outbox');
      const files = readdirSync(outbox);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const mail = await simpleParser(readFileSync(join(outbox, files[0])));
      expect(mail.subject).toBe('Invitation to the group conference');
      expect(mail.text).toContain('Dear Anna Jansen,');
      expect(mail.html).toContain('<h2>What we ask of you</h2>');
    } finally {
      await h.close();
    }
  });
});
