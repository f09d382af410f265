import { Heading, Paragraph, UnorderedList } from '@amsterdam/design-system-react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { AppLink } from '../components/AppLink';
import { keys } from '../api/queries';
import type { CaseList, CaseMessages, CaseView } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { ACTIVE_STATES, attention, type AttentionItem, type CaseDetail } from '../text/attention';

/** At most this many active cases are looked into for the attention list. */
const LOOK_INTO = 25;
/** The attention list is read again after a minute at the soonest, not on every visit of the page. */
const FRESH_FOR = 60_000;

const GROUPS = [
  ['waitingForCoordinator', 'Wacht langer dan een week op een coördinator'],
  ['notAnswered', 'Deelnemers die nog niet hebben geantwoord'],
  ['failedMessages', 'Berichten die niet zijn aangekomen'],
  ['toPhone', 'Mensen om te bellen'],
  ['conferencesSoon', 'Conferenties in de komende zeven dagen'],
] as const;

function Items({ items }: { items: AttentionItem[] }) {
  if (items.length === 0) return <Paragraph size="small">Niets.</Paragraph>;
  return (
    <UnorderedList>
      {items.map((item, i) => (
        <UnorderedList.Item key={`${item.caseId}-${i}`}>
          <AppLink to={`/zaken/${item.caseId}`}>{item.reference}</AppLink>: {item.text}
        </UnorderedList.Item>
      ))}
    </UnorderedList>
  );
}

/** "Aandacht nodig": what the coordinator or region manager should do something about today. */
export function Attention() {
  const api = useApi();
  const list = useQuery({
    queryKey: ['cases', 'attention'],
    queryFn: () => api.get<CaseList>('/v1/cases?limit=200'),
    staleTime: FRESH_FOR,
  });
  const active = (list.data?.items ?? []).filter((c) => ACTIVE_STATES.includes(c.state)).slice(0, LOOK_INTO);
  const details = useQueries({
    queries: active.map((c) => ({
      queryKey: keys.part(c.id, 'attention'),
      queryFn: async (): Promise<CaseDetail> => {
        const [view, messages] = await Promise.all([
          api.get<CaseView>(`/v1/cases/${c.id}`),
          api.get<CaseMessages>(`/v1/cases/${c.id}/messages`).catch(() => undefined),
        ]);
        return { view, messages };
      },
      staleTime: FRESH_FOR,
    })),
  });
  if (list.isPending) return <Paragraph role="status">Even geduld…</Paragraph>;
  if (list.isError) return <Paragraph>De lijst met aandachtspunten kon niet worden geladen.</Paragraph>;
  const found = attention(
    list.data.items,
    details.flatMap((d) => (d.data ? [d.data] : [])),
    new Date(),
  );
  return (
    <>
      {GROUPS.map(([key, heading]) => (
        <section key={key} aria-labelledby={`aandacht-${key}`}>
          <Heading level={3} size="level-4" id={`aandacht-${key}`}>
            {heading} ({found[key].length})
          </Heading>
          <Items items={found[key]} />
        </section>
      ))}
    </>
  );
}
