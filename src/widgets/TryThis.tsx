import { useId, useState, type ReactNode } from 'react';
import './TryThis.css';

export interface TryThisProps {
  /** Stable id, for remembering the answer. */
  id: string;
  /** What to try, e.g. "Set the stride to 2." */
  task: ReactNode;
  /** The question to predict before looking. */
  question: string;
  options: string[];
  /** Index into `options`. */
  answer: number;
  /** Why the answer is what it is; shown after the prediction. */
  explanation: ReactNode;
  /** Whether it was answered before (remembered across visits), and how. */
  previously?: boolean;
  onAnswer?: (correct: boolean) => void;
}

/** "Try this": predict first, then reveal, so the widget confirms or surprises. */
export function TryThis({ id, task, question, options, answer, explanation, previously, onAnswer }: TryThisProps) {
  const [choice, setChoice] = useState<number | null>(null);
  const [revealed, setRevealed] = useState(false);
  const name = useId();
  const correct = choice === answer;
  return (
    <aside className="try-this" aria-labelledby={`${name}-title`} data-testid={`try-${id}`}>
      <h3 id={`${name}-title`}>Try this</h3>
      <p>{task}</p>
      <fieldset disabled={revealed}>
        <legend>{question}</legend>
        {options.map((option, i) => (
          <label key={option}>
            <input type="radio" name={name} checked={choice === i} onChange={() => setChoice(i)} /> {option}
          </label>
        ))}
      </fieldset>
      {!revealed ? (
        <button
          type="button"
          disabled={choice === null}
          onClick={() => {
            setRevealed(true);
            onAnswer?.(correct);
          }}
        >
          Check my prediction
        </button>
      ) : (
        <div role="status" className={correct ? 'try-this__right' : 'try-this__wrong'} data-testid={`try-${id}-result`}>
          <p>
            <strong>{correct ? 'Right.' : `Not quite: the answer is “${options[answer]}”.`}</strong> {explanation}
          </p>
          <button type="button" onClick={() => (setRevealed(false), setChoice(null))}>
            Try again
          </button>
        </div>
      )}
      {previously !== undefined && !revealed && (
        <p className="try-this__note">You answered this before{previously ? ', correctly' : ''}.</p>
      )}
    </aside>
  );
}
