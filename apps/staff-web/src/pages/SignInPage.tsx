import {
  Alert,
  Button,
  Field,
  Heading,
  Label,
  Paragraph,
  PasswordInput,
} from '@amsterdam/design-system-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { ErrorSummary } from '../components/ErrorSummary';
import { Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';

function TokenForm() {
  const { signIn, start } = useAuth();
  const [token, setToken] = useState('');
  const [error, setError] = useState(false);
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setError(true);
      return;
    }
    start(signIn.keep(token.trim()));
  }
  return (
    <form className="ek-form" onSubmit={onSubmit} noValidate>
      {error && (
        <ErrorSummary
          detail="Vul uw persoonlijke code in."
          fields={[{ id: 'code', label: 'Uw persoonlijke code' }]}
        />
      )}
      <Field invalid={error}>
        <Label htmlFor="code">Uw persoonlijke code</Label>
        <Paragraph id="code-hulp" size="small">
          U kreeg deze code van de beheerder. Tafel onthoudt de code tot u dit tabblad sluit.
        </Paragraph>
        <PasswordInput
          id="code"
          aria-describedby="code-hulp"
          autoComplete="off"
          invalid={error}
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
      </Field>
      <div>
        <Button type="submit">Inloggen</Button>
      </div>
    </form>
  );
}

function OidcButton() {
  const { signIn } = useAuth();
  const [failed, setFailed] = useState(false);
  return (
    <>
      {failed && (
        <Alert severity="error" heading="Dit ging niet goed" headingLevel={2}>
          <Paragraph>De inlogdienst is niet bereikbaar. Probeer het later nog eens.</Paragraph>
        </Alert>
      )}
      <Paragraph>U logt in met het account van uw organisatie.</Paragraph>
      <Button onClick={() => signIn.redirect().catch(() => setFailed(true))}>Inloggen</Button>
    </>
  );
}

export function SignInPage() {
  usePageTitle('Inloggen');
  const { signIn, session, expired } = useAuth();
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  if (session) return <Navigate to={from} replace />;
  return (
    <div className="ek-stack">
      <Heading level={1}>Inloggen</Heading>
      {expired && (
        <Alert severity="warning" heading="Log opnieuw in" headingLevel={2}>
          <Paragraph>Uw sessie is verlopen, of de code klopt niet.</Paragraph>
        </Alert>
      )}
      {signIn.mode === 'oidc' ? <OidcButton /> : <TokenForm />}
    </div>
  );
}

/** `/aanmelden/terug`: the sign-in service sends the browser back here with a code. */
export function SignInCallbackPage() {
  usePageTitle('Bezig met inloggen');
  const { signIn, start } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const once = useRef(false);
  useEffect(() => {
    if (once.current) return;
    once.current = true;
    signIn
      .callback()
      .then((session) => {
        start(session);
        navigate('/', { replace: true });
      })
      .catch(() => setFailed(true));
  }, [signIn, start, navigate]);
  return (
    <>
      <Heading level={1}>Bezig met inloggen</Heading>
      {failed ? (
        <Alert severity="error" heading="Inloggen is niet gelukt" headingLevel={2}>
          <Paragraph>
            Probeer het opnieuw via <a href="/inloggen">Inloggen</a>.
          </Paragraph>
        </Alert>
      ) : (
        <Loading />
      )}
    </>
  );
}
