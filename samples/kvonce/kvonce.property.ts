import { describeSpecProperties } from 'vitest-spec-ci/property'
import { kvonce } from 'vitest-spec-ci/specs'
import { keyHashFaults } from './faults.ts'
import { createKvOnceStore } from './store.ts'

// Up to 5 transient faults per key against 3 retries: writes retry, key "a" gives up once and succeeds
// on its next write, so every event type of the spec is produced and checked.
describeSpecProperties(kvonce, {
  implementation: ({ emit, io }) => createKvOnceStore({ onEvent: emit, io, maxRetries: 3, faults: keyHashFaults(5) }),
  maxRetries: 3,
  numRuns: 200,
})
