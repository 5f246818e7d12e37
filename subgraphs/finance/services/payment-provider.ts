import { randomUUID } from 'node:crypto';

/** What a provider says about a charge it was asked to make. */
export interface ProviderCharge {
  providerRef: string;
  /** `succeeded` now (manual), or `pending` until the provider confirms (a Stripe webhook). */
  status: 'succeeded' | 'pending';
  /** What the payer's browser needs to complete a pending charge (Stripe's client secret), never stored. */
  clientSecret?: string | null;
}

/** The seam between payments and whoever moves the money. */
export interface PaymentProvider {
  readonly name: string;
  charge(request: { tenantId: string; amountMinor: number; currency: string; invoiceId: string; idempotencyKey: string; reference?: string | null }): Promise<ProviderCharge>;
  refund(request: { tenantId: string; providerRef: string; amountMinor: number; idempotencyKey: string }): Promise<{ providerRef: string }>;
  /** The client secret of a pending charge, asked again (for a retried request or a reload). */
  clientSecret?(providerRef: string): Promise<string | null>;
}

/**
 * Money that arrived outside the system (a bank transfer, cash, a cheque) and is recorded by
 * staff: it has already happened, so it succeeds at once under the reference given.
 */
export const manualProvider: PaymentProvider = {
  name: 'manual',
  charge: async ({ reference }) => ({ providerRef: reference?.trim() || `manual_${randomUUID()}`, status: 'succeeded' }),
  refund: async () => ({ providerRef: `manual_refund_${randomUUID()}` }),
};
