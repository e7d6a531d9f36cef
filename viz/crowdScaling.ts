/**
 * The benchmark's crowd (`?scenario=crowd&people=N`, bench/vizBench.ts): a scenario whose
 * pedestrian groups are scaled, each in proportion, so that about `people` people are placed in
 * all. Plain data in and out (no vite import), so that the page and the Node benchmark share it.
 */
export function scaleCrowd<T extends { name: string; pedestrians: { count: number }[] }>(scenario: T, people: number): T {
  const scaled = structuredClone(scenario);
  const total = scaled.pedestrians.reduce((sum, group) => sum + group.count, 0);
  for (const group of scaled.pedestrians) group.count = Math.max(1, Math.round((group.count * people) / total));
  scaled.name = `Default district, ${people} people`;
  return scaled;
}
