#!/usr/bin/env node
// `npm start`: builds the data if it is missing, then serves the app (Vite dev server).
import { spawn } from 'node:child_process';
import { ensureData } from './ensure-data.mjs';

ensureData(process.argv.slice(2));
const vite = spawn('npx', ['vite', '--host', '127.0.0.1'], { stdio: 'inherit' });
vite.on('exit', (code) => process.exit(code ?? 0));
