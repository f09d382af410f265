import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';

/** Where conferences take place, and so the time zone of every calendar invitation. */
export const CONFERENCE_TIME_ZONE = 'Europe/Amsterdam';
/** A conference has no end time in Tafel; the invitation blocks three hours. */
export const CONFERENCE_DURATION_MS = 3 * 3_600_000;
export const CALENDAR_FILE_NAME = 'uitnodiging.ics';

export interface CalendarInvitation {
  caseId: string;
  /** The schedule's sequence: 0 for the first date, one higher for each change. */
  sequence: number;
  /** `request`: the date (new or changed); `cancel`: the date is cancelled. */
  method: 'request' | 'cancel';
  /** ISO 8601 instant. */
  startsAt: string;
  location: string;
  summary: string;
  description?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string; accepted: boolean };
  /** DTSTAMP: when the message was due (never the wall clock, so the same message gives the same file). */
  stamp: string;
}

const wallClock = new Map<string, Intl.DateTimeFormat>();

/** The date and time fields of `ms` on the wall clock of `zone` (from Intl, not the process's TZ). */
function fieldsIn(ms: number, zone: string) {
  let format = wallClock.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    wallClock.set(zone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(ms).map((p) => [p.type, Number(p.value)]));
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
}

/** The same instant, read on `zone`'s wall clock by the local getters (getHours() etc.). */
class WallClockDate extends Date {
  constructor(
    ms: number,
    private readonly f: ReturnType<typeof fieldsIn>,
  ) {
    super(ms);
  }
  override getFullYear = () => this.f.year;
  override getMonth = () => this.f.month - 1;
  override getDate = () => this.f.day;
  override getHours = () => this.f.hour;
  override getMinutes = () => this.f.minute;
  override getSeconds = () => this.f.second;
}

/**
 * An instant that ical-generator writes as local time in a time zone: it has the shape of
 * `@date-fns/tz`'s TZDate (`internal`, `withTimeZone`, `tzComponents`), which ical-generator asks for
 * the wall-clock fields, so the output never depends on the process's TZ.
 */
class ZonedInstant extends Date {
  readonly internal: Date;
  constructor(ms: number) {
    super(ms);
    this.internal = new Date(ms);
  }
  withTimeZone(zone: string): Date {
    return new WallClockDate(this.getTime(), fieldsIn(this.getTime(), zone));
  }
  tzComponents() {
    return fieldsIn(this.getTime(), CONFERENCE_TIME_ZONE);
  }
}

/**
 * The calendar invitation of a conference (RFC 5545, iTIP METHOD REQUEST or CANCEL): one VEVENT with
 * UID `<caseId>@tafel` (the same in every message of the case), SEQUENCE, DTSTART in Europe/Amsterdam
 * with its VTIMEZONE, three hours long, LOCATION, ORGANIZER (the coordinator) and the recipient as
 * ATTENDEE. Pure: the same input always gives the same text.
 */
export function calendarInvitation(i: CalendarInvitation): string {
  const cancel = i.method === 'cancel';
  const calendar = new ICalCalendar({
    prodId: { company: 'Eigen Kracht', product: 'Tafel', language: 'NL' },
    method: cancel ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  // No calendar-wide zone (DTSTAMP stays UTC); the generator adds the VTIMEZONE the event names.
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  const start = new Date(i.startsAt).getTime();
  calendar.createEvent({
    id: `${i.caseId}@tafel`,
    sequence: i.sequence,
    stamp: new Date(i.stamp),
    start: new ZonedInstant(start),
    end: new ZonedInstant(start + CONFERENCE_DURATION_MS),
    timezone: CONFERENCE_TIME_ZONE,
    summary: i.summary,
    ...(i.description ? { description: i.description } : {}),
    location: i.location,
    organizer: { name: i.organizer.name, email: i.organizer.email },
    attendees: [
      {
        name: i.attendee.name,
        email: i.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: i.attendee.accepted ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.NEEDSACTION,
      },
    ],
    status: cancel ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
  return calendar.toString();
}
