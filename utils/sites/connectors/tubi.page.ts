import { answerPageRequests } from '../page-world';

type Record_ = Record<string, unknown>;
const isRecord = (value: unknown): value is Record_ => typeof value === 'object' && value !== null;

/**
 * Keeps the state the server renders into the page (`window.__data = {…}`) as the page sets it.
 * Tubi's start-up deletes `window.__data` once its store holds it (`tasksAfterFetchData` in its web
 * source), long before anything plays, so reading it when asked finds nothing. The property stays
 * configurable: the app still reads it and deletes it as before. Registered at document_start,
 * before the page's own scripts.
 */
export function keepServedState(target: object, key = '__data'): () => unknown {
  let value: unknown;
  let served: unknown;
  Object.defineProperty(target, key, {
    configurable: true,
    enumerable: true,
    get: () => value,
    set: (next: unknown) => {
      value = next;
      if (isRecord(next)) served = next;
    },
  });
  return () => served;
}

/** The video by its id in `video.byId`, and an episode's series under `"0" + series_id`: only the fields the connector reads. */
export function videoFromState(state: unknown, id: string): Record_ | null {
  const byId = isRecord(state) && isRecord(state.video) && isRecord(state.video.byId) ? state.video.byId : undefined;
  const video = byId?.[id];
  if (!byId || !isRecord(video)) return null;
  const series = video.series_id === undefined ? undefined : byId[`0${video.series_id}`];
  return { id: video.id, title: video.title, year: video.year, seriesTitle: isRecord(series) ? series.title : undefined };
}

/**
 * Runs in Tubi's own world, from the start of the page. The server-rendered state describes the
 * page the tab first loaded; in-app navigation to another video leaves it behind, and the content
 * script then reads `og:title`, which the app keeps current.
 */
export function tubiPage(): void {
  const served = keepServedState(window);
  answerPageRequests(async (id) => videoFromState(served(), id));
}
