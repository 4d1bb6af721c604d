/**
 * Resolves with why a long-running command stops: SIGINT, SIGTERM, or the end of `ms`; the listeners are
 * removed again. `onSecond`: called on a second signal while the command is closing (stop now).
 */
export function stopSignal(ms: number | undefined, onSecond?: () => void): Promise<string> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined
    const stop = (why: string) => {
      clearTimeout(timer)
      process.removeListener('SIGINT', onInt)
      process.removeListener('SIGTERM', onTerm)
      if (onSecond) {
        process.once('SIGINT', onSecond)
        process.once('SIGTERM', onSecond)
      }
      resolve(why)
    }
    const onInt = () => stop('SIGINT')
    const onTerm = () => stop('SIGTERM')
    process.once('SIGINT', onInt)
    process.once('SIGTERM', onTerm)
    if (ms !== undefined) timer = setTimeout(() => stop(`after ${ms / 1000} s`), ms)
  })
}
