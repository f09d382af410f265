import { Button, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import type { CaseView } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { ErrorSummary } from '../components/ErrorSummary';
import { usePageTitle } from '../components/usePageTitle';
import { FieldInput } from '../steps/FieldInput';
import { initialValues, type Field, type Values } from '../steps/steps';
import { useCommand } from '../steps/useCommand';
import { CHANNEL, KIND } from '../text/nl';

/** The request's fields; a dotted name is a member of `applicant`. */
const FIELDS: Field[] = [
  { name: 'kind', kind: 'radio', label: 'Soort conferentie', options: KIND },
  { name: 'applicant.name', kind: 'text', label: 'Naam aanvrager' },
  { name: 'applicant.email', kind: 'email', label: 'E-mail aanvrager', optional: true },
  { name: 'applicant.phone', kind: 'tel', label: 'Telefoon aanvrager', optional: true },
  { name: 'applicant.organisation', kind: 'text', label: 'Organisatie aanvrager', optional: true },
  { name: 'region', kind: 'text', label: 'Regio', help: 'De regio waar de familie of groep woont.' },
  {
    name: 'description',
    kind: 'textarea',
    label: 'Omschrijving',
    help: 'Wat is er aan de hand? Schrijf het kort op, in de woorden van de aanvrager.',
  },
  { name: 'channel', kind: 'radio', label: 'Hoe kwam de aanvraag binnen?', options: CHANNEL },
];

export function requestBody(values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { applicant: {} };
  for (const field of FIELDS) {
    const value = String(values[field.name] ?? '').trim();
    if (!value && field.optional) continue;
    const [head, member] = field.name.split('.');
    if (member) (body.applicant as Record<string, string>)[member] = value;
    else body[head] = value;
  }
  return body;
}

export function NewCasePage() {
  usePageTitle('Nieuwe aanvraag');
  const api = useApi();
  const navigate = useNavigate();
  const queries = useQueryClient();
  const [values, setValues] = useState<Values>(() => initialValues(FIELDS));
  const command = useCommand(
    (idempotencyKey) => api.post<CaseView>('/v1/cases', requestBody(values), { idempotencyKey }),
    {
      onDone: (answer) => {
        void queries.invalidateQueries({ queryKey: ['cases'] });
        navigate(`/zaken/${answer.id}`);
      },
      fieldsOf: (error) => {
        const named = new Set((error.problem.errors ?? []).map((e) => e.field));
        return FIELDS.filter((f) => named.has(f.name)).map((f) => ({
          id: `nieuw-${f.name}`,
          label: f.label,
        }));
      },
    },
  );
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    command.run();
  }
  const invalid = new Set(command.refusal?.fields.map((f) => f.id));
  return (
    <>
      <Heading level={1}>Nieuwe aanvraag</Heading>
      <Paragraph>Vul in wat de aanvrager vertelde. Daarna doet u de intake.</Paragraph>
      <form className="ek-form" onSubmit={onSubmit} noValidate aria-label="Nieuwe aanvraag">
        {command.refusal && <ErrorSummary detail={command.refusal.detail} fields={command.refusal.fields} />}
        {FIELDS.map((field) => (
          <FieldInput
            key={field.name}
            field={field}
            id={`nieuw-${field.name}`}
            value={values[field.name]}
            onChange={(value) => {
              command.changed();
              setValues((v) => ({ ...v, [field.name]: value }));
            }}
            participants={[]}
            invalid={invalid.has(`nieuw-${field.name}`)}
          />
        ))}
        <div>
          <Button type="submit">Aanvraag indienen</Button>
        </div>
      </form>
    </>
  );
}
