import Stripe from 'stripe';
import type { StripeConfig } from '../../../shared/config/config.js';
import type { PaymentProvider } from './payment-provider.js';

/** One Stripe client per configuration (the process has one). */
const clients = new WeakMap<StripeConfig, Stripe>();

export function stripeClient(config: StripeConfig): Stripe {
  let client = clients.get(config);
  if (!client) {
    const api = config.apiUrl ? new URL(config.apiUrl) : null;
    client = new Stripe(config.secretKey, {
      maxNetworkRetries: 2,
      timeout: 20_000,
      ...(api && { host: api.hostname, port: api.port || (api.protocol === 'https:' ? 443 : 80), protocol: api.protocol === 'http:' ? 'http' : 'https' }),
    });
    clients.set(config, client);
  }
  return client;
}

/** Stripe's idempotency keys are per account: ours are per tenant, so the tenant is part of it. */
const stripeKey = (tenantId: string, key: string) => `${tenantId}:${key}`.slice(0, 255);

/**
 * Card payments through Stripe: a charge is a PaymentIntent the payer completes in the browser
 * with its client secret (Stripe.js); it stays pending until Stripe's signed webhook says it
 * succeeded or failed (`stripe-webhook.service.ts`). Retries reuse Stripe's idempotency.
 */
export function stripeProvider(config: StripeConfig): PaymentProvider {
  const stripe = stripeClient(config);
  return {
    name: 'stripe',
    async charge({ tenantId, amountMinor, currency, invoiceId, idempotencyKey }) {
      const intent = await stripe.paymentIntents.create(
        { amount: amountMinor, currency: currency.toLowerCase(), metadata: { tenantId, invoiceId }, automatic_payment_methods: { enabled: true } },
        { idempotencyKey: stripeKey(tenantId, idempotencyKey) },
      );
      return { providerRef: intent.id, status: intent.status === 'succeeded' ? 'succeeded' : 'pending', clientSecret: intent.client_secret };
    },
    async refund({ tenantId, providerRef, amountMinor, idempotencyKey }) {
      const refund = await stripe.refunds.create({ payment_intent: providerRef, amount: amountMinor }, { idempotencyKey: stripeKey(tenantId, idempotencyKey) });
      return { providerRef: refund.id };
    },
    async clientSecret(providerRef) {
      return (await stripe.paymentIntents.retrieve(providerRef)).client_secret;
    },
  };
}
