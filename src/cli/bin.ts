#!/usr/bin/env node
import { quietOnClosedPipe } from './closed-pipe.ts'
import { main } from './main.ts'

quietOnClosedPipe(process.stdout)
quietOnClosedPipe(process.stderr)
process.exitCode = await main(process.argv.slice(2))
