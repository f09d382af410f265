import { Button, Link, Paragraph, SkipLink } from '@amsterdam/design-system-react';
import { useEffect, useRef, type ReactNode } from 'react';
import { NavLink, useLocation } from 'react-router-dom';
import { REPORT_ROLES, mayTake, useMe } from '../api/queries';
import type { Me } from '../api/types';
import { useAuth } from '../auth/AuthContext';

/** The menu: each entry with who it is for (a role that would only get "Geen toegang" does not see it). */
const MENU: [string, string, (me: Me | undefined) => boolean][] = [
  ['/', 'Zaken', () => true],
  ['/zaken/nieuw', 'Nieuwe aanvraag', (me) => mayTake(me, 'request')],
  ['/werkwijze', 'Werkwijze', () => true],
  ['/dashboard', 'Dashboard', (me) => !me?.role || REPORT_ROLES.includes(me.role)],
];

/** The frame of every page: skip link, header with menu and sign-out, main and footer. */
export function Layout({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const me = useMe(!!session).data;
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  // After a move to another page, keyboard and screen reader users start at its content.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  return (
    <div className="ek-page">
      <SkipLink href="#inhoud">Naar de inhoud</SkipLink>
      <header className="ek-header">
        <NavLink to="/" className="ek-brand">
          Tafel · Eigen Kracht
        </NavLink>
        {session && (
          <>
            <nav className="ek-nav" aria-label="Hoofdmenu">
              <ul>
                {MENU.filter(([, , shown]) => shown(me)).map(([to, label]) => (
                  <li key={to}>
                    <Link linkComponent={NavLink} {...{ to, end: true }}>
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="ek-inline-list">
              {(session.name ?? me?.name) && <Paragraph>Ingelogd als {session.name ?? me?.name}</Paragraph>}
              <Button variant="secondary" onClick={() => void signOut()}>
                Uitloggen
              </Button>
            </div>
          </>
        )}
      </header>
      <main id="inhoud" className="ek-main" tabIndex={-1} ref={main}>
        {children}
      </main>
      <footer className="ek-footer">
        <Paragraph size="small">Tafel – de werkplek voor Eigen Kracht-conferenties.</Paragraph>
      </footer>
    </div>
  );
}
