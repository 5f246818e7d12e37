import { LockMode } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type Stripe from 'stripe';
import { forTenant } from '../../../shared/jobs/background-job.js';
import type { Logger } from '../../../shared/logger/logger.js';
import { Invoice } from '../entities/invoice.entity.js';
import { Payment, PaymentStatus } from '../entities/payment.entity.js';
import { applyPayment } from './payment.service.js';

/** What a verified Stripe event did to our payments. */
export type WebhookOutcome = 'applied' | 'already-applied' | 'failed' | 'unknown-payment' | 'ignored';

/**
 * Applies a verified Stripe event. `payment_intent.succeeded` books the pending payment (ledger
 * and invoice, under the invoice's row lock) exactly once however often Stripe delivers it;
 * `payment_intent.payment_failed` marks it failed (a later success still books it: the payer may
 * retry with another card). Other events are acknowledged and ignored.
 */
export async function handleStripeEvent(orm: MikroORM, event: Stripe.Event, log: Logger): Promise<WebhookOutcome> {
  if (event.type !== 'payment_intent.succeeded' && event.type !== 'payment_intent.payment_failed') return 'ignored';
  const intent = event.data.object;
  const tenantId = intent.metadata?.tenantId;
  if (!tenantId) return 'unknown-payment';
  const em = forTenant(orm, tenantId);
  return await em.transactional(async (tx) => {
    const payment = await tx.findOne(Payment, { provider: 'stripe', providerRef: intent.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!payment) {
      log.warn({ intent: intent.id, tenantId }, 'stripe event for a payment intent we do not know');
      return 'unknown-payment';
    }
    if (payment.status === PaymentStatus.SUCCEEDED) return 'already-applied';
    if (event.type === 'payment_intent.payment_failed') {
      payment.status = PaymentStatus.FAILED;
      return 'failed';
    }
    if (intent.amount_received !== payment.amountMinor) log.warn({ intent: intent.id, received: intent.amount_received, expected: payment.amountMinor }, 'stripe received another amount than asked');
    const invoice = await tx.findOneOrFail(Invoice, payment.invoiceId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    payment.status = PaymentStatus.SUCCEEDED;
    applyPayment(tx, invoice, payment);
    return 'applied';
  });
}
