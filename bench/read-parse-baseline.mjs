// The yardstick: read the file and JSON.parse every line, nothing else, in the plainest fast way.
import { createReadStream } from 'node:fs'

const file = process.argv[2]
const start = performance.now()
let lines = 0
let rest = Buffer.alloc(0)
for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
  const buf = rest.length ? Buffer.concat([rest, chunk]) : chunk
  let from = 0
  let nl
  while ((nl = buf.indexOf(10, from)) !== -1) {
    if (nl > from) {
      JSON.parse(buf.toString('utf8', from, nl))
      lines++
    }
    from = nl + 1
  }
  rest = buf.subarray(from)
}
if (rest.length) {
  JSON.parse(rest.toString('utf8'))
  lines++
}
const ms = performance.now() - start
process.stdout.write(JSON.stringify({ ms, lines, maxRssMb: process.resourceUsage().maxRSS / 1024 }))
