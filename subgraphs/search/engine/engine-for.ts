import { PostgresSearchEngine } from './postgres-search-engine.js';
import type { SearchEngine } from './search-engine.js';

const postgres = new PostgresSearchEngine();

/**
 * The engine serving a tenant. Every tenant is on the built-in PostgreSQL engine; a tenant moved
 * to a distributed engine would be answered by its adapter here, and nowhere else changes.
 */
export function engineFor(_tenantId: string): SearchEngine {
  return postgres;
}
