import { Alert, Link, Paragraph, UnorderedList } from '@amsterdam/design-system-react';
import { useEffect, useRef } from 'react';

export interface FieldError {
  /** The id of the input to go to. */
  id: string;
  label: string;
}

/** A refused submit: the Dutch sentence from the server and the fields to check. Gets focus. */
export function ErrorSummary({ detail, fields = [] }: { detail: string; fields?: FieldError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), [detail, fields]);
  // The API names the fields by their paths (`applicant.name`); the list below names them as the
  // form does, so the sentence stops before its own list.
  const sentence = fields.length > 0 ? detail.replace(/\s*Het gaat om: .*$/s, '') : detail;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      severity="error"
      heading="Dit ging niet goed"
      headingLevel={4}
      role="alert"
    >
      <Paragraph>{sentence}</Paragraph>
      {fields.length > 0 && (
        <UnorderedList>
          {fields.map((field) => (
            <UnorderedList.Item key={field.id}>
              <Link href={`#${field.id}`}>Controleer: {field.label}</Link>
            </UnorderedList.Item>
          ))}
        </UnorderedList>
      )}
    </Alert>
  );
}
