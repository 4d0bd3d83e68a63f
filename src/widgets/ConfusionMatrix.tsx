import { scaleFor, textColorOn } from '../render/colorScales';
import { useClassNaming } from '../hooks/useClassNaming';
import './ConfusionMatrix.css';

interface Props {
  /** Classes × classes counts, `confusion[label * classes + predicted]`. */
  confusion: number[];
  /** The selected cell, if any. */
  selected: { label: number; predicted: number } | null;
  onSelect: (label: number, predicted: number) => void;
  cellSizePx?: number;
}

/**
 * The confusion matrix as a table of buttons: rows are true labels, columns predicted classes.
 * Colour shows the count (sequential scale over the off-diagonal cells, so mistakes stand out);
 * every count is also written in its cell.
 */
export function ConfusionMatrix({ confusion, selected, onSelect, cellSizePx = 44 }: Props) {
  const naming = useClassNaming();
  const size = Math.round(Math.sqrt(confusion.length));
  const classes = Array.from({ length: size }, (_, c) => c);
  const mistakes = confusion.filter((_, i) => i % (size + 1) !== 0);
  const { color } = scaleFor(mistakes.length ? mistakes : [0]);
  const total = confusion.reduce((a, b) => a + b, 0);
  return (
    <table className="confusion" data-testid="confusion-matrix" data-total={total}>
      <caption>
        Confusion matrix on {total.toLocaleString('en')} test images: rows are the true{' '}
        {naming.digits ? 'digit' : 'class'}, columns what the network answered. Click a cell to see those {naming.noun}
        s.
      </caption>
      <thead>
        <tr>
          <th scope="col">true ╲ said</th>
          {classes.map((c) => (
            <th key={c} scope="col">
              {naming.name(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {classes.map((label) => (
          <tr key={label}>
            <th scope="row">{naming.name(label)}</th>
            {classes.map((predicted) => {
              const count = confusion[label * size + predicted] ?? 0;
              const diagonal = label === predicted;
              // Correct answers are on paper (CSS); mistakes take the colour of their count.
              const background = diagonal ? undefined : color(count);
              const isSelected = selected?.label === label && selected.predicted === predicted;
              return (
                <td key={predicted}>
                  <button
                    type="button"
                    data-label={label}
                    data-predicted={predicted}
                    data-value={count}
                    aria-pressed={isSelected}
                    aria-label={`${count} images of ${naming.name(label)} answered as ${naming.name(predicted)}`}
                    className={diagonal ? 'confusion__cell confusion__cell--correct' : 'confusion__cell'}
                    style={{
                      width: cellSizePx,
                      height: cellSizePx,
                      background,
                      color: background && textColorOn(background),
                    }}
                    onClick={() => onSelect(label, predicted)}
                  >
                    {count}
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
