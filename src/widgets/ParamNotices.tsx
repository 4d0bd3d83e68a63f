/** The notice a page shows when settings in its address were out of bounds. */
export function ParamNotices({ notices }: { notices: string[] }) {
  if (notices.length === 0) return null;
  return (
    <div role="alert" className="notice" data-testid="param-notices">
      <p>Some settings in the address were not understood, so defaults are used instead:</p>
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
    </div>
  );
}
