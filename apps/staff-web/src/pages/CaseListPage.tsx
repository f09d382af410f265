import {
  Button,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Table,
  TextInput,
} from '@amsterdam/design-system-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { AppLink } from '../components/AppLink';
import { mayTake, useMe } from '../api/queries';
import type { CaseList } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { LoadError, Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';
import { KIND, STATE, formatDate, say } from '../text/nl';
import { Attention } from './Attention';

const FILTERS = ['state', 'region', 'kind', 'coordinatorId'] as const;

function Filters() {
  const [params, setParams] = useSearchParams();
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTERS) {
      const value = String(form.get(name) ?? '').trim();
      if (value) next.set(name, value);
    }
    setParams(next);
  }
  return (
    <form className="ek-filters" onSubmit={onSubmit} aria-label="Filters">
      <Field>
        <Label htmlFor="filter-state">Status</Label>
        <Select id="filter-state" name="state" defaultValue={params.get('state') ?? ''}>
          <Select.Option value="">Alle</Select.Option>
          {Object.entries(STATE).map(([code, label]) => (
            <Select.Option key={code} value={code}>
              {label}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="filter-region">Regio</Label>
        <TextInput id="filter-region" name="region" defaultValue={params.get('region') ?? ''} />
      </Field>
      <Field>
        <Label htmlFor="filter-kind">Soort</Label>
        <Select id="filter-kind" name="kind" defaultValue={params.get('kind') ?? ''}>
          <Select.Option value="">Alle</Select.Option>
          <Select.Option value="group">Groep</Select.Option>
          <Select.Option value="family">Familie</Select.Option>
        </Select>
      </Field>
      <Field>
        <Label htmlFor="filter-coordinator">Coördinator (code)</Label>
        <TextInput
          id="filter-coordinator"
          name="coordinatorId"
          defaultValue={params.get('coordinatorId') ?? ''}
        />
      </Field>
      <Button type="submit" variant="secondary">
        Filteren
      </Button>
    </form>
  );
}

export function CaseListPage() {
  usePageTitle('Zaken');
  const api = useApi();
  const me = useMe().data;
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [search, setSearch] = useState('');
  const [notFound, setNotFound] = useState(false);
  const filter = new URLSearchParams();
  for (const name of FILTERS) if (params.get(name)) filter.set(name, params.get(name)!);

  const cases = useInfiniteQuery({
    queryKey: ['cases', filter.toString()],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(filter);
      query.set('limit', '50');
      if (pageParam) query.set('cursor', pageParam);
      return api.get<CaseList>(`/v1/cases?${query}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
  if (cases.isError) return <LoadError error={cases.error} heading="Zaken" />;

  const items = cases.data?.pages.flatMap((p) => p.items) ?? [];
  const wanted = search.trim().toLowerCase();
  const shown = wanted ? items.filter((c) => c.reference.toLowerCase().includes(wanted)) : items;

  function onSearch(event: FormEvent) {
    event.preventDefault();
    const exact = items.find((c) => c.reference.toLowerCase() === wanted);
    if (exact) navigate(`/zaken/${exact.id}`);
    else setNotFound(shown.length === 0);
  }

  return (
    <>
      <Heading level={1}>Zaken</Heading>
      <Paragraph>U ziet de zaken die u mag zien. Bent u coördinator? Dan zijn dat uw eigen zaken.</Paragraph>
      {mayTake(me, 'request') && (
        <Paragraph>
          <AppLink to="/zaken/nieuw">Nieuwe aanvraag</AppLink>
        </Paragraph>
      )}
      <section className="ek-section" aria-labelledby="aandacht">
        <Heading level={2} id="aandacht">
          Aandacht nodig
        </Heading>
        <Attention />
      </section>
      <section className="ek-section ek-stack" aria-labelledby="alle-zaken">
        <Heading level={2} id="alle-zaken">
          Alle zaken
        </Heading>
        <Filters />
        <form className="ek-filters" role="search" onSubmit={onSearch}>
          <Field>
            <Label htmlFor="zoek">Zoek op kenmerk</Label>
            <Paragraph id="zoek-hulp" size="small">
              Bijvoorbeeld EK-4F2A91C0. Tafel zoekt in de zaken hieronder.
            </Paragraph>
            <TextInput
              id="zoek"
              aria-describedby="zoek-hulp"
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                setNotFound(false);
              }}
            />
          </Field>
          <Button type="submit" variant="secondary">
            Zoeken
          </Button>
        </form>
        {notFound && <Paragraph role="status">Geen zaak gevonden met dit kenmerk.</Paragraph>}
        {cases.isPending ? (
          <Loading />
        ) : (
          <div className="ek-table-wrap">
            <Table>
              <Table.Caption>Zaken</Table.Caption>
              <Table.Header>
                <Table.Row>
                  <Table.HeaderCell scope="col">Kenmerk</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Status</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Soort</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Regio</Table.HeaderCell>
                  <Table.HeaderCell scope="col">Aangevraagd</Table.HeaderCell>
                </Table.Row>
              </Table.Header>
              <Table.Body>
                {shown.map((c) => (
                  <Table.Row key={c.id}>
                    <Table.HeaderCell scope="row">
                      <AppLink to={`/zaken/${c.id}`}>{c.reference}</AppLink>
                    </Table.HeaderCell>
                    <Table.Cell>{say(STATE, c.state)}</Table.Cell>
                    <Table.Cell>{say(KIND, c.kind)}</Table.Cell>
                    <Table.Cell>{c.region}</Table.Cell>
                    <Table.Cell>{formatDate(c.requestedAt)}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            {shown.length === 0 && <Paragraph>Er zijn geen zaken die hierbij passen.</Paragraph>}
          </div>
        )}
        {cases.hasNextPage && (
          <Button variant="secondary" onClick={() => void cases.fetchNextPage()}>
            Meer zaken laden
          </Button>
        )}
      </section>
    </>
  );
}
