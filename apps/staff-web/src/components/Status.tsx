import { Alert, Heading, Paragraph } from '@amsterdam/design-system-react';
import { AppLink } from './AppLink';
import { isApiError } from '../api/problem';
import { usePageTitle } from './usePageTitle';

export function StatusPage({ heading, text }: { heading: string; text: string }) {
  usePageTitle(heading);
  return (
    <>
      <Heading level={1}>{heading}</Heading>
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <AppLink to="/">Naar de zaken</AppLink>
      </Paragraph>
    </>
  );
}

export const NoAccess = () => (
  <StatusPage
    heading="Geen toegang"
    text="U mag deze pagina niet bekijken. Denkt u dat dit niet klopt? Vraag het uw regiomanager."
  />
);

export const NotFound = () => (
  <StatusPage heading="Niet gevonden" text="Deze pagina of zaak bestaat niet (meer). Controleer het adres." />
);

/** What a failed read shows: its own page for 403 and 404, otherwise the Dutch sentence in an alert. */
export function LoadError({ error, heading }: { error: unknown; heading?: string }) {
  if (isApiError(error, 403)) return <NoAccess />;
  if (isApiError(error, 404)) return <NotFound />;
  const detail = isApiError(error)
    ? error.problem.detail
    : 'Er is geen verbinding met Tafel. Probeer het later nog eens.';
  return (
    <>
      {heading && <Heading level={1}>{heading}</Heading>}
      <Alert severity="error" heading="Dit ging niet goed" headingLevel={2}>
        <Paragraph>{detail}</Paragraph>
      </Alert>
    </>
  );
}

export const Loading = () => <Paragraph role="status">Even geduld, de gegevens worden geladen…</Paragraph>;
