import { Alert, Field, Heading, Label, OrderedList, Paragraph, Table } from '@amsterdam/design-system-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { isApiError } from '../api/problem';
import { keys, useCase } from '../api/queries';
import type { AccessLogEntry, CaseView, HistoryEvent, Verification } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { AppLink } from '../components/AppLink';
import { LoadError, Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';
import { ROLE, STATE, formatDateTime, readOf, say } from '../text/nl';
import { timeline } from '../text/timeline';
import { Participants, Section, Summary } from './CaseSections';

function Verdict({ caseId }: { caseId: string }) {
  const api = useApi();
  const query = useQuery({
    queryKey: keys.part(caseId, 'verification'),
    queryFn: () => api.get<Verification>(`/v1/cases/${caseId}/verification`),
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <Paragraph>De controle kon niet worden gedaan.</Paragraph>;
  const v = query.data;
  if (v.valid)
    return (
      <Alert severity="success" heading="Niets gewijzigd" headingLevel={3}>
        <Paragraph>
          Tafel heeft alle {v.events} gebeurtenissen gecontroleerd. Niemand heeft iets veranderd.
        </Paragraph>
      </Alert>
    );
  return (
    <Alert severity="error" heading="Let op: de geschiedenis van deze zaak is veranderd." headingLevel={3}>
      <Paragraph>
        De controle klopt niet
        {v.firstInvalid?.revision !== undefined ? ` vanaf gebeurtenis ${v.firstInvalid.revision + 1}` : ''}.
        Meld dit meteen aan de beheerder.
      </Paragraph>
    </Alert>
  );
}

function AsItWas({ caseId, events, last }: { caseId: string; events: HistoryEvent[]; last: number }) {
  const api = useApi();
  const [revision, setRevision] = useState(last);
  const sentences = timeline(events);
  const step = sentences.find((s) => s.revision === revision);
  const then = useQuery({
    queryKey: keys.part(caseId, 'state', revision),
    queryFn: () => api.get<CaseView>(`/v1/cases/${caseId}/state?revision=${revision}`),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Field>
        <Label htmlFor="stand">Bekijk de zaak zoals hij was na stap</Label>
        <Paragraph id="stand-hulp" size="small">
          Schuif naar links om terug te gaan in de tijd. Met de pijltjestoetsen gaat u één stap per keer.
        </Paragraph>
        <input
          id="stand"
          className="ek-slider"
          type="range"
          min={0}
          max={last}
          step={1}
          value={revision}
          aria-describedby="stand-hulp stand-nu"
          aria-valuetext={`Stap ${revision + 1} van ${last + 1}${step ? `: ${step.text}` : ''}`}
          onChange={(e) => setRevision(Number(e.target.value))}
        />
      </Field>
      <Paragraph id="stand-nu" aria-live="polite">
        Stap {revision + 1} van {last + 1}
        {step ? `: ${step.text}` : ''}
      </Paragraph>
      {then.isError && <LoadError error={then.error} />}
      {then.data && (
        <>
          <Paragraph>Status toen: {say(STATE, then.data.state)}</Paragraph>
          <Summary c={then.data} />
          <Participants c={then.data} />
        </>
      )}
    </>
  );
}

function ReadLog({ caseId }: { caseId: string }) {
  const api = useApi();
  const query = useQuery({
    queryKey: keys.part(caseId, 'access-log'),
    queryFn: () => api.get<{ entries: AccessLogEntry[] }>(`/v1/cases/${caseId}/access-log`),
  });
  // Only auditors and admins may read it; for others the section is left out.
  if (isApiError(query.error, 403)) return null;
  return (
    <Section id="gelezen" heading="Wie heeft deze zaak bekeken">
      {query.isPending && <Loading />}
      {query.isError && <LoadError error={query.error} />}
      {query.data && (
        <div className="ek-table-wrap">
          <Table>
            <Table.Caption>Leesregister</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Wanneer</Table.HeaderCell>
                <Table.HeaderCell scope="col">Wie</Table.HeaderCell>
                <Table.HeaderCell scope="col">Rol</Table.HeaderCell>
                <Table.HeaderCell scope="col">Bekeek</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {query.data.entries.map((e, i) => (
                <Table.Row key={i}>
                  <Table.HeaderCell scope="row">{formatDateTime(e.at)}</Table.HeaderCell>
                  <Table.Cell>{e.actor.name ?? e.actor.id}</Table.Cell>
                  <Table.Cell>{say(ROLE, e.actor.role)}</Table.Cell>
                  <Table.Cell>{readOf(e.route)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      )}
    </Section>
  );
}

export function TimelinePage() {
  const { caseId = '' } = useParams();
  const api = useApi();
  const current = useCase(caseId);
  const history = useQuery({
    queryKey: keys.part(caseId, 'history'),
    queryFn: () => api.get<{ events: HistoryEvent[] }>(`/v1/cases/${caseId}/history`),
  });
  usePageTitle(current.data ? `Tijdlijn van zaak ${current.data.reference}` : 'Tijdlijn');
  if (current.isError) return <LoadError error={current.error} heading="Tijdlijn" />;
  if (history.isError) return <LoadError error={history.error} heading="Tijdlijn" />;
  if (current.isPending || history.isPending) return <Loading />;
  const c = current.data;
  const events = history.data.events;
  return (
    <>
      <Heading level={1}>Tijdlijn van zaak {c.reference}</Heading>
      <Paragraph>
        <AppLink to={`/zaken/${c.id}`}>Terug naar de zaak</AppLink>
      </Paragraph>
      <Section id="gebeurd" heading="Wat er gebeurde">
        <OrderedList>
          {timeline(events).map((line) => (
            <OrderedList.Item key={line.key}>
              <time dateTime={line.at}>{formatDateTime(line.at)}</time>: {line.text}
            </OrderedList.Item>
          ))}
        </OrderedList>
      </Section>
      <Section id="controle" heading="Controle">
        <Verdict caseId={c.id} />
      </Section>
      <Section id="toen" heading="De zaak zoals hij was">
        <AsItWas caseId={c.id} events={events} last={c.revision} />
      </Section>
      <ReadLog caseId={c.id} />
    </>
  );
}
