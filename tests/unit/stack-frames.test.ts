import { describe, expect, test } from 'vitest'
import { callerLocation, parseStackFrame, stackFrameLines } from '../../src/stack-frames.ts'

describe('parseStackFrame', () => {
  test.each([
    ['    at run (/proj/x.ts:1:2)', { file: '/proj/x.ts', line: 1, column: 2 }],
    ['    at /proj/x.ts:3:4', { file: '/proj/x.ts', line: 3, column: 4 }],
    ['    at async run (/proj/x.ts:5:6)', { file: '/proj/x.ts', line: 5, column: 6 }],
    ['    at async /proj/x.ts:5:6', { file: '/proj/x.ts', line: 5, column: 6 }],
    ['    at file:///proj/steps/kv.ts:12:5', { file: '/proj/steps/kv.ts', line: 12, column: 5 }],
    ['    at run (file:///proj/my%20steps/kv.ts:12:5)', { file: '/proj/my steps/kv.ts', line: 12, column: 5 }],
    ['    at run (/home/me/my project (copy)/x.ts:7:8)', { file: '/home/me/my project (copy)/x.ts', line: 7, column: 8 }],
    ['    at run (C:\\Users\\me\\my project\\steps.ts:9:1)', { file: 'C:\\Users\\me\\my project\\steps.ts', line: 9, column: 1 }],
    ['    at C:\\proj\\x.ts:2:3', { file: 'C:\\proj\\x.ts', line: 2, column: 3 }],
    ['    at run (\\\\server\\share\\x.ts:2:3)', { file: '\\\\server\\share\\x.ts', line: 2, column: 3 }],
    ['    at run (/proj/x.ts?v=123:4:5)', { file: '/proj/x.ts', line: 4, column: 5 }],
  ])('%s', (frame, location) => {
    expect(parseStackFrame(frame)).toEqual(location)
  })

  test.each([['    at node:internal/process/task_queues:95:5'], ['    at new Promise (<anonymous>)'], ['    at Array.map (native)'], ['    at run (relative/x.ts:1:2)']])('%s has no file', (frame) => {
    expect(parseStackFrame(frame)).toBeUndefined()
  })
})

describe('callerLocation', () => {
  test('skips the message, node: modules, node_modules and the skipped files', () => {
    const stack = [
      'Error: at /not/a/frame.ts:1:1',
      '    at define (C:\\pkg\\bdd.js:3:9)',
      '    at node:internal/modules/esm:1:1',
      '    at x (/proj/node_modules/lib/index.js:1:1)',
      '    at file:///C:/proj/steps/kv.ts:12:5',
    ].join('\n')
    expect(stackFrameLines(stack)).toHaveLength(4)
    expect(callerLocation(stack, (f) => f === 'C:\\pkg\\bdd.js')?.line).toBe(12)
    expect(callerLocation(undefined)).toBeUndefined()
  })
})
