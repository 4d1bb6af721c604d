import { randomBytes, randomInt, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { evaluateDateExpression } from './date-expression.ts'
import { DEFAULT_DATE_FORMATS } from './java-date-pattern.ts'
import { formatDate } from './pact-date-pattern.ts'
import { compilePactRegex } from './pact-regex.ts'
import type { Generator } from './types.ts'

/** A generator that cannot produce its value; the message says which generator, where and why. */
export class GeneratorError extends Error {
  override name = 'GeneratorFailed'
}

/** What ProviderState generators read: the values of the interaction's provider states. */
export interface GeneratorContext {
  /** The states' params, overridden by the values their handlers returned. */
  values: Record<string, unknown>
  /** The states' names, for messages. */
  states: string[]
}

/** Longest text a Random* generator makes: a contract asking for more is refused rather than filling memory. */
export const MAX_GENERATED_LENGTH = 65536

function length(generator: Generator, key: string, fallback: number, where: string): number {
  const n = int(generator[key], fallback)
  if (n < 0 || n > MAX_GENERATED_LENGTH) throw new GeneratorError(`${where}: ${generator.type} generator: "${key}" ${n} is outside 0..${MAX_GENERATED_LENGTH}`)
  return n
}

const int = (v: unknown, fallback: number): number => (Number.isInteger(v) ? (v as number) : typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : fallback)

function randomDigits(count: number): string {
  let out = ''
  while (out.length < count) out += String(randomInt(0, 10))
  return out
}

function randomDecimal(digits: number): number {
  const n = Math.max(2, Math.min(digits, 15))
  // n significant digits with the point somewhere inside, no leading zero: e.g. 10 → 4831.920571
  const text = String(randomInt(1, 10)) + randomDigits(n - 1)
  const point = randomInt(1, n)
  let value = Number(`${text.slice(0, point)}.${text.slice(point)}`)
  if (Number.isInteger(value)) value += 0.5
  return value
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'

function fromRegex(source: string, where: string): string {
  const pact = compilePactRegex(source)
  if (typeof pact === 'string') throw new GeneratorError(`${where}: Regex generator: ${pact}`)
  // fast-check generates from a JavaScript RegExp: with the `u` flag (\p{…}) when it compiles, else without
  // it (RE2 takes `[\w-]`, which `u` refuses). Every candidate is checked by the RE2 rule itself.
  const body = `^(?:${source.replace(/^\^/, '').replace(/\$$/, '')})$`
  let js: RegExp | undefined
  let reason = ''
  for (const flags of ['u', '']) {
    try {
      js = new RegExp(body, flags)
      break
    } catch (error) {
      reason = (error as Error).message
    }
  }
  if (!js) throw new GeneratorError(`${where}: Regex generator: cannot generate text for /${source}/: ${reason}`)
  for (const candidate of fc.sample(fc.stringMatching(js), 20)) if (pact.matches(candidate)) return candidate
  throw new GeneratorError(`${where}: Regex generator: no text matching /${source}/ (RE2) could be generated`)
}

function uuid(format: unknown): string {
  const id = randomUUID()
  switch (format) {
    case 'simple': return id.replaceAll('-', '')
    case 'upper-case-hyphenated': return id.toUpperCase()
    case 'URN': return `urn:uuid:${id}`
    default: return id
  }
}

function dateTime(generator: Generator, kind: 'date' | 'time' | 'timestamp', where: string): string {
  const format = typeof generator.format === 'string' && generator.format !== '' ? generator.format : DEFAULT_DATE_FORMATS[kind]
  const at = evaluateDateExpression(typeof generator.expression === 'string' ? generator.expression : undefined)
  if (typeof at === 'string') throw new GeneratorError(`${where}: ${generator.type} generator: ${at}`)
  const formatted = formatDate(format, {
    year: at.year(),
    month: at.monthValue(),
    day: at.dayOfMonth(),
    dayOfYear: at.dayOfYear(),
    dayOfWeek: at.dayOfWeek().value(),
    hour: at.hour(),
    minute: at.minute(),
    second: at.second(),
    nano: at.nano(),
    offsetSeconds: at.offset().totalSeconds(),
  })
  if (typeof formatted !== 'string') throw new GeneratorError(`${where}: ${generator.type} generator: ${formatted.problem}`)
  return formatted
}

/** `${name}` (also `${a.b}`) in a ProviderState expression → the states' value; the whole expression one `${…}` keeps the value's type. */
function fromProviderState(generator: Generator, context: GeneratorContext, where: string): unknown {
  const expression = generator.expression as string
  const lookup = (name: string): unknown => {
    let value: unknown = context.values
    const key = name.trim()
    for (const part of Object.hasOwn(context.values, key) ? [key] : key.split('.')) {
      value = value !== null && typeof value === 'object' && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined
      if (value === undefined) break
    }
    if (value === undefined) {
      const known = Object.keys(context.values)
      throw new GeneratorError(
        `${where}: the ProviderState generator's expression ${JSON.stringify(expression)} needs the value "${name.trim()}", but ${
          context.states.length === 0 ? 'the interaction has no provider state' : `the provider state${context.states.length > 1 ? 's' : ''} ${context.states.map((s) => JSON.stringify(s)).join(', ')}`
        } gave none (${known.length === 0 ? 'no values' : `values: ${known.join(', ')}`}); return it from the state handler: return { ${JSON.stringify(name.trim())}: … }`,
      )
    }
    return value
  }
  const whole = /^\$\{([^}]+)\}$/.exec(expression)
  const raw = whole ? lookup(whole[1]!) : expression.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const v = lookup(name)
    return typeof v === 'string' ? v : JSON.stringify(v)
  })
  switch (String(generator.dataType ?? 'RAW').toUpperCase()) {
    case 'STRING': return typeof raw === 'string' ? raw : JSON.stringify(raw)
    case 'INTEGER': {
      const n = typeof raw === 'number' ? Math.trunc(raw) : Number.parseInt(String(raw), 10)
      if (!Number.isFinite(n)) throw new GeneratorError(`${where}: ProviderState generator ${JSON.stringify(expression)} gave ${JSON.stringify(raw)}, not an INTEGER`)
      return n
    }
    case 'DECIMAL':
    case 'FLOAT': {
      const n = typeof raw === 'number' ? raw : Number.parseFloat(String(raw))
      if (!Number.isFinite(n)) throw new GeneratorError(`${where}: ProviderState generator ${JSON.stringify(expression)} gave ${JSON.stringify(raw)}, not a ${String(generator.dataType)}`)
      return n
    }
    case 'BOOLEAN': return raw === true || raw === 'true'
    default: return raw
  }
}

/**
 * The value a generator produces; `undefined` means "leave the example as it is" (MockServerURL, a
 * consumer-side generator). `where` names the generator in messages (`request $.body.id`).
 */
export function generateValue(generator: Generator, context: GeneratorContext, where: string): unknown {
  switch (generator.type) {
    case 'RandomInt': {
      const min = int(generator.min, 0)
      const max = int(generator.max, 2147483647)
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max)) throw new GeneratorError(`${where}: RandomInt generator: min and max must be safe integers, got ${min} and ${max}`)
      if (max < min) throw new GeneratorError(`${where}: RandomInt generator: max ${max} is below min ${min}`)
      // crypto.randomInt takes ranges below 2^48
      return max - min < 2 ** 48 - 1 ? randomInt(min, max + 1) : min + Math.floor(Math.random() * (max - min + 1))
    }
    case 'RandomDecimal': return randomDecimal(length(generator, 'digits', 10, where))
    case 'RandomHexadecimal': {
      const digits = Math.max(1, length(generator, 'digits', 10, where))
      return randomBytes(Math.ceil(digits / 2)).toString('hex').slice(0, digits)
    }
    case 'RandomString': {
      const size = length(generator, 'size', 10, where)
      let out = ''
      for (let i = 0; i < size; i++) out += ALPHANUMERIC[randomInt(0, ALPHANUMERIC.length)]
      return out
    }
    case 'Regex': return fromRegex(generator.regex as string, where)
    case 'Uuid': return uuid(generator.format)
    case 'Date': return dateTime(generator, 'date', where)
    case 'Time': return dateTime(generator, 'time', where)
    case 'DateTime': return dateTime(generator, 'timestamp', where)
    case 'RandomBoolean': return randomInt(0, 2) === 1
    case 'ProviderState': return fromProviderState(generator, context, where)
    default: return undefined
  }
}
