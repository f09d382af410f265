import { useEffect } from 'react';

/** The browser tab says which page this is. */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Tafel`;
  }, [title]);
}
