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
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      severity="error"
      heading="Dit ging niet goed"
      headingLevel={4}
      role="alert"
    >
      <Paragraph>{detail}</Paragraph>
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
