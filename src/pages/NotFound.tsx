export function NotFound({ path }: { path: string }) {
  return (
    <section>
      <h1>Page not found</h1>
      <p role="alert">
        There is no page at <code>{path}</code>. Try the <a href="#/playground">playground</a> or the{' '}
        <a href="#/">home page</a>.
      </p>
    </section>
  );
}
