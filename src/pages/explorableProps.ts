/** Props every explorable page takes, so a chapter or an embed can host it. */
export interface ExplorableProps {
  /** The route's query parameters: the widget's state. */
  params: URLSearchParams;
  /** The route whose address the widget keeps its state in (default: its own explorable page). */
  path?: string;
  /** True inside a chapter or an embed, which supplies the heading and the prose. */
  framed?: boolean;
}
