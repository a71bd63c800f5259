import { BadRequestException } from '@nestjs/common';
import { CHECK_CHANNELS, DIAL_MODES, initiatedByProblem, INITIATORS, type Initiator } from './contact-check.dto';

export interface ContactCheckBody {
  tenant_id: string;
  account_id: string;
  channel?: (typeof CHECK_CHANNELS)[number];
  agent_id?: string;
  phone_number?: string;
  dial_mode?: (typeof DIAL_MODES)[number];
  initiated_by?: Initiator;
}

const KNOWN = new Set(['tenant_id', 'account_id', 'channel', 'agent_id', 'phone_number', 'dial_mode', 'initiated_by']);
const PHONE = /^\+?[0-9 ()./-]{7,20}$/;

/**
 * The query of `POST /compliance/contact-check`: a dialer may name the channel and who initiated the contact
 * in the URL instead of the body. Other query keys are ignored. A type, not a DTO class: the pipe leaves it
 * to `validateContactCheck`, like the body.
 */
export interface ContactCheckQuery {
  channel?: unknown;
  initiated_by?: unknown;
}

/**
 * The gate's request check, by hand: the same rules and messages as `ContactCheckDto` (which documents the
 * body in OpenAPI), without class-transformer and class-validator on the hot path. Unknown fields are refused.
 *
 * Why by hand (the one exception to typed DTOs for a JSON body, docs/development.md "Validation"): the
 * contact check is the dialers' hot path, asked before every call, text, email and payment request, within
 * a budget (GATE_BUDGET_MS, 250 ms by default) and measured by bench/gate.mjs. The global pipe builds a
 * class instance with class-transformer and walks every decorator's metadata with class-validator on each
 * request; this function answers the same 400s (`fields` named the same way, tested by gate.spec and
 * hostile-input) with a few comparisons. A change to the rules changes both this function and
 * `ContactCheckDto`.
 */
export function validateContactCheck(
  body: unknown,
  query: ContactCheckQuery,
): ContactCheckBody & { channel: (typeof CHECK_CHANNELS)[number]; initiated_by: Initiator } {
  // No prototype: a field named `constructor` or `__proto__` is collected like any other.
  const fields: Record<string, string[]> = Object.create(null);
  const fail = (field: string, message: string) => (fields[field] ??= []).push(message);
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException({
      message: 'Validation failed',
      code: 'VALIDATION_FAILED',
      fields: { body: ['body must be a JSON object'] },
    });
  }
  const b = body as Record<string, unknown>;
  for (const key of Object.keys(b)) if (!KNOWN.has(key)) fail(key, `property ${key} should not exist`);
  const text = (key: string, max: number, required: boolean) => {
    const value = b[key];
    if (value === undefined || value === null) {
      if (required) fail(key, `${key} must be a string`);
      return;
    }
    if (typeof value !== 'string') return fail(key, `${key} must be a string`);
    if (required && value.length < 1) fail(key, `${key} must be longer than or equal to 1 characters`);
    if (value.length > max) fail(key, `${key} must be shorter than or equal to ${max} characters`);
  };
  text('tenant_id', 63, true);
  text('account_id', 64, true);
  text('agent_id', 64, false);
  const oneOf = (key: string, value: unknown, allowed: readonly string[]) => {
    if (value !== undefined && value !== null && !allowed.includes(value as string))
      fail(key, `${key} must be one of the following values: ${allowed.join(', ')}`);
  };
  oneOf('channel', b.channel, CHECK_CHANNELS);
  oneOf('channel', query.channel, CHECK_CHANNELS);
  oneOf('dial_mode', b.dial_mode, DIAL_MODES);
  oneOf('initiated_by', b.initiated_by, INITIATORS);
  oneOf('initiated_by', query.initiated_by, INITIATORS);
  if (
    b.phone_number !== undefined &&
    b.phone_number !== null &&
    (typeof b.phone_number !== 'string' || !PHONE.test(b.phone_number))
  ) {
    fail('phone_number', 'phone_number must be a phone number');
  }
  if (b.channel && query.channel && b.channel !== query.channel)
    fail('channel', 'channel differs between body and query');
  const channel = (b.channel ?? query.channel) as (typeof CHECK_CHANNELS)[number] | undefined;
  if (!channel && !fields.channel) fail('channel', 'channel must be one of voice, sms, email, payment (body or query)');
  // Like channel: body or query; both only when they agree (a caller that says two things is asked which).
  if (b.initiated_by && query.initiated_by && b.initiated_by !== query.initiated_by)
    fail('initiated_by', 'initiated_by differs between body and query');
  const initiatedBy = ((b.initiated_by ?? query.initiated_by) || 'collector') as Initiator;
  if (channel && !fields.channel && !fields.initiated_by) {
    const problem = initiatedByProblem(channel, initiatedBy);
    if (problem) fail('initiated_by', problem);
  }
  if (Object.keys(fields).length > 0)
    throw new BadRequestException({ message: 'Validation failed', code: 'VALIDATION_FAILED', fields });
  return { ...(b as unknown as ContactCheckBody), channel: channel!, initiated_by: initiatedBy };
}
