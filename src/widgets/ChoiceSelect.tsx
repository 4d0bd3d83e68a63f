/** A labelled select of named choices (e.g. a URL parameter's options), each shown by its label. */
export function ChoiceSelect<T extends string>({
  label,
  value,
  options,
  labelOf = String,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly T[];
  /** What an option reads as; its own name by default. */
  labelOf?: (option: T) => string;
  onChange: (value: T) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(event) => onChange(event.target.value as T)}>
        {options.map((option) => (
          <option key={option} value={option}>
            {labelOf(option)}
          </option>
        ))}
      </select>
    </label>
  );
}
