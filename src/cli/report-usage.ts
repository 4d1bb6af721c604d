// The usage text alone: `spec-ci --help` and the other commands print it without loading the command's code.
export const REPORT_USAGE = `Usage: spec-ci report serve [DIR] [options]
       spec-ci report open [DIR] [options]

Serves the report directory DIR (the reporter's; it holds spec-ci/index.html, the dashboard) over HTTP on
127.0.0.1 and prints the dashboard's URL, for when opening the file from file:// is awkward. Only regular
files under DIR are served (GET and HEAD); a path with .. or a dot-name, or a symlink out of DIR, is
refused. "open" also tries to open the URL in a browser ($BROWSER, else xdg-open, open or start);
when none can be started it says so and keeps serving. Stops on SIGINT/SIGTERM or after --duration.

Arguments:
  DIR                  the report directory  [$SPEC_CI_REPORT_DIR or hermetic-reports]

Options:
  --port N             port to listen on; 0 for a free one  [0]
  --duration S         stop after S seconds (or a duration such as 500ms, 2m)  [until a signal]

Exit codes: 0 stopped, 2 no dashboard in DIR, unusable arguments, or the port cannot be listened on.`
