// A labelled filter select: an "all" choice (the empty value) and the given choices; a current value
// the choices lack (a function from a link, no longer reporting) is kept as the first choice.
interface Props {
  label: string;
  value: string;
  choices: readonly string[];
  allLabel: string;
  onChange: (value: string) => void;
  testId: string;
  title?: string;
}

export function SelectField({ label, value, choices, allLabel, onChange, testId, title }: Props) {
  const options = value !== '' && !choices.includes(value) ? [value, ...choices] : choices;
  return (
    <label className="field" title={title}>
      <span className="field-label">{label}</span>
      <select className="input" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
        <option value="">{allLabel}</option>
        {options.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
