import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A command's writes in one round trip, as Emmett's `emt_append_to_stream` and Marten's
 * `mt_quick_append_events` do it: `commit_command(jsonb)` is called as one statement (its own
 * transaction, or a statement of the caller's) once the command has read and decided. It takes,
 * in this order:
 *
 * 1. the Idempotency-Key's lock without waiting (held: the first request is in flight, CL409);
 *    a key stored meanwhile (its request finished since the command read) is a lost race
 *    (CLRTY), run again to replay it;
 * 2. the stream's lock (commands on one stream queue here; none for a new stream);
 * 3. the reservation locks (doctor, room, patient, the clinic shared or alone), in the order given;
 * 4. under those locks, each statement reading what committed before it: the working hours the
 *    decision assumed must still be in force (else CLRTY), the personal-data keys the events
 *    were sealed with must still be the subjects' keys (their rows stay locked until commit, so
 *    an erasure waits; a key created or erased meanwhile is CLRTY);
 * 5. the append, only if the stream is at the expected version (else CLWEV, the actual version
 *    in the detail), through the same append-only and notify triggers; the snapshot;
 * 6. the reservation move (the exclusion constraints decide, 23P01 naming the constraint), the
 *    patient's booking limit counted after it (CLLIM), and the idempotent outcome with the
 *    position of the last event written into it.
 *
 * Any error rolls all of it back.
 */
export class CommandCommit1764800000000 implements MigrationInterface {
  name = 'CommandCommit1764800000000';

  async up(db: QueryRunner): Promise<void> {
    // The hours of a doctor in force on a local date: the latest change effective on or before
    // it, else the hours the doctor was created with. The one definition of the rule: commands,
    // availability and the read side call it (hoursInForceSql in reference-reads.ts).
    await db.query(`
      create function working_hours_in_force(doctor uuid, on_date date)
      returns jsonb language sql stable as $$
        select coalesce((select w.working_hours from doctor_working_hours w
                         where w.doctor_id = d.id and w.effective_from <= on_date
                         order by w.effective_from desc limit 1), d.working_hours)
        from doctors d where d.id = doctor
      $$`);

    await db.query(`
      create function commit_command(c jsonb) returns jsonb language plpgsql as $$
      declare
        s jsonb := c->'stream';
        stream_id uuid := (c->'stream'->>'id')::uuid;
        expected int := (c->'stream'->>'expectedVersion')::int;
        idem jsonb := c->'idempotency';
        w jsonb := c->'reservation'->'write';
        lim jsonb := c->'bookingLimit';
        l record;
        h record;
        wanted int;
        kept int;
        appended jsonb;
        last_position bigint;
        actual int;
        upcoming int;
      begin
        if idem is not null then
          if not pg_try_advisory_xact_lock(hashtextextended(idem->>'lock', 0)) then
            raise exception 'A request with this Idempotency-Key is still being processed' using errcode = 'CL409';
          end if;
          if exists (select 1 from idempotency_keys where user_id = idem->>'userId' and key = idem->>'key') then
            raise exception 'The request with this Idempotency-Key finished meanwhile' using errcode = 'CLRTY';
          end if;
        end if;

        if s->>'lock' is not null then
          perform pg_advisory_xact_lock(hashtextextended(s->>'lock', 0));
        end if;
        for l in select value->>'key' as key, (value->>'shared')::boolean as shared
                 from jsonb_array_elements(coalesce(c->'locks', '[]')) with ordinality as t(value, ord) order by ord loop
          if l.shared then perform pg_advisory_xact_lock_shared(hashtextextended(l.key, 0));
          else perform pg_advisory_xact_lock(hashtextextended(l.key, 0));
          end if;
        end loop;

        for h in select * from jsonb_to_recordset(coalesce(c->'workingHours', '[]')) as x("doctorId" uuid, "at" timestamptz, hours jsonb) loop
          if (select working_hours_in_force(d.id, (h."at" at time zone d.timezone)::date) from doctors d where d.id = h."doctorId") is distinct from h.hours then
            raise exception 'The working hours of doctor % changed while the command was decided', h."doctorId" using errcode = 'CLRTY';
          end if;
        end loop;

        wanted := jsonb_array_length(coalesce(c->'keys', '[]'));
        if wanted > 0 then
          with sealed_with as (
            select subject, decode(key, 'base64') as key from jsonb_to_recordset(c->'keys') as k(subject text, key text)
          ), in_force as (
            insert into personal_data_keys (subject_id, key)
            select subject, key from sealed_with order by subject
            on conflict (subject_id) do update set key = personal_data_keys.key
            returning subject_id, key
          )
          select count(*) into kept from sealed_with x join in_force y on y.subject_id = x.subject and y.key is not distinct from x.key;
          if kept <> wanted then
            raise exception 'A personal-data key was created or erased while the command was decided' using errcode = 'CLRTY';
          end if;
        end if;

        with e as (
          select (x.value->>'eventId')::uuid as event_id, x.value->>'type' as event_type,
                 (x.value->>'schemaVersion')::int as schema_version, x.value->'data' as data, x.ord
          from jsonb_array_elements(c->'events') with ordinality as x(value, ord)
        ), inserted as (
          insert into events (event_id, aggregate_id, aggregate_type, version, event_type, schema_version, data, metadata)
          select e.event_id, stream_id, s->>'type', expected + e.ord::int, e.event_type, e.schema_version, e.data, c->'metadata'
          from e
          where (select coalesce(max(version), 0) from events where aggregate_id = stream_id) = expected
          order by e.ord
          returning position, transaction_id, event_id, version, occurred_at
        )
        select jsonb_agg(jsonb_build_object('position', position, 'transactionId', transaction_id::text, 'eventId', event_id,
                                            'version', version, 'occurredAt', occurred_at) order by version),
               max(position)
          into appended, last_position from inserted;
        if appended is null then
          select coalesce(max(version), 0) into actual from events where aggregate_id = stream_id;
          raise exception 'Stream % was expected at version % but is at version %', stream_id, expected, actual
            using errcode = 'CLWEV', detail = actual::text;
        end if;

        if c->'snapshot' is not null then
          insert into snapshots (aggregate_id, version, schema_version, state)
          values (stream_id, (c->'snapshot'->>'version')::int, (c->'snapshot'->>'schemaVersion')::int, c->'snapshot'->'state')
          on conflict (aggregate_id, version) do nothing;
        end if;

        if c->'reservation'->>'release' is not null then
          delete from reservations where reserved_by = (c->'reservation'->>'release')::uuid;
        end if;
        if w is not null then
          insert into reservations (reserved_by, kind, doctor_id, room_id, patient_id, span, during)
          values ((w->>'id')::uuid, w->>'kind', (w->>'doctorId')::uuid, (w->>'roomId')::uuid, (w->>'patientId')::uuid,
                  tstzrange((w->>'start')::timestamptz, (w->>'end')::timestamptz, '[)'),
                  tstzrange((w->>'start')::timestamptz - make_interval(mins => (w->>'bufferBeforeMinutes')::int),
                            (w->>'end')::timestamptz + make_interval(mins => (w->>'bufferAfterMinutes')::int), '[)'))
          on conflict (reserved_by) do update
            set doctor_id = excluded.doctor_id, room_id = excluded.room_id, patient_id = excluded.patient_id,
                span = excluded.span, during = excluded.during;
        end if;

        if lim is not null then
          select count(*) into upcoming from reservations
          where patient_id = (lim->>'patientId')::uuid and kind = 'appointment' and upper(during) > (lim->>'now')::timestamptz;
          if upcoming > (lim->>'max')::int then
            raise exception 'Patient % has too many upcoming appointments', lim->>'patientId' using errcode = 'CLLIM';
          end if;
        end if;

        if idem is not null then
          insert into idempotency_keys (user_id, key, request_fingerprint, response_status, response_body)
          values (idem->>'userId', idem->>'key', idem->>'fingerprint', (idem->>'status')::int,
                  jsonb_set(idem->'body', array(select jsonb_array_elements_text(idem->'positionAt')), to_jsonb(last_position)));
        end if;

        return jsonb_build_object('events', appended);
      end
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`drop function commit_command(jsonb)`);
    await db.query(`drop function working_hours_in_force(uuid, date)`);
  }
}
