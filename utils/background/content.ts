import { type Browser, browser } from 'wxt/browser';
import { FRAME_QUESTION, type FrameAnswer, type PlaybackReport, type ReportAnswer } from '../protocol/content';
import { frameAnswerSchema, frameQuestionSchema, playbackReportSchema } from '../protocol/schemas';
import { handleReport, KEEP_AFTER_SECONDS } from '../scrobble/reports';
import { ANY_SITE, chosenSite, gate, trustedFor } from '../sites/chosen';
import { noteViewing } from '../sites/health';
import { readServers, servesConnector } from '../sites/registration';
import { siteById } from '../sites/sites';
import { readScrobbleSettings, scrobblingAllowed } from '../store/items';
import { announce } from './announce';
import { settle } from './deliver';

/**
 * What content scripts may say to the background: a playback report, and a player frame's question.
 * Every message is checked (a budget per tab, the sender, the shape) before anything is done.
 */
export function contentMessages() {
  const budget = messageBudget();
  return {
    /** The answer to a content script's message; undefined for none (the sender gets no reply). */
    answer(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
      const tabId = sender.tab?.id;
      if (tabId === undefined || !budget.take(tabId, Date.now())) return undefined;
      const question = frameQuestionSchema.safeParse(message);
      if (question.success) return relayFrameQuestion(question.data.site, sender);
      const report = playbackReportSchema.safeParse(message);
      return report.success ? answerReport(report.data, tabId, sender) : undefined;
    },
    forgetTab: (tabId: number) => budget.forget(tabId),
  };
}

/**
 * Folds a page's report into its viewing and answers when the page should report next (see
 * tracker.ts); nothing for a report that is not trusted.
 */
async function answerReport(
  report: PlaybackReport,
  tabId: number,
  sender: Browser.runtime.MessageSender,
): Promise<ReportAnswer | undefined> {
  if (!(await fromConnectorPage(report, sender))) return undefined;
  // Paused, or a private window the person did not choose to scrobble: nothing is kept or sent.
  const admit = () => scrobblingAllowed(sender.tab?.incognito === true);
  const { taken, facts } = await onChosenSite(report, sender.url);
  const { queued, next } = await handleReport(taken, tabId, readScrobbleSettings(), Date.now(), admit, facts);
  void settle(queued);
  // A viewing counts for the site's health once it is kept (see reports.ts), under the same consent.
  const connector = siteById(report.site);
  if (connector && report.forwardSeconds >= KEEP_AFTER_SECONDS && (await admit())) {
    void noteViewing(connector, report, sender.url).then((noted) => (noted ? announce('sites') : undefined));
  }
  return next === undefined ? {} : { next };
}

/** On a site the person chose, what the page names is a guess until they have confirmed one there. */
async function onChosenSite(report: PlaybackReport, url: string | undefined) {
  if (report.site !== ANY_SITE || !url) return { taken: report, facts: {} };
  const origin = new URL(url).origin;
  const record = await chosenSite(origin);
  const { media, guess } = gate(report.media, record);
  // What the site is trusted for already, for the popup to say why it asks again.
  const trusted = guess ? trustedFor(record, 5) : [];
  return { taken: { ...report, media }, facts: { origin, guess, ...(trusted.length ? { trustedFor: trusted } : {}) } };
}

/** A report counts only from our content script, in a tab, on a page of the site it names. */
async function fromConnectorPage(report: Pick<PlaybackReport, 'site'>, sender: { id?: string; url?: string }): Promise<boolean> {
  const connector = siteById(report.site);
  if (!connector || sender.id !== browser.runtime.id || !sender.url) return false;
  return servesConnector(connector, sender.url, connector.selfHosted || connector.chosen ? await readServers() : []);
}

/**
 * A player frame (another host inside a site's watch page) asks what the page names: the question
 * goes to the tab's top frame, and its answer is checked before the frame gets it.
 */
async function relayFrameQuestion(site: string, sender: Browser.runtime.MessageSender): Promise<FrameAnswer | null> {
  const connector = siteById(site);
  const tabId = sender.tab?.id;
  if (!connector?.allFrames || tabId === undefined || !sender.frameId || !(await fromConnectorPage({ site }, sender)))
    return null;
  const answer: unknown = await browser.tabs.sendMessage(tabId, { type: FRAME_QUESTION, site }, { frameId: 0 }).catch(() => null);
  const parsed = frameAnswerSchema.safeParse(answer);
  return parsed.success ? parsed.data : null;
}

/**
 * How many messages a tab's content scripts may send: a burst of `burst`, then `perSecond`. A page
 * reports a few times a minute; a compromised one sending thousands is answered by silence, before
 * anything is parsed, so it can't keep the worker from the popup or from other tabs.
 */
export function messageBudget(burst = 30, perSecond = 2) {
  const tabs = new Map<number, { tokens: number; at: number }>();
  return {
    take(tabId: number, now: number): boolean {
      const tab = tabs.get(tabId) ?? { tokens: burst, at: now };
      tab.tokens = Math.min(burst, tab.tokens + ((now - tab.at) / 1000) * perSecond);
      tab.at = now;
      tabs.set(tabId, tab);
      if (tab.tokens < 1) return false;
      tab.tokens -= 1;
      return true;
    },
    forget(tabId: number): void {
      tabs.delete(tabId);
    },
  };
}
