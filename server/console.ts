/** Console lines: one human-readable line per received scrobble, for the demo and server/main.ts. */
import type { ReceivedScrobble } from './state';

const printable = (text: string, max = 80) => {
  const clean = text.replace(/\p{Cc}/gu, ' ');
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
};

function describeRequest(body: unknown): string {
  if (typeof body !== 'object' || body === null) return '(no JSON object)';
  const fields = body as Record<string, unknown>;
  const action = fields.action === 'watching' ? 'watching' : 'watched';
  const title = typeof fields.title === 'string' ? JSON.stringify(printable(fields.title)) : '(no title)';
  const year = typeof fields.year === 'number' ? ` (${fields.year})` : '';
  const season = typeof fields.season === 'number' ? `S${fields.season}` : '';
  const episode = typeof fields.episode === 'number' ? `E${fields.episode}` : '';
  const numbers = season || episode ? ` ${season}${episode}` : '';
  return `${action} ${title}${year}${numbers}`;
}

function describeOutcome(received: ReceivedScrobble): string {
  if (received.status === 0) return `connection dropped (${received.fault} fault)`;
  const response = received.response as Record<string, unknown> | null;
  const suffix = received.fault ? ` (${received.fault} fault)` : received.replayed ? ' (replayed)' : '';
  if (received.status !== 200 || typeof response !== 'object' || response === null || received.fault) {
    const error = (response?.error ?? null) as { code?: unknown; message?: unknown } | null;
    const detail = error && typeof error.message === 'string' ? ` ${String(error.code)}: ${printable(error.message, 160)}` : '';
    return `HTTP ${received.status}${detail}${suffix}`;
  }
  if (response.matched !== true) return `not matched${suffix}`;
  const item = response.item as { title: string; year: number; mediaType: string };
  return `matched ${item.title} (${item.year}) [${item.mediaType}] status=${String(response.status)}${suffix}`;
}

/** One human line per scrobble, e.g. `scrobble watched "Severance" S2E4 → matched Severance (2022) [TV] status=WATCHING`. */
export function describeScrobble(received: ReceivedScrobble): string {
  return `scrobble ${describeRequest(received.body)} → ${describeOutcome(received)}`;
}
