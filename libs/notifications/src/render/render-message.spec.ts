import { fold, type CaseState, type DomainEvent } from '@app/workflow';
import { AnswerLinks } from '../answer-links/answer-links';
import { planMessages } from '../policy/message-policy';
import type { MessageKind, PlannedMessage } from '../policy/message.types';
import { TEMPLATES } from '../../templates';
import { renderMessage } from './render-message';

const CASE = '6f1c2e4a-0b7d-4c55-9a3e-2d1f0c9b8a77';
const ANNA = '0b7d6f1c-2e4a-4c55-9a3e-2d1f0c9b8a78';
const BOB = '0b7d6f1c-2e4a-4c55-9a3e-2d1f0c9b8a79';
const DAY = 86_400_000;
const settings = {
  reminderOffsetsMs: [7 * DAY, DAY],
  answerNudgeAfterMs: 5 * DAY,
  followUpAfterMs: 90 * DAY,
};
const links = new AnswerLinks(Buffer.alloc(32, 7), 'https://tafel.example.nl');
const at = (d: string) => `2026-03-${d}T09:00:00.000Z`;

function given(...events: DomainEvent[]): CaseState {
  return fold([
    {
      type: 'ConferenceRequested',
      data: {
        at: at('01'),
        caseId: CASE,
        reference: 'EK-1',
        kind: 'group',
        applicant: { personId: 'ap', name: 'X' },
        region: 'Utrecht',
        description: 'd',
        channel: 'online',
        workflowVersion: 2,
      },
    },
    { type: 'IntakeCompleted', data: { at: at('01'), conferenceQuestions: ['Hoe <samen> & verder?'] } },
    {
      type: 'CoordinatorAssigned',
      data: {
        at: at('01'),
        coordinatorId: 'k',
        name: 'Fatima de Vries',
        email: 'fatima@example.org',
        independenceDeclared: true,
      },
    },
    {
      type: 'ParticipantInvited',
      data: { at: at('02'), participantId: ANNA, name: 'Anna', role: 'family', email: 'anna@example.org' },
    },
    {
      type: 'ParticipantInvited',
      data: { at: at('02'), participantId: BOB, name: 'Bob', role: 'family', email: 'bob@example.org' },
    },
    ...events,
  ])!;
}

const scheduledAt20: DomainEvent = {
  type: 'ConferenceScheduled',
  data: { at: at('03'), startsAt: at('20'), location: 'Buurthuis', rescheduled: false },
};

const messageOf = (s: CaseState, kind: MessageKind, who = ANNA): PlannedMessage => {
  const m = planMessages(s, settings).find((x) => x.kind === kind && x.participantId === who);
  if (!m) throw new Error(`no ${kind} planned`);
  return m;
};

describe('rendering a message', () => {
  it('shows the agreed "when" exactly as written, never read as a date', () => {
    const s = given(
      { type: 'ParticipantAnswered', data: { at: at('03'), participantId: ANNA, answer: 'accepted' } },
      scheduledAt20,
      { type: 'ConferenceHeld', data: { at: at('20'), heldAt: at('20'), attendees: [ANNA] } },
      {
        type: 'PlanRecorded',
        data: {
          at: at('21'),
          agreements: [
            { ownerIds: [ANNA], action: 'Bellen', when: '2026-06-01' },
            { ownerIds: [ANNA], action: 'Langsgaan', when: 'voor 1 juni' },
          ],
          ifItDoesNotWork: 'Opnieuw praten.',
        },
      },
      { type: 'PlanDistributed', data: { at: at('22'), recipients: [ANNA] } },
    );
    const mail = renderMessage(messageOf(s, 'plan'), s, 'nl', { answerLinks: links });
    expect(mail.text).toContain('- Wie: Anna. Wat: Bellen. Wanneer: 2026-06-01.');
    expect(mail.text).toContain('- Wie: Anna. Wat: Langsgaan. Wanneer: voor 1 juni.');
    expect(mail.text).not.toMatch(/02:00|2001/);
    expect(mail.html).toContain('Wanneer: 2026-06-01.');
    // The plan and the follow-up carry no answer link and no calendar.
    expect(mail.text).not.toContain('/answer/');
    expect(mail.calendar).toBeUndefined();
  });

  it('writes each template once: the text and the HTML part say the same, the HTML escaped', () => {
    const s = given();
    for (const language of ['nl', 'en'] as const) {
      const mail = renderMessage(messageOf(s, 'invitation'), s, language, { answerLinks: links });
      expect(mail.html).toContain('<li>Hoe &lt;samen&gt; &amp; verder?</li>');
      expect(mail.text).toContain('- Hoe <samen> & verder?');
      const words = (t: string) => t.replace(/[\s:-]+/g, ' ').trim();
      const body = mail.html.slice(mail.html.indexOf('<body'), mail.html.indexOf('</body>'));
      const shown = body
        .replace(/^<body[^>]*>/, '')
        .replace(/<[^>]+>/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
      expect(words(shown)).toBe(words(mail.text));
    }
  });

  it('puts the personal answer link in the invitation, the nudge and the reminder, for that participant', () => {
    const s = given(scheduledAt20);
    for (const kind of ['invitation', 'answer-nudge', 'reminder'] as const) {
      const mail = renderMessage(messageOf(s, kind, BOB), s, 'nl', { answerLinks: links });
      const url = /https:\/\/tafel\.example\.nl\/answer\/([A-Za-z0-9_-]+)/.exec(mail.text);
      expect(url).not.toBeNull();
      expect(mail.text).toContain('Komt u? Laat het ons weten met één klik:');
      expect(links.verify(url![1])).toEqual({ caseId: CASE, participantId: BOB });
      expect(mail.html).toContain(`<a href="${url![0]}">`);
    }
    const notice = renderMessage(messageOf(s, 'conference-scheduled'), s, 'nl', { answerLinks: links });
    expect(notice.text).not.toContain('/answer/');
  });

  it('replies go to the coordinator; the signature names them and the phone number when set', () => {
    const s = given();
    const mail = renderMessage(messageOf(s, 'invitation'), s, 'nl', { organisationPhone: '030 123 45 67' });
    expect(mail.replyTo).toEqual({ name: 'Fatima de Vries', address: 'fatima@example.org' });
    expect(mail.text).toContain(
      'Met vriendelijke groet,\nFatima de Vries, coördinator\nEigen Kracht\nTelefoon: 030 123 45 67\n\nKenmerk: EK-1',
    );
    const without = renderMessage(messageOf(s, 'invitation'), s, 'en');
    expect(without.text).toContain(
      'Kind regards,\nFatima de Vries, coordinator\nEigen Kracht\n\nReference: EK-1',
    );
    expect(without.text).not.toContain('Phone');
  });

  it('attaches the calendar invitation to date notices and reminders, organised by the coordinator', () => {
    const s = given(scheduledAt20);
    const notice = renderMessage(messageOf(s, 'conference-scheduled'), s, 'nl');
    expect(notice.calendar).toMatchObject({ filename: 'uitnodiging.ics', method: 'REQUEST' });
    expect(notice.calendar!.content).toContain('ORGANIZER;CN="Fatima de Vries":mailto:fatima@example.org');
    expect(notice.text).toContain('In de bijlage zit de afspraak voor uw agenda.');
    const reminder = renderMessage(messageOf(s, 'reminder'), s, 'nl');
    expect(reminder.calendar?.content).toContain(`UID:${CASE}@tafel`);
    expect(renderMessage(messageOf(s, 'invitation'), s, 'nl').calendar).toBeUndefined();
  });

  it('keeps the Dutch plain: no jargon, nothing bossy', () => {
    for (const kind of ['group', 'family'] as const) {
      const s = { ...given(scheduledAt20), kind };
      for (const m of planMessages(s, settings).filter((x) => x.participantId === ANNA)) {
        const { text } = renderMessage(m, s, 'nl', { answerLinks: links });
        expect(text).not.toMatch(/professional|Kom op tijd/i);
      }
    }
    expect(Object.keys(TEMPLATES.nl).sort()).toEqual(Object.keys(TEMPLATES.en).sort());
  });
});
