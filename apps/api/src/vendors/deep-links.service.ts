import {
  renderDeepLink,
  requiresGate,
  templateProblems,
  type AccountDeepLinkView,
  type DeepLinkOpenView,
} from '@floor-os/contracts';
import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AccountsService } from '../accounts/accounts.service';
import { Principal, tenantOf } from '../auth/principal';
import { AgentDirectory } from '../gate/agent-directory';
import { assertInitiatedBy, type Initiator } from '../gate/dto/contact-check.dto';
import { GateService } from '../gate/gate.service';
import { StoredDeepLink, VendorCard } from './vendor-card.entity';

/**
 * "Open in <label>" on AccountDetail (SPEC V3). A gated link (every category but `other`, decided detail 18)
 * asks the gate first, as the signed-in agent, on the category's channel with the account's own number and
 * `manual` dial mode (a person places the contact from the vendor's screen), and with who started the contact:
 * `consumer` (an inbound call, a payment the consumer starts; decided detail 30) only for a voice or payment
 * link, else a 400 naming `initiated_by`. The rendered URL leaves the API
 * only when the link may be opened; a refusal answers the reasons, statutes and audit id instead. The
 * check is a real one: it is logged and counts as the attempt the agent is about to make.
 */
@Injectable()
export class DeepLinksService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly gate: GateService,
    private readonly agents: AgentDirectory,
    private readonly accounts: AccountsService,
  ) {}

  /** The enabled deep links, in sort order (then label), for an account of the tenant. */
  async forAccount(who: Principal, accountId: string): Promise<AccountDeepLinkView[]> {
    await this.account(who, accountId);
    return (await this.enabledLinks(tenantOf(who))).map(({ vendor, link }) => ({
      vendor,
      label: link.label,
      category: link.category,
      requires_gate: requiresGate(link.category),
      sort_order: link.sort_order,
    }));
  }

  async open(
    who: Principal,
    accountId: string,
    vendor: string,
    initiatedBy: Initiator = 'collector',
  ): Promise<DeepLinkOpenView> {
    const account = await this.account(who, accountId);
    const found = (await this.enabledLinks(tenantOf(who))).find((l) => l.vendor === vendor);
    if (!found) throw new NotFoundException('No enabled deep link for this vendor');
    const { link } = found;
    assertInitiatedBy(link.category, initiatedBy);
    const agentId = who.kind === 'user' ? await this.agents.agentIdOf(who.id) : null;
    const gated = requiresGate(link.category);
    const decision = gated
      ? await this.gate.check({
          tenantId: tenantOf(who),
          accountId,
          channel: link.category as 'voice' | 'sms' | 'email' | 'payment',
          dialMode: 'manual',
          initiatedBy,
          agentId,
          phoneNumber: null,
          source: 'panel',
          principalId: who.id,
        })
      : null;
    const opened = decision === null || decision.allowed;
    const url = opened
      ? renderDeepLink(link.url_template, {
          phone_e164: account.phone_number,
          account_id: accountId,
          tenant_slug: who.tenantSlug,
          agent_id: agentId,
        })
      : null;
    return {
      vendor,
      label: link.label,
      requires_gate: gated,
      opened,
      url,
      decision: decision && {
        allowed: decision.allowed,
        reasons: decision.reasons,
        statutes: decision.statutes,
        audit_id: decision.audit_id,
        mode: decision.mode,
        would_block: decision.would_block,
        next_allowed_at: decision.next_allowed_at,
      },
    };
  }

  private async account(who: Principal, accountId: string): Promise<{ phone_number: string | null }> {
    const account = await this.accounts.phoneOf(tenantOf(who), accountId);
    if (!account) throw new NotFoundException('Account not found');
    return account;
  }

  private async enabledLinks(tenantId: string): Promise<{ vendor: string; link: StoredDeepLink }[]> {
    const cards = await this.db.getRepository(VendorCard).find({ where: { tenantId } });
    return (
      cards
        .filter((c): c is VendorCard & { deepLink: StoredDeepLink } => c.deepLink !== null && c.deepLink.enabled)
        // A template saved before today's rules that they refuse (a host taken from a variable) is not offered.
        .filter((c) => templateProblems(c.deepLink.url_template).length === 0)
        .map((c) => ({ vendor: c.vendor as string, link: c.deepLink }))
        .sort((a, b) => a.link.sort_order - b.link.sort_order || a.link.label.localeCompare(b.link.label))
    );
  }
}
