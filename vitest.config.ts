import { defineConfig } from 'vitest/config'
import projects from './vitest.workspace.ts'

// Vitest 4 has no workspace file: the project list lives in vitest.workspace.ts and is used here.
export default defineConfig({
  test: {
    projects,
  },
})
