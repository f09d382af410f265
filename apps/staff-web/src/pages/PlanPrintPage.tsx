import { Button, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useParams } from 'react-router-dom';
import { useCase } from '../api/queries';
import { AppLink } from '../components/AppLink';
import { LoadError, Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';
import { formatDate, formatDateTime } from '../text/nl';
import { PlanTable, Questions, Section } from './CaseSections';

/** The plan on paper, for participants without e-mail. */
export function PlanPrintPage() {
  const { caseId = '' } = useParams();
  const query = useCase(caseId);
  usePageTitle(query.data ? `Plan van zaak ${query.data.reference}` : 'Plan');
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} heading="Plan" />;
  const c = query.data;
  const attended = c.participants.filter((p) => c.conference?.attendees.includes(p.id));
  return (
    <>
      <Heading level={1}>Plan van zaak {c.reference}</Heading>
      <div className="ek-inline-list ek-no-print">
        <Button onClick={() => window.print()}>Afdrukken</Button>
        <AppLink to={`/zaken/${c.id}`}>Terug naar de zaak</AppLink>
      </div>
      {c.conference && (
        <Paragraph>
          De conferentie was op {formatDateTime(c.conference.heldAt)}
          {c.schedule ? ` in ${c.schedule.location}` : ''}.
          {attended.length > 0 && ` Aanwezig: ${attended.map((p) => p.name).join(', ')}.`}
        </Paragraph>
      )}
      <Section id="print-vragen" heading="De vragen">
        <Questions c={c} />
      </Section>
      <Section id="print-plan" heading="Wat we hebben afgesproken">
        <PlanTable c={c} />
        {c.plan && <Paragraph size="small">Plan vastgelegd op {formatDate(c.plan.recordedAt)}.</Paragraph>}
      </Section>
      {c.coordinator && (
        <Paragraph>
          Vragen? Neem contact op met {c.coordinator.name}, {c.coordinator.email}.
        </Paragraph>
      )}
    </>
  );
}
