import { bigintAsDecimal } from '../../json/stringify-report.ts'

/**
 * JSON for a `<script type="application/json">` element: `<`, `>` and `&` become `\u003c`, `\u003e`,
 * `\u0026`, so no input text can close the element or open a comment, and U+2028/U+2029 are escaped
 * for older parsers that took them for line ends; bigints become decimal strings, as in summary.json. `JSON.parse` of the element's text gives the value back.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value, bigintAsDecimal).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
