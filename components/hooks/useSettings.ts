import type { Failure, SettingsView } from '@/utils/model/records';
import { useAction } from './useAction';
import { type Asked, useBackground } from './useBackground';

export interface Settings extends Asked<SettingsView> {
  /** Changes some settings; resolves with all of them as saved, or undefined when they were not (see `saveFailure`). */
  save: (changed: Partial<SettingsView>) => Promise<SettingsView | undefined>;
  /** Why the latest save was not done (the background did not answer); shown with `<FailureMessage>`. */
  saveFailure: Failure | undefined;
}

/**
 * The person's settings, the one way every page reads and changes them: through the background,
 * which alone can reach where they are kept. `save` shows the change at once, then all as saved
 * (or puts it back, with `saveFailure`, when the background did not save it).
 */
export function useSettings(): Settings {
  const settings = useBackground({ type: 'settings/read' }, ['settings']);
  const saving = useAction();
  const save = async (changed: Partial<SettingsView>) => {
    // Shown at once as the person set it (a switch stays where they put it); put back if it was not saved.
    const before = settings.data;
    if (before) settings.set({ ...before, ...changed });
    const saved = await saving.run({ type: 'settings/write', settings: changed });
    if (saved) settings.set(saved);
    else if (before) settings.set(before);
    return saved;
  };
  return { ...settings, save, saveFailure: saving.failure };
}
