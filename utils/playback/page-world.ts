export const REQUEST = 'reelrifter:page-request';
export const RESPONSE = 'reelrifter:page-data';

/** The page-world half: answers requests with whatever `read` finds. */
export function answerPageRequests(read: (id: string) => Promise<unknown>): void {
  document.addEventListener(REQUEST, (event) => {
    const id = (event as CustomEvent<unknown>).detail;
    if (typeof id !== 'string' || id.length > 200) return;
    read(id).then(
      (data) => document.dispatchEvent(new CustomEvent(RESPONSE, { detail: JSON.stringify({ id, data: data ?? null }) })),
      () => document.dispatchEvent(new CustomEvent(RESPONSE, { detail: JSON.stringify({ id, data: null }) })),
    );
  });
}
