import { expect, test } from 'vitest'
import { renderContractModule, type ContractModuleInput } from '../../../plugin/contract/render-contract-module.ts'
import { mappedLines } from './mapped-lines.ts'

const input = (rest: Partial<ContractModuleInput>): ContractModuleInput => ({
  file: '/project/contracts/orders.json',
  displayFile: 'contracts/orders.json',
  harness: '/pkg/generated-test-harness/contract.js',
  config: { file: '/project/contracts/orders.json', displayFile: 'contracts/orders.json', titles: ['get an order', 'order placed'], provider: { baseUrl: 'http://localhost:3000' } },
  startModule: undefined,
  statesModule: undefined,
  interactions: [],
  fileError: undefined,
  ...rest,
})

test('the generated module for a contract is pinned (golden file): provider modules, a test per interaction, a skipped one with its meta', async () => {
  const skipMeta = { kind: 'contract', file: 'contracts/orders.json', line: 12, description: 'order placed', status: 'skipped', skipReason: 'message interaction' }
  const rendered = renderContractModule(
    input({
      startModule: '/project/provider/start.ts',
      statesModule: '/project/provider/states.ts',
      interactions: [
        { title: 'get an order', line: 4, skip: undefined },
        { title: 'order placed', line: 12, skip: 'message interaction', skipMeta },
      ],
    }),
  )
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/contract-module.golden.js')
  expect(rendered.map.sources).toEqual(['/project/contracts/orders.json'])
  expect(rendered.map.sourcesContent).toEqual([null])
  // Each interaction's test on its line of the contract; the rest on line 1.
  expect(mappedLines(rendered)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 4, 12, 1, 1])
})

test('a contract file that cannot be read: one failing test at the line of the problem', async () => {
  const rendered = renderContractModule(input({ fileError: { message: 'contracts/orders.json:7: Unexpected token', line: 7 } }))
  await expect(rendered.code).toMatchFileSnapshot('./__snapshots__/contract-file-error-module.golden.js')
  expect(mappedLines(rendered)).toEqual([1, 1, 1, 1, 1, 1, 7, 1, 1])
})
