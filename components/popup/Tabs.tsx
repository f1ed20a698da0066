import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

/** Accessible tabs: arrow keys, Home and End move between them; only the chosen panel is rendered. */
export function Tabs({ tabs }: { tabs: { id: string; label: string; panel: () => ComponentChildren }[] }) {
  const [selected, setSelected] = useState(tabs[0]?.id ?? '');
  const list = useRef<HTMLDivElement>(null);
  const choose = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    setSelected(tab.id);
    list.current?.querySelector<HTMLButtonElement>(`#tab-${tab.id}`)?.focus();
  };
  const current = tabs.findIndex((tab) => tab.id === selected);
  return (
    <>
      <div
        role="tablist"
        class="tabs"
        ref={list}
        onKeyDown={(event) => {
          const moves: Record<string, number> = {
            ArrowRight: current + 1,
            ArrowLeft: current - 1,
            Home: 0,
            End: tabs.length - 1,
          };
          const to = moves[event.key];
          if (to === undefined) return;
          event.preventDefault();
          choose(to);
        }}
      >
        {tabs.map((tab) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            onClick={() => setSelected(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs
        .filter((tab) => tab.id === selected)
        .map((tab) => (
          <div key={tab.id} role="tabpanel" id={`panel-${tab.id}`} aria-labelledby={`tab-${tab.id}`}>
            {tab.panel()}
          </div>
        ))}
    </>
  );
}
