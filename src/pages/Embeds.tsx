import { useState } from 'react';
import { EMBEDS, iframeSnippet, type EmbedInfo } from './embeds';
import './Embeds.css';

/** The site's own address (with any sub-path it is hosted under), for iframe snippets. */
function siteUrl(): string {
  return new URL('./', document.baseURI).href;
}

/** `#/embeds`: every embeddable widget with a copyable iframe snippet and a live preview. */
export default function Embeds() {
  return (
    <section className="embeds">
      <h1>Embed a widget</h1>
      <p>
        Each widget below runs alone in an iframe, so it can sit in a course page or a slide. Copy its snippet; change
        the parameters after <code>?</code> to set it up (the same ones the widget writes to its own address as you use
        it).
      </p>
      {EMBEDS.map((embed) => (
        <EmbedCard key={embed.id} embed={embed} />
      ))}
    </section>
  );
}

function EmbedCard({ embed }: { embed: EmbedInfo }) {
  const snippet = iframeSnippet(siteUrl(), embed);
  const [copied, setCopied] = useState<string | null>(null);
  const [preview, setPreview] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(snippet);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is blocked here: select the snippet and copy it by hand.');
    }
  };
  return (
    <article className="embed-card" data-testid={`embed-card-${embed.id}`}>
      <h2>{embed.title}</h2>
      <p>{embed.description}</p>
      <label className="embed-card__snippet">
        Snippet
        <textarea readOnly value={snippet} rows={3} onFocus={(event) => event.currentTarget.select()} />
      </label>
      <button type="button" onClick={() => void copy()}>
        Copy snippet
      </button>{' '}
      <button type="button" aria-expanded={preview} onClick={() => setPreview(!preview)}>
        {preview ? 'Hide preview' : 'Show live preview'}
      </button>
      {copied && <span role="status"> {copied}</span>}
      {preview && (
        <iframe
          className="embed-card__preview"
          src={`#/embed/${embed.id}${embed.example ? `?${embed.example}` : ''}`}
          title={`Preview: ${embed.title}`}
          height={Math.min(embed.heightPx, 600)}
        />
      )}
    </article>
  );
}
