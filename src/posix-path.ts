import path from 'node:path'

/** `p` with the platform's separators as `/`: how file names appear in test names, reports and messages. */
export function toPosix(p: string): string {
  return p.split(path.sep).join('/')
}
