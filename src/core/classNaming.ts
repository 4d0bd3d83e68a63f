/**
 * How the page names a class: MNIST's digits name themselves ("7"); a user's own classes go by
 * the names they were given ("circle"). Every label shown on screen goes through this.
 */

export interface ClassNaming {
  /** Whether these are MNIST's digits (null names) rather than a user's own classes. */
  digits: boolean;
  /** The class's name alone: "7", "circle". */
  name(label: number): string;
  /** The class in a sentence: "a 7", "an 8", "“circle”". */
  inSentence(label: number): string;
  /** What one image of the data is called: "digit" or "example". */
  noun: string;
  /** Every class's name, in label order. */
  names: readonly string[];
}

/** The naming for a user's class names, or for MNIST's digits when `names` is null. */
export function classNaming(names: readonly string[] | null): ClassNaming {
  if (!names) {
    return {
      digits: true,
      name: (label) => String(label),
      inSentence: (label) => `${label === 8 ? 'an' : 'a'} ${label}`,
      noun: 'digit',
      names: Array.from({ length: 10 }, (_, d) => String(d)),
    };
  }
  const name = (label: number) => names[label] ?? `class ${label}`;
  return { digits: false, name, inSentence: (label) => `“${name(label)}”`, noun: 'example', names };
}

export const DIGIT_NAMING = classNaming(null);
