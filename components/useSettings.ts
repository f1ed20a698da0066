import type { SettingsView } from '@/utils/model/records';
import { sendToBackground } from '@/utils/protocol/pages';
import { type Asked, useBackground } from './useBackground';

/**
 * The person's settings, the one way every page reads and changes them: through the background,
 * which alone can reach where they are kept. `save` changes some and shows all as saved.
 */
export function useSettings(): Asked<SettingsView> & { save: (changed: Partial<SettingsView>) => Promise<SettingsView> } {
  const settings = useBackground({ type: 'settings/read' }, ['settings']);
  const save = async (changed: Partial<SettingsView>) => {
    const saved = await sendToBackground({ type: 'settings/write', settings: changed });
    settings.set(saved);
    return saved;
  };
  return { ...settings, save };
}
