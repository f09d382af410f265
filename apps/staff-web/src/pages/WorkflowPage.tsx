import { Heading, Paragraph, Table } from '@amsterdam/design-system-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { WorkflowDescription } from '../api/types';
import { useApi } from '../auth/AuthContext';
import { LoadError, Loading } from '../components/Status';
import { usePageTitle } from '../components/usePageTitle';
import { STATE, say } from '../text/nl';
import { dutchDiagram, stepName } from '../text/workflow';
import { Section } from './CaseSections';
import { mountSvg, withoutInlineStyles } from './diagram';

/** The diagram, drawn by mermaid; mermaid is loaded only on this page. */
function Diagram({ text }: { text: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let unmount: (() => void) | undefined;
    let live = true;
    import('mermaid')
      .then(async ({ default: mermaid }) => {
        // Labels as SVG text, not HTML in a foreignObject: no inline styles there either.
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          htmlLabels: false,
          flowchart: { htmlLabels: false },
          theme: 'base',
          themeVariables: {
            fontFamily: 'system-ui, Arial, sans-serif',
            primaryColor: '#e3f0ed',
            primaryBorderColor: '#0b5d55',
            primaryTextColor: '#1f2a28',
            lineColor: '#1f2a28',
          },
        });
        const css: string[] = [];
        const { svg } = await withoutInlineStyles(() => mermaid.render('werkwijze-diagram', text), css);
        if (live && host.current) unmount = mountSvg(host.current, svg, css);
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      unmount?.();
    };
  }, [text]);
  if (failed)
    return <Paragraph>Het schema kon niet worden getekend. De tabel hieronder zegt hetzelfde.</Paragraph>;
  return (
    <figure className="ek-diagram" aria-label="Schema van de werkwijze">
      <div ref={host} aria-hidden="true" />
      <figcaption>
        <Paragraph size="small">Het schema staat hieronder ook als tabel.</Paragraph>
      </figcaption>
    </figure>
  );
}

export function WorkflowPage() {
  usePageTitle('Werkwijze');
  const api = useApi();
  const query = useQuery({
    queryKey: ['workflow'],
    queryFn: () => api.get<WorkflowDescription>('/v1/workflow'),
    staleTime: Infinity,
  });
  if (query.isPending) return <Loading />;
  if (query.isError) return <LoadError error={query.error} heading="Werkwijze" />;
  const w = query.data;
  return (
    <>
      <Heading level={1}>Werkwijze</Heading>
      <Paragraph>
        Zo loopt een zaak door Tafel, van aanvraag tot het einde. Elke pijl is een stap die u kunt zetten.
      </Paragraph>
      <Section id="schema" heading="Schema">
        <Diagram text={dutchDiagram(w.mermaid, w.states)} />
      </Section>
      <Section id="stappen-tabel" heading="Alle stappen">
        <div className="ek-table-wrap">
          <Table>
            <Table.Caption>Welke stap brengt een zaak waarheen (werkwijze versie {w.version})</Table.Caption>
            <Table.Header>
              <Table.Row>
                <Table.HeaderCell scope="col">Van</Table.HeaderCell>
                <Table.HeaderCell scope="col">Stap</Table.HeaderCell>
                <Table.HeaderCell scope="col">Naar</Table.HeaderCell>
              </Table.Row>
            </Table.Header>
            <Table.Body>
              {w.transitions.map((t, i) => (
                <Table.Row key={i}>
                  <Table.HeaderCell scope="row">{say(STATE, t.from)}</Table.HeaderCell>
                  <Table.Cell>{stepName(t.step)}</Table.Cell>
                  <Table.Cell>{say(STATE, t.to)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </Section>
    </>
  );
}
