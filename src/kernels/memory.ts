import {freemem} from 'node:os'

/** The cost-cache budget when none is given: min(1 GiB, a quarter of the memory free now). */
export function defaultMemoryBudget(): number {
  return Math.min(2 ** 30, Math.floor(freemem() / 4))
}

/**
 * Bytes from a `--memory` value: a number with an optional K, M or G suffix (powers of 1024), e.g. 512M, 2G, 0.
 * Returns undefined for text that is not one.
 */
export function parseBytes(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)i?b?\s*$/i.exec(text)
  if (!m) return undefined
  const unit = {'': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30}[m[2].toLowerCase() as '' | 'k' | 'm' | 'g']
  return Math.floor(Number(m[1]) * unit)
}
