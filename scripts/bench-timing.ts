// Timing helpers shared by the bench scripts.
import { performance } from "node:perf_hooks";

export function summarize(label: string, samples: number[], extra = "") {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(2);
  console.log(
    `${label.padEnd(34)} n=${String(samples.length).padEnd(5)} p50=${at(0.5)} ms  p95=${at(0.95)} ms  max=${at(1)} ms${extra ? `  ${extra}` : ""}`,
  );
}

export async function time(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
