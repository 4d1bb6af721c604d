import { lstatSync, readlinkSync, type Stats } from 'node:fs'

/** What a file that is not a regular file is, for messages: "a FIFO (named pipe)", "a directory", … */
export function nonRegularKind(stats: Pick<Stats, 'isDirectory' | 'isFIFO' | 'isCharacterDevice' | 'isBlockDevice' | 'isSocket'>): string {
  if (stats.isDirectory()) return 'a directory'
  if (stats.isFIFO()) return 'a FIFO (named pipe)'
  if (stats.isCharacterDevice()) return 'a character device'
  if (stats.isBlockDevice()) return 'a block device'
  if (stats.isSocket()) return 'a socket'
  return 'a special file'
}

/**
 * Why a trace path that is not a regular file is refused, to follow its name: `is a character device
 * (the symlink's target /dev/zero), not a regular file; …`. `link` is the target when the path is a symlink.
 */
export function notRegularFileReason(stats: Parameters<typeof nonRegularKind>[0], link: string | undefined): string {
  const via = link !== undefined ? ` (the symlink's target ${link})` : ''
  return (
    `is ${nonRegularKind(stats)}${via}, not a regular file: only regular files are read as traces, ` +
    'since a pipe or device may block or never end. Replace it with a regular file, or exclude it'
  )
}

/** Where `file` points when it is a symbolic link (raw, as the link says), else undefined; never throws. */
export function symlinkTarget(file: string): string | undefined {
  try {
    return lstatSync(file).isSymbolicLink() ? readlinkSync(file) : undefined
  } catch {
    return undefined
  }
}
