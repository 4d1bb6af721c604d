import { defineConfig } from 'vitest/config'

// The yardstick for project overhead: Vitest itself running one trivial test.
export default defineConfig({ test: { include: ['trivial.test.ts'] } })
