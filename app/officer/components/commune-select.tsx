// The commune an officer works on (overview, training form): a plain <select> inside a GET
// form, so it works before JavaScript loads.
export function CommuneSelect({
  id,
  label,
  communes,
  selected,
}: {
  id: string;
  label: string;
  communes: { code: string; name: string }[];
  selected?: string;
}) {
  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name="commune" defaultValue={selected} className="field">
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
