import { serviceLogger } from '../logger/logger.js';
import { retryDelayMs } from './backoff.js';
import { describeJobBackendContract } from './job-backend.contract.js';
import { createMemoryBackend } from './memory-backend.js';

// The tests fail jobs on purpose; their warnings would only bury real output.
const log = serviceLogger('jobs-test').child({}, { level: 'silent' });

describeJobBackendContract('in-memory', () => createMemoryBackend(log));

describe('retryDelayMs', () => {
  it('doubles the delay on each attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 1000, 0))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('makes the jitter share of the delay random, within the same bounds as BullMQ', () => {
    expect(retryDelayMs(3, 1000, 0.5, () => 0)).toBe(2000);
    expect(retryDelayMs(3, 1000, 0.5, () => 0.999)).toBe(3998);
  });
});
