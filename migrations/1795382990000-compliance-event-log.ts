import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The gate's decision log and hot-path functions, written by hand: TypeORM cannot express partitioning,
 * INCLUDE indexes, triggers or functions.
 *
 * - `compliance_event_log`: partitioned by month on `created_at`, primary key (audit_id, created_at),
 *   indexes for (tenant, time) and (tenant, account, time) only — every index is paid on every check.
 *   No default partition: a missing partition fails the insert and the gate fails closed.
 * - Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (SPEC A4).
 * - `ensure_event_log_partitions(back, ahead)`: creates the monthly partitions (the daily job keeps three
 *   months ahead; SPEC decided detail 16). Old partitions are never dropped by it.
 * - `contact_attempt_history`: the covering index that makes the history read an index-only scan.
 * - `gate_read` / `gate_write`: the two round trips of a check (see GateService).
 */
export class ComplianceEventLog1795382990000 implements MigrationInterface {
  name = 'ComplianceEventLog1795382990000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE compliance_event_log (
        audit_id varchar(40) NOT NULL,
        created_at timestamptz NOT NULL,
        tenant_id uuid NOT NULL,
        account_id varchar(64) NOT NULL,
        channel varchar(8) NOT NULL,
        dial_mode varchar(12),
        agent_id varchar(64),
        phone_number varchar(20),
        allowed boolean NOT NULL,
        would_block boolean NOT NULL,
        mode varchar(8) NOT NULL,
        rule_ids text[] NOT NULL,
        statutes text[] NOT NULL,
        findings jsonb NOT NULL,
        facts jsonb,
        next_allowed_at timestamptz,
        expires_at timestamptz NOT NULL,
        latency_ms real NOT NULL,
        source varchar(8) NOT NULL,
        principal_id varchar(64),
        is_test boolean NOT NULL DEFAULT false,
        CONSTRAINT compliance_event_log_pk PRIMARY KEY (audit_id, created_at)
      ) PARTITION BY RANGE (created_at)`);
    await queryRunner.query(
      `CREATE INDEX compliance_event_log_tenant_time ON compliance_event_log (tenant_id, created_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX compliance_event_log_tenant_account_time ON compliance_event_log (tenant_id, account_id, created_at)`,
    );

    await queryRunner.query(`
      CREATE FUNCTION ensure_event_log_partitions(months_back int, months_ahead int) RETURNS int
      LANGUAGE plpgsql AS $$
      DECLARE
        month_start timestamp;
        partition_name text;
        created int := 0;
      BEGIN
        FOR i IN -months_back..months_ahead LOOP
          month_start := date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => i);
          partition_name := 'compliance_event_log_' || to_char(month_start, 'YYYY_MM');
          IF to_regclass(partition_name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF compliance_event_log FOR VALUES FROM (%L) TO (%L)',
              partition_name, month_start AT TIME ZONE 'UTC', (month_start + interval '1 month') AT TIME ZONE 'UTC');
            created := created + 1;
          END IF;
        END LOOP;
        RETURN created;
      END $$`);
    await queryRunner.query(`SELECT ensure_event_log_partitions(1, 3)`);

    await queryRunner.query(`
      CREATE FUNCTION refuse_event_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'compliance_event_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER compliance_event_log_append_only BEFORE UPDATE OR DELETE ON compliance_event_log FOR EACH ROW EXECUTE FUNCTION refuse_event_log_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER compliance_event_log_no_truncate BEFORE TRUNCATE ON compliance_event_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_event_log_change()`,
    );

    await queryRunner.query(
      `CREATE INDEX contact_attempt_history ON contact_attempt (tenant_id, account_id, at) INCLUDE (channel, outcome, counted)`,
    );

    // Round trip 1 (after the advisory lock, in its own statement): the account's facts, its history since
    // p_since, and whether the number or email about to be used is on the suppression list.
    await queryRunner.query(`
      CREATE FUNCTION gate_read(p_tenant uuid, p_account text, p_phone text, p_email text, p_since timestamptz) RETURNS json
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        acc account;
        history json;
      BEGIN
        -- PL/pgSQL keeps its plans per connection; a LANGUAGE sql function would plan every query on every call.
        SELECT * INTO acc FROM account WHERE tenant_id = p_tenant AND account_id = p_account;
        SELECT coalesce(json_agg(json_build_array((extract(epoch FROM c.at) * 1000)::bigint, c.channel, c.outcome)), '[]'::json)
          INTO history
          FROM contact_attempt c
         WHERE c.tenant_id = p_tenant AND c.account_id = p_account AND c.at > p_since AND c.counted;
        RETURN json_build_object(
          'account', CASE WHEN acc.id IS NULL THEN NULL ELSE row_to_json(acc) END,
          'history', history,
          'suppressed_phone', EXISTS (SELECT 1 FROM suppression_entry s WHERE s.tenant_id = p_tenant AND s.kind = 'phone'
                                        AND s.value = coalesce(p_phone, acc.phone_number)),
          'suppressed_email', EXISTS (SELECT 1 FROM suppression_entry s WHERE s.tenant_id = p_tenant AND s.kind = 'email'
                                        AND s.value = lower(coalesce(p_email, acc.email))));
      END $$`);

    // Round trip 2, sent with COMMIT: the decision row and, for an allowed contact, its pending attempt.
    // Past its deadline it raises, so the transaction can never commit after the caller was told "no".
    // Idempotent on audit_id, so replaying a spooled decision twice writes it once.
    await queryRunner.query(`
      CREATE FUNCTION gate_write(p jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        inserted int;
      BEGIN
        IF p ? 'deadline' AND clock_timestamp() > (p->>'deadline')::timestamptz THEN
          RAISE EXCEPTION 'gate decision % past its time budget', p->>'audit_id' USING ERRCODE = 'query_canceled';
        END IF;
        INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, dial_mode, agent_id,
            phone_number, allowed, would_block, mode, rule_ids, statutes, findings, facts, next_allowed_at, expires_at,
            latency_ms, source, principal_id, is_test)
        VALUES (p->>'audit_id', (p->>'created_at')::timestamptz, (p->>'tenant_id')::uuid, p->>'account_id', p->>'channel',
            p->>'dial_mode', p->>'agent_id', p->>'phone_number', (p->>'allowed')::boolean, (p->>'would_block')::boolean,
            p->>'mode', ARRAY(SELECT jsonb_array_elements_text(p->'rule_ids')), ARRAY(SELECT jsonb_array_elements_text(p->'statutes')),
            p->'findings', p->'facts', (p->>'next_allowed_at')::timestamptz, (p->>'expires_at')::timestamptz,
            (p->>'latency_ms')::real, p->>'source', p->>'principal_id', coalesce((p->>'is_test')::boolean, false))
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS inserted = ROW_COUNT;
        IF inserted = 1 AND (p->>'attempt')::boolean THEN
          INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, audit_id, created_at)
          VALUES ((p->>'tenant_id')::uuid, p->>'account_id', (p->>'created_at')::timestamptz, p->>'channel', 'pending', true, p->>'audit_id', now());
        END IF;
        RETURN inserted = 1;
      END $$`);

    // A batch of checks in one statement each way: fewer messages to parse, plan and send.
    await queryRunner.query(`
      CREATE FUNCTION gate_read_many(p_tenants uuid[], p_accounts text[], p_phones text[], p_since timestamptz) RETURNS json
      LANGUAGE sql STABLE AS $$
        SELECT json_agg(gate_read(t, a, p, NULL, p_since) ORDER BY i)
          FROM unnest(p_tenants, p_accounts, p_phones) WITH ORDINALITY AS u(t, a, p, i)
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION gate_write_many(p jsonb) RETURNS int LANGUAGE plpgsql AS $$
      DECLARE
        item jsonb;
        written int := 0;
      BEGIN
        FOR item IN SELECT value FROM jsonb_array_elements(p) LOOP
          IF gate_write(item) THEN written := written + 1; END IF;
        END LOOP;
        RETURN written;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION gate_write_many(jsonb)`);
    await queryRunner.query(`DROP FUNCTION gate_read_many(uuid[], text[], text[], timestamptz)`);
    await queryRunner.query(`DROP FUNCTION gate_write(jsonb)`);
    await queryRunner.query(`DROP FUNCTION gate_read(uuid, text, text, text, timestamptz)`);
    await queryRunner.query(`DROP INDEX contact_attempt_history`);
    await queryRunner.query(`DROP TABLE compliance_event_log`);
    await queryRunner.query(`DROP FUNCTION refuse_event_log_change()`);
    await queryRunner.query(`DROP FUNCTION ensure_event_log_partitions(int, int)`);
  }
}
