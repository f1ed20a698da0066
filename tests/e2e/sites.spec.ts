import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { MatchPattern } from 'wxt/utils/match-patterns';
import { connectors } from '@/utils/sites/registry';
import { expect, test } from '../support/chromium';
import { connectInPopup, settled } from '../support/scrobble';
import {
  appliedMedia,
  heardMedia,
  onPublicHost,
  playerFrame,
  playVideo,
  routeSiteCase,
  type SiteCase,
  waitForVideosDone,
} from '../support/sites';

/**
 * Every connector's end-to-end cases (tests/fixtures/<id>/e2e.ts): the page served at its real URL,
 * a real `<video>` playing in real Chromium with the built extension, and the stand-in server
 * receiving exactly the expected scrobbles.
 */
// A connector without an e2e.ts fails the structure test (tests/unit/connectors.test.ts) instead.
const withCases = connectors.filter((c) => existsSync(resolve(import.meta.dirname, `../fixtures/${c.id}/e2e.ts`)));
const suites = await Promise.all(
  withCases.map(async (connector) => {
    const module = (await import(`../fixtures/${connector.id}/e2e.ts`)) as { cases: SiteCase[] };
    return { connector, cases: module.cases };
  }),
);

const includes = (pattern: string, url: string) => new MatchPattern(pattern).includes(url);

for (const { connector, cases } of suites) {
  test.describe(connector.label, () => {
    for (const siteCase of cases.filter((c) => c.browser !== false)) {
      test(siteCase.name, async ({ context, extensionId, standIn, openOptions }) => {
        test.setTimeout(60_000 + 35_000 * Math.max(1, siteCase.expect.length));
        await connectInPopup(context, extensionId, standIn.mintToken());
        if (!onPublicHost(connector, siteCase.url, includes)) {
          const options = await openOptions();
          await options.getByLabel('App', { exact: true }).selectOption(connector.id);
          await options.getByLabel('Server address').fill(new URL(siteCase.url).origin);
          await options.getByRole('button', { name: 'Add server' }).click();
          await expect(options.getByRole('list', { name: 'Your media servers' })).toContainText(new URL(siteCase.url).origin);
          await options.close();
        }
        await routeSiteCase(context, connector.id, siteCase);
        const page = await context.newPage();
        await page.goto(siteCase.url);
        const frame = await playerFrame(page, siteCase);
        for (const decoy of siteCase.decoys ?? []) await playVideo(frame, decoy, { muted: true });
        await playVideo(frame, siteCase.play ?? 'video');

        const perItem = 40_000;
        if (siteCase.expect.length > 0) {
          await expect
            .poll(() => appliedMedia(standIn, 'watched').length, { timeout: perItem * siteCase.expect.length, intervals: [500] })
            .toBeGreaterThanOrEqual(siteCase.expect.length);
        }
        await waitForVideosDone(frame, perItem);
        // Anything late (a decoy's report, a doubled send) would still be playing, queued or in flight.
        await settled(context, standIn);

        expect(appliedMedia(standIn, 'watched')).toEqual(siteCase.expect);
        // Nothing else was ever sent: no scrobble for a decoy, a guess or a stale title.
        for (const media of heardMedia(standIn)) expect(siteCase.expect).toContainEqual(media);
        if (siteCase.expect.length === 0) expect(standIn.received()).toEqual([]);
        if (siteCase.health) {
          // The options page's site list says which source named what played.
          const options = await openOptions();
          const row = options.locator(`li[data-site="${connector.id}"]`);
          await expect(row).toHaveAttribute('data-state', siteCase.health);
          await expect(row).toContainText(
            siteCase.health === 'working' ? /Working(?! through)/ : /Working through a fallback since/,
          );
          if (connector.selfHosted) {
            // A problem report from the person's own server does not say where that server is.
            await row.getByRole('button', { name: `Report a problem with ${connector.label}` }).click();
            const report = await options.getByLabel(`Problem report for ${connector.label}`).inputValue();
            expect(report).toContain('Page: (your server)/');
            expect(report).not.toContain(new URL(siteCase.url).host);
          }
          await options.close();
        }
        if (siteCase.profile) {
          // The profile the page named is listed, and a kids' one is off until the person ticks it.
          const options = await openOptions();
          const site = options
            .getByRole('region', { name: 'Profiles logged' })
            .getByRole('group', { name: connector.label, exact: true });
          const box = site.getByRole('checkbox', { name: siteCase.profile.name, exact: true });
          await expect(box).toBeChecked({ checked: !siteCase.profile.kids });
          await options.close();
        }
      });
    }
  });
}
