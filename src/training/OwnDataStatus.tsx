import type { OwnData } from '../data/ownData';

/** What the playground trains on when it is a user's set: its name, classes and how it was split, and `note`. */
export function OwnDataStatus({ own, note }: { own: OwnData; note: string | null }) {
  const classes = own.classNames.length;
  return (
    <p data-testid="data-status" data-classes={classes} data-train={own.train.count} data-test={own.test.count}>
      Training on your data set <strong>{own.name}</strong>: {classes} classes ({own.classNames.join(', ')}),{' '}
      {own.train.count.toLocaleString('en')} training examples and {own.test.count.toLocaleString('en')} held out for
      testing. {note && `${note} `}
      <a href="#/data">Edit the data set</a>
    </p>
  );
}

/** The bar's way to the data-set editor: to train on one's own data, or back to MNIST from it. */
export function OwnDataLink({ own }: { own: OwnData | null }) {
  if (!own)
    return (
      <a className="playground__own-data" href="#/data">
        Train on your own data
      </a>
    );
  return (
    <span className="playground__own-data">
      on <strong>{own.name}</strong> · <a href="#/playground">back to MNIST</a>
    </span>
  );
}
