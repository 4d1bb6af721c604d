/** A step's data table, as step functions receive it (the shape Cucumber users know). */
export class DataTable {
  readonly #cells: string[][]

  constructor(cells: readonly (readonly string[])[]) {
    this.#cells = cells.map((row) => [...row])
  }

  /** Every row, the header included. */
  raw(): string[][] {
    return this.#cells.map((row) => [...row])
  }

  /** Every row but the first (the header). */
  rows(): string[][] {
    return this.raw().slice(1)
  }

  /** One object per row after the header, keyed by the header's cells. */
  hashes(): Array<Record<string, string>> {
    const [header = [], ...rows] = this.#cells
    return rows.map((row) => {
      const hash: Record<string, string> = {}
      // defineProperty: a header cell named `__proto__` is an ordinary key here.
      header.forEach((key, i) => Object.defineProperty(hash, key, { value: row[i] ?? '', enumerable: true, writable: true, configurable: true }))
      return hash
    })
  }

  /** A two-column table as an object: first column → second column. */
  rowsHash(): Record<string, string> {
    const hash: Record<string, string> = {}
    for (const [i, row] of this.#cells.entries()) {
      if (row.length !== 2) throw new Error(`DataTable.rowsHash(): row ${i + 1} has ${row.length} cells; it needs a two-column table`)
      Object.defineProperty(hash, row[0]!, { value: row[1]!, enumerable: true, writable: true, configurable: true })
    }
    return hash
  }

  transpose(): DataTable {
    const width = Math.max(0, ...this.#cells.map((r) => r.length))
    return new DataTable(Array.from({ length: width }, (_, c) => this.#cells.map((row) => row[c] ?? '')))
  }
}
