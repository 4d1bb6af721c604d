import { expect, test } from 'vitest'
import { register } from '../../../../src/built-in-specs/register/spec.ts'
import type { SpecPropertiesOptions } from '../../../../generated-test-harness/property-plan.ts'
import { bank, type BankAccount } from '../../../fixtures/property-operations/bank/spec.ts'
import type { RegisterImplementation } from '../../../../src/built-in-specs/register/operations.ts'
import type { SpecModel } from '../../../../src/spec-model/types.ts'

/** The options describeSpecProperties takes for a spec: its implementation type comes from the spec's operations. */
type OptionsFor<S> = S extends SpecModel<object, infer Impl> ? SpecPropertiesOptions<Impl> : never

test('a spec’s declared operations type the implementation describeSpecProperties accepts (tsc checks the lines marked)', () => {
  const account: BankAccount = { deposit: async () => {}, withdraw: async () => true, balance: async () => 0 }
  const ok: OptionsFor<typeof bank> = { implementation: () => account }
  // @ts-expect-error withdraw must return Promise<boolean>, as the bank spec's operations declare
  const wrongResult: OptionsFor<typeof bank> = { implementation: () => ({ ...account, withdraw: async () => 'no' }) }
  const store: RegisterImplementation = { read: async () => null, write: async () => {}, cas: async () => true }
  const registerOk: OptionsFor<typeof register> = { implementation: () => store }
  // @ts-expect-error a register implementation needs write and cas
  const missing: OptionsFor<typeof register> = { implementation: () => ({ read: async () => null }) }
  expect([ok, wrongResult, registerOk, missing].every((o) => typeof o.implementation === 'function')).toBe(true)
  expect(Object.keys(bank.operations!.operations)).toEqual(['deposit', 'withdraw', 'balance'])
})
