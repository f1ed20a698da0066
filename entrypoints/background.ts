import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { accountStatus, connect, disconnect, setApiUrl } from '@/utils/account';
import { type PageRequest, pageRequestSchema } from '@/utils/background/page-requests';
import { isExtensionPage } from '@/utils/messages';

export default defineBackground(() => {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isExtensionPage(sender)) return undefined;
    const parsed = pageRequestSchema.safeParse(message);
    if (!parsed.success) return undefined;
    return handlePageRequest(parsed.data);
  });
});

function handlePageRequest(request: PageRequest): Promise<unknown> {
  switch (request.type) {
    case 'account/status':
      return accountStatus();
    case 'account/connect':
      return connect(request.token);
    case 'account/disconnect':
      return disconnect();
    case 'settings/apiUrl':
      return setApiUrl(request.url);
  }
}
