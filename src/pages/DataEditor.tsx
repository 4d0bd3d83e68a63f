/**
 * `#/data`: the data set editor (issue 14). The user builds 2 to 10 classes of 28×28 examples by
 * drawing, uploading pictures or taking MNIST digits, chooses the share held out for testing,
 * and saves or shares the set. The working set is autosaved in this browser on every change:
 * `#/playground?data=mine` trains on it. `?set=<id>` opens a built-in set.
 */
import { useCallback, useEffect, useState } from 'react';
import { clampHeldOutShare, DATA_SET_LIMITS, DEFAULT_HELD_OUT_SHARE, type DataSet } from '../core/dataSet';
import {
  addClass,
  addClassBlockedReason,
  addExamples,
  emptyDataSet,
  exampleCount,
  removeClass,
  removeClassBlockedReason,
  removeExample,
  renameClass,
} from '../core/dataSetEdits';
import { BUILT_IN_DATA_SETS, builtInDataSet, findBuiltInDataSet } from '../data/builtInDataSets';
import { useMnistTestSplit } from '../hooks/useMnistDigit';
import { loadWorkingDataSet, saveWorkingDataSet, type StoredDataSet } from '../state/dataSetStore';
import { replaceRouteParams } from '../state/route';
import { ParamNotices } from '../widgets/ParamNotices';
import { AddPanel } from './data/AddPanel';
import { ClassPanel } from './data/ClassPanel';
import { HeldOutPanel } from './data/HeldOutPanel';
import { StoragePanel } from './data/StoragePanel';
import './DataEditor.css';

const DEFAULT_NAME = 'My data set';

export default function DataEditor({ params }: { params: URLSearchParams }) {
  const linked = params.get('set');
  const linkedKnown = linked !== null && findBuiltInDataSet(linked) !== undefined;
  const [set, setSet] = useState<DataSet>(() => emptyDataSet());
  const [name, setName] = useState(DEFAULT_NAME);
  const [heldOutShare, setHeldOutShare] = useState(DEFAULT_HELD_OUT_SHARE);
  // Bumped when the whole set is replaced, so the class panels start from the new names.
  const [generation, setGeneration] = useState(0);
  const [target, setTarget] = useState(0);
  // Autosave waits until the stored working set has been read, so it never overwrites it with defaults.
  const [ready, setReady] = useState(false);
  const [pendingBuiltIn, setPendingBuiltIn] = useState<string | null>(linkedKnown ? linked : null);
  const [wantMnist, setWantMnist] = useState(linkedKnown && findBuiltInDataSet(linked)!.needsMnist);
  const [storageProblem, setStorageProblem] = useState<string | null>(null);
  const [notices] = useState<string[]>(() =>
    linked !== null && !linkedKnown
      ? [
          `set=${linked.slice(0, 40)} names no built-in data set (${BUILT_IN_DATA_SETS.map((b) => b.id).join(', ')}); your working set is shown.`,
        ]
      : [],
  );
  const mnistTest = useMnistTestSplit(wantMnist);

  const replace = useCallback((stored: Pick<StoredDataSet, 'name' | 'set'> & { heldOutShare?: number }) => {
    setSet(stored.set);
    setName(stored.name);
    if (stored.heldOutShare !== undefined) setHeldOutShare(clampHeldOutShare(stored.heldOutShare));
    setTarget(0);
    setGeneration((g) => g + 1);
  }, []);

  // On open: the linked built-in set, else the working set kept in this browser.
  useEffect(() => {
    if (linkedKnown) return;
    let live = true;
    loadWorkingDataSet().then(
      (stored) => {
        if (!live) return;
        if (stored) replace(stored);
        setReady(true);
      },
      (error: Error) => {
        if (!live) return;
        setStorageProblem(error.message);
        setReady(true);
      },
    );
    return () => {
      live = false;
    };
  }, [linkedKnown, replace]);

  // A built-in set, once what it needs (MNIST) has come.
  useEffect(() => {
    if (pendingBuiltIn === null) return;
    const built = builtInDataSet(pendingBuiltIn, mnistTest);
    if (!built) return;
    // Done in a task, not during this effect's commit, as loading a set re-renders everything.
    const timer = setTimeout(() => {
      replace({ name: findBuiltInDataSet(pendingBuiltIn)!.name, set: built });
      setPendingBuiltIn(null);
      setReady(true);
      // The link has done its work: a reload keeps the user's edits instead of starting again.
      replaceRouteParams((current) => {
        current.delete('set');
        return current;
      });
    });
    return () => clearTimeout(timer);
  }, [pendingBuiltIn, mnistTest, replace]);

  // The last state written, so the page can say whether the latest change is kept (tests and a reload wait for it).
  const [written, setWritten] = useState<{ name: string; set: DataSet; heldOutShare: number } | null>(null);
  useEffect(() => {
    if (!ready) return;
    saveWorkingDataSet({ name, set, heldOutShare, savedAt: Date.now() }).then(
      () => {
        setStorageProblem(null);
        setWritten({ name, set, heldOutShare });
      },
      (error: Error) => setStorageProblem(error.message),
    );
  }, [ready, name, set, heldOutShare]);
  const saved = written?.set === set && written.name === name && written.heldOutShare === heldOutShare;

  const loadBuiltIn = (id: string) => {
    if (findBuiltInDataSet(id)?.needsMnist) setWantMnist(true);
    setPendingBuiltIn(id);
  };

  const total = exampleCount(set);
  const addClassBlocked = addClassBlockedReason(set);
  const removeBlocked = removeClassBlockedReason(set);
  const { maxClasses, minClasses, maxExamplesPerClass, maxClassNameLength } = DATA_SET_LIMITS;
  const safeTarget = Math.min(target, set.classes.length - 1);
  return (
    <section className="data-editor">
      <div className="data-editor__top">
        <h1>Your data</h1>
        <a className="data-editor__train" href="#/playground?data=mine">
          Train on this set
        </a>
      </div>
      <ParamNotices notices={notices} />
      <p className="data-editor__summary" data-testid="data-summary" data-autosaved={saved ? 'true' : 'false'}>
        <strong>{name}</strong>: {set.classes.length} classes, {total.toLocaleString('en')}{' '}
        {total === 1 ? 'example' : 'examples'}. Kept in this browser as you edit; the playground trains on it.
      </p>
      <p className="data-editor__limits" data-testid="data-limits">
        Limits: {minClasses} to {maxClasses} classes, max {maxExamplesPerClass.toLocaleString('en')} examples per class,
        class names up to {maxClassNameLength} characters.
      </p>
      {storageProblem && (
        <p role="alert" className="error">
          {storageProblem}
        </p>
      )}
      {pendingBuiltIn && (
        <p role="status" className="notice">
          Preparing the built-in set {findBuiltInDataSet(pendingBuiltIn)?.name}…
        </p>
      )}

      {/* The ways to add come first (beside the classes on a wide screen, kept in view while they scroll). */}
      <div className="data-editor__work">
        <AddPanel
          set={set}
          target={safeTarget}
          onTarget={setTarget}
          onAdd={(examples) => {
            const result = addExamples(set, safeTarget, examples);
            setSet(result.set);
            return result;
          }}
          mnistTest={mnistTest}
          onWantMnist={() => setWantMnist(true)}
        />
        <section className="data-editor__classes" aria-labelledby="data-classes-heading">
          <h2 id="data-classes-heading">Classes</h2>
          {set.classes.map((c, i) => (
            <ClassPanel
              key={`${generation}-${i}`}
              cls={c}
              index={i}
              onRename={(raw) => {
                const renamed = renameClass(set, i, raw);
                if (!renamed.ok) return renamed.reason;
                setSet(renamed.set);
                return null;
              }}
              onRemoveClass={() => {
                const removed = removeClass(set, i);
                if (!removed.ok) return;
                setSet(removed.set);
                setTarget((t) => (t > i ? t - 1 : Math.min(t, removed.set.classes.length - 1)));
                setGeneration((g) => g + 1);
              }}
              removeBlockedReason={removeBlocked}
              onRemoveExample={(e) => setSet((current) => removeExample(current, i, e))}
            />
          ))}
          <p>
            <button
              type="button"
              disabled={addClassBlocked !== null}
              aria-describedby={addClassBlocked ? 'data-add-class-why' : undefined}
              onClick={() => {
                const added = addClass(set);
                if (added.ok) setSet(added.set);
              }}
            >
              Add a class
            </button>{' '}
            {addClassBlocked && <span id="data-add-class-why">{addClassBlocked}</span>}
          </p>
        </section>
      </div>

      <HeldOutPanel set={set} share={heldOutShare} onShare={setHeldOutShare} />

      <StoragePanel
        set={set}
        name={name}
        onName={setName}
        heldOutShare={heldOutShare}
        onReplace={replace}
        onLoadBuiltIn={loadBuiltIn}
        pendingBuiltIn={pendingBuiltIn}
        onNewEmpty={() => replace({ name: DEFAULT_NAME, set: emptyDataSet() })}
      />
    </section>
  );
}
