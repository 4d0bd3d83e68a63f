import { useId, useMemo, useState } from 'react';
import { digitFromExample, type DataSetClass } from '../../core/dataSet';
import { DigitCanvas } from '../../widgets/DigitCanvas';

/** Examples a class shows before "Show all": a page of canvases stays light at 1,000 per class. */
const SHOWN_AT_FIRST = 100;

interface Props {
  cls: DataSetClass;
  index: number;
  /** Renames the class; returns why the name was refused, or null when it was taken. */
  onRename: (raw: string) => string | null;
  onRemoveClass: () => void;
  /** Why the class cannot be removed (the set is at its fewest classes), or null. */
  removeBlockedReason: string | null;
  onRemoveExample: (exampleIndex: number) => void;
}

/** One class of the set: its name (editable), its count and a grid of its examples, each removable. */
export function ClassPanel({ cls, index, onRename, onRemoveClass, removeBlockedReason, onRemoveExample }: Props) {
  const [draft, setDraft] = useState(cls.name);
  const [problem, setProblem] = useState<string | null>(null);
  const [showAll, setShowAll] = useState(false);
  const nameId = useId();
  const problemId = useId();
  const removeWhyId = useId();
  const count = cls.examples.length;
  const shown = showAll ? cls.examples : cls.examples.slice(0, SHOWN_AT_FIRST);
  return (
    <section className="data-class" data-testid={`class-${index}`} aria-label={`Class ${index + 1}: ${cls.name}`}>
      <div className="data-class__head">
        <label htmlFor={nameId}>Class {index + 1} name</label>
        <input
          id={nameId}
          type="text"
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setProblem(onRename(event.target.value));
          }}
        />
        <span className="data-class__count" data-testid={`class-count-${index}`} data-count={count}>
          {count.toLocaleString('en')} {count === 1 ? 'example' : 'examples'}
        </span>
        <button
          type="button"
          onClick={onRemoveClass}
          disabled={removeBlockedReason !== null}
          aria-describedby={removeBlockedReason ? removeWhyId : undefined}
        >
          Remove class {cls.name}
        </button>
        {removeBlockedReason && (
          <span id={removeWhyId} className="data-class__why">
            {removeBlockedReason}
          </span>
        )}
      </div>
      {problem && (
        <p id={problemId} className="error data-class__problem" role="alert">
          {problem}
        </p>
      )}
      {count === 0 ? (
        <p className="data-class__empty">No examples yet: draw, upload or take MNIST digits below.</p>
      ) : (
        <ul className="data-class__examples" aria-label={`Examples of ${cls.name}`}>
          {shown.map((example, e) => (
            <ExampleTile
              key={e}
              example={example}
              name={`example ${e + 1} of ${cls.name}`}
              onRemove={() => onRemoveExample(e)}
            />
          ))}
        </ul>
      )}
      {!showAll && count > SHOWN_AT_FIRST && (
        <button type="button" onClick={() => setShowAll(true)}>
          Show all {count.toLocaleString('en')} examples of {cls.name}
        </button>
      )}
    </section>
  );
}

interface TileProps {
  example: Uint8Array;
  /** e.g. "example 3 of circle". */
  name: string;
  onRemove: () => void;
}

/** One example, small, with its remove button; its canvas is redrawn only when its bytes change. */
function ExampleTile({ example, name, onRemove }: TileProps) {
  const pixels = useMemo(() => digitFromExample(example), [example]);
  return (
    <li className="data-class__example">
      <DigitCanvas pixels={pixels} label={`28×28 ${name}`} sizePx={42} />
      <button type="button" className="data-class__remove" aria-label={`Remove ${name}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
