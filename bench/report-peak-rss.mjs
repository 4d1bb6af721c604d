// Preloaded with --import into a process under measurement: on exit, writes its peak RSS (MB) and wall
// time since start to the file named by BENCH_RSS_FILE. The peak is VmHWM of /proc/self/status, the high
// water mark of this process's own memory since exec. Not process.resourceUsage().maxRSS: on Linux
// ru_maxrss carries over exec the RSS the forked child had before it, i.e. its parent's at spawn time,
// so a child of a parent holding 230 MB of request bodies reports at least 230 MB whatever it uses.
// Falls back to maxRSS where there is no /proc (then `source` says so).
import { readFileSync, writeFileSync } from 'node:fs'

const start = performance.now()

export function peakRssMb() {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (hwm) return { maxRssMb: Number(hwm[1]) / 1024, source: 'VmHWM' }
  } catch {
    // no procfs
  }
  return { maxRssMb: process.resourceUsage().maxRSS / 1024, source: 'maxRSS' }
}

if (process.env.BENCH_RSS_FILE) {
  process.on('exit', () => {
    writeFileSync(process.env.BENCH_RSS_FILE, JSON.stringify({ ms: performance.now() - start, ...peakRssMb() }))
  })
}
