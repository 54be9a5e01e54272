#!/usr/bin/env node
// Runs a TypeScript file (benchmarks, scripts) through tsx's loader: node bin/run-ts.js file.ts [args]
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { register } from 'tsx/esm/api';

register();
const [file, ...rest] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...rest];
await import(pathToFileURL(resolve(file)).href);
