import { useState } from 'react';
import { convOutputSize } from '../../core/convGeometry';
import { NumberSelect } from '../../widgets/NumberSelect';
import './OutputVolumeCalculator.css';

/** Input volume and layer settings in, output volume and weight count out (square inputs and filters). */
export function OutputVolumeCalculator() {
  const [size, setSize] = useState(28);
  const [depth, setDepth] = useState(1);
  const [filter, setFilter] = useState(5);
  const [filters, setFilters] = useState(8);
  const [stride, setStride] = useState(1);
  const [padding, setPadding] = useState(0);
  const out = convOutputSize(size, filter, stride, padding);
  const weights = (filter * filter * depth + 1) * filters;
  return (
    <section className="calculator" aria-labelledby="calculator-heading">
      <h2 id="calculator-heading">Output volume calculator</h2>
      <div className="settings__group">
        <NumberSelect label="Input size" value={size} options={[5, 7, 28, 32, 224]} onChange={setSize} />
        <NumberSelect label="Input depth" value={depth} options={[1, 3, 8, 16]} onChange={setDepth} />
        <NumberSelect label="Filter size" value={filter} options={[1, 3, 5, 7, 11]} onChange={setFilter} />
        <NumberSelect label="Number of filters" value={filters} options={[1, 4, 8, 16, 32, 64]} onChange={setFilters} />
        <NumberSelect label="Stride" value={stride} options={[1, 2, 3, 4]} onChange={setStride} />
        <NumberSelect label="Padding" value={padding} options={[0, 1, 2, 3, 5]} onChange={setPadding} />
      </div>
      <p
        aria-live="polite"
        data-testid="calculator-result"
        data-out={out >= 1 ? `${out}x${out}x${filters}` : ''}
        data-params={weights}
      >
        {out >= 1 ? (
          <>
            Output: ⌊({size} + 2·{padding} − {filter}) / {stride}⌋ + 1 = <strong>{out}</strong> per side, so{' '}
            <strong>
              {out}×{out}×{filters}
            </strong>
            . Weights: ({filter}×{filter}×{depth} + 1 bias) × {filters} filters ={' '}
            <strong>{weights.toLocaleString('en')}</strong>.
          </>
        ) : (
          <>
            A {filter}×{filter} filter does not fit in a {size}×{size} input padded by {padding}: make the filter
            smaller or the padding larger.
          </>
        )}
      </p>
    </section>
  );
}
