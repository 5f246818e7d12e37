import { z } from 'zod';
import { currencyOf } from '../services/money.js';

/** Rules every finance input shares: money is whole minor units, currencies are ISO 4217. */
export const minor = z.number().int('must be whole minor units').min(0, 'must not be negative');
export const currency = z.string().refine((code) => currencyOf(code) !== undefined, 'is not an ISO 4217 code like EUR');
export const quantity = z.number().int('must be a whole number').min(0, 'must not be negative');
export const id = z.string().uuid('is not an id');
