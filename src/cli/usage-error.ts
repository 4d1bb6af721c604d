/** Arguments or input the command cannot use: exit 2, the message, then the command's usage. */
export class CliUsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message)
  }
}
