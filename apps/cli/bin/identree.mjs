#!/usr/bin/env node
// The identree command. Workspaces ship TypeScript sources, so the CLI runs them through tsx's loader.
import { register } from 'tsx/esm/api';

// `identree … | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) stream.on('error', (error) => { if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw error; });
register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv);
