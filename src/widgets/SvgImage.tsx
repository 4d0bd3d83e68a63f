import type { ReactNode, SVGProps } from 'react';

type Props = {
  widthPx: number;
  heightPx: number;
  /** What a screen reader announces for the whole picture. */
  name: string;
  children: ReactNode;
} & Omit<SVGProps<SVGSVGElement>, 'width' | 'height' | 'viewBox' | 'role' | 'aria-label'>;

/** An SVG chart of `widthPx`×`heightPx` CSS pixels in user units, announced as one image. */
export function SvgImage({ widthPx, heightPx, name, children, ...rest }: Props) {
  return (
    <svg
      width={widthPx}
      height={heightPx}
      viewBox={`0 0 ${widthPx} ${heightPx}`}
      role="img"
      aria-label={name}
      {...rest}
    >
      {children}
    </svg>
  );
}
