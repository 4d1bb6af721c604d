import { ModuleWriter, type RenderedModule } from '../module-writer.ts'

/** One test of a contract file, as declared. */
export interface DeclaredInteraction {
  title: string
  line: number
  /** Why it is registered as skipped (out of focus); undefined: it runs. */
  skip: string | undefined
  /** Meta of a skipped test (it never runs, so it cannot set its own). */
  skipMeta?: object
}

export interface ContractModuleInput {
  file: string
  displayFile: string
  harness: string
  /** The verifier's config, plain data (the modules below are imported and added to it). */
  config: Record<string, unknown>
  startModule: string | undefined
  statesModule: string | undefined
  /** `contract.provider.messages`, resolved: the module of message producers. */
  messagesModule?: string | undefined
  interactions: DeclaredInteraction[]
  /** The file cannot be read as a contract: one failing test instead of the interactions. */
  fileError: { message: string; line: number } | undefined
}

const str = JSON.stringify

/** Test title for a file that cannot be read; stable, so filters and history keep working. */
export const FILE_ERROR_TITLE = 'contract file can be read'

/**
 * The test module of one contract file: one literal test per interaction (static collection and the
 * explorer see each), placed by the source map on the interaction's line; behaviour lives in the harness.
 */
export function renderContractModule(input: ContractModuleInput): RenderedModule {
  const name = input.displayFile.split('/').pop() ?? input.displayFile
  const out = new ModuleWriter(input.displayFile, 'edit the contract or the config', input.harness)
  out.importVitest(['afterAll', 'describe', 'test'])
  out.importFrom(input.harness, ['contractVerifier'])
  if (input.startModule) out.importFrom(input.startModule, { namespace: 'providerModule' })
  if (input.statesModule) out.importFrom(input.statesModule, { namespace: 'stateHandlers' })
  if (input.messagesModule) out.importFrom(input.messagesModule, { namespace: 'messageProducers' })
  const modules = [input.startModule ? 'providerModule' : '', input.statesModule ? 'stateHandlers' : '', input.messagesModule ? 'messageProducers' : ''].filter(Boolean)
  out.statement(`const contract = contractVerifier({ ...${str(input.config)}${modules.length ? ', ' + modules.join(', ') : ''} })`)
  out.describe(name, 1, () => {
    out.statement(`afterAll(() => contract.stop())`)
    const { fileError } = input
    if (fileError) out.test(FILE_ERROR_TITLE, `(context) => contract.fileError(context, ${str(fileError.message)}, ${fileError.line})`, { line: fileError.line })
    for (const [index, interaction] of input.interactions.entries()) {
      if (interaction.skip !== undefined) out.skip(interaction.title, { specCi: interaction.skipMeta ?? {} }, interaction.line)
      else out.test(interaction.title, `(context) => contract.verify(context, ${index})`, { line: interaction.line })
    }
  })
  return out.toModule({ file: input.file, readByVite: true })
}
