import {
  Button,
  Checkbox,
  DateInput,
  Field as AmsField,
  FieldSet,
  Label,
  Paragraph,
  Radio,
  Select,
  TextArea,
  TextInput,
} from '@amsterdam/design-system-react';
import type { Participant } from '../api/types';
import type { AgreementValue, Field } from './steps';

interface Props {
  field: Field;
  /** The input's id; its help text is `<id>-hulp`. */
  id: string;
  value: unknown;
  onChange: (value: unknown) => void;
  participants: Participant[];
  invalid: boolean;
}

function Help({ id, field }: { id: string; field: Field }) {
  const text = [field.help, field.optional ? 'Niet verplicht.' : ''].filter(Boolean).join(' ');
  return text ? (
    <Paragraph id={`${id}-hulp`} size="small">
      {text}
    </Paragraph>
  ) : null;
}

const describedBy = (field: Field, id: string) => (field.help || field.optional ? `${id}-hulp` : undefined);

function Choices({
  id,
  legend,
  participants,
  chosen,
  onChange,
}: {
  id: string;
  legend: string;
  participants: Participant[];
  chosen: string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <FieldSet id={id} legend={legend}>
      {participants.map((p) => (
        <Checkbox
          key={p.id}
          checked={chosen.includes(p.id)}
          onChange={(e) => onChange(e.target.checked ? [...chosen, p.id] : chosen.filter((x) => x !== p.id))}
        >
          {p.name}
        </Checkbox>
      ))}
    </FieldSet>
  );
}

function Agreements({ id, value, onChange, participants }: Omit<Props, 'field' | 'invalid'>) {
  const agreements = value as AgreementValue[];
  const change = (index: number, patch: Partial<AgreementValue>) =>
    onChange(agreements.map((a, i) => (i === index ? { ...a, ...patch } : a)));
  return (
    <>
      {agreements.map((agreement, index) => {
        const base = `${id}-${index}`;
        return (
          <FieldSet key={index} legend={`Afspraak ${index + 1}`}>
            <AmsField>
              <Label htmlFor={`${base}-action`}>Wat gaat er gebeuren?</Label>
              <TextArea
                id={`${base}-action`}
                rows={2}
                value={agreement.action}
                onChange={(e) => change(index, { action: e.target.value })}
              />
            </AmsField>
            <Choices
              id={`${base}-ownerIds`}
              legend="Wie doet het?"
              participants={participants}
              chosen={agreement.ownerIds}
              onChange={(ownerIds) => change(index, { ownerIds })}
            />
            <AmsField>
              <Label htmlFor={`${base}-where`}>Waar?</Label>
              <Paragraph id={`${base}-where-hulp`} size="small">
                Niet verplicht.
              </Paragraph>
              <TextInput
                id={`${base}-where`}
                aria-describedby={`${base}-where-hulp`}
                value={agreement.where}
                onChange={(e) => change(index, { where: e.target.value })}
              />
            </AmsField>
            <AmsField>
              <Label htmlFor={`${base}-when`}>Wanneer?</Label>
              <TextInput
                id={`${base}-when`}
                value={agreement.when}
                onChange={(e) => change(index, { when: e.target.value })}
              />
            </AmsField>
          </FieldSet>
        );
      })}
      <Button
        type="button"
        variant="secondary"
        onClick={() => onChange([...agreements, { action: '', where: '', when: '', ownerIds: [] }])}
      >
        Afspraak toevoegen
      </Button>
    </>
  );
}

/** One input of a step form, from the design system, with its label and help text tied to it. */
export function FieldInput({ field, id, value, onChange, participants, invalid }: Props) {
  const text = String(value ?? '');
  const common = { id, invalid, 'aria-describedby': describedBy(field, id) };
  switch (field.kind) {
    case 'checkbox':
      return (
        <AmsField invalid={invalid}>
          <Help id={id} field={field} />
          <Checkbox {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)}>
            {field.label}
          </Checkbox>
        </AmsField>
      );
    case 'radio':
      return (
        <FieldSet id={id} legend={field.label} invalid={invalid} aria-describedby={describedBy(field, id)}>
          <Help id={id} field={field} />
          {Object.entries(field.options).map(([code, label]) => (
            <Radio key={code} name={id} value={code} checked={text === code} onChange={() => onChange(code)}>
              {label}
            </Radio>
          ))}
        </FieldSet>
      );
    case 'attendees':
      return (
        <Choices
          id={id}
          legend={field.label}
          participants={participants}
          chosen={value as string[]}
          onChange={onChange}
        />
      );
    case 'agreements':
      return <Agreements id={id} value={value} onChange={onChange} participants={participants} />;
    default:
      break;
  }
  let input;
  if (field.kind === 'textarea' || field.kind === 'lines')
    input = (
      <TextArea
        {...common}
        rows={field.kind === 'lines' ? 4 : 3}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  else if (field.kind === 'datetime')
    input = (
      <DateInput {...common} type="datetime-local" value={text} onChange={(e) => onChange(e.target.value)} />
    );
  else if (field.kind === 'select' || field.kind === 'participant') {
    const options =
      field.kind === 'participant'
        ? Object.fromEntries(participants.map((p) => [p.id, p.name]))
        : field.options;
    input = (
      <Select {...common} value={text} onChange={(e) => onChange(e.target.value)}>
        <Select.Option value="">Kies…</Select.Option>
        {Object.entries(options).map(([code, label]) => (
          <Select.Option key={code} value={code}>
            {label}
          </Select.Option>
        ))}
      </Select>
    );
  } else
    input = (
      <TextInput
        {...common}
        type={field.kind === 'email' || field.kind === 'tel' ? field.kind : 'text'}
        autoComplete="off"
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  return (
    <AmsField invalid={invalid}>
      <Label htmlFor={id}>{field.label}</Label>
      <Help id={id} field={field} />
      {input}
    </AmsField>
  );
}
