import { availableParallelism } from 'node:os';
import { z } from 'zod';

/** The six subgraphs, in composition order. Their names are also their PostgreSQL schemas. */
export const SUBGRAPH_NAMES = ['identity', 'entity', 'document', 'finance', 'search', 'analytics'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default port of each subgraph; the gateway takes 4000. */
export const DEFAULT_SUBGRAPH_PORTS: Record<SubgraphName, number> = {
  identity: 4001,
  entity: 4002,
  document: 4003,
  finance: 4004,
  search: 4005,
  analytics: 4006,
};

const port = z.coerce.number().int().min(0).max(65_535);
const budget = z.object({ points: z.number().int().min(1), durationSeconds: z.number().int().min(1) });
const rateLimitPolicySchema = z.object({
  anonymous: budget,
  plans: z.record(z.string(), z.object({ user: budget, tenant: budget, apiKey: budget })),
  defaultPlan: z.string(),
});
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  GATEWAY_PORT: port.default(4000),
  /**
   * Worker processes of the gateway (gateway/main.ts), sharing its port: a number, or `auto` for
   * one per core this process may use. Rate-limit budgets stay shared between them.
   */
  GATEWAY_WORKERS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(64)])
    .default(1)
    .transform((workers) => (workers === 'auto' ? availableParallelism() : workers)),
  /** The gateway's address as clients reach it, for links the platform hands out (signed file URLs); default http://localhost:<GATEWAY_PORT>. */
  PUBLIC_URL: z.url().optional(),
  IDENTITY_PORT: port.default(DEFAULT_SUBGRAPH_PORTS.identity),
  ENTITY_PORT: port.default(DEFAULT_SUBGRAPH_PORTS.entity),
  DOCUMENT_PORT: port.default(DEFAULT_SUBGRAPH_PORTS.document),
  FINANCE_PORT: port.default(DEFAULT_SUBGRAPH_PORTS.finance),
  SEARCH_PORT: port.default(DEFAULT_SUBGRAPH_PORTS.search),
  ANALYTICS_PORT: port.default(DEFAULT_SUBGRAPH_PORTS.analytics),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('.data'),
  /** Where the local blob store keeps files (uploads, documents, imports); default `<DATA_DIR>/blobs`. */
  BLOB_DIR: z.string().min(1).optional(),
  /**
   * An S3-compatible object store for those files instead of the local directory: set the bucket
   * (and the endpoint for anything but AWS, e.g. MinIO's http://minio:9000). Credentials come from
   * S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY, or the AWS SDK's usual chain when those are unset.
   */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address buckets as `<endpoint>/<bucket>` (MinIO and most self-hosted stores) rather than `<bucket>.<endpoint>`. */
  S3_FORCE_PATH_STYLE: flag.default(true),
  SUPERGRAPH_PATH: z.string().min(1).default('schema/supergraph.graphql'),
  /** Per-subgraph routing URL overrides, e.g. `SUBGRAPH_URL_IDENTITY=http://identity:4001/graphql`. */
  SUBGRAPH_URL_IDENTITY: z.url().optional(),
  SUBGRAPH_URL_ENTITY: z.url().optional(),
  SUBGRAPH_URL_DOCUMENT: z.url().optional(),
  SUBGRAPH_URL_FINANCE: z.url().optional(),
  SUBGRAPH_URL_SEARCH: z.url().optional(),
  SUBGRAPH_URL_ANALYTICS: z.url().optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /**
   * Prefix of every key this deployment writes to Redis, so several deployments (or test
   * runs) can share one Redis without spending each other's budgets or reading each other's
   * events.
   */
  REDIS_KEY_PREFIX: z.string().regex(/^[\w.:-]{1,64}$/, 'must be 1-64 letters, digits, dots, colons or dashes').default('bb'),
  /**
   * Secret the gateway signs the internal caller token with, and subgraphs verify it with.
   * Required in production; development and tests use a fixed, publicly known one.
   */
  INTERNAL_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Encrypts the identity subgraph's private signing keys at rest. Required in production. */
  KEY_ENCRYPTION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Development only: let subgraphs accept requests that did not come through the gateway. */
  ACCEPT_UNSIGNED_CALLER: flag.default(false),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: z.coerce.number().int().min(300).max(31_536_000).default(2_592_000),
  /** Apply pending migrations when a subgraph starts (on by default outside production). */
  MIGRATE_ON_START: flag.optional(),
  /**
   * Run each subgraph's event consumers inside its server process. Turn off where separate
   * worker processes (`npm run start:worker`) do that work and scale on their own.
   */
  RUN_WORKERS: flag.default(true),
  /** Days a deleted entity record stays in the bin, restorable, before it is purged for good. */
  ENTITY_BIN_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Largest GraphQL request body the gateway and the subgraphs accept, in bytes: a bulk call of
   * 10,000 rows is a few MB of JSON.
   */
  GRAPHQL_BODY_LIMIT: z.coerce.number().int().min(10_000).max(268_435_456).default(16_777_216),
  /** Largest file a document upload accepts (bytes); beyond it the upload is refused with 413. */
  DOCUMENT_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1_024).max(5_368_709_120).default(26_214_400),
  /** Open the gateway URL in a browser after `npm start`. */
  OPEN_BROWSER: flag.default(true),
  /** Card payments through Stripe when set (`sk_test_…`/`sk_live_…`, or a restricted `rk_…` key). */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret or restricted key').optional(),
  /** Verifies Stripe webhooks (`whsec_…`, from the webhook endpoint's settings); required with the key. */
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\w+$/, 'must be a Stripe webhook signing secret').optional(),
  /** Stripe's API address: only to point at a stand-in (stripe-mock, a test server). */
  STRIPE_API_URL: z.url().optional(),
  /** Where spans go over OTLP/HTTP (a collector, e.g. http://otel-collector:4318); unset: none leave the process. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** Overrides the service name spans are reported under (default: the process's service). */
  OTEL_SERVICE_NAME: z.string().min(1).max(100).optional(),
  /**
   * The gateway's rate-limit budgets as JSON, replacing the defaults: `{"anonymous":{"points":60,"durationSeconds":60},
   * "plans":{"free":{"user":…,"tenant":…,"apiKey":…}},"defaultPlan":"free"}`.
   */
  RATE_LIMIT_POLICY: z
    .string()
    .transform((text, ctx) => {
      try {
        return rateLimitPolicySchema.parse(JSON.parse(text));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `is not a rate-limit policy: ${error instanceof Error ? error.message.slice(0, 200) : String(error)}` });
        return z.NEVER;
      }
    })
    .optional(),
  /** A safelist for the gateway: an Apollo persisted query manifest of the only operations it runs. */
  TRUSTED_DOCUMENTS_PATH: z.string().min(1).optional(),
  /** enforce (refuse other operations) or log (run them, log them: to roll a safelist out). */
  TRUSTED_DOCUMENTS_MODE: z.enum(['enforce', 'log']).default('enforce'),
  /** Share of new traces sampled, 0 to 1 (a trace started elsewhere keeps its caller's decision). */
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).default(1),
});

const DEV_SECRET = 'development-only-secret-never-use-in-production';

type Env = z.infer<typeof schema>;

export interface Config {
  env: Env['NODE_ENV'];
  logLevel: NonNullable<Env['LOG_LEVEL']>;
  host: string;
  gatewayPort: number;
  gatewayWorkers: number;
  publicUrl: string;
  subgraphPorts: Record<SubgraphName, number>;
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  databaseUrl: string | undefined;
  databasePoolMax: number;
  dataDir: string;
  blobDir: string | undefined;
  /** Set when files live in an S3-compatible store rather than under blobDir. */
  s3: S3Config | undefined;
  supergraphPath: string;
  migrateOnStart: boolean;
  openBrowser: boolean;
  runWorkers: boolean;
  redisUrl: string | undefined;
  redisKeyPrefix: string;
  internalTokenSecret: string;
  keyEncryptionSecret: string;
  acceptUnsignedCaller: boolean;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  entityBinRetentionDays: number;
  graphqlBodyLimit: number;
  documentMaxUploadBytes: number;
  /** Set when payments may go through Stripe. */
  stripe: StripeConfig | undefined;
  otel: { endpoint: string | undefined; serviceName: string | undefined; sampleRatio: number };
  trustedDocuments: { path: string; mode: 'enforce' | 'log' } | undefined;
  /** The gateway's budgets when RATE_LIMIT_POLICY is set (else its defaults). */
  rateLimitPolicy: z.infer<typeof rateLimitPolicySchema> | undefined;
}

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  apiUrl: string | undefined;
}

export interface S3Config {
  bucket: string;
  endpoint: string | undefined;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
  forcePathStyle: boolean;
}

/** Thrown when the environment holds a wrong value; the message names every bad variable. */
export class ConfigError extends Error {}

/**
 * Reads and validates the configuration. This is the only place that reads `process.env`;
 * everything else receives a `Config` (or the part of it it needs).
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === 'production') {
    const problems = [
      ...(env.INTERNAL_TOKEN_SECRET ? [] : ['INTERNAL_TOKEN_SECRET: is required in production']),
      ...(env.KEY_ENCRYPTION_SECRET ? [] : ['KEY_ENCRYPTION_SECRET: is required in production']),
      ...(env.ACCEPT_UNSIGNED_CALLER ? ['ACCEPT_UNSIGNED_CALLER: must not be set in production'] : []),
    ];
    if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
  // A payment Stripe cannot confirm (no verified webhook) would stay pending for ever.
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET) {
    throw new ConfigError('invalid configuration:\n  STRIPE_WEBHOOK_SECRET: is required with STRIPE_SECRET_KEY');
  }
  return {
    env: env.NODE_ENV,
    logLevel: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    host: env.HOST,
    gatewayPort: env.GATEWAY_PORT,
    gatewayWorkers: env.GATEWAY_WORKERS,
    publicUrl: (env.PUBLIC_URL ?? `http://localhost:${env.GATEWAY_PORT}`).replace(/\/+$/, ''),
    subgraphPorts: {
      identity: env.IDENTITY_PORT,
      entity: env.ENTITY_PORT,
      document: env.DOCUMENT_PORT,
      finance: env.FINANCE_PORT,
      search: env.SEARCH_PORT,
      analytics: env.ANALYTICS_PORT,
    },
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, env[`SUBGRAPH_URL_${name.toUpperCase()}` as keyof Env]]).filter(
        ([, url]) => url !== undefined,
      ),
    ) as Partial<Record<SubgraphName, string>>,
    databaseUrl: env.DATABASE_URL,
    databasePoolMax: env.DATABASE_POOL_MAX,
    dataDir: env.DATA_DIR,
    blobDir: env.BLOB_DIR,
    s3: env.S3_BUCKET
      ? {
          bucket: env.S3_BUCKET,
          endpoint: env.S3_ENDPOINT,
          region: env.S3_REGION,
          credentials:
            env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
              ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY }
              : undefined,
          forcePathStyle: env.S3_FORCE_PATH_STYLE,
        }
      : undefined,
    supergraphPath: env.SUPERGRAPH_PATH,
    migrateOnStart: env.MIGRATE_ON_START ?? env.NODE_ENV !== 'production',
    openBrowser: env.OPEN_BROWSER && env.NODE_ENV === 'development',
    runWorkers: env.RUN_WORKERS,
    redisUrl: env.REDIS_URL,
    redisKeyPrefix: env.REDIS_KEY_PREFIX,
    internalTokenSecret: env.INTERNAL_TOKEN_SECRET ?? DEV_SECRET,
    keyEncryptionSecret: env.KEY_ENCRYPTION_SECRET ?? DEV_SECRET,
    acceptUnsignedCaller: env.ACCEPT_UNSIGNED_CALLER,
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
    entityBinRetentionDays: env.ENTITY_BIN_RETENTION_DAYS,
    graphqlBodyLimit: env.GRAPHQL_BODY_LIMIT,
    documentMaxUploadBytes: env.DOCUMENT_MAX_UPLOAD_BYTES,
    stripe:
      env.STRIPE_SECRET_KEY && env.STRIPE_WEBHOOK_SECRET
        ? { secretKey: env.STRIPE_SECRET_KEY, webhookSecret: env.STRIPE_WEBHOOK_SECRET, apiUrl: env.STRIPE_API_URL }
        : undefined,
    otel: { endpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: env.OTEL_SERVICE_NAME, sampleRatio: env.OTEL_TRACES_SAMPLER_ARG },
    trustedDocuments: env.TRUSTED_DOCUMENTS_PATH ? { path: env.TRUSTED_DOCUMENTS_PATH, mode: env.TRUSTED_DOCUMENTS_MODE } : undefined,
    rateLimitPolicy: env.RATE_LIMIT_POLICY,
  };
}

let cached: Config | undefined;

/** The process configuration, loaded once. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/**
 * Tests only: the configuration from now on is the environment with `overrides` (a test that needs
 * an integration configured, e.g. Stripe pointed at a stand-in). Values read before stay as read.
 */
export function overrideConfigForTests(overrides: Record<string, string>): Config {
  cached = loadConfig({ ...process.env, ...overrides });
  return cached;
}
