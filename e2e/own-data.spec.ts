/**
 * Training on a user's own data set: drawn in the editor and trained in the playground, whose
 * pad then reads a new drawing as one of the user's classes; the built-in shapes with their
 * class names in every view; and what a bad `data=` or an empty browser gets.
 */
import { expect, test } from '@playwright/test';
import { autosaved, counts, gridValues, openEditor, startTraining, stroke, waitForSteps, watchPage } from './fixtures';

type Stroke = [[number, number], [number, number]];
/** Three clearly different single strokes: upright, flat and slanted. */
const SHAPES: [string, Stroke][] = [
  [
    'upright',
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
  ],
  [
    'flat',
    [
      [0.15, 0.5],
      [0.85, 0.5],
    ],
  ],
  [
    'slanted',
    [
      [0.8, 0.2],
      [0.2, 0.8],
    ],
  ],
];

test('three classes drawn three times each train a CNN, and its pad then reads a new drawing as its class', async ({
  page,
}) => {
  const problems = watchPage(page);
  await openEditor(page);
  for (const [i, [name]] of SHAPES.entries()) await page.getByLabel(`Class ${i + 1} name`).fill(name);
  for (const [i, [name, line]] of SHAPES.entries()) {
    await page.getByLabel('Add to class').selectOption({ index: i });
    for (let k = 0; k < 3; k++) {
      // Each drawing a little apart from the others, as a student's would be.
      const offset = (k - 1) * 0.04;
      await stroke(page, [line[0][0] + offset, line[0][1]], [line[1][0] + offset, line[1][1] - offset]);
      await page.getByRole('button', { name: `Add to ${name}`, exact: true }).click();
    }
  }
  expect(await counts(page)).toEqual([3, 3, 3]);
  await autosaved(page);

  await page.getByRole('link', { name: 'Train on this set' }).click();
  await expect(page).toHaveURL(/#\/playground\?data=mine$/);
  const status = page.getByTestId('data-status');
  await expect(status).toHaveAttribute('data-classes', '3', { timeout: 60_000 });
  // Three examples a class: two to train on and one held out.
  await expect(status).toHaveAttribute('data-train', '6');
  await expect(status).toHaveAttribute('data-test', '3');
  await expect(status).toContainText(
    "The architecture's output layer had 10 units, one per class; this data has 3 classes, so it has 3.",
  );

  // Six examples make one batch an epoch: 40 epochs are 40 steps.
  await page.goto('./#/playground?data=mine&backend=wasm&epochs=40&lrDecay=1&snapshotMs=200');
  await expect(page.getByTestId('overview-prob-2')).toHaveAttribute('title', /^slanted: /, { timeout: 60_000 });
  await expect(page.getByTestId('overview-prob-3')).toHaveCount(0);
  await startTraining(page);
  await waitForSteps(page, 40);
  await expect(page.getByTestId('stat-state')).toHaveText('done', { timeout: 30_000 });

  // The confusion matrix counts the three held-out drawings under the classes' names.
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toHaveAttribute('data-total', '3');
  await expect(matrix.locator('thead th')).toHaveText(['true ╲ said', 'upright', 'flat', 'slanted']);

  for (const [name, line] of [SHAPES[1]!, SHAPES[0]!]) {
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await stroke(page, line[0], line[1]);
    await expect(page.getByTestId('draw-pad-status')).toContainText(`The network reads it as “${name}”`, {
      timeout: 30_000,
    });
  }
  expect(problems).toEqual([]);
});

test('the built-in shapes train with their names in the overview, the network view, the matrix and the trace', async ({
  page,
}) => {
  const problems = watchPage(page);
  await page.goto('./#/playground?data=shapes&backend=wasm&epochs=2&lrDecay=1');
  await expect(page.getByTestId('data-status')).toContainText(
    'Training on your data set Shapes: 3 classes (circle, cross, triangle), 144 training examples and 36 held out',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('param-notices')).toHaveCount(0);
  // The output layer keeps one unit per class: an edit to it is undone, with a note.
  const units = page.getByLabel('Layer 6 units');
  await units.fill('5');
  await expect(page.getByTestId('output-notice')).toHaveText(
    'The output layer keeps 3 units, one per class of the data.',
  );
  await units.blur();
  await expect(units).toHaveValue('3');
  // Every epoch ends on all 36 held-out examples, so there is no quick check between epochs.
  await expect(page.getByTestId('stat-check-accuracy')).toHaveCount(0);
  await startTraining(page);
  await expect(page.getByTestId('stat-state')).toHaveText('done', { timeout: 120_000 });
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toHaveAttribute('data-total', '36');
  await expect(matrix.locator('tbody th')).toHaveText(['circle', 'cross', 'triangle']);
  const cells = await matrix
    .locator('button[data-value]')
    .evaluateAll((nodes) => nodes.map((n) => Number(n.getAttribute('data-value'))));
  expect(cells).toHaveLength(9);
  // Shapes drawn by code are easy: most of the diagonal is right after two epochs.
  expect(cells[0]! + cells[4]! + cells[8]!).toBeGreaterThan(24);
  await expect(page.getByTestId('output-probabilities')).toHaveAccessibleName(
    /^Output probabilities per class: circle: .*, cross: .*, triangle: .*\. Predicted (circle|cross|triangle)\.$/,
  );
  await expect(page.getByText(/^Test example #0, “(circle|cross|triangle)”, step \d+$/)).toBeVisible();

  // A feature map traces as on MNIST.
  const map = page.getByTestId('overview-map-0-0');
  const box = (await map.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId('trace')).toHaveAttribute('data-layer', '0');
  expect(await gridValues(page.getByTestId('trace-kernel-0'))).toHaveLength(5);
  expect(problems).toEqual([]);
});

test('a data= the page does not know trains on MNIST and says so; data=mine with nothing stored points to the editor', async ({
  page,
}) => {
  await page.goto('./#/playground?data=cats&backend=wasm');
  await expect(page.getByTestId('param-notices')).toContainText(
    'data=cats is not a data set here (use one of mnist, mine, shapes, digits-017); training on MNIST.',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('overview-prob-9')).toBeVisible();

  await page.goto('./#/playground?data=mine');
  await expect(page.getByTestId('data-unusable')).toContainText(
    'No data set of yours is stored in this browser yet: make one in the data set editor first.',
  );
  await page.getByRole('link', { name: 'Open the data set editor' }).click();
  await expect(page.getByTestId('class-0')).toBeVisible();
});
