// Jest's counterpart of shared/runtime/register.js: the Reflect metadata API before any module.
import { tmpdir } from 'node:os';
import 'reflect-metadata';

// Each test file gets its own Redis keyspace: budgets, throttles and events of one run (or of
// a parallel worker) never leak into another's on the shared Redis.
// eslint-disable-next-line no-restricted-properties -- the test setup is what feeds config.ts here
process.env.REDIS_KEY_PREFIX = `test-${process.pid}-${Date.now().toString(36)}`;

// And its own blob store directory, so files one test writes are never another's.
// eslint-disable-next-line no-restricted-properties -- as above
process.env.BLOB_DIR = `${tmpdir()}/bb-blobs-${process.env.REDIS_KEY_PREFIX}`;
