import os from 'node:os'
import { version as protocolVersion, type Meta } from '@cucumber/messages'

/** The CI system a run is on, as Cucumber's `meta.ci` (GitHub Actions only; others leave it out). */
function ciOf(env: NodeJS.ProcessEnv): Meta['ci'] {
  if (env.GITHUB_ACTIONS !== 'true' || !env.GITHUB_SERVER_URL || !env.GITHUB_REPOSITORY) return undefined
  const repository = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}`
  return {
    name: 'GitHub Actions',
    ...(env.GITHUB_RUN_ID && { url: `${repository}/actions/runs/${env.GITHUB_RUN_ID}`, buildNumber: env.GITHUB_RUN_ID }),
    ...(env.GITHUB_SHA && { git: { remote: `${repository}.git`, revision: env.GITHUB_SHA, ...(env.GITHUB_REF_NAME && { branch: env.GITHUB_REF_NAME }) } }),
  }
}

/** `meta`: the protocol of the installed @cucumber/messages, this implementation, and where it ran. */
export function runMeta(implementation: { name: string; version: string }, env: NodeJS.ProcessEnv = process.env): Meta {
  const ci = ciOf(env)
  return {
    protocolVersion,
    implementation,
    runtime: { name: 'Node.js', version: process.versions.node },
    os: { name: process.platform, version: os.release() },
    cpu: { name: process.arch },
    ...(ci && { ci }),
  }
}
