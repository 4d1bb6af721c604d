export function makeConcurrentKvOnceTrace(dir: string, options?: { events?: number; keys?: number; lag?: number }): Promise<{ concurrent: string; sequential: string; events: number }>
