/**
 * The value of one series in a Prometheus text exposition (`GET /metrics`), or 0 when absent:
 * `metricValue(text, 'jobs_total', { queue: 'analytics.facts', outcome: 'completed' })`. Labels not
 * named may take any value; the first matching series is read.
 */
export function metricValue(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const found = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (found) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}
