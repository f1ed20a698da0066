/**
 * Every benchmark's figures go through here: each is printed beside its budget, and one over its
 * budget makes the run fail (exit code 1) once everything has printed.
 */
export function withinBudget(label: string, figure: number, budget: number, format: (value: number) => string): boolean {
  const within = figure <= budget;
  console.log(`  ${label}: ${format(figure)}   (budget ≤ ${format(budget)})${within ? '' : '   OVER BUDGET'}`);
  if (!within) {
    process.exitCode = 1;
    console.error(`over budget: ${label} ${format(figure)} > ${format(budget)}`);
  }
  return within;
}

/** A run that broke (no figure at all) fails too. */
export function broken(error: unknown): void {
  process.exitCode = 1;
  console.error(`the benchmark broke: ${error instanceof Error ? error.message : String(error)}`);
}
