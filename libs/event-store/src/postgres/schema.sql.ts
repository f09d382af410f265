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

/** Class of the per-stream transaction-level advisory locks (the second key is `hashtext(stream)`). */
export const STREAM_LOCK_CLASS = 0x7afe2;

/**
 * Group commit: `tafel_append_batch` writes many appends in one transaction, each checked against its
 * own expected revision and head; a refused one writes nothing and does not fail the others. Rows:
 * `n` (the append's place in the call, 1-based) and its `outcome`:
 * - `appended`: `at_revision` is the new head revision, `first_position` the first of its consecutive positions;
 * - `repeat`: every id is already stored in this stream: `at_revision`, `known_positions` of the first result;
 * - `duplicate`: some ids are stored, not as this append: `known_ids`;
 * - `conflict`: the expected revision is not the stream's: `at_revision` is the actual one;
 * - `stale`: the caller hashed onto another head than the stream's: `at_revision`/`at_hash` are the real one.
 *
 * Less work per append than V1: the head is the stream's last event (the `(stream, revision)` index),
 * not a row of its own to lock and update; appends to one stream are serialised by a transaction-level
 * advisory lock on the stream (taken in key order, so batches never wait on each other in a circle);
 * and the event ids are looked up only for an append already refused or when `p_check_ids` is set. A
 * known id otherwise fails the insert on the unique index, and the caller sends the batch again with
 * `p_check_ids`. One allocation (lock, xid, positions) serves the whole batch.
 *
 * `tafel_append_one` is the same for a single append (same rules, same outcome row), cheaper per call.
 *
 * The appends of one call must name distinct streams. `p_events` holds one array of event objects per
 * append, `p_ids` all their ids in order, `p_counts` how many each append has.
 */
export const SCHEMA_V2 = `
CREATE FUNCTION tafel_append_batch(p_streams text[], p_expected integer[], p_head_revisions integer[],
                                   p_head_hashes text[], p_counts integer[], p_ids text[], p_events jsonb,
                                   p_check_ids boolean)
RETURNS TABLE (n integer, outcome text, at_revision integer, at_hash text, first_position bigint,
               known_positions bigint[], known_ids text[])
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
  v_rev integer[];
  v_hash text[];
  v_outcome text[];
  v_offset integer[];
  v_total integer;
  v_refused boolean;
  v_first bigint;
  v_xid xid8;
  r record;
BEGIN
  PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, k)
    FROM (SELECT DISTINCT hashtext(s) AS k FROM unnest(p_streams) s ORDER BY 1) l;

  SELECT array_agg(b.rev ORDER BY b.i), array_agg(b.hash ORDER BY b.i), array_agg(b.o ORDER BY b.i),
         array_agg(b.off ORDER BY b.i), coalesce(sum(b.c) FILTER (WHERE b.o IS NULL), 0), bool_or(b.o IS NOT NULL)
    INTO v_rev, v_hash, v_outcome, v_offset, v_total, v_refused
    FROM (SELECT a.i, a.c, a.off, coalesce(h.revision, -1) AS rev, h.hash,
                 CASE WHEN a.x IS NOT NULL AND coalesce(h.revision, -1) <> a.x THEN 'conflict'
                      WHEN coalesce(h.revision, -1) <> a.hr OR h.hash IS DISTINCT FROM a.hh THEN 'stale'
                 END AS o
          FROM (SELECT u.*, (sum(u.c) OVER (ORDER BY u.i) - u.c)::integer AS off
                FROM unnest(p_streams, p_expected, p_head_revisions, p_head_hashes, p_counts)
                     WITH ORDINALITY AS u(s, x, hr, hh, c, i)) a
          LEFT JOIN LATERAL (SELECT e.revision, e.hash FROM tafel_events e WHERE e.stream = a.s
                             ORDER BY e.revision DESC LIMIT 1) h ON true) b;

  IF p_check_ids OR v_refused THEN FOR r IN
    SELECT a.i, a.c, count(*) FILTER (WHERE e.stream = p_streams[a.i]) AS mine,
           max(e.revision) AS last, array_agg(e.position ORDER BY k.k) AS positions,
           array_agg(e.event_id ORDER BY k.k) AS ids
    FROM unnest(p_counts, v_offset, v_outcome) WITH ORDINALITY AS a(c, off, o, i)
    CROSS JOIN generate_series(1, a.c) AS k(k)
    JOIN tafel_events e ON e.event_id = p_ids[a.off + k.k]
    WHERE p_check_ids OR a.o IS NOT NULL
    GROUP BY a.i, a.c
  LOOP
    n := r.i; outcome := CASE WHEN r.mine = r.c THEN 'repeat' ELSE 'duplicate' END; at_revision := r.last; at_hash := NULL; first_position := NULL;
    known_positions := CASE WHEN r.mine = r.c THEN r.positions END;
    known_ids := CASE WHEN r.mine = r.c THEN NULL ELSE r.ids END;
    IF v_outcome[r.i] IS NULL THEN v_total := v_total - r.c; END IF;
    v_outcome[r.i] := CASE WHEN r.mine = r.c THEN 'repeat' ELSE 'duplicate' END;
    RETURN NEXT;
  END LOOP; END IF;

  IF v_total > 0 THEN
    PERFORM pg_advisory_lock(${ALLOCATION_LOCK[0]}, ${ALLOCATION_LOCK[1]});
    v_xid := pg_current_xact_id();
    IF v_total = 1 THEN
      v_first := nextval('tafel_position_seq');
    ELSIF v_total <= 64 THEN
      -- nextval logs the sequence once per 32 values; setval would log it every time
      SELECT min(v) INTO v_first FROM (SELECT nextval('tafel_position_seq') AS v
                                       FROM generate_series(1, v_total)) q;
    ELSE
      v_first := nextval('tafel_position_seq');
      PERFORM setval('tafel_position_seq', v_first + v_total - 1);
    END IF;
    PERFORM pg_advisory_unlock(${ALLOCATION_LOCK[0]}, ${ALLOCATION_LOCK[1]});

    INSERT INTO tafel_events (position, transaction_id, stream, revision, event_id, type, schema_version,
                              data, metadata, occurred_at, prev_hash, hash)
      SELECT v_first + w.woff + x.k - 1, v_xid, p_streams[w.i], v_rev[w.i] + x.k::integer,
             p_ids[v_offset[w.i] + x.k], x.e->>'t', (x.e->>'v')::integer, x.e->'d', x.e->'m',
             (x.e->>'o')::timestamptz, x.e->>'p', x.e->>'h'
      FROM (SELECT a.i, sum(a.c) OVER (ORDER BY a.i) - a.c AS woff
            FROM unnest(p_counts, v_outcome) WITH ORDINALITY AS a(c, o, i) WHERE a.o IS NULL) w
      CROSS JOIN LATERAL jsonb_array_elements(p_events->(w.i::integer - 1)) WITH ORDINALITY AS x(e, k);
  END IF;

  RETURN QUERY
    SELECT w.i::integer, coalesce(w.o, 'appended'),
           CASE WHEN w.o IS NULL THEN v_rev[w.i] + w.c ELSE v_rev[w.i] END,
           CASE WHEN w.o = 'stale' THEN v_hash[w.i] END,
           CASE WHEN w.o IS NULL THEN v_first + w.woff END,
           NULL::bigint[], NULL::text[]
    FROM (SELECT a.i, a.c, a.o, sum(a.c) FILTER (WHERE a.o IS NULL) OVER (ORDER BY a.i)
                 - CASE WHEN a.o IS NULL THEN a.c ELSE 0 END AS woff
          FROM unnest(p_counts, v_outcome) WITH ORDINALITY AS a(c, o, i)) w
    WHERE w.o IS NULL OR w.o IN ('conflict', 'stale');
END
$fn$;

-- One append alone (the common case when appends come one at a time): the batch's rules and outcome
-- row, without its set-based bookkeeping.
CREATE FUNCTION tafel_append_one(p_stream text, p_expected integer, p_head_revision integer, p_head_hash text,
                                 p_ids text[], p_events jsonb, p_check_ids boolean,
                                 OUT n integer, OUT outcome text, OUT at_revision integer, OUT at_hash text,
                                 OUT first_position bigint, OUT known_positions bigint[], OUT known_ids text[])
LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
DECLARE
  c integer := cardinality(p_ids);
  v_rev integer;
  v_hash text;
  v_known integer;
  v_mine integer;
  v_last integer;
  v_positions bigint[];
  v_found text[];
  v_xid xid8;
BEGIN
  n := 1;
  PERFORM pg_advisory_xact_lock(${STREAM_LOCK_CLASS}, hashtext(p_stream));
  SELECT e.revision, e.hash INTO v_rev, v_hash FROM tafel_events e WHERE e.stream = p_stream
    ORDER BY e.revision DESC LIMIT 1;
  IF v_rev IS NULL THEN v_rev := -1; END IF;
  at_revision := v_rev;
  IF p_expected IS NOT NULL AND v_rev <> p_expected THEN
    outcome := 'conflict';
  ELSIF v_rev <> p_head_revision OR v_hash IS DISTINCT FROM p_head_hash THEN
    outcome := 'stale';
    at_hash := v_hash;
  END IF;
  IF p_check_ids OR outcome IS NOT NULL THEN
    SELECT count(*), count(*) FILTER (WHERE e.stream = p_stream), max(e.revision),
           array_agg(e.position ORDER BY x.k), array_agg(e.event_id ORDER BY x.k)
      INTO v_known, v_mine, v_last, v_positions, v_found
      FROM unnest(p_ids) WITH ORDINALITY AS x(id, k) JOIN tafel_events e ON e.event_id = x.id;
    IF v_known > 0 THEN
      at_hash := NULL;
      IF v_mine = c THEN
        outcome := 'repeat'; at_revision := v_last; known_positions := v_positions;
      ELSE
        outcome := 'duplicate'; known_ids := v_found;
      END IF;
    END IF;
  END IF;
  IF outcome IS NOT NULL THEN RETURN; END IF;

  PERFORM pg_advisory_lock(${ALLOCATION_LOCK[0]}, ${ALLOCATION_LOCK[1]});
  v_xid := pg_current_xact_id();
  IF c = 1 THEN
    first_position := nextval('tafel_position_seq');
  ELSIF c <= 64 THEN
    SELECT min(v) INTO first_position FROM (SELECT nextval('tafel_position_seq') AS v
                                            FROM generate_series(1, c)) q;
  ELSE
    first_position := nextval('tafel_position_seq');
    PERFORM setval('tafel_position_seq', first_position + c - 1);
  END IF;
  PERFORM pg_advisory_unlock(${ALLOCATION_LOCK[0]}, ${ALLOCATION_LOCK[1]});

  INSERT INTO tafel_events (position, transaction_id, stream, revision, event_id, type, schema_version,
                            data, metadata, occurred_at, prev_hash, hash)
    SELECT first_position + x.k - 1, v_xid, p_stream, v_rev + x.k::integer, p_ids[x.k], x.e->>'t',
           (x.e->>'v')::integer, x.e->'d', x.e->'m', (x.e->>'o')::timestamptz, x.e->>'p', x.e->>'h'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS x(e, k);
  outcome := 'appended';
  at_revision := v_rev + c;
END
$fn$;

-- The head is now the stream's last event; a view keeps the old name readable.
DROP TABLE tafel_streams;
CREATE VIEW tafel_streams AS
  SELECT DISTINCT ON (stream) stream, revision, hash AS last_hash FROM tafel_events ORDER BY stream, revision DESC;

-- V1's single append, kept with its signature and errors (older processes, tools): one call of the batch.
CREATE OR REPLACE FUNCTION tafel_append(p_stream text, p_expected integer, p_head_revision integer,
                                        p_head_hash text, p_ids text[], p_events jsonb)
RETURNS TABLE (outcome text, next_revision integer, positions bigint[])
LANGUAGE plpgsql AS $fn$
DECLARE
  r record;
  c integer := cardinality(p_ids);
BEGIN
  SELECT * INTO r FROM tafel_append_batch(ARRAY[p_stream], ARRAY[p_expected], ARRAY[p_head_revision],
    ARRAY[p_head_hash], ARRAY[c], p_ids, jsonb_build_array(p_events), true) b;
  IF r.outcome = 'appended' THEN
    RETURN QUERY SELECT 'appended', r.at_revision, ARRAY(SELECT generate_series(r.first_position, r.first_position + c - 1));
  ELSIF r.outcome = 'repeat' THEN
    RETURN QUERY SELECT 'repeat', r.at_revision, r.known_positions;
  ELSIF r.outcome = 'conflict' THEN
    RAISE EXCEPTION USING ERRCODE = 'TF001', MESSAGE = r.at_revision::text;
  ELSIF r.outcome = 'stale' THEN
    RAISE EXCEPTION USING ERRCODE = 'TF002', MESSAGE = json_build_object('revision', r.at_revision, 'hash', r.at_hash)::text;
  ELSE
    RAISE EXCEPTION USING ERRCODE = 'TF003', MESSAGE = array_to_string(r.known_ids, ',');
  END IF;
END
$fn$;
`;
