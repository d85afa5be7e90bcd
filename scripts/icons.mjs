#!/usr/bin/env node
// Renders assets/icon.svg to public/icon/{16,32,48,128}.png (WXT picks them up as manifest icons).
// Run by hand after changing the SVG (`npm run icons`) and commit the PNGs: builds and CI never run it.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const root = fileURLToPath(new URL('..', import.meta.url));
const svg = await readFile(`${root}assets/icon.svg`);
await mkdir(`${root}public/icon`, { recursive: true });
for (const size of [16, 32, 48, 128]) {
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();
  await writeFile(`${root}public/icon/${size}.png`, png);
  console.log(`public/icon/${size}.png (${png.length} bytes)`);
}
