// postinstall: bounds two run lengths in hyparquet's RLE/bit-packed decoder (src/encoding.js), so a corrupt Parquet
// page is refused as an error instead of aborting Node or looping for minutes. Found by test/io/fuzz-binary.test.ts:
//  - a corrupt RLE run length wrote that many entries into a plain Array sized for the page, growing it past V8's
//    limit ("Fatal JavaScript invalid size error": the process dies, no try/catch can catch it);
//  - a corrupt bit-packed header (header >> 1 << 3 overflows to a negative count) made `while (count)` never end;
//  - a data page v2 header without its level lengths left the reader's offset NaN, and DataView reads at NaN read
//    byte 0 forever.
// Valid files are unaffected: a run never needs more values than the page has left (bit-packed padding past the end
// was decoded and thrown away). Idempotent; if hyparquet's code has changed, it warns and leaves it alone, and the
// regression tests in test/io/fuzz-regressions.test.ts say whether the new version still needs it.
import {readFileSync, writeFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

const MARK = '/* divergence: bounded run */'
const require = createRequire(import.meta.url)
let file
try {
  // The package's exports hide package.json; its Node entry point sits beside encoding.js in src/.
  file = join(dirname(require.resolve('hyparquet')), 'encoding.js')
} catch {
  process.exit(0) // hyparquet not installed (yet): nothing to patch
}
const source = readFileSync(file, 'utf8')
if (source.includes(MARK)) process.exit(0)
const edits = [
  ['  const startOffset = reader.offset\n', `  const startOffset = reader.offset\n  if (!Number.isSafeInteger(startOffset) || !(length >= 0)) throw new Error('parquet page has corrupt level lengths') ${MARK}\n`],
  ['      const count = header >>> 1\n', `      const count = Math.min(header >>> 1, output.length - seen) ${MARK}\n`],
  ['  let count = header >> 1 << 3 // values to read\n', `  let count = Math.max(0, Math.min(header >> 1 << 3, output.length - seen)) ${MARK}\n`],
]
if (edits.some(([from]) => !source.includes(from))) {
  console.warn(`divergence: ${file} is not the hyparquet version this patch was written for (1.31.x); corrupt Parquet pages may hang or abort instead of failing cleanly`)
  process.exit(0)
}
writeFileSync(file, edits.reduce((text, [from, to]) => text.replace(from, to), source))
