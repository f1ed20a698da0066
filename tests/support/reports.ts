import type { PlaybackReport } from '@/utils/protocol/content';

export const SEVERANCE_S2E4 = { title: 'Severance', mediaType: 'TV' as const, season: 2, episode: 4 };

/** A Netflix page's report on a 50-minute episode, as its tracker sends it; `patch` changes what a test needs. */
export function playbackReport(patch: Partial<PlaybackReport> = {}): PlaybackReport {
  return {
    type: 'playback/report',
    site: 'netflix',
    contentId: '81434459',
    segmentId: 'segment-aaaa-1',
    media: SEVERANCE_S2E4,
    reason: 'sample',
    position: 0,
    duration: 3000,
    startPosition: 0,
    forwardSeconds: 0,
    state: 'playing',
    ...patch,
  };
}
