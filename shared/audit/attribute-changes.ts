import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActorContext } from '../context/context.js';

/**
 * Says whose trail the next flushed changes belong in, when the request's caller does not
 * (sign-up: the new user acting in the tenant they just founded).
 */
export function attributeChanges(em: EntityManager, who: Partial<Omit<ActorContext, 'requestId'>>): void {
  em.setLoggerContext({ ...em.getLoggerContext(), ...who });
}
