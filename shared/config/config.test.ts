import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const config = loadConfig({});
    expect(config.gatewayPort).toBe(4000);
    expect(config.subgraphPorts).toEqual({ identity: 4001, entity: 4002, document: 4003, finance: 4004, search: 4005, analytics: 4006 });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.migrateOnStart).toBe(true);
  });

  it('turns Stripe on only with both its key and its webhook secret', () => {
    expect(loadConfig({}).stripe).toBeUndefined();
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc123' })).toThrow(/STRIPE_WEBHOOK_SECRET: is required with STRIPE_SECRET_KEY/);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'pk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' })).toThrow(/STRIPE_SECRET_KEY: must be a Stripe secret or restricted key/);
    expect(loadConfig({ STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }).stripe).toEqual({ secretKey: 'sk_test_abc123', webhookSecret: 'whsec_abc', apiUrl: undefined });
  });

  it('names every wrong variable', () => {
    expect(() => loadConfig({ GATEWAY_PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(ConfigError);
    try {
      loadConfig({ GATEWAY_PORT: 'eighty', DATABASE_URL: 'mysql://x' });
    } catch (err) {
      expect((err as Error).message).toMatch(/GATEWAY_PORT/);
      expect((err as Error).message).toMatch(/DATABASE_URL: must be a postgres/);
    }
  });

  const secrets = { INTERNAL_TOKEN_SECRET: 'x'.repeat(32), KEY_ENCRYPTION_SECRET: 'y'.repeat(32) };

  it('does not migrate on start in production unless asked', () => {
    expect(loadConfig({ NODE_ENV: 'production', ...secrets }).migrateOnStart).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', MIGRATE_ON_START: 'true', ...secrets }).migrateOnStart).toBe(true);
  });

  it('requires real secrets in production and refuses unsigned callers there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/INTERNAL_TOKEN_SECRET: is required in production/);
    expect(() => loadConfig({ NODE_ENV: 'production', ...secrets, ACCEPT_UNSIGNED_CALLER: 'true' })).toThrow(
      /ACCEPT_UNSIGNED_CALLER: must not be set in production/,
    );
    expect(() => loadConfig({ INTERNAL_TOKEN_SECRET: 'short' })).toThrow(/INTERNAL_TOKEN_SECRET: must be at least 32/);
  });
});
