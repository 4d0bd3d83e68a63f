import { useActiveBackend } from './activeBackend';

/** The header's note of where training runs ("webgl · worker"), or "not started". */
export function BackendBadge() {
  const backend = useActiveBackend();
  const text = backend
    ? `${backend.backend}${backend.thread === 'main' ? ' · main thread' : ' · worker'}`
    : 'not started';
  return (
    <p
      className="backend-badge"
      data-testid="backend-badge"
      title={backend?.reason ?? 'Opens when a page trains or predicts.'}
    >
      <span className="backend-badge__label">Compute:</span>{' '}
      <strong data-backend={backend?.backend ?? ''}>{text}</strong>
    </p>
  );
}
