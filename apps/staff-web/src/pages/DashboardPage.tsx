import {
  Button,
  DateInput,
  DescriptionList,
  Field,
  Heading,
  Label,
  Paragraph,
  TextInput,
} from '@amsterdam/design-system-react';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { FlowReport } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { Bars } from '../components/Bars';
import { LoadError, Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';
import { funnelBars, leadTimeBars, percentage, stateBars } from '../text/flow';
import { Section } from './CaseSections';

/** The report's query: whole local days, `to` included (the API's `to` is exclusive). */
export function reportQuery(from: string, to: string, region: string): string {
  const query = new URLSearchParams();
  if (from) query.set('from', new Date(`${from}T00:00`).toISOString());
  if (to) {
    const end = new Date(`${to}T00:00`);
    end.setDate(end.getDate() + 1);
    query.set('to', end.toISOString());
  }
  if (region.trim()) query.set('region', region.trim());
  return query.toString();
}

export function Report({ report }: { report: FlowReport }) {
  return (
    <>
      <Paragraph>
        {report.cases === 1
          ? 'In deze periode kwam 1 aanvraag binnen.'
          : `In deze periode kwamen ${report.cases} aanvragen binnen.`}
      </Paragraph>
      <DescriptionList>
        <DescriptionList.Section>
          <DescriptionList.Term>Zaken met een vervolgconferentie</DescriptionList.Term>
          <DescriptionList.Description>
            {percentage(report.followUpConferenceRate)}
          </DescriptionList.Description>
        </DescriptionList.Section>
        <DescriptionList.Section>
          <DescriptionList.Term>Conferenties zonder plan</DescriptionList.Term>
          <DescriptionList.Description>{percentage(report.noPlanRate)}</DescriptionList.Description>
        </DescriptionList.Section>
      </DescriptionList>
      <Section id="trechter" heading="Hoeveel zaken kwamen waar?">
        <Bars bars={funnelBars(report)} label="Aantal zaken per fase" />
      </Section>
      <Section id="doorlooptijd" heading="Hoe lang duurde het?">
        <Bars bars={leadTimeBars(report)} label="Doorlooptijd in dagen" />
      </Section>
      <Section id="status" heading="Waar staan de zaken nu?">
        <Bars bars={stateBars(report)} label="Aantal zaken per status" />
      </Section>
    </>
  );
}

export function DashboardPage() {
  usePageTitle('Dashboard');
  const api = useApi();
  const [params, setParams] = useSearchParams();
  const from = params.get('van') ?? '';
  const to = params.get('tot') ?? '';
  const region = params.get('regio') ?? '';
  const query = useQuery({
    queryKey: ['report', from, to, region],
    queryFn: () => api.get<FlowReport>(`/v1/reports/flow?${reportQuery(from, to, region)}`),
  });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of ['van', 'tot', 'regio']) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  }

  if (query.isError) return <LoadError error={query.error} heading="Dashboard" />;
  return (
    <>
      <Heading level={1}>Dashboard</Heading>
      <Paragraph>Hoe lopen de zaken? Kies een periode en eventueel een regio.</Paragraph>
      <form className="ek-filters" onSubmit={onSubmit} aria-label="Periode en regio">
        <Field>
          <Label htmlFor="van">Van</Label>
          <DateInput id="van" name="van" type="date" defaultValue={from} />
        </Field>
        <Field>
          <Label htmlFor="tot">Tot</Label>
          <DateInput id="tot" name="tot" type="date" defaultValue={to} />
        </Field>
        <Field>
          <Label htmlFor="regio">Regio</Label>
          <TextInput id="regio" name="regio" defaultValue={region} />
        </Field>
        <Button type="submit" variant="secondary">
          Tonen
        </Button>
      </form>
      {query.isPending ? <Loading /> : <Report report={query.data} />}
    </>
  );
}
