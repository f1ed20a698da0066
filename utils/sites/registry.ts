import { netflix } from './connectors/netflix';
import type { Connector } from './types';

/** Every site connector. The manifest's content-script matches come from here. */
export const connectors: readonly Connector[] = [netflix];

export function connectorById(id: string): Connector | undefined {
  return connectors.find((c) => c.id === id);
}
