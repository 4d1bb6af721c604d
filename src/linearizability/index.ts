// Concurrent histories checked for linearizability against a sequential model (Wing–Gong / Lowe search
// with Porcupine's memoisation, P-compositional by the model's partition), the built-in models, and
// Jepsen's EDN history format.
export { checkHistory, isSequentialHistory, DEFAULT_MAX_STEPS } from './check-history.ts'
export { partitionByKey } from './partition.ts'
export { structuralKey } from './state-identity.ts'
export type {
  CandidateRef,
  CheckHistoryOptions,
  HistoryCheckResult,
  HistoryModel,
  HistoryOperation,
  HistoryTime,
  InvalidOperation,
  LinearizabilityViolation,
  OperationId,
  OperationRef,
  PartitionResult,
  SearchBound,
  StepResult,
  Verdict,
} from './types.ts'
export { register } from './models/register.ts'
export type { RegisterModel } from './models/register.ts'
export { kv } from './models/kv.ts'
export type { KvState } from './models/kv.ts'
export { ednHash } from './models/edn-state.ts'
export { EdnChar, EdnKeyword, EdnMap, EdnSet, EdnSymbol, EdnSyntaxError, EdnTagged, ednEquals, parseEdn, printEdn } from './jepsen/edn.ts'
export type { EdnValue } from './jepsen/edn.ts'
export { JepsenHistoryBuilder, readJepsenHistory, readJepsenHistoryFile } from './jepsen/jepsen-history.ts'
export type { HistoryFinding, JepsenHistory, JepsenInput, JepsenOperation, JepsenOutput, JepsenReadOptions } from './jepsen/jepsen-history.ts'
