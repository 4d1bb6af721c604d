import { defineSpec, type ParsedEvent } from '../../spec-model/define-spec.ts'
import { inventoryOperations, type InventoryImplementation } from './operations.ts'
import { isIsoTimestamp } from '../../spec-model/iso-timestamp.ts'

export type InventoryEventType = 'stock' | 'reserve' | 'release' | 'ship' | 'restock' | 'validation'

export interface InventoryEvent {
  type: InventoryEventType
  /** The item (SKU). */
  key: string
  quantity: number | undefined
  onHand: number | undefined
  allocated: number | undefined
  available: number | undefined
  result: 'pass' | 'fail' | undefined
  reason: string | undefined
}

export interface InventoryOptions {
  /** Lowest stock on hand an item may reach before `on-hand-below-minimum`. @default 0 */
  minOnHand: number
}

interface InventoryKeyState {
  onHand: number
  allocated: number
}

const QUANTITY_TYPES: ReadonlySet<string> = new Set(['reserve', 'release', 'ship', 'restock'])
const TYPES: ReadonlySet<string> = new Set([...QUANTITY_TYPES, 'stock', 'validation'])
const TYPE_LIST = [...TYPES].join(', ')

function show(value: unknown): string {
  if (value === undefined) return 'missing'
  if (typeof value === 'bigint') return `${value}`
  return JSON.stringify(value) ?? String(value)
}

function countField(raw: Record<string, unknown>, field: string, required: boolean): number | string | undefined {
  if (!Object.hasOwn(raw, field)) return required ? `"${field}" is missing; expected a non-negative integer` : undefined
  const v = raw[field]
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v
  return `"${field}" is ${show(v)}; expected a non-negative integer`
}

function parseInventoryEvent(raw: Record<string, unknown>): ParsedEvent<InventoryEvent> {
  const fail = (message: string): ParsedEvent<InventoryEvent> => ({ ok: false, message })
  const { type, key } = raw
  if (typeof type !== 'string' || !TYPES.has(type)) return fail(`"type" is ${show(type)}; expected one of ${TYPE_LIST}`)
  if (typeof key !== 'string' || key === '') return fail(`"key" is ${show(key)}; expected the item's id as a non-empty string`)
  if (Object.hasOwn(raw, 'timestamp') && (typeof raw.timestamp !== 'string' || !isIsoTimestamp(raw.timestamp)))
    return fail(`"timestamp" is ${show(raw.timestamp)}; expected an ISO 8601 date-time`)
  const quantity = countField(raw, 'quantity', QUANTITY_TYPES.has(type))
  const onHand = countField(raw, 'onHand', type === 'stock')
  const allocated = countField(raw, 'allocated', type === 'stock')
  const available = countField(raw, 'available', false)
  for (const v of [quantity, onHand, allocated, available]) if (typeof v === 'string') return fail(v)
  let result: 'pass' | 'fail' | undefined
  if (type === 'validation') {
    if (raw.result !== 'pass' && raw.result !== 'fail') return fail(`"result" is ${show(raw.result)}; expected "pass" or "fail"`)
    result = raw.result
  }
  if (Object.hasOwn(raw, 'reason') && typeof raw.reason !== 'string') return fail(`"reason" is ${show(raw.reason)}; expected a string`)
  return {
    ok: true,
    event: {
      type: type as InventoryEventType,
      key,
      quantity: quantity as number | undefined,
      onHand: onHand as number | undefined,
      allocated: allocated as number | undefined,
      available: available as number | undefined,
      result,
      reason: typeof raw.reason === 'string' ? raw.reason : undefined,
    },
  }
}

/**
 * Inventory reservations: per item, stock on hand and the quantity allocated to reservations. `stock`
 * events report both; `reserve`/`release`/`ship`/`restock` move them by `quantity`; any event may report
 * the `available` figure the system computed; `validation` events carry the system's own check result.
 */
export const inventory = defineSpec<InventoryEvent, InventoryKeyState, InventoryOptions, InventoryImplementation>({
  name: 'inventory',
  otlpDomain: 'inventory',
  defaultOptions: { minOnHand: 0 },
  validateOptions(o) {
    if (!Number.isSafeInteger(o.minOnHand) || o.minOnHand < 0)
      return `option "minOnHand" is ${show(o.minOnHand)}; expected a non-negative integer`
    return undefined
  },
  rules: {
    'available-mismatch': { description: 'A reported "available" equals onHand − allocated after the event.' },
    'validation-failed': { description: 'No validation event has result "fail".' },
  },
  invariants: {
    'allocated-exceeds-on-hand': {
      description: 'An item never has more allocated than on hand.',
      check: (s) =>
        s.allocated > s.onHand ? `allocated ${s.allocated} exceeds on hand ${s.onHand}` : undefined,
    },
    'on-hand-below-minimum': {
      description: 'An item never has less on hand than the configured minOnHand.',
      check: (s, o) => (s.onHand < o.minOnHand ? `on hand ${s.onHand} is below the minimum ${o.minOnHand}` : undefined),
    },
  },
  parseEvent: parseInventoryEvent,
  initialState: () => ({ onHand: 0, allocated: 0 }),
  apply(state, event, ctx) {
    const q = event.quantity ?? 0
    switch (event.type) {
      case 'stock':
        state.onHand = event.onHand ?? state.onHand
        state.allocated = event.allocated ?? state.allocated
        break
      case 'reserve':
        state.allocated += q
        break
      case 'release':
        state.allocated -= q
        break
      case 'ship':
        state.onHand -= q
        state.allocated -= q
        break
      case 'restock':
        state.onHand += q
        break
      case 'validation':
        if (event.result === 'fail')
          ctx.violate('validation-failed', `validation of item ${JSON.stringify(event.key)} failed${event.reason ? `: ${event.reason}` : ''}`)
        break
    }
    if (event.available !== undefined && event.available !== state.onHand - state.allocated)
      ctx.violate(
        'available-mismatch',
        `reported available ${event.available} but on hand ${state.onHand} − allocated ${state.allocated} = ${state.onHand - state.allocated}`,
      )
    return state
  },
  project: (state) => ({ onHand: state.onHand, allocated: state.allocated, available: state.onHand - state.allocated }),
  operations: inventoryOperations,
})

export type { InventoryImplementation } from './operations.ts'
