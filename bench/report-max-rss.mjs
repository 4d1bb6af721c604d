// Preloaded with --import into a process under measurement: on exit, writes its peak RSS (MB) and
// wall time since start to the file named by BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs'

const start = performance.now()
process.on('exit', () => {
  writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
})
