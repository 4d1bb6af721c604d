// The CLI's yardstick (issue 17): readline over the file and JSON.parse of every line, nothing else.
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'

let lines = 0
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  if (line === '') continue
  JSON.parse(line)
  lines++
}
process.stdout.write(JSON.stringify({ lines }))
