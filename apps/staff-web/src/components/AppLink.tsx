import { Link } from '@amsterdam/design-system-react';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router-dom';

/** A link inside the app: the design system's look, the router's navigation. */
export function AppLink({
  to,
  children,
  className,
}: {
  to: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Link linkComponent={RouterLink} className={className} {...{ to }}>
      {children}
    </Link>
  );
}
