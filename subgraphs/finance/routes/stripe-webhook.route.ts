import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type Request, type Response, type Router } from 'express';
import type Stripe from 'stripe';
import { getConfig } from '../../../shared/config/config.js';
import { serviceLogger } from '../../../shared/logger/logger.js';
import { handleStripeEvent } from '../services/stripe-webhook.service.js';
import { stripeClient } from '../services/stripe-provider.js';

const log = serviceLogger('stripe-webhook');

/**
 * `POST /webhooks/stripe` (on the gateway: `/webhooks/finance/stripe`): Stripe's events, each
 * verified against its `Stripe-Signature` over the raw body with the webhook secret (400 and
 * nothing done when it does not verify, or is older than Stripe's 5-minute tolerance). A 200
 * goes back only after the change is committed, so Stripe retries what failed.
 */
export function stripeWebhookRoutes(router: Router, orm: MikroORM): void {
  router.post('/webhooks/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req: Request, res: Response) => {
    const config = getConfig().stripe;
    if (!config) return void res.status(404).json({ error: 'Stripe is not configured' });
    let event: Stripe.Event;
    try {
      event = stripeClient(config).webhooks.constructEvent(req.body as Buffer, req.header('stripe-signature') ?? '', config.webhookSecret);
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'stripe webhook refused: signature does not verify');
      return void res.status(400).json({ error: 'signature does not verify' });
    }
    try {
      const outcome = await handleStripeEvent(orm, event, log);
      log.info({ eventId: event.id, type: event.type, outcome }, 'stripe webhook');
      res.json({ received: true, outcome });
    } catch (err) {
      log.error({ err, eventId: event.id, type: event.type }, 'stripe webhook failed; Stripe will retry');
      res.status(500).json({ error: 'not applied; retry' });
    }
  });
}
