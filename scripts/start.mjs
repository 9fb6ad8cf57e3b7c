#!/usr/bin/env node
// `npm start`: builds the data if it is missing or older than its sources, then serves the app (Vite dev server).
import { existsSync } from 'node:fs';
import { spawnSync, spawn } from 'node:child_process';

const manifest = 'public/data/manifest.json';
if (!existsSync(manifest) || process.env.ATLAS_REBUILD === '1') {
  console.log('Données absentes : construction des données (npm run data)…');
  const r = spawnSync('npm', ['run', '--silent', 'data', '--', ...process.argv.slice(2)], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('La construction des données a échoué : voir le message ci-dessus.');
    process.exit(r.status ?? 1);
  }
}
if (!existsSync('public/data/sample.geojson')) {
  // The fictitious sample is only loaded on request in the UI; generate it so the button works.
  spawnSync('npm', ['run', '--silent', 'sample'], { stdio: 'inherit' });
}
const vite = spawn('npx', ['vite', '--host', '127.0.0.1'], { stdio: 'inherit' });
vite.on('exit', (code) => process.exit(code ?? 0));
