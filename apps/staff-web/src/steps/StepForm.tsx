import { Button, Heading, Paragraph } from '@amsterdam/design-system-react';
import { useMemo, useState, type FormEvent } from 'react';
import type { ApiError } from '../api/problem';
import type { CaseView } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { FieldInput } from './FieldInput';
import { STEP_FORMS, bodyOf, initialValues, type Field, type Values } from './steps';
import { useCommand } from './useCommand';

interface Props {
  case: CaseView;
  step: string;
  onDone: (step: string, answer: CaseView) => void;
  /** 412: the case moved on; the page reloads it. */
  onStale: () => void;
}

/** The fields the server named in its `errors`, as links to their inputs. */
function fieldErrors(formId: string, fields: Field[], error: ApiError): FieldError[] {
  const named = new Set((error.problem.errors ?? []).map((e) => e.field.split(/[.[]/)[0]));
  return fields.filter((f) => named.has(f.name)).map((f) => ({ id: `${formId}-${f.name}`, label: f.label }));
}

/**
 * One step of `nextSteps` as a form, with its Dutch labels and help; sent with `If-Match` (the revision
 * shown) and an Idempotency-Key (see useCommand).
 */
export function StepForm({ case: c, step, onDone, onStale }: Props) {
  const form = STEP_FORMS[step];
  const api = useApi();
  const fields = useMemo(() => form.fields(c), [form, c]);
  const [values, setValues] = useState<Values>(() => initialValues(fields));
  const formId = `stap-${step}`;
  const participants = c.participants.filter((p) => !p.removed);

  const command = useCommand(
    (idempotencyKey) =>
      api.post<CaseView>(`/v1/cases/${c.id}/${form.path(values)}`, bodyOf(fields, values), {
        revision: c.revision,
        idempotencyKey,
      }),
    {
      onDone: (answer) => {
        setValues(initialValues(fields));
        onDone(step, answer);
      },
      onStale,
      fieldsOf: (error) => fieldErrors(formId, fields, error),
    },
  );

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing = fields.find((f) => f.kind === 'participant' && !values[f.name]);
    if (missing) {
      command.refuse({
        detail: 'Kies eerst een deelnemer.',
        fields: [{ id: `${formId}-${missing.name}`, label: missing.label }],
      });
      return;
    }
    command.run();
  }

  const { refusal, pending } = command;
  const invalid = new Set(refusal?.fields.map((f) => f.id));
  return (
    <form id={formId} className="ek-form" aria-labelledby={`${formId}-kop`} onSubmit={onSubmit} noValidate>
      <Heading level={3} id={`${formId}-kop`}>
        {form.label}
      </Heading>
      <Paragraph>{form.help}</Paragraph>
      {refusal && <ErrorSummary detail={refusal.detail} fields={refusal.fields} />}
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          field={field}
          id={`${formId}-${field.name}`}
          value={values[field.name]}
          onChange={(value) => {
            command.changed();
            setValues((v) => ({ ...v, [field.name]: value }));
          }}
          participants={participants}
          invalid={invalid.has(`${formId}-${field.name}`)}
        />
      ))}
      <div>
        <Button type="submit" aria-describedby={pending ? `${formId}-bezig` : undefined}>
          {form.label}
        </Button>
        {pending && (
          <Paragraph id={`${formId}-bezig`} size="small" role="status">
            Bezig met opslaan…
          </Paragraph>
        )}
      </div>
    </form>
  );
}
