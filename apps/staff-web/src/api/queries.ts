import { useQuery } from '@tanstack/react-query';
import { useApi } from '../auth/AuthContext';
import type { CaseView } from './types';

/** Query keys: everything about one case starts with ['case', id], so one invalidation refreshes it all. */
export const keys = {
  case: (id: string) => ['case', id] as const,
  part: (id: string, part: string, ...rest: unknown[]) => ['case', id, part, ...rest] as const,
};

export function useCase(id: string) {
  const api = useApi();
  return useQuery({ queryKey: keys.case(id), queryFn: () => api.get<CaseView>(`/v1/cases/${id}`) });
}
