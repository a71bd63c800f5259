import { Injectable } from '@nestjs/common';
import { SMOKE_TEST_ACCOUNT_ID } from '../accounts/smoke-test';
import { SessionsService } from '../auth/sessions.service';
import { GateService } from '../gate/gate.service';
import { HealthProbeReadModel } from '../reports/read-model/health-probe.read-model';

export type ProbeStatus = 'pass' | 'warn' | 'fail';

export interface ProbeTenant {
  id: string;
  slug: string;
}

/** One technical check of a tenant before go-live (SPEC O4). `duration_ms` is measured by the runner. */
export interface HealthProbe {
  id: string;
  label: string;
  run(tenant: ProbeTenant): Promise<{ status: ProbeStatus; detail: string; duration_ms?: number }>;
}

export interface ProbeResult {
  id: string;
  label: string;
  status: ProbeStatus;
  detail: string;
  duration_ms: number;
}

/** A probe that has not answered after this long is a `fail`. */
export const PROBE_TIMEOUT_MS = 10_000;

const RANK: Record<ProbeStatus, number> = { pass: 0, warn: 1, fail: 2 };

/** Worst of: any fail → fail, else any warn → warn, else pass (no probes → fail: nothing was proven). */
export function aggregate(results: ProbeResult[]): ProbeStatus {
  if (results.length === 0) return 'fail';
  return results.reduce<ProbeStatus>((worst, r) => (RANK[r.status] > RANK[worst] ? r.status : worst), 'pass');
}

/** Runs every probe; one that throws, answers nonsense or times out is a `fail` with the error, never a crash. */
export async function runProbes(
  probes: readonly HealthProbe[],
  tenant: ProbeTenant,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProbeResult[]> {
  return Promise.all(
    probes.map(async (probe) => {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        const result = await Promise.race([
          probe.run(tenant),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        if (!result || !['pass', 'warn', 'fail'].includes(result.status))
          throw new Error('the probe gave no pass, warn or fail');
        return {
          id: probe.id,
          label: probe.label,
          status: result.status,
          detail: String(result.detail ?? ''),
          duration_ms: Math.round(performance.now() - started),
        };
      } catch (error) {
        return {
          id: probe.id,
          label: probe.label,
          status: 'fail' as const,
          detail: `probe error: ${error instanceof Error ? error.message : String(error)}`,
          duration_ms: Math.round(performance.now() - started),
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

/**
 * The probe registry: the three default probes until `setHealthProbes` replaces the set (a deployment, or a
 * test, registers its own). Decided detail 10 describes the defaults.
 */
@Injectable()
export class HealthProbeRegistry {
  private probes: readonly HealthProbe[];

  constructor(
    private readonly reads: HealthProbeReadModel,
    private readonly sessions: SessionsService,
    private readonly gate: GateService,
  ) {
    this.probes = this.defaults();
  }

  setHealthProbes(probes: readonly HealthProbe[]): void {
    this.probes = [...probes];
  }

  list(): readonly HealthProbe[] {
    return this.probes;
  }

  defaults(): HealthProbe[] {
    return [
      {
        id: 'sample_login',
        label: 'Sample login',
        // The real session path for an active Tenant Admin, with no password: an internal session is created,
        // resolved to its principal as any request would be, and revoked at once.
        run: async (tenant) => {
          const admins = await this.reads.tenantAdmins(tenant.id);
          const active = admins.find((a) => a.status === 'active');
          if (!active) {
            if (admins.some((a) => a.status === 'invited'))
              return { status: 'warn', detail: 'the Tenant Admin has not accepted the invitation yet' };
            return { status: 'fail', detail: 'the tenant has no Tenant Admin' };
          }
          const { token, session } = await this.sessions.create(active.id, tenant.id);
          try {
            const principal = await this.sessions.principalFor(token);
            if (!principal || principal.tenantId !== tenant.id)
              return { status: 'fail', detail: 'the session did not resolve to the tenant' };
            return {
              status: 'pass',
              detail: `signed in as the Tenant Admin through the session path (${principal.roles.join(', ')})`,
            };
          } finally {
            await this.sessions.revoke(session.id);
          }
        },
      },
      {
        id: 'sample_transaction',
        label: 'Sample transaction',
        // Decided detail 10: a real gate check on the smoke-test account, its audit row read back.
        run: async (tenant) => {
          if (!(await this.reads.accountExists(tenant.id, SMOKE_TEST_ACCOUNT_ID)))
            return { status: 'fail', detail: `the smoke-test account (${SMOKE_TEST_ACCOUNT_ID}) is missing` };
          const answer = await this.gate.check({
            tenantId: tenant.id,
            accountId: SMOKE_TEST_ACCOUNT_ID,
            channel: 'voice',
            dialMode: 'manual',
            agentId: null,
            phoneNumber: null,
            source: 'panel',
            principalId: 'health-check',
          });
          if (!/^ccs_/.test(answer.audit_id))
            return { status: 'fail', detail: 'the gate answered without an audit id' };
          if (!(await this.reads.decisionLogged(tenant.id, answer.audit_id)))
            return { status: 'fail', detail: `the decision ${answer.audit_id} has no audit row` };
          return {
            status: 'pass',
            detail: `the gate answered ${answer.allowed ? 'allowed' : 'blocked'} (${answer.mode}); audit row ${answer.audit_id} read back`,
          };
        },
      },
      {
        id: 'sample_report',
        label: 'Sample report',
        // The numbers the intake and coverage reports are built from compute for the tenant.
        run: async (tenant) => {
          const numbers = await this.reads.reportNumbers(tenant.id);
          return {
            status: 'pass',
            detail: `${numbers.accounts} accounts, ${numbers.decisions} gate decisions in 7 days, ${numbers.imports} completed imports`,
          };
        },
      },
    ];
  }
}
