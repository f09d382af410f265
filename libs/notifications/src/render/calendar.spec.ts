// ical.js is the parser calendar clients build on; it reads what ical-generator wrote.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ICAL = require('ical.js');
import { calendarInvitation, type CalendarInvitation } from './calendar';

const base: CalendarInvitation = {
  caseId: '6f1c2e4a-0b7d-4c55-9a3e-2d1f0c9b8a77',
  sequence: 0,
  method: 'request',
  startsAt: '2026-10-24T08:00:00.000Z',
  location: 'Buurthuis De Speeldoos; Kanaalstraat 1, Utrecht',
  summary: 'Groepsconferentie',
  organizer: { name: 'Fatima de Vries', email: 'fatima@example.org' },
  attendee: { name: 'Anna Jansen', email: 'anna@example.org', accepted: false },
  stamp: '2026-03-02T09:00:00.000Z',
};

/** Parses the text as a calendar client would: the calendar, its one event, and the zone it names. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevents = calendar.getAllSubcomponents('vevent');
  expect(vevents).toHaveLength(1);
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  const zone = new ICAL.Timezone(vtimezone);
  const vevent = vevents[0];
  const start = vevent.getFirstPropertyValue('dtstart');
  start.zone = zone; // the TZID names this VTIMEZONE
  return { calendar, vevent, start, zone };
}

const prop = (c: { getFirstPropertyValue(n: string): unknown }, name: string) =>
  String(c.getFirstPropertyValue(name));

describe('the calendar invitation (RFC 5545)', () => {
  it('is one VEVENT with the case UID, the sequence, the organizer, the attendee and METHOD:REQUEST', () => {
    const { calendar, vevent } = parse(calendarInvitation(base));
    expect(prop(calendar, 'method')).toBe('REQUEST');
    expect(prop(vevent, 'uid')).toBe(`${base.caseId}@tafel`);
    expect(vevent.getFirstPropertyValue('sequence')).toBe(0);
    expect(prop(vevent, 'status')).toBe('CONFIRMED');
    expect(prop(vevent, 'location')).toBe(base.location);
    expect(prop(vevent, 'summary')).toBe('Groepsconferentie');
    const organizer = vevent.getFirstProperty('organizer');
    expect(String(organizer.getFirstValue()).toLowerCase()).toBe('mailto:fatima@example.org');
    expect(organizer.getParameter('cn')).toBe('Fatima de Vries');
    const attendee = vevent.getFirstProperty('attendee');
    expect(String(attendee.getFirstValue()).toLowerCase()).toBe('mailto:anna@example.org');
    expect(attendee.getParameter('partstat')).toBe('NEEDS-ACTION');
    expect(prop(vevent, 'dtstamp')).toBe('2026-03-02T09:00:00Z');
  });

  it('writes DTSTART in Europe/Amsterdam with its VTIMEZONE, three hours long', () => {
    const text = calendarInvitation(base);
    expect(text).toContain('DTSTART;TZID=Europe/Amsterdam:20261024T100000');
    const { vevent, start, zone } = parse(text);
    expect(zone.tzid).toBe('Europe/Amsterdam');
    expect(start.toJSDate().toISOString()).toBe('2026-10-24T08:00:00.000Z');
    const end = vevent.getFirstPropertyValue('dtend');
    end.zone = zone;
    expect(end.toJSDate().toISOString()).toBe('2026-10-24T11:00:00.000Z');
  });

  it('keeps 10:00 local across the end of summer time, with the right UTC instant on either side', () => {
    const first = parse(calendarInvitation(base));
    const moved = parse(calendarInvitation({ ...base, sequence: 1, startsAt: '2026-10-31T09:00:00.000Z' }));
    expect([first.start.hour, first.start.minute]).toEqual([10, 0]);
    expect([moved.start.hour, moved.start.minute]).toEqual([10, 0]);
    expect(first.start.toJSDate().toISOString()).toBe('2026-10-24T08:00:00.000Z');
    expect(moved.start.toJSDate().toISOString()).toBe('2026-10-31T09:00:00.000Z');
    expect(prop(moved.vevent, 'uid')).toBe(prop(first.vevent, 'uid'));
    expect(moved.vevent.getFirstPropertyValue('sequence')).toBe(1);
  });

  it('cancels with METHOD:CANCEL and STATUS:CANCELLED', () => {
    const { calendar, vevent } = parse(calendarInvitation({ ...base, method: 'cancel', sequence: 2 }));
    expect(prop(calendar, 'method')).toBe('CANCEL');
    expect(prop(vevent, 'status')).toBe('CANCELLED');
    expect(vevent.getFirstPropertyValue('sequence')).toBe(2);
  });

  it('marks an attendee who said yes as accepted', () => {
    const { vevent } = parse(calendarInvitation({ ...base, attendee: { ...base.attendee, accepted: true } }));
    expect(vevent.getFirstProperty('attendee').getParameter('partstat')).toBe('ACCEPTED');
  });

  it('is the same text for the same input, whatever the process time zone', () => {
    const before = process.env.TZ;
    const a = calendarInvitation(base);
    try {
      process.env.TZ = 'America/New_York';
      expect(calendarInvitation(base)).toBe(a);
    } finally {
      process.env.TZ = before;
      if (before === undefined) delete process.env.TZ;
    }
  });
});
