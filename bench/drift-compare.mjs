// One side of the drift bench: the package's comparison of two trees (the built dist, as users run it).
import { compareTrees } from '../dist/src/index.js'

const [committed, generated] = process.argv.slice(2)
const start = performance.now()
const result = await compareTrees(committed, generated, { ignorePaths: ['generatedAt'] })
const ms = performance.now() - start
process.stdout.write(JSON.stringify({ ms, files: result.committed.length, changes: result.changes.length, diffstat: result.diffstatText }))
