// The vendored copy's declarations live in ../types (as in the published package); this lets a relative import of
// src/index.js find them.
export * from '../types/index.js'
