import type { SourceId } from '../protocol/import';

export type { SourceId, SourceItem, SourceList } from '../protocol/import';

/**
 * What the import reads from another service, in one shape whatever the service: a film or a show
 * the person watched, rated, liked or wants to watch. Built by each source (sources/), planned into
 * scrobbles (plan.ts) and checked against what ReelRifter already has (crossref.ts).
 */
/** The rating scale each source uses, for the report. */
export const RATING_SCALE: Record<SourceId, number> = { simkl: 10, tmdb: 10, rewind: 5 };
