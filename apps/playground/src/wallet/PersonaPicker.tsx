import type { ReactNode } from 'react';

/** "Signed in as": one card a persona, the whole card its radio's label. Both wallets use it. */
export function PersonaPicker<Id extends string>({
  name,
  personas,
  value,
  onChange,
}: {
  /** The radio group's name (and the heading's id). */
  name: string;
  personas: readonly { id: Id; name: string; detail: ReactNode }[];
  value: Id;
  onChange(id: Id): void;
}) {
  const heading = `${name}-heading`;
  return (
    <section aria-labelledby={heading} className="w-card">
      <h2 id={heading}>Signed in as</h2>
      <div role="radiogroup" aria-labelledby={heading} className="personas">
        {personas.map((p) => (
          <label key={p.id} className={`persona ${value === p.id ? 'is-on' : ''}`}>
            <input type="radio" name={name} value={p.id} checked={value === p.id} onChange={() => onChange(p.id)} />
            <span className="persona-avatar" aria-hidden="true">
              {p.name[0]}
            </span>
            <span>
              <span className="persona-name">{p.name}</span>
              <span className="persona-summary">{p.detail}</span>
            </span>
          </label>
        ))}
      </div>
    </section>
  );
}
