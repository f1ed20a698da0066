import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import { mediaFromPlayer } from '@/utils/sites/connectors/peacock';

function page(name: string): Document {
  const window = new Window({ url: 'https://www.example.com/' });
  window.document.write(readFileSync(resolve(import.meta.dirname, '../../fixtures/peacock', name), 'utf8'));
  return window.document as unknown as Document;
}

describe('layer: player DOM', () => {
  it('reads an episode', () => {
    expect(mediaFromPlayer(page('episode.html'))).toEqual({ title: 'Severance', mediaType: 'TV', season: 2, episode: 4 });
  });
});
