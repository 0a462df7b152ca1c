// The dense float64 product A Bᵀ lives with the kernels (SIMD WebAssembly, threaded, with the TypeScript twin
// src/kernels/row-dots.ts): core's linear algebra calls it from here.
export {rowDots} from '../../kernels/index.js'
