#!/usr/bin/env node
// Entry point of the `moe-repro` command: registers the TypeScript loader
// (tsx) so the sources run as they are, with no build step, then hands over.
import { register } from 'tsx/esm/api';
import { registerUserModuleHooks } from '../src/loader/userModules.mjs';

register();
// A user's engine anywhere on disk imports the public API by name (moe-repro/engine).
registerUserModuleHooks();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
