// Writes `.gz` and `.br` beside every text and wasm file of a built dist/, for static hosts that
// serve precompressed files (nginx gzip_static/brotli_static, Caddy `precompressed`). Called by
// scripts/post_build.py in release builds, after every file is final.
//
//   node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, writeFileSync, statSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|json|svg|webmanifest|txt)$/;
const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/precompress.mjs DIR");
  process.exit(2);
}

function* files(d) {
  for (const name of readdirSync(d)) {
    const p = path.join(d, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (COMPRESSIBLE.test(name)) yield p;
  }
}

let count = 0, raw = 0, gz = 0, br = 0;
for (const file of files(dir)) {
  const bytes = readFileSync(file);
  const gzip = zlib.gzipSync(bytes, { level: 9 });
  const brotli = zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_MODE]: /\.wasm$/.test(file) ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  // A compressed copy that is not smaller is of no use to anyone; hosts then send the original.
  if (gzip.length < bytes.length) writeFileSync(file + ".gz", gzip);
  if (brotli.length < bytes.length) writeFileSync(file + ".br", brotli);
  count += 1;
  raw += bytes.length;
  gz += Math.min(gzip.length, bytes.length);
  br += Math.min(brotli.length, bytes.length);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`precompress: ${count} files, ${kb(raw)} -> gzip ${kb(gz)}, brotli ${kb(br)}`);
