/**
 * Global order: `position` comes from a sequence, and every appending transaction takes its xid and
 * its positions together under one short session-level advisory lock, before it writes anything. So
 * among appenders, xid order equals position order. A reader only trusts rows whose xid is below
 * `pg_snapshot_xmin(pg_current_snapshot())`: all of those transactions have ended, and any event that
 * becomes visible later belongs to a transaction with a larger xid, hence a larger position. Appenders
 * stay parallel (the lock covers no I/O and is released long before commit); the price is that a long
 * write transaction anywhere in the cluster delays readAll/subscribe until it ends.
 */
export const ALLOCATION_LOCK = [0x7afe1, 1] as const;

export const SCHEMA_V1 = `
CREATE TABLE tafel_streams (
  stream text PRIMARY KEY,
  revision integer NOT NULL,
  last_hash text
);
CREATE SEQUENCE tafel_position_seq AS bigint;
CREATE TABLE tafel_events (
  position bigint PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  stream text NOT NULL,
  revision integer NOT NULL,
  event_id text NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb,
  metadata jsonb NOT NULL,
  occurred_at timestamptz,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  prev_hash text,
  hash text NOT NULL,
  UNIQUE (stream, revision)
);
CREATE FUNCTION tafel_append(p_stream text, p_expected integer, p_head_revision integer, p_head_hash text,
                             p_ids text[], p_events jsonb)
RETURNS TABLE (outcome text, next_revision integer, positions bigint[])
LANGUAGE plpgsql AS $fn$
DECLARE
  n integer := array_length(p_ids, 1);
  v_xid xid8;
  v_first bigint;
  v_rev integer;
  v_hash text;
BEGIN
  PERFORM pg_advisory_lock(${ALLOCATION_LOCK[0]}, ${ALLOCATION_LOCK[1]});
  v_xid := pg_current_xact_id();
  v_first := nextval('tafel_position_seq');
  IF n > 1 THEN PERFORM setval('tafel_position_seq', v_first + n - 1); END IF;
  PERFORM pg_advisory_unlock(${ALLOCATION_LOCK[0]}, ${ALLOCATION_LOCK[1]});

  SELECT s.revision, s.last_hash INTO v_rev, v_hash FROM tafel_streams s WHERE s.stream = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO tafel_streams AS s (stream, revision) VALUES (p_stream, -1)
      ON CONFLICT (stream) DO UPDATE SET stream = EXCLUDED.stream
      RETURNING s.revision, s.last_hash INTO v_rev, v_hash;
  END IF;

  IF EXISTS (SELECT 1 FROM tafel_events e WHERE e.event_id = ANY (p_ids)) THEN
    RETURN QUERY
      SELECT 'repeat', max(e.revision), array_agg(e.position ORDER BY x.ord)
      FROM unnest(p_ids) WITH ORDINALITY AS x(id, ord)
      JOIN tafel_events e ON e.event_id = x.id AND e.stream = p_stream
      HAVING count(*) = n;
    IF NOT FOUND THEN
      RAISE EXCEPTION USING ERRCODE = 'TF003', MESSAGE =
        array_to_string(ARRAY(SELECT e.event_id FROM tafel_events e WHERE e.event_id = ANY (p_ids)), ',');
    END IF;
    RETURN;
  END IF;
  IF p_expected IS NOT NULL AND v_rev <> p_expected THEN
    RAISE EXCEPTION USING ERRCODE = 'TF001', MESSAGE = v_rev::text;
  END IF;
  IF v_rev <> p_head_revision OR v_hash IS DISTINCT FROM p_head_hash THEN
    RAISE EXCEPTION USING ERRCODE = 'TF002', MESSAGE = json_build_object('revision', v_rev, 'hash', v_hash)::text;
  END IF;

  INSERT INTO tafel_events (position, transaction_id, stream, revision, event_id, type, schema_version,
                            data, metadata, occurred_at, prev_hash, hash)
    SELECT v_first + x.ord - 1, v_xid, p_stream, v_rev + x.ord, p_ids[x.ord], x.e->>'t', (x.e->>'v')::integer,
           x.e->'d', x.e->'m', (x.e->>'o')::timestamptz, x.e->>'p', x.e->>'h'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, ord);
  UPDATE tafel_streams SET revision = v_rev + n, last_hash = p_events->(n - 1)->>'h' WHERE stream = p_stream;
  RETURN QUERY SELECT 'appended', v_rev + n, ARRAY(SELECT generate_series(v_first, v_first + n - 1));
END
$fn$;
`;
