// The `require` entry: the ESM module itself, through Node's require(esm) (Node >= 20.19).
// A CommonJS-bundled vitest.config.ts (a package without "type": "module") gets the same instance as import.
module.exports = require('../dist/generated-test-harness/cucumber.js')
