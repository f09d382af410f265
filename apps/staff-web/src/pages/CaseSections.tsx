import {
  DescriptionList,
  Heading,
  OrderedList,
  Paragraph,
  Table,
  UnorderedList,
} from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import type { CaseMessages, CaseView, Participant, ParticipantMessages } from '../api/types';
import {
  ANSWER,
  CHANNEL,
  KIND,
  MESSAGE_KIND,
  OUTCOME,
  PARTICIPANT_ROLE,
  STATE,
  capital,
  formatDate,
  formatDateTime,
  say,
} from '../text/nl';

export function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section className="ek-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {heading}
      </Heading>
      {children}
    </section>
  );
}

function Terms({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <DescriptionList>
      {rows
        .filter(([, value]) => value !== undefined && value !== '')
        .map(([term, value]) => (
          <DescriptionList.Section key={term}>
            <DescriptionList.Term>{term}</DescriptionList.Term>
            <DescriptionList.Description>{value}</DescriptionList.Description>
          </DescriptionList.Section>
        ))}
    </DescriptionList>
  );
}

export function Summary({ c }: { c: CaseView }) {
  const a = c.applicant;
  return (
    <Terms
      rows={[
        ['Status', say(STATE, c.state)],
        ['Soort', say(KIND, c.kind)],
        ['Regio', c.region],
        ['Aangevraagd op', formatDate(c.requestedAt)],
        ['Binnengekomen via', say(CHANNEL, c.channel)],
        ['Aanvrager', [a.name, a.organisation].filter(Boolean).join(', ')],
        ['Contact aanvrager', [a.email, a.phone].filter(Boolean).join(' · ')],
        ['Wat is er aan de hand?', c.description],
        [
          'Coördinator',
          c.coordinator ? `${c.coordinator.name} (${c.coordinator.email})` : 'Nog niet gekozen',
        ],
      ]}
    />
  );
}

export function Questions({ c }: { c: CaseView }) {
  if (c.conferenceQuestions.length === 0) return <Paragraph>De vragen komen uit de intake.</Paragraph>;
  return (
    <OrderedList>
      {c.conferenceQuestions.map((q, i) => (
        <OrderedList.Item key={i}>{q}</OrderedList.Item>
      ))}
    </OrderedList>
  );
}

function Messages({ m }: { m: ParticipantMessages | undefined }) {
  if (!m) return null;
  const kind = (code: string) => capital(say(MESSAGE_KIND, code));
  const lines = [
    ...m.sent.map((s) => `${kind(s.kind)}: verstuurd op ${formatDateTime(s.at)}`),
    ...m.failed.map((f) => `${kind(f.kind)}: niet aangekomen (${f.reason})`),
    ...m.due.map(
      (d) =>
        `${kind(d.kind)}: ${m.reachBy === 'phone' ? 'bellen' : 'wordt verstuurd'} vanaf ${formatDateTime(d.dueAt)}`,
    ),
  ];
  if (lines.length === 0) return <>Geen berichten</>;
  return (
    <UnorderedList size="small">
      {lines.map((line, i) => (
        <UnorderedList.Item key={i}>{line}</UnorderedList.Item>
      ))}
    </UnorderedList>
  );
}

const contact = (p: Participant) =>
  [p.email, p.phone, p.organisation].filter(Boolean).join(' · ') || 'Geen gegevens';

/** A card per participant (a table of six columns does not fit a phone). */
export function Participants({ c, messages }: { c: CaseView; messages?: CaseMessages }) {
  if (c.participants.length === 0) return <Paragraph>Er is nog niemand uitgenodigd.</Paragraph>;
  const byId = new Map(messages?.participants.map((m) => [m.id, m]));
  return (
    <ul className="ek-cards">
      {c.participants.map((p) => (
        <li key={p.id} className="ek-card" aria-labelledby={`deelnemer-${p.id}`}>
          <Heading level={3} size="level-4" id={`deelnemer-${p.id}`}>
            {p.name}
            {p.removed && ' (verwijderd)'}
          </Heading>
          <Terms
            rows={[
              ['Rol', say(PARTICIPANT_ROLE, p.role)],
              [
                'Contact',
                `${contact(p)}${byId.get(p.id)?.reachBy === 'phone' ? ' – geen e-mail: bellen' : ''}`,
              ],
              ['Antwoord', p.answer ? say(ANSWER, p.answer) : 'Nog geen antwoord'],
              [
                'Voorbereiding',
                <>
                  {p.preparedAt ? `Gedaan op ${formatDate(p.preparedAt)}` : 'Nog niet'}
                  {p.preparationNotes && <Paragraph size="small">{p.preparationNotes}</Paragraph>}
                </>,
              ],
              ['Berichten', byId.has(p.id) ? <Messages m={byId.get(p.id)} /> : undefined],
            ]}
          />
        </li>
      ))}
    </ul>
  );
}

export function Schedule({ c }: { c: CaseView }) {
  return (
    <Terms
      rows={[
        ['Datum', c.schedule ? formatDateTime(c.schedule.startsAt) : 'Nog niet gepland'],
        ['Plaats', c.schedule?.location],
        ['Gehouden op', c.conference ? formatDateTime(c.conference.heldAt) : undefined],
        [
          'Aanwezig',
          c.conference
            ? c.participants
                .filter((p) => c.conference!.attendees.includes(p.id))
                .map((p) => p.name)
                .join(', ')
            : undefined,
        ],
      ]}
    />
  );
}

export function PlanTable({ c }: { c: CaseView }) {
  if (!c.plan) return <Paragraph>Er is nog geen plan.</Paragraph>;
  const names = new Map(c.participants.map((p) => [p.id, p.name]));
  return (
    <>
      <div className="ek-table-wrap">
        <Table>
          <Table.Caption>Afspraken</Table.Caption>
          <Table.Header>
            <Table.Row>
              <Table.HeaderCell scope="col">Wat</Table.HeaderCell>
              <Table.HeaderCell scope="col">Wie</Table.HeaderCell>
              <Table.HeaderCell scope="col">Waar</Table.HeaderCell>
              <Table.HeaderCell scope="col">Wanneer</Table.HeaderCell>
            </Table.Row>
          </Table.Header>
          <Table.Body>
            {c.plan.agreements.map((a, i) => (
              <Table.Row key={i}>
                <Table.HeaderCell scope="row">{a.action}</Table.HeaderCell>
                <Table.Cell>{a.ownerIds.map((id) => names.get(id) ?? 'onbekend').join(', ')}</Table.Cell>
                <Table.Cell>{a.where ?? ''}</Table.Cell>
                <Table.Cell>{a.when}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </div>
      <Heading level={3}>Als het niet lukt</Heading>
      <Paragraph>{c.plan.ifItDoesNotWork}</Paragraph>
    </>
  );
}

export function FollowUps({ c }: { c: CaseView }) {
  if (c.followUps.length === 0) return null;
  return (
    <UnorderedList>
      {c.followUps.map((f, i) => (
        <UnorderedList.Item key={i}>
          {formatDate(f.contactedAt)}: {say(OUTCOME, f.outcome)}
          {f.notes ? `. ${f.notes}` : ''}
        </UnorderedList.Item>
      ))}
    </UnorderedList>
  );
}
