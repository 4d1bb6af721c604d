import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin } from 'vite'
import { inFocus } from '../../src/contract/focus.ts'
import { encodeContract } from '../../src/contract/contract-codec.ts'
import { contractTestMeta } from '../../src/contract/test-meta.ts'
import type { ContractInteraction, ParsedContract } from '../../src/contract/types.ts'
import { uniqueTitles } from '../../src/unique-titles.ts'
import { harnessPath } from '../harness-path.ts'
import type { ResolvedContractOptions } from './resolve-contract-options.ts'
import { renderContractModule, type DeclaredInteraction } from './render-contract-module.ts'
import { InputFiles, inputFilePlugin } from '../input-files.ts'

// Vite's JSON plugin transforms every id ending in `.json` and skips ids with a `raw` query; this
// plugin's load hook owns these ids before any other plugin reads them.
export const CONTRACT_QUERY = '?spec-ci-contract&raw'

function skipReason(contract: ParsedContract, interaction: ContractInteraction, displayFile: string, focus: readonly string[]): string | undefined {
  const subject = { file: displayFile, contractId: contract.id, interactionId: interaction.id, consumer: contract.consumer, provider: contract.provider }
  if (!inFocus(focus, subject)) return `out of focus (${focus.join(', ')})`
  return undefined
}

/** The Vite face of the contract project: each matching contract file becomes a test module. */
export function contractPlugin(options: ResolvedContractOptions): Plugin {
  const inputs = new InputFiles(options.include, options.exclude)

  /** A configured module, as an absolute path; or why it cannot be used. */
  const moduleFile = (option: string | undefined, name: string): { file?: string; error?: string } => {
    if (!option) return {}
    const file = path.resolve(inputs.root, option)
    return existsSync(file) ? { file } : { error: `contract.provider.${name} names ${JSON.stringify(option)}, but ${inputs.display(file)} does not exist in ${inputs.root}` }
  }

  return inputFilePlugin('vitest-spec-ci:contract', inputs, CONTRACT_QUERY, {
    async load(_context, file) {
      // The contract parser (and its Pact regex engine, re2js) loads with the first contract, not with
      // the plugin: a run of the other projects never pays for it.
      const { ContractFileError, parseContract } = await import('../../src/contract/parse-contract.ts')
      const displayFile = inputs.display(file)
      const start = moduleFile(options.provider.start, 'start')
      const states = moduleFile(options.provider.states, 'states')
      const messages = moduleFile(options.provider.messages, 'messages')
      let contract: ParsedContract | undefined
      let fileError: { message: string; line: number } | undefined
      try {
        contract = parseContract(readFileSync(file, 'utf8'), { maxJsonDepth: options.maxJsonDepth })
      } catch (error) {
        if (!(error instanceof ContractFileError)) throw error
        fileError = { message: `${displayFile}:${error.line}: ${error.message}`, line: error.line }
      }
      const interactions: DeclaredInteraction[] = []
      if (contract) {
        const titles = uniqueTitles(contract.interactions.map((i) => i.description))
        for (const [index, interaction] of contract.interactions.entries()) {
          const skip = skipReason(contract, interaction, displayFile, options.focus)
          interactions.push({
            title: titles[index]!,
            line: interaction.line,
            skip,
            skipMeta:
              skip === undefined
                ? undefined
                : contractTestMeta({ file: displayFile, line: interaction.line, description: titles[index]!, status: 'skipped', contract, skipReason: skip }),
          })
        }
      }
      return renderContractModule({
        file,
        displayFile,
        harness: harnessPath('contract'),
        config: {
          file,
          displayFile,
          titles: interactions.map((i) => i.title),
          provider: {
            baseUrl: options.provider.baseUrl,
            start: options.provider.start,
            states: options.provider.states,
            messages: options.provider.messages,
            timeoutMs: options.provider.timeoutMs,
            maxBodyBytes: options.provider.maxBodyBytes,
          },
          maxJsonDepth: options.maxJsonDepth,
          moduleError: start.error ?? states.error ?? messages.error,
          // The parse above, handed to the worker: the file is read and parsed once.
          contract: contract ? encodeContract(contract) : undefined,
        },
        startModule: start.file,
        statesModule: states.file,
        messagesModule: messages.file,
        interactions,
        fileError,
      })
    },
  })
}
