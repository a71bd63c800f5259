import type { ContactCheckAnswer, GateReason } from '@floor-os/contracts';
import type { Channel, DialMode, Finding, InitiatedBy } from './types';

/** The check a decision answers, as the gate received it. */
export interface DecisionCheck {
  tenantId: string;
  accountId: string;
  channel: Channel;
  dialMode: DialMode;
  /** SPEC G10: `consumer` for an inbound call or a payment the consumer starts; default collector. */
  initiatedBy?: InitiatedBy;
  agentId: string | null;
  phoneNumber: string | null;
  source: string;
  principalId: string;
}

/** What was decided about a check: the rules' findings (or the gate's own one), and what the record keeps. */
export interface DecisionParts {
  auditId: string;
  /** When the check arrived (epoch ms). */
  now: number;
  /** How long the answer may be acted on. */
  ttlMs: number;
  mode: ContactCheckAnswer['mode'];
  findings: Finding[];
  statutes: string[];
  /** When a blocked contact may next be tried, if a rule says so (epoch ms). */
  nextAllowedAt: number | null;
  /** The facts stored with the decision; null when the account is not known. */
  facts: Record<string, unknown> | null;
  /** The number contacted: the check's, else the account's. */
  phoneNumber: string | null;
  isTest: boolean;
  /** Who asked (`api`, `panel`), or `spool` for a fail-closed answer recorded later. */
  source: string;
}

/** A decision as `gate_write` stores it (one row of the audit trail, and the pending attempt it may create). */
export type DecisionRecord = {
  audit_id: string;
  created_at: string;
  tenant_id: string;
  account_id: string;
  channel: Channel;
  dial_mode: DialMode;
  agent_id: string | null;
  phone_number: string | null;
  allowed: boolean;
  would_block: boolean;
  mode: ContactCheckAnswer['mode'];
  rule_ids: string[];
  statutes: string[];
  findings: Finding[];
  facts: Record<string, unknown> | null;
  next_allowed_at: string | null;
  expires_at: string;
  source: string;
  principal_id: string;
  is_test: boolean;
  initiated_by: InitiatedBy;
  attempt: boolean;
  /** Milliseconds from the check's arrival until its answer left: set by the caller then (0 until). */
  latency_ms: number;
  /** The batch's deadline, on the first record of a batch only: `gate_write` refuses to commit past it. */
  deadline?: string;
};

const reasonOf = (f: Finding): GateReason => ({
  rule_id: f.rule_id,
  severity: f.severity,
  statute: f.statute,
  message: f.message,
});

/**
 * The gate's answer and the decision record it stores, built together from one decision (SPEC G1, decided
 * detail 3): in shadow mode every answer allows and says whether enforce would have blocked; a blocked
 * answer carries when the contact may next be tried. Every allowed voice/SMS/email answer becomes a pending
 * attempt the caps count (shadow included: the dialer will dial); the smoke-test account creates none
 * (decided detail 10). An inbound call's attempt is recorded by gate_write with source `inbound`, counting
 * toward no cap (decided detail 30).
 */
export function buildDecision(
  check: DecisionCheck,
  parts: DecisionParts,
): { answer: ContactCheckAnswer; record: DecisionRecord } {
  const { findings, statutes, mode } = parts;
  const blocks = findings.filter((f) => f.severity === 'block');
  const wouldBlock = blocks.length > 0;
  const shadow = mode === 'shadow';
  const allowed = shadow || !wouldBlock;
  const expiresAt = new Date(parts.now + parts.ttlMs).toISOString();
  const answer: ContactCheckAnswer = {
    allowed,
    reasons: findings.map(reasonOf),
    statutes,
    audit_id: parts.auditId,
    expires_at: expiresAt,
    mode,
  };
  if (shadow) answer.would_block = wouldBlock;
  if (parts.nextAllowedAt !== null && wouldBlock) answer.next_allowed_at = new Date(parts.nextAllowedAt).toISOString();
  const record: DecisionRecord = {
    audit_id: parts.auditId,
    created_at: new Date(parts.now).toISOString(),
    tenant_id: check.tenantId,
    account_id: check.accountId,
    channel: check.channel,
    dial_mode: check.dialMode,
    agent_id: check.agentId,
    phone_number: parts.phoneNumber,
    allowed,
    would_block: wouldBlock,
    mode,
    rule_ids: blocks.map((f) => f.rule_id),
    statutes,
    findings,
    facts: parts.facts,
    next_allowed_at: answer.next_allowed_at ?? null,
    expires_at: expiresAt,
    source: parts.source,
    principal_id: check.principalId,
    is_test: parts.isTest,
    initiated_by: check.initiatedBy ?? 'collector',
    attempt: allowed && check.channel !== 'payment' && !parts.isTest,
    latency_ms: 0,
  };
  return { answer, record };
}
