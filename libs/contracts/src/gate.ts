/** The compliance gate's answer (SPEC G1), as the dialers and the panel read it. */

/** One rule that blocked or warned. */
export interface GateReason {
  rule_id: string;
  severity: 'block' | 'warn';
  statute: string;
  message: string;
}

/** `POST /api/v1/compliance/contact-check` and the panel's door `POST /api/v1/compliance/contact-check/session`. */
export interface ContactCheckAnswer {
  allowed: boolean;
  reasons: GateReason[];
  statutes: string[];
  audit_id: string;
  expires_at: string;
  mode: 'shadow' | 'enforce';
  /** Shadow mode: whether enforce mode would have blocked. */
  would_block?: boolean;
  /** When a blocked contact may next be tried, if a rule says so. */
  next_allowed_at?: string;
}
