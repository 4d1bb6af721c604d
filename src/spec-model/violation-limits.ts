/** Violations stored per rule and trace when no `maxStoredViolations` is given; the rest are counted. */
export const DEFAULT_MAX_STORED_VIOLATIONS = 1000
