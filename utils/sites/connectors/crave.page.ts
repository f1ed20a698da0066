import { answerPageRequests } from '../page-world';

const GRAPHQL = 'https://rte-api.bellmedia.ca/graphql';
/** The catalogue's anonymous token, as the web app sends it before sign-in: enough for titles and numbers. */
const ANONYMOUS = `Bearer ${btoa(JSON.stringify({ platform: 'platform_web' }))}`;

async function ask(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown> | null> {
  const response = await fetch(GRAPHQL, {
    method: 'POST',
    headers: { Authorization: ANONYMOUS, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  if (!response.ok) return null;
  const body: { data?: Record<string, unknown> | null } = await response.json();
  return body.data ?? null;
}

/**
 * Runs in Crave's own world and asks Bell Media's catalogue (GraphQL) what the player's address
 * is: the path resolves to a content id, whose title, type, numbers and show are asked in English.
 */
export function cravePage(): void {
  answerPageRequests(async (id) => {
    const path = /^\/(?:en|fr)\/(play\/[\w/-]{1,300})$/.exec(location.pathname)?.[1];
    if (!path?.endsWith(`-${id}`)) return null;
    const item = (await ask('query Item($path: String!) { itemByPath(path: $path) { id type } }', { path }))?.itemByPath as
      | { id?: unknown; type?: unknown }
      | undefined;
    if (item?.type !== 'ContentMetadata' || typeof item.id !== 'string') return null;
    const found = await ask(
      'query Contents($sessionContext: SessionContext!, $ids: [String!]!) { contents(sessionContext: $sessionContext, ids: $ids) { id title contentType seasonNumber episodeNumber media { title productionYear } } }',
      { sessionContext: { userMaturity: 'ADULT', userLanguage: 'EN' }, ids: [item.id] },
    );
    return Array.isArray(found?.contents) ? (found.contents[0] ?? null) : null;
  });
}
