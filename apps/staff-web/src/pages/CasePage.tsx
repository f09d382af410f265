import { Alert, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { keys, mayTake, useCase, useMe } from '../api/queries';
import type { CaseMessages, CaseView } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { AppLink } from '../components/AppLink';
import { LoadError, Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';
import { StepForm } from '../steps/StepForm';
import { STEP_FORMS } from '../steps/steps';
import { FollowUps, Participants, PlanTable, Questions, Schedule, Section, Summary } from './CaseSections';

type Notice = { kind: 'done'; text: string } | { kind: 'stale' };

const STALE = 'Deze zaak is intussen gewijzigd. We hebben de nieuwste versie geladen.';

function Steps({ c }: { c: CaseView }) {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [notice, setNotice] = useState<Notice | null>(null);
  const refresh = () => queries.invalidateQueries({ queryKey: keys.case(c.id) });
  const me = useMe().data;
  // The case's next steps that this role may take: the others would only be refused.
  const steps = c.nextSteps.filter((step) => STEP_FORMS[step] && mayTake(me, step));

  function onDone(step: string, answer: CaseView) {
    void queries.invalidateQueries({ queryKey: ['cases'] });
    if (STEP_FORMS[step].opensNewCase) {
      navigate(`/zaken/${answer.id}`);
      return;
    }
    setNotice({ kind: 'done', text: `Gelukt: ${STEP_FORMS[step].label.toLowerCase()}.` });
    void refresh();
  }

  function onStale() {
    setNotice({ kind: 'stale' });
    void refresh();
  }

  return (
    <>
      {notice?.kind === 'stale' && (
        <Alert severity="warning" heading="Let op" headingLevel={3} role="alert">
          <Paragraph>{STALE}</Paragraph>
        </Alert>
      )}
      {notice?.kind === 'done' && (
        <Alert severity="success" heading="Opgeslagen" headingLevel={3} role="status">
          <Paragraph>{notice.text}</Paragraph>
        </Alert>
      )}
      {steps.length === 0 && <Paragraph>Er is nu geen stap te doen.</Paragraph>}
      <div className="ek-steps">
        {steps.map((step) => (
          <StepForm key={step} case={c} step={step} onDone={onDone} onStale={onStale} />
        ))}
      </div>
    </>
  );
}

export function CasePage() {
  const { caseId = '' } = useParams();
  const api = useApi();
  const query = useCase(caseId);
  const messages = useQuery({
    queryKey: keys.part(caseId, 'messages'),
    queryFn: () => api.get<CaseMessages>(`/v1/cases/${caseId}/messages`),
    enabled: query.isSuccess,
  });
  usePageTitle(query.data ? `Zaak ${query.data.reference}` : 'Zaak');
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} heading="Zaak" />;
  const c = query.data;
  return (
    <>
      <Heading level={1}>Zaak {c.reference}</Heading>
      <nav aria-label="Over deze zaak">
        <ul className="ek-inline-list">
          <li>
            <AppLink to={`/zaken/${c.id}/tijdlijn`}>Tijdlijn</AppLink>
          </li>
          {c.plan && (
            <li>
              <AppLink to={`/zaken/${c.id}/plan`}>Plan printen</AppLink>
            </li>
          )}
          {c.followUpOf && (
            <li>
              <AppLink to={`/zaken/${c.followUpOf}`}>Eerdere zaak</AppLink>
            </li>
          )}
          {c.followUpCases.map((id, i) => (
            <li key={id}>
              <AppLink to={`/zaken/${id}`}>Vervolgzaak {i + 1}</AppLink>
            </li>
          ))}
        </ul>
      </nav>
      <Section id="samenvatting" heading="Samenvatting">
        <Summary c={c} />
      </Section>
      <Section id="vragen" heading="Vragen voor de conferentie">
        <Questions c={c} />
      </Section>
      <Section id="deelnemers" heading="Deelnemers">
        <Participants c={c} messages={messages.data} />
      </Section>
      <Section id="planning" heading="Planning">
        <Schedule c={c} />
      </Section>
      <Section id="plan" heading="Plan">
        <PlanTable c={c} />
        <FollowUps c={c} />
      </Section>
      <Section id="stappen" heading="Wat kunt u nu doen?">
        <Steps c={c} />
      </Section>
    </>
  );
}
