import {freemem} from 'node:os'

/** The cost-cache budget when none is given: min(1 GiB, a quarter of the memory free now). */
export function defaultMemoryBudget(): number {
  return Math.min(2 ** 30, Math.floor(freemem() / 4))
}
