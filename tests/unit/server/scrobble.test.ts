/** The stand-in's POST /scrobble: matching, progress, validation, idempotency and its log. */
import { describe, expect, it } from 'vitest';
import { describeScrobble, startStandIn } from '../../../server/standin';
import { call, expectError, freshToken, historyOf, json, scrobble, standIn, userCount, useStandIn, watchlistOf } from './support';

useStandIn();

describe('POST /scrobble', () => {
  it('marks a watched movie FINISHED and adds a history row', async () => {
    const token = freshToken();
    const response = await scrobble(token, { title: 'Oppenheimer', year: 2023, source: 'netflix' });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({
      matched: true,
      action: 'watched',
      item: { tmdbId: 872585, title: 'Oppenheimer', mediaType: 'MOVIE', year: 2023 },
      status: 'FINISHED',
    });
    expect(await watchlistOf(token)).toMatchObject([{ tmdbId: 872585, status: 'FINISHED', currentSeason: null }]);
    expect(await historyOf(token)).toMatchObject([{ kind: 'movie', tmdbId: 872585, source: 'netflix' }]);
  });

  it('advances a show to a watched episode and never moves it back', async () => {
    const token = freshToken();
    const first = await json(await scrobble(token, { title: 'Severance', season: 1, episode: 5 }));
    expect(first).toMatchObject({
      matched: true,
      item: { title: 'Severance', mediaType: 'TV', season: 1, episode: 5 },
      status: 'WATCHING',
    });
    await scrobble(token, { title: 'Severance', season: 2, episode: 2 });
    expect(await watchlistOf(token)).toMatchObject([{ status: 'WATCHING', currentSeason: 2, currentEpisode: 2 }]);
    const older = await json(await scrobble(token, { title: 'Severance', season: 1, episode: 9 }));
    expect(older).toMatchObject({ matched: true, status: 'WATCHING' });
    expect(await watchlistOf(token)).toMatchObject([{ currentSeason: 2, currentEpisode: 2 }]);
    expect((await historyOf(token)).map((row) => [row.season, row.episode])).toEqual([
      [1, 9],
      [2, 2],
      [1, 5],
    ]);
  });

  it('finishes a show on the last episode of its last season, and keeps it finished', async () => {
    const token = freshToken();
    expect(await json(await scrobble(token, { title: 'Chernobyl', season: 1, episode: 5 }))).toMatchObject({
      status: 'FINISHED',
    });
    expect(await json(await scrobble(token, { title: 'Chernobyl', season: 1, episode: 1, action: 'watching' }))).toMatchObject({
      status: 'FINISHED',
    });
    expect(await json(await scrobble(token, { title: 'Chernobyl', season: 1, episode: 2 }))).toMatchObject({
      status: 'FINISHED',
    });
    expect(await watchlistOf(token)).toMatchObject([{ currentSeason: 1, currentEpisode: 5 }]);
  });

  it('sets WATCHING for a play-start without adding history or moving progress', async () => {
    const token = freshToken();
    const answer = await json(await scrobble(token, { title: 'Andor', season: 1, episode: 1, action: 'watching' }));
    expect(answer).toMatchObject({ matched: true, action: 'watching', status: 'WATCHING' });
    expect(await watchlistOf(token)).toMatchObject([
      { title: 'Andor', status: 'WATCHING', currentSeason: null, currentEpisode: null },
    ]);
    expect(await json(await scrobble(token, { title: 'Barbie', action: 'watching' }))).toMatchObject({ status: 'WATCHING' });
    expect(await json(await scrobble(token, { title: 'Barbie' }))).toMatchObject({ status: 'FINISHED' });
    expect(await json(await scrobble(token, { title: 'Barbie', action: 'watching' }))).toMatchObject({ status: 'FINISHED' });
    expect(await historyOf(token)).toMatchObject([{ kind: 'movie', title: 'Barbie' }]);
  });

  it.each([
    [2001, 2996, 2001],
    [2002, 2996, 2001],
    [2005, 2316, 2005],
    [2006, 2316, 2005],
    [undefined, 2316, 2005],
  ])('tells the two Offices apart: year %s → TMDB %s', async (year, tmdbId, matchedYear) => {
    const answer = await json(await scrobble(freshToken(), { title: 'The Office', year, season: 1, episode: 2 }));
    expect(answer).toMatchObject({ matched: true, item: { tmdbId, year: matchedYear } });
  });

  it('tells Dune (1984) from Dune (2021) and Dune: Part Two', async () => {
    const token = freshToken();
    expect(await json(await scrobble(token, { title: 'Dune', year: 1984 }))).toMatchObject({ item: { tmdbId: 841 } });
    expect(await json(await scrobble(token, { title: 'dune' }))).toMatchObject({ item: { tmdbId: 438631 } });
    expect(await json(await scrobble(token, { title: 'Dune: Part Two' }))).toMatchObject({ item: { tmdbId: 693134 } });
  });

  it.each([
    [{ title: 'The Office', year: 2003, season: 1, episode: 1 }, 'a year that fits neither Office'],
    [{ title: 'Severance', year: 1999 }, 'a year that fits the only Severance'],
    [{ title: 'Severance', season: 1, episode: 10 }, 'an episode beyond the season'],
    [{ title: 'Severance', season: 3, episode: 1 }, 'a season that does not exist'],
    [{ title: 'Severance', season: 1, episode: 0 }, 'episode 0 of a regular season'],
    [{ title: 'Dune', mediaType: 'TV' }, 'a media type no Dune has'],
    [{ title: 'Severance', mediaType: 'MOVIE' }, 'a film called Severance'],
    [{ title: 'A Film Nobody Ever Made' }, 'an unknown title'],
  ])('answers 200 {matched:false} for %j (%s) and changes nothing', async (body, _reason) => {
    const token = freshToken();
    const response = await scrobble(token, body);
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ matched: false });
    expect(await watchlistOf(token)).toEqual([]);
    expect(await historyOf(token)).toEqual([]);
  });

  it('matches despite case, diacritics, punctuation, "&" and a missing "The"', async () => {
    const token = freshToken();
    for (const [title, tmdbId] of [
      ['queens gambit', 87739],
      ['SHOGUN', 126308],
      ['Amelie', 194],
      ['Deadpool and Wolverine', 533535],
      ['Office', 2316],
    ] as const) {
      expect(await json(await scrobble(token, { title })), title).toMatchObject({ matched: true, item: { tmdbId } });
    }
  });

  it('matches specials (season 0) without moving progress', async () => {
    const token = freshToken();
    await scrobble(token, { title: 'Sherlock', season: 2, episode: 1 });
    const answer = await json(await scrobble(token, { title: 'Sherlock', season: 0, episode: 1 }));
    expect(answer).toMatchObject({ matched: true, item: { season: 0, episode: 1 }, status: 'WATCHING' });
    expect(await watchlistOf(token)).toMatchObject([{ currentSeason: 2, currentEpisode: 1 }]);
    expect((await historyOf(token))[0]).toMatchObject({ season: 0, episode: 1 });
  });

  it.each([
    [{}, /^title is required$/],
    [{ title: '   ' }, /title must not be empty/],
    [{ title: 'x'.repeat(501) }, /at most 500 characters/],
    [{ title: 42 }, /title must be a string/],
    [{ title: 'Severance', season: -1 }, /season must be an integer/],
    [{ title: 'Severance', episode: 1.5 }, /episode must be an integer/],
    [{ title: 'Severance', mediaType: 'SHOW' }, /mediaType must be TV or MOVIE/],
    [{ title: 'Severance', action: 'started' }, /action must be watched or watching/],
    [{ title: 'Oppenheimer', mediaType: 'MOVIE', season: 1 }, /only allowed for mediaType TV/],
    [['Severance'], /body must be a JSON object/],
  ])('refuses %j with 400', async (body, message) => {
    const token = freshToken();
    await expectError(await scrobble(token, body), 400, 'BAD_REQUEST', message);
    expect(await historyOf(token)).toEqual([]);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const response = await call('/scrobble', {
      token: freshToken(),
      rawBody: '{"title": "Severance"',
      headers: { 'Content-Type': 'application/json' },
    });
    await expectError(response, 400, 'BAD_REQUEST', /valid JSON/);
  });

  it('accepts a title of exactly 500 characters after trimming', async () => {
    const response = await scrobble(freshToken(), { title: `  ${'x'.repeat(500)}  ` });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ matched: false });
  });

  it('replays a repeated Idempotency-Key without applying it twice', async () => {
    const token = freshToken();
    const body = { title: 'Severance', season: 1, episode: 1 };
    const first = await scrobble(token, body, { 'Idempotency-Key': 'viewing-1' });
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const firstBody = await json(first);
    const again = await scrobble(token, body, { 'Idempotency-Key': 'viewing-1' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await json(again)).toEqual(firstBody);
    expect(await historyOf(token)).toHaveLength(1);

    await scrobble(token, body, { 'Idempotency-Key': 'viewing-2' });
    expect(await historyOf(token)).toHaveLength(2);

    const otherUser = freshToken();
    const elsewhere = await scrobble(otherUser, body, { 'Idempotency-Key': 'viewing-1' });
    expect(elsewhere.headers.get('idempotent-replayed')).toBeNull();
    expect(await historyOf(otherUser)).toHaveLength(1);

    const log = standIn.received().filter((r) => r.idempotencyKey === 'viewing-1');
    expect(log.map((r) => r.replayed)).toEqual([false, true, false]);
  });

  it('refuses an unusable Idempotency-Key', async () => {
    const response = await scrobble(freshToken(), { title: 'Severance' }, { 'Idempotency-Key': 'x'.repeat(256) });
    await expectError(response, 400, 'BAD_REQUEST', /Idempotency-Key/);
  });

  it('forgets an Idempotency-Key after 24 hours', async () => {
    let clock = Date.parse('2026-01-01T00:00:00Z');
    const server = await startStandIn({ now: () => clock });
    try {
      const token = server.mintToken();
      const send = () =>
        fetch(`${server.baseUrl}/scrobble`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': 'k', 'Content-Type': 'application/json' },
          body: JSON.stringify({ title: 'Loki', season: 1, episode: 1 }),
        });
      await send();
      clock += 23 * 60 * 60 * 1000;
      expect((await send()).headers.get('idempotent-replayed')).toBe('true');
      clock += 2 * 60 * 60 * 1000;
      expect((await send()).headers.get('idempotent-replayed')).toBeNull();
      expect(server.received().map((r) => r.replayed)).toEqual([false, true, false]);
    } finally {
      await server.close();
    }
  });

  it('logs every scrobble it receives, with its answer, and describes it in one line', async () => {
    const token = freshToken();
    await scrobble(token, { title: 'Severance', season: 2, episode: 4 }, { 'Idempotency-Key': 'log-1' });
    const last = standIn.received().at(-1);
    expect(last).toMatchObject({
      body: { title: 'Severance', season: 2, episode: 4 },
      idempotencyKey: 'log-1',
      status: 200,
      response: { matched: true },
      replayed: false,
      userId: `usr_test${userCount}`,
      fault: null,
    });
    expect(last && describeScrobble(last)).toBe(
      'scrobble watched "Severance" S2E4 → matched Severance (2022) [TV] status=WATCHING',
    );
  });
});
