import type { EntityManager } from '@mikro-orm/postgresql';
import { v7 as uuidv7 } from 'uuid';
import type { RequestContext } from '../../../shared/context/context.js';
import { requireTenant } from '../../../shared/context/require-tenant.js';
import { LedgerEntry } from '../entities/ledger-entry.entity.js';

/** The accounts postings use: assets and receivables on the debit side, income and liabilities on the credit side. */
export const Account = {
  RECEIVABLE: 'accounts_receivable',
  CASH: 'cash',
  REVENUE: 'revenue',
  TAX_PAYABLE: 'tax_payable',
  REFUNDS: 'refunds',
  BAD_DEBT: 'bad_debt',
} as const;

export interface Posting {
  account: string;
  debitMinor?: number;
  creditMinor?: number;
}

/**
 * Writes one balanced transaction: throws (before anything is written) when its debits and
 * credits differ, so the ledger cannot drift out of balance. Zero lines are left out.
 */
export function post(em: EntityManager, tenantId: string, currency: string, source: { type: string; id: string }, postings: Posting[]): void {
  const lines = postings.filter((p) => (p.debitMinor ?? 0) !== 0 || (p.creditMinor ?? 0) !== 0);
  const debits = lines.reduce((s, p) => s + (p.debitMinor ?? 0), 0);
  const credits = lines.reduce((s, p) => s + (p.creditMinor ?? 0), 0);
  if (debits !== credits) throw new Error(`unbalanced posting for ${source.type} ${source.id}: debits ${debits} ≠ credits ${credits}`);
  const transactionId = uuidv7();
  for (const line of lines) {
    em.create(LedgerEntry, { tenantId, transactionId, currency, account: line.account, debitMinor: line.debitMinor ?? 0, creditMinor: line.creditMinor ?? 0, sourceType: source.type, sourceId: source.id });
  }
}

export interface AccountBalance {
  account: string;
  currency: string;
  debitMinor: number;
  creditMinor: number;
}

/** Debits and credits per account and currency: the trial balance, whose two columns are equal. */
export async function trialBalance(ctx: RequestContext): Promise<AccountBalance[]> {
  const tenantId = requireTenant(ctx);
  const meta = ctx.em.getMetadata().get(LedgerEntry);
  const rows = await ctx.em.execute<{ account: string; currency: string; debit: string; credit: string }[]>(
    `select "account", "currency", sum("debit_minor") as "debit", sum("credit_minor") as "credit"
     from "${meta.schema ?? ctx.em.config.get('schema')}"."${meta.tableName}" where "tenant_id" = ? group by "account", "currency" order by "account", "currency"`,
    [tenantId],
  );
  return rows.map((r) => ({ account: r.account, currency: r.currency, debitMinor: Number(r.debit), creditMinor: Number(r.credit) }));
}

export async function ledgerEntries(ctx: RequestContext, sourceId: string): Promise<LedgerEntry[]> {
  requireTenant(ctx);
  return await ctx.em.find(LedgerEntry, { sourceId }, { orderBy: { id: 'asc' } });
}
