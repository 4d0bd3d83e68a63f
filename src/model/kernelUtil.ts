/** Helpers for kernels composed from a backend's own kernels (see gradKernels, poolGradKernel). */
import * as tf from '@tensorflow/tfjs';

export type Pair = [number, number];
export type Shape4D = [number, number, number, number];
/** Runs one kernel of the backend in hand; the caller owns (and disposes) the result. */
export type RunKernel = (name: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap) => tf.TensorInfo;

export function toPair(value: number | Pair | undefined): Pair {
  if (value === undefined) return [1, 1];
  return typeof value === 'number' ? [value, value] : value;
}

/** Runs another kernel of `backendName` directly; `composite` names the caller in errors. */
export function callKernel(
  composite: string,
  kernelName: string,
  backendName: string,
  backend: tf.KernelBackend,
  inputs: tf.NamedTensorInfoMap,
  attrs: tf.NamedAttrMap,
): tf.TensorInfo {
  const kernel = tf.getKernel(kernelName, backendName);
  if (kernel === undefined) throw new Error(`${composite} needs kernel '${kernelName}' on backend '${backendName}'.`);
  const out = kernel.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`Kernel '${kernelName}' returned several outputs.`);
  return out;
}
