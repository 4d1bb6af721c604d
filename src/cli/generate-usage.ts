// The usage text alone: `spec-ci --help` and the other commands print it without loading the command's code.
export const GENERATE_USAGE = `Usage: spec-ci generate check MANIFEST... [options]

Runs each target's generator of the drift manifests (*.generate.yml) into a temporary directory and
compares its output with the committed target, as the generate project does, without Vitest.

Options:
  --update             rewrite drifted targets (like vitest -u)
  --root DIR           project root the manifest paths are relative to  [current directory]
  --out DIR            where generate-artifacts-diff.json goes  [$SPEC_CI_REPORT_DIR/spec or hermetic-reports/spec]
  --max-reported-files N  changed files listed per target in the report (generate.maxReportedFiles)  [200]
  --quiet              print only one line per target

Exit codes: 0 every target up to date (or updated), 1 drift, a failing generator or a refused target,
2 unusable manifest or arguments.`
