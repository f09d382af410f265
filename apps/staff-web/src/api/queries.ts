import { useQuery } from '@tanstack/react-query';
import { useApi } from '../auth/AuthContext';
import type { CaseView, Me } from './types';

/** Query keys: everything about one case starts with ['case', id], so one invalidation refreshes it all. */
export const keys = {
  case: (id: string) => ['case', id] as const,
  part: (id: string, part: string, ...rest: unknown[]) => ['case', id, part, ...rest] as const,
};

export function useCase(id: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.case(id), queryFn: () => api.get<CaseView>(`/v1/cases/${id}`) });
}

/** Who is signed in (it does not change during a session); asked only once signed in. */
export function useMe(signedIn = true) {
  const api = useApi();
  return useQuery({
    queryKey: ['me'],
    queryFn: () => api.get<Me>('/v1/me'),
    staleTime: Infinity,
    enabled: signedIn,
  });
}

/** The roles that may read the flow report (API.md "Reports"). */
export const REPORT_ROLES = ['admin', 'region-manager', 'researcher'];

/**
 * Whether the signed-in role may take `step` at all; `true` while that is not known yet (or the API
 * does not say), so nothing is hidden by mistake: the API still refuses what the role may not do.
 */
export const mayTake = (me: Me | undefined, step: string): boolean =>
  !Array.isArray(me?.steps) || me.steps.includes(step);
