// The vendored copy's declarations live in ../types (as in the published package); this lets a relative import of
// src/encoding.js (test/io/hyparquet-vendored.test.ts) find them.
export * from '../types/encoding.js'
