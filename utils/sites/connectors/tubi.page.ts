import { answerPageRequests } from '../page-world';

type Record_ = Record<string, unknown>;
const isRecord = (value: unknown): value is Record_ => typeof value === 'object' && value !== null;

/**
 * Runs in Tubi's own world, where the server-rendered state is `window.__data`: the video by its id
 * in `video.byId`, and an episode's series under `"0" + series_id`. Only the fields the connector
 * reads are handed over.
 */
export function tubiPage(): void {
  answerPageRequests(async (id) => {
    const state = (window as unknown as { __data?: unknown }).__data;
    const byId = isRecord(state) && isRecord(state.video) && isRecord(state.video.byId) ? state.video.byId : undefined;
    const video = byId?.[id];
    if (!byId || !isRecord(video)) return null;
    const series = video.series_id === undefined ? undefined : byId[`0${video.series_id}`];
    return {
      id: video.id,
      title: video.title,
      year: video.year,
      seriesTitle: isRecord(series) ? series.title : undefined,
    };
  });
}
