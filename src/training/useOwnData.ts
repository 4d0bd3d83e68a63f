import { useEffect, useState } from 'react';
import { builtInDataSet } from '../data/builtInDataSets';
import { splitOwnData, untrainableReason, type OwnData } from '../data/ownData';
import { loadMnistTestSplit } from '../hooks/useMnistDigit';
import type { DataChoice } from '../state/dataParam';
import { loadWorkingDataSet } from '../state/dataSetStore';
import { DEFAULT_HELD_OUT_SHARE, type DataSet } from '../core/dataSet';

/** Where the playground's data stands: MNIST (the engine fetches it), a user's set being read, ready, or unusable. */
export type OwnDataState =
  | { status: 'mnist' }
  | { status: 'loading' }
  | { status: 'ready'; own: OwnData }
  | { status: 'unusable'; message: string };

/** The user's data set `choice` names, read from this browser's storage or built, and split for training. */
export function useOwnData(choice: DataChoice): OwnDataState {
  const [state, setState] = useState<OwnDataState>(
    choice.kind === 'mnist' ? { status: 'mnist' } : { status: 'loading' },
  );
  const key = choice.kind === 'builtIn' ? choice.set.id : choice.kind;
  useEffect(() => {
    if (choice.kind === 'mnist') return;
    let live = true;
    readChoice(choice).then(
      (next) => live && setState(next),
      (error: Error) => live && setState({ status: 'unusable', message: error.message }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` names the choice
  }, [key]);
  return state;
}

async function readChoice(choice: Exclude<DataChoice, { kind: 'mnist' }>): Promise<OwnDataState> {
  if (choice.kind === 'mine') {
    const stored = await loadWorkingDataSet();
    if (!stored) {
      return {
        status: 'unusable',
        message: 'No data set of yours is stored in this browser yet: make one in the data set editor first.',
      };
    }
    return ready(stored.name, stored.set, stored.heldOutShare);
  }
  const { set } = choice;
  const data = builtInDataSet(set.id, set.needsMnist ? await loadMnistTestSplit() : null);
  if (!data) return { status: 'unusable', message: `The built-in set "${set.name}" could not be made.` };
  return ready(set.name, data, DEFAULT_HELD_OUT_SHARE);
}

function ready(name: string, set: DataSet, heldOutShare: number): OwnDataState {
  const reason = untrainableReason(set);
  return reason
    ? { status: 'unusable', message: reason }
    : { status: 'ready', own: splitOwnData(name, set, heldOutShare) };
}
