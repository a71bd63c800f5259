import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consumer-initiated contacts (SPEC G10, decided detail 30), written by hand like the decision log itself
 * (partitioned, and its hot-path functions are PL/pgSQL).
 *
 * - `compliance_event_log.initiated_by`: `collector` (default) or `consumer`, the caller's statement stored
 *   with the decision. A constant default: adding it rewrites no partition.
 * - `gate_write`: stores it; the attempt of an allowed consumer-initiated call (an inbound call) is recorded
 *   with source `inbound` and `counted = false`, so it counts toward no cap.
 * - `gate_read`: the history still carries counted attempts only, plus voice conversations on attempts that
 *   are not counted (an inbound call that became a conversation starts the post-conversation pause), marked
 *   with a fourth element `false`. Still an index-only scan of `contact_attempt_history`.
 */
export class DecisionInitiatedBy1795450000000 implements MigrationInterface {
  name = 'DecisionInitiatedBy1795450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE compliance_event_log ADD initiated_by varchar(16) NOT NULL DEFAULT 'collector'`,
    );

    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION gate_read(p_tenant uuid, p_account text, p_phone text, p_email text, p_since timestamptz) RETURNS json
      LANGUAGE plpgsql STABLE AS $$
      DECLARE
        acc account;
        history json;
      BEGIN
        -- PL/pgSQL keeps its plans per connection; a LANGUAGE sql function would plan every query on every call.
        SELECT * INTO acc FROM account WHERE tenant_id = p_tenant AND account_id = p_account;
        -- Counted attempts as [ms, channel, outcome]; a conversation on an attempt that counts toward no cap (an
        -- inbound call) as [ms, channel, outcome, false]: it starts the post-conversation pause only.
        SELECT coalesce(json_agg(CASE WHEN c.counted
                                      THEN json_build_array((extract(epoch FROM c.at) * 1000)::bigint, c.channel, c.outcome)
                                      ELSE json_build_array((extract(epoch FROM c.at) * 1000)::bigint, c.channel, c.outcome, false) END), '[]'::json)
          INTO history
          FROM contact_attempt c
         WHERE c.tenant_id = p_tenant AND c.account_id = p_account AND c.at > p_since
           AND (c.counted OR (c.channel = 'voice' AND c.outcome IN ('conversation', 'connected')));
        RETURN json_build_object(
          'account', CASE WHEN acc.id IS NULL THEN NULL ELSE row_to_json(acc) END,
          'history', history,
          'suppressed_phone', EXISTS (SELECT 1 FROM suppression_entry s WHERE s.tenant_id = p_tenant AND s.kind = 'phone'
                                        AND s.value = coalesce(p_phone, acc.phone_number)),
          'suppressed_email', EXISTS (SELECT 1 FROM suppression_entry s WHERE s.tenant_id = p_tenant AND s.kind = 'email'
                                        AND s.value = lower(coalesce(p_email, acc.email))));
      END $$`);

    // A payload without initiated_by (a decision spooled before this migration) is the collector's.
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION gate_write(p jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
      DECLARE
        inserted int;
        inbound boolean := coalesce(p->>'initiated_by', 'collector') = 'consumer';
      BEGIN
        IF p ? 'deadline' AND clock_timestamp() > (p->>'deadline')::timestamptz THEN
          RAISE EXCEPTION 'gate decision % past its time budget', p->>'audit_id' USING ERRCODE = 'query_canceled';
        END IF;
        INSERT INTO compliance_event_log (audit_id, created_at, tenant_id, account_id, channel, dial_mode, agent_id,
            phone_number, allowed, would_block, mode, rule_ids, statutes, findings, facts, next_allowed_at, expires_at,
            latency_ms, source, principal_id, is_test, initiated_by)
        VALUES (p->>'audit_id', (p->>'created_at')::timestamptz, (p->>'tenant_id')::uuid, p->>'account_id', p->>'channel',
            p->>'dial_mode', p->>'agent_id', p->>'phone_number', (p->>'allowed')::boolean, (p->>'would_block')::boolean,
            p->>'mode', ARRAY(SELECT jsonb_array_elements_text(p->'rule_ids')), ARRAY(SELECT jsonb_array_elements_text(p->'statutes')),
            p->'findings', p->'facts', (p->>'next_allowed_at')::timestamptz, (p->>'expires_at')::timestamptz,
            (p->>'latency_ms')::real, p->>'source', p->>'principal_id', coalesce((p->>'is_test')::boolean, false),
            CASE WHEN inbound THEN 'consumer' ELSE 'collector' END)
        ON CONFLICT DO NOTHING;
        GET DIAGNOSTICS inserted = ROW_COUNT;
        IF inserted = 1 AND (p->>'attempt')::boolean THEN
          INSERT INTO contact_attempt (tenant_id, account_id, at, channel, outcome, counted, audit_id, created_at, source)
          VALUES ((p->>'tenant_id')::uuid, p->>'account_id', (p->>'created_at')::timestamptz, p->>'channel', 'pending', NOT inbound,
                  p->>'audit_id', now(), CASE WHEN inbound THEN 'inbound' ELSE 'gate' END);
        END IF;
        RETURN inserted = 1;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION gate_write(p jsonb) RETURNS boolean LANGUAGE plpgsql AS $$
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
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION gate_read(p_tenant uuid, p_account text, p_phone text, p_email text, p_since timestamptz) RETURNS json
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
    await queryRunner.query(`ALTER TABLE compliance_event_log DROP COLUMN initiated_by`);
  }
}
