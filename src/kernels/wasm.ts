import type {Kernels} from './index.js'

/** Placeholder until the WebAssembly build lands: no WebAssembly kernels, the twins run. */
export function loadWasmKernels(): Kernels | undefined {
  return undefined
}
